#pragma once

#include <bit>
#include <cstdint>
#include <vector>

namespace segmenta::rules {

// One bit per customer row of a ColumnCache, in plain 64-bit words (measured no slower than
// boost::dynamic_bitset here, and the word loops vectorise). Bits past size() are always zero.
class Bitset
{
public:
    Bitset() = default;
    explicit Bitset(size_t size, bool value = false)
        : m_words((size + 63) / 64, value ? ~std::uint64_t(0) : 0), m_size(size)
    {
        trim();
    }

    size_t size() const { return m_size; }
    bool test(size_t i) const { return (m_words[i / 64] >> (i % 64)) & 1U; }
    void set(size_t i) { m_words[i / 64] |= std::uint64_t(1) << (i % 64); }
    size_t count() const
    {
        size_t n = 0;
        for (std::uint64_t w : m_words)
            n += size_t(std::popcount(w));
        return n;
    }
    Bitset &operator&=(const Bitset &o)
    {
        for (size_t i = 0; i < m_words.size(); ++i)
            m_words[i] &= o.m_words[i];
        return *this;
    }
    Bitset &operator|=(const Bitset &o)
    {
        for (size_t i = 0; i < m_words.size(); ++i)
            m_words[i] |= o.m_words[i];
        return *this;
    }
    void flip()
    {
        for (std::uint64_t &w : m_words)
            w = ~w;
        trim();
    }
    // Calls f(row) for every set bit, in ascending order.
    template <typename F>
    void forEach(F f) const
    {
        for (size_t wi = 0; wi < m_words.size(); ++wi) {
            std::uint64_t w = m_words[wi];
            while (w) {
                f(wi * 64 + size_t(std::countr_zero(w)));
                w &= w - 1;
            }
        }
    }
    // Longer (the new bits clear) or shorter.
    void resize(size_t size)
    {
        m_words.resize((size + 63) / 64, 0);
        m_size = size;
        trim();
    }
    const std::vector<std::uint64_t> &words() const { return m_words; }
    std::vector<std::uint64_t> &words() { return m_words; }

private:
    void trim()
    {
        if (m_size % 64 && !m_words.empty())
            m_words.back() &= (std::uint64_t(1) << (m_size % 64)) - 1;
    }

    std::vector<std::uint64_t> m_words;
    size_t m_size = 0;
};

} // namespace segmenta::rules
