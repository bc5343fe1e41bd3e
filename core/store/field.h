#pragma once

#include <QCoreApplication>
#include <QString>

#include <optional>
#include <vector>

namespace segmenta::store {

class Database;

// What a field holds. Stored as the lower-case names below in fields.type.
enum class FieldType {
    Integer,
    Decimal,
    Money,
    Percent,
    Date,
    DateTime,
    Boolean,
    Category,
    Text,
    Identifier, // text that looks numeric but must stay text: phone numbers, zero-padded ids, ISBNs
    Lifecycle,  // a lifecycle stage name
    ValueTier,  // a value tier name
    RfmSegment, // an RFM segment name
};

QString fieldTypeName(FieldType type);
std::optional<FieldType> fieldTypeFromName(const QString &name);
bool isNumeric(FieldType type);
bool isTemporal(FieldType type);

enum class FieldOrigin { Builtin, Imported, Derived };

// One row of the fields table: a column of customers, orders or customer_metrics as the user and the rule
// language know it. `name` is what rules use (total_spend, city, 订单付款时间); `label` is shown in the UI.
struct FieldInfo
{
    qint64 id = 0;
    QString entity; // "customer" or "order"
    QString name;
    QString label;
    QString table;
    QString column;
    FieldType type = FieldType::Text;
    QString role;
    FieldOrigin origin = FieldOrigin::Builtin;
    int position = 0;
};

// Reads the fields table, ordered by entity and position. Throws DatabaseError.
std::vector<FieldInfo> loadFields(Database &db);
std::vector<FieldInfo> loadFields(Database &db, const QString &entity);

} // namespace segmenta::store
