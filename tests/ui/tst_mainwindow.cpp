#include "charts/funnelwidget.h"
#include "charts/purchasemixchart.h"
#include "dashboard/purchasemixcontroller.h"
#include "dashboard/purchasemixview.h"
#include "dashboard/dashboardcontroller.h"
#include "dashboard/dashboardpanel.h"
#include "busywork.h"
#include "mainwindow.h"
#include "segments/rulepanel.h"
#include "segments/segmentlist.h"

#include "common/progress.h"
#include "demo/demoshop.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QApplication>
#include <QProgressDialog>
#include <QPushButton>
#include <QTimer>
#include <QDockWidget>
#include <QInputMethodEvent>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <sqlite3.h>

#include <thread>

using namespace segmenta;

// The main window driven like a user would: open a workspace, type a rule, click a saved segment; the
// figures shown are checked against plain SQL over the same workspace.
class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void typingARuleUpdatesTheDashboard();
    void aBadRuleShowsWhereItIsWrong();
    void clickingASavedSegmentShowsIt();
    void theLayoutIsRemembered();
    void clickingAChartNarrowsTheRule();
    void whatTheSegmentBuysNarrowsTheRule();
    void savesACopyWhileTheWorkspaceIsOpen();
    void longWorkStopsWhenCancelIsPressed();

private:
    qint64 sqlCount(const char *sql);
    QStringList sqlColumn(const QString &sql);
    QString waitForHeadline(ui::MainWindow &window);

    QTemporaryDir m_dir;
    QString m_path;
};

void TestMainWindow::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    m_path = m_dir.filePath(QStringLiteral("shop.segmenta"));
    auto ws = demo::DemoShop::createWorkspace(m_path, {{1500}, false});
    QVERIFY2(ws.ok(), qPrintable(ws.errorMessage()));
}

qint64 TestMainWindow::sqlCount(const char *sql)
{
    auto ws = store::Workspace::open(m_path, store::Workspace::Mode::ReadOnly);
    return ws ? ws.value()->db().scalar(sql).toLongLong() : -1;
}

QStringList TestMainWindow::sqlColumn(const QString &sql)
{
    auto ws = store::Workspace::open(m_path, store::Workspace::Mode::ReadOnly);
    QStringList values;
    if (!ws)
        return values;
    store::Statement query(ws.value()->db(), sql.toStdString());
    while (query.step())
        values << query.text(0);
    return values;
}

QString TestMainWindow::waitForHeadline(ui::MainWindow &window)
{
    QSignalSpy shown(window.controller(), &ui::DashboardController::figuresShown);
    if (!shown.wait(20000))
        return {};
    return window.dashboard()->headlineText();
}

void TestMainWindow::typingARuleUpdatesTheDashboard()
{
    ui::MainWindow window;
    window.show();
    QSignalSpy first(window.controller(), &ui::DashboardController::figuresShown);
    QVERIFY(window.openWorkspace(m_path));
    QVERIFY(first.count() > 0 || first.wait(20000));
    QCOMPARE(first.last().at(0).toLongLong(), qint64(1500)); // an empty rule: everyone
    // The status bar names the workspace's customers (counted from the loaded columns, not by SQL here).
    const auto *status = window.findChild<QLabel *>(QStringLiteral("workspaceStatus"));
    QVERIFY(status);
    QVERIFY2(status->text().contains(QLocale().toString(sqlCount("SELECT count(*) FROM customers")) + QStringLiteral(" customers")),
             qPrintable(status->text()));

    auto *editor = window.findChild<QPlainTextEdit *>(QStringLiteral("ruleEditor"));
    QVERIFY(editor);
    editor->setFocus();
    QSignalSpy shown(window.controller(), &ui::DashboardController::figuresShown);
    QTest::keyClicks(editor, QStringLiteral("total_spend >= 1000 and (city is \""));
    // Chinese arrives through the input method, as it does when a user types it.
    QInputMethodEvent chinese;
    chinese.setCommitString(QStringLiteral("上海"));
    QApplication::sendEvent(editor, &chinese);
    QTest::keyClicks(editor, QStringLiteral("\" or orders_count >= 5)"));
    QVERIFY(shown.count() > 0 || shown.wait(20000)); // it may have come during the click
    // Typing evaluates after pauses; wait until the figures for the whole rule arrive.
    const qint64 expected = sqlCount("SELECT count(*) FROM customer_metrics m JOIN customers c ON c.id = m.customer_id "
                                     "WHERE m.total_spend >= 1000 AND (c.city = '上海' OR m.orders_count >= 5)");
    QTRY_COMPARE_WITH_TIMEOUT(shown.last().at(0).toLongLong(), expected, 20000);
    QVERIFY2(window.dashboard()->headlineText().contains(QLocale().toString(expected) + QStringLiteral(" customers")),
             qPrintable(window.dashboard()->headlineText()));
    // The funnel's first step is the segment, its second the members with a purchase.
    QCOMPARE(window.dashboard()->funnel()->steps().at(0).count, expected);
    QCOMPARE(window.dashboard()->funnel()->steps().at(1).allCount,
             sqlCount("SELECT count(*) FROM customer_metrics WHERE orders_count >= 1"));
    // The RFM grid adds up to the segment's buyers.
    qint64 grid = 0;
    for (const auto &row : window.dashboard()->rfm()->segmentGrid())
        for (qint64 cell : row)
            grid += cell;
    QCOMPARE(grid, window.dashboard()->funnel()->steps().at(1).count);
}

