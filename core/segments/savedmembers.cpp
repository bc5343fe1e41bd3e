#include "segments/savedmembers.h"

#include "rules/columnarevaluator.h"
#include "rules/rulecontext.h"
#include "store/workspace.h"

namespace segmenta::segments {

Result<SavedMembers> SavedMembers::evaluate(store::Workspace &workspace, const QDate &asOf)
{
    const auto saved = SegmentStore(workspace.db()).list();
    if (!saved)
        return saved.error();
    const auto context = rules::RuleContext::forDatabase(workspace.db(), asOf);
    auto cache = rules::ColumnCache::load(workspace.db(), context.fields);
    if (!cache)
        return cache.error();
    SavedMembers result;
    result.cache = std::move(cache).value();
    for (const SavedSegment &segment : saved.value()) {
        auto bits = rules::ColumnarEvaluator::evaluate(segment.rule, context, *result.cache);
        if (bits)
            result.segments.push_back({segment, std::move(bits).value(), QString()});
        else
            result.segments.push_back({segment, std::nullopt, bits.errorMessage()});
    }
    return result;
}

} // namespace segmenta::segments
