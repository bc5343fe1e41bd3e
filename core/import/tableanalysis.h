#pragma once

#include "common/progress.h"
#include "common/result.h"
#include "import/importer.h"
#include "import/valueparser.h"
#include "read/tablereader.h"

#include <QCoreApplication>
#include <QStringList>

#include <optional>
#include <vector>

namespace segmenta::store {
class Database;
}

// The first half of an import, shared by Importer::run and Importer::preview: finding the header, profiling
// the columns, suggesting roles, applying the user's (or a remembered) mapping and deciding the kind of list.
// Internal to core/import.
namespace segmenta::import::detail {

struct Column
{
    ImportedField field;
    ColumnProfile profile;
    QString table;      // customers or orders
    QString sqlColumn;  // where the value goes; empty: not stored directly (address, key handled elsewhere)
    bool toCustomer = true; // in an order list: the value belongs to the customer, not the order
    bool skip = false;      // left out by the user's mapping
    std::optional<store::FieldType> chosenType; // the type the user's (or a remembered) mapping gives
    values::DayOrder chosenDayOrder = values::DayOrder::Unknown; // for ambiguous dates (ColumnChoice::dayOrder)
};

// The day order `column` reads its dates in with `profile`: the chosen one when the profile's dates read either
// way, else the profile's.
values::DayOrder dayOrderOf(const Column &column, const ColumnProfile &profile);
// The note on a column whose dates read either way: how they were read.
QString ambiguousDatesNote(values::DayOrder order);

// The type `column` takes with `profile`: the chosen one, else the one its role fixes, else the profile's.
store::FieldType fieldType(const Column &column, const ColumnProfile &profile);

struct TableAnalysis
{
    QString encoding;
    char delimiter = 0;
    QString sheet;
    std::vector<QStringList> head; // the first rows (up to 50), where the header is looked for
    std::vector<qint64> headLines; // their row numbers
    size_t headerIndex = 0;        // index into head
    QStringList header;
    std::vector<Column> columns;
    qint64 dataRows = 0;   // non-blank rows below the header that were profiled
    bool wholeFile = true; // false when rowLimit stopped the profiling early
    double shareRead = 1;  // how far into the file the profiling read, 0 to 1
    ImportKind kind = ImportKind::Customers;
    bool rememberedMapping = false;

    Column *columnOf(const char *role);
    // The customer key: the customer id, else the phone, else the e-mail, else the name; null when none.
    Column *keyColumn();
    // Why the rows cannot be imported as analysed, or an empty string.
    QString problem(const QString &fileName);
};

// A workbook cell as the text the value parser understands (dates and times as ISO text).
QString cellText(const read::Cell &cell);
QStringList rowText(const std::vector<read::Cell> &cells);
bool isBlankRow(const QStringList &row);

// The cells of one row as UTF-16 views, the same text as rowText() gives, decoded into buffers that are
// reused from row to row: no allocation per cell on the hot path of a million-row import. Views stay valid
// until the next fill(). Not thread-safe.
class RowText
{
public:
    void fill(const std::vector<read::Cell> &cells);
    qsizetype size() const { return qsizetype(m_spans.size()); }
    // The cell's text; an empty view beyond the last cell (as QStringList::value gives an empty string).
    QStringView at(qsizetype index) const
    {
        if (index < 0 || index >= size())
            return {};
        const Span &span = m_spans[size_t(index)];
        return QStringView(span.data, span.length);
    }
    // The cell's text as the UTF-8 bytes the reader gave; nullopt for cells whose text is made here (dates of
    // workbooks) and beyond the last cell.
    std::optional<std::string_view> utf8(qsizetype index) const
    {
        if (index < 0 || index >= size() || !m_spans[size_t(index)].fromBytes)
            return std::nullopt;
        return m_spans[size_t(index)].bytes;
    }
    bool isBlank() const;

private:
    struct Span
    {
        const char16_t *data = nullptr; // into m_buffer, or into a string of m_made
        qsizetype length = 0;
        std::string_view bytes;
        bool fromBytes = true;
    };
    std::vector<char16_t> m_buffer;
    std::vector<QString> m_made; // texts made from workbook dates
    std::vector<Span> m_spans;
};

// The key under which a mapping is remembered: the trimmed header names, in order.
QString layoutSignature(const QStringList &header);

// Reads `reader` from its current position: at most 50 rows for the header, then the data rows (all, or the
// first `rowLimit` when it is not negative). Applies options.headerRow, options.kind and options.columns, or
// the mapping remembered in `db` (may be null). `progressSpan` is the share of `progress` (out of 1000) the
// profiling may use. Throws nothing: a cancel or a database error gives an Error.
Result<TableAnalysis> analyseTable(read::TableReader &reader, const QString &fileName, const ImportOptions &options,
                                   store::Database *db, qint64 rowLimit, Progress *progress, int progressSpan);

// Whether the profile of `column` can change how it is imported: its type when no choice or role fixes it,
// its day order when it holds dates, its decimal comma when it holds numbers. (A name, a city or an order id
// is stored as text whatever its values look like.)
bool profileMatters(const Column &column);

// Whether profiles of every row (`whole`, by column, as ColumnProfiler gives them; those of columns whose
// profile does not matter are not looked at) import the rows as the profiles of a sample in `analysis` do:
// no more columns, and by column the same type, day order and decimal comma, and the same note on ambiguous
// dates.
bool wholeFileAgrees(const TableAnalysis &analysis, const std::vector<ColumnProfile> &whole);

// Remembers the mapping of `analysis` for files with its headers.
void rememberLayout(store::Database &db, const TableAnalysis &analysis);

} // namespace segmenta::import::detail
