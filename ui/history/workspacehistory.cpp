#include "history/workspacehistory.h"

#include "busywork.h"
#include "experiments/experimentstore.h"
#include "mainwindow.h"
#include "segments/rulepanel.h"
#include "store/workspace.h"

#include <QFileInfo>
#include <QMessageBox>

#include <optional>

namespace segmenta::ui {

// A step of the history. redo() and undo() report failures through the history and make the command
// obsolete, so the stack drops it instead of keeping a step that did not happen.
class HistoryCommand : public QUndoCommand
{
public:
    HistoryCommand(WorkspaceHistory *history, const QString &text) : QUndoCommand(text), m_history(history) {}

    // Edit > Undo and Redo of a step done before the workspace was reopened for its damage check (the same file,
    // changed outside Segmenta) wait for that check, as every other change does, and then act on the workspace
    // reopened for writing. A step first done (pushed) was already held by its caller.
    void redo() final
    {
        if (!m_history->m_pushing)
            m_history->window()->awaitWorkspaceCheck();
        apply();
    }
    void undo() final
    {
        m_history->window()->awaitWorkspaceCheck();
        revert();
    }

protected:
    virtual void apply() = 0;
    virtual void revert() = 0;

    bool check(const QString &error)
    {
        if (error.isEmpty())
            return true;
        m_history->m_lastError = error;
        if (!m_history->m_pushing)
            m_history->showFailure(error); // from Edit > Undo or Redo: nobody else will say it
        setObsolete(true);
        return false;
    }
    store::Workspace *workspace() const { return m_history->window()->workspace(); }
    segments::SegmentStore store() const { return segments::SegmentStore(workspace()->db()); }

