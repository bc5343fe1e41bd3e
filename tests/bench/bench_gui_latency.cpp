// How responsive the window stays: an event-loop probe (a 5 ms timer) records the longest stretch the GUI
// thread spent away from its event loop while the app works on a large workspace:
//   open     opening the workspace and showing the first figures
//   edit     rule edits, one after the other: time from the edit to the new figures on screen (median, max)
//   scroll   scrolling the Customers view from top to bottom in 200 steps, rows loaded lazily
//   import   importing a CSV through the import wizard (preview, columns, run)
// Usage: bench_gui_latency WORKSPACE [CSV | open]   (open: only the first part; segmenta-cli demo --db W --customers 1000000 makes one; the CSV
// is imported into W, so pass a copy). Run on the offscreen platform: QT_QPA_PLATFORM=offscreen.
#include "customers/customersmodel.h"
#include "customers/customersview.h"
#include "dashboard/dashboardcontroller.h"
#include "import/importrunpage.h"
#include "import/importwizard.h"
#include "mainwindow.h"
#include "segments/rulepanel.h"
#include "store/workspace.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <utility>

using namespace segmenta;

namespace {

// Records the largest gap between ticks of a 5 ms timer, minus the 5 ms: time the event loop was held.
class LatencyProbe : public QObject
{
public:
    LatencyProbe()
    {
        m_timer.setInterval(5);
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            if (m_last >= 0 && now - m_last > m_worst) {
                m_worst = now - m_last;
                m_worstFrom = m_last;
            }
            m_last = now;
        });
    }
    void start()
    {
        m_worst = 0;
        m_worstFrom = 0;
        m_last = -1;
        m_clock.start();
        m_timer.start();
    }
    double stopMs()
    {
        m_timer.stop();
        return std::max(0.0, double(m_worst) / 1e6 - 5.0);
    }
    // The longest gap, as times on the probe's clock.
    qint64 worstFrom() const { return m_worstFrom; }
    qint64 worstTo() const { return m_worstFrom + m_worst; }
    const QElapsedTimer &clock() const { return m_clock; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = -1;
    qint64 m_worst = 0;
    qint64 m_worstFrom = 0;
};

// Names the event the GUI thread spent longest on (its own time, without the events a local event loop inside
// it delivered), to tell what held it. The time such a loop waits counts as the event's own: the open's busy
// dialog then shows as one long event, though the probe sees the thread free.
class TimedApplication : public QApplication
{
public:
    using QApplication::QApplication;
    bool notify(QObject *receiver, QEvent *event) override
    {
        if (QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        const bool topLevel = m_nested.empty();
        const qint64 startedAt = m_probeClock && m_probeClock->isValid() ? m_probeClock->nsecsElapsed() : -1;
        m_nested.push_back(0); // time spent in events delivered inside this one (a local event loop's)
        QElapsedTimer clock;
        clock.start();
        const int type = event->type();
        const QString name = QString::fromLatin1(receiver->metaObject()->className()) + u' ' + receiver->objectName();
        const bool result = QApplication::notify(receiver, event);
        const qint64 ns = clock.nsecsElapsed();
        const qint64 own = ns - m_nested.back();
        m_nested.pop_back();
        if (!m_nested.empty())
            m_nested.back() += ns;
        if (topLevel && startedAt >= 0)
            m_events.push_back({startedAt, ns, type, name});
        if (own > m_longestNs) {
            m_longestNs = own;
            m_longest = QStringLiteral("%1 ms: event %2 to %3").arg(double(own) / 1e6, 0, 'f', 1).arg(type).arg(name);
        }
        return result;
    }
    QString takeLongest()
    {
        m_longestNs = 0;
        return std::exchange(m_longest, QString());
    }
    // From now on, every top-level event is recorded on `clock` (the probe's).
    void recordEventsOn(const QElapsedTimer *clock)
    {
        m_probeClock = clock;
        m_events.clear();
    }
    // The recorded events that started between `from` and `to`, longest first, as lines to print.
    QStringList eventsBetween(qint64 from, qint64 to) const
    {
        std::vector<Event> inside;
        qint64 total = 0;
        for (const Event &e : m_events) {
            if (e.startedAt >= from && e.startedAt < to) {
                inside.push_back(e);
                total += e.ns;
            }
        }
        std::sort(inside.begin(), inside.end(), [](const Event &a, const Event &b) { return a.ns > b.ns; });
        QStringList lines{QStringLiteral("%1 events in the longest hold, %2 ms in all")
                              .arg(inside.size())
                              .arg(double(total) / 1e6, 0, 'f', 1)};
        for (size_t i = 0; i < std::min<size_t>(inside.size(), 12); ++i)
            lines << QStringLiteral("    %1 ms at +%2 ms: event %3 to %4")
                         .arg(double(inside[i].ns) / 1e6, 0, 'f', 1)
                         .arg(double(inside[i].startedAt - from) / 1e6, 0, 'f', 1)
                         .arg(inside[i].type)
                         .arg(inside[i].receiver);
        return lines;
    }

private:
    struct Event
    {
        qint64 startedAt;
        qint64 ns;
        int type;
        QString receiver;
    };
    const QElapsedTimer *m_probeClock = nullptr;
    std::vector<Event> m_events;
    std::vector<qint64> m_nested;
    qint64 m_longestNs = 0;
    QString m_longest;
};

bool waitFor(const std::function<bool()> &condition, int timeoutMs)
{
    return QTest::qWaitFor(condition, timeoutMs);
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

} // namespace

int main(int argc, char *argv[])
{
    TimedApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_gui_latency WORKSPACE [CSV]\n");
        return 2;
    }
    const QString workspace = QString::fromLocal8Bit(argv[1]);
    // As when the user closed this workspace last time: its file is known intact, so the open does not check
    // all of it on a worker meanwhile (a file changed outside Segmenta is; SEGMENTA_BENCH_CHECK=1 measures that).
    if (qEnvironmentVariableIntValue("SEGMENTA_BENCH_CHECK") == 0)
        (void)store::Workspace::checkIntact(workspace);
    ui::MainWindow window;
    window.resize(1280, 860);
    window.show();
    LatencyProbe probe;

