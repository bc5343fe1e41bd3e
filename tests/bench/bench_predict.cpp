// Times the predictions alone (read the orders, fit BG/NBD and Gamma-Gamma, predict every buyer) and reports
// the process's peak memory. Usage: bench_predict WORKSPACE [RUNS]
// Make the workspace with: segmenta-cli demo --db W --customers 1000000
#include "predict/customerpredictions.h"
#include "store/workspace.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

// VmHWM from /proc/self/status: the resident set's high-water mark, in MB.
double peakMegabytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024;
    }
    return -1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_predict WORKSPACE [RUNS]\n");
        return 2;
    }
    auto ws = segmenta::store::Workspace::open(QString::fromLocal8Bit(argv[1]), segmenta::store::Workspace::Mode::ReadOnly);
    if (!ws) {
        std::fprintf(stderr, "%s\n", qPrintable(ws.errorMessage()));
        return 1;
    }
    const int runs = argc > 2 ? std::max(1, atoi(argv[2])) : 3;
    const QDate asOf = ws.value()->analysisDate();
    const double before = peakMegabytes();
    std::vector<double> seconds;
    segmenta::predict::PredictionReport report;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        std::vector<segmenta::predict::CustomerPrediction> predictions;
        auto result = segmenta::predict::CustomerPredictions::compute(*ws.value(), asOf, asOf,
                                                                      segmenta::predict::PredictionSettings{}, nullptr, &predictions);
        if (!result) {
            std::fprintf(stderr, "%s\n", qPrintable(result.errorMessage()));
            return 1;
        }
        seconds.push_back(double(timer.nsecsElapsed()) / 1e9);
        report = std::move(result).value();
    }
    std::sort(seconds.begin(), seconds.end());
    std::printf("customers %lld orders %lld buyers %lld repeat %lld; predict median %.2f s (min %.2f, max %.2f, %d runs); "
                "peak RSS %.0f MB (%.0f MB before)\n",
                static_cast<long long>(ws.value()->customerCount()), static_cast<long long>(ws.value()->orderCount()),
                static_cast<long long>(report.customers), static_cast<long long>(report.repeatBuyers),
                seconds[seconds.size() / 2], seconds.front(), seconds.back(), runs, peakMegabytes(), before);
    if (report.purchases) {
        const auto &p = report.purchases->parameters;
        std::printf("BG/NBD r %.4f alpha %.4f a %.4f b %.4f LL %.1f (%d evaluations)\n", p.r, p.alpha, p.a, p.b,
                    report.purchases->logLikelihood, report.purchases->evaluations);
    } else {
        std::printf("no fit: %s\n", qPrintable(report.warning));
    }
    return 0;
}
