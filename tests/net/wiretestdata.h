// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/messages.h"

namespace cop::test {

// Well-formed messages of every kind, as a publisher would send them. Tests start from these
// and break one field at a time.
inline constexpr TimeUs kTestEpochUs = 1'689'123'600'000'000; // 2023-07-12T01:00:00Z

FeedMessage sampleTrackUpdate(std::uint64_t sequence = 1);
// A space launcher's track with its first and second stages' drop zones.
FeedMessage sampleSpaceLaunchUpdate(std::uint64_t sequence = 1);
FeedMessage sampleTrackDrop(std::uint64_t sequence = 2);
FeedMessage sampleSensorStatus(std::uint64_t sequence = 3);
FeedMessage sampleHeartbeat(std::uint64_t sequence = 4);
FeedMessage sampleAlertNotice(std::uint64_t sequence = 5);

} // namespace cop::test
