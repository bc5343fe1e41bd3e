#include "mainwindow.h"

#include "common/datetext.h"

#include "experiments/experimentsdialog.h"
#include "charts/conversionchart.h"
#include "futurewatch.h"

#include "dashboard/dashboardcontroller.h"
#include "dashboard/dashboardpanel.h"
#include "dashboard/lifecyclemovesdialog.h"
#include "segments/memberpreview.h"
#include "segments/membershipdialog.h"
#include "segments/overlapdialog.h"
#include "segments/rulepanel.h"
#include "segments/rulesplitter.h"
#include "segments/nameprompt.h"
#include "segments/segmentlist.h"
#include "startpage.h"
#include "customers/customersview.h"
#include "export/exportdialog.h"
#include "export/memberexportjob.h"
#include "help/helpmenu.h"
#include "help/tour.h"
#include "settings/appsettings.h"
#include "settings/recentworkspacesmenu.h"
#include "settings/settingsdialog.h"

#include "demo/demoshop.h"
#include "import/importer.h"
#include "busywork.h"
#include "builder/rulebuilder.h"
#include "history/workspacehistory.h"
#include "import/importwizard.h"
#include "report/segmentreport.h"
#include "metrics/customermetrics.h"
#include "metrics/settingschange.h"
#include "rules/rulecontext.h"
#include "rules/ruletext.h"
#include "segments/segmentfile.h"
#include "segments/segmentstore.h"
#include "store/workspace.h"

#include <QAbstractButton>
#include <QDialog>
#include <QApplication>
#include <QDir>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QUrl>
#include <QTimer>
#include <QUndoStack>
#include <QUndoView>
#include <QDockWidget>
#include <QFileDialog>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressDialog>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>

#include <algorithm>
#include <climits>

namespace segmenta::ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_pages(new QStackedWidget(this)), m_startPage(new StartPage(this)),
      m_segmentPage(new QWidget(this)), m_rulePanel(new RulePanel(this)), m_dashboard(new DashboardPanel(this)),
      m_controller(new DashboardController(m_dashboard, this)), m_segmentList(new SegmentList(this)),
      m_segmentsDock(new QDockWidget(this)), m_statusLabel(new QLabel(this)), m_centreTabs(new QTabWidget(this)),
      m_customers(new CustomersView(this)), m_history(new WorkspaceHistory(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setAcceptDrops(true);
    setWindowTitle(tr("Segmenta"));
    // The dashboard and the Customers view share the space below the rule, as tabs.
    m_centreTabs->setObjectName(QStringLiteral("centreTabs"));
    m_centreTabs->setDocumentMode(true);
    m_centreTabs->addTab(m_dashboard, tr("Dashboard"));
    m_centreTabs->addTab(m_customers, tr("Customers"));
    auto *splitter = new RuleSplitter(m_rulePanel, m_centreTabs, m_segmentPage);
    m_splitter = splitter;
    connect(m_rulePanel, &RulePanel::ruleChanged, splitter, &RuleSplitter::fitSoon); // the rule's height follows its conditions
    connect(m_rulePanel, &RulePanel::contentHeightChanged, splitter, &RuleSplitter::fitSoon); // and their editors
    auto *pageLayout = new QVBoxLayout(m_segmentPage);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->addWidget(withMemberPreview(splitter));
    m_pages->addWidget(m_startPage);
    m_pages->addWidget(m_segmentPage);
    setCentralWidget(m_pages);

    m_segmentsDock->setObjectName(QStringLiteral("segmentsDock"));
    m_segmentsDock->setWindowTitle(tr("Saved Segments"));
    m_segmentsDock->setWidget(m_segmentList);
    m_segmentsDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, m_segmentsDock);
    m_segmentsDock->hide();

    m_statusLabel->setObjectName(QStringLiteral("workspaceStatus"));
    statusBar()->addPermanentWidget(m_statusLabel);
    // One history: rule edits, chart clicks, opened rules, saves, deletes, imports and settings, in order.
    m_rulePanel->setHistory(m_history->stack());
    createMenus();
    connect(m_startPage, &StartPage::openDemoRequested, this, &MainWindow::openDemoShop);
    connect(m_startPage, &StartPage::openRequested, this, &MainWindow::chooseWorkspace);
    connect(m_startPage, &StartPage::importRequested, this, &MainWindow::importSpreadsheet);
    connect(m_startPage, &StartPage::recentRequested, this, [this](const QString &path) { openWorkspace(path); });
    connect(m_rulePanel, &RulePanel::ruleChanged, m_controller, &DashboardController::setRule);
    connect(m_rulePanel, &RulePanel::ruleChanged, m_customers, &CustomersView::setRule);
    connect(m_customers, &CustomersView::exportRequested, this, &MainWindow::exportMembers);
    connect(m_customers, &CustomersView::exportSelectedRequested, this, &MainWindow::exportSelected);
    connect(m_rulePanel, &RulePanel::saveRequested, this, &MainWindow::saveSegmentAs);
    // Clicking a chart element narrows the rule to those customers (one undo step of the rule's history).
    m_dashboard->setSegmentSource([this] {
        const QString rule = m_rulePanel->ruleText().simplified();
        if (!m_rulePanel->segmentName().isEmpty())
            return m_rulePanel->isModified() ? tr("%1 (modified)").arg(m_rulePanel->segmentName()) : m_rulePanel->segmentName();
        return rule.isEmpty() ? tr("all customers") : tr("rule %1").arg(rule);
    });
    connect(m_dashboard, &DashboardPanel::funnelStepClicked, this, [this](int step) {
        if (step <= 0 || !m_workspace)
            return;
        const int growingMax = metrics::AnalysisSettings::load(*m_workspace).lifecycle.growingMaxOrders;
        const int atLeast[] = {0, 1, 2, growingMax + 1};
        narrowTo({{QStringLiteral("orders_count"), rules::Op::Ge, {double(atLeast[std::min(step, 3)])}, true}});
    });
    connect(m_dashboard, &DashboardPanel::tierClicked, this, [this](int index) {
        if (index >= 0 && size_t(index) < metrics::tierIds().size())
            narrowTo({{QStringLiteral("value_tier"), rules::Op::In, {metrics::tierIds()[size_t(index)]}, true}});
    });
    connect(m_dashboard, &DashboardPanel::rfmCellClicked, this, [this](int r, int f) {
        narrowTo({{QStringLiteral("r_score"), rules::Op::Eq, {double(r)}, true},
                  {QStringLiteral("f_score"), rules::Op::Eq, {double(f)}, true}});
    });
    connect(m_dashboard, &DashboardPanel::purchaseItemClicked, this, [this](const QString &lineField, const QString &value) {
        auto purchase = std::make_shared<rules::Purchase>();
        purchase->where.children.emplace_back(rules::Condition{lineField, rules::Op::Is, {value}, true});
        rules::Condition ordered{QString(), rules::Op::Ordered, {}, true};
        ordered.purchase = std::move(purchase);
        narrowTo({ordered});
    });
    connect(m_dashboard, &DashboardPanel::useTodayClicked, this, &MainWindow::useToday);
    connect(m_dashboard, &DashboardPanel::analysisDateChosen, this, &MainWindow::changeAnalysisDate);
    connect(m_dashboard, &DashboardPanel::savedSegmentClicked, this, [this](qint64 id) {
        for (int row = 0; row < m_segmentList->count(); ++row) {
            if (m_segmentList->segmentId(row) == id)
                Q_EMIT m_segmentList->itemClicked(m_segmentList->item(row));
        }
    });
    connect(m_segmentList, &SegmentList::renameRequested, this, &MainWindow::renameSegment);
    connect(m_segmentList, &SegmentList::deleteRequested, this, &MainWindow::deleteSegment);
    connect(m_segmentList, &SegmentList::exportRequested, this, [this](qint64 id) { exportSegmentFile(id); });
    connect(m_segmentList, &SegmentList::changesRequested, this, [this](qint64 id) { showMembershipChanges(id); });
    connect(m_segmentList, &SegmentList::segmentActivated, this, [this](qint64 id, const QString &name, const QString &ruleText) {
        m_rulePanel->setRuleText(ruleText, name, id);
    });
    connect(m_controller, &DashboardController::failed, m_rulePanel, &RulePanel::showProblem);
    connect(m_controller, &DashboardController::ready, this, [this] {
        m_rulePanel->setEvaluationData(m_controller->columnCache(), m_controller->ruleContext());
        m_preview->setWorkspace(m_workspace ? m_workspace->path() : QString(), m_controller->ruleContext());
        showStatus(); // now with the number of customers
    });
    connect(m_controller, &DashboardController::figuresShown, this, [this](qint64 members) {
        QHash<qint64, qint64> sizes;
        for (const auto &bar : m_dashboard->segmentSizes()->bars())
            sizes.insert(bar.segmentId, bar.size);
        m_segmentList->setSizes(sizes);
        // Once a workspace: wide enough for the segments' first lines when the window has room (a fifth of it).
        m_preview->showMembers(m_controller->firstMembers(), members);
        if (!m_dockFitted) {
            m_dockFitted = true;
            const int chosen = AppSettings::instance().memberPreviewShown();
            showMemberPreview(chosen >= 0 ? chosen == 1 : width() >= AppSettings::kPreviewMinWindowWidth);
            if (const int wanted = std::min(m_segmentList->wantedWidth(), width() / 5); wanted > m_segmentsDock->width())
                resizeDocks({m_segmentsDock}, {wanted}, Qt::Horizontal);
        }
        m_rulePanel->setSummary(tr("%Ln customers match", nullptr, int(std::min<qint64>(members, INT_MAX))));
    });
    Tour::watchFirstRun(this);
    resize(1280, 860);
    // The layout the user left: size and place, the segments dock (the rule's height limit: RuleSplitter).
    const AppSettings &settings = AppSettings::instance();
    if (!settings.windowGeometry().isEmpty())
        restoreGeometry(settings.windowGeometry());
    if (!settings.windowState().isEmpty())
        restoreState(settings.windowState());
}

