#pragma once

#include "common/result.h"
#include "rules/columncache.h"
#include "rules/rule.h"
#include "rules/rulecontext.h"

#include <vector>

namespace segmenta::rules {

// The rule read step by step, as the builder shows it: how many customers are left after each of the root
// group's children in turn (20,000 → 5,497 → 783). Step k counts the rule with the root's children after k
// left out, so in an "all" group the counts fall, in an "any" group they rise, and the last step is the
// rule's own count. A child switched off adds no step of its own. A rule that does not validate gives its
// error. Plain function; any thread (the cache is read only).
struct StepCount
{
    int child = 0;     // index of the root group's child
    qint64 count = 0;  // customers the rule keeps with children 0..child
};

Result<std::vector<StepCount>> stepCounts(const Rule &rule, const RuleContext &context, const ColumnCache &cache);

} // namespace segmenta::rules
