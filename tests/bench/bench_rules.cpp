// After a rule edit: the edited segment's count, revenue, lifecycle, tiers and RFM grid plus the counts of 20
// saved segments, in memory (columnar) and through SQL, side by side on the same workspace.
// Usage: bench_rules WORKSPACE [RUNS]   (segmenta-cli demo --db W --customers 1000000 makes one)
//        bench_rules WORKSPACE load [RUNS]   loads the column cache RUNS times (default 3) and prints each time;
//                                            then its orders and lines, which are read on first use: from
//                                            SQLite (then a snapshot is written, timed apart) or from the
//                                            workspace's snapshot in the cache folder (XDG_CACHE_HOME), extended
//                                            with the rows of an import since that only added rows
//        bench_rules WORKSPACE eval [RUNS]   the in-memory figure only (the SQL side takes minutes at 10 M)
//        bench_rules WORKSPACE purchase [RUNS]   the edited rule has purchase conditions (issue 20), and 5 of the
//                                                saved segments too; prints the order/line part of the cache
//        bench_rules WORKSPACE purchase-eval [RUNS]   the same, in memory only
//        With purchases, each run changes the two purchase conditions' numbers (a user editing them); the SQL
//        side is checked against the columnar members in each of its runs.
//        bench_rules WORKSPACE mix [RUNS]   "What this segment buys": grouping the purchase lines by customer and
//                                           tallying all customers once, then the top categories and products of
//                                           the edited segment (both measures) per edit
#include "metrics/customermetrics.h"
#include "rules/columnarevaluator.h"
#include "rules/purchasemix.h"
#include "rules/purchasesnapshot.h"
#include "rules/ruletext.h"
#include "rules/sqlcompiler.h"
#include "store/workspace.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <iterator>
#include <cstdio>
#include <ctime>

using namespace segmenta;

