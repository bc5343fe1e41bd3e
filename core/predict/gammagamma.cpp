#include "predict/gammagamma.h"

#include "predict/maximumlikelihood.h"

#include <boost/math/special_functions/gamma.hpp>

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

double GammaGammaFitter::totalLogLikelihood(const GammaGammaParameters &g, const std::vector<RepeatSpend> &spends)
{
    if (!(g.p > 0 && g.q > 0 && g.gamma > 0))
        return -HUGE_VAL;
    double total = 0;
    for (const RepeatSpend &s : spends) {
        if (s.x >= 1 && s.m > 0)
            total += gammagamma::logLikelihood(g, s);
    }
    return total;
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
    const mle::LogLikelihood logLikelihood = [&usable](const std::vector<double> &v) {
        return totalLogLikelihood({v[0], v[1], v[2]}, usable);
    };
    // Start at p = q = 2 with gamma matching the mean spend (E[M] = p gamma / (q - 1)).
    const auto maximum = mle::maximize(logLikelihood, {2.0, 2.0, std::max(1e-3, meanSpend / 2)});
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
