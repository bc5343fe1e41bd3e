#pragma once

#include "common/progress.h"
#include "common/result.h"
#include "import/valueparser.h"
#include "read/tablereader.h"
#include "store/field.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QStringList>

#include <map>
#include <optional>

#include <vector>

namespace segmenta::store {
class Workspace;
}

namespace segmenta::import {

enum class ImportKind { Auto, Customers, Orders };

// What the user chose for one column in place of what was detected.
struct ColumnChoice
{
    QString role;                         // a role from roles.h, or empty for none
    std::optional<store::FieldType> type; // empty: the type inferred from the values (or fixed by the role)
    bool skip = false;                    // not imported at all
    // How dates such as 01/07/2024 are read when every such date could be either (ImportedField::dayOrderAmbiguous);
    // Unknown: day first. Dates that show their order (13/07/2024) are read as they show it whatever is chosen.
    values::DayOrder dayOrder = values::DayOrder::Unknown;
};

struct ImportOptions
{
    read::ReadOptions read;
    ImportKind kind = ImportKind::Auto;
    int headerRow = 0; // the header's row as the user sees it (ImportSummary::headerRow); 0 = found automatically
    // Choices by column name (the header trimmed and made unique). When empty, a mapping remembered for a
    // file with the same headers is applied (see Importer::preview); when given, it is remembered for them.
    std::map<QString, ColumnChoice> columns;
    bool useRememberedMapping = true;
    // How many data rows Importer::run profiles before it stores any. Every row is profiled again as it is
    // stored, and when the whole columns give other types (or day orders) than these first rows, the import
    // starts again from a profile of the whole file; the result is the same either way. Negative: profile the
    // whole file first.
    qint64 sampleRows = 20000;
};

struct ImportedField
{
    QString name;  // the header, trimmed and made unique
    store::FieldType type = store::FieldType::Text;
    QString role;  // empty when the column has no built-in role
    QString column; // where it was stored: a built-in column or an added c_<n> / o_<n>
    QString note;  // e.g. "3 values could not be read as dates", "01/07/2024 read as day/month"
    // The field's name in the workspace (what rules say) when it is not `name`: a header that names a field
    // Segmenta builds in or derives is imported as "header (list)". Empty otherwise.
    QString storedName;
    // A date column whose every slash date reads either way (03/04/2024): the wizard offers the two orders.
    bool dayOrderAmbiguous = false;
    bool monthFirst = false; // such dates are read month/day/year (as chosen), else day/month/year
};

struct ImportSummary
{
    qint64 sourceId = 0;
    QString fileName;
    QString encoding;
    char delimiter = 0;
    QString sheet;
    ImportKind kind = ImportKind::Customers;
    int headerRow = 0; // 1-based line of the header
    qint64 rowsRead = 0;
    qint64 inserted = 0;
    qint64 updated = 0;
    qint64 unchanged = 0;
    qint64 rejected = 0;
    // Order lists without an order id, where an order is a customer's at one date-time: rows that repeat an
    // earlier row exactly (counted once), and rows whose order an earlier import already holds (not added
    // again). Each is listed in the rejects with its reason; here the first line numbers (up to 1,000).
    qint64 repeated = 0;
    qint64 alreadyPresent = 0;
    std::vector<qint64> repeatedRows;
    std::vector<qint64> alreadyPresentRows;
    qint64 withoutDate = 0; // orders stored without an order date (unpaid): kept, but not purchases
    // Customer lists: customers whose purchase history (spend, orders, first or last order date) comes from
    // this list's totals, as they have no order rows in the workspace.
    qint64 listHistory = 0;
    // Text files whose encoding was detected: lines that were not in it and were read in the fallback
    // encoding (the first line numbers, up to 10), and rows that no encoding read, rejected with the reason
    // (read::DecodingReport). Also counted in `rejected`.
    QString fallbackEncoding;
    qint64 fallbackLines = 0;
    std::vector<qint64> firstFallbackLines;
    qint64 undecodable = 0;
    std::vector<ImportedField> fields;
    // The currency symbol this import gave a workspace that had none, read from the file (currencyguess.h),
    // and why; empty when the workspace had one or the file did not tell. Undoing the import takes it back
    // unless the user has set the currency since.
    QString currencySymbol;
    QString currencyReason;

