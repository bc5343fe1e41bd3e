#include "import/tableanalysis.h"

#include "import/listcolumns.h"
#include "import/roles.h"
#include "store/database.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QHash>
#include <QJsonObject>
#include <QLocale>
#include <QSet>
#include <QStringDecoder>

#include <algorithm>
#include <cmath>

namespace segmenta::import::detail {

namespace {

using store::FieldType;

// Roles whose type is fixed whatever the values look like.
std::optional<FieldType> typeForRole(const QString &r, FieldType inferred)
{
    if (r == QLatin1StringView(role::kCustomerId) || r == QLatin1StringView(role::kPhone) || r == QLatin1StringView(role::kOrderId) ||
        r == QLatin1StringView(role::kSku))
        return FieldType::Identifier;
    if (r == QLatin1StringView(role::kAmount) || r == QLatin1StringView(role::kUnitPrice) || r == QLatin1StringView(role::kTotalSpend))
        return FieldType::Money;
    if (r == QLatin1StringView(role::kQuantity))
        return inferred == FieldType::Integer ? FieldType::Integer : FieldType::Decimal;
    if (r == QLatin1StringView(role::kOrdersCount) || r == QLatin1StringView(role::kAge))
        return FieldType::Integer;
    if (r == QLatin1StringView(role::kBirthDate) || r == QLatin1StringView(role::kSignupDate) ||
        r == QLatin1StringView(role::kFirstOrderDate) || r == QLatin1StringView(role::kLastOrderDate))
        return FieldType::Date;
    if (r == QLatin1StringView(role::kOrderDate))
        return inferred == FieldType::Date ? FieldType::Date : FieldType::DateTime;
    if (r == QLatin1StringView(role::kGender) || r == QLatin1StringView(role::kCity) || r == QLatin1StringView(role::kProvince) ||
        r == QLatin1StringView(role::kCountry) || r == QLatin1StringView(role::kChannel) || r == QLatin1StringView(role::kStatus) ||
        r == QLatin1StringView(role::kCategory))
        return FieldType::Category;
    if (r == QLatin1StringView(role::kName) || r == QLatin1StringView(role::kEmail) || r == QLatin1StringView(role::kTags) ||
        r == QLatin1StringView(role::kProduct) || r == QLatin1StringView(role::kAddress))
        return FieldType::Text;
    return listRoleType(r);
}

// A list for a message: the first names, then how many more, so that a line of 10,000 headers makes a
// sentence, not 30 KB.
QString shortList(const QStringList &names)
{
    constexpr qsizetype kShown = 10;
    if (names.size() <= kShown + 1)
        return names.join(QStringLiteral(", "));
    return Importer::tr("%1 …and %2 more")
        .arg(names.first(kShown).join(QStringLiteral(", ")) + u',', QLocale().toString(names.size() - kShown));
}

QString kindText(ImportKind kind)
{
    return kind == ImportKind::Orders ? QStringLiteral("orders") : QStringLiteral("customers");
}

// The mapping remembered for these headers, as choices by column name; empty when there is none.
std::map<QString, ColumnChoice> rememberedChoices(store::Database &db, const QString &signature, ImportKind *kind)
{
    std::map<QString, ColumnChoice> choices;
    store::Statement find(db, "SELECT kind, mapping_json FROM layouts WHERE signature = ?1");
    find.bind(1, signature);
    if (!find.step())
        return choices;
    *kind = find.text(0) == u"orders" ? ImportKind::Orders : ImportKind::Customers;
    const QJsonObject mapping = QJsonDocument::fromJson(find.text(1).toUtf8()).object();
    for (auto it = mapping.begin(); it != mapping.end(); ++it) {
        const QJsonObject o = it.value().toObject();
        ColumnChoice choice;
        choice.role = o.value(QStringLiteral("role")).toString();
        choice.skip = o.value(QStringLiteral("skip")).toBool();
        if (const auto type = store::fieldTypeFromName(o.value(QStringLiteral("type")).toString()))
            choice.type = *type;
        const QString order = o.value(QStringLiteral("day_order")).toString();
        choice.dayOrder = order == u"mdy" ? values::DayOrder::MonthFirst
                          : order == u"dmy" ? values::DayOrder::DayFirst
                                            : values::DayOrder::Unknown;
        choices.emplace(it.key(), choice);
    }
    return choices;
}

// Whether the values of `column` repeat as a customer's do in an order list (many rows a customer): at least one
// row in ten names a customer an earlier row named. A customer list names a customer twice now and then.
bool repeatsLikeOrders(const Column &column)
{
    return column.profile.nonEmpty >= 2 && column.profile.repeats * 10 >= column.profile.nonEmpty;
}

// An order list whose headers the roles do not know (issue 18, point 7): a column of ids that repeat, one of dates
// and one of numbers. The repeating column (the customer key the headers name, else the first column of ids or
// text that repeats, else the first of whole numbers) names the customer; the order date column, else the first
// date column without a role, dates the orders; the amount (or unit price) column, else the first number column
// without a role, money before decimals before whole numbers, is the amount. Only columns without a role, given
// or suggested, are given one. Returns whether the file was taken for an order list; when not, nothing changed.
bool takeAsOrderListByRepeatingIds(TableAnalysis &a, const std::map<QString, ColumnChoice> &choices)
{
    const auto free = [&choices](const Column &c) { return !c.skip && c.field.role.isEmpty() && !choices.count(c.field.name); };
    const auto firstFree = [&a, &free](std::initializer_list<FieldType> types, const Column *besides, bool repeating) -> Column * {
        for (FieldType type : types) {
            for (Column &c : a.columns) {
                if (&c != besides && free(c) && c.field.type == type && (!repeating || repeatsLikeOrders(c)))
                    return &c;
            }
        }
        return nullptr;
    };
    Column *key = a.keyColumn();
    const bool keyGuessed = !key;
    if (!key) {
        key = firstFree({FieldType::Identifier, FieldType::Text, FieldType::Category}, nullptr, true);
        if (!key)
            key = firstFree({FieldType::Integer}, nullptr, true);
    }
    if (!key || !repeatsLikeOrders(*key))
        return false;
    Column *date = a.columnOf(role::kOrderDate);
    const bool dateGuessed = !date;
    if (!date)
        date = firstFree({FieldType::DateTime, FieldType::Date}, key, false);
    Column *amount = a.columnOf(role::kAmount) ? a.columnOf(role::kAmount) : a.columnOf(role::kUnitPrice);
    const bool amountGuessed = !amount;
    if (!amount)
        amount = firstFree({FieldType::Money, FieldType::Decimal, FieldType::Integer}, key, false);
    if (!date || !amount)
        return false;
    const auto give = [](Column *column, const char *r) {
        column->field.role = QString::fromLatin1(r);
        column->field.type = fieldType(*column, column->profile);
    };
    if (keyGuessed)
        give(key, role::kCustomerId);
    if (dateGuessed)
        give(date, role::kOrderDate);
    if (amountGuessed)
        give(amount, role::kAmount);
    return true;
}

} // namespace

QString cellText(const read::Cell &cell)
{
    if (cell.kind == read::Cell::Kind::DateTime) {
        const double days = std::floor(cell.number);
        const qint64 ms = std::llround((cell.number - days) * 86400000.0 / 1000.0) * 1000;
        const QDate date = QDate(1899, 12, 30).addDays(qint64(days));
        const QTime time = QTime(0, 0).addMSecs(int(std::min<qint64>(ms, 86399000)));
        if (days <= 1 && ms > 0) // a time of day without a date
            return time.toString(QStringLiteral("HH:mm:ss"));
        if (ms == 0)
            return date.toString(Qt::ISODate);
        return date.toString(Qt::ISODate) + u' ' + time.toString(QStringLiteral("HH:mm:ss"));
    }
    return QString::fromUtf8(cell.text.data(), qsizetype(cell.text.size()));
}

QStringList rowText(const std::vector<read::Cell> &cells)
{
    QStringList row;
    row.reserve(qsizetype(cells.size()));
    for (const read::Cell &cell : cells)
        row << cellText(cell);
    return row;
}

bool isBlankRow(const QStringList &row)
{
    for (const QString &cell : row) {
        if (!QStringView(cell).trimmed().isEmpty())
            return false;
    }
    return true;
}

void RowText::fill(const std::vector<read::Cell> &cells)
{
    m_spans.resize(cells.size());
    m_made.clear();
    // UTF-8 never needs more UTF-16 code units than it has bytes, so the buffer is sized once per row and
    // the views into it stay valid.
    size_t needed = 0;
    for (const read::Cell &cell : cells)
        needed += cell.text.size();
    if (m_buffer.size() < needed)
        m_buffer.resize(std::max(needed, m_buffer.size() * 2));
    char16_t *out = m_buffer.data();
    for (size_t i = 0; i < cells.size(); ++i) {
        const read::Cell &cell = cells[i];
        Span &span = m_spans[i];
        span.bytes = cell.text;
        span.fromBytes = cell.kind != read::Cell::Kind::DateTime;
        if (!span.fromBytes) {
            m_made.push_back(cellText(cell)); // (moving a QString keeps its characters where they are)
            span.data = reinterpret_cast<const char16_t *>(m_made.back().utf16());
            span.length = m_made.back().size();
            continue;
        }
        span.data = out;
        const auto *in = reinterpret_cast<const unsigned char *>(cell.text.data());
        const size_t n = cell.text.size();
        size_t k = 0;
        while (k < n && in[k] < 0x80) { // ASCII: widened as it is
            out[k] = char16_t(in[k]);
            ++k;
        }
        if (k == n) {
            span.length = qsizetype(n);
        } else {
            // The rest as QString::fromUtf8 reads the cell: bad bytes replaced, a byte-order mark dropped at the
            // start of the cell and kept after it.
            const auto flags = k == 0 ? QStringDecoder::Flag::Stateless
                                      : QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom;
            QStringDecoder decoder(QStringDecoder::Utf8, flags);
            QChar *end = decoder.appendToBuffer(reinterpret_cast<QChar *>(out + k), QByteArrayView(cell.text.data() + k, qsizetype(n - k)));
            span.length = qsizetype(reinterpret_cast<char16_t *>(end) - out);
        }
        out += span.length;
    }
}

bool RowText::isBlank() const
{
    for (qsizetype i = 0; i < size(); ++i) {
        if (!at(i).trimmed().isEmpty())
            return false;
    }
    return true;
}

QString layoutSignature(const QStringList &header)
{
    QStringList names;
    for (const QString &name : header)
        names << name.trimmed();
    return QString::fromLatin1(QCryptographicHash::hash(names.join(QChar(0x1f)).toUtf8(), QCryptographicHash::Sha1).toHex());
}

store::FieldType fieldType(const Column &column, const ColumnProfile &profile)
{
    return column.chosenType.value_or(typeForRole(column.field.role, profile.type).value_or(profile.type));
}

bool profileMatters(const Column &column)
{
    if (column.skip)
        return false;
    if (store::isTemporal(column.field.type) || store::isNumeric(column.field.type))
        return true;
    if (column.chosenType)
        return false;
    // A role fixes the type when it gives the same one whatever was inferred.
    const auto fixed = typeForRole(column.field.role, FieldType::Text);
    return !fixed || fixed != typeForRole(column.field.role, FieldType::Integer) || fixed != typeForRole(column.field.role, FieldType::Date);
}

values::DayOrder dayOrderOf(const Column &column, const ColumnProfile &profile)
{
    if (profile.dayOrderAmbiguous && column.chosenDayOrder != values::DayOrder::Unknown)
        return column.chosenDayOrder;
    return profile.dayOrder;
}

QString ambiguousDatesNote(values::DayOrder order)
{
    return order == values::DayOrder::MonthFirst ? Importer::tr("dates such as 01/07/2024 were read as month/day/year")
                                                 : Importer::tr("dates such as 01/07/2024 were read as day/month/year");
}

bool wholeFileAgrees(const TableAnalysis &analysis, const std::vector<ColumnProfile> &whole)
{
    if (whole.size() > analysis.columns.size())
        return false;
    for (size_t c = 0; c < analysis.columns.size(); ++c) {
        const Column &column = analysis.columns[c];
        if (!profileMatters(column))
            continue;
        const ColumnProfile profile = c < whole.size() ? whole[c] : ColumnProfile{};
        if (fieldType(column, profile) != column.field.type || dayOrderOf(column, profile) != column.profile.dayOrder ||
            profile.dayOrderAmbiguous != column.profile.dayOrderAmbiguous || profile.commaDecimal != column.profile.commaDecimal)
            return false;
    }
    return true;
}

Column *TableAnalysis::columnOf(const char *r)
{
    for (Column &c : columns) {
        if (!c.skip && c.field.role == QLatin1StringView(r))
            return &c;
    }
    return nullptr;
}

Column *TableAnalysis::keyColumn()
{
    // A contact export (Mailchimp, HubSpot) has an e-mail address for everyone and a phone for some: the
    // e-mail is the key when it is given more often than the phone.
    Column *phone = columnOf(role::kPhone);
    Column *email = columnOf(role::kEmail);
    if (!columnOf(role::kCustomerId) && phone && email && email->profile.nonEmpty > phone->profile.nonEmpty)
        return email;
    for (const char *r : {role::kCustomerId, role::kPhone, role::kEmail, role::kName}) {
        if (Column *c = columnOf(r))
            return c;
    }
    return nullptr;
}

QString TableAnalysis::problem(const QString &fileName)
{
    if (!keyColumn()) {
        return Importer::tr("“%1” has no column that names the customer (such as customer id, 买家会员名, phone or e-mail); "
                            "the headers are: %2")
            .arg(fileName, shortList(QStringList(header)));
    }
    if (kind == ImportKind::Orders && !columnOf(role::kOrderDate))
        return Importer::tr("“%1” looks like an order list but has no order date column").arg(fileName);
    return {};
}

Result<TableAnalysis> analyseTable(read::TableReader &reader, const QString &fileName, const ImportOptions &options,
                                   store::Database *db, qint64 rowLimit, Progress *progress, int progressSpan)
{
    TableAnalysis a;
    a.encoding = reader.encoding();
    a.delimiter = reader.delimiter();
    a.sheet = reader.sheetName();
    std::vector<read::Cell> cells;
    while (a.head.size() < 50 && reader.nextRow(cells)) {
        a.head.push_back(rowText(cells));
        a.headLines.push_back(reader.rowNumber());
    }
    if (reader.error())
        return *reader.error();
    if (a.head.empty())
        return Error{Importer::tr("“%1” is empty").arg(fileName)};

    if (options.headerRow > 0) {
        const auto it = std::find(a.headLines.begin(), a.headLines.end(), qint64(options.headerRow));
        if (it == a.headLines.end()) {
            return Error{Importer::tr("“%1”: row %2 cannot be the header; it must be one of the first %3 rows")
                             .arg(fileName).arg(options.headerRow).arg(a.head.size())};
        }
        a.headerIndex = size_t(it - a.headLines.begin());
    } else {
        // The first of the first rows that is about as wide as the table and holds no numbers or dates.
        qsizetype width = 0;
        for (const QStringList &row : a.head) {
            qsizetype filled = 0;
            for (const QString &cell : row)
                filled += cell.trimmed().isEmpty() ? 0 : 1;
            width = std::max(width, filled);
        }
        for (size_t i = 0; i < std::min<size_t>(a.head.size(), 20); ++i) {
            qsizetype filled = 0, numeric = 0;
            for (const QString &cell : a.head[i]) {
                if (cell.trimmed().isEmpty())
                    continue;
                ++filled;
                if (values::parseNumber(cell).has_value() || values::parseDateTime(cell, values::DayOrder::DayFirst).isValid())
                    ++numeric;
            }
            if (filled >= std::max<qsizetype>(2, (width * 6 + 9) / 10) && numeric * 5 <= filled) {
                a.headerIndex = i;
                break;
            }
        }
    }
    a.header = a.head[a.headerIndex];

    // Profile the data rows (blank rows skipped): those already read, then the rest of the file.
    std::vector<ColumnProfiler> profilers;
    const bool semicolonFile = a.delimiter == ';';
    const auto profileRow = [&](qsizetype width, const auto &cellAt) {
        ++a.dataRows;
        while (profilers.size() < size_t(width))
            profilers.emplace_back(semicolonFile);
        for (qsizetype c = 0; c < width; ++c)
            profilers[size_t(c)].add(cellAt(c));
    };
    for (size_t i = a.headerIndex + 1; i < a.head.size(); ++i) {
        const QStringList &row = a.head[i];
        if (!isBlankRow(row))
            profileRow(row.size(), [&row](qsizetype c) { return QStringView(row[c]); });
    }
    RowText row;
    while (rowLimit < 0 || a.dataRows < rowLimit) {
        if (!reader.nextRow(cells))
            break;
        row.fill(cells);
        if (row.isBlank())
            continue;
        profileRow(row.size(), [&row](qsizetype c) { return row.at(c); });
        if (progress && a.dataRows % 8192 == 0) {
            if (progress->isCanceled())
                return Error{Importer::tr("The import was cancelled; the workspace is unchanged")};
            progress->setDone(qint64(reader.progress() * progressSpan));
        }
    }
    if (reader.error())
        return *reader.error();
    a.shareRead = reader.progress();
    a.wholeFile = rowLimit < 0 || a.dataRows < rowLimit || !reader.nextRow(cells);
    const qsizetype columnCount = std::max(a.header.size(), qsizetype(profilers.size()));
    profilers.resize(size_t(columnCount), ColumnProfiler(semicolonFile));

    a.columns.resize(size_t(columnCount));
    // Repeated headers become "name (2)", "name (3)"...: the next number for each name is remembered, so
    // that 20,000 repeats cost 20,000 steps, not 200 million.
    QSet<QString> usedNames;
    QHash<QString, int> nextNumber;
    for (qsizetype c = 0; c < columnCount; ++c) {
        QString name = c < a.header.size() ? a.header[c].trimmed() : QString();
        if (name.isEmpty())
            name = Importer::tr("Column %1").arg(c + 1);
        const QString base = name;
        int &k = nextNumber[base];
        k = std::max(k, 2);
        while (usedNames.contains(name))
            name = QStringLiteral("%1 (%2)").arg(base).arg(k++);
        usedNames.insert(name);
        a.columns[size_t(c)].field.name = name;
    }

    // The user's choices, or those remembered for a file with the same headers.
    std::map<QString, ColumnChoice> choices = options.columns;
    ImportKind rememberedKind = ImportKind::Auto;
    if (choices.empty() && options.useRememberedMapping && db) {
        try {
            choices = rememberedChoices(*db, layoutSignature(a.header), &rememberedKind);
        } catch (const store::DatabaseError &error) {
            return Error{Importer::tr("Could not read the remembered mappings for “%1”: %2").arg(fileName, error.message())};
        }
        a.rememberedMapping = !choices.empty();
    }
    for (const auto &[name, choice] : choices) {
        if (!usedNames.contains(name) && !a.rememberedMapping) {
            QStringList names;
            for (const Column &column : a.columns)
                names << column.field.name;
            return Error{Importer::tr("“%1” has no column “%2”; the columns are: %3")
                             .arg(fileName, name, shortList(names))};
        }
        if (!choice.skip && !choice.role.isEmpty() && !isRole(choice.role)) {
            return Error{Importer::tr("“%1”, column “%2”: “%3” is not a role; the roles are: %4")
                             .arg(fileName, name, choice.role, allRoles().join(QStringLiteral(", ")))};
        }
    }
    // One column a role: two columns given the same one would both claim the same field.
    std::map<QString, QString> columnWithRole;
    for (const auto &[name, choice] : choices) {
        if (choice.skip || choice.role.isEmpty())
            continue;
        if (const auto [it, added] = columnWithRole.emplace(choice.role, name); !added) {
            return Error{Importer::tr("“%1”: the columns “%2” and “%3” are both given the role “%4”; give it to one "
                                      "of them")
                             .arg(fileName, it->second, name, choice.role)};
        }
    }

    QSet<QString> takenRoles;
    for (const auto &[name, choice] : choices) {
        if (!choice.skip && !choice.role.isEmpty())
            takenRoles.insert(choice.role);
    }
    for (Column &column : a.columns) {
        column.profile = profilers[size_t(&column - a.columns.data())].finish();
        QString r;
        std::optional<FieldType> chosenType;
        if (const auto it = choices.find(column.field.name); it != choices.end()) {
            r = it->second.role;
            column.skip = it->second.skip;
            chosenType = it->second.type;
            column.chosenDayOrder = it->second.dayOrder;
        } else {
            r = roleForHeader(column.field.name);
            if (takenRoles.contains(r))
                r.clear(); // the first column with a role keeps it, and a chosen role beats a suggested one
            if (!r.isEmpty())
                takenRoles.insert(r);
        }
        column.field.role = column.skip ? QString() : r;
        column.chosenType = chosenType;
        column.field.type = fieldType(column, column.profile);
        column.profile.dayOrder = dayOrderOf(column, column.profile);
    }

    a.kind = options.kind;
    if (a.kind == ImportKind::Auto)
        a.kind = rememberedKind;
    if (a.kind == ImportKind::Auto) {
        // Dates with amounts are orders, unless the file has a customer list's own totals (orders count,
        // total spend, first or last order date): then its date and amount are each customer's.
        const bool listTotals = a.columnOf(role::kTotalSpend) || a.columnOf(role::kOrdersCount) ||
                                a.columnOf(role::kFirstOrderDate) || a.columnOf(role::kLastOrderDate);
        const bool orderish = a.columnOf(role::kOrderId) ||
                              (!listTotals && a.columnOf(role::kOrderDate) && (a.columnOf(role::kAmount) || a.columnOf(role::kUnitPrice)));
        a.kind = orderish ? ImportKind::Orders : ImportKind::Customers;
        if (!orderish && !listTotals && takeAsOrderListByRepeatingIds(a, choices))
            a.kind = ImportKind::Orders;
    }
    return a;
}

void rememberLayout(store::Database &db, const TableAnalysis &analysis)
{
    QJsonObject mapping;
    for (const Column &c : analysis.columns) {
        QJsonObject o{{QStringLiteral("role"), c.field.role}, {QStringLiteral("type"), store::fieldTypeName(c.field.type)}};
        if (c.skip)
            o.insert(QStringLiteral("skip"), true);
        if (c.chosenDayOrder != values::DayOrder::Unknown)
            o.insert(QStringLiteral("day_order"), c.chosenDayOrder == values::DayOrder::MonthFirst ? QStringLiteral("mdy") : QStringLiteral("dmy"));
        mapping.insert(c.field.name, o);
    }
    store::Statement save(db, "INSERT OR REPLACE INTO layouts(signature, kind, mapping_json, updated_at) VALUES (?1, ?2, ?3, ?4)");
    save.bind(1, layoutSignature(analysis.header))
        .bind(2, kindText(analysis.kind))
        .bind(3, QString::fromUtf8(QJsonDocument(mapping).toJson(QJsonDocument::Compact)))
        .bind(4, QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    save.run();
}

} // namespace segmenta::import::detail
