#pragma once

#include "common/result.h"
#include "rules/bitset.h"

#include <QCoreApplication>
#include <QDate>
#include <QString>

#include <vector>

namespace segmenta::store {
class Workspace;
}

namespace segmenta::segments {

// How the saved segments overlap, pair by pair: for segments A and B, both(A, B) customers are in the two,
// size(A) - both(A, B) in A only and size(B) - both(A, B) in B only. The diagonal holds each segment's size.
struct OverlapMatrix
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::segments::OverlapMatrix)

public:
    std::vector<qint64> ids;
    std::vector<QString> names;
    std::vector<std::vector<qint64>> both; // both[i][j], symmetric; both[i][i] = size of i

    size_t size() const { return names.size(); }
    qint64 onlyFirst(size_t i, size_t j) const { return both[i][i] - both[i][j]; }

    // From the members of each segment (bitsets over the same customers, not copied), as the dashboard
    // holds them.
    static OverlapMatrix fromMembers(const std::vector<qint64> &ids, const std::vector<QString> &names,
                                     const std::vector<const rules::Bitset *> &members);
    // Every saved segment of the workspace, evaluated in memory at `asOf`. Call from a worker at a million
    // customers (it loads the customer columns: about a second).
    static Result<OverlapMatrix> forWorkspace(store::Workspace &workspace, const QDate &asOf);
};

} // namespace segmenta::segments
