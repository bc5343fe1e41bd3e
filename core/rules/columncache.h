#pragma once

#include "common/progress.h"
#include "common/result.h"
#include "rules/appendedpurchases.h"
#include "rules/bitset.h"
#include "store/field.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDate>
#include <QHash>
#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>
#include <limits>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace segmenta::store {
class Database;
class Statement;
}

namespace segmenta::rules {

namespace detail {
class WordIndex;
}
class PurchaseSnapshot;
class CustomerSnapshot;

// Every customer field held in memory column by column, for evaluating rules in milliseconds: numbers,
// booleans and dates (as day numbers) in fixed-width arrays with a validity bitset, text and categories
// dictionary-encoded (code 0 is the empty value). Rows are customers in ascending id order.
//
// Immutable once loaded, so any number of threads may read it; load it again after an import or a metrics
// recompute. A value the column's type cannot read (text in a number field, a malformed date) is empty,
// exactly as the SQL compiler treats it.
class ColumnCache : public std::enable_shared_from_this<ColumnCache>
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::rules::ColumnCache)

public:
    // One field's values. Numbers are kept in the narrowest of int8, int16, int32 or double that holds every
    // value of the column exactly (dates as day numbers counted from `base`), dictionary codes in the
    // narrowest of 8, 16 or 32 bits: most columns are small integers, dates or short category lists, and this
    // is what keeps a million customers with 30 fields under 200 MB.
    class Column
    {
    public:
        store::FieldInfo field;
        bool dictionary = false;            // text-like: codes + words; otherwise numbers + valid
        Bitset valid;                       // non-empty values
        // The dictionary as UTF-8 in one buffer: word i is text[offsets[i], offsets[i + 1]); word 0 is empty.
        // UTF-8 keeps the memory of unique columns (names, phones, e-mails) small, and equality, prefix,
        // suffix and substring tests give the same answers on UTF-8 bytes as on the characters.
        std::string text;
        std::vector<std::uint32_t> offsets{0, 0};

        size_t wordCount() const { return offsets.size() - 1; }
        std::string_view word(size_t i) const { return {text.data() + offsets[i], offsets[i + 1] - offsets[i]}; }
        QString wordText(size_t i) const { return QString::fromUtf8(word(i).data(), qsizetype(word(i).size())); }

        // The number (or Julian day) in `row`; 0 where the row is empty.
        double number(size_t row) const
        {
            switch (m_width) {
            case Width::Int8: return double(m_int8[row]) + m_base;
            case Width::Int16: return double(m_int16[row]) + m_base;
            case Width::Int32: return double(m_int32[row]) + m_base;
            case Width::Double: break;
            }
            return m_doubles[row];
        }
        // Calls f(values, base) once with the column's array; the value of row r is double(values[r]) + base.
        template <typename F>
        decltype(auto) visitNumbers(F f) const
        {
            switch (m_width) {
            case Width::Int8: return f(m_int8.data(), m_base);
            case Width::Int16: return f(m_int16.data(), m_base);
            case Width::Int32: return f(m_int32.data(), m_base);
            case Width::Double: break;
            }
            return f(m_doubles.data(), 0.0);
        }

        // The dictionary code of `row`; 0 where the row is empty.
        std::uint32_t code(size_t row) const
        {
            switch (m_width) {
            case Width::Int8: return m_codes8[row];
            case Width::Int16: return m_codes16[row];
            default: break;
            }
            return m_codes32[row];
        }
        // Calls f(codes) once with the column's code array (uint8, uint16 or uint32 elements).
        template <typename F>
        decltype(auto) visitCodes(F f) const
        {
            switch (m_width) {
            case Width::Int8: return f(m_codes8.data());
            case Width::Int16: return f(m_codes16.data());
            default: break;
            }
            return f(m_codes32.data());
        }

        size_t memoryBytes() const;

    private:
        friend class ColumnCache;
        friend class PurchaseSnapshot;
        friend class CustomerSnapshot;
        enum class Width : quint8 { Int8, Int16, Int32, Double };

        void appendNumber(double value); // the row's value (0 for an empty row), widening as needed
        void appendCode(std::uint32_t code);
        void reserve(size_t rows); // room for `rows` values at the present width: no doubling while appending
        template <typename From>
        void widenNumbers(Width to);

        Width m_width = Width::Int8;
        double m_base = 0; // subtracted before storing integers: a day number near today fits in 16 bits
        std::vector<std::int8_t> m_int8;
        std::vector<std::int16_t> m_int16;
        std::vector<std::int32_t> m_int32;
        std::vector<double> m_doubles;
        std::vector<std::uint8_t> m_codes8;
        std::vector<std::uint16_t> m_codes16;
        std::vector<std::uint32_t> m_codes32;
    };

    // The orders and order lines, for purchase conditions: order rows in order id order, line rows in (order,
    // line number) order, so the lines of one order are consecutive. Order fields (channel, status,
    // order_date, imported order columns) and line fields (product, sku, category, quantity, unit_price,
    // amount) are Columns over those rows, read exactly as customer columns are. About 25 to 40 bytes a line
    // and 15 an order plus the imported order columns.
    struct Purchases
    {
        static constexpr std::uint32_t kNoCustomer = 0xffffffffU;
        std::vector<std::uint32_t> orderCustomer; // the customer's row, or kNoCustomer
        Bitset validOrder;                        // is_valid != 0
        Bitset positiveAmount;                    // an amount above zero, read as the metrics read it
        std::vector<std::uint32_t> lineOrder;     // the line's order row, ascending
        std::vector<std::uint32_t> firstLine;     // order row -> its first line row; one more entry than orders
        std::vector<Column> orderColumns;
        std::vector<Column> lineColumns;

        size_t orders() const { return orderCustomer.size(); }
        size_t lines() const { return lineOrder.size(); }
        const Column *orderColumn(const QString &fieldName) const;
        const Column *lineColumn(const QString &fieldName) const;
        size_t memoryBytes() const;
    };

    // Thrown by purchases() when the orders cannot be read, or no longer belong to the customers read.
    struct PurchasesUnavailable
    {
        QString message;
    };

    // Loads the customer columns of `fields`. The purchases (orders and lines with every purchase field) are
    // read on first use, from the same file through a connection of their own: most rules have no purchase
    // condition, and the orders and lines are most of the load (at a million customers, 8 s and 260 MB of
    // the 10 s and 460 MB). A database with no file of its own (in memory, or read inside a transaction,
    // whose rows another connection would not see) has them read now.
    static Result<std::shared_ptr<const ColumnCache>> load(store::Database &db,
                                                           const std::vector<store::FieldInfo> &fields,
                                                           Progress *progress = nullptr);

    size_t rows() const { return m_ids.size(); }
    // Reads the purchases on the first call (thread-safe: other callers wait): from the workspace's snapshot in
    // the cache folder when it copies this state of the workspace, else from SQLite, after which a snapshot is
    // written on a worker for the next open (PurchaseSnapshot; large workspaces only). Throws PurchasesUnavailable
    // when they cannot be read, or when the workspace has gained or lost imports since the customers were
    // read (the figures would mix two states of the file); load the cache again then.
    const Purchases &purchases() const;
    bool purchasesLoaded() const { return m_purchasesReady.load(std::memory_order_acquire); }
    // For an owner that will not need the purchases any more (a window that closes, or loads the workspace
    // again): a read of them from SQLite that is running stops at its next check (every 65,536 rows), and this and
    // every later purchases() throws PurchasesUnavailable (nothing is kept of the rows read). Purchases already
    // read stay usable. Any thread may call it.
    void abandon() const { m_abandoned.cancel(); }
    // Whether purchases() came from the workspace's snapshot in the cache folder (PurchaseSnapshot) rather than
    // from SQLite; meaningful once they are loaded.
    bool purchasesFromSnapshot() const { return m_purchasesKept.load(std::memory_order_acquire); }
    // Whether purchases() came from the snapshot of the workspace's state before its last import, followed by
    // the orders and lines the imports since added, read from SQLite (see AppendedPurchases).
    bool purchasesExtended() const { return m_purchasesExtended.load(std::memory_order_acquire); }
    // Whether the customers' columns came from the workspace's snapshot in the cache folder (CustomerSnapshot).
    bool customersFromSnapshot() const { return m_customersKept; }
    // The orders that are purchases on `asOf` (valid, dated on or before it, an amount above zero unless
    // `zeroCounts`): the start of every purchase condition, computed once per analysis date.
    std::shared_ptr<const Bitset> purchasedOrders(const QDate &asOf, bool zeroCounts) const;
    // A purchase condition's customers under `key` (the condition's text, analysis date and purchase
    // definition), computed by `compute` on first use and kept for the 64 keys used last (thread-safe).
    std::shared_ptr<const Bitset> purchaseResult(const QString &key, const std::function<Bitset()> &compute) const;
    // The same for the lines or orders a purchase condition's `where` matches (a bit per line or order, so
    // only the 8 used last are kept): editing a condition's count or period reuses them.
    std::shared_ptr<const Bitset> whereResult(const QString &key, const std::function<Bitset()> &compute) const;
    const std::vector<qint64> &ids() const { return m_ids; }
    const Column *column(const QString &fieldName) const;
    // The names of the fields no customer has a value in (in every row nothing, or text of blanks only, as
    // store::emptyCustomerFields counts them), in the cache's order: the rule builder lists them apart.
    QStringList fieldsWithoutValues() const;
    size_t memoryBytes() const;
    // The column's valid values, sorted ascending; computed once per column on first use (thread-safe).
    std::shared_ptr<const std::vector<double>> sortedValues(const Column &column) const;
    // What changes whenever the orders or their lines do (see the definition): two connections that read the
    // same stamp in their transactions see the same orders and lines. Also used by the metrics recompute.
    static QString purchaseStamp(store::Database &db);

