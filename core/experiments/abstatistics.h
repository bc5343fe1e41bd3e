#pragma once

#include <QtGlobal>

#include <optional>

namespace segmenta::experiments {

// The statistics of an A/B test, from counts and sums: pure functions, any thread. The distributions are
// Boost.Math's (normal, Student's t); nothing here approximates a distribution by hand. Every function
// returns nullopt for the figures that do not exist for its input (an empty group, no variation at all)
// instead of dividing by zero.
namespace stats {

inline constexpr double kConfidence = 0.95; // of every interval shown
inline constexpr double kAlpha = 0.05;      // two-sided significance level of the sample size
inline constexpr double kPower = 0.80;      // power the sample size is computed for

// One group's conversion compared with the control's.
struct ProportionComparison
{
    double difference = 0;        // treatment rate - control rate (a fraction: 0.05 = 5 points)
    double ciLow = 0;             // 95 % interval of the difference (Wald, unpooled standard error)
    double ciHigh = 0;
    std::optional<double> lift;   // difference / control rate; none when the control converted no one
    std::optional<double> z;      // pooled two-proportion z statistic; none when nobody or everybody converted
    std::optional<double> pValue; // its two-sided p-value
};

// Compares xTreatment of nTreatment with xControl of nControl; none when a group has no members.
std::optional<ProportionComparison> compareProportions(qint64 xControl, qint64 nControl, qint64 xTreatment,
                                                       qint64 nTreatment);

// The 95 % Wilson score interval of one group's conversion rate x / n (it stays within 0..1 and is sound
// for small groups and for 0 % or 100 %, unlike the Wald interval); none for an empty group.
struct Interval
{
    double low = 0;
    double high = 0;
};
std::optional<Interval> wilsonInterval(qint64 x, qint64 n);

// Mean and sample variance (n - 1) of a value per member, from its sum and sum of squares.
struct Sample
{
    qint64 n = 0;
    double sum = 0;
    double sumOfSquares = 0;
    double mean() const { return n > 0 ? sum / double(n) : 0.0; }
    std::optional<double> variance() const; // none below two members
};

// Welch's unequal-variances t-test of treatment mean - control mean.
struct WelchTest
{
    double difference = 0;
    double t = 0;
    double degreesOfFreedom = 0; // Welch–Satterthwaite
    double pValue = 1;           // two-sided
};

// None when a group has fewer than two members or both groups have no variance at all.
std::optional<WelchTest> welchTest(const Sample &control, const Sample &treatment);

// Members needed in each of two equal groups to detect `difference` (a fraction, e.g. 0.05) from a baseline
// conversion rate with the two-sided pooled z-test at level kAlpha and power kPower:
//   n = (z(1-α/2)·√(2·p̄(1-p̄)) + z(power)·√(p1(1-p1) + p2(1-p2)))² / difference², p̄ = (p1+p2)/2,
// rounded up (Fleiss, without continuity correction). p2 = baseline + difference, or baseline - difference
// when that would pass 100 %. None when the difference is not between 0 and 1 exclusive.
std::optional<qint64> sampleSizePerGroup(double baseline, double difference);

} // namespace stats
} // namespace segmenta::experiments