void TestMainWindow::aBadRuleShowsWhereItIsWrong()
{
    ui::MainWindow window;
    window.show();
    QSignalSpy first(window.controller(), &ui::DashboardController::figuresShown);
    QVERIFY(window.openWorkspace(m_path));
    QVERIFY(first.count() > 0 || first.wait(20000));
    const QString before = window.dashboard()->headlineText();
    window.rulePanel()->setRuleText(QStringLiteral("total_spend >="));
    const auto labels = window.rulePanel()->findChildren<QLabel *>();
    const bool shown = std::any_of(labels.begin(), labels.end(), [](QLabel *label) {
        return label->text().contains(QStringLiteral("line 1, column 15: expected a number"));
    });
    QVERIFY(shown);
    // The last good figures stay.
    QCOMPARE(window.dashboard()->headlineText(), before);
}

void TestMainWindow::clickingASavedSegmentShowsIt()
{
    ui::MainWindow window;
    window.show();
    QSignalSpy first(window.controller(), &ui::DashboardController::figuresShown);
    QVERIFY(window.openWorkspace(m_path));
    QVERIFY(first.count() > 0 || first.wait(20000));
    auto *list = window.findChild<QListWidget *>(QStringLiteral("segmentList"));
    QVERIFY(list);
    QCOMPARE(list->count(), 8);
    // "Repeat buyers" is the third playbook segment: orders_count >= 2.
    QListWidgetItem *item = list->item(2);
    QVERIFY(item->text().startsWith(QStringLiteral("Repeat buyers")));
    QSignalSpy shown(window.controller(), &ui::DashboardController::figuresShown);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(item).center());
    QVERIFY(shown.count() > 0 || shown.wait(20000)); // it may have come during the click
    QCOMPARE(shown.last().at(0).toLongLong(), sqlCount("SELECT count(*) FROM customer_metrics WHERE orders_count >= 2"));
    QCOMPARE(window.rulePanel()->segmentName(), QStringLiteral("Repeat buyers"));
}

void TestMainWindow::theLayoutIsRemembered()
{
    {
        ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.resize(1010, 720);
        auto *dock = window.findChild<QDockWidget *>(QStringLiteral("segmentsDock"));
        QVERIFY(dock);
        dock->hide();
        window.close();
    }
    ui::MainWindow again;
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QCOMPARE(again.size(), QSize(1010, 720));
    QVERIFY(!again.findChild<QDockWidget *>(QStringLiteral("segmentsDock"))->isVisible());
    // The rule / dashboard split follows the rule, up to where the user dragged it: tst_screens.
    // Put the default layout back for the other tests.
    again.findChild<QDockWidget *>(QStringLiteral("segmentsDock"))->show();
    again.resize(1280, 860);
    again.close();
}

