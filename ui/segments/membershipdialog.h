#pragma once

#include "customers/keycustomertable.h"
#include "segments/membershipchange.h"

#include <QDialog>

#include <memory>

class QLabel;
class QPushButton;

namespace segmenta {
class Progress;
}

namespace segmenta::ui {

// Who joined and who left a saved segment since the previous analysis date (the ▲/▼ beside it in the
// segment list), by name: worked out on a worker with a workspace connection of its own
// (segments::MembershipChanges), then shown as two lists of key fields, at most kShown rows each. Export…
// writes both lists whole, with a column saying which, through the member export (XLSX or CSV). Closing the
// dialog cancels a computation still running. GUI thread.
class MembershipDialog : public QDialog
{
    Q_OBJECT

public:
    static constexpr size_t kShown = 1000;

    // `ruleText` is the segment's rule, recorded in the exported workbook.
    MembershipDialog(const QString &workspacePath, qint64 segmentId, const QString &segmentName, const QString &ruleText,
                     QWidget *parent = nullptr);
    ~MembershipDialog() override;

    KeyCustomerTable *joinedTable() const { return m_joined; }
    KeyCustomerTable *leftTable() const { return m_left; }
    const segments::MembershipChange &change() const { return m_change; }
    bool isReady() const { return m_done; }
    // Writes both lists to `path` (.xlsx or .csv) on a worker; a message says how it went.
    void exportTo(const QString &path);

protected:
    void changeEvent(QEvent *event) override;

Q_SIGNALS:
    // The lists are shown (or the reason they cannot be).
    void ready();

private:
    struct Outcome
    {
        QString error;
        segments::MembershipChange change;
        KeyCustomerTable::Rows joined;
        KeyCustomerTable::Rows left;
    };
    static Outcome work(const QString &workspacePath, qint64 segmentId, Progress *progress);
    QWidget *listBox(KeyCustomerTable *table, QLabel *title);
    void start();
    void showOutcome(const Outcome &outcome);
    void retranslate();
    void chooseExportFile();

    QString m_path;
    qint64 m_segmentId;
    QString m_segmentName;
    QString m_ruleText;
    std::shared_ptr<Progress> m_progress;
    segments::MembershipChange m_change;
    bool m_done = false;
    QString m_error;
    QLabel *m_summary;
    QLabel *m_joinedTitle;
    QLabel *m_leftTitle;
    KeyCustomerTable *m_joined;
    KeyCustomerTable *m_left;
    QPushButton *m_export;
};

} // namespace segmenta::ui