QWidget *MainWindow::withMemberPreview(QWidget *centre)
{
    m_preview = new MemberPreview(this);
    m_previewSplitter = new QSplitter(Qt::Horizontal, this);
    m_previewSplitter->setObjectName(QStringLiteral("previewSplitter"));
    m_previewSplitter->addWidget(centre);
    m_previewSplitter->addWidget(m_preview);
    m_previewSplitter->setStretchFactor(0, 1);
    m_previewSplitter->setCollapsible(0, false);
    m_preview->hide(); // until the first figures: then as chosen (showMemberPreview)
    connect(m_previewSplitter, &QSplitter::splitterMoved, this, [this] {
        if (m_preview->width() > 0)
            AppSettings::instance().setMemberPreviewWidth(m_preview->width());
    });
    m_previewAction = new QAction(this);
    m_previewAction->setObjectName(QStringLiteral("memberPreviewAction"));
    m_previewAction->setCheckable(true);
    connect(m_previewAction, &QAction::triggered, this, [this](bool shown) {
        AppSettings::instance().setMemberPreviewShown(shown); // a choice: remembered
        showMemberPreview(shown);
    });
    auto *toggle = new QToolButton(this);
    toggle->setObjectName(QStringLiteral("memberPreviewButton"));
    toggle->setDefaultAction(m_previewAction);
    m_rulePanel->addHeaderWidget(toggle);
    return m_previewSplitter;
}

void MainWindow::showMemberPreview(bool shown)
{
    m_previewAction->setChecked(shown);
    if (shown == m_preview->isVisible())
        return;
    m_preview->setVisible(shown);
    if (!shown)
        return;
    const int total = m_previewSplitter->width();
    const int wanted = AppSettings::instance().memberPreviewWidth();
    const int width = std::clamp(wanted > 0 ? wanted : total / 4, 200, std::max(200, total / 2));
    m_previewSplitter->setSizes({total - width, width});
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    AppSettings::instance().setWindowLayout(saveGeometry(), saveState());
    QMainWindow::closeEvent(event);
}

MainWindow::~MainWindow()
{
    cancelWorkspaceCheck();
}

