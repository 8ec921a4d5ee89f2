// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/messages.h"

#include <cstdint>

namespace cop::bench {

// Synthetic feed messages for the benchmarks: complete and valid, with the sizes and field
// counts a real national tracker sends, so encode, decode and the Picture do realistic work.
inline constexpr TimeUs kBenchEpochUs = 1'689'123'600'000'000; // 2023-07-12T01:00:00Z

// The benchmark feed's publishing systems, one per nation.
inline constexpr int kSourceCount = 3;
const char *sourceId(int source);
Nation sourceNation(int source);

// A full track update: position, velocity, 3x3 covariance, launch point and time, impact
// prediction with its covariance, and two or three contributing sensors depending on
// trackIndex. The state moves with timeUs so successive updates differ.
FeedMessage makeTrackUpdate(int source, int trackIndex, std::uint64_t sequence, TimeUs timeUs);

FeedMessage makeTrackDrop(int source, int trackIndex, std::uint64_t sequence, TimeUs timeUs);
FeedMessage makeSensorStatus(int source, std::uint64_t sequence, TimeUs timeUs);
FeedMessage makeHeartbeat(int source, std::uint64_t sequence, TimeUs timeUs);
FeedMessage makeAlertNotice(int source, std::uint64_t sequence, TimeUs timeUs);

} // namespace cop::bench
