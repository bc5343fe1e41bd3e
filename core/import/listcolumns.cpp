#include "import/listcolumns.h"

#include "import/importer.h"
#include "import/rowpreparer.h"
#include "import/roles.h"
#include "import/tableanalysis.h"
#include "store/builtinfields.h"
#include "store/database.h"

#include <QCoreApplication>

#include <cmath>

namespace segmenta::import::detail {

namespace {

QString comparable(QStringView text)
{
    QString key;
    for (const QChar c : text.trimmed()) {
        if (!c.isSpace() && c != u'_')
            key += c.toLower();
    }
    return key;
}

bool hasHan(const QString &text)
{
    return std::any_of(text.begin(), text.end(), [](QChar c) { return c.script() == QChar::Script_Han; });
}

} // namespace

std::optional<store::FieldType> listRoleType(const QString &r)
{
    if (r == QLatin1StringView(role::kRecencyDays))
        return store::FieldType::Decimal;
    if (r == QLatin1StringView(role::kZip))
        return store::FieldType::Identifier;
    if (r == QLatin1StringView(role::kEmailConsent) || r == QLatin1StringView(role::kSmsConsent))
        return store::FieldType::Boolean;
    if (r == QLatin1StringView(role::kLastName))
        return store::FieldType::Text;
    return std::nullopt;
}

QStringView withoutLeadingApostrophe(QStringView text)
{
    if (text.size() >= 2 && text.front() == u'\'' && (text.at(1).isDigit() || text.at(1) == u'+'))
        return text.sliced(1);
    return text;
}

bool namesBuiltinField(const QString &entity, const QString &header)
{
    const QString key = comparable(header);
    if (key.isEmpty())
        return false;
    bool found = false;
    const QByteArray entityName = entity.toLatin1();
    store::forEachBuiltinField([&](const char *fieldEntity, const char *name, const char *label) {
        if (found || qstrcmp(fieldEntity, entityName.constData()) != 0)
            return;
        found = key == comparable(QString::fromLatin1(name)) || key == comparable(QString::fromLatin1(label)) ||
                key == comparable(QCoreApplication::translate("Field", label));
    });
    return found;
}

QString importedFieldName(const QString &entity, const QString &header)
{
    // Not translated: the name is what rules say, the same in every language.
    return namesBuiltinField(entity, header) ? header + QStringLiteral(" (list)") : header;
}

QString importedFieldName(store::Database &db, const QString &entity, const QString &header)
{
    store::Statement existing(db, "SELECT 1 FROM fields WHERE entity = ?1 AND name = ?2 AND origin = 'imported'");
    existing.bind(1, entity).bind(2, header);
    return existing.step() ? header : importedFieldName(entity, header);
}

ListColumns listColumnsOf(const std::vector<Column> &columns, const Column *keyColumn, const QDate &analysisDate)
{
    ListColumns list;
    list.analysisDate = analysisDate;
    for (size_t c = 0; c < columns.size(); ++c) {
        const Column &column = columns[c];
        if (column.skip || &column == keyColumn)
            continue;
        const QString &r = column.field.role;
        const int index = int(c);
        if (r == QLatin1StringView(role::kName) && list.name < 0)
            list.name = index;
        else if (r == QLatin1StringView(role::kLastName) && list.lastName < 0)
            list.lastName = index;
        else if (r == QLatin1StringView(role::kRecencyDays) && list.recencyDays < 0)
            list.recencyDays = index;
        else if (r == QLatin1StringView(role::kLastOrderDate) && list.lastOrderDate < 0)
            list.lastOrderDate = index;
        if (r == QLatin1StringView(role::kTotalSpend))
            list.totalSpend = index;
        if (r == QLatin1StringView(role::kOrdersCount))
            list.ordersCount = index;
        if (r == QLatin1StringView(role::kFirstOrderDate) || r == QLatin1StringView(role::kLastOrderDate) ||
            r == QLatin1StringView(role::kRecencyDays))
            list.totals.push_back(index);
    }
    if (list.name < 0) // no name to join to (or the name is the key): the last name stays a field of its own
        list.lastName = -1;
    return list;
}

QString lastOrderDateFromDays(double days, const QDate &analysisDate)
{
    return analysisDate.addDays(-qint64(std::llround(days))).toString(Qt::ISODate);
}

qint64 customersWithoutOrders(store::Database &db, std::vector<qint64> customerIds)
{
    std::sort(customerIds.begin(), customerIds.end());
    customerIds.erase(std::unique(customerIds.begin(), customerIds.end()), customerIds.end());
    if (customerIds.empty() || !db.scalar("SELECT EXISTS (SELECT 1 FROM orders)").toBool())
        return qint64(customerIds.size());
    store::Statement hasOrders(db, "SELECT EXISTS (SELECT 1 FROM orders WHERE customer_id = ?1)");
    qint64 without = 0;
    for (const qint64 id : customerIds) {
        hasOrders.reset();
        hasOrders.bind(1, id);
        hasOrders.step();
        without += hasOrders.int64(0) == 0 ? 1 : 0;
    }
    return without;
}

void describeListFields(std::vector<ImportedField> &fields, const QDate &analysisDate, bool preview)
{
    for (ImportedField &f : fields) {
        QStringList notes;
        if (!f.note.isEmpty())
            notes << f.note;
        if (preview && (f.role.isEmpty() || listRoleType(f.role)))
            f.storedName = importedFieldName(QStringLiteral("customer"), f.name);
        if (f.storedName.isEmpty() ? false : f.storedName != f.name) {
            notes << Importer::tr("Segmenta has a field of this name; the column is imported as “%1”").arg(f.storedName);
        }
        if (f.role == QLatin1StringView(role::kRecencyDays) && analysisDate.isValid()) {
            notes << Importer::tr("days since the last order, counted back from the analysis date %1 into the last "
                                  "order date (30 days: %2)")
                         .arg(analysisDate.toString(Qt::ISODate), lastOrderDateFromDays(30, analysisDate));
        }
        f.note = notes.join(QStringLiteral("; "));
    }
}

void applyListColumns(const ListColumns &list, PreparedRow &row)
{
    const auto has = [&row](int index) { return index >= 0 && row.state[size_t(index)] == PreparedRow::kValue; };
    if (has(list.lastName)) {
        const QString last = row.values[size_t(list.lastName)].toString();
        StoredValue &name = row.values[size_t(list.name)];
        QString joined = last;
        if (has(list.name)) {
            const QString first = name.toString();
            // 王 + 小明 -> 王小明 (family name first, no space); Ann + Lee -> Ann Lee.
            joined = hasHan(first) || hasHan(last) ? QString(last + first) : QString(first + u' ' + last);
        }
        name = StoredValue{};
        name.kind = StoredValue::Kind::Text;
        name.text = joined;
        row.state[size_t(list.name)] = PreparedRow::kValue;
    }
    if (has(list.recencyDays)) {
        if (has(list.lastOrderDate) || !list.analysisDate.isValid() || row.values[size_t(list.recencyDays)].toDouble() < 0) {
            row.state[size_t(list.recencyDays)] = PreparedRow::kEmpty; // a date given beats days counted
        } else {
            const QByteArray iso = lastOrderDateFromDays(row.values[size_t(list.recencyDays)].toDouble(), list.analysisDate).toLatin1();
            StoredValue &value = row.values[size_t(list.recencyDays)];
            value = StoredValue{};
            value.kind = StoredValue::Kind::Iso;
            value.isoLength = quint8(std::min<qsizetype>(iso.size(), qsizetype(value.iso.size())));
            std::copy_n(iso.constData(), value.isoLength, value.iso.begin());
        }
    }
    row.listTotals = (has(list.totalSpend) && row.values[size_t(list.totalSpend)].toDouble() > 0) ||
                     (has(list.ordersCount) && row.values[size_t(list.ordersCount)].toDouble() > 0) ||
                     std::any_of(list.totals.begin(), list.totals.end(), has);
}

} // namespace segmenta::import::detail