void TestMainWindow::clickingAChartNarrowsTheRule()
{
    ui::MainWindow window;
    window.show();
    QSignalSpy first(window.controller(), &ui::DashboardController::figuresShown);
    QVERIFY(window.openWorkspace(m_path));
    QVERIFY(first.count() > 0 || first.wait(20000));
    // Click the funnel's third step (repeat purchase): the rule becomes "orders_count >= 2".
    ui::FunnelWidget *funnel = window.dashboard()->funnel();
    int y = 0;
    while (y < funnel->height() && funnel->stepAt(QPoint(funnel->width() / 2, y)) != 2)
        ++y;
    QVERIFY(y < funnel->height());
    QSignalSpy shown(window.controller(), &ui::DashboardController::figuresShown);
    QTest::mouseClick(funnel, Qt::LeftButton, {}, QPoint(funnel->width() / 2, y + 4));
    QVERIFY(shown.count() > 0 || shown.wait(20000));
    QCOMPARE(window.rulePanel()->ruleText(), QStringLiteral("orders_count >= 2"));
    QCOMPARE(shown.last().at(0).toLongLong(), sqlCount("SELECT count(*) FROM customer_metrics WHERE orders_count >= 2"));
    // Then a tier: both conditions hold.
    shown.clear();
    Q_EMIT window.dashboard()->tierClicked(0);
    QVERIFY(shown.count() > 0 || shown.wait(20000));
    QCOMPARE(shown.last().at(0).toLongLong(),
             sqlCount("SELECT count(*) FROM customer_metrics WHERE orders_count >= 2 AND value_tier = 'high'"));
    // One undo step each.
    QCOMPARE(window.rulePanel()->undoStack()->count(), 2);
    window.rulePanel()->undoStack()->undo();
    QCOMPARE(window.rulePanel()->ruleText(), QStringLiteral("orders_count >= 2"));
}

