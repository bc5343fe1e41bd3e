#pragma once

#include "common/progress.h"

#include <QWizardPage>

#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace segmenta::import {
struct ImportOutcome;
struct ImportSummary;
}

namespace segmenta::ui {

class ImportWizard;

// Runs the import when shown (creating the new workspace the first page chose, which a cancelled or failed
// import removes again): a progress bar and Cancel; then what happened (customers and orders added, their dates
// and revenue, what was left out and why as a list; rows added, updated, unchanged, could not be used) and the
// rows that could not be used, with their row, column, value and reason, which can be
// saved as a CSV file. A cancelled or failed import says so and leaves the workspace as it was; Back goes to
// the choices again. GUI thread only.
class ImportRunPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit ImportRunPage(ImportWizard *wizard);
    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    bool isRunning() const { return m_running; }
    void cancel();
    QTableWidget *rejectsTable() const { return m_rejects; }

private:
    void start();
    void finished(const QString &error);
    static QString outcomeText(const import::ImportOutcome &outcome, const QString &currencySymbol);
    static QString orderLines(const import::ImportSummary &summary);
    void loadRejects(qint64 sourceId);
    void saveRejects();

    ImportWizard *m_wizard;
    QLabel *m_status;
    QProgressBar *m_bar;
    QPushButton *m_cancel;
    QLabel *m_summary;
    QTableWidget *m_rejects;
    QPushButton *m_saveRejects;
    std::shared_ptr<Progress> m_progress;
    bool m_running = false;
    bool m_done = false;
};

} // namespace segmenta::ui
