#include "rules/stepcounts.h"

#include "rules/columnarevaluator.h"

namespace segmenta::rules {

Result<std::vector<StepCount>> stepCounts(const Rule &rule, const RuleContext &context, const ColumnCache &cache)
{
    std::vector<StepCount> steps;
    const auto &children = rule.root.children;
    for (int k = 0; k < int(children.size()); ++k) {
        if (!children[size_t(k)].enabled())
            continue;
        Rule upTo = rule;
        upTo.root.children.erase(upTo.root.children.begin() + k + 1, upTo.root.children.end());
        auto members = ColumnarEvaluator::evaluate(upTo, context, cache);
        if (!members)
            return members.error();
        steps.push_back({k, qint64(members->count())});
    }
    return steps;
}

} // namespace segmenta::rules
