#pragma once

#include "common/result.h"

#include <QCoreApplication>

#include <vector>

namespace segmenta::predict {

// One customer's purchase history in the terms of the BG/NBD and Gamma-Gamma literature, time in weeks:
// x = repeat purchases (purchases after the first), tx = time from the first to the last purchase (0 when
// x = 0), T = time from the first purchase to the end of the calibration period. Always 0 <= tx <= T.
struct PurchaseHistory
{
    double x = 0;
    double tx = 0;
    double T = 0;
    friend bool operator==(const PurchaseHistory &, const PurchaseHistory &) = default;
};

// The BG/NBD model (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way"): while alive, a customer
// buys at a Poisson rate lambda ~ Gamma(r, alpha) (alpha a rate, in weeks); after each repeat purchase they
// become inactive with probability p ~ Beta(a, b).
struct BgNbdParameters
{
    double r = 0;
    double alpha = 0;
    double a = 0;
    double b = 0;
};

// The model's formulas. Pure functions of their arguments, any thread.
namespace bgnbd {

// ln L(r, alpha, a, b | x, tx, T), FHL 2005 eq. (6), in log space (lgamma, log-sum-exp) so that large x or T
// neither overflow nor lose the smaller of the two terms.
double logLikelihood(const BgNbdParameters &p, const PurchaseHistory &h);
// P(alive | x, tx, T) = 1 / (1 + [x > 0] a / (b + x - 1) ((alpha + T) / (alpha + tx))^(r + x)) (Fader, Hardie
// & Lee, "Computing P(alive) Using the BG/NBD Model", eq. 4).
double probabilityAlive(const BgNbdParameters &p, const PurchaseHistory &h);
// E[X(t)]: expected repeat purchases in (0, t] of a customer who just made their first (FHL 2005 eq. 7).
double expectedPurchases(const BgNbdParameters &p, double t);
// E[Y(t) | x, tx, T]: expected purchases in (T, T + t] given the history (FHL 2005 eq. 10), which is
// P(alive) times expectedPurchasesIfAlive. NaN when the hypergeometric series does not converge (t / (alpha
// + T + t) within about 1e-5 of 1).
double conditionalExpectedPurchases(const BgNbdParameters &p, const PurchaseHistory &h, double t);
// E[Y(t) | alive at T, x, T]: the expected purchases in (T, T + t] of a customer still alive, with x repeat
// purchases in T weeks; t_x plays no part. Needs the Gauss hypergeometric function 2F1(r + x, b + x;
// a + b + x - 1; t / (alpha + T + t)) (see hypergeometric.h). Predictions evaluate it once per distinct
// (x, T) and horizon.
double expectedPurchasesIfAlive(const BgNbdParameters &p, double x, double T, double t);

} // namespace bgnbd

// A maximum-likelihood fit of either model: its parameters, the maximised log-likelihood, their asymptotic
// standard errors (from the observed information, the inverse Hessian of the log-likelihood at the optimum;
// empty when the Hessian is not negative definite) and how many customers it was fitted on.
template <typename Parameters>
struct Fit
{
    Parameters parameters;
    double logLikelihood = 0;
    std::vector<double> standardErrors; // in the order the parameters are declared
    qint64 customers = 0;
    int evaluations = 0;
};
using BgNbdFit = Fit<BgNbdParameters>;

// Fits BG/NBD by maximum likelihood with NLopt (L-BFGS on the logarithms of the four parameters, so they stay
// positive; identical histories are grouped so the work grows with distinct histories, not customers, and
// large sums are split over Qt's global thread pool).
// Errors when the optimiser fails or a parameter ends at the edge of the search box (the data then cannot
// pin the model down). Any thread.
class BgNbdFitter
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::predict::BgNbdFitter)

public:
    static Result<BgNbdFit> fit(const std::vector<PurchaseHistory> &histories);
    // The summed log-likelihood over the histories (what fit() maximises); with `gradient`, also its partial
    // derivatives by r, alpha, a and b (what the optimiser follows).
    static double totalLogLikelihood(const BgNbdParameters &p, const std::vector<PurchaseHistory> &histories,
                                     std::vector<double> *gradient = nullptr);
};

} // namespace segmenta::predict
