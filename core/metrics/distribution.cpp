#include "metrics/distribution.h"

#include "store/database.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <set>
#include <string>

namespace segmenta::metrics {

namespace {

using store::Statement;

} // namespace

QJsonObject Distribution::toJson() const
{
    QJsonObject stages;
    for (const auto &[id, count] : lifecycle)
        stages.insert(id, count);
    QJsonObject tierObject;
    for (const auto &[id, figures] : tiers) {
        tierObject.insert(id, QJsonObject{{QStringLiteral("customers"), figures.customers},
                                          {QStringLiteral("revenue"), figures.revenue},
                                          {QStringLiteral("revenue_share"), revenue > 0 ? figures.revenue / revenue : 0.0}});
    }
    QJsonObject rfm;
    for (const auto &[name, count] : rfmSegments)
        rfm.insert(name, count);
    QJsonArray grid;
    for (const auto &row : rfGrid) {
        QJsonArray cells;
        for (qint64 count : row)
            cells.append(count);
        grid.append(cells);
    }
    QJsonArray steps;
    for (const FunnelStep &step : funnel) {
        steps.append(QJsonObject{{QStringLiteral("step"), step.id},
                                 {QStringLiteral("customers"), step.customers},
                                 {QStringLiteral("conversion"), step.conversion}});
    }
    return {{QStringLiteral("customers"), customers},
            {QStringLiteral("revenue"), revenue},
            {QStringLiteral("lifecycle"), stages},
            {QStringLiteral("tiers"), tierObject},
            {QStringLiteral("rfm"), rfm},
            {QStringLiteral("rf_grid"), grid},
            {QStringLiteral("funnel"), steps},
            {QStringLiteral("activity"), QJsonObject{{QStringLiteral("active"), active},
                                                     {QStringLiteral("at_risk"), atRisk},
                                                     {QStringLiteral("dormant"), dormant},
                                                     {QStringLiteral("recency_unknown"), recencyUnknown}}}};
}

Result<Distribution> distributionOf(store::Database &db, const AnalysisSettings &settings,
                                    const std::vector<qint64> *members)
{
    Distribution d;
    for (const QString &id : stageIds())
        d.lifecycle[id] = 0;
    for (const QString &id : tierIds())
        d.tiers[id] = {};
    for (const auto &row : settings.rfm.names) {
        for (const QString &name : row)
            d.rfmSegments[name] = 0;
    }
    try {
        std::string from = "customer_metrics m";
        if (members) {
            db.exec("CREATE TEMP TABLE IF NOT EXISTS distribution_members(id INTEGER PRIMARY KEY)");
            db.exec("DELETE FROM temp.distribution_members");
            store::Transaction transaction(db);
            Statement insert(db, "INSERT OR IGNORE INTO temp.distribution_members(id) VALUES (?1)");
            for (qint64 id : *members) {
                insert.bind(1, id);
                insert.run();
            }
            transaction.commit();
            from += " JOIN temp.distribution_members s ON s.id = m.customer_id";
        }
        const int growingMax = settings.lifecycle.growingMaxOrders;
        Statement totals(db, "SELECT count(*), total(total_spend), "
                             "sum(orders_count >= 1), sum(orders_count >= 2), sum(orders_count > ?1), "
                             "sum(orders_count >= 1 AND days_since_last_order <= ?2), "
                             "sum(orders_count >= 1 AND days_since_last_order > ?2 AND days_since_last_order <= ?3), "
                             "sum(orders_count >= 1 AND days_since_last_order > ?3), "
                             "sum(orders_count >= 1 AND days_since_last_order IS NULL) "
                             "FROM " + from);
        totals.bind(1, growingMax).bind(2, settings.lifecycle.activeDays).bind(3, settings.lifecycle.atRiskDays);
        totals.step();
        d.customers = totals.int64(0);
        d.revenue = totals.real(1);
        const qint64 steps[] = {d.customers, totals.int64(2), totals.int64(3), totals.int64(4)};
        const char *stepIds[] = {"customers", "first_purchase", "repeat", "mature"};
        for (int i = 0; i < 4; ++i) {
            const double conversion = i == 0 ? 1.0 : (steps[i - 1] > 0 ? double(steps[i]) / double(steps[i - 1]) : 0.0);
            d.funnel.push_back({QString::fromLatin1(stepIds[i]), steps[i], conversion});
        }
        d.active = totals.int64(5);
        d.atRisk = totals.int64(6);
        d.dormant = totals.int64(7);
        d.recencyUnknown = totals.int64(8);

        Statement stages(db, "SELECT lifecycle_stage, count(*) FROM " + from + " GROUP BY lifecycle_stage");
        while (stages.step())
            d.lifecycle[stages.text(0)] = stages.int64(1);
        Statement tiers(db, "SELECT value_tier, count(*), total(total_spend) FROM " + from + " GROUP BY value_tier");
        while (tiers.step())
            d.tiers[tiers.text(0)] = {tiers.int64(1), tiers.real(2)};
        Statement grid(db, "SELECT r_score, f_score, count(*) FROM " + from +
                               " WHERE r_score BETWEEN 1 AND 5 AND f_score BETWEEN 1 AND 5 GROUP BY r_score, f_score");
        while (grid.step()) {
            const auto r = size_t(grid.int64(0) - 1), f = size_t(grid.int64(1) - 1);
            d.rfGrid[r][f] = grid.int64(2);
            d.rfmSegments[settings.rfm.names[r][f]] += grid.int64(2);
        }
    } catch (const store::DatabaseError &error) {
        return Error{QCoreApplication::translate("Distribution", "Could not read the customer metrics: %1")
                         .arg(error.message())};
    }
    return d;
}

} // namespace segmenta::metrics
