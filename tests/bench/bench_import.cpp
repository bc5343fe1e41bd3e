// Import speed: a full typed import of FILE into a new workspace ("import"); the same while a second
// connection has the workspace open, as the app's window does ("import-shared": the import then writes through
// the WAL, see store::DirectWrites); or only reading every cell of FILE through the table reader ("read").
// tests/bench/import_baselines.sh runs the same files through the sqlite3 shell's .import and openpyxl's
// read-only mode, side by side.
// Usage: bench_import import|import-shared|read FILE
#include "import/importer.h"
#include "read/tablereader.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <cstdio>

using namespace segmenta;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_import import|import-shared|read FILE\n");
        return 2;
    }
    const QString mode = QString::fromLocal8Bit(argv[1]);
    const QString path = QString::fromLocal8Bit(argv[2]);
    QElapsedTimer timer;
    timer.start();
    if (mode == u"read") {
        auto reader = read::openTable(path);
        if (!reader) {
            std::fprintf(stderr, "%s\n", qPrintable(reader.errorMessage()));
            return 1;
        }
        std::vector<read::Cell> cells;
        qint64 rows = 0, filled = 0;
        while ((*reader)->nextRow(cells)) {
            ++rows;
            for (const read::Cell &c : cells)
                filled += c.kind == read::Cell::Kind::Empty ? 0 : 1;
        }
        if ((*reader)->error()) {
            std::fprintf(stderr, "%s\n", qPrintable((*reader)->error()->message));
            return 1;
        }
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        std::printf("read %lld rows, %lld cells in %.2f s (%.0f rows/s)\n", rows, filled, seconds, double(rows) / seconds);
        return 0;
    }
    QTemporaryDir dir;
    auto ws = store::Workspace::create(dir.filePath(QStringLiteral("bench.segmenta")));
    if (!ws)
        return 1;
    store::Database reader;
    if (mode == u"import-shared") { // (a connection holds its share of the file from its first read on)
        reader = store::Database::open(ws.value()->db().path(), store::Database::Access::ReadOnly);
        reader.scalar("SELECT count(*) FROM sources");
    }
    const auto summary = import::Importer::run(*ws.value(), path);
    if (!summary) {
        std::fprintf(stderr, "%s\n", qPrintable(summary.errorMessage()));
        return 1;
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    std::printf("imported %lld rows (%lld inserted, %lld rejected) in %.2f s (%.0f rows/s)\n", summary->rowsRead, summary->inserted,
                summary->rejected, seconds, double(summary->rowsRead) / seconds);
    return 0;
}
