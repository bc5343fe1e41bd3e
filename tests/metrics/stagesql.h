#pragma once

// The lifecycle stage every customer should have, computed in plain SQL straight from the orders table
// (independently of CustomerMetrics), for tests that change the lifecycle definitions. Valid orders up to the
// analysis date count; the stage order is the documented one (prospect, dormant, at risk, new, growing,
// mature: first match wins).

#include "metrics/analysissettings.h"
#include "store/database.h"

#include <QDate>

namespace segmenta::testing {

// Customers whose stored lifecycle_stage differs from the SQL prediction (-1 when a customer has no metrics row).
inline qint64 stagesDifferingFromSql(store::Database &db, const metrics::LifecycleDefinition &d, const QDate &asOf)
{
    store::Statement query(db, R"(
        WITH o AS (
            SELECT c.id AS id,
                   count(CASE WHEN x.is_valid = 1 AND substr(x.order_date, 1, 10) <= ?1 THEN 1 END) AS n,
                   max(CASE WHEN x.is_valid = 1 AND substr(x.order_date, 1, 10) <= ?1
                            THEN substr(x.order_date, 1, 10) END) AS last
            FROM customers c LEFT JOIN orders x ON x.customer_id = c.id GROUP BY c.id),
        p AS (
            SELECT id, CASE WHEN n = 0 THEN 'prospect'
                            WHEN julianday(?1) - julianday(last) > ?5 THEN 'dormant'
                            WHEN julianday(?1) - julianday(last) > ?4 THEN 'at_risk'
                            WHEN n <= ?2 THEN 'new'
                            WHEN n <= ?3 THEN 'growing'
                            ELSE 'mature' END AS stage
            FROM o)
        SELECT (SELECT count(*) FROM p LEFT JOIN customer_metrics m ON m.customer_id = p.id
                WHERE m.lifecycle_stage IS NOT p.stage),
               (SELECT count(*) FROM customers) - (SELECT count(*) FROM customer_metrics))");
    query.bind(1, asOf.toString(Qt::ISODate))
        .bind(2, d.newMaxOrders)
        .bind(3, d.growingMaxOrders)
        .bind(4, d.activeDays)
        .bind(5, d.atRiskDays);
    if (!query.step())
        return -1;
    return query.int64(1) != 0 ? -1 : query.int64(0);
}

// Customers in `stage` by the SQL prediction.
inline qint64 sqlStageCount(store::Database &db, const char *stage)
{
    store::Statement query(db, "SELECT count(*) FROM customer_metrics WHERE lifecycle_stage = ?1");
    query.bindUtf8(1, stage);
    return query.step() ? query.int64(0) : -1;
}

// Everything a settings change may touch, as text: the settings table and every customer_metrics row.
inline QString settingsAndMetricsDump(store::Database &db)
{
    QString dump;
    for (const char *sql : {"SELECT key || '=' || value FROM settings ORDER BY key",
                            "SELECT quote(customer_id) || quote(lifecycle_stage) || quote(value_tier) || "
                            "quote(days_since_last_order) || quote(r_score) || quote(f_score) || quote(m_score) || "
                            "quote(rfm_segment) || quote(total_spend) FROM customer_metrics ORDER BY customer_id"}) {
        store::Statement query(db, sql);
        while (query.step())
            dump += query.text(0) + u'\n';
    }
    return dump;
}

} // namespace segmenta::testing
