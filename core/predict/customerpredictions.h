#pragma once

#include "common/progress.h"
#include "common/result.h"
#include "predict/bgnbd.h"
#include "predict/gammagamma.h"

#include <QCoreApplication>
#include <QDate>
#include <QJsonObject>
#include <QString>

#include <exception>
#include <optional>
#include <thread>
#include <vector>

namespace segmenta::store {
class Database;
class Workspace;
}

namespace segmenta::predict {

// How predictions are made, stored in the workspace's settings table.
struct PredictionSettings
{
    bool enabled = true;        // recomputed with the metrics unless turned off
    int horizonDays = 365;      // predicted CLV covers this many days after the analysis date
    double monthlyDiscount = 0.01; // money a month later is worth 1 / (1 + d) of money now
    // When set (and before the analysis date), the recompute also fits on purchases up to this date and
    // compares its predictions with the purchases after it (the dashboard's holdout plot).
    QDate calibrationEnd;

    static PredictionSettings load(store::Workspace &workspace);
    void save(store::Workspace &workspace) const; // throws store::DatabaseError
    Result<void> validate() const;

    static constexpr const char *kKey = "prediction_settings";
};

// When the data cannot support a fit, predictions are withheld and the report says why. The thresholds are
// judgement, stated in Help: with fewer repeat buyers the dropout parameters' standard errors are as large as
// the parameters themselves, and a history shorter than a quarter cannot show who stopped buying.
inline constexpr qint64 kMinimumBuyers = 100;       // customers with a valid purchase by the calibration end
inline constexpr qint64 kMinimumRepeatBuyers = 30;  // of them, customers who bought on two days or more
inline constexpr qint64 kMinimumHistoryDays = 90;   // from the earliest first purchase to the calibration end
// CLV tiers rank customers with a prediction: the top 20 % high, the next 30 % mid, the rest low (equal
// values share the better tier, as the value tiers do). Customers without a prediction are "none".
inline constexpr double kHighClvShare = 0.20;
inline constexpr double kMidClvShare = 0.30;

// Predicted against actual repeat purchases in the holdout period (calibration end, analysis date], per
// number of repeat purchases in calibration (the last group holds kHoldoutGroups - 1 and more).
struct HoldoutGroup
{
    int repeatPurchases = 0;
    qint64 customers = 0;
    double actual = 0;    // total purchases (distinct days) in the holdout
    double predicted = 0; // total E[Y(holdout) | history]
};
inline constexpr int kHoldoutGroups = 8;

// What a prediction run found, kept as JSON in the settings table for Settings > Predictions and the
// dashboard card.
struct PredictionReport
{
    QDate calibrationEnd;
    QDate asOf;
    int horizonDays = 365;
    double monthlyDiscount = 0.01;
    qint64 customers = 0;     // with a valid purchase by the calibration end
    qint64 repeatBuyers = 0;
    qint64 historyDays = 0;   // earliest first purchase to the calibration end
    std::optional<BgNbdFit> purchases;
    std::optional<GammaGammaFit> spend;
    QString warning;          // why there are no (or only some) numbers; empty when both models fitted
    double predictedClvTotal = 0;
    double expectedOrders90Total = 0;
    std::vector<HoldoutGroup> holdout; // empty unless calibrationEnd < asOf
    // In a stored report (fitted at the analysis date), the calibration end of the holdout comparison.
    QDate holdoutCalibrationEnd;
    bool hasPredictions() const { return purchases.has_value(); }
    bool hasClv() const { return purchases.has_value() && spend.has_value(); }

    QJsonObject toJson() const;
    static PredictionReport fromJson(const QJsonObject &json);
};

struct CustomerPrediction
{
    qint64 customerId = 0;
    double pAlive = 0;
    double expected30 = 0, expected90 = 0, expected365 = 0;
    std::optional<double> clv; // without a spend model: none
    const char *clvTier = "none";
};

struct MetricsPredictions
{
    bool enabled = false;
    std::vector<CustomerPrediction> perCustomer; // ascending by customer id
    std::optional<PredictionReport> report;      // none when off
};

// Fits BG/NBD and Gamma-Gamma on a workspace's purchases and predicts every buyer's P(alive), expected orders
// and CLV.
//
// Inputs as the literature defines them: a purchase is a day with at least one valid order (orders.is_valid
// = 1, the metrics' definition), amounts of one day added up; x = purchase days after the first,
// t_x = first to last purchase day, T = first purchase day to the calibration end, in weeks (days / 7);
// spend = the mean of the repeat purchase days' amounts. Orders after the analysis date and orders without a
// readable date are left out, like the metrics do. CLV = sum over 30-day periods k of the expected orders in
// period k x expected spend / (1 + monthly discount)^k, up to the horizon.
//
// Runs on the calling thread with its own reads; cancel throws through Progress::checkCanceled.
class CustomerPredictions
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::predict::CustomerPredictions)

public:
    // Fits on purchases up to `calibrationEnd` and, when it is before `asOf`, compares predictions with the
    // purchases in between. `perCustomer` (optional) receives the predictions, ascending by customer id.
    static Result<PredictionReport> compute(store::Workspace &workspace, const QDate &calibrationEnd, const QDate &asOf,
                                            const PredictionSettings &settings, Progress *progress = nullptr,
                                            std::vector<CustomerPrediction> *perCustomer = nullptr);

    // The same on a connection given (`name` is the workspace's, for messages).
    static Result<PredictionReport> compute(store::Database &db, const QString &name, const QDate &calibrationEnd,
                                            const QDate &asOf, const PredictionSettings &settings,
                                            Progress *progress = nullptr, std::vector<CustomerPrediction> *perCustomer = nullptr);

    // What the metrics recompute stores at `asOf`: the predictions and the report (with the holdout comparison
    // when a calibration end is set); nothing when predictions are off. Throws store::DatabaseError and
    // Canceled like the recompute around it.
    static MetricsPredictions computeForMetrics(store::Database &db, const QString &name, const QDate &asOf,
                                                const PredictionSettings &settings, Progress *progress);
    // Stores the report of `predictions` (none when they were off or could not be fitted); the recompute
    // writes the per-customer values into its rows.
    static void storeReport(store::Workspace &workspace, const MetricsPredictions &predictions);

    // The report of the latest stored run; nullopt when predictions are off or were never computed.
    static std::optional<PredictionReport> storedReport(store::Workspace &workspace);

    static constexpr const char *kReportKey = "prediction_report";
};

// The predictions of a metrics recompute, started before its own reads: on a thread and a connection of their
// own (they read the orders in a form of their own and fit their models, seconds at a million customers), so
// that both cores work; or, when another connection would not see the same rows (inside a transaction, an
// in-memory database, a file held exclusively), worked out on the recompute's connection when taken.
class PendingPredictions
{
public:
    PendingPredictions(store::Workspace &workspace, const QDate &asOf, Progress *progress);
    ~PendingPredictions(); // waits for the thread (a cancel through `progress` ends it soon)
    PendingPredictions(const PendingPredictions &) = delete;
    PendingPredictions &operator=(const PendingPredictions &) = delete;

    // Waits for them; throws store::DatabaseError and Canceled like the recompute. Once only.
    MetricsPredictions take();

private:
    store::Workspace &m_workspace;
    QDate m_asOf;
    Progress *m_progress;
    PredictionSettings m_settings;
    std::optional<MetricsPredictions> m_result;
    std::exception_ptr m_error;
    std::thread m_thread;
};

} // namespace segmenta::predict
