// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/sessionreader.h"
#include "core/trackexport.h"

#include <string>
#include <vector>

namespace cop {

// Which tracks to take from a session: a key with an empty source id matches that track id
// from any source. No keys: every track.
struct TrackSelection
{
    std::vector<TrackKey> keys;
    bool matches(std::string_view sourceId, std::string_view trackId) const;
    bool matchesSource(std::string_view sourceId) const;
};

// The whole recorded history of the selected tracks of an open session, decoded by the live
// decoder: every state, oldest first, each track in order of its first state (up to
// kMaxExportStatesPerTrack each). Only track messages of the selected sources are decoded.
// error says where a damaged file stopped the read; what was read until then is returned.
std::vector<TrackHistory> readTrackHistories(SessionReader &reader, const TrackSelection &selection,
                                             std::string *error = nullptr);

} // namespace cop
