#include "import/importoutcome.h"

#include "store/database.h"
#include "store/workspace.h"

#include <algorithm>
#include <map>

namespace segmenta::import {

namespace {

using store::Statement;

qint64 countOf(store::Database &db, const char *sql, qint64 sourceId)
{
    Statement query(db, sql);
    query.bind(1, sourceId);
    return query.step() ? query.int64(0) : 0;
}

// The reason a repeated row is rejected with names the row it repeats (RowStore); all of them are one reason.
QString sharedReason(const QString &reason)
{
    const QString repeated = QCoreApplication::translate(
        "segmenta::import::Importer", "repeated row: the same as row %1 in every column; counted once");
    const qsizetype at = repeated.indexOf(QStringLiteral("%1"));
    if (at < 0)
        return reason;
    const QString before = repeated.left(at);
    const QString after = repeated.mid(at + 2);
    if (reason.size() > before.size() + after.size() && reason.startsWith(before) && reason.endsWith(after))
        return ImportOutcome::tr("repeated rows: the same as an earlier row in every column; counted once");
    return reason;
}

std::vector<ImportOutcome::LeftOut> leftOutReasons(store::Database &db, qint64 sourceId)
{
    Statement query(db, "SELECT reason, count(*) FROM rejects WHERE source_id = ?1 GROUP BY reason");
    query.bind(1, sourceId);
    std::map<QString, qint64> rows;
    while (query.step())
        rows[sharedReason(query.text(0))] += query.int64(1);
    std::vector<ImportOutcome::LeftOut> reasons;
    for (const auto &[reason, count] : rows)
        reasons.push_back({reason, count});
    std::stable_sort(reasons.begin(), reasons.end(), [](const auto &a, const auto &b) { return a.rows > b.rows; });
    return reasons;
}

} // namespace

Result<ImportOutcome> ImportOutcome::of(store::Workspace &workspace, qint64 sourceId)
{
    try {
        store::Database &db = workspace.db();
        ImportOutcome outcome;
        outcome.customersAdded = countOf(db, "SELECT count(*) FROM customers WHERE source_id = ?1", sourceId);
        outcome.ordersAdded = countOf(db, "SELECT count(*) FROM orders WHERE source_id = ?1", sourceId);
        Statement orders(db, "SELECT min(substr(order_date, 1, 10)), max(substr(order_date, 1, 10)), "
                             "total(CASE WHEN is_valid = 1 THEN amount END) "
                             "FROM orders WHERE source_id = ?1 AND length(order_date) >= 10");
        orders.bind(1, sourceId);
        if (orders.step()) {
            outcome.firstOrderDate = QDate::fromString(orders.text(0), Qt::ISODate);
            outcome.lastOrderDate = QDate::fromString(orders.text(1), Qt::ISODate);
            outcome.revenue = orders.real(2);
        }
        outcome.leftOut = leftOutReasons(db, sourceId);
        return outcome;
    } catch (const store::DatabaseError &error) {
        return Error{error.message()};
    }
}

} // namespace segmenta::import
