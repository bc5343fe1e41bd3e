#pragma once

#include "experiments/experiment.h"
#include "experiments/experimentresult.h"
#include "charts/conversionchart.h"

#include <QDialog>

#include <optional>
#include <vector>

class QDoubleSpinBox;
class QLabel;
class QListWidget;
class QPushButton;
class QSpinBox;
class QSplitter;
class QTableWidget;

namespace segmenta::store {
class Workspace;
}

namespace segmenta::ui {

class WorkspaceHistory;

// Segment > Experiments: the A/B experiments recorded when splits were exported, and for the one selected its
// result over a window after the start: a table per group (members, buyers, conversion with its 95 % interval,
// revenue, per member), each group against the control (difference with its interval, p-values), a chart of
// conversion with its interval, one plain sentence per comparison, and a warning when the groups are too small
// for the difference the user cares about. Delete goes through the workspace history (undoable); Save as PDF
// writes the result page.
//
// The measurement runs on a worker with a connection of its own; a result that a newer request (another
// experiment, window or difference) replaced is dropped. GUI thread; the workspace and the history must
// outlive the dialog.
class ExperimentsDialog : public QDialog
{
    Q_OBJECT

public:
    ExperimentsDialog(store::Workspace *workspace, WorkspaceHistory *history, QWidget *parent = nullptr);

    // Another workspace connection (the window reopened the workspace): lists its experiments.
    void setWorkspace(store::Workspace *workspace);
    // Lists the experiments again (after one was deleted or put back), keeping the selection when it still exists.
    void reload();
    // The result shown, if any (for tests and the PDF).
    const std::optional<experiments::ExperimentResult> &result() const { return m_result; }
    // Whether the workspace has an experiment to measure (without one the dialog says how to record one).
    bool hasExperiments() const { return !m_experiments.empty(); }
    // Writes the result page shown to `path`; returns an empty string or the error.
    QString savePdf(const QString &path);

    // The chart's bars for `result`: one per group, the control labelled as such.
    static std::vector<ConversionChart::Bar> barsFor(const experiments::ExperimentResult &result);
    // Measures, on a worker while a busy dialog over `parent` shows, the experiments of the workspace at `path`
    // recorded from `ruleText` (the same rule, spacing aside) over the default window. Returns the results, or
    // the message to show in `error`.
    static std::vector<experiments::ExperimentResult> measureForRule(QWidget *parent, const QString &path,
                                                                     const QString &ruleText, QString *error);

Q_SIGNALS:
    // A result (or the message why there is none) is on screen.
    void resultShown();

private:
    void measureSelected();
    void showResult(const experiments::ExperimentResult &result);
    void showMessage(const QString &message);
    void showNoExperiments();
    void deleteSelected();
    void savePdfWithDialog();
    const experiments::Experiment *selected() const;

    store::Workspace *m_workspace;
    WorkspaceHistory *m_history;
    std::vector<experiments::Experiment> m_experiments;
    std::optional<experiments::ExperimentResult> m_result;
    quint64 m_request = 0; // the latest measurement asked for; older results are dropped
    QListWidget *m_list;
    QLabel *m_heading;
    QSpinBox *m_window;
    QDoubleSpinBox *m_difference;
    QTableWidget *m_table;
    ConversionChart *m_chart;
    QLabel *m_sentence;
    QLabel *m_warning;
    QPushButton *m_delete;
    QPushButton *m_pdf;
    QSplitter *m_content = nullptr; // the list and the result; hidden while there is no experiment
    QLabel *m_empty = nullptr;      // instead of them then: what an experiment is and how to record one
};

} // namespace segmenta::ui
