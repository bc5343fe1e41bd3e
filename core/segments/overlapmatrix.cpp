#include "segments/overlapmatrix.h"

#include "rules/columnarevaluator.h"
#include "rules/rulecontext.h"
#include "segments/segmentstore.h"
#include "store/database.h"
#include "store/workspace.h"

#include <bit>

namespace segmenta::segments {

OverlapMatrix OverlapMatrix::fromMembers(const std::vector<qint64> &ids, const std::vector<QString> &names,
                                         const std::vector<rules::Bitset> &members)
{
    OverlapMatrix matrix;
    matrix.ids = ids;
    matrix.names = names;
    const size_t n = members.size();
    matrix.both.assign(n, std::vector<qint64>(n, 0));
    for (size_t i = 0; i < n; ++i) {
        for (size_t j = i; j < n; ++j) {
            // The popcount of the intersection, word by word: no bitset is built for the pair.
            const auto &a = members[i].words();
            const auto &b = members[j].words();
            qint64 count = 0;
            for (size_t w = 0; w < a.size() && w < b.size(); ++w)
                count += std::popcount(a[w] & b[w]);
            matrix.both[i][j] = matrix.both[j][i] = count;
        }
    }
    return matrix;
}

Result<OverlapMatrix> OverlapMatrix::forWorkspace(store::Workspace &workspace, const QDate &asOf)
{
    try {
        const auto saved = SegmentStore(workspace.db()).list();
        if (!saved)
            return saved.error();
        const auto context = rules::RuleContext::forDatabase(workspace.db(), asOf);
        const auto cache = rules::ColumnCache::load(workspace.db(), context.fields);
        if (!cache)
            return cache.error();
        std::vector<qint64> ids;
        std::vector<QString> names;
        std::vector<rules::Bitset> members;
        for (const SavedSegment &segment : saved.value()) {
            auto bits = rules::ColumnarEvaluator::evaluate(segment.rule, context, *cache.value());
            if (!bits)
                return Error{tr("Segment “%1”: %2").arg(segment.name, bits.errorMessage())};
            ids.push_back(segment.id);
            names.push_back(segment.name);
            members.push_back(std::move(bits).value());
        }
        return fromMembers(ids, names, members);
    } catch (const store::DatabaseError &error) {
        return Error{error.message()};
    }
}

} // namespace segmenta::segments