    WorkspaceHistory *m_history;
};

namespace {

QString errorOf(const Result<void> &result)
{
    return result ? QString() : result.errorMessage();
}

class SaveSegmentCommand : public HistoryCommand
{
public:
    SaveSegmentCommand(WorkspaceHistory *history, const segments::SavedSegment &segment)
        : HistoryCommand(history, WorkspaceHistory::tr("Save segment “%1”").arg(segment.name)), m_segment(segment)
    {
    }
    void apply() override
    {
        m_before.reset();
        const auto existing = store().find(m_segment.name);
        if (!check(existing ? QString() : existing.errorMessage()))
            return;
        if (existing.value()) {
            const auto snapshot = store().snapshot(existing.value()->id);
            if (!check(snapshot ? QString() : snapshot.errorMessage()))
                return;
            m_before = snapshot.value();
        }
        const auto saved = store().save(m_segment);
        if (check(saved ? QString() : saved.errorMessage())) {
            m_id = saved.value();
            // Redone after an undo that left the rule being edited without its segment: it is that segment's again.
            RulePanel *panel = m_history->window()->rulePanel();
            if (m_reattach && panel->segmentId() == 0)
                panel->setSegment(m_id, m_segment.name, m_segment.rule);
        }
        m_reattach = false;
        m_history->window()->refreshSegments();
    }
    void revert() override
    {
        m_reattach = m_history->window()->rulePanel()->segmentId() == m_id;
        QString error = errorOf(store().remove(m_id));
        if (error.isEmpty() && m_before)
            error = errorOf(store().restore(*m_before));
        check(error);
        m_history->window()->refreshSegments();
    }

private:
    segments::SavedSegment m_segment;
    std::optional<segments::SegmentSnapshot> m_before; // the segment this one replaced, if any
    qint64 m_id = 0;
    bool m_reattach = false; // the rule being edited was this segment's when it was undone
};

class RenameSegmentCommand : public HistoryCommand
{
public:
    RenameSegmentCommand(WorkspaceHistory *history, qint64 id, const QString &from, const QString &to)
        : HistoryCommand(history, WorkspaceHistory::tr("Rename segment “%1” to “%2”").arg(from, to)), m_id(id), m_from(from), m_to(to)
    {
    }
    void apply() override
    {
        check(errorOf(store().rename(m_id, m_to)));
        m_history->window()->refreshSegments();
    }
    void revert() override
    {
        check(errorOf(store().rename(m_id, m_from)));
        m_history->window()->refreshSegments();
    }

private:
    qint64 m_id;
    QString m_from;
    QString m_to;
};

class DescribeSegmentCommand : public HistoryCommand
{
public:
    DescribeSegmentCommand(WorkspaceHistory *history, qint64 id, const QString &name, const QString &from, const QString &to)
        : HistoryCommand(history, WorkspaceHistory::tr("Describe segment “%1”").arg(name)), m_id(id), m_from(from), m_to(to)
    {
    }
    void apply() override
    {
        check(errorOf(store().setDescription(m_id, m_to)));
        m_history->window()->refreshSegments();
    }
    void revert() override
    {
        check(errorOf(store().setDescription(m_id, m_from)));
        m_history->window()->refreshSegments();
    }

private:
    qint64 m_id;
    QString m_from;
    QString m_to;
};

class DeleteSegmentCommand : public HistoryCommand
{
public:
    DeleteSegmentCommand(WorkspaceHistory *history, qint64 id, const QString &name)
        : HistoryCommand(history, WorkspaceHistory::tr("Delete segment “%1”").arg(name)), m_id(id)
    {
    }
    void apply() override
    {
        const auto snapshot = store().snapshot(m_id);
        if (!check(snapshot ? QString() : snapshot.errorMessage()))
            return;
        m_snapshot = snapshot.value();
        check(errorOf(store().remove(m_id)));
        m_history->window()->refreshSegments();
    }
    void revert() override
    {
        check(errorOf(store().restore(m_snapshot)));
        m_history->window()->refreshSegments();
    }

private:
    qint64 m_id;
    segments::SegmentSnapshot m_snapshot;
};

// Deleting an experiment keeps all of it (groups, members with their keys) to put it back under its id.
class DeleteExperimentCommand : public HistoryCommand
{
public:
    DeleteExperimentCommand(WorkspaceHistory *history, const QString &name)
        : HistoryCommand(history, WorkspaceHistory::tr("Delete experiment “%1”").arg(name)), m_name(name)
    {
    }
    void apply() override
    {
        experiments::ExperimentStore experiments(workspace()->db());
        const auto found = experiments.find(m_name);
        if (!check(found ? QString() : found.errorMessage()))
            return;
        if (!check(found.value() ? QString() : WorkspaceHistory::tr("There is no experiment named “%1”").arg(m_name)))
            return;
        m_experiment = *found.value();
        check(errorOf(experiments.remove(m_experiment.id)));
        Q_EMIT m_history->experimentsChanged();
    }
    void revert() override
    {
        check(errorOf(experiments::ExperimentStore(workspace()->db()).restore(m_experiment)));
        Q_EMIT m_history->experimentsChanged();
    }

private:
    QString m_name;
    experiments::Experiment m_experiment;
};

class ImportCommand : public HistoryCommand
{
public:
    ImportCommand(WorkspaceHistory *history, const QString &path, const import::ImportOptions &options, qint64 sourceId)
        : HistoryCommand(history, WorkspaceHistory::tr("Import “%1”").arg(QFileInfo(path).fileName())), m_path(path),
          m_options(options), m_sourceId(sourceId)
    {
    }
    void apply() override
    {
        if (m_done) {
            m_done = false; // pushed after the import itself
            return;
        }
        qint64 sourceId = 0;
        const QString file = m_path;
        const auto options = m_options;
        const QString error = m_history->runOnWorker(WorkspaceHistory::tr("Importing “%1” again…").arg(QFileInfo(m_path).fileName()),
                                                     [file, options, &sourceId](const QString &path) {
                                                         auto workspace = store::Workspace::open(path);
                                                         if (!workspace)
                                                             return workspace.errorMessage();
                                                         const auto summary = import::Importer::run(*workspace.value(), file, options);
                                                         if (!summary)
                                                             return summary.errorMessage();
                                                         sourceId = summary->sourceId;
                                                         const auto metrics = metrics::CustomerMetrics::ensureCurrent(*workspace.value());
                                                         return metrics ? QString() : metrics.errorMessage();
                                                     });
        if (check(error))
            m_sourceId = sourceId;
        m_history->window()->reloadWorkspace();
    }
    void revert() override
    {
        const qint64 sourceId = m_sourceId;
        check(m_history->runOnWorker(WorkspaceHistory::tr("Removing the import of “%1”…").arg(QFileInfo(m_path).fileName()),
                                     [sourceId](const QString &path) {
                                         auto workspace = store::Workspace::open(path);
                                         if (!workspace)
                                             return workspace.errorMessage();
                                         if (const auto undone = import::Importer::undo(*workspace.value(), sourceId); !undone)
                                             return undone.errorMessage();
                                         const auto metrics = metrics::CustomerMetrics::ensureCurrent(*workspace.value());
                                         return metrics ? QString() : metrics.errorMessage();
                                     }));
        m_history->window()->reloadWorkspace();
    }

private:
    QString m_path;
    import::ImportOptions m_options;
    qint64 m_sourceId;
    bool m_done = true;
};

class SettingsCommand : public HistoryCommand
{
public:
    // `done`: the change was already made (by the settings dialog); else the first redo makes it.
    SettingsCommand(WorkspaceHistory *history, const metrics::AnalysisChange &before, const metrics::AnalysisChange &after,
                    bool done = true, const QString &name = QString())
        : HistoryCommand(history, name.isEmpty() ? WorkspaceHistory::tr("Change the analysis settings") : name),
          m_before(before), m_after(after), m_done(done)
    {
    }
    void apply() override
    {
        if (m_done) {
            m_done = false;
            return;
        }
        applyChange(m_after);
    }
    void revert() override { applyChange(m_before); }

private:
    void applyChange(const metrics::AnalysisChange &change)
    {
        check(m_history->runOnWorker(WorkspaceHistory::tr("Recomputing the customer metrics…"), [change](const QString &path) {
            auto workspace = store::Workspace::open(path);
            if (!workspace)
                return workspace.errorMessage();
            const auto applied = metrics::AnalysisChanges::apply(*workspace.value(), change);
            return applied ? QString() : applied.errorMessage();
        }));
        m_history->window()->reloadWorkspace();
    }