void MainWindow::showHistory()
{
    if (auto *open = findChild<QDialog *>(QStringLiteral("historyDialog"))) {
        open->raise();
        open->activateWindow();
        return;
    }
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("historyDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("History"));
    auto *view = new QUndoView(m_history->stack(), dialog);
    view->setObjectName(QStringLiteral("historyView"));
    view->setEmptyLabel(tr("Workspace opened"));
    auto *intro = new QLabel(tr("Every change, oldest first. Click a step to go back to it; later steps stay until you change something."), dialog);
    intro->setWordWrap(true);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(intro);
    layout->addWidget(view);
    dialog->resize(420, 480);
    dialog->show();
}

void MainWindow::changeEvent(QEvent *event)
{
    // A new language: the menus are made again, and the figures (whose labels are translated as they are
    // computed) reloaded; once, however many translators changed.
    if (event->type() == QEvent::LanguageChange && !m_retranslatePending) {
        m_retranslatePending = true;
        QTimer::singleShot(0, this, [this] {
            m_retranslatePending = false;
            retranslate();
        });
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslate()
{
    for (QAction *action : menuBar()->actions())
        delete action->menu();
    menuBar()->clear();
    createMenus();
    m_segmentsDock->setWindowTitle(tr("Saved Segments"));
    m_centreTabs->setTabText(m_centreTabs->indexOf(m_dashboard), tr("Dashboard"));
    m_centreTabs->setTabText(m_centreTabs->indexOf(m_customers), tr("Customers"));
    if (m_workspace) {
        setWindowTitle(tr("%1 — Segmenta").arg(m_workspace->displayName()));
        reloadWorkspace();
    } else {
        setWindowTitle(tr("Segmenta"));
    }
    showStatus();
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New Workspace…"), QKeySequence::New, this, &MainWindow::newWorkspace);
    file->addAction(tr("&Open Workspace…"), QKeySequence::Open, this, &MainWindow::chooseWorkspace);
    file->addMenu(new RecentWorkspacesMenu(this));
    file->addAction(tr("Open &Demo Shop"), this, &MainWindow::openDemoShop);
    file->addAction(tr("&Import Customers or Orders…"), QKeySequence(tr("Ctrl+I")), this, &MainWindow::importSpreadsheet);
    m_workspaceActions = {
        file->addAction(tr("&Export Members…"), QKeySequence(tr("Ctrl+E")), this, &MainWindow::exportMembers),
        file->addAction(tr("Save Segment &Report (PDF)…"), QKeySequence(tr("Ctrl+Shift+R")), this, &MainWindow::saveReportWithDialog),
        file->addAction(tr("Save a &Copy of the Workspace…"), this, [this] { saveCopy(); })};
    m_workspaceActions.constFirst()->setObjectName(QStringLiteral("exportMembersAction"));
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::closeAllWindows);
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_history->stack()->createUndoAction(edit, tr("&Undo"));
    QAction *redo = m_history->stack()->createRedoAction(edit, tr("&Redo"));
    undo->setShortcut(QKeySequence::Undo);
    redo->setShortcut(QKeySequence::Redo);
    undo->setObjectName(QStringLiteral("undoAction"));
    redo->setObjectName(QStringLiteral("redoAction"));
    edit->addActions({undo, redo});
    edit->addSeparator();
    edit->addAction(tr("&History…"), QKeySequence(tr("Ctrl+H")), this, &MainWindow::showHistory)->setObjectName(QStringLiteral("historyAction"));
    QMenu *segment = menuBar()->addMenu(tr("&Segment"));
    segment->addAction(tr("&New Rule"), QKeySequence(tr("Ctrl+Shift+N")), this, &MainWindow::newRule)
        ->setObjectName(QStringLiteral("newRuleAction"));
    segment->addAction(tr("&Update Segment"), QKeySequence::Save, this, &MainWindow::updateSegment)
        ->setObjectName(QStringLiteral("updateSegmentAction"));
    segment->addAction(tr("Save &As…"), QKeySequence::SaveAs, this, &MainWindow::saveSegmentAs)
        ->setObjectName(QStringLiteral("saveSegmentAsAction"));
    segment->addAction(tr("&Duplicate Segment…"), this, &MainWindow::duplicateSegment)->setObjectName(QStringLiteral("duplicateSegmentAction"));
    segment->addAction(tr("Re&name Segment…"), this, [this] {
        if (const qint64 id = chosenSegment(); id && m_segmentList->rowOf(id) >= 0)
            renameSegment(id, m_segmentList->segmentName(m_segmentList->rowOf(id)));
    })->setObjectName(QStringLiteral("renameSegmentAction"));
    segment->addAction(tr("Edit Descrip&tion…"), this, &MainWindow::editSegmentDescription)
        ->setObjectName(QStringLiteral("describeSegmentAction"));
    segment->addSeparator();
    segment->addAction(tr("&Overlap of Saved Segments…"), this, &MainWindow::showSegmentOverlap);
    segment->addAction(tr("&Who Joined and Left…"), this, [this] { showMembershipChanges(); })
        ->setObjectName(QStringLiteral("membershipChangesAction"));
    segment->addAction(tr("E&xperiments…"), this, &MainWindow::showExperiments);
    segment->addSeparator();
    segment->addAction(tr("&Export Segment to File…"), this, [this] {
        exportSegmentFile(m_segmentList->currentItem() ? m_segmentList->segmentId(m_segmentList->currentRow()) : 0);
    });
    segment->addAction(tr("&Import Segment from File…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import Segment"), QString(),
                                                          tr("Segment files (*.segment.json);;JSON files (*.json)"));
        if (!path.isEmpty())
            importSegmentFile(path);
    });
    for (QAction *action : segment->actions()) {
        if (!action->isSeparator())
            m_workspaceActions.append(action);
    }
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_segmentsDock->toggleViewAction());
    view->addSeparator();
    view->addAction(tr("&Dashboard"), QKeySequence(tr("Ctrl+1")), this, [this] { showCustomers(false); });
    view->addAction(tr("&Customers"), QKeySequence(tr("Ctrl+2")), this, [this] { showCustomers(true); });
    view->addSeparator();
    view->addAction(tr("&Lifecycle Moves…"), this, &MainWindow::showLifecycleMoves);
    view->addAction(m_previewAction);
    m_previewAction->setText(tr("&Member Preview"));
    m_previewAction->setToolTip(tr("Show or hide the first 20 members of the rule beside it (remembered)"));
    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    QAction *settings = tools->addAction(tr("&Settings…"), QKeySequence(tr("Ctrl+,")), this, &MainWindow::editSettings);
    settings->setObjectName(QStringLiteral("settingsAction"));
    settings->setMenuRole(QAction::PreferencesRole);
    menuBar()->addMenu(new HelpMenu(this));
    enableWorkspaceActions();
}

void MainWindow::enableWorkspaceActions()
{
    for (QAction *action : std::as_const(m_workspaceActions))
        action->setEnabled(m_workspace != nullptr);
}

void MainWindow::chooseWorkspace()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Workspace"), QString(),
                                                      tr("Segmenta workspaces (*.segmenta)"));
    if (!path.isEmpty())
        openWorkspace(path);
}

