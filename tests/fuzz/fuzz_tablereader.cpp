// libFuzzer target for the table readers: the input is written to a file and read to the end through
// openTable(), as an import would. Built twice: FUZZ_FORMAT_XLSX (inputs are zip packages and workbooks,
// seeded with the corpus's XLSX, XLS and ODS files, each read by the reader its content calls for) and
// FUZZ_FORMAT_CSV (inputs are text files). Any crash, hang, leak or sanitizer report is a finding; its input
// goes to tests/fuzz/regressions/, replayed first by run_fuzzers.sh (and a test of the readers checks the
// refusal the app gives for it).
#include "read/tablereader.h"

#include <QCoreApplication>
#include <QFile>
#include <QString>

#include <cstdint>
#include <unistd.h>

namespace {

QString scratchPath()
{
    // One file per fuzzing process, in memory where possible.
    const QString dir = QFile::exists(QStringLiteral("/dev/shm")) ? QStringLiteral("/dev/shm") : QStringLiteral("/tmp");
#ifdef FUZZ_FORMAT_XLSX
    return dir + QStringLiteral("/segmenta-fuzz-%1.xlsx").arg(getpid());
#else
    return dir + QStringLiteral("/segmenta-fuzz-%1.csv").arg(getpid());
#endif
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static int argc = 1;
    static char name[] = "fuzz";
    static char *argv[] = {name, nullptr};
    static QCoreApplication app(argc, argv);
    static const QString path = scratchPath();
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return 0;
        file.write(reinterpret_cast<const char *>(data), qint64(size));
    }
    auto reader = segmenta::read::openTable(path);
    if (!reader)
        return 0;
    for (int sheet = 0; sheet < (*reader)->sheets().size() && sheet < 4; ++sheet) {
        if (!(*reader)->selectSheet(sheet))
            continue;
        std::vector<segmenta::read::Cell> cells;
        std::size_t total = 0;
        while ((*reader)->nextRow(cells)) {
            for (const auto &cell : cells)
                total += cell.text.size(); // touch every view
        }
        (void)total;
    }
    return 0;
}
