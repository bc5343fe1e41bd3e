#include "store/emptyfields.h"

#include "store/database.h"

#include <QSet>

namespace segmenta::store {

namespace {

constexpr int kSampleRows = 1000;

// For each field of `table` in `candidates`, whether some row among `source` holds a value.
std::vector<bool> holdsValue(Database &db, const QString &source, const std::vector<const FieldInfo *> &candidates)
{
    QStringList tests;
    for (const FieldInfo *field : candidates) {
        const QString column = quoteIdentifier(field->column);
        tests << QStringLiteral("max(%1 IS NOT NULL AND trim(%1) <> '')").arg(column);
    }
    const QString sql = QStringLiteral("SELECT ") + tests.join(QStringLiteral(", ")) + QStringLiteral(" FROM ") + source;
    Statement query(db, sql.toStdString());
    std::vector<bool> held(candidates.size(), false);
    if (query.step()) {
        for (size_t i = 0; i < candidates.size(); ++i)
            held[i] = !query.isNull(int(i)) && query.int64(int(i)) != 0;
    }
    return held;
}

// The fields of `candidates` that no row of `table` holds a value in.
std::vector<const FieldInfo *> emptyIn(Database &db, const QString &table, std::vector<const FieldInfo *> candidates)
{
    const QString quoted = quoteIdentifier(table);
    // Most filled columns have a value in the first rows; the whole table is read only for the others.
    for (const QString &source : {QStringLiteral("(SELECT * FROM %1 LIMIT %2)").arg(quoted).arg(kSampleRows), quoted}) {
        if (candidates.empty())
            break;
        const std::vector<bool> held = holdsValue(db, source, candidates);
        std::vector<const FieldInfo *> still;
        for (size_t i = 0; i < candidates.size(); ++i) {
            if (!held[i])
                still.push_back(candidates[i]);
        }
        candidates = std::move(still);
    }
    return candidates;
}

} // namespace

QStringList emptyCustomerFields(Database &db, const std::vector<FieldInfo> &fields)
{
    QSet<QString> emptyNames;
    for (const QString &table : {QStringLiteral("customers"), QStringLiteral("customer_metrics")}) {
        std::vector<const FieldInfo *> candidates;
        for (const FieldInfo &field : fields) {
            if (field.entity == u"customer" && field.table == table)
                candidates.push_back(&field);
        }
        for (const FieldInfo *field : emptyIn(db, table, std::move(candidates)))
            emptyNames.insert(field->name);
    }
    QStringList empty; // in the order of `fields`
    for (const FieldInfo &field : fields) {
        if (emptyNames.contains(field.name))
            empty << field.name;
    }
    return empty;
}

} // namespace segmenta::store