QString MainWindow::saveCopy(const QString &chosen)
{
    if (!m_workspace)
        return {};
    QString target = chosen;
    if (target.isEmpty()) {
        const QString suggested = QFileInfo(m_workspace->path()).dir().filePath(
            tr("%1 copy").arg(m_workspace->displayName()) + QStringLiteral(".segmenta"));
        target = QFileDialog::getSaveFileName(this, tr("Save a Copy of the Workspace"), suggested,
                                              tr("Segmenta workspaces (*.segmenta)"));
        if (target.isEmpty())
            return {};
        if (!target.endsWith(QStringLiteral(".segmenta"), Qt::CaseInsensitive))
            target += QStringLiteral(".segmenta");
    }
    const QString path = m_workspace->path();
    // The file dialog has asked before replacing a file; a copy over the workspace itself is refused by saveCopy.
    bool canceled = false;
    const QString error = runWithProgressDialog(this, tr("Saving a copy of the workspace…"), [path, target](Progress &progress) {
        auto source = store::Workspace::open(path, store::Workspace::Mode::ReadOnly);
        if (!source)
            return source.errorMessage();
        const auto saved = source.value()->saveCopy(target, true, &progress);
        return saved ? QString() : saved.errorMessage();
    }, &canceled);
    if (canceled && !error.isEmpty()) {
        statusBar()->showMessage(error, 8000);
        return error;
    }
    if (!error.isEmpty()) {
        if (chosen.isEmpty())
            QMessageBox::warning(this, tr("Cannot Save a Copy"), error);
        return error;
    }
    statusBar()->showMessage(tr("Saved a copy of the workspace as %1").arg(QDir::toNativeSeparators(target)), 8000);
    return {};
}

MainWindow::Opening::Opening(MainWindow *window) : window(window)
{
    ++window->m_opening;
}

MainWindow::Opening::~Opening()
{
    if (--window->m_opening > 0)
        return;
    // Queued: they run after whoever reopened the workspace has shown it again (the rule being edited, say).
    for (auto &later : std::exchange(window->m_afterOpening, {}))
        QMetaObject::invokeMethod(window, std::move(later), Qt::QueuedConnection);
}

bool MainWindow::openWorkspace(const QString &path)
{
    const Opening opening(this);
    Q_EMIT workspaceOpening();
    cancelWorkspaceCheck(); // another workspace, or this one reopened: its own open decides
    // The first open of a file checks all of it before anything is written (SQLite's quick check), and metrics
    // out of date (new settings, a new day) are recomputed: seconds at a million customers, so both happen on a
    // worker with a connection of its own while the window keeps painting. The window's own open below then
    // finds the check already done. A file changed outside Segmenta whose figures are current does not wait for
    // the check: it is shown read-only at once and checked on a worker meanwhile; changes wait for the check.
    bool checkLater = false;
    const bool mayCheckLater = !m_checkFirst;
    const QString error = runWithBusyDialog(this, tr("Checking the workspace and updating the customer metrics…"), [path, mayCheckLater, &checkLater] {
        if (mayCheckLater && store::Workspace::checkPending(path)) {
            auto readable = store::Workspace::open(path, store::Workspace::Mode::ReadOnly);
            checkLater = readable && metrics::CustomerMetrics::ensureCurrent(*readable.value()).ok();
            if (checkLater)
                return QString();
        }
        auto own = store::Workspace::open(path);
        if (!own)
            return own.errorMessage();
        if (own.value()->isReadOnly())
            return QString(); // read below, on the window's own connection
        const auto metrics = metrics::CustomerMetrics::ensureCurrent(*own.value());
        return metrics ? QString() : metrics.errorMessage();
    });
    if (!error.isEmpty()) {
        QMessageBox::warning(this, tr("Cannot Open Workspace"), error);
        return false;
    }
    auto opened = store::Workspace::open(path, checkLater ? store::Workspace::Mode::ReadOnly : store::Workspace::Mode::ReadWrite);
    if (!opened) {
        QMessageBox::warning(this, tr("Cannot Open Workspace"), opened.errorMessage());
        return false;
    }
    auto workspace = std::move(opened).value();
    if (!workspace->damage().isEmpty())
        QMessageBox::warning(this, tr("Workspace Damaged"), workspace->damage());
    if (workspace->isReadOnly() && !checkLater) {
        // A damaged workspace still opens, read-only, showing what can be read (and exported).
        if (const auto metrics = metrics::CustomerMetrics::ensureCurrent(*workspace); !metrics && workspace->damage().isEmpty()) {
            QMessageBox::warning(this, tr("Cannot Open Workspace"), metrics.errorMessage());
            return false;
        }
    }
    if (checkLater)
        startWorkspaceCheck(path);
    m_workspace = std::move(workspace);
    if (QFileInfo(path).absoluteFilePath() != m_openedPath) {
        m_history->clear(); // another workspace: its own history
        m_openedPath = QFileInfo(path).absoluteFilePath();
    }
    m_segmentList->showWorkspace(m_workspace.get());
    m_controller->setWorkspace(m_workspace.get());
    m_dashboard->setAnalysisDateNote(m_workspace->analysisDateFollowsData() ? m_workspace->analysisDate() : QDate());
    m_dashboard->setAnalysisDate(m_workspace->analysisDate(), !m_workspace->isReadOnly());
    m_customers->setWorkspace(m_workspace.get());
    m_rulePanel->setRuleText(m_startRule, QString(), 0, true);
    m_startRule.clear();
    m_pages->setCurrentWidget(m_segmentPage);
    m_segmentsDock->show();
    m_dockFitted = false; // widened once the segments' sizes are shown
    setWindowTitle(tr("%1 — Segmenta").arg(m_workspace->displayName()));
    enableWorkspaceActions();
    showStatus();
    Q_EMIT workspaceOpened();
    return true;
}

void MainWindow::startWorkspaceCheck(const QString &path)
{
    auto progress = std::make_shared<Progress>();
    auto future = QtConcurrent::run(workers(), [path, progress] {
        try {
            (void)store::Workspace::checkIntact(path, progress.get()); // remembered for the reopen below
        } catch (const Canceled &) {
        }
    });
    m_check = PendingCheck{progress, future};
    whenFinished(this, future, [this, progress] {
        if (m_check && m_check->progress == progress)
            finishWorkspaceCheck();
    });
}

void MainWindow::cancelWorkspaceCheck()
{
    if (m_check)
        m_check->progress->cancel();
    m_check.reset();
}

void MainWindow::finishWorkspaceCheck()
{
    m_check.reset();
    // Reopened as the check found it: for writing, or read-only with what to do when it is damaged. The check's
    // outcome is remembered, so this open does not check again (and when the check could not give one, the
    // open checks first rather than showing the file unchecked again).
    m_checkFirst = true;
    reloadWorkspace();
    m_checkFirst = false;
    Q_EMIT workspaceChecked();
}

