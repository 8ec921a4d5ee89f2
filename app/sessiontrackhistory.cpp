// SPDX-License-Identifier: GPL-3.0-or-later
#include "sessiontrackhistory.h"

#include "net/wiredecoder.h"

#include <map>
#include <utility>

namespace cop {

bool TrackSelection::matchesSource(std::string_view sourceId) const
{
    if (keys.empty())
        return true;
    for (const TrackKey &key : keys) {
        if (key.sourceId.empty() || key.sourceId == sourceId)
            return true;
    }
    return false;
}

bool TrackSelection::matches(std::string_view sourceId, std::string_view trackId) const
{
    if (keys.empty())
        return true;
    for (const TrackKey &key : keys) {
        if ((key.sourceId.empty() || key.sourceId == sourceId) && key.trackId == trackId)
            return true;
    }
    return false;
}

std::vector<TrackHistory> readTrackHistories(SessionReader &reader, const TrackSelection &selection,
                                             std::string *error)
{
    std::vector<TrackHistory> histories;
    std::map<std::pair<std::string, std::string>, std::size_t> index;
    net::WireDecoder decoder;
    net::WireDecoder::Rejection rejection;
    FeedMessage message;
    constexpr std::size_t kWindow = 8'192;
    SessionPosition position;
    for (;;) {
        const SessionReadResult result = reader.read(
            position, std::numeric_limits<TimeUs>::max(), kWindow,
            [&](const StoredMessage &stored) {
                // The topic's first word says what a payload is: decode track updates only.
                if (stored.kind != "track" || !selection.matchesSource(stored.sourceId))
                    return;
                if (!decoder.decode(stored.topic, stored.payload, message, rejection))
                    return;
                const auto *update = std::get_if<TrackUpdate>(&message.body);
                if (!update || !selection.matches(message.header.sourceId, update->trackId))
                    return;
                auto key = std::make_pair(message.header.sourceId, update->trackId);
                auto found = index.find(key);
                if (found == index.end()) {
                    found = index.emplace(key, histories.size()).first;
                    TrackHistory &history = histories.emplace_back();
                    history.key = {key.first, key.second};
                    history.nation = message.header.nation;
                }
                TrackHistory &history = histories[found->second];
                if (history.states.size() >= kMaxExportStatesPerTrack) {
                    history.truncated = true;
                    return;
                }
                history.states.push_back(*update);
            });
        position = result.last;
        if (!result.error.empty()) {
            if (error)
                *error = result.error;
            break;
        }
        if (result.count < kWindow)
            break;
    }
    return histories;
}

} // namespace cop
