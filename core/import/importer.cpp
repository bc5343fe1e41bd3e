#include "import/importer.h"

#include "import/roles.h"
#include "import/rowpreparer.h"
#include "import/storedvalue.h"
#include "import/tableanalysis.h"
#include "import/valueparser.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSet>

#include <cmath>
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>

namespace segmenta::import {

namespace {

using store::Database;
using store::FieldType;
using detail::Column;
using detail::cellText;

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

QString typeNoun(FieldType type)
{
    switch (type) {
    case FieldType::Date:
    case FieldType::DateTime:
        return Importer::tr("dates");
    case FieldType::Integer:
        return Importer::tr("whole numbers");
    case FieldType::Boolean:
        return Importer::tr("yes/no values");
    default:
        return Importer::tr("numbers");
    }
}

// The value to store for a cell, or an invalid QVariant when the cell does not read as the column's type.
QVariant typedValue(const QString &raw, const Column &column)
{
    return detail::storedValue(raw, std::nullopt, column).toVariant();
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

detail::StoredValue textValue(const QString &text)
{
    detail::StoredValue value;
    value.kind = detail::StoredValue::Kind::Text;
    value.text = text;
    return value;
}

QString kindName(ImportKind kind)
{
    return kind == ImportKind::Orders ? QStringLiteral("orders") : QStringLiteral("customers");
}

} // namespace

QJsonObject ImportSummary::toJson() const
{
    QJsonArray fieldArray;
    for (const ImportedField &f : fields) {
        QJsonObject o{{QStringLiteral("name"), f.name},
                      {QStringLiteral("type"), store::fieldTypeName(f.type)},
                      {QStringLiteral("role"), f.role},
                      {QStringLiteral("column"), f.column}};
        if (!f.note.isEmpty())
            o.insert(QStringLiteral("note"), f.note);
        fieldArray.append(o);
    }
    QJsonObject json{{QStringLiteral("source_id"), sourceId},
                     {QStringLiteral("file"), fileName},
                     {QStringLiteral("kind"), kindName(kind)},
                     {QStringLiteral("header_row"), headerRow},
                     {QStringLiteral("rows_read"), rowsRead},
                     {QStringLiteral("inserted"), inserted},
                     {QStringLiteral("updated"), updated},
                     {QStringLiteral("unchanged"), unchanged},
                     {QStringLiteral("rejected"), rejected},
                     {QStringLiteral("fields"), fieldArray}};
    if (!encoding.isEmpty())
        json.insert(QStringLiteral("encoding"), encoding);
    if (delimiter)
        json.insert(QStringLiteral("delimiter"), delimiter == '\t' ? QStringLiteral("\\t") : QString(QChar::fromLatin1(delimiter)));
    if (!sheet.isEmpty())
        json.insert(QStringLiteral("sheet"), sheet);
    return json;
}

namespace {

// SQLite keeps at most 2,000 columns in a table. A file whose columns would not all fit as fields of their own
// is refused before anything is stored, naming the first column that does not fit (a partial import would
// leave columns out silently).
Result<void> checkWidth(Database &db, const std::vector<Column> &columns, const Column *keyColumn, bool orders,
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

// The second pass: the rows below the header stored as `analysis` says, in one transaction. With `verify`
// the analysis came from the first rows only: every row is profiled as it is stored, and when the whole
// columns would be imported otherwise, nothing is kept and `*disagreed` is set.
Result<ImportSummary> storeRows(store::Workspace &workspace, const QString &path, const ImportOptions &options,
                                std::unique_ptr<read::TableReader> reader, detail::TableAnalysis &analysis,
                                detail::BackgroundFileHash &hash, Progress *progress, bool verify, bool *disagreed)
{
    const QString fileName = QFileInfo(path).fileName();
    std::vector<Column> &columns = analysis.columns;
    const size_t headerIndex = analysis.headerIndex;
    const qint64 progressFrom = verify ? qint64(analysis.shareRead * 400) : 400;
    ImportSummary summary;
    summary.fileName = fileName;
    summary.encoding = analysis.encoding;
    summary.delimiter = analysis.delimiter;
    summary.sheet = analysis.sheet;
    summary.headerRow = int(analysis.headLines[headerIndex]);
    summary.rowsRead = analysis.dataRows;
    summary.kind = analysis.kind;
    const bool orders = summary.kind == ImportKind::Orders;
    const auto columnOf = [&](const char *r) { return analysis.columnOf(r); };
    Column *keyColumn = analysis.keyColumn();

    Database &db = workspace.db();
    try {
        // Two settings of the connection while the rows go in, both restored however the import ends (they
        // cannot change inside a transaction: set before it begins, restored after it ends):
        // - a larger page cache for a large file: the tables' indexes grow in scattered places, and with the
        //   default 2 MB cache SQLite writes and reads their pages again and again. Half the file's size, from
        //   2 MB up to 64 MB (memory only: a cancelled or killed import still leaves nothing behind);
        // - foreign keys unchecked (checking them was a third of SQLite's work): every id the import writes is
        //   one it has just inserted or looked up in this transaction. Tests run PRAGMA foreign_key_check after
        //   imports.
        const std::string restore = "PRAGMA cache_size = " + db.scalar("PRAGMA cache_size").toString().toStdString() +
                                    "; PRAGMA foreign_keys = " + db.scalar("PRAGMA foreign_keys").toString().toStdString();
        const qint64 cacheKiB = std::clamp<qint64>(QFileInfo(path).size() / 2048, 2048, 65536);
        db.exec("PRAGMA cache_size = -" + std::to_string(cacheKiB) + "; PRAGMA foreign_keys = OFF");
        const auto restoreSettings = qScopeGuard([&db, &restore] {
            try {
                db.exec(restore);
            } catch (const store::DatabaseError &) {
                // The connection is going away; the settings go with it.
            }
        });
        // Straight into the file when nothing else has the workspace open (see DirectWrites).
        const store::DirectWrites directWrites(db);
        store::Transaction transaction(db);
        Statement insertSource(db, "INSERT INTO sources(file_name, file_path, file_hash, file_size, imported_at, kind, "
                                   "encoding, delimiter, header_row, mapping_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
        QJsonObject mapping;
        for (const Column &c : columns) {
            QJsonObject o{{QStringLiteral("role"), c.field.role}, {QStringLiteral("type"), store::fieldTypeName(c.field.type)}};
            if (c.skip)
                o.insert(QStringLiteral("skip"), true);
            mapping.insert(c.field.name, o);
        }
        insertSource.bind(1, fileName)
            .bind(2, QFileInfo(path).absoluteFilePath())
            .bind(3, hash.result())
            .bind(4, QFileInfo(path).size())
            .bind(5, QDateTime::currentDateTimeUtc().toString(Qt::ISODate))
            .bind(6, kindName(summary.kind))
            .bind(7, summary.encoding)
            .bind(8, summary.delimiter ? QString(QChar::fromLatin1(summary.delimiter)) : QString())
            .bind(9, summary.headerRow)
            .bind(10, QString::fromUtf8(QJsonDocument(mapping).toJson(QJsonDocument::Compact)));
        insertSource.run();
        const qint64 sourceId = db.lastInsertRowId();
        summary.sourceId = sourceId;

        // Where each column goes: a built-in column, or an imported column of its own (reused by header name).
        const QString table = orders ? QStringLiteral("orders") : QStringLiteral("customers");
        const QString entity = orders ? QStringLiteral("order") : QStringLiteral("customer");
        const auto &builtins = orders ? orderColumns() : customerColumns();
        if (auto fits = checkWidth(db, columns, keyColumn, orders, fileName); !fits)
            return fits.error();
        for (Column &column : columns) {
            column.table = table;
            if (column.skip)
                continue;
            if (&column == keyColumn && orders) {
                column.field.column = QStringLiteral("customers.customer_key");
                continue;
            }
            if (const auto it = builtins.find(column.field.role); it != builtins.end()) {
                column.sqlColumn = it->second;
            } else if (column.field.role == QLatin1StringView(role::kAddress) && !orders) {
                column.sqlColumn.clear(); // split into province and city below; kept whole as its own column too
            }
            if (orders && customerColumns().count(column.field.role) && column.sqlColumn.isEmpty())
                continue; // customer attributes in an order list go to the customer
            if (column.sqlColumn.isEmpty()) {
                Statement existing(db, "SELECT column_name FROM fields WHERE entity = ?1 AND name = ?2 AND origin = 'imported'");
                existing.bind(1, entity).bind(2, column.field.name);
                if (existing.step()) {
                    column.sqlColumn = existing.text(0);
                } else if (Statement sameName(db, "SELECT 1 FROM fields WHERE entity = ?1 AND name = ?2");
                           sameName.bind(1, entity).bind(2, column.field.name).step()) {
                    // A column kept as a field of its own cannot take the name of a field the workspace already
                    // has (a column "city" whose role went to another column, say).
                    return Error{Importer::tr("“%1”: the column “%2” has no role, and the workspace already has a field "
                                              "named “%2”; give the column a role or skip it")
                                     .arg(fileName, column.field.name)};
                } else {
                    const qint64 next = db.scalar(QStringLiteral("SELECT count(*) FROM fields WHERE table_name = '%1' AND origin = 'imported'")
                                                      .arg(table).toStdString()).toLongLong() + 1;
                    QString candidate;
                    for (qint64 k = next;; ++k) {
                        candidate = (orders ? QStringLiteral("o_") : QStringLiteral("c_")) + QString::number(k);
                        Statement taken(db, "SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2");
                        taken.bind(1, table).bind(2, candidate);
                        if (!taken.step())
                            break;
                    }
                    db.exec(QStringLiteral("ALTER TABLE %1 ADD COLUMN %2").arg(table, store::quoteIdentifier(candidate)).toStdString());
                    Statement field(db, "INSERT INTO fields(entity, name, label, table_name, column_name, type, role, origin, "
                                        "source_id, position) VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, 'imported', ?7, 1000 + ?8)");
                    field.bind(1, entity).bind(2, column.field.name).bind(3, table).bind(4, candidate)
                        .bind(5, store::fieldTypeName(column.field.type)).bind(6, column.field.role.isNull() ? QStringLiteral("") : column.field.role).bind(7, sourceId).bind(8, next);
                    field.run();
                    column.sqlColumn = candidate;
                }
            }
            column.field.column = column.sqlColumn;
        }
        for (Column &column : columns)
            column.toCustomer = !orders || (customerColumns().count(column.field.role) && !orderColumns().count(column.field.role));
        std::vector<qint64> unreadable(columns.size(), 0); // per column, counted as the rows are stored

        Statement reject(db, "INSERT INTO rejects(source_id, row_number, column_name, raw_value, reason) VALUES (?1, ?2, ?3, ?4, ?5)");
        const auto rejectValue = [&](qint64 line, const QString &columnName, const QString &raw, const QString &reason) {
            reject.bind(1, sourceId).bind(2, line).bind(3, columnName).bind(4, raw).bind(5, reason);
            reject.run();
        };
        Statement findCustomer(db, "SELECT id FROM customers WHERE customer_key = ?1");
        Statement undoLog(db, "INSERT INTO import_undo(source_id, table_name, row_id, old_json) VALUES (?1, ?2, ?3, ?4)");
        // Statements whose text depends on which values a row has, prepared once each.
        std::unordered_map<std::string, std::unique_ptr<Statement>> prepared;
        const auto statement = [&](const QString &sql) -> Statement & {
            std::string key = sql.toStdString();
            auto it = prepared.find(key);
            if (it == prepared.end())
                it = prepared.emplace(key, std::make_unique<Statement>(db, key)).first;
            it->second->reset();
            return *it->second;
        };
        Statement findOrder(db, "SELECT id, source_id FROM orders WHERE order_key = ?1");
        // Lookups that memory answers: customers by key (while there are not too many to hold; found by the
        // key's hash, worked out on the reading thread), and whether an order key can be in the table at all
        // (when it held no orders before this import). With each customer the digest of the values its last
        // row gave, which the customer now holds: an order list repeats its customer's values on every order,
        // and a row that repeats them changes nothing. (A 64-bit digest: two different sets of values agree by
        // chance about once in 10^19 comparisons.)
        struct KnownCustomer
        {
            QString key;
            qint64 id = 0;
            std::optional<quint64> values;
        };
        HashSet customerHashes(true); // numbered as in knownCustomers
        std::vector<KnownCustomer> knownCustomers;
        bool allCustomersKnown = !db.scalar("SELECT EXISTS (SELECT 1 FROM customers)").toBool();
        constexpr size_t kMaxCustomerIds = 200000;
        const bool ordersWereEmpty = orders && !db.scalar("SELECT EXISTS (SELECT 1 FROM orders)").toBool();
        const qint64 expectedRows = verify ? qint64(double(analysis.dataRows) / std::max(analysis.shareRead, 0.001) * 1.1) : analysis.dataRows;
        detail::KeyFilter storedOrderKeys(ordersWereEmpty ? expectedRows : 0);
        Statement addLineItem(db, "UPDATE orders SET amount = coalesce(amount, 0) + ?1, quantity = coalesce(quantity, 0) + ?2 WHERE id = ?3");
        Column *addressColumn = columnOf(role::kAddress);
        const bool splitAddress = addressColumn && !columnOf(role::kProvince) && !columnOf(role::kCity);
        const Column *idColumn = columnOf(role::kOrderId);
        // Whether an order status means cancelled, and refunded, by status text (a file has few of them).
        std::map<std::string, std::pair<bool, bool>, std::less<>> statusMeaning;

        // Where a row's values go: a slot in the customer's or in the order's columns for each file column
        // (fixed once here, so a row is sorted into its slots without comparing column names), and the slots
        // the importer fills itself. The customer key and order key are bound on their own.
        struct Slots
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
        Slots customerSlots, orderSlots;
        std::vector<int> slotOfColumn(columns.size(), -1);
        for (size_t c = 0; c < columns.size(); ++c) {
            const Column &column = columns[c];
            if (column.skip || column.sqlColumn.isEmpty() || column.sqlColumn == u"customer_key" ||
                (!column.toCustomer && column.sqlColumn == u"order_key"))
                continue;
            slotOfColumn[c] = (column.toCustomer ? customerSlots : orderSlots).add(column.sqlColumn);
        }
        const int provinceSlot = splitAddress ? customerSlots.add(QStringLiteral("province")) : -1;
        const int citySlot = splitAddress ? customerSlots.add(QStringLiteral("city")) : -1;
        const int quantitySlot = orderSlots.find("quantity");
        const int unitPriceSlot = orderSlots.find("unit_price");
        const int statusSlot = orderSlots.find("status");
        const int amountSlot = orders ? orderSlots.add(QStringLiteral("amount")) : -1;
        // A row's values by slot (null: none), and which slots have one, as the key of the INSERT that fits.
        struct RowSlots
        {
            std::vector<const detail::StoredValue *> values;
            std::string present;
            void reset(size_t n)
            {
                values.assign(n, nullptr);
                present.assign(n, '\0');
            }
            void set(int slot, const detail::StoredValue *value)
            {
                values[size_t(slot)] = value;
                present[size_t(slot)] = 1;
            }
        };
        RowSlots customerRow, orderRow;
        // INSERTs by the set of columns a row has values for; the one used last for each table is checked
        // first (rows of a file mostly fill the same columns).
        struct Inserts
        {
            std::map<std::string, std::unique_ptr<Statement>> byPresent;
            const std::string *lastPresent = nullptr;
            Statement *last = nullptr;
        };
        Inserts customerInserts, orderInserts;
        const auto insertStatement = [&db](Inserts &inserts, const char *into, const QStringList &fixed, const Slots &slots,
                                           const RowSlots &row) -> Statement & {
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
                    it = inserts.byPresent.emplace(row.present, std::make_unique<Statement>(db, sql.toStdString())).first;
                }
                inserts.lastPresent = &it->first;
                inserts.last = it->second.get();
            }
            inserts.last->reset();
            return *inserts.last;
        };
        const auto bindPresent = [](Statement &insert, int first, const RowSlots &row) {
            int b = first;
            for (const detail::StoredValue *value : row.values) {
                if (value)
                    detail::bindStored(insert, b++, *value);
            }
        };
        // The second pass: the same rows again, stored. A text file's reader holds the whole file, decoded:
        // it starts again from its first row. Workbooks are opened again.
        if (reader->encoding().isEmpty() || !reader->selectSheet(0)) {
            reader.reset(); // (first: never two copies of a file in memory)
            auto again = read::openTable(path, options.read);
            if (!again)
                return again.error();
            reader = std::move(again).value();
        }
        // Text files are read and typed on a second thread while this one stores the rows.
        detail::RowPreparer::Setup setup;
        setup.columns = &columns;
        setup.headerIndex = headerIndex;
        setup.keyColumn = keyColumn;
        setup.idColumn = idColumn;
        // Customer IDs taken from a personal-data column (a phone or e-mail list) are personal data too: the
        // export's masking masks them (see MemberExporter).
        if (keyColumn->field.role != QLatin1StringView(role::kCustomerId)) {
            Statement personal(db, "INSERT INTO settings(key, value) VALUES ('customer_key_role', ?1) "
                                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
            personal.bind(1, keyColumn->field.role);
            personal.run();
        }
        setup.addressColumn = splitAddress ? addressColumn : nullptr;
        setup.orders = orders;
        setup.profile = verify;
        setup.semicolonFile = analysis.delimiter == ';';
        const bool textFile = !reader->encoding().isEmpty();
        detail::RowPreparer rows(std::move(reader), setup, textFile);
        qint64 done = 0;
        detail::StoredValue province, city, amountValue;
        while (const detail::PreparedRow *incoming = rows.next()) {
            ++done;
            if (progress && done % 4096 == 0) {
                progress->checkCanceled();
                progress->setDone(progressFrom + qint64(rows.progress() * double(1000 - progressFrom)));
            }
            const qint64 line = incoming->line;
            const QString &key = incoming->key;
            if (key.isEmpty()) {
                rejectValue(line, keyColumn->field.name, QString(), Importer::tr("no customer: the %1 cell is empty").arg(keyColumn->field.name));
                ++summary.rejected;
                continue;
            }
            // Typed values of this row by slot, with unreadable ones recorded.
            customerRow.reset(customerSlots.names.size());
            orderRow.reset(orderSlots.names.size());
            bool rowRejected = false;
            for (size_t c = 0; c < columns.size(); ++c) {
                if (incoming->state[c] == detail::PreparedRow::kEmpty)
                    continue;
                const Column &column = columns[c];
                if (incoming->state[c] == detail::PreparedRow::kUnreadable) {
                    ++unreadable[c];
                    const QString reason = Importer::tr("not readable as %1").arg(typeNoun(column.field.type));
                    const bool essential = orders && (column.field.role == QLatin1StringView(role::kOrderDate) ||
                                                      column.field.role == QLatin1StringView(role::kAmount));
                    rejectValue(line, column.field.name, incoming->raw[c], essential ? Importer::tr("order left out: the %1 is %2").arg(column.field.name, reason) : reason);
                    rowRejected = rowRejected || essential;
                    continue;
                }
                if (slotOfColumn[c] >= 0)
                    (column.toCustomer ? customerRow : orderRow).set(slotOfColumn[c], &incoming->values[c]);
            }
            if (splitAddress) {
                const auto [provinceText, cityText] = splitChineseAddress(incoming->address);
                if (!provinceText.isEmpty()) {
                    province = textValue(provinceText);
                    customerRow.set(provinceSlot, &province);
                }
                if (!cityText.isEmpty()) {
                    city = textValue(cityText);
                    customerRow.set(citySlot, &city);
                }
            }
            if (rowRejected) {
                ++summary.rejected;
                continue;
            }

            // The customer: insert, or update what changed (remembering the old values for undo).
            qint64 customerId = 0;
            bool customerInserted = false, customerUpdated = false;
            bool customerFound = false;
            KnownCustomer *seen = nullptr;
            bool sameHash = false; // another key has this one's hash: the database knows whether it is new
            if (const qint64 n = customerHashes.find(incoming->keyHash); n >= 0) {
                if (knownCustomers[size_t(n)].key == key)
                    seen = &knownCustomers[size_t(n)];
                sameHash = !seen;
            }
            if (seen) {
                customerId = seen->id;
                customerFound = true;
            } else if (!allCustomersKnown || sameHash) {
                findCustomer.bindUtf8Unowned(1, incoming->keyUtf8);
                customerFound = findCustomer.step();
                customerId = customerFound ? findCustomer.int64(0) : 0;
                findCustomer.reset();
            }
            const auto rememberCustomer = [&]() -> KnownCustomer * {
                if (knownCustomers.size() >= kMaxCustomerIds) {
                    allCustomersKnown = false;
                    return nullptr;
                }
                if (!customerHashes.insert(incoming->keyHash))
                    return nullptr; // (sameHash: this key is looked up in the database each time)
                knownCustomers.push_back(KnownCustomer{key, customerId, std::nullopt});
                return &knownCustomers.back();
            };
            const quint64 valuesDigest = detail::valuesDigest(customerRow.values);
            const bool anyCustomerValue = std::any_of(customerRow.values.begin(), customerRow.values.end(),
                                                      [](const detail::StoredValue *v) { return v != nullptr; });
            if (customerFound) {
                const bool repeated = seen && seen->values == valuesDigest;
                if (!seen)
                    seen = rememberCustomer();
                if (anyCustomerValue && !repeated) {
                    QStringList select;
                    for (size_t i = 0; i < customerRow.values.size(); ++i) {
                        if (customerRow.values[i])
                            select << store::quoteIdentifier(customerSlots.names[i]);
                    }
                    Statement &old = statement(QStringLiteral("SELECT %1 FROM customers WHERE id = ?1").arg(select.join(u',')));
                    old.bind(1, customerId);
                    old.step();
                    QJsonObject previous;
                    QStringList assignments;
                    std::vector<const detail::StoredValue *> changed;
                    int i = 0;
                    for (size_t slot = 0; slot < customerRow.values.size(); ++slot) {
                        const detail::StoredValue *value = customerRow.values[slot];
                        if (!value)
                            continue;
                        const QVariant before = old.value(i++);
                        if (before.toString() != value->toString() || before.isNull()) {
                            previous.insert(customerSlots.names[slot], QJsonValue::fromVariant(before));
                            assignments << store::quoteIdentifier(customerSlots.names[slot]) + QStringLiteral(" = ?");
                            changed.push_back(value);
                        }
                    }
                    if (!assignments.isEmpty()) {
                        Statement &update = statement(QStringLiteral("UPDATE customers SET %1 WHERE id = ?").arg(assignments.join(u',')));
                        int b = 1;
                        for (const detail::StoredValue *value : changed)
                            detail::bindStored(update, b++, *value);
                        update.bind(b, customerId);
                        update.run();
                        undoLog.bind(1, sourceId).bind(2, QStringLiteral("customers")).bind(3, customerId)
                            .bind(4, QString::fromUtf8(QJsonDocument(previous).toJson(QJsonDocument::Compact)));
                        undoLog.run();
                        customerUpdated = true;
                    }
                }
            } else {
                static const QStringList fixedCustomer{QStringLiteral("customer_key"), QStringLiteral("source_id")};
                Statement &insert = insertStatement(customerInserts, "customers", fixedCustomer, customerSlots, customerRow);
                insert.bindUtf8Unowned(1, incoming->keyUtf8).bind(2, sourceId);
                bindPresent(insert, 3, customerRow);
                insert.run();
                customerId = db.lastInsertRowId();
                customerInserted = true;
                seen = rememberCustomer();
            }
            if (seen)
                seen->values = valuesDigest;

            if (!orders) {
                if (customerInserted)
                    ++summary.inserted;
                else if (customerUpdated)
                    ++summary.updated;
                else
                    ++summary.unchanged;
                continue;
            }
            // The order: by its id, or by the whole row when there is none; rows of one id are line items.
            const QString &orderKey = incoming->orderKey;
            const auto valueAt = [&orderRow](int slot) { return slot >= 0 ? orderRow.values[size_t(slot)] : nullptr; };
            const double quantity = valueAt(quantitySlot) ? valueAt(quantitySlot)->toDouble() : 1.0;
            double amount = 0;
            if (valueAt(amountSlot))
                amount = valueAt(amountSlot)->toDouble();
            else if (valueAt(unitPriceSlot))
                amount = valueAt(unitPriceSlot)->toDouble() * quantity;
            else {
                rejectValue(line, QString(), QString(), Importer::tr("order left out: it has neither an amount nor a unit price"));
                ++summary.rejected;
                continue;
            }
            amountValue = detail::StoredValue{};
            amountValue.kind = detail::StoredValue::Kind::Real;
            amountValue.real = amount;
            orderRow.set(amountSlot, &amountValue);
            // The status's meaning, looked up by its text as UTF-8.
            std::string statusText;
            std::string_view status;
            if (const detail::StoredValue *value = valueAt(statusSlot)) {
                if (value->kind == detail::StoredValue::Kind::Utf8) {
                    status = value->utf8;
                } else {
                    statusText = value->toString().toStdString();
                    status = statusText;
                }
            }
            auto meaning = statusMeaning.find(status);
            if (meaning == statusMeaning.end()) {
                if (statusMeaning.size() > 4096)
                    statusMeaning.clear();
                const QString text = QString::fromUtf8(status.data(), qsizetype(status.size()));
                meaning = statusMeaning.emplace(std::string(status), std::pair{isCancelled(text), isRefund(text)}).first;
            }
            const bool cancelled = meaning->second.first || quantity < 0 || amount < 0 ||
                                   (idColumn && orderKey.size() > 1 && orderKey.front() == u'C' && orderKey.at(1).isDigit());
            bool known = false, ofThisFile = false;
            qint64 knownId = 0;
            if (!ordersWereEmpty || storedOrderKeys.mayContain(incoming->orderKeyHashes)) {
                findOrder.bindUtf8Unowned(1, incoming->orderKeyUtf8);
                known = findOrder.step();
                knownId = known ? findOrder.int64(0) : 0;
                ofThisFile = known && findOrder.int64(1) == sourceId;
                findOrder.reset();
            }
            if (ofThisFile) { // another line item of an order this file already holds
                addLineItem.bind(1, amount).bind(2, quantity).bind(3, knownId);
                addLineItem.run();
                ++summary.inserted;
            } else if (known) {
                ++summary.unchanged;
            } else {
                static const QStringList fixedOrder{QStringLiteral("order_key"), QStringLiteral("customer_id"),
                                                    QStringLiteral("is_valid"), QStringLiteral("is_refund"),
                                                    QStringLiteral("source_id")};
                Statement &insert = insertStatement(orderInserts, "orders", fixedOrder, orderSlots, orderRow);
                insert.bindUtf8Unowned(1, incoming->orderKeyUtf8).bind(2, customerId).bind(3, cancelled ? 0 : 1)
                    .bind(4, cancelled && (meaning->second.second || quantity < 0) ? 1 : 0).bind(5, sourceId);
                bindPresent(insert, 6, orderRow);
                insert.run();
                if (ordersWereEmpty)
                    storedOrderKeys.add(incoming->orderKeyHashes);
                ++summary.inserted;
            }
        }
        if (rows.error())
            return *rows.error();
        if (verify) {
            if (!detail::wholeFileAgrees(analysis, rows.wholeProfiles())) {
                *disagreed = true;
                return Error{QString()}; // (the transaction is rolled back)
            }
            summary.rowsRead = done;
        } else if (done != summary.rowsRead) {
            return Error{Importer::tr("“%1” changed while it was being imported; nothing was imported, try again").arg(fileName)};
        }
        for (size_t c = 0; c < columns.size(); ++c) {
            const Column &column = columns[c];
            if (column.skip)
                continue;
            ImportedField f = column.field;
            if (unreadable[c] > 0)
                f.note = Importer::tr("%1 values could not be read as %2").arg(unreadable[c]).arg(typeNoun(f.type));
            else if (column.profile.dayOrderAmbiguous && store::isTemporal(f.type))
                f.note = Importer::tr("dates such as 01/07/2024 were read as day/month/year");
            summary.fields.push_back(f);
        }
        if (!options.columns.empty())
            detail::rememberLayout(db, analysis);
        Statement counts(db, "UPDATE sources SET rows_read = ?1, inserted = ?2, updated = ?3, unchanged = ?4, rejected = ?5 WHERE id = ?6");
        counts.bind(1, summary.rowsRead).bind(2, summary.inserted).bind(3, summary.updated).bind(4, summary.unchanged)
            .bind(5, summary.rejected).bind(6, sourceId);
        counts.run();
        if (progress)
            progress->checkCanceled();
        transaction.commit();
    } catch (const store::DatabaseError &error) {
        return Error{Importer::tr("Could not import “%1”: %2").arg(fileName, error.message())};
    } catch (const Canceled &) {
        return Error{Importer::tr("The import was cancelled; the workspace is unchanged")};
    }
    return summary;
}

} // namespace

Result<ImportSummary> Importer::run(store::Workspace &workspace, const QString &path, const ImportOptions &options,
                                   Progress *progress)
{
    const QString fileName = QFileInfo(path).fileName();
    if (workspace.isReadOnly())
        return Error{tr("“%1” is read-only; nothing can be imported into it").arg(workspace.displayName())};
    auto opened = read::openTable(path, options.read);
    if (!opened)
        return opened.error();
    std::unique_ptr<read::TableReader> reader = std::move(opened).value();
    detail::BackgroundFileHash hash(path); // recorded with the import, while the rows are read

    // Two passes over the file, so memory does not grow with its length. The first finds the header and
    // profiles the first rows' columns; the second stores the rows. Types are inferred from whole columns:
    // the second pass profiles every row too, and when the whole columns tell otherwise than the first rows
    // (a column of numbers with text far down, say), the import starts again with a first pass over the
    // whole file.
    if (progress)
        progress->setTotal(1000);
    for (qint64 sampleRows = options.sampleRows;; sampleRows = -1) {
        auto analysed = detail::analyseTable(*reader, fileName, options, &workspace.db(), sampleRows, progress, 400);
        if (!analysed)
            return analysed.error();
        detail::TableAnalysis &analysis = analysed.value();
        if (const QString problem = analysis.problem(fileName); !problem.isEmpty())
            return Error{problem};
        bool disagreed = false;
        auto stored = storeRows(workspace, path, options, std::move(reader), analysis, hash, progress, !analysis.wholeFile, &disagreed);
        if (!disagreed)
            return stored;
        auto again = read::openTable(path, options.read);
        if (!again)
            return again.error();
        reader = std::move(again).value();
    }
}

Result<ImportPreview> Importer::preview(const QString &path, const ImportOptions &options, store::Workspace *workspace,
                                       qint64 rowLimit, Progress *progress)
{
    const QString fileName = QFileInfo(path).fileName();
    auto opened = read::openTable(path, options.read);
    if (!opened)
        return opened.error();
    std::unique_ptr<read::TableReader> reader = std::move(opened).value();
    if (progress)
        progress->setTotal(1000);
    auto analysed = detail::analyseTable(*reader, fileName, options, workspace ? &workspace->db() : nullptr, rowLimit, progress, 1000);
    if (!analysed)
        return analysed.error();
    detail::TableAnalysis &analysis = analysed.value();

    ImportPreview preview;
    preview.fileName = fileName;
    preview.sheets = reader->sheets();
    preview.sheet = analysis.sheet;
    preview.encoding = analysis.encoding;
    preview.delimiter = analysis.delimiter;
    preview.topRows = analysis.head;
    preview.topRowNumbers = analysis.headLines;
    preview.headerRow = int(analysis.headLines[analysis.headerIndex]);
    preview.kind = analysis.kind;
    preview.rowsExamined = analysis.dataRows;
    preview.wholeFile = analysis.wholeFile;
    preview.rememberedMapping = analysis.rememberedMapping;
    preview.problem = analysis.problem(fileName);
    for (size_t c = 0; c < analysis.columns.size(); ++c) {
        const Column &column = analysis.columns[c];
        ImportedField f = column.field;
        if (column.field.type == column.profile.type) {
            if (column.profile.unreadable > 0)
                f.note = tr("%1 values could not be read as %2").arg(column.profile.unreadable).arg(typeNoun(f.type));
        } else {
            // The type was chosen or fixed by the role: check it against the rows at hand.
            qint64 bad = 0, checked = 0;
            for (size_t r = analysis.headerIndex + 1; r < analysis.head.size(); ++r) {
                const QString raw = analysis.head[r].value(qsizetype(c));
                if (raw.trimmed().isEmpty())
                    continue;
                ++checked;
                bad += typedValue(raw, column).isValid() ? 0 : 1;
            }
            if (bad > 0)
                f.note = tr("%1 of the first %2 values could not be read as %3").arg(bad).arg(checked).arg(typeNoun(f.type));
        }
        if (f.note.isEmpty() && column.profile.dayOrderAmbiguous && store::isTemporal(f.type))
            f.note = tr("dates such as 01/07/2024 were read as day/month/year");
        preview.fields.push_back(f);
        preview.fieldSamples.push_back(column.profile.samples);
        preview.skipped.push_back(column.skip);
    }
    return preview;
}

Result<void> Importer::undo(store::Workspace &workspace, qint64 sourceId)
{
    Database &db = workspace.db();
    try {
        if (db.scalar(QStringLiteral("SELECT count(*) FROM sources WHERE id = %1").arg(sourceId).toStdString()).toLongLong() == 0)
            return Error{tr("There is no import number %1").arg(sourceId)};
        store::Transaction transaction(db);
        Statement orders(db, "DELETE FROM orders WHERE source_id = ?1");
        orders.bind(1, sourceId);
        orders.run();
        Statement undo(db, "SELECT row_id, old_json FROM import_undo WHERE source_id = ?1 AND table_name = 'customers' ORDER BY id DESC");
        undo.bind(1, sourceId);
        while (undo.step()) {
            const QJsonObject old = QJsonDocument::fromJson(undo.text(1).toUtf8()).object();
            QStringList assignments;
            for (auto it = old.constBegin(); it != old.constEnd(); ++it)
                assignments << store::quoteIdentifier(it.key()) + QStringLiteral(" = ?");
            if (assignments.isEmpty())
                continue;
            Statement restore(db, QStringLiteral("UPDATE customers SET %1 WHERE id = ?").arg(assignments.join(u',')).toStdString());
            int b = 1;
            for (auto it = old.constBegin(); it != old.constEnd(); ++it)
                restore.bind(b++, it.value().toVariant());
            restore.bind(b, undo.int64(0));
            restore.run();
        }
        Statement customers(db, "DELETE FROM customers WHERE source_id = ?1 AND id NOT IN (SELECT customer_id FROM orders)");
        customers.bind(1, sourceId);
        customers.run();
        db.exec("DELETE FROM customer_metrics WHERE customer_id NOT IN (SELECT id FROM customers)");
        Statement fields(db, "SELECT table_name, column_name FROM fields WHERE source_id = ?1 AND origin = 'imported'");
        fields.bind(1, sourceId);
        std::vector<std::pair<QString, QString>> drop;
        while (fields.step())
            drop.emplace_back(fields.text(0), fields.text(1));
        for (const auto &[table, column] : drop)
            db.exec(QStringLiteral("ALTER TABLE %1 DROP COLUMN %2").arg(store::quoteIdentifier(table), store::quoteIdentifier(column)).toStdString());
        Statement forget(db, "DELETE FROM fields WHERE source_id = ?1 AND origin = 'imported'");
        forget.bind(1, sourceId);
        forget.run();
        Statement source(db, "DELETE FROM sources WHERE id = ?1");
        source.bind(1, sourceId);
        source.run();
        transaction.commit();
        return {};
    } catch (const store::DatabaseError &error) {
        return Error{tr("Could not undo import %1: %2").arg(sourceId).arg(error.message())};
    }
}

} // namespace segmenta::import