bool MainWindow::awaitWorkspaceCheck(const std::function<void()> &later)
{
    if (m_opening > 0) {
        // Asked from within an open's busy dialog: this call cannot wait for the open below it on the stack.
        if (later)
            m_afterOpening.push_back(later);
        return false;
    }
    if (!m_check)
        return true;
    const Opening opening(this); // a change asked for while this one waits comes after it
    const QFuture<void> future = m_check->future;
    m_check.reset(); // finished below, not (again) by the worker's own notice arriving while the dialog waits
    runWithBusyDialog(this, tr("Checking “%1” for damage before changing it…").arg(m_workspace->displayName()), [future] {
        QFuture<void>(future).waitForFinished();
        return QString();
    });
    finishWorkspaceCheck();
    return m_workspace && !m_workspace->isReadOnly();
}

void MainWindow::setStartRule(const QString &ruleText)
{
    m_startRule = ruleText;
}

QString MainWindow::demoShopPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("demo-shop.segmenta"));
}

void MainWindow::openDemoShop()
{
    const QString path = demoShopPath();
    QDir().mkpath(QFileInfo(path).absolutePath());
    if (QFileInfo::exists(path)) {
        openWorkspace(path);
        return;
    }
    auto *dialog = new QProgressDialog(tr("Creating the demo shop…"), tr("Cancel"), 0, 100, this);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setMinimumDuration(300);
    auto progress = std::make_shared<Progress>([dialog](qint64 done, qint64 total) {
        const int percent = total > 0 ? int(done * 100 / total) : 0;
        QMetaObject::invokeMethod(dialog, [dialog, percent] { dialog->setValue(percent); }, Qt::QueuedConnection);
    });
    connect(dialog, &QProgressDialog::canceled, this, [progress] { progress->cancel(); });
    // Generated into a temporary name and renamed, so a cancelled or failed run leaves nothing behind.
    const QString partial = path + QStringLiteral(".partial");
    whenFinished(this, QtConcurrent::run(workers(), [partial, progress]() -> QString {
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(partial + suffix);
        QString error;
        {
            auto created = store::Workspace::create(partial);
            if (!created)
                return created.errorMessage();
            const auto summary = demo::DemoShop::setUp(*created.value(), demo::DemoSetupOptions{}, progress.get());
            if (!summary)
                error = summary.errorMessage();
        }
        if (error.isEmpty())
            return QString();
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(partial + suffix);
        return error;
    }), [this, dialog, partial, path, progress](const QString &error) {
        dialog->deleteLater();
        if (!error.isEmpty()) {
            if (!progress->isCanceled())
                QMessageBox::warning(this, tr("Cannot Create Demo Shop"), error);
            return;
        }
        if (!QFile::rename(partial, path)) {
            QMessageBox::warning(this, tr("Cannot Create Demo Shop"), tr("Cannot write “%1”").arg(path));
            return;
        }
        openWorkspace(path);
    });
}

void MainWindow::importSpreadsheet()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import Customers or Orders"), QString(),
                                                      tr("Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv *.tsv *.txt);;All files (*)"));
    if (!path.isEmpty())
        importFile(path);
}

void MainWindow::importFile(const QString &path)
{
    if (m_workspace && !awaitWorkspaceCheck([this, path] { importFile(path); }))
        return;
    if (path.endsWith(QLatin1StringView(segments::SegmentFile::suffix), Qt::CaseInsensitive)) {
        if (m_workspace)
            importSegmentFile(path);
        else
            QMessageBox::information(this, tr("Import Segment"), tr("Open a workspace first: a segment is imported into one."));
        return;
    }
    // The wizard's first step chooses the open workspace or a new one (in Documents), and says what each means.
    auto *wizard = new ImportWizard(m_workspace ? m_workspace->path() : QString(), path, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->setWindowModality(Qt::WindowModal);
    // Once the wizard closes after an import: the new workspace opened, or the open one reloaded (new fields,
    // customers and metrics).
    connect(wizard, &ImportWizard::imported, this, [this, wizard, path](qint64 sourceId) {
        const import::ImportOptions options = wizard->options();
        const QString target = wizard->workspacePath();
        connect(wizard, &QWizard::finished, this, [this, target, path, options, sourceId] {
            if (!m_workspace || m_workspace->path() != target) {
                if (!openWorkspace(target))
                    return;
            } else {
                reloadWorkspace();
            }
            m_history->recordImport(path, options, sourceId);
        });
    });
    wizard->show();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.constFirst().isLocalFile())
        return;
    const QString path = urls.constFirst().toLocalFile();
    if (path.endsWith(QStringLiteral(".segmenta"), Qt::CaseInsensitive))
        openWorkspace(path);
    else
        importFile(path);
}

void MainWindow::newRule()
{
    if (m_workspace)
        m_rulePanel->setRuleText(QString());
}

qint64 MainWindow::chosenSegment() const
{
    if (m_rulePanel->segmentId())
        return m_rulePanel->segmentId();
    return m_segmentList->currentItem() ? m_segmentList->segmentId(m_segmentList->currentRow()) : 0;
}

void MainWindow::updateSegment()
{
    if (!m_workspace || !awaitWorkspaceCheck([this] { updateSegment(); }))
        return;
    const qint64 id = m_rulePanel->segmentId();
    if (!id) {
        saveSegmentAs(); // nothing saved is being edited: it needs a name
        return;
    }
    const auto rule = rules::RuleText::parse(m_rulePanel->ruleText());
    if (!rule) {
        QMessageBox::warning(this, tr("Cannot Save Segment"), rule.errorMessage());
        return;
    }
    const auto saved = segments::SegmentStore(m_workspace->db()).list();
    if (!saved) {
        QMessageBox::warning(this, tr("Cannot Save Segment"), saved.errorMessage());
        return;
    }
    const auto it = std::find_if(saved->begin(), saved->end(), [id](const segments::SavedSegment &s) { return s.id == id; });
    if (it == saved->end()) {
        saveSegmentAs(); // deleted meanwhile
        return;
    }
    segments::SavedSegment segment = *it; // its name, colour and description stay
    segment.rule = rule.value();
    if (const QString error = m_history->saveSegment(segment); !error.isEmpty()) {
        QMessageBox::warning(this, tr("Cannot Save Segment"), error);
        return;
    }
    statusBar()->showMessage(tr("Updated the segment “%1”; Edit > Undo goes back").arg(segment.name), 8000);
}

