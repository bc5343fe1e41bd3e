#pragma once

#include <cstddef>
#include <utility>
#include <vector>

namespace segmenta::metrics {

// How concentrated spend is (the Pareto curve of the dashboard's value card): the buyers ranked from the largest
// spend down, and after each of `points` evenly spaced ranks (and the last), the share of the buyers so far and
// the share of the spend they hold. `spend` holds each buyer's spend, all above zero, in any order (it is
// reordered). Starts at (0, 0); just that point when there is no spend.
//
// Ranks only at the points are needed, not a whole order: the spend is split at the points by selection
// (std::nth_element, halving the points each time), and the blocks between two points are summed in any order.
// That is O(n log points) instead of a sort's O(n log n): about a third of the time at a million customers,
// where the open's first figures paid two sorts.
std::vector<std::pair<double, double>> spendConcentration(std::vector<double> &spend, size_t points = 50);

} // namespace segmenta::metrics