    QJsonObject toJson() const;
    // The sentence saying which currency symbol the amounts are now shown with and why (empty when the import
    // set none), for the CLI and the window alike.
    QString currencyNote() const;
    // The sentences saying which lines were read in the fallback encoding and how many rows no encoding read
    // (empty when every line was in the file's encoding), for the CLI and the window alike.
    QStringList decodingNotes() const;
};

// What an import would do with a file, without writing anything: for the import wizard.
struct ImportPreview
{
    QString fileName;
    QList<read::SheetInfo> sheets; // workbooks: every sheet, hidden ones marked; text files: one
    QString sheet;                 // the sheet read
    QString encoding;
    char delimiter = 0;
    std::vector<QStringList> topRows; // the first rows as read (up to 50), to choose the header from
    std::vector<qint64> topRowNumbers; // the row number the user sees for each of them
    int headerRow = 0;
    ImportKind kind = ImportKind::Customers; // detected, or as chosen
    std::vector<ImportedField> fields;       // with the choices applied; note: what the sample showed
    std::vector<QStringList> fieldSamples;   // a few distinct values per field
    std::vector<bool> skipped;               // per field: left out by a choice
    qint64 rowsExamined = 0;
    bool wholeFile = false;        // false: types were inferred from the first rowsExamined rows only
    bool rememberedMapping = false; // the mapping saved for a file with these headers was applied
    QString problem; // why the import would be refused as chosen (no customer column...); empty when it can run
};
// Imports a customer list or an order list into a workspace.
//
// Understands the sheet: finds the header row (also below title rows), trims and de-duplicates header names,
// infers each column's type from all its values, suggests roles from English and Chinese headers, and decides
// whether the file lists customers or orders. Merges: customers are updated by key (empty cells never erase
// what the workspace knows; in an order list, the value of the customer's newest order wins), orders are
// added by order id, or without one by customer and order date-time (rows of one order are line items and
// add up; a row repeated exactly counts once; an order an earlier import holds is not added again); cancelled,
// closed and refunded orders are kept but flagged, orders of unknown customers create them. Importing the
// same file twice changes nothing.
//
// Every row is accounted for: rows that cannot be used (no customer key, an order without a readable date or
// amount) go to the rejects table with their line, column, value and reason; unreadable values in other
// columns are left empty and recorded there too. The import is one transaction: an error or a cancel leaves
// the workspace exactly as before. Runs on the calling thread with the workspace's connection.
//
// The user may override the header row, the kind and each column's role, type or inclusion (ImportOptions);
// a mapping so chosen is remembered in the workspace for files with the same headers and applied next time.
class Importer
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::import::Importer)

public:
    static Result<ImportSummary> run(store::Workspace &workspace, const QString &path, const ImportOptions &options = {},
                                     Progress *progress = nullptr);
    // Reads the start of the file (up to `rowLimit` data rows) and says what run() would do with the same
    // options: the header, each column's type, role and sample values, the kind of list. Writes nothing;
    // reads the workspace's remembered mappings when one is given. Runs on the calling thread.
    static Result<ImportPreview> preview(const QString &path, const ImportOptions &options = {},
                                         store::Workspace *workspace = nullptr, qint64 rowLimit = 20000,
                                         Progress *progress = nullptr);
    // Removes an import as a unit: its orders, the customers it created (when no other import's orders
    // refer to them), its fields and rejects; customers it updated get their previous values back.
    static Result<void> undo(store::Workspace &workspace, qint64 sourceId);
};

} // namespace segmenta::import