    // Open.
    QElapsedTimer clock;
    QSignalSpy first(window.controller(), &ui::DashboardController::figuresShown);
    probe.start();
    app.recordEventsOn(&probe.clock());
    clock.start();
    QTimer::singleShot(0, &window, [&] { window.openWorkspace(workspace); });
    if (!waitFor([&] { return first.count() > 0; }, 600000)) {
        std::fprintf(stderr, "no figures after opening\n");
        return 1;
    }
    std::printf("open: first figures after %.0f ms; GUI thread held at most %.0f ms\n", double(clock.elapsed()), probe.stopMs());
    std::printf("  longest event: %s\n", qPrintable(app.takeLongest()));
    for (const QString &line : app.eventsBetween(probe.worstFrom(), probe.worstTo()))
        std::printf("  %s\n", qPrintable(line));
    if (argc > 2 && qstrcmp(argv[2], "open") == 0)
        return 0;

    // Rule edits.
    const char *rules[] = {"total_spend >= 1000",
                           "total_spend >= 1000 and city in (\"上海\", \"北京\")",
                           "total_spend >= 1000 and city in (\"上海\", \"北京\") and last_order_date in last 90 days",
                           "orders_count >= 2",
                           "orders_count >= 2 and channel = \"WeChat\"",
                           "lifecycle_stage in (\"at_risk\") and value_tier in (\"high\", \"mid\")",
                           "total_spend in top 10%",
                           "not (city = \"上海\")",
                           "orders_count >= 5 or total_spend > 5000",
                           "total_spend between 100 and 500"};
    std::vector<double> edits;
    probe.start();
    for (const char *rule : rules) {
        QSignalSpy shown(window.controller(), &ui::DashboardController::figuresShown);
        clock.restart();
        window.rulePanel()->setRuleText(QString::fromUtf8(rule));
        if (!waitFor([&] { return shown.count() > 0; }, 60000)) {
            std::fprintf(stderr, "no figures for %s\n", rule);
            return 1;
        }
        QCoreApplication::processEvents(); // the repaint
        edits.push_back(double(clock.nsecsElapsed()) / 1e6);
    }
    std::printf("edit: %zu rule edits, edit to figures shown median %.0f ms, max %.0f ms; GUI thread held at most %.0f ms\n",
                edits.size(), median(edits), *std::max_element(edits.begin(), edits.end()), probe.stopMs());

    // Scrolling the Customers view.
    window.rulePanel()->setRuleText(QString());
    window.showCustomers(true);
    ui::CustomersModel *model = window.customersView()->model();
    waitFor([&] { return !model->isLoading() && model->rowCount() > 0; }, 600000);
    QScrollBar *bar = window.customersView()->table()->verticalScrollBar();
    probe.start();
    clock.restart();
    const int steps = 200;
    for (int i = 1; i <= steps; ++i) {
        bar->setValue(int(qint64(bar->maximum()) * i / steps));
        QTest::qWait(10);
    }
    const QModelIndex last = model->index(model->rowCount() - 1, 0);
    waitFor([&] { return model->data(last).isValid() && !model->data(last).toString().isEmpty(); }, 60000);
    std::printf("scroll: %d rows in %d steps over %.0f ms; GUI thread held at most %.0f ms\n", model->rowCount(), steps,
                double(clock.elapsed()), probe.stopMs());
    window.showCustomers(false);

    // Import through the wizard.
    if (argc > 2) {
        ui::ImportWizard wizard(workspace, QString::fromLocal8Bit(argv[2]), &window);
        probe.start();
        clock.restart();
        wizard.show();
        if (!waitFor([&] { return wizard.preview().has_value() && !wizard.previewPending(); }, 600000)) {
            std::fprintf(stderr, "no preview: %s\n", qPrintable(wizard.previewError()));
            return 1;
        }
        const double previewMs = double(clock.elapsed());
        wizard.next();
        waitFor([&] { return wizard.currentPage()->isComplete(); }, 60000);
        wizard.next();
        auto *run = wizard.findChild<ui::ImportRunPage *>();
        waitFor([&] { return !run->isRunning(); }, 3600000);
        std::printf("import: preview after %.0f ms, import and figures done after %.0f ms (%s); GUI thread held at most %.0f ms\n",
                    previewMs, double(clock.elapsed()), wizard.summary() ? "imported" : "FAILED", probe.stopMs());
    }
    return 0;
}
