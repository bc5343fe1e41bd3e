#include "import/rowstore.h"

#include "import/batchedinsert.h"

#include "import/roles.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <limits>

namespace segmenta::import::detail {

namespace {

using store::FieldType;
using store::Statement;

// Built-in columns by role, for each kind of file.
const std::map<QString, QString> &customerColumns()
{
    static const std::map<QString, QString> map = {
        {QString::fromLatin1(role::kCustomerId), QStringLiteral("customer_key")},
        {QString::fromLatin1(role::kName), QStringLiteral("name")},
        {QString::fromLatin1(role::kPhone), QStringLiteral("phone")},
        {QString::fromLatin1(role::kEmail), QStringLiteral("email")},
        {QString::fromLatin1(role::kGender), QStringLiteral("gender")},
        {QString::fromLatin1(role::kBirthDate), QStringLiteral("birth_date")},
        {QString::fromLatin1(role::kAge), QStringLiteral("age")},
        {QString::fromLatin1(role::kCountry), QStringLiteral("country")},
        {QString::fromLatin1(role::kProvince), QStringLiteral("province")},
        {QString::fromLatin1(role::kCity), QStringLiteral("city")},
        {QString::fromLatin1(role::kSignupDate), QStringLiteral("signup_date")},
        {QString::fromLatin1(role::kChannel), QStringLiteral("channel")},
        {QString::fromLatin1(role::kTags), QStringLiteral("tags")},
        {QString::fromLatin1(role::kTotalSpend), QStringLiteral("list_total_spend")},
        {QString::fromLatin1(role::kOrdersCount), QStringLiteral("list_orders_count")},
        {QString::fromLatin1(role::kFirstOrderDate), QStringLiteral("list_first_order_date")},
        {QString::fromLatin1(role::kLastOrderDate), QStringLiteral("list_last_order_date")},
        {QString::fromLatin1(role::kRecencyDays), QStringLiteral("list_last_order_date")}, // (counted back)
    };
    return map;
}

const std::map<QString, QString> &orderColumns()
{
    static const std::map<QString, QString> map = {
        {QString::fromLatin1(role::kOrderId), QStringLiteral("order_key")},
        {QString::fromLatin1(role::kOrderDate), QStringLiteral("order_date")},
        {QString::fromLatin1(role::kAmount), QStringLiteral("amount")},
        {QString::fromLatin1(role::kQuantity), QStringLiteral("quantity")},
        {QString::fromLatin1(role::kUnitPrice), QStringLiteral("unit_price")},
        {QString::fromLatin1(role::kStatus), QStringLiteral("status")},
        {QString::fromLatin1(role::kProduct), QStringLiteral("product")},
        {QString::fromLatin1(role::kCategory), QStringLiteral("category")},
        {QString::fromLatin1(role::kChannel), QStringLiteral("channel")},
    };
    return map;
}

// The customer attributes an order list carries to its customers (the name, gender, phone, e-mail and where
// they live, as a Taobao export's 收货人姓名, 性别, 联系手机 or Online Retail's Country): not the customer
// list's own totals.
bool isCustomerAttribute(const QString &role)
{
    for (const char *r : {role::kName, role::kPhone, role::kEmail, role::kGender, role::kBirthDate, role::kAge,
                          role::kCountry, role::kProvince, role::kCity, role::kSignupDate, role::kTags}) {
        if (role == QLatin1StringView(r))
            return true;
    }
    return false;
}

// 贵州省 贵阳市 花溪区 -> (贵州省, 贵阳市); 上海市 浦东新区 -> (上海市, 上海市).
std::pair<QString, QString> splitChineseAddress(const QString &address)
{
    static const QRegularExpression pattern(
        QStringLiteral("^\\s*([^\\s省市]{2,}?(?:省|自治区|特别行政区)|北京市|上海市|天津市|重庆市)?\\s*([^\\s]{2,}?(?:市|州|盟|地区))?"));
    const auto match = pattern.match(address);
    QString province = match.captured(1);
    QString city = match.captured(2);
    if (city.isEmpty() && (province == u"北京市" || province == u"上海市" || province == u"天津市" || province == u"重庆市"))
        city = province;
    return {province, city};
}

bool isCancelled(const QString &status)
{
    const QString s = status.toLower();
    for (const char *word : {"cancel", "closed", "refund", "void", "failed", "returned"}) {
        if (s.contains(QLatin1StringView(word)))
            return true;
    }
    for (const QString &word : {QStringLiteral("关闭"), QStringLiteral("取消"), QStringLiteral("退款"), QStringLiteral("退货"),
                                QStringLiteral("失败"), QStringLiteral("作废")}) {
        if (status.contains(word))
            return true;
    }
    return false;
}

bool isRefund(const QString &status)
{
    return status.toLower().contains(u"refund") || status.toLower().contains(u"return") ||
           status.contains(QStringLiteral("退款")) || status.contains(QStringLiteral("退货"));
}

// A close reason: Taobao writes 订单未关闭 for orders that were not closed, 退款 for refunds, and other reasons
// (买家不想买了, 未及时付款) for cancellations. Gives (closed, refunded).
std::pair<bool, bool> closeReasonMeaning(const QString &reason)
{
    const QString r = reason.trimmed();
    if (r.isEmpty() || r.contains(QStringLiteral("未关闭")) || r.toLower().contains(u"not closed") || r == u"-")
        return {false, false};
    return {true, isRefund(r)};
}

StoredValue textValue(const QString &text)
{
    StoredValue value;
    value.kind = StoredValue::Kind::Text;
    value.text = text;
    return value;
}

} // namespace

QString typeNoun(FieldType type)
{
    switch (type) {
    case FieldType::Date:
    case FieldType::DateTime:
        return RowStore::tr("dates");
    case FieldType::Integer:
        return RowStore::tr("whole numbers");
    case FieldType::Boolean:
        return RowStore::tr("yes/no values");
    default:
        return RowStore::tr("numbers");
    }
}

// Where a row's values go: a slot in the customer's or in the order's columns for each file column (fixed
// once, so a row is sorted into its slots without comparing column names), and the slots the importer fills
// itself. The customer key and order key are bound on their own.
struct RowStore::Slots
{
    std::vector<QString> names; // by slot, the SQL column
    int add(const QString &name)
    {
        const auto it = std::find(names.begin(), names.end(), name);
        if (it != names.end())
            return int(it - names.begin());
        names.push_back(name);
        return int(names.size()) - 1;
    }
    int find(const char *name) const
    {
        const auto it = std::find(names.begin(), names.end(), QLatin1StringView(name));
        return it == names.end() ? -1 : int(it - names.begin());
    }
};

// A row's values by slot (null: none), and which slots have one, as the key of the INSERT that fits.
struct RowStore::RowSlots
{
    std::vector<const StoredValue *> values;
    std::string present;
    void reset(size_t n)
    {
        values.assign(n, nullptr);
        present.assign(n, '\0');
    }
    void set(int slot, const StoredValue *value)
    {
        values[size_t(slot)] = value;
        present[size_t(slot)] = 1;
    }
    const StoredValue *at(int slot) const { return slot >= 0 ? values[size_t(slot)] : nullptr; }
};

// INSERTs by the set of columns a row has values for; the one used last for each table is checked first
// (rows of a file mostly fill the same columns).
struct RowStore::Inserts
{
    std::map<std::string, std::unique_ptr<Statement>> byPresent;
    const std::string *lastPresent = nullptr;
    Statement *last = nullptr;
};

// A customer this import has met: its id; the digest of the values its last row gave, which the customer
// now holds (an order list repeats its customer's values on every order, and a row that repeats them changes
// nothing; a 64-bit digest: two different sets of values agree by chance about once in 10^19 comparisons);
// and, by customer slot, the order time of the row that gave the value held (the newest row wins).
struct RowStore::KnownCustomer
{
    QString key;
    qint64 id = 0;
    std::optional<quint64> values;
    std::vector<qint64> valueTimes; // empty until an order row gave a value
    qint64 storedTime = -1;         // the newest order time stored before this import; -1: not looked up
};

struct RowStore::State
{
    Statement rejectRow, findCustomer, undoLog, findOrder, addLineItem, latestOrder, lastLineNo;
    std::unordered_map<std::string, std::unique_ptr<Statement>> prepared; // by SQL text, prepared once each
    Slots customerSlots, orderSlots;
    std::vector<int> slotOfColumn;
    int provinceSlot = -1, citySlot = -1, quantitySlot = -1, unitPriceSlot = -1, statusSlot = -1, amountSlot = -1,
        dateSlot = -1, productSlot = -1, categorySlot = -1, skuSlot = -1;
    // The order whose line was stored last and that line's number: a file lists an order's lines one after
    // another, so the next line's number is mostly known without asking the table.
    qint64 lineOrder = 0;
    qint64 lineNo = 0;
    RowSlots customerRow, orderRow;
    Inserts customerInserts;
    // New orders and lines, stored several to a statement (see BatchedInsert): flushed before anything
    // reads those tables. An order's id is given, as SQLite would give it (one more than the greatest).
    BatchedInsert orderInserts, lineInserts;
    qint64 nextOrderId = 1;
    StoredValue province, city, amountValue;
    // Lookups that memory answers: customers by key (while there are not too many to hold; found by the key's
    // hash, worked out on the reading thread), and whether an order key can be in the table at all (when it
    // held no orders before this import).
    HashSet customerHashes{true}; // numbered as in knownCustomers
    std::vector<KnownCustomer> knownCustomers;
    bool allCustomersKnown = false;
    bool ordersWereEmpty = false;
    KeyFilter storedOrderKeys{0};
    // Rows of a file without order ids, to find the ones repeated exactly: their hashes, numbered as `lines`.
    HashSet rowHashes{true};
    std::vector<qint64> rowLines;
    // Whether an order status means cancelled, and refunded, by status text (a file has few of them).
    std::map<std::string, std::pair<bool, bool>, std::less<>> statusMeaning;

