// The window's work never takes the threads Qt paints with. Qt 6.4 cuts large fills of the GUI thread's painting
// into pieces run on QThreadPool::globalInstance() and waits for them, so a long job on that pool froze the
// window until it ended (6.4 s while a 1 M-customer workspace opened). The window's loading and counting run on
// a pool of their own (ui::workers()), the predictions' sums on core's (computeThreads()). Here the global
// pool's only thread is held for the whole test, and the window is not shown (its painting would wait for that
// thread): the window must still open a workspace, show its figures, count a typed rule with a purchase
// condition and show what the segment buys, with the counts plain SQL gives. Any of that put on the global pool
// would never run.
#include "busywork.h"
#include "common/threads.h"
#include "dashboard/dashboardcontroller.h"
#include "dashboard/dashboardpanel.h"
#include "charts/purchasemixchart.h"
#include "dashboard/purchasemixview.h"
#include "demo/demoshop.h"
#include "mainwindow.h"
#include "rules/purchasesnapshot.h"
#include "segments/rulepanel.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QFileInfo>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <atomic>
#include <latch>
#include <set>
#include <thread>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>
#endif

using namespace segmenta;

class TestWorkThreads : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void theWindowWorksWhileQtsPoolIsHeld();
    void workersRunBelowTheGuiThread_data();
    void workersRunBelowTheGuiThread();
    void waitingForBackgroundWorkWaitsForEveryTask();
    void closingTheWindowStopsItsLoad();
    void aNewLoadStopsTheOrdersReadOfTheLast();

private:
    qint64 sqlCount(const QString &sql);

    QTemporaryDir m_dir;
    QString m_path;
    QSemaphore m_release;
};

void TestWorkThreads::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    m_path = m_dir.filePath(QStringLiteral("shop.segmenta"));
    auto ws = demo::DemoShop::createWorkspace(m_path, {{1200}, false});
    QVERIFY2(ws.ok(), qPrintable(ws.errorMessage()));
    // One thread in the global pool, held until the end: nothing else ever runs there.
    QThreadPool::globalInstance()->setMaxThreadCount(1);
    QThreadPool::globalInstance()->start([this] { m_release.acquire(); });
    QTRY_COMPARE(QThreadPool::globalInstance()->activeThreadCount(), 1);
    QVERIFY(ui::workers() != QThreadPool::globalInstance());
    QVERIFY(computeThreads() != QThreadPool::globalInstance());
}

void TestWorkThreads::cleanupTestCase()
{
    m_release.release();
    QThreadPool::globalInstance()->waitForDone();
}

qint64 TestWorkThreads::sqlCount(const QString &sql)
{
    auto ws = store::Workspace::open(m_path, store::Workspace::Mode::ReadOnly);
    return ws ? ws.value()->db().scalar(sql.toStdString()).toLongLong() : -1;
}

void TestWorkThreads::theWindowWorksWhileQtsPoolIsHeld()
{
    ui::MainWindow window;
    window.resize(1280, 860);
    QSignalSpy shown(window.controller(), &ui::DashboardController::figuresShown);
    QVERIFY(window.openWorkspace(m_path));
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 20000);
    QCOMPARE(shown.last().at(0).toLongLong(), sqlCount(QStringLiteral("SELECT count(*) FROM customers")));

    window.rulePanel()->setRuleText(QStringLiteral("orders_count >= 2 and ordered where category is \"Green tea\""));
    const qint64 expected = sqlCount(QStringLiteral(
        "SELECT count(*) FROM customer_metrics m WHERE m.orders_count >= 2 AND EXISTS (SELECT 1 FROM orders o JOIN "
        "order_lines l ON l.order_id = o.id WHERE o.customer_id = m.customer_id AND o.is_valid <> 0 AND o.amount > 0 "
        "AND substr(o.order_date, 1, 10) <= '%1' AND l.category = 'Green tea')")
                                         .arg(window.dashboard()->analysisDate().toString(Qt::ISODate)));
    QTRY_COMPARE_WITH_TIMEOUT(shown.last().at(0).toLongLong(), expected, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!window.dashboard()->purchaseMix()->categories()->rows().isEmpty(), 20000);
    bool named = false; // every member bought green tea, so it is among the categories they buy most
    for (const auto &row : window.dashboard()->purchaseMix()->categories()->rows())
        named = named || row.name == u"Green tea";
    QVERIFY(named);
}

