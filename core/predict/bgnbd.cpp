#include "predict/bgnbd.h"

#include "predict/hypergeometric.h"
#include "predict/maximumlikelihood.h"

#include <boost/math/special_functions/gamma.hpp>

#include <algorithm>
#include <cmath>

namespace segmenta::predict {

namespace {

// Boost's lgamma in double precision: by default Boost promotes double to long double, which made lgamma
// the fit's main cost; the double-precision Lanczos approximation is accurate to a few ulps, far inside
// what a likelihood needs.
using DoublePolicy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;

double lgamma(double x)
{
    return boost::math::lgamma(x, DoublePolicy());
}

// ln(e^u + e^v) without overflow.
double logSumExp(double u, double v)
{
    const double high = std::max(u, v);
    return high + std::log1p(std::exp(std::min(u, v) - high));
}

// ln of the second term of P(alive)'s denominator, ln(a / (b + x - 1) ((alpha + T) / (alpha + tx))^(r + x)),
// for x > 0.
double logDeadOverAlive(const BgNbdParameters &p, const PurchaseHistory &h)
{
    return std::log(p.a) - std::log(p.b + h.x - 1) + (p.r + h.x) * (std::log(p.alpha + h.T) - std::log(p.alpha + h.tx));
}

// The histories reduced to what the likelihood needs. Identical histories are one group with a count;
// each distinct x and each distinct time (a t_x or a T) is stored once, so an evaluation computes the
// lgamma terms once per x and ln(alpha + time) once per time, leaving one exp and one log1p per group.
struct GroupedHistories
{
    struct Group
    {
        quint32 x = 0;  // index into xs
        quint32 tx = 0; // index into times
        quint32 T = 0;  // index into times
        double customers = 0;
    };
    std::vector<double> xs;    // ascending
    std::vector<double> times; // ascending
    std::vector<Group> groups;
};

quint32 indexIn(const std::vector<double> &sorted, double value)
{
    return quint32(std::lower_bound(sorted.begin(), sorted.end(), value) - sorted.begin());
}

std::vector<double> sortedDistinct(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    return values;
}

GroupedHistories grouped(const std::vector<PurchaseHistory> &histories)
{
    std::vector<PurchaseHistory> sorted = histories;
    std::sort(sorted.begin(), sorted.end(), [](const PurchaseHistory &l, const PurchaseHistory &r) {
        return l.x != r.x ? l.x < r.x : l.tx != r.tx ? l.tx < r.tx : l.T < r.T;
    });
    GroupedHistories g;
    std::vector<double> xs, times;
    for (size_t i = 0; i < sorted.size(); ++i) {
        if (i > 0 && sorted[i] == sorted[i - 1]) {
            g.groups.back().customers += 1;
            continue;
        }
        g.groups.push_back({0, 0, 0, 1});
        xs.push_back(sorted[i].x);
        times.push_back(sorted[i].tx);
        times.push_back(sorted[i].T);
    }
    g.xs = sortedDistinct(std::move(xs));
    g.times = sortedDistinct(std::move(times));
    size_t k = 0;
    for (size_t i = 0; i < sorted.size(); ++i) {
        if (i > 0 && sorted[i] == sorted[i - 1])
            continue;
        GroupedHistories::Group &group = g.groups[k++];
        group.x = indexIn(g.xs, sorted[i].x);
        group.tx = indexIn(g.times, sorted[i].tx);
        group.T = indexIn(g.times, sorted[i].T);
    }
    return g;
}

// FHL 2005 eq. (6) summed over the groups: ln A1 + ln A2 (the terms of x alone) plus ln(A3 + [x > 0] A4).
double groupedLogLikelihood(const BgNbdParameters &p, const GroupedHistories &g)
{
    if (!(p.r > 0 && p.alpha > 0 && p.a > 0 && p.b > 0))
        return -HUGE_VAL;
    const double constant = -lgamma(p.r) + p.r * std::log(p.alpha) + lgamma(p.a + p.b) - lgamma(p.b);
    std::vector<double> termsOfX(g.xs.size()), logDeadWeight(g.xs.size());
    for (size_t i = 0; i < g.xs.size(); ++i) {
        const double x = g.xs[i];
        termsOfX[i] = constant + lgamma(p.r + x) + lgamma(p.b + x) - lgamma(p.a + p.b + x);
        logDeadWeight[i] = x > 0 ? std::log(p.a) - std::log(p.b + x - 1) : 0.0;
    }
    std::vector<double> logTime(g.times.size());
    for (size_t i = 0; i < g.times.size(); ++i)
        logTime[i] = std::log(p.alpha + g.times[i]);
    constexpr size_t kChunk = 1 << 15;
    return mle::sumInChunks(g.groups.size(), kChunk, [&](size_t begin, size_t end) {
        double total = 0;
        for (size_t i = begin; i < end; ++i) {
            const GroupedHistories::Group &group = g.groups[i];
            const double x = g.xs[group.x];
            const double logA3 = -(p.r + x) * logTime[group.T];
            double value = logA3;
            if (x > 0) {
                const double logA4 = logDeadWeight[group.x] - (p.r + x) * logTime[group.tx];
                value = logSumExp(logA3, logA4);
            }
            total += group.customers * (termsOfX[group.x] + value);
        }
        return total;
    });
}

} // namespace

namespace bgnbd {

double logLikelihood(const BgNbdParameters &p, const PurchaseHistory &h)
{
    return groupedLogLikelihood(p, grouped({h}));
}

double probabilityAlive(const BgNbdParameters &p, const PurchaseHistory &h)
{
    if (h.x <= 0)
        return 1;
    // 1 / (1 + e^d), written so that a large d gives a small number rather than 1 / inf.
    const double d = logDeadOverAlive(p, h);
    return d > 0 ? std::exp(-d) / (1 + std::exp(-d)) : 1 / (1 + std::exp(d));
}

double expectedPurchasesIfAlive(const BgNbdParameters &p, double x, double T, double t)
{
    if (t <= 0)
        return 0;
    const double z = t / (p.alpha + T + t);
    // FHL 2005 eq. (10) has ((alpha + T) / (alpha + T + t))^(r + x) 2F1(r + x, b + x; a + b + x - 1; z), whose two
    // factors under- and overflow for large x. Euler's transformation (DLMF 15.8.1),
    // 2F1(A, B; C; z) = (1 - z)^(C - A - B) 2F1(C - A, C - B; C; z), turns the product into
    // (1 - z)^(a - 1) 2F1(a + b - 1 - r, a - 1; a + b + x - 1; z): no large powers, and a series that converges
    // faster the larger x is.
    const double c = p.a + p.b + x - 1;
    const double hypergeometric = hypergeometric2F1(p.a + p.b - 1 - p.r, p.a - 1, c, z);
    const double bracket = -std::expm1((p.a - 1) * std::log1p(-z) + std::log(hypergeometric));
    return c / (p.a - 1) * bracket;
}

double conditionalExpectedPurchases(const BgNbdParameters &p, const PurchaseHistory &h, double t)
{
    if (t <= 0)
        return 0;
    return expectedPurchasesIfAlive(p, h.x, h.T, t) * probabilityAlive(p, h);
}

double expectedPurchases(const BgNbdParameters &p, double t)
{
    return conditionalExpectedPurchases(p, {0, 0, 0}, t);
}

} // namespace bgnbd

double BgNbdFitter::totalLogLikelihood(const BgNbdParameters &p, const std::vector<PurchaseHistory> &histories)
{
    return groupedLogLikelihood(p, grouped(histories));
}

Result<BgNbdFit> BgNbdFitter::fit(const std::vector<PurchaseHistory> &histories)
{
    if (histories.empty())
        return Error{tr("There are no customers to fit the purchase model on")};
    const GroupedHistories groups = grouped(histories);
    const mle::LogLikelihood logLikelihood = [&groups](const std::vector<double> &v) {
        return groupedLogLikelihood({v[0], v[1], v[2], v[3]}, groups);
    };
    // Start where lifetimes and BTYD start (all ones), except alpha: the mean T puts the purchase rate's
    // scale in the data's range.
    double meanT = 0;
    for (const PurchaseHistory &h : histories)
        meanT += h.T / double(histories.size());
    const auto maximum = mle::maximize(logLikelihood, {1.0, std::max(1.0, meanT), 1.0, 1.0});
    if (!maximum)
        return Error{tr("The purchase model could not be fitted: the optimiser found no finite likelihood")};
    if (maximum->atEdge)
        return Error{tr("The purchase model could not be fitted: the data cannot pin its parameters down (one "
                        "runs off to the edge of the range tried)")};
    BgNbdFit fit;
    const std::vector<double> &v = maximum->parameters;
    fit.parameters = {v[0], v[1], v[2], v[3]};
    fit.logLikelihood = maximum->logLikelihood;
    fit.standardErrors = mle::standardErrors(logLikelihood, v);
    fit.customers = qint64(histories.size());
    fit.evaluations = maximum->evaluations;
    return fit;
}

} // namespace segmenta::predict
