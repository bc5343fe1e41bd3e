#include "segments/overlapmatrix.h"

#include "segments/savedmembers.h"
#include "store/database.h"

#include <bit>

namespace segmenta::segments {

OverlapMatrix OverlapMatrix::fromMembers(const std::vector<qint64> &ids, const std::vector<QString> &names,
                                         const std::vector<const rules::Bitset *> &members)
{
    OverlapMatrix matrix;
    matrix.ids = ids;
    matrix.names = names;
    const size_t n = members.size();
    matrix.both.assign(n, std::vector<qint64>(n, 0));
    for (size_t i = 0; i < n; ++i) {
        for (size_t j = i; j < n; ++j) {
            // The popcount of the intersection, word by word: no bitset is built for the pair.
            const auto &a = members[i]->words();
            const auto &b = members[j]->words();
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
        const auto evaluated = SavedMembers::evaluate(workspace, asOf);
        if (!evaluated)
            return evaluated.error();
        std::vector<qint64> ids;
        std::vector<QString> names;
        std::vector<const rules::Bitset *> members;
        for (const SavedMembers::Evaluated &segment : evaluated->segments) {
            if (!segment.members)
                return Error{tr("Segment “%1”: %2").arg(segment.segment.name, segment.error)};
            ids.push_back(segment.segment.id);
            names.push_back(segment.segment.name);
            members.push_back(&*segment.members);
        }
        return fromMembers(ids, names, members);
    } catch (const store::DatabaseError &error) {
        return Error{error.message()};
    }
}

} // namespace segmenta::segments
