#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <vector>

namespace segmenta::predict::mle {

// A log-likelihood as a function of the model's (positive) parameters.
using LogLikelihood = std::function<double(const std::vector<double> &parameters)>;
// The same that also fills `gradient` (sized like the parameters) with its partial derivatives.
using LogLikelihoodWithGradient = std::function<double(const std::vector<double> &parameters, std::vector<double> &gradient)>;

struct Maximum
{
    std::vector<double> parameters; // natural scale
    double logLikelihood = 0;
    int evaluations = 0;
    bool atEdge = false; // a parameter ended at the edge of the search box [kLowest, kHighest]
};

// The box every parameter is searched in. Parameters of these models are shapes and scales in weeks and in
// money; outside this box the data cannot tell values apart (the likelihood is flat), so ending at an edge
// means "no fit".
inline constexpr double kLowest = 1e-6;
inline constexpr double kHighest = 1e6;

// Maximises `logLikelihood` with NLopt's L-BFGS (gradient-based, bounded) over the logarithms of the
// parameters, starting from `start`, then restarts once from the optimum. With analytic gradients it needs
// about 30 evaluations on these models where the derivative-free BOBYQA needed about 230. nullopt when NLopt
// fails or the optimum is not finite.
std::optional<Maximum> maximize(const LogLikelihoodWithGradient &logLikelihood, const std::vector<double> &start);

// Asymptotic standard errors: square roots of the diagonal of the inverse of minus the Hessian of the
// log-likelihood at `at` (central differences with steps of 1e-4 x each parameter). Empty when that matrix
// is not positive definite.
std::vector<double> standardErrors(const LogLikelihood &logLikelihood, const std::vector<double> &at);

// The sum of `part(begin, end)` over [0, count) cut into chunks of `chunk` items, run on Qt's global thread
// pool (the calling thread takes part) and added up in chunk order: the result does not depend on how many
// threads ran, so a fit gives the same digits on any machine. Small counts run on the calling thread.
double sumInChunks(std::size_t count, std::size_t chunk, const std::function<double(std::size_t begin, std::size_t end)> &part);
// The same for `width` sums at once (a likelihood and its gradient): `part` adds its chunk's into `sums`.
std::vector<double> sumInChunks(std::size_t count, std::size_t chunk, std::size_t width,
                                const std::function<void(std::size_t begin, std::size_t end, double *sums)> &part);

} // namespace segmenta::predict::mle