void MainWindow::saveSegmentAs()
{
    if (!m_workspace || !awaitWorkspaceCheck([this] { saveSegmentAs(); }))
        return;
    const auto rule = rules::RuleText::parse(m_rulePanel->ruleText());
    if (!rule) {
        QMessageBox::warning(this, tr("Cannot Save Segment"), rule.errorMessage());
        return;
    }
    bool ok = false;
    const QString name = askName(this, tr("Save as Segment"), tr("Segment name:"), m_rulePanel->segmentName(), &ok);
    if (ok && !name.isEmpty())
        saveRuleAs(name, rule.value());
}

bool MainWindow::saveRuleAs(const QString &name, const rules::Rule &rule)
{
    const auto existing = segments::SegmentStore(m_workspace->db()).list();
    if (!existing) {
        QMessageBox::warning(this, tr("Cannot Save Segment"), existing.errorMessage());
        return false;
    }
    const auto same = std::find_if(existing->begin(), existing->end(), [&name](const segments::SavedSegment &s) { return s.name == name; });
    segments::SavedSegment segment;
    if (same != existing->end()) {
        QMessageBox ask(QMessageBox::Question, tr("Replace Segment"),
                        tr("A segment named “%1” exists. Replace its rule with this one?").arg(name),
                        QMessageBox::Yes | QMessageBox::Cancel, this);
        ask.setObjectName(QStringLiteral("replaceSegmentBox"));
        ask.setInformativeText(tr("Its colour, description and size history stay; Edit > Undo puts its rule back."));
        ask.button(QMessageBox::Yes)->setText(tr("Replace"));
        ask.setDefaultButton(QMessageBox::Cancel);
        if (ask.exec() != QMessageBox::Yes)
            return false;
        segment = *same; // its colour and description stay
    } else {
        segment.color = segments::SegmentStore::unusedColor(existing.value());
    }
    segment.name = name;
    segment.rule = rule;
    if (const QString error = m_history->saveSegment(segment); !error.isEmpty()) {
        QMessageBox::warning(this, tr("Cannot Save Segment"), error);
        return false;
    }
    // The rule now is that segment's (its history of edits stays).
    const auto found = segments::SegmentStore(m_workspace->db()).find(name);
    if (found && found.value())
        m_rulePanel->setSegment(found.value()->id, name, found.value()->rule);
    return true;
}

void MainWindow::duplicateSegment()
{
    const qint64 id = chosenSegment();
    if (!m_workspace || !id || !awaitWorkspaceCheck([this] { duplicateSegment(); }))
        return;
    const auto existing = segments::SegmentStore(m_workspace->db()).list();
    const auto source = savedSegment(id);
    if (!existing || !source)
        return;
    bool ok = false;
    const QString name = askName(this, tr("Duplicate Segment"), tr("Name of the copy:"),
                                 segments::SegmentFile::freeName(tr("%1 copy").arg(source->name), existing.value()), &ok);
    if (!ok || name.isEmpty())
        return;
    if (std::any_of(existing->begin(), existing->end(), [&name](const segments::SavedSegment &s) { return s.name == name; })) {
        QMessageBox::warning(this, tr("Cannot Duplicate Segment"), tr("A segment named “%1” exists; choose another name.").arg(name));
        return;
    }
    segments::SavedSegment copy;
    copy.name = name;
    copy.rule = source->rule; // the saved rule, not edits not saved yet
    copy.description = source->description;
    copy.color = segments::SegmentStore::unusedColor(existing.value());
    if (const QString error = m_history->saveSegment(copy); !error.isEmpty()) {
        QMessageBox::warning(this, tr("Cannot Duplicate Segment"), error);
        return;
    }
    // The copy is opened, without a step of its own: undoing the duplicate removes it, and the header with it.
    const auto saved = segments::SegmentStore(m_workspace->db()).find(name);
    m_rulePanel->setRuleText(rules::RuleText::print(copy.rule), name, saved && saved.value() ? saved.value()->id : 0, true);
    statusBar()->showMessage(tr("Duplicated “%1” as “%2”; Edit > Undo removes the copy").arg(source->name, name), 8000);
}

std::optional<segments::SavedSegment> MainWindow::savedSegment(qint64 id) const
{
    if (!m_workspace || !id)
        return std::nullopt;
    const auto saved = segments::SegmentStore(m_workspace->db()).list();
    if (!saved)
        return std::nullopt;
    const auto it = std::find_if(saved->begin(), saved->end(), [id](const segments::SavedSegment &s) { return s.id == id; });
    return it == saved->end() ? std::nullopt : std::optional(*it);
}

void MainWindow::editSegmentDescription()
{
    const qint64 id = chosenSegment();
    if (!m_workspace || !awaitWorkspaceCheck([this] { editSegmentDescription(); }))
        return;
    const int row = m_segmentList->rowOf(id);
    if (!m_workspace || row < 0)
        return;
    const auto found = segments::SegmentStore(m_workspace->db()).find(m_segmentList->segmentName(row));
    if (!found || !found.value())
        return;
    bool ok = false;
    const QString text = QInputDialog::getMultiLineText(this, tr("Segment Description"),
                                                        tr("What “%1” is for (shown in the list of saved segments):").arg(found.value()->name),
                                                        found.value()->description, &ok)
                             .trimmed();
    if (!ok || text == found.value()->description)
        return;
    if (const QString error = m_history->describeSegment(id, text); !error.isEmpty())
        QMessageBox::warning(this, tr("Cannot Save Segment"), error);
}

void MainWindow::followEditedSegment()
{
    const qint64 id = m_rulePanel->segmentId();
    if (!id || !m_workspace)
        return;
    if (const auto saved = savedSegment(id))
        m_rulePanel->setSegment(id, saved->name, saved->rule);
    else
        m_rulePanel->setSegment(0, QString(), std::nullopt); // an undone save or a delete: no saved segment any more
}

void MainWindow::narrowTo(const std::vector<rules::Condition> &conditions)
{
    rules::Rule added;
    for (const rules::Condition &condition : conditions)
        added.root.children.emplace_back(condition);
    m_rulePanel->builder()->narrow(conditions, tr("Narrow to %1").arg(rules::RuleText::print(added)));
    statusBar()->showMessage(tr("Narrowed the rule; Edit > Undo goes back, Ctrl+2 lists the customers"), 8000);
}

void MainWindow::refreshSegments()
{
    if (!m_workspace)
        return;
    m_segmentList->showWorkspace(m_workspace.get());
    m_controller->setWorkspace(m_workspace.get());
    m_dashboard->setAnalysisDateNote(m_workspace->analysisDateFollowsData() ? m_workspace->analysisDate() : QDate());
    followEditedSegment();
}

