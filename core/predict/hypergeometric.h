#pragma once

namespace segmenta::predict {

// Gauss's hypergeometric function 2F1(a, b; c; z) = sum over n of (a)_n (b)_n / ((c)_n n!) z^n, for
// 0 <= z < 1 and c not zero or a negative integer, by its defining series (summed in long double until the
// rest of the series is provably below 1e-17 of the sum). NaN when it has not converged within a million
// terms (z within about 1e-5 of 1), as Boost's series gives up. Any thread.
//
// Why not Boost: Boost.Math 1.74 has no dedicated 2F1, only the general hypergeometric_pFq, which sums the
// same series with run-time sized parameter lists, cancellation tracking and exceptions for its policy; it
// cost about 2 microseconds a call here, and predictions at a million customers need some 400,000 calls
// (14 horizons for each distinct pair of repeat purchases and age). tst_predict checks this series against
// boost::math::hypergeometric_pFq on thousands of points of the range the BG/NBD model uses.
double hypergeometric2F1(double a, double b, double c, double z);

} // namespace segmenta::predict
