#pragma once

#include "rules/rule.h"
#include "segments/segmentstore.h"

#include <QFuture>
#include <QMainWindow>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QStackedWidget;
class QLabel;
class QDockWidget;
class QTabWidget;
class QSplitter;

namespace segmenta {
class Progress;
}
namespace segmenta::store {
class Workspace;
}

namespace segmenta::ui {

class StartPage;
class WorkspaceHistory;
class DashboardPanel;
class DashboardController;
class RulePanel;
class RuleSplitter;
class SegmentList;
class CustomersView;
class MemberPreview;

// The Segmenta main window: saved segments on the left, the rule being edited and its live dashboard in
// the centre, the workspace, analysis date and customer count in the status bar. Shows the start page while
// no workspace is open. Owns the open workspace (the GUI thread's connection); evaluation and demo
// generation run on worker threads.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a workspace file; shows a message and keeps the current workspace when it cannot.
    bool openWorkspace(const QString &path);
    // The rule to show when the first workspace opens (--rule): shown as the workspace's starting point, not
    // as a step of the history, and only once (a reload keeps the rule being edited).
    void setStartRule(const QString &ruleText);
    // Opens the demo shop, generating it first (off the GUI thread, with progress) when it does not exist.
    void openDemoShop();

    store::Workspace *workspace() const { return m_workspace.get(); }
    DashboardPanel *dashboard() const { return m_dashboard; }
    RulePanel *rulePanel() const { return m_rulePanel; }
    DashboardController *controller() const { return m_controller; }
    CustomersView *customersView() const { return m_customers; }
    // Shows the Customers tab (true) or the dashboard (false).
    void showCustomers(bool show = true);
    // Asks how to export the members of the rule being edited (File > Export Members…) and exports them.
    void exportMembers();
    // The export dialog for these customers among the rule's members (a selection in the Customers view).
    void exportSelected(const std::vector<qint64> &customerIds);
    // Opens the settings dialog (Tools > Settings…); an applied change reloads the figures.
    void editSettings();
    // Sets the analysis date (the dashboard's date box) as one undoable step; the figures are recomputed.
    void changeAnalysisDate(const QDate &date);
    // The dashboard's "use today": the analysis date follows the calendar again (the figures are recomputed).
    void useToday();
    // Reopens the workspace after a change to its data or settings, keeping the rule being edited.
    void reloadWorkspace();
    // Shows the saved segments again after one was saved, renamed, deleted or put back.
    void refreshSegments();
    void renameSegment(qint64 id, const QString &name); // asks for the new name
    // The Segment menu. Update saves the rule being edited into its saved segment (colour, description and
    // place kept), or asks for a name when none is edited; Save As asks for a name, and before replacing a
    // segment of that name (whose colour and description stay); a new segment gets a colour no other has.
    void newRule();
    void updateSegment();
    void saveSegmentAs();
    void duplicateSegment();
    void editSegmentDescription();
    void deleteSegment(qint64 id, const QString &name);
    // Sharing: reads a .segment.json file into the workspace as a new segment (undoable), or writes the
    // saved segment `id` (0: the rule being edited) to a file the user chooses.
    bool importSegmentFile(const QString &path);
    void exportSegmentFile(qint64 id = 0);
    // File > Save a Copy: a consistent copy of the open workspace through SQLite's backup API, made on a worker
    // with a connection of its own. Asks for the file when `target` is empty; returns the error shown, if any.
    QString saveCopy(const QString &target = QString());
    // The overlap of every pair of saved segments, in a window of its own.
    void showSegmentOverlap();
    // Who joined and who left saved segment `id` since the previous analysis date (a click on its ▲/▼, or
    // Segment > Who Joined and Left), in a window of its own; 0: the segment chosen (chosenSegment()).
    void showMembershipChanges(qint64 id = 0);
    // Segment > Experiments: the A/B experiments recorded with exports and how each turned out.
    void showExperiments();
    // How many customers changed lifecycle stage when the analysis date last moved forward.
    void showLifecycleMoves();
    WorkspaceHistory *history() const { return m_history; }
    // Where the demo shop lives (generated there on first use).
    static QString demoShopPath();
    // Writes the one-page PDF report of the rule and figures shown; returns an empty string or the error.
    QString saveReport(const QString &path);
    // Opens the import wizard for `path` (into the open workspace, or a new one the user names).
    void importFile(const QString &path);

