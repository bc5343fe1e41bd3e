// Undo and redo of changes to the workspace, driven through the main window: segments saved, replaced, renamed
// and deleted, an import, and new analysis settings. Every step is checked against plain SQL dumps of the
// tables taken before and after, so "undone" means "exactly as it was".
#include "dashboard/dashboardcontroller.h"
#include "dashboard/lifecyclemovesdialog.h"
#include "history/workspacehistory.h"
#include "mainwindow.h"
#include "segments/overlapdialog.h"
#include "segments/rulepanel.h"
#include "segments/segmentlist.h"

#include "demo/demoshop.h"
#include "import/importer.h"
#include "metrics/settingschange.h"
#include "rules/ruletext.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QAction>
#include <QFile>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QTimer>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace segmenta;

class TestWorkspaceHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void segments();
    void anImport();
    void settings();
    void sharedSegmentFile();
    void overlapOfSavedSegments();
    void lifecycleMovesTable();

private:
    QString dump(const QByteArray &sql);
    bool openInWindow(ui::MainWindow &window);

    QTemporaryDir m_dir;
    QString m_path;
};

void TestWorkspaceHistory::initTestCase()
{
    m_path = m_dir.filePath(QStringLiteral("shop.segmenta"));
    auto ws = demo::DemoShop::createWorkspace(m_path, {{800}, true});
    QVERIFY2(ws.ok(), qPrintable(ws.errorMessage()));
}

// The rows of a query as text, read through a connection of its own.
QString TestWorkspaceHistory::dump(const QByteArray &sql)
{
    auto ws = store::Workspace::open(m_path, store::Workspace::Mode::ReadOnly);
    if (!ws)
        return QStringLiteral("cannot open");
    QString all;
    store::Statement query(ws.value()->db(), sql.toStdString());
    while (query.step()) {
        for (int i = 0; i < query.columnCount(); ++i)
            all += query.value(i).toString() + u'|';
        all += u'\n';
    }
    return all;
}

bool TestWorkspaceHistory::openInWindow(ui::MainWindow &window)
{
    window.show();
    QSignalSpy shown(window.controller(), &ui::DashboardController::figuresShown);
    if (!window.openWorkspace(m_path) || !(shown.count() > 0 || shown.wait(30000)))
        return false;
    // The first figures can come before the customers' columns are loaded (they are read on a worker); the
    // overlap and other dialogs need the columns.
    return QTest::qWaitFor([&window] { return window.controller()->isReady(); }, 30000);
}

