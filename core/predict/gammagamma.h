#pragma once

#include "common/result.h"
#include "predict/bgnbd.h"

#include <QCoreApplication>

#include <vector>

namespace segmenta::predict {

// The Gamma-Gamma model of spend per purchase (Fader & Hardie, "The Gamma-Gamma Model of Monetary Value",
// 2013): each purchase's value is Gamma(p, nu), and nu varies across customers as Gamma(q, gamma).
struct GammaGammaParameters
{
    double p = 0;
    double q = 0;
    double gamma = 0;
};

// What the model is fitted on: a repeat buyer's number of repeat purchases x (>= 1) and their mean value
// m (> 0).
struct RepeatSpend
{
    double x = 0;
    double m = 0;
};

namespace gammagamma {

// ln f(m | p, q, gamma, x) = ln Gamma(px + q) - ln Gamma(px) - ln Gamma(q) + q ln gamma + (px - 1) ln m
// + px ln x - (px + q) ln(gamma + m x)  (the note's eq. 3 with the density of the mean).
double logLikelihood(const GammaGammaParameters &g, const RepeatSpend &s);
// E[M | p, q, gamma, m, x] = p (gamma + m x) / (p x + q - 1) (the note's eq. 5); with x = 0 the population
// mean p gamma / (q - 1). Needs q > 1 (else the mean is infinite): returns NaN then.
double conditionalExpectedSpend(const GammaGammaParameters &g, double x, double m);

} // namespace gammagamma

using GammaGammaFit = Fit<GammaGammaParameters>;

// Fits Gamma-Gamma by maximum likelihood (NLopt L-BFGS on log-parameters), on repeat buyers only. Spends
// that are not positive are left out (the model is for positive values). Any thread.
class GammaGammaFitter
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::predict::GammaGammaFitter)

public:
    static Result<GammaGammaFit> fit(const std::vector<RepeatSpend> &spends);
    // The summed log-likelihood (what fit() maximises); with `gradient`, also its derivatives by p, q, gamma.
    static double totalLogLikelihood(const GammaGammaParameters &g, const std::vector<RepeatSpend> &spends,
                                     std::vector<double> *gradient = nullptr);
};

} // namespace segmenta::predict