void TestWorkThreads::workersRunBelowTheGuiThread_data()
{
    QTest::addColumn<bool>("window");
    QTest::newRow("the window's workers") << true;
    QTest::newRow("core's compute threads") << false;
}

// Each thread of the pools, and a thread their work starts, has a nice value kBackgroundNice above the GUI
// thread's, as the kernel reports it for that thread: so the GUI thread gets a core first when both want one.
void TestWorkThreads::workersRunBelowTheGuiThread()
{
#ifdef Q_OS_LINUX
    QFETCH(bool, window);
    QThreadPool *pool = window ? ui::workers() : computeThreads();
    const int gui = getpriority(PRIO_PROCESS, id_t(gettid()));
    const int expected = std::min(19, gui + kBackgroundNice); // nice values end at 19
    struct Seen
    {
        pid_t thread;
        int nice;
        int started; // of a thread started by the task
    };
    // Started as plain runnables, not futures: a future waited for from this thread may run its task here.
    const int count = 4 * pool->maxThreadCount();
    std::vector<Seen> seen(size_t(count), Seen{0, -100, -100});
    std::latch done(count);
    for (int i = 0; i < count; ++i) {
        pool->start([&seen, &done, i] {
            int started = 0;
            std::thread([&started] { started = getpriority(PRIO_PROCESS, id_t(gettid())); }).join();
            seen[size_t(i)] = Seen{gettid(), getpriority(PRIO_PROCESS, id_t(gettid())), started};
            done.count_down();
        });
    }
    done.wait();
    std::set<pid_t> threads;
    for (const Seen &task : seen) {
        QCOMPARE(task.nice, expected);
        QCOMPARE(task.started, expected);
        QVERIFY(task.thread != gettid());
        threads.insert(task.thread);
    }
    QVERIFY(int(threads.size()) <= pool->maxThreadCount());
    QCOMPARE(getpriority(PRIO_PROCESS, id_t(gettid())), gui); // the GUI thread's own is left alone
#else
    QSKIP("thread nice values are Linux's; elsewhere the pools use Qt's LowPriority");
#endif
}

// What the application's end waits for (a post routine of the application object): a task of the window's
// workers, and the task it started on core's pool, both held until a helper has seen them start.
void TestWorkThreads::waitingForBackgroundWorkWaitsForEveryTask()
{
    QSemaphore started;
    QSemaphore gate;
    std::atomic<int> finished{0};
    ui::workers()->start([&] {
        computeThreads()->start([&] {
            started.release();
            gate.acquire();
            ++finished;
        });
        started.release();
        gate.acquire();
        ++finished;
    });
    std::thread helper([&] {
        started.acquire(2);
        gate.release(2);
    });
    waitForBackgroundWork();
    QCOMPARE(finished.load(), 2);
    helper.join();
}

