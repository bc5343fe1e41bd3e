#include "predict/bgnbd.h"

#include "predict/hypergeometric.h"
#include "predict/maximumlikelihood.h"

#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include <algorithm>
#include <array>
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

double digamma(double x)
{
    return boost::math::digamma(x, DoublePolicy());
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

// What does not depend on t_x or T, per distinct x: ln A1 + ln A2 of FHL 2005 eq. (6), ln(a / (b + x - 1)) and
// their derivatives by r, alpha, a, b.
struct TermsOfX
{
    std::vector<double> value, logDeadWeight;
    std::vector<std::array<double, 4>> derivative;
};

TermsOfX termsOfX(const BgNbdParameters &p, const std::vector<double> &xs, bool withDerivatives)
{
    TermsOfX t;
    const double constant = -lgamma(p.r) + p.r * std::log(p.alpha) + lgamma(p.a + p.b) - lgamma(p.b);
    for (double x : xs) {
        t.value.push_back(constant + lgamma(p.r + x) + lgamma(p.b + x) - lgamma(p.a + p.b + x));
        t.logDeadWeight.push_back(x > 0 ? std::log(p.a) - std::log(p.b + x - 1) : 0.0);
        if (withDerivatives) {
            const double abx = digamma(p.a + p.b + x);
            t.derivative.push_back({digamma(p.r + x) - digamma(p.r) + std::log(p.alpha), p.r / p.alpha,
                                    digamma(p.a + p.b) - abx, digamma(p.a + p.b) - digamma(p.b) + digamma(p.b + x) - abx});
        }
    }
    return t;
}

// FHL 2005 eq. (6) summed over the groups: ln A1 + ln A2 (the terms of x alone) plus ln(A3 + [x > 0] A4).
// With `gradient`, also its derivatives by (r, alpha, a, b): with w = A4 / (A3 + A4), the share of "dropped
// out after the last purchase", d ln(A3 + A4) = -(1 - w) d[(r + x) ln(alpha + T)] - w d[(r + x) ln(alpha + t_x)]
// + w d ln(a / (b + x - 1)).
double groupedLogLikelihood(const BgNbdParameters &p, const GroupedHistories &g, std::vector<double> *gradient = nullptr)
{
    if (!(p.r > 0 && p.alpha > 0 && p.a > 0 && p.b > 0))
        return -HUGE_VAL;
    const TermsOfX terms = termsOfX(p, g.xs, gradient != nullptr);
    std::vector<double> logTime(g.times.size()), inverseTime(g.times.size());
    for (size_t i = 0; i < g.times.size(); ++i) {
        logTime[i] = std::log(p.alpha + g.times[i]);
        inverseTime[i] = 1 / (p.alpha + g.times[i]);
    }
    constexpr size_t kChunk = 1 << 15;
    const size_t width = gradient ? 5 : 1;
    const std::vector<double> sums = mle::sumInChunks(g.groups.size(), kChunk, width, [&](size_t begin, size_t end, double *sum) {
        for (size_t i = begin; i < end; ++i) {
            const GroupedHistories::Group &group = g.groups[i];
            const double x = g.xs[group.x];
            const double logA3 = -(p.r + x) * logTime[group.T];
            double value = logA3, dead = 0; // dead: w
            if (x > 0) { // ln(A3 + A4) in log space, without overflow, and w
                const double logA4 = terms.logDeadWeight[group.x] - (p.r + x) * logTime[group.tx];
                const double high = std::max(logA3, logA4);
                const double e = std::exp(std::min(logA3, logA4) - high);
                value = high + std::log1p(e);
                dead = logA4 >= logA3 ? 1 / (1 + e) : e / (1 + e);
            }
            const double n = group.customers;
            sum[0] += n * (terms.value[group.x] + value);
            if (width == 1)
                continue;
            const std::array<double, 4> &d = terms.derivative[group.x];
            const double alive = 1 - dead;
            sum[1] += n * (d[0] - alive * logTime[group.T] - dead * logTime[group.tx]);
            sum[2] += n * (d[1] - (p.r + x) * (alive * inverseTime[group.T] + dead * inverseTime[group.tx]));
            sum[3] += n * (d[2] + dead / p.a);
            sum[4] += n * (d[3] - (x > 0 ? dead / (p.b + x - 1) : 0.0));
        }
    });
    if (gradient)
        gradient->assign(sums.begin() + 1, sums.end());
    return sums[0];
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

double BgNbdFitter::totalLogLikelihood(const BgNbdParameters &p, const std::vector<PurchaseHistory> &histories,
                                       std::vector<double> *gradient)
{
    return groupedLogLikelihood(p, grouped(histories), gradient);
}

Result<BgNbdFit> BgNbdFitter::fit(const std::vector<PurchaseHistory> &histories)
{
    if (histories.empty())
        return Error{tr("There are no customers to fit the purchase model on")};
    const GroupedHistories groups = grouped(histories);
    const mle::LogLikelihood logLikelihood = [&groups](const std::vector<double> &v) {
        return groupedLogLikelihood({v[0], v[1], v[2], v[3]}, groups);
    };
    const mle::LogLikelihoodWithGradient withGradient = [&groups](const std::vector<double> &v, std::vector<double> &gradient) {
        return groupedLogLikelihood({v[0], v[1], v[2], v[3]}, groups, &gradient);
    };
    // Start where lifetimes and BTYD start (all ones), except alpha: the mean T puts the purchase rate's
    // scale in the data's range.
    double meanT = 0;
    for (const PurchaseHistory &h : histories)
        meanT += h.T / double(histories.size());
    const auto maximum = mle::maximize(withGradient, {1.0, std::max(1.0, meanT), 1.0, 1.0});
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