namespace {

// CPU time of the calling thread: the columnar evaluation runs on it alone, so this is its cost whatever else
// the machine runs.
double threadCpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

// The dashboard card's work: once per workspace state, then per rule edit.
int benchPurchaseMix(store::Workspace &workspace, const rules::RuleContext &context, int runs)
{
    QElapsedTimer timer;
    timer.start();
    const auto cache = rules::ColumnCache::load(workspace.db(), context.fields);
    if (!cache)
        return 1;
    const size_t lines = cache.value()->purchases().lines();
    std::printf("customers %zu, lines %zu: cache and its orders read in %.2f s\n", cache.value()->rows(), lines,
                double(timer.nsecsElapsed()) / 1e9);
    timer.restart();
    const rules::PurchaseMix mix(context, cache.value());
    const rules::Bitset all(cache.value()->rows(), true);
    const auto allCategories = mix.tally(all, QStringLiteral("category"));
    const auto allProducts = mix.tally(all, QStringLiteral("product"));
    std::printf("once: lines grouped by customer and all customers tallied in %.0f ms (%zu purchase lines)\n",
                double(timer.nsecsElapsed()) / 1e6, mix.purchaseLines());
    for (const char *text : {"total_spend >= 1000", "orders_count >= 1", "city is \"上海\""}) {
        const auto members = rules::ColumnarEvaluator::evaluate(rules::RuleText::parse(QString::fromUtf8(text)).value(),
                                                                context, *cache.value()).value();
        std::vector<double> times;
        for (int run = 0; run < runs; ++run) {
            timer.restart();
            const auto categories = mix.tally(members, QStringLiteral("category"));
            const auto products = mix.tally(members, QStringLiteral("product"));
            for (const auto measure : {rules::PurchaseMix::Measure::Revenue, rules::PurchaseMix::Measure::Buyers}) {
                (void)mix.top(categories, allCategories, QStringLiteral("category"), measure, 8);
                (void)mix.top(products, allProducts, QStringLiteral("product"), measure, 8);
            }
            times.push_back(double(timer.nsecsElapsed()) / 1e6);
        }
        std::printf("%s (%zu members): top categories and products, both measures, median %.1f ms (%d runs)\n", text,
                    members.count(), median(times), runs);
    }
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_rules WORKSPACE [RUNS] | WORKSPACE load [RUNS]\n");
        return 2;
    }
    auto ws = store::Workspace::open(QString::fromLocal8Bit(argv[1]));
    if (!ws || !metrics::CustomerMetrics::ensureCurrent(*ws.value())) {
        std::fprintf(stderr, "cannot open or compute metrics\n");
        return 1;
    }
    const auto context = rules::RuleContext::forDatabase(ws.value()->db(), ws.value()->analysisDate());
    QElapsedTimer timer;
    if (argc > 2 && qstrcmp(argv[2], "load") == 0) {
        const int loads = argc > 3 ? std::max(1, atoi(argv[3])) : 3;
        std::vector<double> seconds, purchaseSeconds;
        for (int i = 0; i < loads; ++i) {
            timer.start();
            const auto cache = rules::ColumnCache::load(ws.value()->db(), context.fields);
            seconds.push_back(double(timer.nsecsElapsed()) / 1e9);
            if (!cache)
                return 1;
            std::printf("load %d (%s): %.2f s, %zu customers, %zu fields, cache memory %.0f MB\n", i + 1,
                        cache.value()->customersFromSnapshot() ? "from the snapshot" : "from SQLite", seconds.back(),
                        cache.value()->rows(), context.fields.size(), double(cache.value()->memoryBytes()) / 1e6);
            timer.restart();
            const size_t lines = cache.value()->purchases().lines();
            purchaseSeconds.push_back(double(timer.nsecsElapsed()) / 1e9);
            const bool kept = cache.value()->purchasesFromSnapshot();
            const char *source = kept                                  ? "from the snapshot"
                                 : cache.value()->purchasesExtended() ? "from the snapshot and the rows imported since"
                                                                      : "from SQLite";
            std::printf("  then orders and lines (%s): %.2f s, %zu lines, %.0f MB more\n", source,
                        purchaseSeconds.back(), lines, double(cache.value()->purchases().memoryBytes()) / 1e6);
            timer.restart();
            rules::PurchaseSnapshot::waitForWrites(); // written on a worker; the next load reads it
            if (!kept || !cache.value()->customersFromSnapshot())
                std::printf("  snapshots written in %s in %.2f s more\n", qPrintable(rules::PurchaseSnapshot::folder()),
                            double(timer.nsecsElapsed()) / 1e9);
        }
        std::printf("cache load median %.2f s; orders and lines on first use, median %.2f s\n", median(seconds),
                    median(purchaseSeconds));
        return 0;
    }
    if (argc > 2 && qstrcmp(argv[2], "mix") == 0)
        return benchPurchaseMix(*ws.value(), context, argc > 3 ? std::max(1, atoi(argv[3])) : 11);
    const bool evalOnly = argc > 2 && (qstrcmp(argv[2], "eval") == 0 || qstrcmp(argv[2], "purchase-eval") == 0);
    const bool purchase = argc > 2 && (qstrcmp(argv[2], "purchase") == 0 || qstrcmp(argv[2], "purchase-eval") == 0);
    if (evalOnly || purchase) {
        ++argv;
        --argc;
    }
    const int runs = argc > 2 ? std::max(1, atoi(argv[2])) : 11;

    timer.start();
    const auto cache = rules::ColumnCache::load(ws.value()->db(), context.fields);
    const double loadSeconds = double(timer.nsecsElapsed()) / 1e9;
    if (!cache)
        return 1;