void MainWindow::renameSegment(qint64 id, const QString &name)
{
    if (!awaitWorkspaceCheck([this, id, name] { renameSegment(id, name); }))
        return;
    bool ok = false;
    const QString newName = askName(this, tr("Rename Segment"), tr("New name for “%1”:").arg(name), name, &ok);
    if (!ok || newName.isEmpty() || newName == name)
        return;
    if (const QString error = m_history->renameSegment(id, newName); !error.isEmpty())
        QMessageBox::warning(this, tr("Cannot Rename Segment"), error); // the header follows through refreshSegments()
}

void MainWindow::deleteSegment(qint64 id, const QString &name)
{
    if (!awaitWorkspaceCheck([this, id, name] { deleteSegment(id, name); }))
        return;
    // No question asked: Edit > Undo brings it back, history included.
    if (const QString error = m_history->deleteSegment(id); !error.isEmpty())
        QMessageBox::warning(this, tr("Cannot Delete Segment"), error);
    else
        statusBar()->showMessage(tr("Deleted the segment “%1”; Edit > Undo brings it back").arg(name), 8000);
}

bool MainWindow::importSegmentFile(const QString &path)
{
    if (!m_workspace || !awaitWorkspaceCheck([this, path] { importSegmentFile(path); }))
        return false;
    store::Database &db = m_workspace->db();
    const auto context = rules::RuleContext::forDatabase(db, m_workspace->analysisDate());
    auto segment = segments::SegmentFile::read(path, &context);
    const auto existing = segments::SegmentStore(db).list();
    const QString error = !segment ? segment.errorMessage() : !existing ? existing.errorMessage() : QString();
    if (!error.isEmpty()) {
        QMessageBox::warning(this, tr("Cannot Import Segment"), error);
        return false;
    }
    // A segment of the same name is kept: the imported one takes the next free name.
    segment->name = segments::SegmentFile::freeName(segment->name, existing.value());
    segment->position = int(existing->size());
    const bool colorTaken = std::any_of(existing->begin(), existing->end(), [&segment](const segments::SavedSegment &s) {
        return s.color.compare(segment->color, Qt::CaseInsensitive) == 0;
    });
    if (colorTaken)
        segment->color = segments::SegmentStore::unusedColor(existing.value());
    if (const QString saveError = m_history->saveSegment(segment.value()); !saveError.isEmpty()) {
        QMessageBox::warning(this, tr("Cannot Import Segment"), saveError);
        return false;
    }
    const auto saved = segments::SegmentStore(db).find(segment->name);
    // Shown without a step of its own: undoing the import (one step) removes the segment, and the header with it.
    m_rulePanel->setRuleText(rules::RuleText::print(segment->rule), segment->name, saved && saved.value() ? saved.value()->id : 0, true);
    statusBar()->showMessage(tr("Imported the segment “%1”; Edit > Undo removes it").arg(segment->name), 8000);
    return true;
}

