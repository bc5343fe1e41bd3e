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
};

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

// The key under which a mapping is remembered: the trimmed header names, in order.
QString layoutSignature(const QStringList &header);

// Reads `reader` from its current position: at most 50 rows for the header, then the data rows (all, or the
// first `rowLimit` when it is not negative). Applies options.headerRow, options.kind and options.columns, or
// the mapping remembered in `db` (may be null). `progressSpan` is the share of `progress` (out of 1000) the
// profiling may use. Throws nothing: a cancel or a database error gives an Error.
Result<TableAnalysis> analyseTable(read::TableReader &reader, const QString &fileName, const ImportOptions &options,
                                   store::Database *db, qint64 rowLimit, Progress *progress, int progressSpan);

// Remembers the mapping of `analysis` for files with its headers.
void rememberLayout(store::Database &db, const TableAnalysis &analysis);

} // namespace segmenta::import::detail
