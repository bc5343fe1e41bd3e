// Generates a demo shop of N customers (default 1,000,000) into a new workspace and prints the time taken.
// Usage: bench_demo WORKSPACE [CUSTOMERS]
#include "demo/demoshop.h"
#include "store/workspace.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_demo WORKSPACE [CUSTOMERS]\n");
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    for (const char *suffix : {"", "-wal", "-shm"})
        QFile::remove(path + QLatin1StringView(suffix));
    segmenta::demo::DemoOptions options;
    options.customers = argc > 2 ? QByteArray(argv[2]).toLongLong() : 1'000'000;
    QElapsedTimer timer;
    timer.start();
    auto ws = segmenta::store::Workspace::create(path);
    if (!ws) {
        std::fprintf(stderr, "%s\n", qPrintable(ws.errorMessage()));
        return 1;
    }
    const auto summary = segmenta::demo::DemoShop::generate(*ws.value(), options);
    if (!summary) {
        std::fprintf(stderr, "%s\n", qPrintable(summary.errorMessage()));
        return 1;
    }
    std::printf("customers %lld orders %lld seconds %.2f\n", static_cast<long long>(summary->customers),
                static_cast<long long>(summary->orders), timer.elapsed() / 1000.0);
    return 0;
}
