// SPDX-License-Identifier: GPL-3.0-or-later
#include "picture.h"

#include <algorithm>

namespace cop {

namespace {

// Index of the newest entry whose timeUs is at or before timeUs, or -1.
template<typename Container>
const typename Container::value_type *newestAtOrBefore(const Container &history, TimeUs timeUs)
{
    if (history.empty())
        return nullptr;
    if (timeUs == kTimeLive || history.back().timeUs <= timeUs)
        return &history.back();
    const auto after = std::upper_bound(history.begin(), history.end(), timeUs,
                                        [](TimeUs t, const auto &entry) { return t < entry.timeUs; });
    if (after == history.begin())
        return nullptr;
    return &*std::prev(after);
}

// Keeps a history ordered by time. Feeds are nearly always in order, so the common case is
// an append; a late message is inserted in place rather than dropped (no loss of data).
// Once a history is full, an append reuses the oldest entry it evicts: copy-assigning into it
// keeps the capacity of its strings and vectors, so the steady state of a busy track costs no
// allocation and no free per update (a track update's contributing sensors otherwise cost a
// vector and string allocations on every message).
template<typename Container, typename Value>
void insertByTime(Container &history, const Value &value, std::size_t maxEntries)
{
    if (history.empty() || history.back().timeUs <= value.timeUs) {
        if (maxEntries > 0 && history.size() >= maxEntries) {
            Value recycled = std::move(history.front());
            history.pop_front();
            recycled = value;
            history.push_back(std::move(recycled));
        } else {
            history.push_back(value);
        }
    } else {
        const auto at = std::upper_bound(history.begin(), history.end(), value.timeUs,
                                         [](TimeUs t, const auto &entry) { return t < entry.timeUs; });
        history.insert(at, value);
    }
    while (history.size() > maxEntries)
        history.pop_front();
}

} // namespace

const TrackUpdate *TrackRecord::stateAt(TimeUs timeUs) const
{
    if (timeUs != kTimeLive && dropTimeUs != kTimeUnset && timeUs >= dropTimeUs)
        return nullptr;
    if (timeUs == kTimeLive && dropTimeUs != kTimeUnset)
        return nullptr;
    return newestAtOrBefore(history, timeUs);
}

const SensorStatus *SensorRecord::stateAt(TimeUs timeUs) const
{
    return newestAtOrBefore(history, timeUs);
}

Picture::Picture(PictureLimits limits)
    : m_limits(limits)
{
}

Picture::~Picture() = default;

void Picture::clear()
{
    m_tracks.clear();
    m_trackIndex.clear();
    m_sensors.clear();
    m_sources.clear();
    m_alertNotices.clear();
    m_latestSourceTimeUs = kTimeUnset;
    m_messagesApplied = 0;
}

PictureChange Picture::applyBatch(std::span<const FeedMessage> batch)
{
    ++m_batchStamp;
    PictureChange change;
    for (const FeedMessage &message : batch) {
        noteSource(message.header, message.kind());
        change.sourcesChanged = true;
        std::visit(
            [&](const auto &body) {
                using Body = std::decay_t<decltype(body)>;
                if constexpr (std::is_same_v<Body, TrackUpdate>)
                    applyTrackUpdate(message.header, body, change);
                else if constexpr (std::is_same_v<Body, TrackDrop>)
                    applyTrackDrop(message.header, body, change);
                else if constexpr (std::is_same_v<Body, SensorStatus>)
                    applySensorStatus(message.header, body, change);
                else if constexpr (std::is_same_v<Body, AlertNotice>)
                    applyAlertNotice(message.header, body, change);
                else if constexpr (std::is_same_v<Body, Heartbeat>)
                    applyHeartbeat(message.header, body);
            },
            message.body);
        if (message.header.sourceTimeUs != kTimeUnset)
            m_latestSourceTimeUs = std::max(m_latestSourceTimeUs, message.header.sourceTimeUs);
        ++change.messagesApplied;
    }
    m_messagesApplied += change.messagesApplied;
    return change;
}

SourceRecord &Picture::noteSource(const MessageHeader &header, MessageKind kind)
{
    auto [it, inserted] = m_sources.try_emplace(header.sourceId);
    SourceRecord &source = it->second;
    bool advancesSequence = true;
    if (inserted) {
        source.sourceId = header.sourceId;
        source.firstReceiveTimeUs = header.receiveTimeUs;
    } else if (header.sequence > source.lastSequence + 1) {
        ++source.gapCount;
        source.missedMessages += header.sequence - source.lastSequence - 1;
        source.lastGapReceiveTimeUs = header.receiveTimeUs;
    } else if (header.sequence <= source.lastSequence) {
        // A publisher that restarts counts again from 1. Its first messages may be lost while
        // subscriptions re-establish, so a lower sequence with a newer source time is a restart
        // too, and what it skipped is loss. Anything else at or below the last sequence is a
        // duplicate or a reordered message.
        const bool newer = header.sourceTimeUs > source.lastSourceTimeUs;
        if (header.sequence <= 1 || newer) {
            ++source.restartCount;
            if (header.sequence > 1) {
                ++source.gapCount;
                source.missedMessages += header.sequence - 1;
                source.lastGapReceiveTimeUs = header.receiveTimeUs;
            }
        } else {
            ++source.outOfOrderCount;
            advancesSequence = false;
        }
    }
    source.nation = header.nation;
    if (advancesSequence)
        source.lastSequence = header.sequence;
    source.lastReceiveTimeUs = header.receiveTimeUs;
    source.lastSourceTimeUs = std::max(source.lastSourceTimeUs, header.sourceTimeUs);
    if (header.receiveTimeUs != kTimeUnset && header.sourceTimeUs != kTimeUnset)
        source.lastLatencyUs = header.receiveTimeUs - header.sourceTimeUs;
    ++source.messageCount;
    ++source.messageCountByKind[static_cast<int>(kind)];
    if (kind == MessageKind::Heartbeat)
        source.lastHeartbeatReceiveTimeUs = header.receiveTimeUs;
    return source;
}

void Picture::applyHeartbeat(const MessageHeader &header, const Heartbeat &heartbeat)
{
    // Zero means the source did not state a rate; keep what it said before.
    if (heartbeat.updateRateHz > 0.0)
        m_sources[header.sourceId].nominalUpdateRateHz = heartbeat.updateRateHz;
}

void Picture::markChanged(TrackRecord &record, PictureChange &change)
{
    if (record.changeStamp != m_batchStamp) {
        record.changeStamp = m_batchStamp;
        change.tracksChanged.push_back(&record);
    }
}

void Picture::applyTrackUpdate(const MessageHeader &header, const TrackUpdate &update,
                               PictureChange &change)
{
    auto &sourceTracks = m_trackIndex[header.sourceId];
    auto it = sourceTracks.find(update.trackId);
    TrackRecord *record = nullptr;
    if (it == sourceTracks.end()) {
        if (sourceTracks.size() >= m_limits.maxTracksPerSource) {
            ++m_sources[header.sourceId].tracksRefused;
            return;
        }
        auto owned = std::make_unique<TrackRecord>();
        owned->key = {header.sourceId, update.trackId};
        owned->nation = header.nation;
        record = owned.get();
        m_tracks.push_back(std::move(owned));
        sourceTracks.emplace(update.trackId, record);
    } else {
        record = it->second;
    }
    if (record->dropTimeUs != kTimeUnset && update.timeUs > record->dropTimeUs) {
        // The source picked the track up again after dropping it.
        record->dropTimeUs = kTimeUnset;
        record->dropReason = DropReason::Unknown;
    }
    insertByTime(record->history, update, m_limits.maxStatesPerTrack);
    record->lastReceiveTimeUs = header.receiveTimeUs;
    markChanged(*record, change);
}

void Picture::applyTrackDrop(const MessageHeader &header, const TrackDrop &drop,
                             PictureChange &change)
{
    const auto sourceIt = m_trackIndex.find(header.sourceId);
    if (sourceIt == m_trackIndex.end())
        return;
    const auto it = sourceIt->second.find(drop.trackId);
    if (it == sourceIt->second.end())
        return;
    TrackRecord &record = *it->second;
    record.dropTimeUs = drop.timeUs;
    record.dropReason = drop.reason;
    record.lastReceiveTimeUs = header.receiveTimeUs;
    markChanged(record, change);
}

void Picture::applySensorStatus(const MessageHeader &header, const SensorStatus &status,
                                PictureChange &change)
{
    SensorRecord &record = m_sensors[status.sensorId];
    record.nation = header.nation;
    insertByTime(record.history, status, m_limits.maxStatesPerSensor);
    record.lastReceiveTimeUs = header.receiveTimeUs;
    change.sensorsChanged = true;
}

void Picture::applyAlertNotice(const MessageHeader &header, const AlertNotice &notice,
                               PictureChange &change)
{
    m_alertNotices.push_back({header, notice});
    while (m_alertNotices.size() > m_limits.maxAlertNotices)
        m_alertNotices.pop_front();
    change.alertNoticesChanged = true;
}

void Picture::assignTracksAsOf(const Picture &source, TimeUs timeUs)
{
    clear();
    for (const auto &from : source.m_tracks) {
        const auto end = std::upper_bound(from->history.begin(), from->history.end(), timeUs,
                                          [](TimeUs t, const TrackUpdate &state) { return t < state.timeUs; });
        if (end == from->history.begin())
            continue; // not reported yet
        auto record = std::make_unique<TrackRecord>();
        record->key = from->key;
        record->nation = from->nation;
        record->history.assign(from->history.begin(), end);
        const bool truncated = end != from->history.end();
        // Receive times of older states are not kept; their source time is within the feed's
        // latency of it, which is what an age in seconds needs.
        record->lastReceiveTimeUs = truncated ? record->latest().timeUs
                                              : std::min(from->lastReceiveTimeUs, timeUs);
        if (from->dropTimeUs != kTimeUnset && from->dropTimeUs <= timeUs) {
            record->dropTimeUs = from->dropTimeUs;
            record->dropReason = from->dropReason;
        }
        record->changeStamp = from->changeStamp;
        m_trackIndex[record->key.sourceId][record->key.trackId] = record.get();
        m_tracks.push_back(std::move(record));
    }
    m_latestSourceTimeUs = std::min(source.m_latestSourceTimeUs, timeUs);
}

void Picture::forEachTrackAt(TimeUs timeUs,
                             const std::function<void(const TrackRecord &, const TrackUpdate &)> &visit) const
{
    for (const auto &record : m_tracks) {
        if (const TrackUpdate *state = record->stateAt(timeUs))
            visit(*record, *state);
    }
}

const TrackRecord *Picture::track(const TrackKey &key) const
{
    const auto sourceIt = m_trackIndex.find(key.sourceId);
    if (sourceIt == m_trackIndex.end())
        return nullptr;
    const auto it = sourceIt->second.find(key.trackId);
    return it == sourceIt->second.end() ? nullptr : it->second;
}

std::size_t Picture::trackCountAt(TimeUs timeUs) const
{
    std::size_t count = 0;
    for (const auto &record : m_tracks)
        count += record->stateAt(timeUs) != nullptr ? 1 : 0;
    return count;
}

void Picture::forEachSensorAt(TimeUs timeUs,
                              const std::function<void(const SensorRecord &, const SensorStatus &)> &visit) const
{
    for (const auto &[id, record] : m_sensors) {
        if (const SensorStatus *state = record.stateAt(timeUs))
            visit(record, *state);
    }
}

const SensorRecord *Picture::sensor(const std::string &sensorId) const
{
    const auto it = m_sensors.find(sensorId);
    return it == m_sensors.end() ? nullptr : &it->second;
}

std::size_t Picture::pruneDroppedTracks()
{
    TimeUs newestReceiveUs = kTimeUnset;
    for (const auto &[id, source] : m_sources)
        newestReceiveUs = std::max(newestReceiveUs, source.lastReceiveTimeUs);
    const auto isExpired = [&](const std::unique_ptr<TrackRecord> &record) {
        if (record->dropTimeUs != kTimeUnset) {
            const auto source = m_sources.find(record->key.sourceId);
            if (source == m_sources.end() || source->second.lastSourceTimeUs == kTimeUnset)
                return false;
            return record->dropTimeUs < source->second.lastSourceTimeUs - m_limits.droppedTrackRetentionUs;
        }
        return record->lastReceiveTimeUs != kTimeUnset && newestReceiveUs != kTimeUnset
               && record->lastReceiveTimeUs < newestReceiveUs - m_limits.droppedTrackRetentionUs;
    };
    std::size_t removed = 0;
    for (const auto &record : m_tracks) {
        if (isExpired(record)) {
            auto sourceIt = m_trackIndex.find(record->key.sourceId);
            if (sourceIt != m_trackIndex.end())
                sourceIt->second.erase(record->key.trackId);
            ++removed;
        }
    }
    std::erase_if(m_tracks, isExpired);
    return removed;
}

} // namespace cop
