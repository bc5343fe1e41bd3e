#pragma once

#include "import/importer.h"
#include "experiments/experiment.h"
#include "metrics/settingschange.h"
#include "segments/segmentstore.h"

#include <QObject>
#include <QUndoStack>

#include <functional>

namespace segmenta::ui {

class MainWindow;

// The undo history of changes to the workspace itself, beside the rule builder's history of rule edits:
// saving, renaming, describing and deleting segments, deleting experiments, changing the analysis settings, and imports (undoing an import
// removes it as a unit; redoing it imports the same file again with the same choices). Each entry has a
// readable name ("Delete segment “VIP”"). Work that can take long (imports, settings, which recompute every
// customer's metrics) runs on a worker with a busy dialog while the window keeps painting; after each step
// the window reloads the workspace. A step that fails says why and leaves the history where it was. The
// history starts empty for each workspace opened. GUI thread only.
class WorkspaceHistory : public QObject
{
    Q_OBJECT

public:
    explicit WorkspaceHistory(MainWindow *window);

    QUndoStack *stack() { return &m_stack; }
    void clear() { m_stack.clear(); }

    // Each of these does the change (through the history) and returns the error message, or an empty string.
    QString saveSegment(const segments::SavedSegment &segment);
    QString renameSegment(qint64 id, const QString &newName);
    QString deleteSegment(qint64 id);
    QString describeSegment(qint64 id, const QString &description);
    QString deleteExperiment(const QString &name);
    // Applies new analysis settings (the dashboard's analysis date) as a step named `name`: the metrics are
    // recomputed on a worker and the window reloads.
    QString changeSettings(const metrics::AnalysisChange &before, const metrics::AnalysisChange &after, const QString &name);
    // Changes already made (the import wizard and the settings dialog did them): recorded so they can be undone.
    void recordImport(const QString &path, const import::ImportOptions &options, qint64 sourceId);
    void recordSettings(const metrics::AnalysisChange &before, const metrics::AnalysisChange &after);

    // For the commands: runs `work` (given the workspace's path, returning an error message or "") on a worker
    // while a busy dialog shows `label`; the GUI thread keeps processing events meanwhile.
    QString runOnWorker(const QString &label, const std::function<QString(const QString &path)> &work);
    MainWindow *window() const { return m_window; }
    // Shows a step that failed.
    void showFailure(const QString &message);

Q_SIGNALS:
    // An experiment was deleted or put back (the Experiments dialog lists them again).
    void experimentsChanged();

private:
    QString push(QUndoCommand *command);

    MainWindow *m_window;
    QUndoStack m_stack;
    QString m_lastError;
    bool m_pushing = false;
    friend class HistoryCommand;
};

} // namespace segmenta::ui