    explicit State(store::Database &db)
        : rejectRow(db, "INSERT INTO rejects(source_id, row_number, column_name, raw_value, reason) VALUES (?1, ?2, ?3, ?4, ?5)"),
          findCustomer(db, "SELECT id FROM customers WHERE customer_key = ?1"),
          undoLog(db, "INSERT INTO import_undo(source_id, table_name, row_id, old_json) VALUES (?1, ?2, ?3, ?4)"),
          findOrder(db, "SELECT id, source_id FROM orders WHERE order_key = ?1"),
          addLineItem(db, "UPDATE orders SET amount = coalesce(amount, 0) + ?1, quantity = coalesce(quantity, 0) + ?2 WHERE id = ?3"),
          latestOrder(db, "SELECT max(order_date) FROM orders WHERE customer_id = ?1"),
          lastLineNo(db, "SELECT coalesce(max(line_no), 0) FROM order_lines WHERE order_id = ?1"),
          orderInserts(db, "orders"), lineInserts(db, "order_lines")
    {
    }
};

namespace {
constexpr size_t kMaxCustomerIds = 200000;
constexpr size_t kMaxListedRows = 1000; // line numbers of repeated and already present rows in a summary

// An ISO date or date-time as one number that sorts as it does: 2024-06-01T09:41:05 -> 20240601094105.
qint64 isoTime(QStringView iso)
{
    qint64 t = 0;
    int digits = 0;
    for (const QChar c : iso) {
        if (c.isDigit() && digits < 14) {
            t = t * 10 + c.digitValue();
            ++digits;
        }
    }
    for (; digits < 14; ++digits)
        t *= 10;
    return t;
}

// The same for ISO text as written by StoredValue (ASCII).
qint64 isoTime(QLatin1StringView iso)
{
    qint64 t = 0;
    int digits = 0;
    for (const char c : iso) {
        if (c >= '0' && c <= '9' && digits < 14) {
            t = t * 10 + (c - '0');
            ++digits;
        }
    }
    for (; digits < 14; ++digits)
        t *= 10;
    return t;
}
} // namespace

Result<void> checkWidth(store::Database &db, const std::vector<Column> &columns, const Column *keyColumn, bool orders,
                        const QString &fileName)
{
    constexpr qint64 kMaxTableColumns = 1990; // a few to spare for the schema's own later columns
    const auto &builtins = orders ? orderColumns() : customerColumns();
    const QString table = orders ? QStringLiteral("orders") : QStringLiteral("customers");
    qint64 width = db.scalar(QStringLiteral("SELECT count(*) FROM pragma_table_info('%1')").arg(table).toStdString()).toLongLong();
    Statement known(db, "SELECT 1 FROM fields WHERE entity = ?1 AND name = ?2");
    for (const Column &column : columns) {
        if (column.skip || &column == keyColumn || builtins.count(column.field.role) ||
            (orders && customerColumns().count(column.field.role)))
            continue;
        known.bind(1, orders ? QStringLiteral("order") : QStringLiteral("customer")).bind(2, column.field.name);
        const bool exists = known.step();
        known.reset();
        if (exists || ++width <= kMaxTableColumns)
            continue;
        const auto position = qint64(&column - columns.data());
        return Error{Importer::tr("“%1” has more columns than a workspace can keep (about %2 a list): column %3, "
                                  "“%4”, and the %5 after it do not fit; skip the columns you do not need and import again")
                         .arg(fileName)
                         .arg(kMaxTableColumns)
                         .arg(position + 1)
                         .arg(column.field.name)
                         .arg(qint64(columns.size()) - position - 1)};
    }
    return {};
}

RowStore::RowStore(store::Database &db, TableAnalysis &analysis, ImportSummary &summary, qint64 sourceId, qint64 expectedRows)
    : m_db(db), m_analysis(analysis), m_columns(analysis.columns), m_summary(summary), m_sourceId(sourceId),
      m_orders(summary.kind == ImportKind::Orders)
{
    m_keyColumn = analysis.keyColumn();
    m_idColumn = m_orders ? analysis.columnOf(role::kOrderId) : nullptr;
    m_dateColumn = m_orders ? analysis.columnOf(role::kOrderDate) : nullptr;
    Column *address = analysis.columnOf(role::kAddress);
    m_addressColumn = address && !analysis.columnOf(role::kProvince) && !analysis.columnOf(role::kCity) ? address : nullptr;
    for (Column &column : m_columns) {
        if (m_orders && !column.skip && column.field.role == QLatin1StringView(role::kCloseReason))
            m_closeReasonColumns.push_back(&column);
    }
    m_unreadable.assign(m_columns.size(), 0);
    placeColumns();
    m_state = std::make_unique<State>(db); // (its statements prepared once the columns are added)
    planSlots();
    State &s = *m_state;
    s.allCustomersKnown = !db.scalar("SELECT EXISTS (SELECT 1 FROM customers)").toBool();
    s.ordersWereEmpty = m_orders && !db.scalar("SELECT EXISTS (SELECT 1 FROM orders)").toBool();
    s.nextOrderId = m_orders ? db.scalar("SELECT coalesce(max(id), 0) + 1 FROM orders").toLongLong() : 1;
    s.storedOrderKeys = KeyFilter(s.ordersWereEmpty ? expectedRows : 0);
}

RowStore::~RowStore() = default;

// Where each column goes: a built-in column, or an imported column of its own (reused by header name). In
// an order list, the customer's attributes go to the customer's built-in columns.
void RowStore::placeColumns()
{
    const QString table = m_orders ? QStringLiteral("orders") : QStringLiteral("customers");
    const QString entity = m_orders ? QStringLiteral("order") : QStringLiteral("customer");
    const auto &builtins = m_orders ? orderColumns() : customerColumns();
    for (Column &column : m_columns) {
        column.table = table;
        column.toCustomer = !m_orders;
        if (column.skip)
            continue;
        if (&column == m_keyColumn && m_orders) {
            column.field.column = QStringLiteral("customers.customer_key");
            continue;
        }
        if (const auto it = builtins.find(column.field.role); it != builtins.end()) {
            column.sqlColumn = it->second;
        } else if (m_orders && isCustomerAttribute(column.field.role)) {
            column.sqlColumn = customerColumns().at(column.field.role);
            column.table = QStringLiteral("customers");
            column.toCustomer = true;
            column.field.column = QStringLiteral("customers.") + column.sqlColumn;
            continue;
        } else if (column.field.role == QLatin1StringView(role::kAddress) && !m_orders) {
            column.sqlColumn.clear(); // split into province and city below; kept whole as its own column too
        }
        if (m_orders && customerColumns().count(column.field.role) && column.sqlColumn.isEmpty())
            continue; // a customer list's totals in an order list: the orders tell them
        if (column.sqlColumn.isEmpty()) {
            // A header that names a field Segmenta builds in or derives is imported under a name of its own.
            const QString fieldName = importedFieldName(m_db, entity, column.field.name);
            if (fieldName != column.field.name)
                column.field.storedName = fieldName;
            Statement existing(m_db, "SELECT column_name FROM fields WHERE entity = ?1 AND name = ?2 AND origin = 'imported'");
            existing.bind(1, entity).bind(2, fieldName);
            if (existing.step()) {
                column.sqlColumn = existing.text(0);
            } else {
                const qint64 next = m_db.scalar(QStringLiteral("SELECT count(*) FROM fields WHERE table_name = '%1' AND origin = 'imported'")
                                                    .arg(table).toStdString()).toLongLong() + 1;
                QString candidate;
                for (qint64 k = next;; ++k) {
                    candidate = (m_orders ? QStringLiteral("o_") : QStringLiteral("c_")) + QString::number(k);
                    Statement taken(m_db, "SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2");
                    taken.bind(1, table).bind(2, candidate);
                    if (!taken.step())
                        break;
                }
                m_db.exec(QStringLiteral("ALTER TABLE %1 ADD COLUMN %2").arg(table, store::quoteIdentifier(candidate)).toStdString());
                Statement field(m_db, "INSERT INTO fields(entity, name, label, table_name, column_name, type, role, origin, "
                                      "source_id, position) VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, 'imported', ?7, 1000 + ?8)");
                field.bind(1, entity).bind(2, fieldName).bind(3, table).bind(4, candidate)
                    .bind(5, store::fieldTypeName(column.field.type)).bind(6, column.field.role.isNull() ? QStringLiteral("") : column.field.role)
                    .bind(7, m_sourceId).bind(8, next);
                field.run();
                column.sqlColumn = candidate;
            }
        }
        column.field.column = column.sqlColumn;
    }
}

void RowStore::planSlots()
{
    State &s = *m_state;
    s.slotOfColumn.assign(m_columns.size(), -1);
    for (size_t c = 0; c < m_columns.size(); ++c) {
        const Column &column = m_columns[c];
        if (column.skip || column.sqlColumn.isEmpty() || column.sqlColumn == u"customer_key" ||
            (!column.toCustomer && column.sqlColumn == u"order_key"))
            continue;
        s.slotOfColumn[c] = (column.toCustomer ? s.customerSlots : s.orderSlots).add(column.sqlColumn);
    }
    s.provinceSlot = m_addressColumn ? s.customerSlots.add(QStringLiteral("province")) : -1;
    s.citySlot = m_addressColumn ? s.customerSlots.add(QStringLiteral("city")) : -1;
    s.quantitySlot = s.orderSlots.find("quantity");
    s.unitPriceSlot = s.orderSlots.find("unit_price");
    s.statusSlot = s.orderSlots.find("status");
    s.dateSlot = s.orderSlots.find("order_date");
    s.productSlot = s.orderSlots.find("product");
    s.categorySlot = s.orderSlots.find("category");
    if (const Column *sku = m_orders ? m_analysis.columnOf(role::kSku) : nullptr)
        s.skuSlot = s.slotOfColumn[size_t(sku - m_columns.data())];
    s.amountSlot = m_orders ? s.orderSlots.add(QStringLiteral("amount")) : -1;
}

RowPreparer::Setup RowStore::preparerSetup(bool profile, const QDate &analysisDate) const
{
    RowPreparer::Setup setup;
    setup.columns = &m_columns;
    setup.headerIndex = m_analysis.headerIndex;
    setup.keyColumn = m_keyColumn;
    setup.idColumn = m_idColumn;
    setup.dateColumn = m_dateColumn;
    setup.addressColumn = m_addressColumn;
    setup.orders = m_orders;
    setup.profile = profile;
    setup.semicolonFile = m_analysis.delimiter == ';';
    setup.list = listColumnsOf(m_columns, m_keyColumn, analysisDate);
    return setup;
}

void RowStore::reject(qint64 line, const QString &column, const QString &raw, const QString &reason)
{
    Statement &r = m_state->rejectRow;
    r.bind(1, m_sourceId).bind(2, line).bind(3, column).bind(4, raw).bind(5, reason);
    r.run();
}

Statement &RowStore::statement(const QString &sql)
{
    std::string key = sql.toStdString();
    auto &prepared = m_state->prepared;
    auto it = prepared.find(key);
    if (it == prepared.end())
        it = prepared.emplace(key, std::make_unique<Statement>(m_db, key)).first;
    it->second->reset();
    return *it->second;
}

Statement &RowStore::insertStatement(Inserts &inserts, const char *into, const QStringList &fixed, const Slots &slots,
                                     const RowSlots &row)
{
    if (!inserts.last || *inserts.lastPresent != row.present) {
        auto it = inserts.byPresent.find(row.present);
        if (it == inserts.byPresent.end()) {
            QStringList names = fixed;
            for (size_t i = 0; i < row.present.size(); ++i) {
                if (row.present[i])
                    names << store::quoteIdentifier(slots.names[i]);
            }
            const QString marks = QStringLiteral("?,").repeated(names.size()).chopped(1);
            const QString sql = QStringLiteral("INSERT INTO %1(%2) VALUES (%3)").arg(QLatin1StringView(into), names.join(u','), marks);
            it = inserts.byPresent.emplace(row.present, std::make_unique<Statement>(m_db, sql.toStdString())).first;
        }
        inserts.lastPresent = &it->first;
        inserts.last = it->second.get();
    }
    inserts.last->reset();
    return *inserts.last;
}

namespace {
void bindPresent(Statement &insert, int first, const std::vector<const StoredValue *> &values)
{
    int b = first;
    for (const StoredValue *value : values) {
        if (value)
            bindStored(insert, b++, *value);
    }
}
} // namespace

void RowStore::store(const PreparedRow &row)
{
    if (!row.problem.isEmpty()) {
        const bool named = row.problemColumn >= 0 && size_t(row.problemColumn) < m_columns.size();
        reject(row.line, named ? m_columns[size_t(row.problemColumn)].field.name : QString(), row.problemValue, row.problem);
        ++m_summary.rejected;
        ++m_summary.undecodable;
        return;
    }
    if (row.key.isEmpty()) {
        reject(row.line, m_keyColumn->field.name, QString(),
               tr("no customer: the %1 cell is empty").arg(m_keyColumn->field.name));
        ++m_summary.rejected;
        return;
    }
    if (isRepeat(row) || !sortIntoSlots(row))
        return;
    bool inserted = false, updated = false;
    const qint64 customerId = storeCustomer(row, orderTimeOf(), &inserted, &updated);
    if (m_orders) {
        storeOrder(row, customerId);
        return;
    }
    if (row.listTotals)
        m_listCustomers.push_back(customerId);
    if (inserted)
        ++m_summary.inserted;
    else if (updated)
        ++m_summary.updated;
    else
        ++m_summary.unchanged;
}

// A row of an order list without order ids that repeats an earlier row exactly (every cell equal) is the
// same line exported twice: counted once, and listed.
bool RowStore::isRepeat(const PreparedRow &row)
{
    if (!m_orders || m_idColumn)
        return false;
    State &s = *m_state;
    const qint64 earlier = s.rowHashes.find(row.rowHash);
    if (earlier < 0) {
        s.rowHashes.insert(row.rowHash);
        s.rowLines.push_back(row.line);
        return false;
    }
    const qint64 firstLine = s.rowLines[size_t(earlier)];
    reject(row.line, QString(), QString(), tr("repeated row: the same as row %1 in every column; counted once").arg(firstLine));
    ++m_summary.repeated;
    if (m_summary.repeatedRows.size() < kMaxListedRows)
        m_summary.repeatedRows.push_back(row.line);
    return true;
}

// The row's typed values sorted into the customer's and the order's slots; unreadable values recorded.
// False when the row cannot be used (an order whose date or amount is unreadable).
bool RowStore::sortIntoSlots(const PreparedRow &row)
{
    State &s = *m_state;
    s.customerRow.reset(s.customerSlots.names.size());
    s.orderRow.reset(s.orderSlots.names.size());
    bool rowRejected = false;
    for (size_t c = 0; c < m_columns.size(); ++c) {
        if (row.state[c] == PreparedRow::kEmpty)
            continue;
        const Column &column = m_columns[c];
        if (row.state[c] == PreparedRow::kUnreadable) {
            ++m_unreadable[c];
            const QString reason = tr("not readable as %1").arg(typeNoun(column.field.type));
            const bool essential = m_orders && (column.field.role == QLatin1StringView(role::kOrderDate) ||
                                                column.field.role == QLatin1StringView(role::kAmount));
            reject(row.line, column.field.name, row.raw[c],
                   essential ? tr("order left out: the %1 is %2").arg(column.field.name, reason) : reason);
            rowRejected = rowRejected || essential;
            continue;
        }
        if (s.slotOfColumn[c] >= 0)
            (column.toCustomer ? s.customerRow : s.orderRow).set(s.slotOfColumn[c], &row.values[c]);
    }
    if (m_addressColumn) {
        const auto [provinceText, cityText] = splitChineseAddress(row.address);
        if (!provinceText.isEmpty()) {
            s.province = textValue(provinceText);
            s.customerRow.set(s.provinceSlot, &s.province);
        }
        if (!cityText.isEmpty()) {
            s.city = textValue(cityText);
            s.customerRow.set(s.citySlot, &s.city);
        }
    }
    if (rowRejected)
        ++m_summary.rejected;
    return !rowRejected;
}

// The order time of an order row as a number that sorts as the times do; 0 without one; the greatest
// number for a customer list's rows (the last row of a customer list wins).
qint64 RowStore::orderTimeOf() const
{
    if (!m_orders)
        return std::numeric_limits<qint64>::max();
    const StoredValue *date = m_state->orderRow.at(m_state->dateSlot);
    if (date && date->kind == StoredValue::Kind::Iso) // (its ASCII digits read as they are: no QString a row)
        return isoTime(QLatin1StringView(date->iso.data(), date->isoLength));
    return date ? isoTime(date->toString()) : 0;
}

RowStore::KnownCustomer *RowStore::rememberCustomer(const PreparedRow &row, qint64 customerId)
{
    State &s = *m_state;
    if (s.knownCustomers.size() >= kMaxCustomerIds) {
        s.allCustomersKnown = false;
        return nullptr;
    }
    if (!s.customerHashes.insert(row.keyHash))
        return nullptr; // (another key has this hash: this key is looked up in the database each time)
    s.knownCustomers.push_back(KnownCustomer{row.key, customerId, std::nullopt, {}, -1});
    return &s.knownCustomers.back();
}

// The customer: inserted, or updated with what changed (the old values remembered for undo). In an order
// list, a customer's value is the one of its newest order that has one.
qint64 RowStore::storeCustomer(const PreparedRow &row, qint64 orderTime, bool *inserted, bool *updated)
{
    State &s = *m_state;
    qint64 customerId = 0;
    bool found = false;
    KnownCustomer *seen = nullptr;
    bool sameHash = false; // another key has this one's hash: the database knows whether it is new
    if (const qint64 n = s.customerHashes.find(row.keyHash); n >= 0) {
        if (s.knownCustomers[size_t(n)].key == row.key)
            seen = &s.knownCustomers[size_t(n)];
        sameHash = !seen;
    }
    if (seen) {
        customerId = seen->id;
        found = true;
    } else if (!s.allCustomersKnown || sameHash) {
        s.findCustomer.bindUtf8Unowned(1, row.keyUtf8);
        found = s.findCustomer.step();
        customerId = found ? s.findCustomer.int64(0) : 0;
        s.findCustomer.reset();
    }
    const quint64 valuesDigest = detail::valuesDigest(s.customerRow.values);
    const bool anyValue = std::any_of(s.customerRow.values.begin(), s.customerRow.values.end(),
                                      [](const StoredValue *v) { return v != nullptr; });
    bool keptNewer = false; // some value of this row was older than the one the customer holds
    if (found) {
        const bool repeated = seen && seen->values == valuesDigest;
        if (!seen)
            seen = rememberCustomer(row, customerId);
        if (anyValue && !repeated)
            *updated = updateCustomer(customerId, seen, orderTime, &keptNewer);
    } else {
        static const QStringList fixedCustomer{QStringLiteral("customer_key"), QStringLiteral("source_id")};
        Statement &insert = insertStatement(s.customerInserts, "customers", fixedCustomer, s.customerSlots, s.customerRow);
        insert.bindUtf8Unowned(1, row.keyUtf8).bind(2, m_sourceId);
        bindPresent(insert, 3, s.customerRow.values);
        insert.run();
        customerId = m_db.lastInsertRowId();
        *inserted = true;
        seen = rememberCustomer(row, customerId);
        if (seen && m_orders) {
            seen->valueTimes.assign(s.customerSlots.names.size(), 0);
            for (size_t slot = 0; slot < seen->valueTimes.size(); ++slot)
                seen->valueTimes[slot] = s.customerRow.values[slot] ? orderTime : 0;
        }
    }
    if (seen) // (what the customer now holds, unless it kept a newer value than this row's)
        seen->values = keptNewer ? std::nullopt : std::optional<quint64>(valuesDigest);
    return customerId;
}

// Sets the customer's values that this row has and the customer does not hold yet, or holds from an older
// order than this row's. (The stored values' order time is the newest order stored before this import.)
// True when anything changed.
bool RowStore::updateCustomer(qint64 customerId, KnownCustomer *seen, qint64 orderTime, bool *keptNewer)
{
    State &s = *m_state;
    const size_t n = s.customerRow.values.size();
    if (seen && m_orders && seen->valueTimes.empty()) {
        if (seen->storedTime < 0) {
            s.orderInserts.flush();
            s.latestOrder.bind(1, customerId);
            s.latestOrder.step();
            seen->storedTime = s.latestOrder.isNull(0) ? 0 : isoTime(s.latestOrder.text(0));
            s.latestOrder.reset();
        }
        seen->valueTimes.assign(n, seen->storedTime);
    }
    QStringList select;
    for (size_t i = 0; i < n; ++i) {
        if (s.customerRow.values[i])
            select << store::quoteIdentifier(s.customerSlots.names[i]);
    }
    Statement &old = statement(QStringLiteral("SELECT %1 FROM customers WHERE id = ?1").arg(select.join(u',')));
    old.bind(1, customerId);
    old.step();
    QJsonObject previous;
    QStringList assignments;
    std::vector<const StoredValue *> changed;
    int i = 0;
    for (size_t slot = 0; slot < n; ++slot) {
        const StoredValue *value = s.customerRow.values[slot];
        if (!value)
            continue;
        const QVariant before = old.value(i++);
        const bool newer = !seen || !m_orders || before.isNull() || orderTime >= seen->valueTimes[slot];
        if (!newer) {
            *keptNewer = true;
            continue; // an older order's value: the customer keeps the newer one
        }
        if (seen && m_orders)
            seen->valueTimes[slot] = before.isNull() ? orderTime : std::max(seen->valueTimes[slot], orderTime);
        if (before.toString() != value->toString() || before.isNull()) {
            previous.insert(s.customerSlots.names[slot], QJsonValue::fromVariant(before));
            assignments << store::quoteIdentifier(s.customerSlots.names[slot]) + QStringLiteral(" = ?");
            changed.push_back(value);
        }
    }
    if (assignments.isEmpty())
        return false;
    Statement &update = statement(QStringLiteral("UPDATE customers SET %1 WHERE id = ?").arg(assignments.join(u',')));
    int b = 1;
    for (const StoredValue *value : changed)
        bindStored(update, b++, *value);
    update.bind(b, customerId);
    update.run();
    s.undoLog.bind(1, m_sourceId).bind(2, QStringLiteral("customers")).bind(3, customerId)
        .bind(4, QString::fromUtf8(QJsonDocument(previous).toJson(QJsonDocument::Compact)));
    s.undoLog.run();
    return true;
}

// Whether the row's order was cancelled, and refunded, by its status text (looked up as UTF-8) and its close
// reasons.
std::pair<bool, bool> RowStore::statusMeaning(const PreparedRow &row)
{
    State &s = *m_state;
    std::string statusText;
    std::string_view status;
    if (const StoredValue *value = s.orderRow.at(s.statusSlot)) {
        if (value->kind == StoredValue::Kind::Utf8) {
            status = value->utf8;
        } else {
            statusText = value->toString().toStdString();
            status = statusText;
        }
    }
    auto meaning = s.statusMeaning.find(status);
    if (meaning == s.statusMeaning.end()) {
        if (s.statusMeaning.size() > 4096)
            s.statusMeaning.clear();
        const QString text = QString::fromUtf8(status.data(), qsizetype(status.size()));
        meaning = s.statusMeaning.emplace(std::string(status), std::pair{isCancelled(text), isRefund(text)}).first;
    }
    std::pair<bool, bool> result = meaning->second;
    for (const Column *column : m_closeReasonColumns) {
        const size_t c = size_t(column - m_columns.data());
        if (row.state[c] != PreparedRow::kValue)
            continue;
        const auto [closed, refunded] = closeReasonMeaning(row.values[c].toString());
        result.first = result.first || closed;
        result.second = result.second || refunded;
    }
    return result;
}

// The order: a new one, another line of one this file holds (amounts and quantities add up), or one an
// earlier import stored (by order id: unchanged; by customer and time: already present, listed). A row of a
// new order or of one this file holds is also kept as a line of it (storeLine).
void RowStore::storeOrder(const PreparedRow &row, qint64 customerId)
{
    State &s = *m_state;
    const double quantity = s.orderRow.at(s.quantitySlot) ? s.orderRow.at(s.quantitySlot)->toDouble() : 1.0;
    double amount = 0;
    if (s.orderRow.at(s.amountSlot))
        amount = s.orderRow.at(s.amountSlot)->toDouble();
    else if (s.orderRow.at(s.unitPriceSlot))
        amount = s.orderRow.at(s.unitPriceSlot)->toDouble() * quantity;
    else {
        reject(row.line, QString(), QString(), tr("order left out: it has neither an amount nor a unit price"));
        ++m_summary.rejected;
        return;
    }
    s.amountValue = StoredValue{};
    s.amountValue.kind = StoredValue::Kind::Real;
    s.amountValue.real = amount;
    s.orderRow.set(s.amountSlot, &s.amountValue);
    const auto [statusCancelled, statusRefund] = statusMeaning(row);
    const QString &orderKey = row.orderKey;
    const bool cancelled = statusCancelled || quantity < 0 || amount < 0 ||
                           (m_idColumn && orderKey.size() > 1 && orderKey.front() == u'C' && orderKey.at(1).isDigit());
    bool known = false, ofThisFile = false;
    qint64 knownId = 0;
    if (!s.ordersWereEmpty || s.storedOrderKeys.mayContain(row.orderKeyHashes)) {
        s.orderInserts.flush();
        s.findOrder.bindUtf8Unowned(1, row.orderKeyUtf8);
        known = s.findOrder.step();
        knownId = known ? s.findOrder.int64(0) : 0;
        ofThisFile = known && s.findOrder.int64(1) == m_sourceId;
        s.findOrder.reset();
    }
    if (ofThisFile) { // another line item of an order this file already holds
        s.addLineItem.bind(1, amount).bind(2, quantity).bind(3, knownId);
        s.addLineItem.run();
        storeLine(knownId, amount);
        ++m_summary.inserted;
        return;
    }
    if (known && !m_idColumn) {
        reject(row.line, QString(), QString(), tr("order already present: an earlier import holds this customer's order of the same time"));
        ++m_summary.alreadyPresent;
        if (m_summary.alreadyPresentRows.size() < kMaxListedRows)
            m_summary.alreadyPresentRows.push_back(row.line);
        return;
    }
    if (known) {
        ++m_summary.unchanged;
        return;
    }
    const qint64 orderId = s.nextOrderId++;
    s.orderInserts.beginRow(s.orderRow.present, [&s] {
        QStringList names{QStringLiteral("id"), QStringLiteral("order_key"), QStringLiteral("customer_id"),
                          QStringLiteral("is_valid"), QStringLiteral("is_refund"), QStringLiteral("source_id")};
        for (size_t i = 0; i < s.orderRow.present.size(); ++i) {
            if (s.orderRow.present[i])
                names << store::quoteIdentifier(s.orderSlots.names[i]);
        }
        return names;
    });
    s.orderInserts.add(orderId);
    s.orderInserts.addUtf8(row.orderKeyUtf8);
    s.orderInserts.add(customerId);
    s.orderInserts.add(qint64(cancelled ? 0 : 1));
    s.orderInserts.add(qint64(cancelled && (statusRefund || quantity < 0) ? 1 : 0));
    s.orderInserts.add(m_sourceId);
    for (const StoredValue *value : s.orderRow.values) {
        if (value)
            s.orderInserts.add(*value);
    }
    s.lineOrder = orderId; // (a new order: its first line)
    s.lineNo = 0;
    storeLine(s.lineOrder, amount);
    if (s.ordersWereEmpty)
        s.storedOrderKeys.add(row.orderKeyHashes);
    if (!s.orderRow.at(s.dateSlot))
        ++m_summary.withoutDate;
    ++m_summary.inserted;
}

// The row as the next line of its order (numbered 1, 2, ... in file order): its product, SKU and category,
// quantity and unit price as the file gives them (null when it does not), and the amount the order counts.
void RowStore::storeLine(qint64 orderId, double amount)
{
    State &s = *m_state;
    if (orderId != s.lineOrder) {
        s.lineInserts.flush();
        s.lastLineNo.bind(1, orderId);
        s.lastLineNo.step();
        s.lineNo = s.lastLineNo.int64(0);
        s.lastLineNo.reset();
        s.lineOrder = orderId;
    }
    static const std::string kLineColumns = "line";
    s.lineInserts.beginRow(kLineColumns, [] {
        return QStringList{QStringLiteral("order_id"), QStringLiteral("line_no"), QStringLiteral("product"), QStringLiteral("sku"),
                           QStringLiteral("category"), QStringLiteral("quantity"), QStringLiteral("unit_price"), QStringLiteral("amount")};
    });
    s.lineInserts.add(orderId);
    s.lineInserts.add(++s.lineNo);
    for (const int slot : {s.productSlot, s.skuSlot, s.categorySlot, s.quantitySlot, s.unitPriceSlot}) {
        if (const StoredValue *value = s.orderRow.at(slot))
            s.lineInserts.add(*value);
        else
            s.lineInserts.addNull();
    }
    s.lineInserts.add(amount);
}

void RowStore::finish()
{
    m_state->orderInserts.flush();
    m_state->lineInserts.flush();
}

std::vector<ImportedField> RowStore::importedFields() const
{
    std::vector<ImportedField> fields;
    for (size_t c = 0; c < m_columns.size(); ++c) {
        const Column &column = m_columns[c];
        if (column.skip)
            continue;
        ImportedField f = column.field;
        if (m_unreadable[c] > 0)
            f.note = tr("%1 values could not be read as %2").arg(m_unreadable[c]).arg(typeNoun(f.type));
        else if (column.profile.dayOrderAmbiguous && store::isTemporal(f.type))
            f.note = ambiguousDatesNote(column.profile.dayOrder);
        fields.push_back(f);
    }
    return fields;
}

} // namespace segmenta::import::detail
