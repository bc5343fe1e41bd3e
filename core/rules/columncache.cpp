#include "rules/columncache.h"

#include "common/beside.h"
#include "rules/appendedpurchases.h"
#include "rules/purchasefields.h"
#include "rules/purchasesnapshot.h"
#include "store/database.h"

#include <QCryptographicHash>
#include <QDate>
#include <QFileInfo>

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <functional>
#include <limits>
#include <type_traits>

#include <string>
#include <string_view>

namespace segmenta::rules {

namespace {

// The day number of "YYYY-MM-DD..." when the first ten characters are exactly a valid ISO date (what the
// SQL compiler checks with date(d, '+0 days') = d), or -1.
qint64 dayNumber(std::string_view text)
{
    if (text.size() < 10 || text[4] != '-' || text[7] != '-')
        return -1;
    int parts[3] = {0, 0, 0};
    const int starts[3] = {0, 5, 8};
    const int lengths[3] = {4, 2, 2};
    for (int p = 0; p < 3; ++p) {
        for (int i = starts[p]; i < starts[p] + lengths[p]; ++i) {
            if (text[size_t(i)] < '0' || text[size_t(i)] > '9')
                return -1;
            parts[p] = parts[p] * 10 + (text[size_t(i)] - '0');
        }
    }
    const QDate date(parts[0], parts[1], parts[2]);
    return date.isValid() ? date.toJulianDay() : -1;
}

} // namespace

namespace detail {

// Finds a dictionary word by its bytes, or adds it. Open addressing over (hash, code) pairs whose words live
// in the column's own text buffer: std::unordered_map<std::string, ...> spent most of a million-customer
// load on a node and a string allocation per unique name, phone and e-mail, and on chasing those pointers.
class WordIndex
{
public:
    std::uint32_t codeOf(ColumnCache::Column &column, std::string_view word)
    {
        if ((m_used + 1) * 2 > m_slots.size())
            grow();
        const auto hash = std::uint32_t(std::hash<std::string_view>{}(word));
        for (size_t i = hash & m_mask;; i = (i + 1) & m_mask) {
            Slot &slot = m_slots[i];
            if (slot.code == 0) {
                slot = {hash, std::uint32_t(column.wordCount())};
                ++m_used;
                column.text.append(word);
                column.offsets.push_back(std::uint32_t(column.text.size()));
                return slot.code;
            }
            if (slot.hash == hash && column.word(slot.code) == word)
                return slot.code;
        }
    }

    // Indexes the words `column` already holds (a column read back from a snapshot, to which rows are added).
    void indexWords(const ColumnCache::Column &column)
    {
        for (size_t code = 1; code < column.wordCount(); ++code) {
            if ((m_used + 1) * 2 > m_slots.size())
                grow();
            const auto hash = std::uint32_t(std::hash<std::string_view>{}(column.word(code)));
            size_t i = hash & m_mask;
            while (m_slots[i].code != 0)
                i = (i + 1) & m_mask;
            m_slots[i] = {hash, std::uint32_t(code)};
            ++m_used;
        }
    }

private:
    struct Slot
    {
        std::uint32_t hash = 0;
        std::uint32_t code = 0; // 0: free (code 0 is the empty word, never stored here)
    };

    void grow()
    {
        std::vector<Slot> old(std::max<size_t>(64, m_slots.size() * 2));
        old.swap(m_slots);
        m_mask = m_slots.size() - 1;
        for (const Slot &slot : old) {
            if (slot.code == 0)
                continue;
            size_t i = slot.hash & m_mask;
            while (m_slots[i].code != 0)
                i = (i + 1) & m_mask;
            m_slots[i] = slot;
        }
    }

