// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/picture.h"

namespace cop {

// A track with no update for this long is stale: shown grey, not to be trusted. About ten
// update periods of the slowest national trackers (1 Hz).
inline constexpr TimeUs kTrackStaleAfterUs = 10 * kMicrosPerSecond;

// How old a track's information is. Live, it is measured on the viewer's own clock from when
// the last update arrived, so a source whose clock runs fast or slow cannot make its tracks
// look fresher or older than they are. As of a past time (replay, rewind), it is measured on
// the feed's clock. kTimeUnset when nothing can be said.
TimeUs trackAgeUs(const TrackRecord &record, const TrackUpdate &state, TimeUs playheadUs,
                  TimeUs liveNowUs);

bool isTrackStale(const TrackRecord &record, const TrackUpdate &state, TimeUs playheadUs,
                  TimeUs liveNowUs);

} // namespace cop
