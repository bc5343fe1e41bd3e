#pragma once

#include "import/importer.h"
#include "import/rowpreparer.h"
#include "import/storedvalue.h"
#include "import/tableanalysis.h"
#include "import/valueparser.h"
#include "store/database.h"

#include <QCoreApplication>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

// The storing half of an import's second pass: each prepared row through the same named steps, in the
// importer's transaction. Internal to core/import.
namespace segmenta::import::detail {

// What a type of values is called in a reason: "dates", "numbers"...
QString typeNoun(store::FieldType type);

// SQLite keeps at most 2,000 columns in a table. A file whose columns would not all fit as fields of their own
// is refused before anything is stored, naming the first column that does not fit (a partial import would
// leave columns out silently). Throws store::DatabaseError.
Result<void> checkWidth(store::Database &db, const std::vector<Column> &columns, const Column *keyColumn, bool orders,
                        const QString &fileName);

// Stores the rows of one import, one at a time, on the thread that owns the connection:
//   place the columns (built-in or an imported column of their own) → sort a row's values into slots →
//   skip a row repeated exactly → the customer (insert, or update what a newer row says) → the order's
//   identity → a new order, another line of one, or one already stored → the row as a line of its order.
// Rows that cannot be used go to the rejects table with their line, column, value and reason; rows repeated
// exactly and orders already stored are listed there too (and counted apart). Counts go to `summary`.
// New orders and their lines are kept back and stored several to a statement (BatchedInsert): finish()
// stores the last of them. Throws store::DatabaseError.
class RowStore
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::import::Importer)

public:
    RowStore(store::Database &db, TableAnalysis &analysis, ImportSummary &summary, qint64 sourceId, qint64 expectedRows);
    ~RowStore();
    RowStore(const RowStore &) = delete;
    RowStore &operator=(const RowStore &) = delete;

    // How the rows are to be read: the columns to look at, as placed by the constructor.
    // A customer list's totals (ListColumns) are read as of `analysisDate` (recency given as days counts back
    // from it).
    RowPreparer::Setup preparerSetup(bool profile, const QDate &analysisDate) const;
    void store(const PreparedRow &row);
    // Stores what store() has kept back (rows are stored several at a time): before anything else reads
    // the orders or their lines, and before the transaction commits.
    void finish();
    // The fields as imported, with a note on unreadable values.
    std::vector<ImportedField> importedFields() const;
    // Customer lists: the customers this list gave a purchase history (its rows with totals).
    const std::vector<qint64> &listCustomers() const { return m_listCustomers; }

private:
    struct Slots;
    struct RowSlots;
    struct Inserts;
    struct KnownCustomer;

    void placeColumns();
    void planSlots();
    void reject(qint64 line, const QString &column, const QString &raw, const QString &reason);
    bool isRepeat(const PreparedRow &row);
    bool sortIntoSlots(const PreparedRow &row);
    qint64 storeCustomer(const PreparedRow &row, qint64 orderTime, bool *inserted, bool *updated);
    bool updateCustomer(qint64 customerId, KnownCustomer *seen, qint64 orderTime, bool *keptNewer);
    void storeOrder(const PreparedRow &row, qint64 customerId);
    void storeLine(qint64 orderId, double amount);
    std::pair<bool, bool> statusMeaning(const PreparedRow &row);
    KnownCustomer *rememberCustomer(const PreparedRow &row, qint64 customerId);
    store::Statement &statement(const QString &sql);
    store::Statement &insertStatement(Inserts &inserts, const char *into, const QStringList &fixed, const Slots &slots,
                                      const RowSlots &row);
    qint64 orderTimeOf() const;

    store::Database &m_db;
    TableAnalysis &m_analysis;
    std::vector<Column> &m_columns;
    ImportSummary &m_summary;
    const qint64 m_sourceId;
    const bool m_orders;
    Column *m_keyColumn = nullptr;
    Column *m_addressColumn = nullptr; // to split into province and city, or null
    const Column *m_idColumn = nullptr;
    const Column *m_dateColumn = nullptr;
    std::vector<Column *> m_closeReasonColumns; // orders: why an order was closed (退款 is a refund)
    std::vector<qint64> m_unreadable;           // per column
    std::vector<qint64> m_listCustomers;        // customers whose list row carried totals

    struct State;
    std::unique_ptr<State> m_state; // statements, slots and in-memory lookups
};

} // namespace segmenta::import::detail
