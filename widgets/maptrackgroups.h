// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/picture.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace cop {

struct MapRenderContext;

// One missile as several nations report it, as the map draws it: one symbol and one label for
// all its national tracks. Filled by the application from its correlator; the map knows
// nothing of how tracks were grouped, only that they were.
struct MapTrackGroup
{
    std::uint64_t objectId = 0;
    // The national track whose state the symbol, label and impact marker show (the most
    // certain one); another member stands in while it is not on the map.
    TrackKey representative;
    std::vector<TrackKey> members;
    std::vector<Nation> memberNations; // parallel to members
};

// The groups of one moment, looked up by any member. Only groups of two or more tracks are
// worth adding: a lone national track is drawn as it is.
class MapTrackGroups
{
public:
    void clear();
    void add(MapTrackGroup group);
    // The group a national track belongs to, or nullptr.
    const MapTrackGroup *groupOf(const TrackKey &key) const;
    const std::vector<MapTrackGroup> &groups() const { return m_groups; }
    bool isEmpty() const { return m_groups.empty(); }

private:
    static std::string keyString(const TrackKey &key);
    std::vector<MapTrackGroup> m_groups;
    std::unordered_map<std::string, std::size_t> m_byMember;
};

// The sensors behind the selected track (every member of its group), from the states at the
// playhead: what the map highlights. Sorted, without duplicates.
std::vector<std::string> selectedContributingSensors(const MapRenderContext &context);

} // namespace cop
