#pragma once

#include "common/result.h"
#include "metrics/analysissettings.h"

#include <QJsonObject>
#include <QString>

#include <array>
#include <map>
#include <vector>

namespace segmenta::store {
class Database;
}

namespace segmenta::metrics {

// How a set of customers (all, or a segment's members) splits by lifecycle stage, value tier and RFM, with
// the lifecycle funnel. Read from customer_metrics, so the metrics must be current.
struct Distribution
{
    qint64 customers = 0;
    double revenue = 0; // total spend of these customers
    std::map<QString, qint64> lifecycle; // every stage id, 0 where none
    struct TierFigures
    {
        qint64 customers = 0;
        double revenue = 0;
    };
    std::map<QString, TierFigures> tiers; // every tier id
    std::map<QString, qint64> rfmSegments; // every named segment of the map, 0 where none
    std::array<std::array<qint64, 5>, 5> rfGrid{}; // [r - 1][f - 1]
    struct FunnelStep
    {
        QString id; // customers, first_purchase, repeat, mature
        qint64 customers = 0;
        double conversion = 0; // share of the step before (1 for the first step)
    };
    std::vector<FunnelStep> funnel;
    // Buyers by recency: active (within the active period), at risk, dormant.
    qint64 active = 0;
    qint64 atRisk = 0;
    qint64 dormant = 0;
    qint64 recencyUnknown = 0; // buyers from a customer list without a last order date

    QJsonObject toJson() const;
};

// Distribution of all customers (members == nullptr) or of the given customer ids. Throws nothing:
// database errors come back as an Error.
Result<Distribution> distributionOf(store::Database &db, const AnalysisSettings &settings,
                                    const std::vector<qint64> *members = nullptr);

} // namespace segmenta::metrics
