#pragma once

#include "common/result.h"
#include "experiments/abstatistics.h"
#include "experiments/experiment.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <optional>
#include <vector>

namespace segmenta::store {
class Database;
}

namespace segmenta::experiments {

// What one group did in the window.
struct GroupOutcome
{
    QString name;
    bool control = false;
    qint64 members = 0;
    qint64 converted = 0; // members with at least one valid purchase in the window
    qint64 orders = 0;    // valid purchases in the window
    double revenue = 0;   // their amounts
    stats::Sample revenuePerMemberSample; // each member's revenue (0 for those who bought nothing)

    // None for an empty group.
    std::optional<double> conversionRate() const;
    std::optional<double> revenuePerMember() const;
    std::optional<double> ordersPerMember() const;
    std::optional<stats::Interval> conversionInterval() const; // 95 % Wilson interval
};

// One group against the control.
struct GroupComparison
{
    int group = 0; // indexes ExperimentResult::groups
    int control = 0;
    std::optional<stats::ProportionComparison> conversion; // none when either group is empty
    std::optional<stats::WelchTest> revenue;               // none below two members or without any variation
};

// An experiment measured over a window after its start. Dates are days: the window holds the orders dated
// after the start date, up to and including start + windowDays (the start date itself is the export's
// analysis date, whose orders were already known when the groups were drawn).
struct ExperimentResult
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::experiments::ExperimentResult)

public:
    QString name;
    QDate start;
    int windowDays = 0;
    QDate end;               // start + windowDays, inclusive
    QDate ordersKnownUntil;  // the latest order date in the workspace (invalid when there are none)
    std::vector<GroupOutcome> groups;
    std::vector<GroupComparison> comparisons; // every group but the control, in group order
    double minimumDifference = 0;             // the difference the user wants to detect (fraction)
    std::optional<qint64> neededPerGroup;     // members per group for 80 % power at that difference

    // One plain sentence per comparison, in the user's language ("Group B converted 22.1% against 30.4% for
    // A: 8.3 points fewer; a difference this large would be rare by chance (p = 0.0003)"), or why there is
    // nothing to compare.
    QString sentence(const GroupComparison &comparison) const;
    // Empty when the groups are large enough for the minimum difference; otherwise says how many are needed.
    QString powerWarning() const;
    // Empty when the window has passed in the data; otherwise says the figures may still change.
    QString windowNote() const;
    // The shape `segmenta-cli experiment show --json` prints; missing figures are null.
    QJsonObject toJson() const;

    // A p-value as shown: "0.0003", "0.042", "< 0.0001"; and as a statement: "p = 0.042", "p < 0.0001".
    static QString formatP(double p);
    static QString pStatement(double p);
};

// Measures experiments against the orders in the workspace. Counts valid purchases only, as the metrics do
// (orders.is_valid = 1, with a readable date); members are followed by the key they had at the start, so
// imports that change customers' details or ids move nobody between groups, and a member whose customer is
// gone counts as one who bought nothing. Thread: the connection's.
class ExperimentMeasure
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::experiments::ExperimentMeasure)

public:
    static constexpr int kDefaultWindowDays = 30;
    static constexpr double kDefaultMinimumDifference = 0.05; // 5 percentage points

    // `experiment` as ExperimentStore::list or find gives it (members need not be loaded). The window must be
    // 1 to 3650 days; the minimum difference between 0 and 1 exclusive.
    static Result<ExperimentResult> measure(store::Database &db, const Experiment &experiment,
                                            int windowDays = kDefaultWindowDays,
                                            double minimumDifference = kDefaultMinimumDifference);
};

} // namespace segmenta::experiments
