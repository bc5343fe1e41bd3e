#include "predict/hypergeometric.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace segmenta::predict {

double hypergeometric2F1(double a, double b, double c, double z)
{
    constexpr long kMaxTerms = 1000000; // Boost's default max_series_iterations
    constexpr double kTolerance = 1e-16;
    if (!(z >= 0 && z < 1))
        return std::numeric_limits<double>::quiet_NaN();
    // Past this term every factor (a + n), (b + n), (c + n) is positive, so the terms keep one sign and the
    // ratio of consecutive terms, 1 + ((a + b - c - 1) n + ab - c) / ((c + n)(n + 1)) times z, tends to z.
    const double settled = std::max({0.0, -a, -b, -c}) + 1;
    double term = 1, sum = 1;
    for (long n = 0; n < kMaxTerms; ++n) {
        const double denominator = (c + n) * (n + 1.0);
        if (denominator == 0)
            return std::numeric_limits<double>::quiet_NaN(); // c is zero or a negative integer
        const double ratio = (a + n) * (b + n) / denominator * z;
        term *= ratio;
        sum += term;
        if (term == 0) // a or b a non-positive integer: the series ends here
            return sum;
        // Once the signs have settled the later ratios lie between this one and z, so the rest of the series
        // is below |term| q / (1 - q) with q = max(z, ratio) < 1.
        const double bound = std::max(z, ratio);
        if (n >= settled && bound < 1 && std::fabs(term) * bound <= kTolerance * (1 - bound) * std::fabs(sum))
            return sum;
    }
    return std::numeric_limits<double>::quiet_NaN();
}

} // namespace segmenta::predict
