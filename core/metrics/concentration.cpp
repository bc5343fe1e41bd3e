#include "metrics/concentration.h"

#include <algorithm>
#include <functional>
#include <numeric>

namespace segmenta::metrics {

namespace {

// Puts the values of [begin, end) in place so that, for each of the ranks in [first, last) (ascending, inside
// the range), the value at it is the one a descending sort would put there, with larger values before it.
void selectAt(std::vector<double>::iterator begin, std::vector<double>::iterator end, const size_t *first,
              const size_t *last, std::vector<double>::iterator origin)
{
    if (first == last)
        return;
    const size_t *middle = first + (last - first) / 2;
    const auto at = origin + std::ptrdiff_t(*middle);
    std::nth_element(begin, at, end, std::greater<>());
    selectAt(begin, at, first, middle, origin);
    selectAt(at + 1, end, middle + 1, last, origin);
}

} // namespace

std::vector<std::pair<double, double>> spendConcentration(std::vector<double> &spend, size_t points)
{
    std::vector<std::pair<double, double>> curve{{0.0, 0.0}};
    const size_t n = spend.size();
    if (n == 0)
        return curve;
    const size_t step = std::max<size_t>(1, n / std::max<size_t>(1, points));
    std::vector<size_t> ends; // one past each point's last buyer
    for (size_t end = step; end < n; end += step)
        ends.push_back(end);
    ends.push_back(n);
    // The first value of each later block sits at its rank; the blocks then hold the right values.
    selectAt(spend.begin(), spend.end(), ends.data(), ends.data() + ends.size() - 1, spend.begin());
    const double total = std::accumulate(spend.begin(), spend.end(), 0.0);
    double running = 0;
    size_t from = 0;
    for (const size_t end : ends) {
        running = std::accumulate(spend.begin() + std::ptrdiff_t(from), spend.begin() + std::ptrdiff_t(end), running);
        curve.emplace_back(double(end) / double(n), running / total);
        from = end;
    }
    return curve;
}

} // namespace segmenta::metrics