    metrics::AnalysisChange m_before;
    metrics::AnalysisChange m_after;
    bool m_done;
};

} // namespace

WorkspaceHistory::WorkspaceHistory(MainWindow *window) : QObject(window), m_window(window) {}

QString WorkspaceHistory::push(QUndoCommand *command)
{
    m_lastError.clear();
    m_pushing = true;
    m_stack.push(command); // runs redo(); a failed one is dropped as obsolete
    m_pushing = false;
    return m_lastError;
}

QString WorkspaceHistory::saveSegment(const segments::SavedSegment &segment)
{
    return push(new SaveSegmentCommand(this, segment));
}

QString WorkspaceHistory::renameSegment(qint64 id, const QString &newName)
{
    const auto segments = segments::SegmentStore(m_window->workspace()->db()).list();
    if (!segments)
        return segments.errorMessage();
    for (const auto &segment : segments.value()) {
        if (segment.id == id)
            return push(new RenameSegmentCommand(this, id, segment.name, newName));
    }
    return tr("There is no segment number %1").arg(id);
}

QString WorkspaceHistory::deleteSegment(qint64 id)
{
    const auto segments = segments::SegmentStore(m_window->workspace()->db()).list();
    if (!segments)
        return segments.errorMessage();
    for (const auto &segment : segments.value()) {
        if (segment.id == id)
            return push(new DeleteSegmentCommand(this, id, segment.name));
    }
    return tr("There is no segment number %1").arg(id);
}

QString WorkspaceHistory::describeSegment(qint64 id, const QString &description)
{
    const auto segments = segments::SegmentStore(m_window->workspace()->db()).list();
    if (!segments)
        return segments.errorMessage();
    for (const auto &segment : segments.value()) {
        if (segment.id == id)
            return push(new DescribeSegmentCommand(this, id, segment.name, segment.description, description));
    }
    return tr("There is no segment number %1").arg(id);
}

QString WorkspaceHistory::deleteExperiment(const QString &name)
{
    return push(new DeleteExperimentCommand(this, name));
}

void WorkspaceHistory::recordImport(const QString &path, const import::ImportOptions &options, qint64 sourceId)
{
    push(new ImportCommand(this, path, options, sourceId));
}

QString WorkspaceHistory::changeSettings(const metrics::AnalysisChange &before, const metrics::AnalysisChange &after,
                                        const QString &name)
{
    if (before == after)
        return {};
    return push(new SettingsCommand(this, before, after, false, name));
}

void WorkspaceHistory::recordSettings(const metrics::AnalysisChange &before, const metrics::AnalysisChange &after)
{
    if (!(before == after))
        push(new SettingsCommand(this, before, after));
}

QString WorkspaceHistory::runOnWorker(const QString &label, const std::function<QString(const QString &path)> &work)
{
    if (!m_window->workspace())
        return tr("No workspace is open");
    return runWithBusyDialog(m_window, label, [work, path = m_window->workspace()->path()] { return work(path); });
}

void WorkspaceHistory::showFailure(const QString &message)
{
    QMessageBox::warning(m_window, tr("Cannot Undo or Redo"), message);
}

} // namespace segmenta::ui
