#pragma once

// Draws from the BG/NBD and Gamma-Gamma models for the prediction tests (a second, generative description of
// the models the fitters only know through their likelihoods).
#include "demo/random.h"
#include "predict/bgnbd.h"

#include <cmath>

namespace segmenta::predict::test {

// Gamma(shape, rate) by Marsaglia & Tsang (2000), with the shape < 1 boost U^(1/shape).
inline double gammaVariate(demo::Random &random, double shape, double rate)
{
    if (shape < 1)
        return gammaVariate(random, shape + 1, rate) * std::pow(1.0 - random.uniform(), 1.0 / shape);
    const double d = shape - 1.0 / 3.0;
    const double c = 1.0 / std::sqrt(9 * d);
    while (true) {
        double z = 0, v = 0;
        do {
            z = random.normal();
            v = 1 + c * z;
        } while (v <= 0);
        v = v * v * v;
        const double u = 1.0 - random.uniform();
        if (std::log(u) < 0.5 * z * z + d - d * v + d * std::log(v))
            return d * v / rate;
    }
}

// One customer under BG/NBD: buys at rate lambda from the first purchase at 0; after each repeat purchase
// drops out with probability p; observed until T.
inline PurchaseHistory simulateCustomer(demo::Random &random, const BgNbdParameters &m, double T)
{
    const double lambda = gammaVariate(random, m.r, m.alpha);
    const double g1 = gammaVariate(random, m.a, 1), g2 = gammaVariate(random, m.b, 1);
    const double p = g1 / (g1 + g2);
    PurchaseHistory h{0, 0, T};
    double t = 0;
    while (true) {
        t += random.exponential(1 / lambda);
        if (t > T)
            break;
        h.x += 1;
        h.tx = t;
        if (random.chance(p))
            break;
    }
    return h;
}

} // namespace segmenta::predict::test