// Closing the window while its figures load stops the load, so that the program does not stay behind the
// closed window until the load ends (seconds at a million customers). The window's workers are held while a
// dashboard is given the workspace and destroyed, so its load starts only after the dashboard is gone; it must then
// read nothing. The observable: with the customers' copy made for any size of workspace, a load that reads the
// customers leaves their copy in the cache folder, as a window left to load does. (The dashboard is made
// alone for the first part: the window's open of a workspace waits for a worker of its own.)
void TestWorkThreads::closingTheWindowStopsItsLoad()
{
    QTemporaryDir cache;
    QVERIFY(cache.isValid());
    rules::PurchaseSnapshot::setFolder(cache.filePath(QStringLiteral("snapshots")));
    const size_t minimum = rules::CustomerSnapshot::minimumCustomers();
    rules::CustomerSnapshot::setMinimumCustomers(0);
    const QString copy = rules::CustomerSnapshot::fileFor(m_path);

    const int threads = ui::workers()->maxThreadCount();
    QSemaphore started;
    QSemaphore gate;
    for (int i = 0; i < threads; ++i) {
        ui::workers()->start([&] {
            started.release();
            gate.acquire();
        });
    }
    started.acquire(threads);
    auto releaseOnFailure = qScopeGuard([&] { gate.release(threads); });
    {
        // The dashboard alone: the window's open itself waits for a worker.
        auto ws = store::Workspace::open(m_path, store::Workspace::Mode::ReadOnly);
        QVERIFY2(ws.ok(), qPrintable(ws.errorMessage()));
        ui::DashboardPanel panel;
        ui::DashboardController controller(&panel);
        controller.setWorkspace(ws.value().get());
        QVERIFY(!controller.isReady());
    }
    releaseOnFailure.dismiss();
    gate.release(threads);
    waitForBackgroundWork();
    rules::PurchaseSnapshot::waitForWrites();
    QVERIFY2(!QFileInfo::exists(copy), "the load of a closed window read the customers");

    {
        ui::MainWindow window;
        QSignalSpy shown(window.controller(), &ui::DashboardController::figuresShown);
        QVERIFY(window.openWorkspace(m_path));
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 20000);
    }
    waitForBackgroundWork();
    rules::PurchaseSnapshot::waitForWrites();
    QVERIFY(QFileInfo::exists(copy));
    rules::CustomerSnapshot::setMinimumCustomers(minimum);
}

// Opening the workspace again (after the check of a file changed outside Segmenta, an import, new settings)
// abandons the state shown before: a read of its orders for "What this segment buys" would otherwise run on
// beside the new state's own read, and quitting would wait for it (seconds at a million customers, seen
// under Xvfb). The window's workers are held from the moment the first state is ready, so nothing has read its
// orders yet when the second load is asked for; asking for them then must be refused.
void TestWorkThreads::aNewLoadStopsTheOrdersReadOfTheLast()
{
    auto ws = store::Workspace::open(m_path, store::Workspace::Mode::ReadOnly);
    QVERIFY2(ws.ok(), qPrintable(ws.errorMessage()));
    const int threads = ui::workers()->maxThreadCount();
    QSemaphore started;
    QSemaphore gate;
    auto release = qScopeGuard([&] {
        gate.release(threads);
        waitForBackgroundWork();
    });
    std::shared_ptr<const rules::ColumnCache> first;
    {
        ui::DashboardPanel panel;
        ui::DashboardController controller(&panel);
        // Directly on ready, before the first figures are asked of a worker (and, after them, the orders).
        connect(&controller, &ui::DashboardController::ready, this, [&] {
            if (first)
                return;
            first = controller.columnCache();
            for (int i = 0; i < threads; ++i) {
                ui::workers()->start([&] {
                    started.release();
                    gate.acquire();
                });
            }
        }, Qt::DirectConnection);
        controller.setWorkspace(ws.value().get());
        QTRY_VERIFY_WITH_TIMEOUT(first != nullptr, 20000);
        started.acquire(threads);
        controller.setWorkspace(ws.value().get());
        QVERIFY_THROWS_EXCEPTION(rules::ColumnCache::PurchasesUnavailable, first->purchases());
    }
    release.dismiss();
    gate.release(threads);
    waitForBackgroundWork();
    // A cache no window abandoned reads them.
    auto again = rules::ColumnCache::load(ws.value()->db(), rules::RuleContext::forDatabase(ws.value()->db(), ws.value()->analysisDate()).fields);
    QVERIFY2(again.ok(), qPrintable(again.errorMessage()));
    QCOMPARE(qint64(again.value()->purchases().orders()), sqlCount(QStringLiteral("SELECT count(*) FROM orders")));
}

QTEST_MAIN(TestWorkThreads)
#include "tst_workthreads.moc"