private:
    struct Changed
    {
    };
    void readTable(store::Database &db, bool metrics, const std::vector<size_t> &which, std::vector<qint64> &ids,
                   size_t total, Progress *progress, const std::atomic<bool> &stop);
    void alignMetrics(const std::vector<size_t> &which, const std::vector<qint64> &metricIds);
    static Purchases readPurchases(store::Database &db, const std::vector<qint64> &ids, Progress *progress, const QString &stamp);
    // Orders with a larger id than `afterId` (lines of such orders), added after the rows `p` holds.
    static std::vector<qint64> readOrders(store::Database &db, Purchases &p, const std::vector<store::FieldInfo> &fields,
                                          const std::vector<qint64> &ids, Progress *progress, const std::atomic<bool> &stop,
                                          qint64 afterId = std::numeric_limits<qint64>::min());
    static void readLines(store::Database &db, Purchases &p, const std::vector<store::FieldInfo> &fields, size_t total,
                          Progress *progress, const std::atomic<bool> &stop,
                          qint64 afterOrderId = std::numeric_limits<qint64>::min());
    static void linkLines(Purchases &p, const std::vector<qint64> &orderIds, size_t fromLine = 0, size_t fromOrder = 0);
    std::optional<Purchases> extendKept(store::Database &db, const QString &file, const QString &workspace,
                                        const std::vector<store::FieldInfo> &fields) const;
    std::optional<Purchases> extendFrom(store::Database &db, const QString &file, const QString &workspace,
                                        const std::vector<store::FieldInfo> &fields,
                                        const AppendedPurchases::Earlier &earlier) const;
    static void checkStop(Progress *progress, const std::atomic<bool> &stop);
    std::vector<store::FieldInfo> columnFields() const;
    static QByteArray customersKey(store::Database &db, const std::vector<store::FieldInfo> &fields, const QString &stamp);
    void readCustomers(store::Database &db, bool second, const std::vector<size_t> &customerColumns,
                       const std::vector<size_t> &metricColumns, Progress *progress, QByteArray *key);
    bool readKept(const QString &file, const QString &workspace, const QByteArray &key);
    QByteArray snapshotKey(store::Database &db, const std::vector<store::FieldInfo> &fields, const QString &stamp,
                           size_t customerRows) const;
    void readPurchasesOnce(store::Database &db) const;
    static void readValue(Column &column, detail::WordIndex &dictionary, store::Statement &query, int at, size_t row);

    std::vector<qint64> m_ids;
    std::vector<Column> m_columns;
    QHash<QString, size_t> m_byName;
    // Where purchases() reads from when they were not read with the customers.
    QString m_path;
    bool m_immutable = false;
    QString m_stamp; // purchaseStamp() when the customers were read
    bool m_customersKept = false;
    mutable std::mutex m_purchasesMutex;
    mutable std::atomic<bool> m_purchasesReady{false};
    mutable std::atomic<bool> m_purchasesKept{false};
    mutable std::atomic<bool> m_purchasesExtended{false};
    mutable QString m_purchasesError;
    mutable Progress m_abandoned; // cancelled by abandon(); the purchases' read checks it
    mutable Purchases m_purchases;
    mutable std::map<std::pair<qint64, bool>, std::shared_ptr<const Bitset>> m_purchased; // under m_purchasesMutex
    // Results kept by key, the most recently used first, at most `capacity` of them.
    struct RecentResults
    {
        size_t capacity = 0;
        std::mutex mutex;
        std::list<std::pair<QString, std::shared_ptr<const Bitset>>> entries;
        std::shared_ptr<const Bitset> get(const QString &key, const std::function<Bitset()> &compute);
    };
    mutable RecentResults m_results{64, {}, {}};     // 64 x 125 KB at a million customers
    mutable RecentResults m_whereResults{8, {}, {}}; // 8 x 1 MB at 8 million lines
    mutable std::mutex m_sortedMutex;
    mutable std::unordered_map<const Column *, std::shared_ptr<const std::vector<double>>> m_sorted;
};

} // namespace segmenta::rules
