#include "predict/gammagamma.h"

#include "predict/maximumlikelihood.h"

#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace segmenta::predict {

namespace gammagamma {

double logLikelihood(const GammaGammaParameters &g, const RepeatSpend &s)
{
    using boost::math::lgamma;
    const double px = g.p * s.x;
    return lgamma(px + g.q) - lgamma(px) - lgamma(g.q) + g.q * std::log(g.gamma) + (px - 1) * std::log(s.m) +
           px * std::log(s.x) - (px + g.q) * std::log(g.gamma + s.m * s.x);
}

double conditionalExpectedSpend(const GammaGammaParameters &g, double x, double m)
{
    if (!(g.q > 1))
        return std::numeric_limits<double>::quiet_NaN();
    if (x <= 0)
        return g.p * g.gamma / (g.q - 1);
    return g.p * (g.gamma + m * x) / (g.p * x + g.q - 1);
}

} // namespace gammagamma

namespace {

using DoublePolicy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;

double lgamma(double x)
{
    return boost::math::lgamma(x, DoublePolicy()); // double precision: see bgnbd.cpp
}

double digamma(double x)
{
    return boost::math::digamma(x, DoublePolicy());
}

// The usable spends reduced to what the likelihood needs. Summed over customers, the note's eq. (3) is
//   sum over x of n_x (ln Gamma(px + q) - ln Gamma(px)) - N ln Gamma(q) + N q ln gamma - sum ln m
//   + sum over customers of [px ln(mx) - (px + q) ln(gamma + mx)],
// so an evaluation needs the lgamma terms once per distinct x and one logarithm per distinct (x, m).
struct GroupedSpends
{
    struct Group
    {
        double x = 0;
        double mx = 0;    // m x, the customer's total repeat spend
        double logMx = 0;
        double customers = 0;
    };
    std::vector<double> xs;        // distinct x
    std::vector<double> customersOfX;
    std::vector<Group> groups;     // distinct (x, m)
    double customers = 0;
    double sumLogM = 0;
};

GroupedSpends grouped(const std::vector<RepeatSpend> &spends)
{
    std::vector<RepeatSpend> sorted;
    for (const RepeatSpend &s : spends) {
        if (s.x >= 1 && s.m > 0)
            sorted.push_back(s);
    }
    std::sort(sorted.begin(), sorted.end(), [](const RepeatSpend &l, const RepeatSpend &r) {
        return l.x != r.x ? l.x < r.x : l.m < r.m;
    });
    GroupedSpends g;
    for (size_t i = 0; i < sorted.size(); ++i) {
        const RepeatSpend &s = sorted[i];
        g.customers += 1;
        g.sumLogM += std::log(s.m);
        if (g.xs.empty() || g.xs.back() != s.x) {
            g.xs.push_back(s.x);
            g.customersOfX.push_back(0);
        }
        g.customersOfX.back() += 1;
        if (i > 0 && s.x == sorted[i - 1].x && s.m == sorted[i - 1].m)
            g.groups.back().customers += 1;
        else
            g.groups.push_back({s.x, s.m * s.x, std::log(s.m * s.x), 1});
    }
    return g;
}

// The summed eq. (3); with `gradient`, also its derivatives by (p, q, gamma).
double groupedLogLikelihood(const GammaGammaParameters &g, const GroupedSpends &spends, std::vector<double> *gradient = nullptr)
{
    if (!(g.p > 0 && g.q > 0 && g.gamma > 0))
        return -HUGE_VAL;
    double total = spends.customers * (g.q * std::log(g.gamma) - lgamma(g.q)) - spends.sumLogM;
    std::vector<double> derivative{0, spends.customers * (std::log(g.gamma) - digamma(g.q)), spends.customers * g.q / g.gamma};
    for (size_t i = 0; i < spends.xs.size(); ++i) {
        const double px = g.p * spends.xs[i];
        total += spends.customersOfX[i] * (lgamma(px + g.q) - lgamma(px));
        if (gradient) {
            derivative[0] += spends.customersOfX[i] * spends.xs[i] * (digamma(px + g.q) - digamma(px));
            derivative[1] += spends.customersOfX[i] * digamma(px + g.q);
        }
    }
    constexpr size_t kChunk = 1 << 15;
    const size_t width = gradient ? 4 : 1;
    const std::vector<double> sums = mle::sumInChunks(spends.groups.size(), kChunk, width, [&](size_t begin, size_t end, double *sum) {
        for (size_t i = begin; i < end; ++i) {
            const GroupedSpends::Group &s = spends.groups[i];
            const double px = g.p * s.x;
            const double logTotal = std::log(g.gamma + s.mx);
            sum[0] += s.customers * (px * s.logMx - (px + g.q) * logTotal);
            if (width == 1)
                continue;
            sum[1] += s.customers * s.x * (s.logMx - logTotal);
            sum[2] -= s.customers * logTotal;
            sum[3] -= s.customers * (px + g.q) / (g.gamma + s.mx);
        }
    });
    if (gradient) {
        for (size_t k = 0; k < 3; ++k)
            derivative[k] += sums[k + 1];
        *gradient = derivative;
    }
    return total + sums[0];
}

} // namespace

double GammaGammaFitter::totalLogLikelihood(const GammaGammaParameters &g, const std::vector<RepeatSpend> &spends,
                                            std::vector<double> *gradient)
{
    return groupedLogLikelihood(g, grouped(spends), gradient);
}

Result<GammaGammaFit> GammaGammaFitter::fit(const std::vector<RepeatSpend> &spends)
{
    std::vector<RepeatSpend> usable;
    double meanSpend = 0;
    for (const RepeatSpend &s : spends) {
        if (s.x >= 1 && s.m > 0 && std::isfinite(s.m))
            usable.push_back(s);
    }
    if (usable.empty())
        return Error{tr("There are no repeat purchases with a positive amount to fit the spend model on")};
    for (const RepeatSpend &s : usable)
        meanSpend += s.m / double(usable.size());
    const GroupedSpends groups = grouped(usable);
    const mle::LogLikelihood logLikelihood = [&groups](const std::vector<double> &v) {
        return groupedLogLikelihood({v[0], v[1], v[2]}, groups);
    };
    const mle::LogLikelihoodWithGradient withGradient = [&groups](const std::vector<double> &v, std::vector<double> &gradient) {
        return groupedLogLikelihood({v[0], v[1], v[2]}, groups, &gradient);
    };
    // Start at p = q = 2 with gamma matching the mean spend (E[M] = p gamma / (q - 1)).
    const auto maximum = mle::maximize(withGradient, {2.0, 2.0, std::max(1e-3, meanSpend / 2)});
    if (!maximum)
        return Error{tr("The spend model could not be fitted: the optimiser found no finite likelihood")};
    if (maximum->atEdge)
        return Error{tr("The spend model could not be fitted: the data cannot pin its parameters down (one runs "
                        "off to the edge of the range tried)")};
    GammaGammaFit fit;
    const std::vector<double> &v = maximum->parameters;
    fit.parameters = {v[0], v[1], v[2]};
    fit.logLikelihood = maximum->logLikelihood;
    fit.standardErrors = mle::standardErrors(logLikelihood, v);
    fit.customers = qint64(usable.size());
    fit.evaluations = maximum->evaluations;
    return fit;
}

} // namespace segmenta::predict