    // Whether the open workspace is being checked for damage on a worker (shown read-only meanwhile).
    bool isCheckingWorkspace() const { return m_check.has_value(); }
    // Whether a workspace is being opened or reopened (a busy dialog is up; see awaitWorkspaceCheck).
    bool isOpeningWorkspace() const { return m_opening > 0; }
    // Every change to the workspace calls this first. It waits (behind a busy dialog) for the damage check of
    // a workspace shown before its check was done, which reopens it for writing; false when it may not be
    // changed (damaged after all). While a workspace opens or reopens, the busy dialog's event loop can still
    // deliver queued calls, and the window then holds the workspace it had (perhaps read-only): a change asked
    // for then returns false and, when `later` is given, `later` runs once the open is done.
    bool awaitWorkspaceCheck(const std::function<void()> &later = {});

Q_SIGNALS:
    void workspaceOpened();
    // A workspace starts to open or to be reopened; the window still holds the one it had until it is open.
    void workspaceOpening();
    // The damage check of a workspace shown while it ran is done, and the workspace was reopened as it found it.
    void workspaceChecked();

protected:
    // A .segmenta file dropped on the window opens; a spreadsheet is imported.
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void createMenus();
    // Commands that need a workspace (exports, the report, a copy, the Segment menu) are greyed without one.
    void enableWorkspaceActions();
    // Edit > History: every step of the one history, in order; clicking one goes back (or forward) to it.
    void showHistory();
    void retranslate();
    void chooseWorkspace();
    void importSpreadsheet();
    void saveReportWithDialog();
    void openExportDialog(const std::optional<std::vector<qint64>> &customerIds);
    void narrowTo(const std::vector<rules::Condition> &conditions);
    bool saveRuleAs(const QString &name, const rules::Rule &rule);
    // The saved segment the menu's commands act on: the one being edited, else the one selected (0: none).
    qint64 chosenSegment() const;
    // The saved segment `id` as stored now; nullopt when there is none (deleted, an undone save, id 0).
    std::optional<segments::SavedSegment> savedSegment(qint64 id) const;
    // The member preview to the right of `centre` (the rule over the dashboard), in a splitter whose handle
    // is remembered, shown and hidden with m_previewAction.
    QWidget *withMemberPreview(QWidget *centre);
    // Shown as the user last chose, or while the window is wide enough when the user never chose.
    void showMemberPreview(bool shown);
    // After the segments changed: the rule panel's header follows the segment it edits.
    void followEditedSegment();
    void showStatus();
    void newWorkspace();
    // The damage check of a workspace shown before it was done (see openWorkspace).
    void startWorkspaceCheck(const QString &path);
    void cancelWorkspaceCheck();
    void finishWorkspaceCheck();
    // Held while a workspace opens and while a change waits for the check: the changes asked for meanwhile
    // (m_afterOpening) are run, queued, when the outermost one ends.
    struct Opening
    {
        explicit Opening(MainWindow *window);
        ~Opening();
        Opening(const Opening &) = delete;
        Opening &operator=(const Opening &) = delete;
        MainWindow *window;
    };

    std::unique_ptr<store::Workspace> m_workspace;
    QStackedWidget *m_pages;
    StartPage *m_startPage;
    QWidget *m_segmentPage;
    RulePanel *m_rulePanel;
    DashboardPanel *m_dashboard;
    DashboardController *m_controller;
    SegmentList *m_segmentList;
    QDockWidget *m_segmentsDock;
    QLabel *m_statusLabel;
    QTabWidget *m_centreTabs;
    CustomersView *m_customers;
    WorkspaceHistory *m_history;
    QString m_openedPath; // the history belongs to this workspace
    struct PendingCheck
    {
        std::shared_ptr<Progress> progress;
        QFuture<void> future;
    };
    std::optional<PendingCheck> m_check;
    bool m_checkFirst = false; // the next open checks before showing, as after a check that gave no answer
    int m_opening = 0;         // Opening guards held
    std::vector<std::function<void()>> m_afterOpening;
    QString m_startRule;  // --rule, until the first workspace opens
    RuleSplitter *m_splitter = nullptr;
    MemberPreview *m_preview = nullptr;
    QSplitter *m_previewSplitter = nullptr;
    QAction *m_previewAction = nullptr;
    bool m_retranslatePending = false;
    bool m_dockFitted = false; // the segments dock was widened for this workspace's names
    QList<QAction *> m_workspaceActions; // made again with the menus
};

} // namespace segmenta::ui
