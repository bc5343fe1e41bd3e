#pragma once

#include "common/progress.h"
#include "common/result.h"
#include "metrics/analysissettings.h"

#include <QCoreApplication>
#include <QDate>
#include <QString>

#include <vector>

namespace segmenta::store {
class Database;
class Workspace;
}

namespace segmenta::metrics {

struct RecomputeSummary
{
    qint64 customers = 0;
    qint64 buyers = 0; // -1 from ensureCurrent() when the metrics were current (not counted then)
    QDate asOf;
    // The order lines were read on a second connection while the orders were scanned (see recompute()), not
    // after them on the workspace's own: the same figures either way.
    bool linesReadBeside = false;
    // Wall time of each step in milliseconds, for tests/bench/bench_metrics: reading the customers, scanning
    // the orders (with their lines beside them), scoring and ranking the buyers (with the stages stored
    // before), waiting for the predictions worked out on their own thread, and writing the rows.
    struct Steps
    {
        qint64 customers = 0, purchases = 0, ranking = 0, predictionsWait = 0, writing = 0;
    } steps;
};

// Customers who moved between lifecycle stages when the analysis date advanced from `previous` to `asOf`
// (from "" = customers new to the workspace since; customers who stayed in their stage are counted too, with
// from == to).
struct LifecycleMoves
{
    QDate previous;
    QDate asOf;
    struct Move
    {
        QString from;
        QString to;
        qint64 customers = 0;
    };
    std::vector<Move> moves; // by from, then to
    qint64 moved() const;    // customers whose stage changed, new customers left out
};

// Derives customer_metrics (one row per customer) from the orders and the customer list, relative to an
// analysis date, and places every customer in a lifecycle stage, a value tier and RFM scores.
//
// What counts (stated once, held by every metric):
// - Only valid orders (orders.is_valid = 1) are purchases; refunded ones are counted in refunded_count.
// - Orders after the analysis date do not exist yet for the analysis; an order on the analysis date itself
//   is 0 days ago. Orders without a readable date are left out.
// - "In the last N days" and "within N days" mean at most N days before the analysis date.
// - A customer without order rows whose customer list gives totals (list_total_spend, list_orders_count,
//   list_first/last_order_date) has those as their purchase history: any of them makes a buyer (spend above
//   zero or a date without a count means one order). Tiers and M use the spend, F the count, the stage and R
//   the last order date. A buyer without a last order date is in stage "recency_unknown" and has no R score
//   and no RFM segment (F and M rank them with the other buyers). A customer with order rows has the
//   orders' figures, whatever the list says.
// - Value tiers and RFM scores rank buyers only (customers with at least one valid order); non-buyers get
//   tier "none" and no scores.
// - Ties: customers with equal values always get the same tier and the same score. A buyer's RFM score is
//   1 + floor(5 x (buyers with a strictly worse value) / buyers), so the best values score 5 and the worst 1
//   (recency: fewer days since the last order is better). In the customer-share tier method a buyer is high
//   when fewer than 20 % of buyers spent strictly more (so ties at a boundary go to the better tier); in the
//   revenue-share method when the buyers who spent strictly more made less than 80 % of the revenue.
// - What each customer buys (favourite_category, distinct_products, first_product, last_product,
//   first_channel) is read from the lines of the same purchases: see PurchaseProfile for each field and its ties.
//
// When the analysis date moves forward, the recompute also records how many customers went from each
// lifecycle stage to each other one (lifecycle_moves); recomputing at the same date (new settings) or an
// earlier one records nothing.
//
// Runs in one transaction on the calling thread (a worker thread for the GUI, with its own connection):
// on error or cancel customer_metrics and lifecycle_moves are exactly as before. The predictions and the order
// lines are read on threads of their own through connections of their own, when the workspace is a file and the
// caller has no transaction open on it (a second connection would not see the caller's uncommitted changes);
// otherwise on the calling thread after the orders.
class CustomerMetrics
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::metrics::CustomerMetrics)

public:
    static Result<RecomputeSummary> recompute(store::Workspace &workspace, const AnalysisSettings &settings,
                                              const QDate &asOf, Progress *progress = nullptr);
    // Recomputes with the stored settings and analysis date (or `asOf` when valid) if the stored metrics
    // were computed for another date, other settings or before the latest import.
    static Result<RecomputeSummary> ensureCurrent(store::Workspace &workspace, const QDate &asOf = QDate(),
                                                  Progress *progress = nullptr);

    // The moves recorded for the latest analysis date that has any (empty moves when none were recorded).
    static Result<LifecycleMoves> latestMoves(store::Workspace &workspace);

    static constexpr const char *kComputedForKey = "metrics_computed_for";
    static constexpr const char *kStagesAsOfKey = "lifecycle_stages_as_of"; // the date of the stages stored
    // Why no buyer has an R (M) score, when none has: kFewBuyers, fewer than 5 buyers (buyers with a last
    // order date for R); kOneValue, every such buyer bought last on the same day (spent the same), so fifths
    // would tell no one apart. Not stored when the scores are given.
    static constexpr const char *kRUnscoredKey = "rfm_r_unscored";
    static constexpr const char *kMUnscoredKey = "rfm_m_unscored";
    static constexpr const char *kFewBuyers = "few_buyers";
    static constexpr const char *kOneValue = "one_value";
    // The reasons stored by the latest recompute (empty: scored). Throws store::DatabaseError.
    struct UnscoredReasons
    {
        QString r, m;
    };
    static UnscoredReasons unscoredReasons(store::Database &db);
};

} // namespace segmenta::metrics
