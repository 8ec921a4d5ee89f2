// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <limits>

#include <QString>

namespace cop {

// Feed time: microseconds since the Unix epoch, UTC. Every message carries one from its
// source; the viewer adds its own receive time. 64 bits hold ±292,000 years.
using TimeUs = std::int64_t;

inline constexpr TimeUs kMicrosPerSecond = 1'000'000;
inline constexpr TimeUs kMicrosPerMillisecond = 1'000;
inline constexpr TimeUs kTimeUnset = std::numeric_limits<TimeUs>::min();

constexpr TimeUs secondsToUs(double seconds)
{
    return static_cast<TimeUs>(seconds * static_cast<double>(kMicrosPerSecond));
}

constexpr double usToSeconds(TimeUs timeUs)
{
    return static_cast<double>(timeUs) / static_cast<double>(kMicrosPerSecond);
}

// Wall clock now, for stamping receive times only; feed logic never reads the wall clock.
TimeUs wallClockNowUs();

// ISO 8601 UTC with milliseconds, e.g. "2023-07-12T01:00:00.000Z".
QString formatUtc(TimeUs timeUs);

} // namespace cop
