#include "store/field.h"

#include "store/database.h"

#include <array>
#include <utility>

namespace segmenta::store {

namespace {

constexpr std::array<std::pair<FieldType, const char *>, 13> kTypeNames = {{
    {FieldType::Integer, "integer"},
    {FieldType::Decimal, "decimal"},
    {FieldType::Money, "money"},
    {FieldType::Percent, "percent"},
    {FieldType::Date, "date"},
    {FieldType::DateTime, "datetime"},
    {FieldType::Boolean, "boolean"},
    {FieldType::Category, "category"},
    {FieldType::Text, "text"},
    {FieldType::Identifier, "identifier"},
    {FieldType::Lifecycle, "lifecycle"},
    {FieldType::ValueTier, "tier"},
    {FieldType::RfmSegment, "rfm"},
}};

FieldOrigin originFromName(const QString &name)
{
    if (name == u"imported")
        return FieldOrigin::Imported;
    if (name == u"derived")
        return FieldOrigin::Derived;
    return FieldOrigin::Builtin;
}

} // namespace

QString fieldTypeName(FieldType type)
{
    for (const auto &[value, name] : kTypeNames) {
        if (value == type)
            return QString::fromLatin1(name);
    }
    return QStringLiteral("text");
}

std::optional<FieldType> fieldTypeFromName(const QString &name)
{
    for (const auto &[value, typeName] : kTypeNames) {
        if (name == QLatin1StringView(typeName))
            return value;
    }
    return std::nullopt;
}

bool isNumeric(FieldType type)
{
    return type == FieldType::Integer || type == FieldType::Decimal || type == FieldType::Money ||
           type == FieldType::Percent;
}

bool isTemporal(FieldType type)
{
    return type == FieldType::Date || type == FieldType::DateTime;
}

std::vector<FieldInfo> loadFields(Database &db, const QString &entity)
{
    Statement query(db, "SELECT id, entity, name, label, table_name, column_name, type, role, origin, position "
                        "FROM fields WHERE ?1 IS NULL OR entity = ?1 ORDER BY entity, position, id");
    query.bind(1, entity);
    std::vector<FieldInfo> fields;
    while (query.step()) {
        FieldInfo field;
        field.id = query.int64(0);
        field.entity = query.text(1);
        field.name = query.text(2);
        field.label = query.text(3);
        field.table = query.text(4);
        field.column = query.text(5);
        field.type = fieldTypeFromName(query.text(6)).value_or(FieldType::Text);
        field.role = query.text(7);
        field.origin = originFromName(query.text(8));
        field.position = static_cast<int>(query.int64(9));
        fields.push_back(std::move(field));
    }
    return fields;
}

std::vector<FieldInfo> loadFields(Database &db)
{
    return loadFields(db, QString());
}

} // namespace segmenta::store
