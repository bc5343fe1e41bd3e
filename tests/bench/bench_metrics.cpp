// Times a full recompute of customer_metrics. Usage: bench_metrics WORKSPACE [RUNS] [moving]
// Each run recomputes at the workspace's analysis date, so from the second on the rows written are those
// already stored; with "moving", run i recomputes i + 1 days earlier, so every run changes every customer's row
// (days since the last order, tenure), as the first open of a new day does.
// Make the workspace with: segmenta-cli demo --db W --customers 1000000
#include "metrics/customermetrics.h"
#include "store/workspace.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_metrics WORKSPACE [RUNS]\n");
        return 2;
    }
    auto ws = segmenta::store::Workspace::open(QString::fromLocal8Bit(argv[1]));
    if (!ws) {
        std::fprintf(stderr, "%s\n", qPrintable(ws.errorMessage()));
        return 1;
    }
    const int runs = argc > 2 ? std::max(1, atoi(argv[2])) : 3;
    const auto settings = segmenta::metrics::AnalysisSettings::load(*ws.value());
    const QDate asOf = ws.value()->analysisDate();
    const bool moving = argc > 3 && qstrcmp(argv[3], "moving") == 0;
    std::vector<double> seconds;
    bool linesBeside = false;
    segmenta::metrics::RecomputeSummary::Steps steps;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        const auto result = segmenta::metrics::CustomerMetrics::recompute(*ws.value(), settings, moving ? asOf.addDays(-(i + 1)) : asOf);
        if (!result) {
            std::fprintf(stderr, "%s\n", qPrintable(result.errorMessage()));
            return 1;
        }
        seconds.push_back(double(timer.nsecsElapsed()) / 1e9);
        linesBeside = result->linesReadBeside;
        steps = result->steps;
    }
    std::sort(seconds.begin(), seconds.end());
    std::printf("customers %lld orders %lld recompute%s median %.2f s (min %.2f, max %.2f, %d runs)%s\n",
                static_cast<long long>(ws.value()->customerCount()), static_cast<long long>(ws.value()->orderCount()),
                moving ? " at a new date each run" : "", seconds[seconds.size() / 2], seconds.front(), seconds.back(), runs,
                linesBeside ? ", lines read beside the orders" : "");
    std::printf("last run's steps (ms): customers %lld, orders and lines %lld, ranking %lld, waiting for the predictions "
                "%lld, writing %lld\n",
                static_cast<long long>(steps.customers), static_cast<long long>(steps.purchases),
                static_cast<long long>(steps.ranking), static_cast<long long>(steps.predictionsWait),
                static_cast<long long>(steps.writing));
    return 0;
}
