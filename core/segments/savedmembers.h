#pragma once

#include "common/result.h"
#include "rules/bitset.h"
#include "rules/columncache.h"
#include "segments/segmentstore.h"

#include <QDate>

#include <memory>
#include <optional>
#include <vector>

namespace segmenta::store {
class Workspace;
}

namespace segmenta::segments {

// Every saved segment of a workspace evaluated in memory at one analysis date, with the customer columns it
// was evaluated over: what recording the segments' sizes and their overlap both start from. A segment whose
// rule no longer fits the workspace (a field was removed) has no members and says why.
struct SavedMembers
{
    struct Evaluated
    {
        SavedSegment segment;
        std::optional<rules::Bitset> members;
        QString error; // when members is empty
    };
    std::shared_ptr<const rules::ColumnCache> cache;
    std::vector<Evaluated> segments;

    // Loads the customer columns (about a second at a million customers: call from a worker there).
    // Throws store::DatabaseError.
    static Result<SavedMembers> evaluate(store::Workspace &workspace, const QDate &asOf);
};

} // namespace segmenta::segments
