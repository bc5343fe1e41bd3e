#pragma once

#include "common/result.h"
#include "rules/bitset.h"
#include "rules/columncache.h"
#include "rules/rulecontext.h"

#include <QCoreApplication>

#include <array>
#include <map>
#include <vector>

namespace segmenta::rules {

// What the live view shows for a set of members: size, revenue, and how they split.
struct SegmentFigures
{
    qint64 count = 0;
    qint64 total = 0; // all customers
    double revenue = 0;
    std::map<QString, qint64> lifecycle;
    std::map<QString, qint64> tiers;
    std::map<QString, double> tierRevenue;
    std::map<QString, qint64> rfmSegments;
    std::array<std::array<qint64, 5>, 5> rfGrid{}; // [r - 1][f - 1]
};

// How much one condition matters: how many customers it alone keeps, and how many more the rule would keep
// without it (the members the rule loses because of it).
struct ConditionImpact
{
    std::vector<int> path; // child indexes from the root to the condition, on through a purchase's where (ruleedit.h)
    qint64 alone = 0;
    qint64 loses = 0;
};

// Evaluates rules over a ColumnCache: each condition to a bitset, groups combined bitwise. Gives exactly the
// members SqlCompiler's SQL selects (the differential test holds the two to that). Stateless; any thread.
class ColumnarEvaluator
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::rules::ColumnarEvaluator)

public:
    // Validates the rule against the context first.
    static Result<Bitset> evaluate(const Rule &rule, const RuleContext &context, const ColumnCache &cache);
    // The order rows of cache.purchases() that are purchases as the metrics count them (valid, dated on or
    // before the analysis date, an amount above zero unless context.zeroAmountIsPurchase): what purchase
    // conditions count, for every other reader of the purchases. Throws ColumnCache::PurchasesUnavailable as
    // purchases() does.
    static Bitset purchaseOrders(const RuleContext &context, const ColumnCache &cache);
    static std::vector<qint64> memberIds(const Bitset &members, const ColumnCache &cache);
    // The ids of the first `count` members by customer id (the cache's rows ascend by id): the Customers
    // view's first page before it is sorted.
    static std::vector<qint64> firstMemberIds(const Bitset &members, const ColumnCache &cache, size_t count);
    static SegmentFigures figures(const Bitset &members, const ColumnCache &cache);
    // What each enabled condition keeps alone and what the rule keeps more without it, in reading order, then
    // the conditions inside each purchase's where (alone: the purchase condition with that condition as its
    // whole where).
    static Result<std::vector<ConditionImpact>> impacts(const Rule &rule, const RuleContext &context,
                                                        const ColumnCache &cache);
};

} // namespace segmenta::rules
