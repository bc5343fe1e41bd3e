#include "predict/maximumlikelihood.h"

#include "common/threads.h"

#include <nlopt.hpp>

#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <cmath>
#include <exception>

namespace segmenta::predict::mle {

namespace {

struct Objective
{
    const LogLikelihoodWithGradient *logLikelihood = nullptr;
    int evaluations = 0;
};

// NLopt's C++ callback: x holds log-parameters, so the gradient is d/d(ln theta) = theta d/d(theta).
// Non-finite values (a parameter combination where a term under/overflows) count as the worst possible so
// the optimiser steps away.
double objective(const std::vector<double> &x, std::vector<double> &gradient, void *data)
{
    auto *target = static_cast<Objective *>(data);
    ++target->evaluations;
    std::vector<double> parameters(x.size());
    for (size_t i = 0; i < x.size(); ++i)
        parameters[i] = std::exp(x[i]);
    std::vector<double> natural(x.size(), 0.0);
    const double value = (*target->logLikelihood)(parameters, natural);
    for (size_t i = 0; i < gradient.size(); ++i)
        gradient[i] = std::isfinite(value) ? natural[i] * parameters[i] : 0.0;
    return std::isfinite(value) ? value : -HUGE_VAL;
}

// Inverts a small symmetric positive definite matrix by Gauss-Jordan elimination; false when singular.
bool invert(std::vector<std::vector<double>> &m)
{
    const size_t n = m.size();
    std::vector<std::vector<double>> inverse(n, std::vector<double>(n, 0.0));
    for (size_t i = 0; i < n; ++i)
        inverse[i][i] = 1;
    for (size_t col = 0; col < n; ++col) {
        size_t pivot = col;
        for (size_t row = col + 1; row < n; ++row) {
            if (std::fabs(m[row][col]) > std::fabs(m[pivot][col]))
                pivot = row;
        }
        if (!(std::fabs(m[pivot][col]) > 0))
            return false;
        std::swap(m[pivot], m[col]);
        std::swap(inverse[pivot], inverse[col]);
        const double scale = m[col][col];
        for (size_t k = 0; k < n; ++k) {
            m[col][k] /= scale;
            inverse[col][k] /= scale;
        }
        for (size_t row = 0; row < n; ++row) {
            if (row == col)
                continue;
            const double factor = m[row][col];
            for (size_t k = 0; k < n; ++k) {
                m[row][k] -= factor * m[col][k];
                inverse[row][k] -= factor * inverse[col][k];
            }
        }
    }
    m = std::move(inverse);
    return true;
}

} // namespace

std::optional<Maximum> maximize(const LogLikelihoodWithGradient &logLikelihood, const std::vector<double> &start)
{
    const size_t n = start.size();
    Objective target{&logLikelihood};
    std::vector<double> x(n);
    for (size_t i = 0; i < n; ++i)
        x[i] = std::log(start[i]);
    double best = -HUGE_VAL;
    try {
        for (int round = 0; round < 2; ++round) {
            nlopt::opt optimizer(nlopt::LD_LBFGS, unsigned(n));
            optimizer.set_lower_bounds(std::vector<double>(n, std::log(kLowest)));
            optimizer.set_upper_bounds(std::vector<double>(n, std::log(kHighest)));
            optimizer.set_max_objective(objective, &target);
            optimizer.set_xtol_rel(1e-10);
            optimizer.set_ftol_abs(1e-10);
            optimizer.set_maxeval(20000);
            optimizer.optimize(x, best);
        }
    } catch (const std::exception &) {
        // NLopt reports failures (including "roundoff limited", which still leaves a usable x) by throwing;
        // what we have is checked below.
        std::vector<double> unused;
        best = objective(x, unused, &target);
    }
    if (!std::isfinite(best))
        return std::nullopt;
    Maximum maximum;
    maximum.logLikelihood = best;
    maximum.evaluations = target.evaluations;
    for (size_t i = 0; i < n; ++i) {
        maximum.parameters.push_back(std::exp(x[i]));
        if (x[i] <= std::log(kLowest) + 1e-3 || x[i] >= std::log(kHighest) - 1e-3)
            maximum.atEdge = true;
    }
    return maximum;
}

std::vector<double> standardErrors(const LogLikelihood &logLikelihood, const std::vector<double> &at)
{
    const size_t n = at.size();
    std::vector<double> step(n);
    for (size_t i = 0; i < n; ++i)
        step[i] = 1e-4 * at[i];
    const auto shifted = [&](size_t i, double di, size_t j, double dj) {
        std::vector<double> p = at;
        p[i] += di * step[i];
        p[j] += dj * step[j];
        return logLikelihood(p);
    };
    // Minus the Hessian (the observed information).
    std::vector<std::vector<double>> information(n, std::vector<double>(n, 0.0));
    for (size_t i = 0; i < n; ++i) {
        for (size_t j = i; j < n; ++j) {
            const double h = (shifted(i, 1, j, 1) - shifted(i, 1, j, -1) - shifted(i, -1, j, 1) + shifted(i, -1, j, -1)) /
                             (4 * step[i] * step[j]);
            information[i][j] = information[j][i] = -h;
        }
    }
    if (!invert(information))
        return {};
    std::vector<double> errors;
    for (size_t i = 0; i < n; ++i) {
        if (!(information[i][i] > 0) || !std::isfinite(information[i][i]))
            return {};
        errors.push_back(std::sqrt(information[i][i]));
    }
    return errors;
}

double sumInChunks(std::size_t count, std::size_t chunk, const std::function<double(std::size_t, std::size_t)> &part)
{
    if (count <= chunk)
        return part(0, count);
    std::vector<std::size_t> starts;
    for (std::size_t start = 0; start < count; start += chunk)
        starts.push_back(start);
    std::vector<double> sums(starts.size(), 0.0);
    QtConcurrent::blockingMap(computeThreads(), starts, [&](std::size_t start) {
        sums[start / chunk] = part(start, std::min(start + chunk, count));
    });
    double total = 0;
    for (double s : sums)
        total += s;
    return total;
}

std::vector<double> sumInChunks(std::size_t count, std::size_t chunk, std::size_t width,
                                const std::function<void(std::size_t, std::size_t, double *)> &part)
{
    std::vector<double> total(width, 0.0);
    if (count <= chunk) {
        part(0, count, total.data());
        return total;
    }
    std::vector<std::size_t> starts;
    for (std::size_t start = 0; start < count; start += chunk)
        starts.push_back(start);
    std::vector<double> sums(starts.size() * width, 0.0);
    QtConcurrent::blockingMap(computeThreads(), starts, [&](std::size_t start) {
        part(start, std::min(start + chunk, count), sums.data() + start / chunk * width);
    });
    for (std::size_t c = 0; c < starts.size(); ++c) {
        for (std::size_t k = 0; k < width; ++k)
            total[k] += sums[c * width + k];
    }
    return total;
}

} // namespace segmenta::predict::mle
