// Opens a workspace exactly as the window does (MainWindow::openWorkspace, then the workers of an export or
// the import wizard): a worker's open that brings the customer metrics up to date, one connection kept on the
// main thread, and further opens on workers while it is kept. Then it
// takes commands on stdin, one a line, and answers each on stdout:
//   save NAME RULE   saves a segment through the kept connection, as the Segments panel does -> "saved" / "error: …"
//   quit             closes the workspace and exits
// tst_sharedworkspace runs segmenta-cli beside it.
#include "metrics/customermetrics.h"
#include "rules/ruletext.h"
#include "segments/segmentstore.h"
#include "store/workspace.h"

#include <QCoreApplication>

#include <cstdio>
#include <iostream>
#include <string>
#include <thread>

using namespace segmenta;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: window_standin WORKSPACE\n");
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    // A worker checks the file and brings the metrics up to date first, then the window opens its own
    // connection and keeps it; later workers (an export, the import wizard, the history) open the workspace
    // again while the window's connection holds it.
    QString workerError;
    const auto onWorker = [&path, &workerError](bool metricsToo) {
        std::thread worker([&path, &workerError, metricsToo] {
            auto own = store::Workspace::open(path);
            if (!own) {
                workerError = own.errorMessage();
                return;
            }
            if (!metricsToo)
                return;
            if (const auto metrics = metrics::CustomerMetrics::ensureCurrent(*own.value()); !metrics)
                workerError = metrics.errorMessage();
        });
        worker.join();
    };
    onWorker(true);
    auto opened = store::Workspace::open(path);
    if (!opened) {
        std::printf("error: %s\n", qPrintable(opened.errorMessage()));
        return 1;
    }
    auto workspace = std::move(opened).value();
    onWorker(false);
    onWorker(true);
    if (!workerError.isEmpty()) {
        std::printf("error: %s\n", qPrintable(workerError));
        return 1;
    }
    std::printf("ready\n");
    std::fflush(stdout);

    std::string line;
    while (std::getline(std::cin, line)) {
        const QString command = QString::fromStdString(line);
        if (command == u"quit")
            break;
        if (command.startsWith(u"save ")) {
            const QString rest = command.mid(5);
            const qsizetype space = rest.indexOf(u' ');
            segments::SavedSegment segment;
            segment.name = rest.left(space);
            auto rule = rules::RuleText::parse(rest.mid(space + 1));
            if (!rule) {
                std::printf("error: %s\n", qPrintable(rule.errorMessage()));
            } else {
                segment.rule = std::move(rule).value();
                const auto saved = segments::SegmentStore(workspace->db()).save(segment);
                if (saved)
                    std::printf("saved\n");
                else
                    std::printf("error: %s\n", qPrintable(saved.errorMessage()));
            }
        } else {
            std::printf("error: unknown command\n");
        }
        std::fflush(stdout);
    }
    workspace.reset();
    return 0;
}
