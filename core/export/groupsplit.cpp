#include "export/groupsplit.h"

#include <algorithm>
#include <numeric>

namespace segmenta::exporting {

namespace {

// SplitMix64 (Steele, Lea and Flood): tiny, fast, well distributed, and the same everywhere.
class SplitMix64
{
public:
    explicit SplitMix64(quint64 seed) : m_state(seed) {}

    quint64 next()
    {
        quint64 z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }

    // Uniform in [0, bound) without modulo bias: reject the few draws below 2^64 mod bound.
    quint64 below(quint64 bound)
    {
        const quint64 threshold = (0 - bound) % bound;
        for (;;) {
            const quint64 draw = next();
            if (draw >= threshold)
                return draw % bound;
        }
    }

private:
    quint64 m_state;
};

} // namespace

Result<void> GroupSplit::validate(const QList<int> &percents)
{
    if (percents.size() < 2 || percents.size() > kMaxGroups)
        return Error{tr("A split needs 2 to %1 groups, not %2").arg(kMaxGroups).arg(percents.size())};
    for (const int percent : percents) {
        if (percent < 1 || percent > 99)
            return Error{tr("Each group of a split needs 1 to 99 percent, not %1").arg(percent)};
    }
    const int total = std::accumulate(percents.begin(), percents.end(), 0);
    if (total != 100)
        return Error{tr("The groups of a split must add up to 100 percent, not %1").arg(total)};
    return {};
}

std::vector<qint64> GroupSplit::sizes(qint64 count, const QList<int> &percents)
{
    std::vector<qint64> result;
    std::vector<std::pair<qint64, int>> remainders; // (remainder, group) to hand out the leftover members
    qint64 assigned = 0;
    for (int i = 0; i < percents.size(); ++i) {
        const qint64 share = count * percents[i];
        result.push_back(share / 100);
        assigned += share / 100;
        remainders.emplace_back(share % 100, i);
    }
    std::stable_sort(remainders.begin(), remainders.end(),
                     [](const auto &a, const auto &b) { return a.first > b.first; });
    for (qint64 k = 0; k < count - assigned; ++k)
        ++result[size_t(remainders[size_t(k)].second)];
    return result;
}

std::vector<std::uint8_t> GroupSplit::assign(qint64 memberCount, const QList<int> &percents, quint64 seed)
{
    // Fisher-Yates shuffle of the member positions, then the first sizes[0] shuffled positions form group A.
    std::vector<qint64> order(static_cast<size_t>(memberCount));
    std::iota(order.begin(), order.end(), qint64(0));
    SplitMix64 random(seed);
    for (qint64 i = memberCount - 1; i > 0; --i)
        std::swap(order[size_t(i)], order[size_t(random.below(quint64(i) + 1))]);
    std::vector<std::uint8_t> groups(size_t(memberCount), 0);
    size_t at = 0;
    const auto groupSizes = sizes(memberCount, percents);
    for (size_t g = 0; g < groupSizes.size(); ++g) {
        for (qint64 k = 0; k < groupSizes[g]; ++k)
            groups[size_t(order[at++])] = std::uint8_t(g);
    }
    return groups;
}

} // namespace segmenta::exporting
