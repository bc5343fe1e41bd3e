#pragma once

#include "customers/keycustomertable.h"
#include "rules/rulecontext.h"

#include <QWidget>

#include <vector>

class QLabel;

namespace segmenta::ui {

// The first members of the rule being edited (kCount of them, in the Customers view's first order: by when
// each customer was added) with their key fields, beside the rule. The members' ids come with each
// evaluation of the dashboard (DashboardController::firstMembers), so the preview, the count line and the
// Customers view describe one rule; their fields are read on a worker with a connection of its own, and a
// read that a newer one replaced is dropped when it ends. Hidden, it reads nothing; shown again, it reads the
// latest ids. GUI thread.
class MemberPreview : public QWidget
{
    Q_OBJECT

public:
    static constexpr size_t kCount = 20;

    explicit MemberPreview(QWidget *parent = nullptr);

    // The workspace file and its customer fields (empty path: none open).
    void setWorkspace(const QString &path, const rules::RuleContext &context);
    // The first members' ids, ascending, and how many members the rule has in all.
    void showMembers(const std::vector<qint64> &ids, qint64 total);
    KeyCustomerTable *table() const { return m_table; }
    // Whether the rows on show are those of the latest ids.
    bool isCurrent() const { return !m_stale && !m_loading; }

Q_SIGNALS:
    void rowsShown();

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void load();
    void retranslate();

    QString m_path;
    rules::RuleContext m_context;
    std::vector<qint64> m_ids;
    qint64 m_total = 0;
    quint64 m_generation = 0;
    bool m_stale = false;   // ids arrived that are not read yet
    bool m_loading = false;
    QLabel *m_title;
    KeyCustomerTable *m_table;
    QLabel *m_note;
};

} // namespace segmenta::ui
