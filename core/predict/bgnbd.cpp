#include "predict/bgnbd.h"

#include "predict/maximumlikelihood.h"

#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/special_functions/hypergeometric_pFq.hpp>

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>

namespace segmenta::predict {

namespace {

double lgamma(double x)
{
    return boost::math::lgamma(x);
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

// Distinct histories and how many customers share each, sorted by x so that the terms depending on x alone
// are computed once per x.
struct Group
{
    PurchaseHistory history;
    double customers = 0;
};

std::vector<Group> grouped(const std::vector<PurchaseHistory> &histories)
{
    std::vector<PurchaseHistory> sorted = histories;
    std::sort(sorted.begin(), sorted.end(), [](const PurchaseHistory &l, const PurchaseHistory &r) {
        return l.x != r.x ? l.x < r.x : l.tx != r.tx ? l.tx < r.tx : l.T < r.T;
    });
    std::vector<Group> groups;
    for (const PurchaseHistory &h : sorted) {
        if (!groups.empty() && groups.back().history == h)
            groups.back().customers += 1;
        else
            groups.push_back({h, 1});
    }
    return groups;
}

double groupedLogLikelihood(const BgNbdParameters &p, const std::vector<Group> &groups)
{
    if (!(p.r > 0 && p.alpha > 0 && p.a > 0 && p.b > 0))
        return -HUGE_VAL;
    const double constant = -lgamma(p.r) + p.r * std::log(p.alpha) + lgamma(p.a + p.b) - lgamma(p.b);
    double total = 0;
    double currentX = -1;
    double termsOfX = 0;
    for (const Group &g : groups) {
        const PurchaseHistory &h = g.history;
        if (h.x != currentX) {
            currentX = h.x;
            termsOfX = constant + lgamma(p.r + h.x) + lgamma(p.b + h.x) - lgamma(p.a + p.b + h.x);
        }
        const double logA3 = -(p.r + h.x) * std::log(p.alpha + h.T);
        double value = logA3;
        if (h.x > 0) {
            const double logA4 = std::log(p.a) - std::log(p.b + h.x - 1) - (p.r + h.x) * std::log(p.alpha + h.tx);
            value = logSumExp(logA3, logA4);
        }
        total += g.customers * (termsOfX + value);
    }
    return total;
}

} // namespace

namespace bgnbd {

double logLikelihood(const BgNbdParameters &p, const PurchaseHistory &h)
{
    return groupedLogLikelihood(p, {{h, 1}});
}

double probabilityAlive(const BgNbdParameters &p, const PurchaseHistory &h)
{
    if (h.x <= 0)
        return 1;
    // 1 / (1 + e^d), written so that a large d gives a small number rather than 1 / inf.
    const double d = logDeadOverAlive(p, h);
    return d > 0 ? std::exp(-d) / (1 + std::exp(-d)) : 1 / (1 + std::exp(d));
}

double conditionalExpectedPurchases(const BgNbdParameters &p, const PurchaseHistory &h, double t)
{
    if (t <= 0)
        return 0;
    const double z = t / (p.alpha + h.T + t);
    // FHL 2005 eq. (10) has ((alpha + T) / (alpha + T + t))^(r + x) 2F1(r + x, b + x; a + b + x - 1; z), whose two
    // factors under- and overflow for large x. Euler's transformation (DLMF 15.8.1),
    // 2F1(A, B; C; z) = (1 - z)^(C - A - B) 2F1(C - A, C - B; C; z), turns the product into
    // (1 - z)^(a - 1) 2F1(a + b - 1 - r, a - 1; a + b + x - 1; z): no large powers, and a series that converges
    // faster the larger x is.
    const double c = p.a + p.b + h.x - 1;
    double hypergeometric = 0;
    try {
        hypergeometric = boost::math::hypergeometric_pFq({p.a + p.b - 1 - p.r, p.a - 1}, {c}, z);
    } catch (const std::exception &) { // Boost's policy throws when the series does not converge
        return std::numeric_limits<double>::quiet_NaN();
    }
    const double bracket = -std::expm1((p.a - 1) * std::log1p(-z) + std::log(hypergeometric));
    return c / (p.a - 1) * bracket * probabilityAlive(p, h);
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
    const std::vector<Group> groups = grouped(histories);
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
