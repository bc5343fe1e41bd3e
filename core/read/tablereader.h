#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace segmenta::read {

// One cell as the file holds it. Text is UTF-8 and the view stays valid until the reader's next nextRow()
// call (readers own the buffers: no allocation per cell on the hot path).
struct Cell
{
    enum class Kind : quint8 {
        Empty,
        Text,     // CSV cells are always Text (or Empty): typing them is the importer's job
        Number,   // a spreadsheet number; `text` holds its raw digits as stored ("12.5")
        Boolean,  // number is 0 or 1
        DateTime, // a number formatted as a date or time: `number` is days since 1899-12-30 with the time of
                  // day as the fraction (the 1904 date system already converted); `text` is the raw value
        Error,    // a spreadsheet error value; `text` holds it ("#N/A")
    };
    Kind kind = Kind::Empty;
    double number = 0;
    std::string_view text;
};

struct SheetInfo
{
    QString name;
    bool hidden = false;
    qint64 rowsHint = -1; // rows the file claims to have, when it says (-1: unknown)
};

// Text files read with an encoding the reader detected: the lines that were not in that encoding. A line
// that another common encoding (GB18030 in a UTF-8 file, UTF-8 in any other) reads cleanly is read in it and
// counted here; a line that neither reads is counted too, and the row holding it is reported by
// TableReader::rowProblem() (never turned into replacement characters silently).
struct DecodingReport
{
    QString fallback;                       // the other encoding lines were read in ("GB18030"), or empty
    qint64 fallbackLines = 0;               // lines read in it
    std::vector<qint64> firstFallbackLines; // their numbers, the first 10
    qint64 undecodableLines = 0;            // lines neither encoding reads
};

// Why the row last read cannot be used as it is, and in which cell (0-based; -1 for the whole row).
struct RowProblem
{
    int column = -1;
    QString reason; // one sentence naming the file, the line and the column
};

struct ReadOptions
{
    QByteArray encoding; // text files: empty = detect; otherwise an encoding name ("GB18030", "UTF-16LE")
    char delimiter = 0;  // text files: 0 = sniff among , ; tab | and runs of spaces (' ')
    QString sheet;       // workbooks: the sheet to read by name; empty = the first visible sheet
};

// Reads the rows of a table file: CSV/TSV/TXT, XLSX/XLSM, XLS, ODS. Streaming: memory does not grow with
// the number of rows. Not thread-safe; one reader per thread.
//
// Bad input: a damaged or hostile file makes nextRow() return false with error() set (naming the file and,
// where it can, the row and the reason); it never crashes, hangs or allocates without bound.
class TableReader
{
public:
    virtual ~TableReader() = default;

    virtual QList<SheetInfo> sheets() const = 0; // text files: one sheet named after the file
    virtual Result<void> selectSheet(int index) = 0; // (re)starts reading at the first row of that sheet
    // Reads the next row into `row` (cleared first; trailing empty cells may be omitted). Returns false at
    // the end of the sheet or on error.
    virtual bool nextRow(std::vector<Cell> &row) = 0;
    // The error that stopped reading, if any.
    virtual const std::optional<Error> &error() const = 0;
    // The number the user sees for the row last returned: the spreadsheet row (1-based), or for text files
    // the line on which the record starts.
    virtual qint64 rowNumber() const = 0;
    // How far through the input reading is, 0 to 1, for progress bars.
    virtual double progress() const = 0;

    // Workbooks only: the name of the sheet being read.
    virtual QString sheetName() const { return {}; }
    // Text files only: what was detected or chosen.
    virtual QString encoding() const { return {}; }
    virtual char delimiter() const { return 0; }
    virtual DecodingReport decodingReport() const { return {}; }
    // Text files only: set when the row last returned holds bytes that no encoding read (see DecodingReport).
    virtual const std::optional<RowProblem> &rowProblem() const
    {
        static const std::optional<RowProblem> none;
        return none;
    }
};

// Opens any supported file, choosing the reader by content (not only by extension). Refused files
// (encrypted, .xlsb, not a spreadsheet, damaged, absurd sizes) give an Error naming the file and the reason.
Result<std::unique_ptr<TableReader>> openTable(const QString &path, const ReadOptions &options = {});

} // namespace segmenta::read