    std::vector<Slot> m_slots;
    size_t m_mask = 0;
    size_t m_used = 0;
};

} // namespace detail

namespace {

using detail::WordIndex;

constexpr double kJ2000 = 2451545; // Julian day of 2000-01-01: dates are stored as days from it

template <typename T>
bool fits(double value)
{
    return value >= double(std::numeric_limits<T>::min()) && value <= double(std::numeric_limits<T>::max()) &&
           std::floor(value) == value;
}

template <typename To, typename From>
std::vector<To> converted(std::vector<From> &from)
{
    std::vector<To> to;
    to.reserve(from.capacity());
    to.assign(from.begin(), from.end());
    std::vector<From>().swap(from);
    return to;
}

} // namespace

template <typename From>
void ColumnCache::Column::widenNumbers(Width to)
{
    auto &from = [this]() -> std::vector<From> & {
        if constexpr (std::is_same_v<From, std::int8_t>)
            return m_int8;
        else if constexpr (std::is_same_v<From, std::int16_t>)
            return m_int16;
        else
            return m_int32;
    }();
    switch (to) {
    case Width::Int16:
        m_int16 = converted<std::int16_t>(from);
        break;
    case Width::Int32:
        m_int32 = converted<std::int32_t>(from);
        break;
    case Width::Double: {
        m_doubles.reserve(from.capacity());
        for (From v : from)
            m_doubles.push_back(double(v) + m_base);
        std::vector<From>().swap(from);
        break;
    }
    case Width::Int8:
        break;
    }
    m_width = to;
}

void ColumnCache::Column::appendNumber(double value)
{
    if (m_width == Width::Double) {
        m_doubles.push_back(value);
        return;
    }
    const double stored = value - m_base;
    Width needed = Width::Double;
    if (std::isfinite(value)) {
        if (fits<std::int8_t>(stored))
            needed = Width::Int8;
        else if (fits<std::int16_t>(stored))
            needed = Width::Int16;
        else if (fits<std::int32_t>(stored))
            needed = Width::Int32;
    }
    if (needed > m_width) {
        if (m_width == Width::Int8)
            widenNumbers<std::int8_t>(needed);
        else if (m_width == Width::Int16)
            widenNumbers<std::int16_t>(needed);
        else
            widenNumbers<std::int32_t>(needed);
    }
    switch (m_width) {
    case Width::Int8: m_int8.push_back(std::int8_t(stored)); break;
    case Width::Int16: m_int16.push_back(std::int16_t(stored)); break;
    case Width::Int32: m_int32.push_back(std::int32_t(stored)); break;
    case Width::Double: m_doubles.push_back(value); break;
    }
}

void ColumnCache::Column::appendCode(std::uint32_t code)
{
    if (m_width == Width::Int8 && code > 0xff) {
        m_codes16 = converted<std::uint16_t>(m_codes8);
        m_width = Width::Int16;
    }
    if (m_width == Width::Int16 && code > 0xffff) {
        m_codes32 = converted<std::uint32_t>(m_codes16);
        m_width = Width::Int32;
    }
    switch (m_width) {
    case Width::Int8: m_codes8.push_back(std::uint8_t(code)); break;
    case Width::Int16: m_codes16.push_back(std::uint16_t(code)); break;
    default: m_codes32.push_back(code); break;
    }
}

void ColumnCache::Column::reserve(size_t rows)
{
    switch (m_width) {
    case Width::Int8: dictionary ? m_codes8.reserve(rows) : m_int8.reserve(rows); break;
    case Width::Int16: dictionary ? m_codes16.reserve(rows) : m_int16.reserve(rows); break;
    case Width::Int32: dictionary ? m_codes32.reserve(rows) : m_int32.reserve(rows); break;
    case Width::Double: m_doubles.reserve(rows); break;
    }
}

size_t ColumnCache::Column::memoryBytes() const
{
    return m_int8.capacity() + m_int16.capacity() * 2 + m_int32.capacity() * 4 + m_doubles.capacity() * 8 +
           m_codes8.capacity() + m_codes16.capacity() * 2 + m_codes32.capacity() * 4 + valid.words().capacity() * 8 +
           text.capacity() + offsets.capacity() * sizeof(std::uint32_t);
}

// Appends the value of `query`'s column `at` to `column` as row `row` (whose valid bit is still clear).
void ColumnCache::readValue(Column &column, WordIndex &dictionary, store::Statement &query, int at, size_t row)
{
    if (column.dictionary) {
        const std::string_view text = query.utf8(at);
        const std::uint32_t code = text.empty() ? 0 : dictionary.codeOf(column, text);
        column.appendCode(code);
        if (code != 0)
            column.valid.set(row);
    } else if (store::isTemporal(column.field.type)) {
        const qint64 day = query.isNull(at) ? -1 : dayNumber(query.utf8(at));
        column.appendNumber(day >= 0 ? double(day) : kJ2000);
        if (day >= 0)
            column.valid.set(row);
    } else if (query.isNumber(at)) {
        column.appendNumber(query.real(at));
        column.valid.set(row);
    } else {
        column.appendNumber(0);
    }
}

// Reads the cache's columns of one table (customers, or customer_metrics keyed by customer_id) in id order,
// appending the ids it met to `ids`. `stop` is raised by the other table's reader when it fails.
void ColumnCache::readTable(store::Database &db, bool metrics, const std::vector<size_t> &which,
                            std::vector<qint64> &ids, size_t total, Progress *progress, const std::atomic<bool> &stop)
{
    QStringList select{metrics ? QStringLiteral("customer_id") : QStringLiteral("id")};
    for (size_t i : which)
        select << store::quoteIdentifier(m_columns[i].field.column);
    store::Statement query(db, QStringLiteral("SELECT %1 FROM %2 ORDER BY 1")
                                   .arg(select.join(QStringLiteral(", ")),
                                        metrics ? QStringLiteral("customer_metrics") : QStringLiteral("customers"))
                                   .toStdString());
    std::vector<WordIndex> dictionaries(which.size());
    ids.reserve(total);
    size_t row = 0;
    while (query.step()) {
        if (row == total) // more rows than counted: another connection wrote meanwhile
            throw Changed();
        ids.push_back(query.int64(0));
        for (size_t k = 0; k < which.size(); ++k)
            readValue(m_columns[which[k]], dictionaries[k], query, int(k + 1), row);
        if (++row % 65536 == 0) {
            if (stop.load(std::memory_order_relaxed))
                throw Canceled();
            if (progress) {
                progress->checkCanceled();
                if (!metrics)
                    progress->setDone(qint64(row));
            }
        }
    }
}

namespace {

ColumnCache::Column emptyColumn(const store::FieldInfo &field, size_t rows);

} // namespace

// Reads the orders (each with its customer's row, whether it is valid and has an amount above zero) with the
// order fields as columns, and returns their ids in row order.
std::vector<qint64> ColumnCache::readOrders(store::Database &db, Purchases &p, const std::vector<store::FieldInfo> &fields,
                                            const std::vector<qint64> &ids, Progress *progress, const std::atomic<bool> &stop,
                                            qint64 afterId)
{
    const size_t total = p.validOrder.size();
    QStringList select{QStringLiteral("id"), QStringLiteral("customer_id"), QStringLiteral("is_valid"), QStringLiteral("amount")};
    for (const store::FieldInfo &field : fields)
        select << store::quoteIdentifier(field.column);
    store::Statement orders(db, QStringLiteral("SELECT %1 FROM orders WHERE id > ?1 ORDER BY id")
                                    .arg(select.join(QStringLiteral(", "))).toStdString());
    orders.bind(1, afterId);
    std::vector<WordIndex> words(fields.size());
    for (size_t k = 0; k < fields.size(); ++k)
        words[k].indexWords(p.orderColumns[k]);
    size_t row = p.orderCustomer.size(); // the orders kept before these, when extending
    std::vector<qint64> orderIds;
    orderIds.reserve(total - std::min(row, total));
    p.orderCustomer.reserve(total);
    while (orders.step()) {
        if (row == total)
            throw Changed();
        orderIds.push_back(orders.int64(0));
        const auto customer = std::lower_bound(ids.begin(), ids.end(), orders.int64(1));
        p.orderCustomer.push_back(customer != ids.end() && *customer == orders.int64(1) ? std::uint32_t(customer - ids.begin())
                                                                                        : Purchases::kNoCustomer);
        if (orders.int64(2) != 0)
            p.validOrder.set(row);
        if (!orders.isNull(3) && orders.real(3) > 0) // as CustomerMetrics reads the amount
            p.positiveAmount.set(row);
        for (size_t k = 0; k < fields.size(); ++k)
            readValue(p.orderColumns[k], words[k], orders, int(k + 4), row);
        if (++row % 65536 == 0)
            checkStop(progress, stop);
    }
    if (row != total)
        throw Changed();
    return orderIds;
}

// Reads the lines with the line fields as columns, in order id order. lineOrder holds each line's order id
// until linkLines turns it into the order's row (the orders may be read at the same time on another thread).
void ColumnCache::readLines(store::Database &db, Purchases &p, const std::vector<store::FieldInfo> &fields, size_t total,
                            Progress *progress, const std::atomic<bool> &stop, qint64 afterOrderId)
{
    QStringList select{QStringLiteral("order_id")};
    for (const store::FieldInfo &field : fields)
        select << store::quoteIdentifier(field.column);
    store::Statement lines(db, QStringLiteral("SELECT %1 FROM order_lines WHERE order_id > ?1 ORDER BY order_id, line_no")
                                   .arg(select.join(QStringLiteral(", "))).toStdString());
    lines.bind(1, afterOrderId);
    std::vector<WordIndex> words(fields.size());
    for (size_t k = 0; k < fields.size(); ++k)
        words[k].indexWords(p.lineColumns[k]);
    p.lineOrder.reserve(total);
    size_t row = p.lineOrder.size(); // the lines kept before these, when extending
    while (lines.step()) {
        const qint64 orderId = lines.int64(0);
        if (row == total || orderId < 0 || orderId > qint64(std::numeric_limits<std::uint32_t>::max()))
            throw Changed(); // more lines than counted, or an id no order of this workspace has
        p.lineOrder.push_back(std::uint32_t(orderId));
        for (size_t k = 0; k < fields.size(); ++k)
            readValue(p.lineColumns[k], words[k], lines, int(k + 1), row);
        if (++row % 65536 == 0)
            checkStop(progress, stop);
    }
    if (row != total)
        throw Changed();
}

// Turns the order id of each line from `fromLine` on into its order's row (the rows of `orderIds` start at
// `fromOrder`; both ascending) and builds the order-to-first-line index.
void ColumnCache::linkLines(Purchases &p, const std::vector<qint64> &orderIds, size_t fromLine, size_t fromOrder)
{
    size_t order = 0;
    for (size_t at = fromLine; at < p.lineOrder.size(); ++at) {
        std::uint32_t &line = p.lineOrder[at];
        while (order < orderIds.size() && orderIds[order] < qint64(line))
            ++order;
        if (order == orderIds.size() || orderIds[order] != qint64(line))
            throw Changed(); // a line of no order: the orders changed between the two reads
        line = std::uint32_t(fromOrder + order);
    }
    p.firstLine.assign(fromOrder + orderIds.size() + 1, 0);
    for (std::uint32_t of : p.lineOrder)
        ++p.firstLine[of + 1];
    for (size_t i = 1; i < p.firstLine.size(); ++i)
        p.firstLine[i] += p.firstLine[i - 1];
}

void ColumnCache::checkStop(Progress *progress, const std::atomic<bool> &stop)
{
    if (stop.load(std::memory_order_relaxed))
        throw Canceled();
    if (progress)
        progress->checkCanceled();
}

// Reads the orders and their lines, with the purchase fields as columns. Runs after the customers are read
// (`ids` is set). With a `stamp`, the lines are read on a second thread through a second connection to the
// same file, which checks that it sees the state the stamp names; about halves the load on two cores.
ColumnCache::Purchases ColumnCache::readPurchases(store::Database &db, const std::vector<qint64> &ids, Progress *progress,
                                                  const QString &stamp)
{
    Purchases p;
    std::vector<store::FieldInfo> orderFields, lineFields;
    for (const store::FieldInfo &field : purchaseFields(db))
        (field.table == u"order_lines" ? lineFields : orderFields).push_back(field);
    const auto orderTotal = size_t(db.scalar("SELECT count(*) FROM orders").toLongLong());
    const auto lineTotal = size_t(db.scalar("SELECT count(*) FROM order_lines").toLongLong());
    for (const store::FieldInfo &field : orderFields) {
        p.orderColumns.push_back(emptyColumn(field, orderTotal));
        p.orderColumns.back().reserve(orderTotal);
    }
    for (const store::FieldInfo &field : lineFields) {
        p.lineColumns.push_back(emptyColumn(field, lineTotal));
        p.lineColumns.back().reserve(lineTotal);
    }
    for (Column &column : p.orderColumns)
        column.m_base = store::isTemporal(column.field.type) ? kJ2000 : 0.0; // a day near today fits in 16 bits
    p.validOrder = Bitset(orderTotal);
    p.positiveAmount = Bitset(orderTotal);

    std::atomic<bool> stop{false};
    std::vector<qint64> orderIds;
    const auto readOrdersHere = [&] { orderIds = readOrders(db, p, orderFields, ids, progress, stop); };
    if (stamp.isEmpty()) {
        readOrdersHere();
        readLines(db, p, lineFields, lineTotal, progress, stop);
    } else {
        runBeside([&] {
            store::Database other = store::Database::open(db.path(), db.access());
            store::Transaction reading(other);
            if (purchaseStamp(other) != stamp)
                throw Changed();
            readLines(other, p, lineFields, lineTotal, progress, stop);
        }, readOrdersHere, stop);
    }
    linkLines(p, orderIds);
    return p;
}

// What changes whenever the orders or lines do: they are written only by an import (and the demo shop) and
// removed only by undoing one. Every import adds a source row that its undo deletes, and each of them (and the
// demo shop) records a new random token under purchases_changed (store::Workspace::recordPurchasesChanged): the
// counts and largest ids alone would come back after undoing an import that updated orders of an earlier one.
// The token also tells apart two workspaces created at the same path. A few index lookups and the few sources
// rows, so it costs nothing beside the load.
QString ColumnCache::purchaseStamp(store::Database &db)
{
    return db.scalar("SELECT (SELECT count(*) FROM sources) || ':' || (SELECT coalesce(max(id), 0) FROM sources) || ':' || "
                     "(SELECT coalesce(max(id), 0) FROM orders) || ':' || (SELECT coalesce(max(order_id), 0) FROM order_lines) || ':' || "
                     "(SELECT coalesce(group_concat(id || '/' || imported_at || '/' || inserted || '/' || updated, ','), '') "
                     " FROM sources) || ':' || "
                     "coalesce((SELECT value FROM settings WHERE key = 'purchases_changed'), '')")
        .toString();
}

// The state a snapshot of the purchases copies: the stamp, the schema version, the purchase fields (their type
// decides how a column is read) and the customers' ids (orders point at customer rows): this state's, or with
// the stamp of an earlier state and the first `customerRows` ids, that state's.
QByteArray ColumnCache::snapshotKey(store::Database &db, const std::vector<store::FieldInfo> &fields, const QString &stamp,
                                    size_t customerRows) const
{
    QByteArray key = stamp.toUtf8() + "|schema " + db.scalar("PRAGMA user_version").toString().toUtf8();
    for (const store::FieldInfo &field : fields)
        key += '|' + field.table.toUtf8() + '.' + field.column.toUtf8() + ' ' + field.name.toUtf8() + ' ' +
               store::fieldTypeName(field.type).toUtf8();
    QCryptographicHash ids(QCryptographicHash::Sha256);
    ids.addData(QByteArrayView(reinterpret_cast<const char *>(m_ids.data()), qsizetype(customerRows * sizeof(qint64))));
    return key + "|customers " + QByteArray::number(qulonglong(customerRows)) + ' ' + ids.result().toHex();
}

// The purchases of this state when the imports since an earlier read only added to the state that read left
// a snapshot of (AppendedPurchases lists the states the imports started from, the latest first): that
// snapshot, followed by the orders and lines with larger ids than its largest, read from SQLite. At a million
// customers a monthly export then costs reading the snapshot and the export's own rows, not the 4-6 s of
// stepping SQLite through every order and line again. Nothing when there is no such record or snapshot, or the
// rows do not add up (then purchases() reads SQLite).
std::optional<ColumnCache::Purchases> ColumnCache::extendKept(store::Database &db, const QString &file, const QString &workspace,
                                                              const std::vector<store::FieldInfo> &fields) const
{
    const AppendedPurchases appended = AppendedPurchases::read(db);
    if (appended.to != m_stamp)
        return std::nullopt;
    for (const AppendedPurchases::Earlier &earlier : appended.earlier) {
        if (auto p = extendFrom(db, file, workspace, fields, earlier))
            return p;
    }
    return std::nullopt;
}

// The snapshot of the state `earlier` names, if the cache folder holds it, with the rows added since.
std::optional<ColumnCache::Purchases> ColumnCache::extendFrom(store::Database &db, const QString &file, const QString &workspace,
                                                              const std::vector<store::FieldInfo> &fields,
                                                              const AppendedPurchases::Earlier &earlier) const
{
    const auto customerRows = size_t(std::upper_bound(m_ids.begin(), m_ids.end(), earlier.customersUpTo) - m_ids.begin());
    std::vector<store::FieldInfo> orderFields, lineFields;
    for (const store::FieldInfo &field : fields)
        (field.table == u"order_lines" ? lineFields : orderFields).push_back(field);
    // Only the rows after the kept ones are counted: imports never remove rows, and an undo (which does) leaves
    // a state the record does not name. A count(*) of all 8 M lines alone takes half a second.
    store::Statement added(db, "SELECT (SELECT count(*) FROM orders WHERE id > ?1), "
                               "(SELECT count(*) FROM order_lines WHERE order_id > ?1)");
    added.bind(1, earlier.ordersUpTo);
    if (!added.step())
        return std::nullopt;
    const auto addedOrders = size_t(added.int64(0)), addedLines = size_t(added.int64(1));
    std::optional<Purchases> p = PurchaseSnapshot::read(file, workspace, snapshotKey(db, fields, earlier.stamp, customerRows),
                                                        orderFields, lineFields, customerRows, addedOrders, addedLines);
    if (!p)
        return std::nullopt;
    const size_t keptOrders = p->orders(), keptLines = p->lines();
    const size_t orderTotal = keptOrders + addedOrders, lineTotal = keptLines + addedLines;
    p->validOrder.resize(orderTotal);
    p->positiveAmount.resize(orderTotal);
    for (Column &column : p->orderColumns)
        column.valid.resize(orderTotal);
    for (Column &column : p->lineColumns)
        column.valid.resize(lineTotal);
    const std::atomic<bool> stop{false};
    try {
        const std::vector<qint64> orderIds = readOrders(db, *p, orderFields, m_ids, &m_abandoned, stop, earlier.ordersUpTo);
        readLines(db, *p, lineFields, lineTotal, &m_abandoned, stop, earlier.ordersUpTo);
        linkLines(*p, orderIds, keptLines, keptOrders);
    } catch (const Changed &) {
        return std::nullopt; // not what the record says: read everything
    }
    return p;
}

// Reads the purchases for purchases(), under its lock, inside `db`'s read transaction: from the workspace's
// snapshot when one copies this very state, else from SQLite, and then (large workspaces only) writes a
// snapshot for the next open on a worker thread.
void ColumnCache::readPurchasesOnce(store::Database &db) const
{
    const QString file = PurchaseSnapshot::fileFor(m_path);
    if (file.isEmpty()) {
        m_purchases = readPurchases(db, m_ids, &m_abandoned, m_stamp);
        return;
    }
    std::vector<store::FieldInfo> fields = purchaseFields(db), orderFields, lineFields;
    for (const store::FieldInfo &field : fields)
        (field.table == u"order_lines" ? lineFields : orderFields).push_back(field);
    const QByteArray key = snapshotKey(db, fields, m_stamp, m_ids.size());
    const QString workspace = QFileInfo(m_path).canonicalFilePath();
    if (auto kept = PurchaseSnapshot::read(file, workspace, key, orderFields, lineFields, m_ids.size())) {
        m_purchases = std::move(*kept);
        m_purchasesKept.store(true, std::memory_order_release);
        return;
    }
    if (auto extended = extendKept(db, file, workspace, fields)) {
        m_purchases = std::move(*extended);
        m_purchasesExtended.store(true, std::memory_order_release);
    } else {
        m_purchases = readPurchases(db, m_ids, &m_abandoned, m_stamp);
    }
    if (m_purchases.lines() < PurchaseSnapshot::minimumLines())
        return;
    if (std::shared_ptr<const ColumnCache> self = weak_from_this().lock()) // kept alive while the file is written
        PurchaseSnapshot::writeLater(std::move(self), file, workspace, key, m_purchases);
}

std::shared_ptr<const Bitset> ColumnCache::purchasedOrders(const QDate &asOf, bool zeroCounts) const
{
    const Purchases &p = purchases();
    const std::lock_guard lock(m_purchasesMutex);
    std::shared_ptr<const Bitset> &orders = m_purchased[{asOf.toJulianDay(), zeroCounts}];
    if (orders)
        return orders;
    auto bits = std::make_shared<Bitset>(p.orders());
    if (const Column *date = p.orderColumn(QStringLiteral("order_date"))) {
        *bits = p.validOrder;
        if (!zeroCounts)
            *bits &= p.positiveAmount;
        const double last = double(asOf.toJulianDay());
        Bitset onOrBefore(p.orders());
        date->visitNumbers([&](const auto *days, double base) {
            date->valid.forEach([&](size_t order) {
                if (double(days[order]) + base <= last)
                    onOrBefore.set(order);
            });
        });
        *bits &= onOrBefore;
    }
    orders = std::move(bits);
    return orders;
}

std::shared_ptr<const Bitset> ColumnCache::purchaseResult(const QString &key, const std::function<Bitset()> &compute) const
{
    return m_results.get(key, compute);
}

std::shared_ptr<const Bitset> ColumnCache::whereResult(const QString &key, const std::function<Bitset()> &compute) const
{
    return m_whereResults.get(key, compute);
}

std::shared_ptr<const Bitset> ColumnCache::RecentResults::get(const QString &key, const std::function<Bitset()> &compute)
{
    {
        const std::lock_guard lock(mutex);
        const auto found = std::find_if(entries.begin(), entries.end(), [&](const auto &entry) { return entry.first == key; });
        if (found != entries.end()) {
            entries.splice(entries.begin(), entries, found);
            return entries.front().second;
        }
    }
    auto result = std::make_shared<const Bitset>(compute()); // outside the lock: other conditions go on meanwhile
    const std::lock_guard lock(mutex);
    entries.emplace_front(key, result);
    if (entries.size() > capacity)
        entries.pop_back();
    return result;
}

const ColumnCache::Purchases &ColumnCache::purchases() const
{
    if (m_purchasesReady.load(std::memory_order_acquire))
        return m_purchases;
    const std::lock_guard lock(m_purchasesMutex);
    if (m_purchasesReady.load(std::memory_order_relaxed))
        return m_purchases;
    if (m_purchasesError.isEmpty() && m_abandoned.isCanceled())
        m_purchasesError = tr("Reading the orders was cancelled");
    if (m_purchasesError.isEmpty()) {
        try {
            store::Database db = store::Database::open(m_path, m_immutable ? store::Database::Access::Immutable
                                                                            : store::Database::Access::ReadOnly);
            store::Transaction reading(db); // the stamp and the two tables from one state of the file
            if (purchaseStamp(db) != m_stamp)
                throw Changed();
            readPurchasesOnce(db);
            m_purchasesReady.store(true, std::memory_order_release);
            return m_purchases;
        } catch (const store::DatabaseError &error) {
            m_purchasesError = tr("Could not read the orders into memory: %1").arg(error.message());
        } catch (const Changed &) {
            m_purchasesError = tr("The orders changed since the customers were read; open the workspace again");
        } catch (const Canceled &) {
            m_purchasesError = tr("Reading the orders was cancelled");
        }
    }
    throw PurchasesUnavailable{m_purchasesError};
}

// The metrics of customers without a metrics row are empty; metrics rows of no customer are dropped. Only
// needed when the two tables' ids differ (a workspace whose metrics were never computed, for instance).
void ColumnCache::alignMetrics(const std::vector<size_t> &which, const std::vector<qint64> &metricIds)
{
    for (size_t i : which) {
        Column &from = m_columns[i];
        Column to;
        to.field = from.field;
        to.dictionary = from.dictionary;
        to.m_base = from.m_base;
        to.text = std::move(from.text);
        to.offsets = std::move(from.offsets);
        to.valid = Bitset(m_ids.size());
        size_t j = 0;
        for (size_t row = 0; row < m_ids.size(); ++row) {
            while (j < metricIds.size() && metricIds[j] < m_ids[row])
                ++j;
            const bool present = j < metricIds.size() && metricIds[j] == m_ids[row] && from.valid.test(j);
            if (to.dictionary)
                to.appendCode(present ? from.code(j) : 0);
            else
                to.appendNumber(present ? from.number(j) : (to.m_base != 0 ? kJ2000 : 0.0));
            if (present)
                to.valid.set(row);
        }
        from = std::move(to);
    }
}

// What changes whenever a customer's field or metric does: the purchases' `stamp` (every import and its undo
// adds or removes a source), the token each metrics recompute records (store::Workspace::recordMetricsChanged),
// the schema version, the fields read (their type decides how a column is read), the customers' count and the
// two tables' largest ids.
QByteArray ColumnCache::customersKey(store::Database &db, const std::vector<store::FieldInfo> &fields,
                                     const QString &stamp)
{
    QByteArray key = stamp.toUtf8() + "|metrics " +
                     db.scalar("SELECT coalesce((SELECT value FROM settings WHERE key = 'metrics_changed'), '')").toString().toUtf8() +
                     "|schema " + db.scalar("PRAGMA user_version").toString().toUtf8();
    for (const store::FieldInfo &field : fields)
        key += '|' + field.table.toUtf8() + '.' + field.column.toUtf8() + ' ' + field.name.toUtf8() + ' ' +
               store::fieldTypeName(field.type).toUtf8();
    // Not count(*) of customer_metrics: it has no narrow index, so counting it reads the whole table (130 ms at
    // a million customers); its largest id is one index lookup.
    return key + "|rows " + db.scalar("SELECT (SELECT count(*) FROM customers) || ' ' || (SELECT coalesce(max(id), 0) FROM customers) "
                                      "|| ' ' || (SELECT coalesce(max(customer_id), 0) FROM customer_metrics)").toString().toUtf8();
}

std::vector<store::FieldInfo> ColumnCache::columnFields() const
{
    std::vector<store::FieldInfo> fields;
    fields.reserve(m_columns.size());
    for (const Column &column : m_columns)
        fields.push_back(column.field);
    return fields;
}

// Takes the customers' columns from the workspace's snapshot in the cache folder when it copies the state `key`.
bool ColumnCache::readKept(const QString &file, const QString &workspace, const QByteArray &key)
{
    auto kept = CustomerSnapshot::read(file, workspace, key, columnFields());
    if (!kept)
        return false;
    m_ids = std::move(kept->ids);
    for (size_t i = 0; i < m_columns.size(); ++i)
        m_columns[i] = std::move(kept->columns[i]);
    m_customersKept = true;
    return true;
}

// Reads the customers and (on a second connection when `second`) their metrics from SQLite. With `key`, the
// second connection works out the state it read, and `key` is cleared when it is not the one `key` names.
void ColumnCache::readCustomers(store::Database &db, bool second, const std::vector<size_t> &customerColumns,
                                const std::vector<size_t> &metricColumns, Progress *progress, QByteArray *key)
{
    const auto total = size_t(db.scalar("SELECT count(*) FROM customers").toLongLong());
    if (progress)
        progress->setTotal(qint64(total));
    for (Column &column : m_columns) {
        column.valid = Bitset(total);
        if (column.dictionary)
            column.m_codes8.reserve(total);
        else
            column.m_int8.reserve(total);
    }
    std::vector<qint64> metricIds;
    std::atomic<bool> stop{false};
    const auto readCustomersHere = [&] { readTable(db, false, customerColumns, m_ids, total, progress, stop); };
    if (second && !metricColumns.empty()) {
        const std::vector<store::FieldInfo> read = key ? columnFields() : std::vector<store::FieldInfo>{};
        const auto access = db.access() == store::Database::Access::Immutable ? store::Database::Access::Immutable
                                                                               : store::Database::Access::ReadOnly;
        runBeside([&] {
            store::Database other = store::Database::open(db.path(), access);
            store::Transaction reading(other);
            if (key && customersKey(other, read, purchaseStamp(other)) != *key)
                key->clear(); // written meanwhile: the rows are right, but no copy is kept of them
            readTable(other, true, metricColumns, metricIds, total, progress, stop);
        }, readCustomersHere, stop);
    } else {
        readCustomersHere();
        if (!metricColumns.empty())
            readTable(db, true, metricColumns, metricIds, total, progress, stop);
    }
    if (m_ids.size() != total)
        throw Changed();
    if (!metricColumns.empty() && metricIds != m_ids)
        alignMetrics(metricColumns, metricIds);
}

Result<std::shared_ptr<const ColumnCache>> ColumnCache::load(store::Database &db,
                                                             const std::vector<store::FieldInfo> &fields,
                                                             Progress *progress)
{
    auto cache = std::make_shared<ColumnCache>();
    std::vector<size_t> customerColumns, metricColumns;
    for (const store::FieldInfo &field : fields) {
        if (field.table != u"customers" && field.table != u"customer_metrics")
            continue;
        Column column;
        column.field = field;
        column.dictionary = !store::isNumeric(field.type) && !store::isTemporal(field.type) &&
                            field.type != store::FieldType::Boolean;
        if (store::isTemporal(field.type))
            column.m_base = kJ2000;
        (field.table == u"customers" ? customerColumns : metricColumns).push_back(cache->m_columns.size());
        cache->m_byName.insert(field.name, cache->m_columns.size());
        cache->m_columns.push_back(std::move(column));
    }
    try {
        if (progress)
            progress->checkCanceled(); // (the reads check it only every 65,536 rows)
        // The metrics are read on a second thread through a second connection, which halves the load on two
        // cores. A connection inside a transaction, or an in-memory database, is read by this thread alone:
        // another connection would not see the same rows; nor is it kept in a snapshot.
        const bool second = !db.path().isEmpty() && db.path() != u":memory:" && sqlite3_get_autocommit(db.handle());
        if (!second) {
            cache->readCustomers(db, false, customerColumns, metricColumns, progress, nullptr);
            cache->m_purchases = readPurchases(db, cache->m_ids, progress, {});
            cache->m_purchasesReady = true;
            return std::shared_ptr<const ColumnCache>(std::move(cache));
        }
        store::Transaction reading(db); // the key, the stamp and the customers from one state of the file
        cache->m_stamp = purchaseStamp(db);
        QByteArray key = customersKey(db, cache->columnFields(), cache->m_stamp);
        cache->m_path = db.path();
        cache->m_immutable = db.access() == store::Database::Access::Immutable;
        const QString file = CustomerSnapshot::fileFor(db.path());
        const QString workspace = QFileInfo(db.path()).canonicalFilePath();
        if (!file.isEmpty() && cache->readKept(file, workspace, key))
            return std::shared_ptr<const ColumnCache>(std::move(cache));
        cache->readCustomers(db, true, customerColumns, metricColumns, progress, &key);
        if (!file.isEmpty() && !key.isEmpty() && cache->rows() >= CustomerSnapshot::minimumCustomers())
            CustomerSnapshot::writeLater(cache, file, workspace, key, cache->m_ids, cache->m_columns);
    } catch (const store::DatabaseError &error) {
        return Error{tr("Could not load the customers into memory: %1").arg(error.message())};
    } catch (const Canceled &) {
        return Error{tr("Loading the customers was cancelled")};
    } catch (const Changed &) {
        return Error{tr("The customers changed while they were being loaded; try again")};
    }
    return std::shared_ptr<const ColumnCache>(std::move(cache));
}

namespace {

ColumnCache::Column emptyColumn(const store::FieldInfo &field, size_t rows)
{
    ColumnCache::Column column;
    column.field = field;
    column.dictionary = !store::isNumeric(field.type) && !store::isTemporal(field.type) && field.type != store::FieldType::Boolean;
    column.valid = Bitset(rows);
    return column;
}

const ColumnCache::Column *findColumn(const std::vector<ColumnCache::Column> &columns, const QString &name)
{
    for (const ColumnCache::Column &column : columns) {
        if (column.field.name == name)
            return &column;
    }
    return nullptr;
}

} // namespace

const ColumnCache::Column *ColumnCache::Purchases::orderColumn(const QString &fieldName) const
{
    return findColumn(orderColumns, fieldName);
}

const ColumnCache::Column *ColumnCache::Purchases::lineColumn(const QString &fieldName) const
{
    return findColumn(lineColumns, fieldName);
}

size_t ColumnCache::Purchases::memoryBytes() const
{
    size_t bytes = orderCustomer.capacity() * 4 + lineOrder.capacity() * 4 + firstLine.capacity() * 4 + validOrder.words().capacity() * 8 +
                   positiveAmount.words().capacity() * 8;
    for (const Column &c : orderColumns)
        bytes += c.memoryBytes();
    for (const Column &c : lineColumns)
        bytes += c.memoryBytes();
    return bytes;
}

const ColumnCache::Column *ColumnCache::column(const QString &fieldName) const
{
    const auto it = m_byName.constFind(fieldName);
    return it == m_byName.constEnd() ? nullptr : &m_columns[*it];
}

QStringList ColumnCache::fieldsWithoutValues() const
{
    QStringList names;
    for (const Column &c : m_columns) {
        bool any = c.valid.count() > 0;
        if (any && c.dictionary) {
            any = false;
            for (size_t w = 1; w < c.wordCount() && !any; ++w) // word 0 is the empty word
                any = !c.wordText(w).trimmed().isEmpty();
        }
        if (!any)
            names << c.field.name;
    }
    return names;
}

size_t ColumnCache::memoryBytes() const
{
    size_t bytes = m_ids.capacity() * sizeof(qint64) + (purchasesLoaded() ? m_purchases.memoryBytes() : 0);
    for (const Column &c : m_columns)
        bytes += c.memoryBytes();
    return bytes;
}

std::shared_ptr<const std::vector<double>> ColumnCache::sortedValues(const Column &column) const
{
    const std::lock_guard lock(m_sortedMutex);
    auto &sorted = m_sorted[&column];
    if (!sorted) {
        auto values = std::make_shared<std::vector<double>>();
        values->reserve(column.valid.count());
        column.valid.forEach([&](size_t row) { values->push_back(column.number(row)); });
        std::sort(values->begin(), values->end());
        sorted = std::move(values);
    }
    return sorted;
}

} // namespace segmenta::rules
