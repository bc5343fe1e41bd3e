// Exports every customer of a workspace with 20 columns to XLSX and to CSV and prints rows per second and
// the process's peak memory. Run one format per process so each peak is its own:
// Usage: bench_export WORKSPACE xlsx|csv|csv-gb18030 [OUTDIR]   (segmenta-cli demo --db W --customers 1000000 makes one)
#include "export/memberexporter.h"
#include "metrics/customermetrics.h"
#include "rules/rule.h"
#include "store/workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <sys/resource.h>

#include <cstdio>

using namespace segmenta;

namespace {

long peakRssMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024; // KiB on Linux
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_export WORKSPACE xlsx|csv|csv-gb18030 [OUTDIR]\n");
        return 2;
    }
    auto ws = store::Workspace::open(QString::fromLocal8Bit(argv[1]));
    if (!ws || !metrics::CustomerMetrics::ensureCurrent(*ws.value())) {
        std::fprintf(stderr, "cannot open or compute metrics\n");
        return 1;
    }
    const QString format = QString::fromLocal8Bit(argv[2]);
    const QString outDir = argc > 3 ? QString::fromLocal8Bit(argv[3]) : QDir::tempPath();
    const long baseline = peakRssMiB();

    exporting::ExportOptions options;
    options.outPath = QDir(outDir).filePath(QStringLiteral("bench_export.") + format.section(u'-', 0, 0));
    if (format == u"csv-gb18030")
        options.encoding = exporting::ExportOptions::Gb18030;
    options.force = true;
    options.columns = {QStringLiteral("customer_id"), QStringLiteral("name"), QStringLiteral("phone"), QStringLiteral("email"),
                       QStringLiteral("gender"), QStringLiteral("birth_date"), QStringLiteral("age"), QStringLiteral("country"),
                       QStringLiteral("province"), QStringLiteral("city"), QStringLiteral("signup_date"), QStringLiteral("channel"),
                       QStringLiteral("first_order_date"), QStringLiteral("last_order_date"), QStringLiteral("orders_count"),
                       QStringLiteral("total_spend"), QStringLiteral("avg_order_value"), QStringLiteral("lifecycle_stage"),
                       QStringLiteral("value_tier"), QStringLiteral("rfm_segment")};
    const rules::Rule everyone; // an empty rule selects every customer

    QElapsedTimer timer;
    timer.start();
    const auto summary = exporting::MemberExporter::run(*ws.value(), everyone, options);
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (!summary) {
        std::fprintf(stderr, "%s\n", qPrintable(summary.errorMessage()));
        return 1;
    }
    const qint64 bytes = QFile(options.outPath).size();
    std::printf("%s: %lld rows x %lld columns in %.2f s = %.0f rows/s, file %.1f MiB, peak RSS %ld MiB "
                "(%ld MiB before the export)\n",
                qPrintable(format), static_cast<long long>(summary->members), static_cast<long long>(options.columns.size()),
                seconds, double(summary->members) / seconds, double(bytes) / 1048576.0, peakRssMiB(), baseline);
    QFile::remove(options.outPath);
    return 0;
}
