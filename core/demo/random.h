#pragma once

#include <cmath>
#include <cstdint>
#include <numbers>

namespace segmenta::demo {

// A small, fully specified random number generator (xoshiro256** seeded by splitmix64) with the few
// distributions the demo shop needs. Written here rather than taken from <random> because the standard
// distributions may produce different sequences on different standard libraries, and the demo workspace and
// the benchmarks must be the same everywhere.
class Random
{
public:
    explicit Random(std::uint64_t seed)
    {
        for (auto &word : m_state)
            word = splitmix(seed);
    }

    std::uint64_t next()
    {
        const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
        const std::uint64_t t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotl(m_state[3], 45);
        return result;
    }

    // Uniform in [0, 1).
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    // Uniform integer in [low, high].
    std::int64_t between(std::int64_t low, std::int64_t high)
    {
        return low + static_cast<std::int64_t>(uniform() * static_cast<double>(high - low + 1));
    }
    bool chance(double probability) { return uniform() < probability; }
    double exponential(double mean) { return -std::log1p(-uniform()) * mean; }
    double normal()
    {
        const double u1 = 1.0 - uniform();
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
    }
    double logNormal(double median, double sigma) { return median * std::exp(sigma * normal()); }
    // Index into a table of weights.
    template <typename Weights>
    std::size_t pick(const Weights &weights, double totalWeight)
    {
        double x = uniform() * totalWeight;
        std::size_t i = 0;
        for (const auto &w : weights) {
            x -= w.weight;
            if (x < 0)
                return i;
            ++i;
        }
        return i - 1;
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    static std::uint64_t splitmix(std::uint64_t &x)
    {
        std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }

    std::uint64_t m_state[4];
};

} // namespace segmenta::demo