void TestWorkspaceHistory::segments()
{
    ui::MainWindow window;
    QVERIFY(openInWindow(window));
    QUndoStack *stack = window.history()->stack();
    const char *segmentsSql = "SELECT id, name, description, color, position, rule_json FROM segments ORDER BY id";
    const char *historySql = "SELECT * FROM segment_history ORDER BY id";
    const QString segmentsBefore = dump(segmentsSql);
    const QString historyBefore = dump(historySql);
    QVERIFY(!historyBefore.isEmpty()); // the demo shop records sizes: deleting must bring them back too

    // Save a new segment, then replace one of the playbook's.
    segments::SavedSegment fresh;
    fresh.name = QStringLiteral("Big spenders in 上海");
    fresh.rule = rules::RuleText::parse(QStringLiteral("total_spend >= 2000 and city = \"上海\"")).value();
    QCOMPARE(window.history()->saveSegment(fresh), QString());
    QCOMPARE(dump("SELECT count(*) FROM segments WHERE name = 'Big spenders in 上海'"), QStringLiteral("1|\n"));
    segments::SavedSegment replaced;
    replaced.name = QStringLiteral("High value");
    replaced.rule = rules::RuleText::parse(QStringLiteral("total_spend >= 99999")).value();
    QCOMPARE(window.history()->saveSegment(replaced), QString());
    QVERIFY(dump("SELECT rule_json FROM segments WHERE name = 'High value'").contains(u"99999"));

    // Rename and delete through the window (as the list's context menu does).
    const auto *list = window.findChild<ui::SegmentList *>();
    QVERIFY(list);
    const qint64 repeat = dump("SELECT id FROM segments WHERE name = 'Repeat buyers'").section(u'|', 0, 0).toLongLong();
    QVERIFY(repeat > 0);
    QCOMPARE(window.history()->renameSegment(repeat, QStringLiteral("Came back")), QString());
    QCOMPARE(dump(QByteArray("SELECT name FROM segments WHERE id = ") + QByteArray::number(repeat)), QStringLiteral("Came back|\n"));
    const int listed = list->count();
    window.deleteSegment(repeat, QStringLiteral("Came back"));
    QCOMPARE(dump(QByteArray("SELECT count(*) FROM segments WHERE id = ") + QByteArray::number(repeat)), QStringLiteral("0|\n"));
    QCOMPARE(list->count(), listed - 1);
    QCOMPARE(stack->count(), 4);
    QCOMPARE(stack->undoText(), QStringLiteral("Delete segment “Came back”"));

    // The Edit menu offers that step while the focus is outside the rule panel.
    window.menuBar()->setFocus();
    QAction *undoAction = nullptr;
    for (QAction *action : window.menuBar()->actions()) {
        if (action->menu() && action->text() == u"&Edit")
            undoAction = action->menu()->actions().value(0);
    }
    QVERIFY(undoAction);
    QTRY_COMPARE(undoAction->text(), QStringLiteral("&Undo Delete segment “Came back”"));

    // Undo everything: the tables are as they were, sizes history included; redo it all again.
    while (stack->canUndo())
        stack->undo();
    QCOMPARE(dump(segmentsSql), segmentsBefore);
    QCOMPARE(dump(historySql), historyBefore);
    QCOMPARE(list->count(), listed - 1); // without the fresh segment saved first
    while (stack->canRedo())
        stack->redo();
    QCOMPARE(dump(QByteArray("SELECT count(*) FROM segments WHERE id = ") + QByteArray::number(repeat)), QStringLiteral("0|\n"));
    QVERIFY(dump("SELECT rule_json FROM segments WHERE name = 'High value'").contains(u"99999"));
    while (stack->canUndo())
        stack->undo();
    QCOMPARE(dump(segmentsSql), segmentsBefore);
}

void TestWorkspaceHistory::anImport()
{
    ui::MainWindow window;
    QVERIFY(openInWindow(window));
    const char *customersSql = "SELECT * FROM customers ORDER BY id";
    const QString customersBefore = dump(customersSql);
    const QString sourcesBefore = dump("SELECT count(*) FROM sources");
    // Two new customers and one the demo shop knows (C0000001), whose city changes.
    const QString csv = m_dir.filePath(QStringLiteral("more.csv"));
    {
        QFile file(csv);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("customer id,name,city\nN1,Ann,Xi'an\nN2,Bob,Lhasa\nC0000001,,Harbin\n");
    }
    qint64 sourceId = 0;
    {
        auto ws = store::Workspace::open(m_path);
        QVERIFY(ws.ok());
        const auto summary = import::Importer::run(*ws.value(), csv);
        QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
        QCOMPARE(summary->inserted, 2);
        QCOMPARE(summary->updated, 1);
        sourceId = summary->sourceId;
    }
    window.reloadWorkspace();
    window.history()->recordImport(csv, {}, sourceId);
    QCOMPARE(window.history()->stack()->undoText(), QStringLiteral("Import “more.csv”"));
    const QString customersAfter = dump(customersSql);

    window.history()->stack()->undo();
    QCOMPARE(dump(customersSql), customersBefore);
    QCOMPARE(dump("SELECT count(*) FROM sources"), sourcesBefore);
    window.history()->stack()->redo();
    QCOMPARE(dump("SELECT count(*) FROM customers WHERE customer_key IN ('N1', 'N2')"), QStringLiteral("2|\n"));
    QCOMPARE(dump("SELECT city FROM customers WHERE customer_key = 'C0000001'"), QStringLiteral("Harbin|\n"));
    QCOMPARE(dump("SELECT count(*) FROM sources"), QString::number(sourcesBefore.section(u'|', 0, 0).toInt() + 1) + QStringLiteral("|\n"));
    window.history()->stack()->undo();
    QCOMPARE(dump(customersSql), customersBefore);
    Q_UNUSED(customersAfter);
}

