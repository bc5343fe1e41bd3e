#include "rules/appendedpurchases.h"

#include "rules/columncache.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace segmenta::rules {

namespace {

const QString kTo = QStringLiteral("to");
const QString kSteps = QStringLiteral("steps");
const QString kFrom = QStringLiteral("from");
const QString kOrdersUpTo = QStringLiteral("orders_up_to");
const QString kCustomersUpTo = QStringLiteral("customers_up_to");

} // namespace

AppendedPurchases AppendedPurchases::read(store::Database &db)
{
    store::Statement query(db, "SELECT value FROM settings WHERE key = ?1");
    query.bind(1, QString::fromLatin1(store::Workspace::kPurchasesAppendedKey));
    if (!query.step())
        return {};
    const QJsonObject stored = QJsonDocument::fromJson(query.text(0).toUtf8()).object();
    AppendedPurchases record;
    record.to = stored.value(kTo).toString();
    for (const QJsonValue &value : stored.value(kSteps).toArray()) {
        const QJsonObject step = value.toObject();
        bool ordersRead = false, customersRead = false;
        Earlier state{step.value(kFrom).toString(), step.value(kOrdersUpTo).toString().toLongLong(&ordersRead),
                      step.value(kCustomersUpTo).toString().toLongLong(&customersRead)};
        if (!ordersRead || !customersRead || state.stamp.isEmpty())
            return {}; // not written by this code: serves nothing
        record.earlier.push_back(std::move(state));
    }
    return record;
}

AppendedPurchases AppendedPurchases::startingImport(store::Database &db)
{
    const AppendedPurchases last = read(db);
    AppendedPurchases record;
    const QString now = ColumnCache::purchaseStamp(db);
    record.earlier.reserve(kMaxStates);
    record.earlier.push_back(Earlier{now, db.scalar("SELECT coalesce(max(id), 0) FROM orders").toLongLong(),
                                     db.scalar("SELECT coalesce(max(id), 0) FROM customers").toLongLong()});
    if (last.to == now) { // no undo or demo shop since the last import: its states stay behind this one
        for (size_t i = 0; i < last.earlier.size() && record.earlier.size() < kMaxStates; ++i)
            record.earlier.push_back(last.earlier[i]);
    }
    return record;
}

void AppendedPurchases::finishImport(store::Database &db)
{
    to = ColumnCache::purchaseStamp(db);
    QJsonArray steps;
    for (const Earlier &state : earlier)
        steps.append(QJsonObject{{kFrom, state.stamp},
                                 {kOrdersUpTo, QString::number(state.ordersUpTo)},
                                 {kCustomersUpTo, QString::number(state.customersUpTo)}});
    store::Statement set(db, "INSERT INTO settings(key, value) VALUES (?1, ?2) "
                             "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    set.bind(1, QString::fromLatin1(store::Workspace::kPurchasesAppendedKey))
        .bind(2, QString::fromUtf8(QJsonDocument(QJsonObject{{kTo, to}, {kSteps, steps}}).toJson(QJsonDocument::Compact)));
    set.run();
}

} // namespace segmenta::rules
