// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/maptrackgroups.h"

#include "widgets/maprendercontext.h"

#include <algorithm>

namespace cop {

std::string MapTrackGroups::keyString(const TrackKey &key)
{
    // The unit separator cannot appear in ids that passed validation.
    return key.sourceId + '\x1f' + key.trackId;
}

void MapTrackGroups::clear()
{
    m_groups.clear();
    m_byMember.clear();
}

void MapTrackGroups::add(MapTrackGroup group)
{
    const std::size_t index = m_groups.size();
    for (const TrackKey &member : group.members)
        m_byMember[keyString(member)] = index;
    m_groups.push_back(std::move(group));
}

const MapTrackGroup *MapTrackGroups::groupOf(const TrackKey &key) const
{
    const auto found = m_byMember.find(keyString(key));
    return found == m_byMember.end() ? nullptr : &m_groups[found->second];
}

std::vector<std::string> selectedContributingSensors(const MapRenderContext &context)
{
    std::vector<std::string> ids;
    if (!context.picture || !context.selectedTrack)
        return ids;
    std::vector<TrackKey> tracks{*context.selectedTrack};
    if (context.trackGroups) {
        if (const MapTrackGroup *group = context.trackGroups->groupOf(*context.selectedTrack))
            tracks = group->members;
    }
    for (const TrackKey &key : tracks) {
        const TrackRecord *record = context.picture->track(key);
        const TrackUpdate *state = record ? record->stateAt(context.playheadUs) : nullptr;
        if (state)
            ids.insert(ids.end(), state->contributingSensors.begin(), state->contributingSensors.end());
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

} // namespace cop