void TestWorkspaceHistory::settings()
{
    ui::MainWindow window;
    QVERIFY(openInWindow(window));
    const char *stagesSql = "SELECT customer_id, lifecycle_stage FROM customer_metrics ORDER BY customer_id";
    const char *settingsSql = "SELECT * FROM settings ORDER BY 1";
    const QString stagesBefore = dump(stagesSql);
    const QString settingsBefore = dump(settingsSql);
    metrics::AnalysisChange before, after;
    {
        auto ws = store::Workspace::open(m_path);
        QVERIFY(ws.ok());
        before = metrics::AnalysisChange::current(*ws.value());
        after = before;
        after.settings.lifecycle.atRiskDays = before.settings.lifecycle.activeDays + 10; // far more customers at risk
        QVERIFY(metrics::AnalysisChanges::apply(*ws.value(), after).ok());
    }
    window.reloadWorkspace();
    window.history()->recordSettings(before, after);
    const QString stagesAfter = dump(stagesSql);
    QVERIFY(stagesAfter != stagesBefore);

    window.history()->stack()->undo();
    // The definitions are as before (written out now where defaults were implied), and so is every stage.
    {
        auto ws = store::Workspace::open(m_path, store::Workspace::Mode::ReadOnly);
        QVERIFY(ws.ok());
        QVERIFY(metrics::AnalysisChange::current(*ws.value()) == before);
    }
    QCOMPARE(dump("SELECT value FROM settings WHERE key = 'analysis_date'"),
             dump("SELECT '" + settingsBefore.section(u'|', 1, 1).toUtf8() + "'"));
    QCOMPARE(dump(stagesSql), stagesBefore);
    window.history()->stack()->redo();
    QCOMPARE(dump(stagesSql), stagesAfter);
    window.history()->stack()->undo();
    QCOMPARE(dump(stagesSql), stagesBefore);
}

void TestWorkspaceHistory::sharedSegmentFile()
{
    ui::MainWindow window;
    QVERIFY(openInWindow(window));
    const char *segmentsSql = "SELECT id, name, description, color, position, rule_json FROM segments ORDER BY id";
    const QString before = dump(segmentsSql);
    QVERIFY(before.contains(u"|High value|"));
    // A colleague's file whose name is already taken here: dropped on the window (importFile is the drop path).
    const QString path = m_dir.filePath(QStringLiteral("shared.segment.json"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"version": 1, "name": "High value", "description": "from Li Lei", "color": "#76b7b2",
                       "root": {"match": "all", "children": [{"field": "total_spend", "op": "ge", "values": [{"number": 3000}]}]}})");
    }
    const auto *list = window.findChild<ui::SegmentList *>();
    const int listed = list->count();
    window.importFile(path);
    // The file's colour is taken here (the demo's "WeChat customers"): the copy gets the first free colour of
    // the palette instead (issue 21: no two segments share a colour).
    QCOMPARE(dump("SELECT color FROM segments WHERE name = 'WeChat customers'"), QStringLiteral("#76b7b2|\n"));
    QCOMPARE(dump("SELECT description, color FROM segments WHERE name = 'High value (2)'"), QStringLiteral("from Li Lei|#ff9da7|\n"));
    QVERIFY(dump("SELECT rule_json FROM segments WHERE name = 'High value (2)'").contains(u"3000"));
    QCOMPARE(list->count(), listed + 1);
    QCOMPARE(window.rulePanel()->segmentName(), QStringLiteral("High value (2)"));
    QCOMPARE(window.rulePanel()->ruleText(), QStringLiteral("total_spend >= 3000"));
    window.history()->stack()->undo();
    QCOMPARE(dump(segmentsSql), before);

    // A file that does not fit this workspace: the user is told which field, nothing changes.
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(R"({"root": {"match": "all", "children": [{"field": "shoe_size", "op": "gt", "values": [{"number": 40}]}]}})");
    }
    QString told;
    QTimer::singleShot(0, &window, [&told] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            told = box->text();
            box->accept();
        }
    });
    QVERIFY(!window.importSegmentFile(path));
    QVERIFY2(told.contains(u"shared.segment.json") && told.contains(u"shoe_size"), qPrintable(told));
    QCOMPARE(dump(segmentsSql), before);
}