void MainWindow::showSegmentOverlap()
{
    if (!m_workspace)
        return;
    if (!m_controller->isReady()) {
        statusBar()->showMessage(tr("The customers are still loading; try again in a moment"), 5000);
        return;
    }
    auto *dialog = new OverlapDialog(m_controller->savedOverlap(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::showMembershipChanges(qint64 id)
{
    if (!m_workspace)
        return;
    const auto segment = savedSegment(id ? id : chosenSegment());
    if (!segment) {
        statusBar()->showMessage(tr("Choose a saved segment first"), 5000);
        return;
    }
    auto *dialog = new MembershipDialog(m_workspace->path(), segment->id, segment->name,
                                        rules::RuleText::print(segment->rule), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::showExperiments()
{
    if (!m_workspace)
        return;
    // Starting an experiment writes; a damaged workspace still shows them.
    if (!awaitWorkspaceCheck([this] { showExperiments(); }) && m_opening > 0)
        return;
    auto *dialog = new ExperimentsDialog(m_workspace.get(), m_history, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // Reopened (after an import of the follow-up orders, say): the dialog reads the new connection.
    connect(this, &MainWindow::workspaceOpened, dialog, [this, dialog] { dialog->setWorkspace(m_workspace.get()); });
    dialog->show();
}

void MainWindow::showLifecycleMoves()
{
    if (!m_workspace)
        return;
    const auto moves = metrics::CustomerMetrics::latestMoves(*m_workspace); // a few dozen rows
    if (!moves) {
        QMessageBox::warning(this, tr("Lifecycle Moves"), moves.errorMessage());
        return;
    }
    auto *dialog = new LifecycleMovesDialog(moves.value(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::exportSegmentFile(qint64 id)
{
    if (!m_workspace)
        return;
    segments::SavedSegment segment = savedSegment(id).value_or(segments::SavedSegment{});
    if (segment.id == 0) { // the rule being edited
        const auto rule = rules::RuleText::parse(m_rulePanel->ruleText());
        if (!rule) {
            QMessageBox::warning(this, tr("Cannot Export Segment"), rule.errorMessage());
            return;
        }
        segment.rule = rule.value();
        segment.name = m_rulePanel->segmentName().isEmpty() ? tr("Segment") : m_rulePanel->segmentName();
    }
    const QString suggested = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                                  .filePath(segment.name + QLatin1StringView(segments::SegmentFile::suffix));
    QString path = QFileDialog::getSaveFileName(this, tr("Export Segment"), suggested, tr("Segment files (*.segment.json)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1StringView(segments::SegmentFile::suffix), Qt::CaseInsensitive))
        path += QLatin1StringView(segments::SegmentFile::suffix);
    if (const auto written = segments::SegmentFile::write(path, segment, m_workspace ? m_workspace->path() : QString()); !written)
        QMessageBox::warning(this, tr("Cannot Export Segment"), written.errorMessage());
    else
        statusBar()->showMessage(tr("Saved the segment “%1” to %2").arg(segment.name, QDir::toNativeSeparators(path)), 8000);
}

void MainWindow::showCustomers(bool show)
{
    m_centreTabs->setCurrentWidget(show ? static_cast<QWidget *>(m_customers) : m_dashboard);
}

void MainWindow::exportMembers()
{
    openExportDialog(std::nullopt);
}

void MainWindow::exportSelected(const std::vector<qint64> &customerIds)
{
    openExportDialog(customerIds);
}

void MainWindow::openExportDialog(const std::optional<std::vector<qint64>> &customerIds)
{
    if (!m_workspace)
        return;
    const auto rule = rules::RuleText::parse(m_rulePanel->ruleText());
    if (!rule) {
        QMessageBox::warning(this, tr("Cannot Export"), rule.errorMessage());
        return;
    }
    // A selection is exported as "N selected customers" of the rule's members; its columns are remembered apart.
    const QString name = customerIds ? tr("%n selected customers", nullptr, int(customerIds->size())) : m_rulePanel->segmentName();
    auto *dialog = new ExportDialog(m_workspace.get(), name, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString path = m_workspace->path();
    connect(dialog, &ExportDialog::exportRequested, this,
            [this, path, rule = rule.value(), customerIds](const exporting::ExportOptions &chosen) {
                exporting::ExportOptions options = chosen;
                options.customerIds = customerIds;
                if (const auto saved = savedSegment(m_rulePanel->segmentId()); saved && !customerIds)
                    options.segmentDescription = saved->description;
                MemberExportJob::start(this, path, rule, options);
            });
    dialog->open();
}

void MainWindow::newWorkspace()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("New Workspace"), QString(),
                                                      tr("Segmenta workspaces (*.segmenta)"), nullptr,
                                                      QFileDialog::DontConfirmOverwrite);
    if (path.isEmpty())
        return;
    const QString target = path.endsWith(QStringLiteral(".segmenta"), Qt::CaseInsensitive) ? path : path + QStringLiteral(".segmenta");
    auto created = store::Workspace::create(target); // refuses to replace an existing file, saying so
    if (!created) {
        QMessageBox::warning(this, tr("Cannot Create Workspace"), created.errorMessage());
        return;
    }
    created.value().reset();
    openWorkspace(target);
}

void MainWindow::useToday()
{
    if (!m_workspace || !awaitWorkspaceCheck([this] { useToday(); }) || m_workspace->isReadOnly())
        return;
    m_workspace->setAnalysisDateToday(); // then reopened: the figures are recomputed as of today
    reloadWorkspace();
}

void MainWindow::changeAnalysisDate(const QDate &date)
{
    if (!m_workspace || m_workspace->isReadOnly() || !date.isValid())
        return;
    const metrics::AnalysisChange before = metrics::AnalysisChange::current(*m_workspace);
    metrics::AnalysisChange after = before;
    after.analysisDate = date;
    if (const QString error = m_history->changeSettings(before, after, tr("Set the analysis date to %1").arg(dateText(date)));
        !error.isEmpty()) {
        QMessageBox::warning(this, tr("Cannot Change the Analysis Date"), error);
        m_dashboard->setAnalysisDate(m_workspace->analysisDate(), true);
    }
}

void MainWindow::editSettings()
{
    // Read-only (damaged) after all: only the language can be changed.
    if (!awaitWorkspaceCheck([this] { editSettings(); }) && m_opening > 0)
        return;
    auto *dialog = new SettingsDialog(m_workspace.get(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const auto before = m_workspace ? std::optional(metrics::AnalysisChange::current(*m_workspace)) : std::nullopt;
    connect(dialog, &SettingsDialog::applied, this, [this, before] {
        reloadWorkspace();
        if (m_workspace && before)
            m_history->recordSettings(*before, metrics::AnalysisChange::current(*m_workspace));
    });
    dialog->open();
}

void MainWindow::reloadWorkspace()
{
    // New settings change every figure: reopen as after an import, keeping the rule being edited.
    if (!m_workspace)
        return;
    const QString rule = m_rulePanel->ruleText();
    const QString name = m_rulePanel->segmentName();
    const qint64 id = m_rulePanel->segmentId();
    if (openWorkspace(m_workspace->path())) {
        m_rulePanel->setRuleText(rule, name, id, true); // not a step: the history holds what was done
        followEditedSegment(); // compared with the rule saved, not with the rule as it was being edited
    }
}

QString MainWindow::saveReport(const QString &path)
{
    if (!m_workspace)
        return tr("Open a workspace first");
    SegmentReport report;
    report.title = m_rulePanel->segmentName();
    if (const auto saved = savedSegment(m_rulePanel->segmentId()))
        report.description = saved->description;
    report.ruleText = m_rulePanel->ruleText();
    report.workspaceName = m_workspace->displayName();
    report.analysisDate = m_workspace->analysisDate();
    report.headline = m_dashboard->headlineLines();
    report.charts = {{tr("Lifecycle funnel"), m_dashboard->funnel(), true},
                     {tr("Value tiers"), m_dashboard->tiers(), true},
                     {tr("RFM grid (recency × frequency)"), m_dashboard->rfm(), true},
                     {tr("Saved segments"), m_dashboard->segmentSizes(), true}};
    // A page for each experiment recorded from this rule, as Segment > Experiments shows it by default.
    QString error;
    std::vector<std::unique_ptr<ConversionChart>> charts;
    for (auto &result : ExperimentsDialog::measureForRule(this, m_workspace->path(), report.ruleText, &error)) {
        auto &chart = charts.emplace_back(std::make_unique<ConversionChart>());
        chart->resize(760, 340);
        chart->setBars(ExperimentsDialog::barsFor(result));
        report.experiments.append({std::move(result), report.ruleText, chart.get(), m_workspace->currencySymbol()});
    }
    if (!error.isEmpty())
        return error;
    return SegmentReportWriter::write(report, path);
}

void MainWindow::saveReportWithDialog()
{
    if (!m_workspace)
        return;
    showCustomers(false); // the charts are painted as the dashboard shows them
    const QString name = m_rulePanel->segmentName().isEmpty() ? tr("segment report") : m_rulePanel->segmentName();
    // In Documents: the workspace's own folder may be a hidden one (the demo shop's is the app's data folder).
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Segment Report"),
                                                      QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                                                          .filePath(name + QStringLiteral(".pdf")),
                                                      tr("PDF document (*.pdf)"));
    if (path.isEmpty())
        return;
    if (const QString error = saveReport(path); !error.isEmpty())
        QMessageBox::warning(this, tr("Cannot Save Report"), error);
}

void MainWindow::showStatus()
{
    if (!m_workspace) {
        m_statusLabel->clear();
        return;
    }
    // The count comes from the loaded customer columns: a count(*) here would read the whole customer index
    // on the GUI thread (tens of milliseconds at a million customers just after the metrics were rewritten).
    const QLocale locale;
    const auto cache = m_controller->columnCache();
    QString status = tr("%1 · analysis date %2 · %3 customers")
                         .arg(m_workspace->displayName(), dateText(m_workspace->analysisDate()),
                              cache ? locale.toString(qint64(cache->rows())) : QStringLiteral("…"));
    if (m_check)
        status += tr(" · checking the file for damage: changes wait until it is done");
    m_statusLabel->setText(status);
}

} // namespace segmenta::ui
