#pragma once

#include "common/result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

#include <array>
#include <optional>
#include <vector>

namespace segmenta::store {
class Workspace;
}

namespace segmenta::metrics {

// Lifecycle stage ids as stored in customer_metrics.lifecycle_stage.
namespace stage {
inline constexpr char kProspect[] = "prospect";
inline constexpr char kNew[] = "new";
inline constexpr char kGrowing[] = "growing";
inline constexpr char kMature[] = "mature";
inline constexpr char kAtRisk[] = "at_risk";
inline constexpr char kDormant[] = "dormant";
// A buyer whose purchase history comes from a customer list that gives no order date: neither active nor
// dormant, as nothing says when they last bought.
inline constexpr char kRecencyUnknown[] = "recency_unknown";
} // namespace stage

// Value tier ids as stored in customer_metrics.value_tier.
namespace tier {
inline constexpr char kHigh[] = "high";
inline constexpr char kMid[] = "mid";
inline constexpr char kLow[] = "low";
inline constexpr char kNone[] = "none"; // no valid purchase
inline constexpr char kCancelled[] = "cancelled"; // no valid purchase, but cancelled or refunded orders
} // namespace tier

// The lifecycle definitions: ordered rules, first match wins, with the thresholds as plain numbers.
// "Within N days" means the last valid order is at most N days before the analysis date.
struct LifecycleDefinition
{
    int newMaxOrders = 1;     // new: exactly this many orders or fewer (but at least one)
    int growingMaxOrders = 4; // growing: up to this many; mature: more
    int activeDays = 90;      // active while the last order is within this many days
    int atRiskDays = 180;     // at risk up to this many days; dormant beyond

    struct Rule
    {
        QString stage;    // a stage id
        QString ruleText; // the condition in the segment rule language
    };
    // The definitions in order, as rules over the derived fields (orders_count, days_since_last_order).
    std::vector<Rule> rules() const;
    // The stage of a customer with `orders` valid orders, the last `daysSinceLast` days ago.
    const char *stageFor(qint64 orders, qint64 daysSinceLast) const;
    // The same, for a buyer whose last order date may be unknown (then: recency unknown).
    const char *stageFor(qint64 orders, std::optional<qint64> daysSinceLast) const;

    QJsonObject toJson() const;
    static LifecycleDefinition fromJson(const QJsonObject &json);
    Result<void> validate() const;
};

enum class TierMethod {
    CustomerShare, // top X % of buyers by spend high, next Y % mid, the rest low
    RevenueShare,  // ABC: the buyers making the first X % of revenue high, the next Y % mid, the rest low
    SpendThresholds,
};

struct TierDefinition
{
    TierMethod method = TierMethod::CustomerShare;
    double highCustomerShare = 0.20;
    double midCustomerShare = 0.30;
    double highRevenueShare = 0.80;
    double midRevenueShare = 0.15;
    double highMinSpend = 2000;
    double midMinSpend = 500;

    QJsonObject toJson() const;
    static TierDefinition fromJson(const QJsonObject &json);
    Result<void> validate() const;
};

// Names of the R x F cells (recency score 1-5, frequency score 1-5), editable. The default is the widely
// used map: Champions, Loyal, Potential Loyalists, New, Promising, Need Attention, About to Sleep, At Risk,
// Can't Lose, Hibernating; with New and At Risk called First-time Buyers and Slipping Away, as the lifecycle
// has stages called New and At risk that mean other things. (Maps saved before keep their names.)
//
// R and M are quintiles of the buyers; F is scored by order count (most buyers of most shops order once, and
// quintiles of order counts collapse to scores 1 and 5): 1 order scores 1, 2 orders 2, 3 orders 3, 4-5
// orders 4, 6 or more 5 by default. frequencyFrom holds the fewest orders that score 2, 3, 4 and 5.
struct RfmMap
{
    std::array<std::array<QString, 5>, 5> names; // [r - 1][f - 1]
    std::array<int, 4> frequencyFrom{2, 3, 4, 6};  // strictly increasing, from 2

    int frequencyScore(qint64 orders) const;
    bool validFrequencyBins() const;

    static RfmMap defaultMap();
    const QString &name(int r, int f) const { return names[size_t(r - 1)][size_t(f - 1)]; }
    QJsonObject toJson() const;
    static RfmMap fromJson(const QJsonObject &json);
};

// What counts as a purchase. An order counts when it is valid (not cancelled, closed or refunded), has an
// order date no later than the analysis date, and, unless zeroAmountIsPurchase, an amount above zero: a ¥0
// order (a free sample, a coupon) is no purchase, and does not count in orders, first or last order date,
// recency or RFM.
struct PurchaseDefinition
{
    bool zeroAmountIsPurchase = false;

    QJsonObject toJson() const;
    static PurchaseDefinition fromJson(const QJsonObject &json);
};

// Everything the metrics stage needs to know besides the data; stored in the workspace's settings table
// (keys lifecycle_json, tiers_json, rfm_map_json, purchase_json).
struct AnalysisSettings
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::metrics::AnalysisSettings)

public:
    LifecycleDefinition lifecycle;
    TierDefinition tiers;
    RfmMap rfm = RfmMap::defaultMap();
    PurchaseDefinition purchase;

    static AnalysisSettings load(store::Workspace &workspace); // defaults for what is not stored
    void save(store::Workspace &workspace) const;
    Result<void> validate() const;
};

// Translatable display names of stage and tier ids (context "Lifecycle" / "ValueTier").
QString stageDisplayName(const QString &stageId);
QString tierDisplayName(const QString &tierId);
QString tierShortName(const QString &tierId); // for chart axes: High, Mid, Low, None
QString rfmDisplayName(const QString &segmentName); // context "Rfm"; user-made names are shown as they are
const std::vector<QString> &stageIds();
const std::vector<QString> &tierIds();

} // namespace segmenta::metrics