void TestWorkspaceHistory::overlapOfSavedSegments()
{
    ui::MainWindow window;
    QVERIFY(openInWindow(window));
    window.showSegmentOverlap();
    auto *dialog = window.findChild<ui::OverlapDialog *>();
    QVERIFY(dialog);
    QTableWidget *table = dialog->table();
    QCOMPARE(QString::number(table->rowCount()) + u'|' + u'\n', dump("SELECT count(*) FROM segments"));
    int high = -1, repeat = -1;
    for (int i = 0; i < table->rowCount(); ++i) {
        // Rows are "N  name"; column N carries the name in its tooltip.
        if (table->verticalHeaderItem(i)->text() == QString::number(i + 1) + QStringLiteral("  High value"))
            high = i;
        if (table->horizontalHeaderItem(i)->toolTip() == u"Repeat buyers" &&
            table->verticalHeaderItem(i)->text().endsWith(u"Repeat buyers"))
            repeat = i;
    }
    QVERIFY(high >= 0 && repeat >= 0);
    // The playbook's rules: value_tier in ("high") and orders_count >= 2, counted in plain SQL.
    const QLocale locale;
    const auto count = [this](const char *sql) { return dump(sql).section(u'|', 0, 0).toLongLong(); };
    QCOMPARE(table->item(high, high)->text(), locale.toString(count("SELECT count(*) FROM customer_metrics WHERE value_tier = 'high'")));
    const qint64 both = count("SELECT count(*) FROM customer_metrics WHERE value_tier = 'high' AND orders_count >= 2");
    QVERIFY(both > 0);
    QCOMPARE(table->item(high, repeat)->text(), locale.toString(both));
    QCOMPARE(table->item(repeat, high)->text(), locale.toString(both));
    dialog->close();
}

void TestWorkspaceHistory::lifecycleMovesTable()
{
    // The demo shop's history recomputed the metrics quarter by quarter, so its last step was recorded.
    ui::MainWindow window;
    QVERIFY(openInWindow(window));
    window.showLifecycleMoves();
    auto *dialog = window.findChild<ui::LifecycleMovesDialog *>();
    QVERIFY(dialog);
    QTableWidget *table = dialog->table();
    const QString latest = dump("SELECT max(analysis_date) FROM lifecycle_moves").section(u'|', 0, 0);
    QVERIFY(!latest.isEmpty());
    const QLocale locale;
    // Rows: new to the workspace, then the stages in order; columns: the stages. Checked cell by cell against
    // the table the recompute wrote (whose counts tst_customermetrics checks against plain SQL).
    const QStringList stages = {QStringLiteral("prospect"), QStringLiteral("new"), QStringLiteral("growing"),
                                QStringLiteral("mature"), QStringLiteral("at_risk"), QStringLiteral("dormant")};
    QCOMPARE(table->rowCount(), int(stages.size()) + 1);
    QCOMPARE(table->columnCount(), int(stages.size()));
    int nonEmpty = 0;
    for (int r = 0; r <= stages.size(); ++r) {
        const QString from = r == 0 ? QString() : stages.at(r - 1);
        for (int c = 0; c < stages.size(); ++c) {
            const QString sql = QStringLiteral("SELECT customers FROM lifecycle_moves WHERE analysis_date = '%1' AND "
                                               "from_stage = '%2' AND to_stage = '%3'")
                                    .arg(latest, from, stages.at(c));
            const qint64 count = dump(sql.toUtf8()).section(u'|', 0, 0).toLongLong();
            QCOMPARE(table->item(r, c)->text(), count ? locale.toString(count) : QStringLiteral("·"));
            nonEmpty += count > 0;
        }
    }
    QVERIFY(nonEmpty > 3);
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("movesSummary"))->text().contains(u"changed lifecycle stage"));
}

QTEST_MAIN(TestWorkspaceHistory)
#include "tst_workspacehistory.moc"
