#pragma once

#include "common/result.h"

#include <QCoreApplication>
#include <QList>

#include <cstdint>
#include <vector>

namespace segmenta::exporting {

// An A/B split of a segment's members into groups by percentages (e.g. 10 % control, 90 % campaign).
//
// Reproducible: the same members and the same seed give the same groups on every machine and every run. The
// members are shuffled with a seeded SplitMix64 generator and an unbiased bounded draw (not the standard
// library's distributions, whose output differs between implementations), then cut by the percentages.
// Group sizes are the largest-remainder rounding of the shares, so each is within one member of its
// percentage and they add up to the member count. Pure; any thread.
class GroupSplit
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::exporting::GroupSplit)

public:
    static constexpr int kMaxGroups = 26; // named A to Z

    // Percentages must be whole numbers from 1 to 99, two to 26 of them, adding up to 100.
    static Result<void> validate(const QList<int> &percents);

    // Group sizes for `count` members (largest remainder; ties go to the earlier group).
    static std::vector<qint64> sizes(qint64 count, const QList<int> &percents);

    // The group index of each member, in the order of `memberCount` members as given (ascending ids).
    // The percentages must be valid.
    static std::vector<std::uint8_t> assign(qint64 memberCount, const QList<int> &percents, quint64 seed);
};

} // namespace segmenta::exporting