// "What this segment buys": the categories of the segment's purchases by revenue and by buyers, as plain SQL
// ranks them; a click on one narrows the rule to its buyers, as one undo step.
void TestMainWindow::whatTheSegmentBuysNarrowsTheRule()
{
    ui::MainWindow window;
    window.resize(1280, 860);
    window.show();
    QSignalSpy first(window.controller(), &ui::DashboardController::figuresShown);
    QVERIFY(window.openWorkspace(m_path));
    QVERIFY(first.count() > 0 || first.wait(20000));
    window.rulePanel()->setRuleText(QStringLiteral("total_spend >= 1000"));
    const QString asOf = window.dashboard()->analysisDate().toString(Qt::ISODate);
    const QString purchases = QStringLiteral("FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN customer_metrics m "
                                             "ON m.customer_id = o.customer_id WHERE o.is_valid != 0 AND o.amount > 0 AND "
                                             "substr(o.order_date, 1, 10) <= '%1' AND m.total_spend >= 1000 AND "
                                             "l.category IS NOT NULL GROUP BY l.category ")
                                  .arg(asOf);
    const auto shownNames = [](const ui::PurchaseMixChart *chart) {
        QStringList names;
        for (const auto &row : chart->rows())
            names << row.name;
        return names;
    };
    ui::PurchaseMixView *view = window.dashboard()->purchaseMix();
    const QStringList byRevenue = sqlColumn(QStringLiteral("SELECT l.category ") + purchases +
                                            QStringLiteral("ORDER BY sum(l.amount) DESC LIMIT 8"));
    QVERIFY(!byRevenue.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(shownNames(view->categories()), byRevenue, 20000);
    // The segment's buyers and the revenue of their purchase lines, in the workspace's currency.
    const QString all = QString(purchases).remove(QStringLiteral("AND l.category IS NOT NULL GROUP BY l.category "));
    const QStringList totals = sqlColumn(QStringLiteral("SELECT count(DISTINCT o.customer_id) || '|' || printf('%.2f', sum(l.amount)) ") + all)
                                   .value(0).split(u'|');
    QCOMPARE(totals.size(), 2);
    auto ws = store::Workspace::open(m_path, store::Workspace::Mode::ReadOnly);
    QVERIFY(ws.ok());
    const QString symbol = ws.value()->currencySymbol();
    QVERIFY(!symbol.isEmpty());
    const QLocale locale;
    QCOMPARE(view->findChild<QLabel *>(QStringLiteral("purchaseMixTotals"))->text(),
             QStringLiteral("%1 buyers · revenue %2%3")
                 .arg(locale.toString(totals[0].toLongLong()), symbol, locale.toString(totals[1].toDouble(), 'f', 2)));
    QTest::mouseClick(view->findChild<QPushButton *>(QStringLiteral("purchaseMixByBuyers")), Qt::LeftButton);
    QCOMPARE(shownNames(view->categories()),
             sqlColumn(QStringLiteral("SELECT l.category ") + purchases +
                       QStringLiteral("ORDER BY count(DISTINCT o.customer_id) DESC, sum(l.amount) DESC LIMIT 8")));

    // A click on the second category keeps its buyers.
    const QString category = view->categories()->rows().at(1).name;
    const int undoBefore = window.rulePanel()->undoStack()->count();
    QSignalSpy shown(window.controller(), &ui::DashboardController::figuresShown);
    QTest::mouseClick(view->categories(), Qt::LeftButton, {}, view->categories()->rowRectangle(1).center());
    QTRY_COMPARE_WITH_TIMEOUT(window.rulePanel()->ruleText(),
                              QStringLiteral("total_spend >= 1000 and ordered where category is \"%1\"").arg(category), 5000);
    QCOMPARE(window.rulePanel()->undoStack()->count(), undoBefore + 1);
    QCOMPARE(window.rulePanel()->undoStack()->undoText(),
             QStringLiteral("Narrow to ordered where category is \"%1\"").arg(category));
    const qint64 expected =
        sqlColumn(QStringLiteral("SELECT count(DISTINCT o.customer_id) ") +
                  QString(purchases).replace(QStringLiteral("l.category IS NOT NULL GROUP BY l.category"),
                                             QStringLiteral("l.category = '%1'").arg(category)))
            .value(0)
            .toLongLong();
    QTRY_COMPARE_WITH_TIMEOUT(shown.isEmpty() ? qint64(-1) : shown.last().at(0).toLongLong(), expected, 20000);
    window.rulePanel()->undoStack()->undo();
    QCOMPARE(window.rulePanel()->ruleText(), QStringLiteral("total_spend >= 1000"));
}

// File > Save a Copy: through SQLite's backup API while the window has the workspace open; the copy holds
// what the workspace holds (counted with plain SQLite), and the workspace itself is never a target.
void TestMainWindow::savesACopyWhileTheWorkspaceIsOpen()
{
    ui::MainWindow window;
    QVERIFY(window.openWorkspace(m_path));
    const QString copy = m_dir.filePath(QStringLiteral("copy.segmenta"));
    QCOMPARE(window.saveCopy(copy), QString());
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open_v2(copy.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt *stmt = nullptr;
    QCOMPARE(sqlite3_prepare_v2(db, "SELECT count(*) FROM customers", -1, &stmt, nullptr), SQLITE_OK);
    QCOMPARE(sqlite3_step(stmt), SQLITE_ROW);
    const qint64 copied = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    QCOMPARE(copied, sqlCount("SELECT count(*) FROM customers"));
    const QString refused = window.saveCopy(m_path);
    QVERIFY2(refused.contains(u"is the workspace"), qPrintable(refused));
}

// The dialog that Save a Copy runs its work behind (runWithProgressDialog) has a Cancel button that stops the
// work: here work that runs until it is cancelled, and the button pressed once the dialog is up.
void TestMainWindow::longWorkStopsWhenCancelIsPressed()
{
    QWidget parent;
    bool pressed = false;
    QTimer::singleShot(0, &parent, [&parent, &pressed] {
        auto *dialog = parent.findChild<QProgressDialog *>();
        QVERIFY(dialog);
        auto *cancel = dialog->findChild<QPushButton *>();
        QVERIFY(cancel);
        cancel->click();
        pressed = true;
    });
    bool canceled = false;
    const QString result = ui::runWithProgressDialog(
        &parent, QStringLiteral("working"),
        [](Progress &progress) {
            progress.setTotal(100);
            while (!progress.isCanceled())
                std::this_thread::yield();
            return QStringLiteral("stopped");
        },
        &canceled);
    QVERIFY(pressed);
    QCOMPARE(result, QStringLiteral("stopped"));
    QVERIFY(canceled);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
