// SPDX-License-Identifier: GPL-3.0-or-later
#include "trackage.h"

namespace cop {

TimeUs trackAgeUs(const TrackRecord &record, const TrackUpdate &state, TimeUs playheadUs,
                  TimeUs liveNowUs)
{
    if (playheadUs == kTimeLive) {
        if (liveNowUs == kTimeUnset || record.lastReceiveTimeUs == kTimeUnset)
            return kTimeUnset;
        return liveNowUs - record.lastReceiveTimeUs;
    }
    if (playheadUs == kTimeUnset || state.timeUs == kTimeUnset)
        return kTimeUnset;
    return playheadUs - state.timeUs;
}

bool isTrackStale(const TrackRecord &record, const TrackUpdate &state, TimeUs playheadUs,
                  TimeUs liveNowUs)
{
    const TimeUs ageUs = trackAgeUs(record, state, playheadUs, liveNowUs);
    return ageUs != kTimeUnset && ageUs > kTrackStaleAfterUs;
}

} // namespace cop
