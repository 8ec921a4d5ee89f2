// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/noise.h"

#include <cmath>
#include <numbers>

namespace cop::sim {

namespace {

std::uint64_t splitMix64(std::uint64_t x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

double toUnitOpen(std::uint64_t bits)
{
    // 53 random mantissa bits, offset by half a step so neither 0 nor 1 can come out.
    return (static_cast<double>(bits >> 11) + 0.5) * 0x1.0p-53;
}

} // namespace

std::uint64_t CounterNoise::bits(std::initializer_list<std::uint64_t> keys) const
{
    std::uint64_t h = splitMix64(m_seed);
    for (std::uint64_t key : keys)
        h = splitMix64(h ^ splitMix64(key));
    return h;
}

double CounterNoise::uniform(std::initializer_list<std::uint64_t> keys) const
{
    return toUnitOpen(bits(keys));
}

double CounterNoise::gaussian(std::initializer_list<std::uint64_t> keys) const
{
    const std::uint64_t h = bits(keys);
    const double u1 = toUnitOpen(h);
    const double u2 = toUnitOpen(splitMix64(h));
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

} // namespace cop::sim
