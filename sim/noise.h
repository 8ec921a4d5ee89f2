// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <initializer_list>

namespace cop::sim {

// Deterministic, counter-based random numbers: a draw is a pure function of the seed and a
// list of keys (source, missile, time, component...). Unlike a stateful generator this gives
// the same feed however the caller slices time into advance steps, and unlike
// std::normal_distribution (whose algorithm differs between standard libraries) the same
// numbers with every toolchain. Hashing is SplitMix64 (Steele, Lea & Flood, OOPSLA 2014).
class CounterNoise
{
public:
    explicit CounterNoise(std::uint64_t seed)
        : m_seed(seed)
    {}

    std::uint64_t bits(std::initializer_list<std::uint64_t> keys) const;
    // Uniform in the open interval (0, 1).
    double uniform(std::initializer_list<std::uint64_t> keys) const;
    // Standard normal, N(0, 1), by the Box–Muller transform.
    double gaussian(std::initializer_list<std::uint64_t> keys) const;

private:
    std::uint64_t m_seed;
};

} // namespace cop::sim