    // With purchases, each run edits the numbers of the rule's two purchase conditions, as a user typing
    // would: their customers are worked out afresh every run, while the saved segments' stay known.
    const auto editedRule = [purchase](int run) {
        return rules::RuleText::parse(purchase ? QStringLiteral(
            "total_spend >= 1000 and ordered at least 2 times in last %1 days where (category is \"茶具\" or product contains \"茶\") "
            "and not spent >= %2 in last 365 days where channel is \"WeChat\"").arg(180 + run).arg(500 + run) : QStringLiteral(
            "total_spend >= 1000 and (city in (\"上海\", \"北京\") or last_order_date in last 90 days) and not email is empty")).value();
    };
    std::vector<rules::Rule> saved;
    const char *savedTexts[] = {
        "value_tier in (\"high\")", "lifecycle_stage in (\"new\")", "lifecycle_stage in (\"at_risk\") and value_tier in (\"high\", \"mid\")",
        "lifecycle_stage in (\"dormant\")", "orders_count = 1", "orders_count >= 2", "channel is \"Taobao\"", "channel is \"JD\"",
        "channel is \"WeChat\"", "city is \"上海\"", "city is \"北京\"", "gender is \"F\" and age between 25 and 35",
        "rfm_segment in (\"Champions\")", "rfm_segment in (\"Slipping Away\", \"Can't Lose\")", "total_spend in top 10%",
        "birth_date anniversary within 30 days", "signup_date in last 90 days", "email is empty", "tags contains \"VIP\"",
        "avg_order_value > 300"};
    const char *purchaseTexts[] = {"ordered in last 30 days", "spent >= 1000 in last 365 days",
                                   "ordered at least 3 times where category is \"茶具\"", "not ordered in last 180 days",
                                   "ordered where (quantity >= 2 and amount >= 100)"};
    for (size_t i = 0; i < std::size(savedTexts); ++i) // with purchases: the last 5 saved segments are purchase rules
        saved.push_back(rules::RuleText::parse(QString::fromUtf8(purchase && i >= 15 ? purchaseTexts[i - 15] : savedTexts[i])).value());
    if (purchase) {
        timer.restart(); // read on first use, so outside the timed runs
        const size_t orders = cache.value()->purchases().orders();
        std::printf("orders %zu, lines %zu read in %.2f s, order/line cache memory %.0f MB (%.1f bytes a line with its "
                    "order's share)\n",
                    orders, cache.value()->purchases().lines(), double(timer.nsecsElapsed()) / 1e9,
                    double(cache.value()->purchases().memoryBytes()) / 1e6,
                    double(cache.value()->purchases().memoryBytes()) / double(std::max<size_t>(1, cache.value()->purchases().lines())));
    }

    std::vector<double> columnar, columnarCpu, sql;
    qint64 count = 0, sqlCount = 0;
    bool agree = true;
    for (int run = 0; run < runs; ++run) {
        const rules::Rule edited = editedRule(run);
        timer.restart();
        const double cpuBefore = threadCpuMs();
        const auto bits = rules::ColumnarEvaluator::evaluate(edited, context, *cache.value());
        const auto figures = rules::ColumnarEvaluator::figures(bits.value(), *cache.value());
        count = figures.count;
        for (const rules::Rule &rule : saved)
            (void)rules::ColumnarEvaluator::evaluate(rule, context, *cache.value()).value().count();
        columnar.push_back(double(timer.nsecsElapsed()) / 1e6);
        columnarCpu.push_back(threadCpuMs() - cpuBefore);

        if (run < 3 && !evalOnly) {
            timer.restart();
            const auto compiled = rules::SqlCompiler::compile(edited, context).value();
            sqlCount = qint64(rules::SqlCompiler::members(ws.value()->db(), compiled).size());
            for (const rules::Rule &rule : saved)
                (void)rules::SqlCompiler::members(ws.value()->db(), rules::SqlCompiler::compile(rule, context).value()).size();
            sql.push_back(double(timer.nsecsElapsed()) / 1e6);
            agree = agree && count == sqlCount;
        }
    }
    std::printf("customers %zu, fields %zu, cache load %.2f s, cache memory %.0f MB\n", cache.value()->rows(),
                context.fields.size(), loadSeconds, double(cache.value()->memoryBytes()) / 1e6);
    std::printf("edited rule + figures + 20 saved segments: columnar median %.1f ms (%d runs; this thread's CPU %.1f ms), "
                "SQL median %.0f ms (%zu runs); members %lld (SQL %lld in its last run)\n",
                median(columnar), runs, median(columnarCpu), sql.empty() ? 0.0 : median(sql), sql.size(), static_cast<long long>(count),
                static_cast<long long>(sqlCount));
    if (!agree)
        std::printf("the two evaluators disagree\n");
    return evalOnly || agree ? 0 : 1;
}
