#include "experiments/abstatistics.h"

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>

namespace segmenta::experiments::stats {

namespace {

double normalQuantile(double p)
{
    return boost::math::quantile(boost::math::normal_distribution<double>(), p);
}

double twoSidedNormalP(double z)
{
    return 2.0 * boost::math::cdf(boost::math::complement(boost::math::normal_distribution<double>(), std::abs(z)));
}

} // namespace

std::optional<ProportionComparison> compareProportions(qint64 xControl, qint64 nControl, qint64 xTreatment,
                                                       qint64 nTreatment)
{
    if (nControl <= 0 || nTreatment <= 0)
        return std::nullopt;
    const double n1 = double(nControl);
    const double n2 = double(nTreatment);
    const double p1 = double(xControl) / n1;
    const double p2 = double(xTreatment) / n2;
    ProportionComparison result;
    result.difference = p2 - p1;
    if (p1 > 0)
        result.lift = result.difference / p1;
    const double se = std::sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2);
    const double margin = normalQuantile(1 - (1 - kConfidence) / 2) * se;
    result.ciLow = result.difference - margin;
    result.ciHigh = result.difference + margin;
    const double pooled = double(xControl + xTreatment) / (n1 + n2);
    const double pooledSe = std::sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
    if (pooledSe > 0) {
        result.z = result.difference / pooledSe;
        result.pValue = twoSidedNormalP(*result.z);
    }
    return result;
}

std::optional<Interval> wilsonInterval(qint64 x, qint64 n)
{
    if (n <= 0)
        return std::nullopt;
    const double z = normalQuantile(1 - (1 - kConfidence) / 2);
    const double size = double(n);
    const double p = double(x) / size;
    const double denominator = 1 + z * z / size;
    const double centre = (p + z * z / (2 * size)) / denominator;
    const double half = z / denominator * std::sqrt(p * (1 - p) / size + z * z / (4 * size * size));
    return Interval{std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

std::optional<double> Sample::variance() const
{
    if (n < 2)
        return std::nullopt;
    const double m = mean();
    // Sum of squared deviations from the sums; never below zero through rounding.
    return std::max(0.0, (sumOfSquares - double(n) * m * m) / double(n - 1));
}

std::optional<WelchTest> welchTest(const Sample &control, const Sample &treatment)
{
    const auto v1 = control.variance();
    const auto v2 = treatment.variance();
    if (!v1 || !v2)
        return std::nullopt;
    const double a = *v1 / double(control.n);
    const double b = *v2 / double(treatment.n);
    if (a + b <= 0)
        return std::nullopt;
    WelchTest result;
    result.difference = treatment.mean() - control.mean();
    result.t = result.difference / std::sqrt(a + b);
    result.degreesOfFreedom = (a + b) * (a + b) / (a * a / double(control.n - 1) + b * b / double(treatment.n - 1));
    const boost::math::students_t_distribution<double> t(result.degreesOfFreedom);
    result.pValue = 2.0 * boost::math::cdf(boost::math::complement(t, std::abs(result.t)));
    return result;
}

std::optional<qint64> sampleSizePerGroup(double baseline, double difference)
{
    if (!(difference > 0 && difference < 1) || !(baseline >= 0 && baseline <= 1))
        return std::nullopt;
    const double p1 = baseline;
    double p2 = baseline + difference;
    if (p2 > 1)
        p2 = baseline - difference;
    if (p2 < 0)
        return std::nullopt;
    const double mean = (p1 + p2) / 2;
    const double zAlpha = normalQuantile(1 - kAlpha / 2);
    const double zBeta = normalQuantile(kPower);
    const double root = zAlpha * std::sqrt(2 * mean * (1 - mean)) + zBeta * std::sqrt(p1 * (1 - p1) + p2 * (1 - p2));
    // A hair below the next whole number is rounding, not a need for one more member.
    return qint64(std::ceil(root * root / (difference * difference) - 1e-9));
}

} // namespace segmenta::experiments::stats
