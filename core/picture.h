// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "messages.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace cop {

// Query time meaning "the newest state of everything": the live edge.
inline constexpr TimeUs kTimeLive = std::numeric_limits<TimeUs>::max();

// Identifies one national track: a track id is unique only within its source.
struct TrackKey
{
    std::string sourceId;
    std::string trackId;
    friend bool operator==(const TrackKey &, const TrackKey &) = default;
};

// One track as reported by one source, with its bounded history of full states.
struct TrackRecord
{
    TrackKey key;
    Nation nation = Nation::Japan;
    std::deque<TrackUpdate> history; // ordered by timeUs, oldest first, never empty
    TimeUs lastReceiveTimeUs = kTimeUnset;
    TimeUs dropTimeUs = kTimeUnset; // set once a drop arrives
    DropReason dropReason = DropReason::Unknown;

    const TrackUpdate &latest() const { return history.back(); }
    TimeUs firstTimeUs() const { return history.front().timeUs; }
    // The newest state valid at or before timeUs; nullptr if the track did not exist yet or
    // had been dropped by then.
    const TrackUpdate *stateAt(TimeUs timeUs) const;

    std::uint64_t changeStamp = 0; // batch number of the last change (internal bookkeeping)
};

// Per-source bookkeeping: when we last heard it, how much it sent, what we missed.
struct SourceRecord
{
    std::string sourceId;
    Nation nation = Nation::Japan;
    TimeUs firstReceiveTimeUs = kTimeUnset;
    TimeUs lastReceiveTimeUs = kTimeUnset;
    TimeUs lastSourceTimeUs = kTimeUnset;
    TimeUs lastHeartbeatReceiveTimeUs = kTimeUnset;
    std::uint64_t lastSequence = 0;
    std::uint64_t messageCount = 0;
    std::uint64_t gapCount = 0;        // times the sequence jumped forward
    std::uint64_t missedMessages = 0;  // messages the jumps skipped
    std::uint64_t outOfOrderCount = 0; // sequence at or below one already seen
    std::uint64_t restartCount = 0;    // sequence started again (back to 1, or back with newer time)
    std::uint64_t tracksRefused = 0;   // new tracks beyond PictureLimits::maxTracksPerSource
    TimeUs lastGapReceiveTimeUs = kTimeUnset; // when loss was last detected
    std::uint64_t messageCountByKind[kMessageKindCount] = {};
    double nominalUpdateRateHz = 0.0;
    // Latency: receive time minus source time of the newest message, microseconds.
    TimeUs lastLatencyUs = 0;
};

struct SensorRecord
{
    Nation nation = Nation::Japan;    // of the source that reports the sensor
    std::deque<SensorStatus> history; // by timeUs, never empty, bounded
    TimeUs lastReceiveTimeUs = kTimeUnset;
    const SensorStatus &latest() const { return history.back(); }
    const SensorStatus *stateAt(TimeUs timeUs) const;
};

struct AlertNoticeRecord
{
    MessageHeader header;
    AlertNotice notice;
};

// What one applied batch changed, so views repaint only what is dirty. One per batch.
// Its track pointers stay valid until the Picture is next changed or pruned.
struct PictureChange
{
    std::vector<const TrackRecord *> tracksChanged; // each at most once
    bool sensorsChanged = false;
    bool sourcesChanged = false;
    bool alertNoticesChanged = false;
    std::size_t messagesApplied = 0;

    bool isEmpty() const { return messagesApplied == 0; }
};

struct PictureLimits
{
    std::size_t maxStatesPerTrack = 1024;  // older states live in the session file
    std::size_t maxStatesPerSensor = 256;
    std::size_t maxAlertNotices = 2000;
    // How long an ended track stays in memory: after its drop (by its own source's clock), or
    // after its source last said anything about it (by receive time) if it was never dropped.
    TimeUs droppedTrackRetentionUs = 15 * 60 * kMicrosPerSecond;
    // A publisher that puts a counter in its track ids must not exhaust memory.
    std::size_t maxTracksPerSource = 20'000;
};

// The shared picture: every track, sensor and source the feed has told us about, with
// history, queryable "as of time T". Fed in batches on the GUI thread; not thread-safe.
class Picture
{
public:
    explicit Picture(PictureLimits limits = {});
    ~Picture();
    Picture(const Picture &) = delete;
    Picture &operator=(const Picture &) = delete;
    // Moving keeps every TrackRecord where it is, so pointers into the picture stay valid.
    Picture(Picture &&) = default;
    Picture &operator=(Picture &&) = default;

    PictureChange applyBatch(std::span<const FeedMessage> batch);
    PictureChange applyBatch(const FeedBatch &batch)
    {
        return applyBatch(std::span<const FeedMessage>(batch));
    }
    void clear();
    // Replaces this picture's tracks with source's tracks as they stood at timeUs: those whose
    // first state is at or before it, each with its history up to it and its drop only if the
    // drop had come by then. What an operator looking back sees in the panels. Sensors,
    // sources and alert notices are left empty: the panels read only tracks.
    void assignTracksAsOf(const Picture &source, TimeUs timeUs);

    // Tracks that existed at timeUs, each with its state as of then (kTimeLive: newest).
    void forEachTrackAt(TimeUs timeUs,
                        const std::function<void(const TrackRecord &, const TrackUpdate &)> &visit) const;
    const TrackRecord *track(const TrackKey &key) const;
    const std::vector<std::unique_ptr<TrackRecord>> &tracks() const { return m_tracks; }
    std::size_t trackCountAt(TimeUs timeUs) const;

    void forEachSensorAt(TimeUs timeUs,
                         const std::function<void(const SensorRecord &, const SensorStatus &)> &visit) const;
    const SensorRecord *sensor(const std::string &sensorId) const;

    const std::unordered_map<std::string, SourceRecord> &sources() const { return m_sources; }
    const std::deque<AlertNoticeRecord> &alertNotices() const { return m_alertNotices; }

    // Newest source time seen in any message, or kTimeUnset before the first.
    TimeUs latestSourceTimeUs() const { return m_latestSourceTimeUs; }
    std::uint64_t messagesApplied() const { return m_messagesApplied; }

    // Forgets tracks that ended longer ago than the retention: dropped ones by their own
    // source's clock (so one source with a clock far ahead cannot make the viewer forget every
    // other source's tracks), and ones never dropped but not updated since, by receive time (so
    // a source that crashed does not leave its tracks forever). Invalidates TrackRecord
    // pointers of the removed tracks, including those in an earlier PictureChange.
    std::size_t pruneDroppedTracks();

private:
    friend class PictureSnapshot; // reads and restores the whole state

    void applyTrackUpdate(const MessageHeader &header, const TrackUpdate &update, PictureChange &change);
    void applyTrackDrop(const MessageHeader &header, const TrackDrop &drop, PictureChange &change);
    void applySensorStatus(const MessageHeader &header, const SensorStatus &status, PictureChange &change);
    void applyAlertNotice(const MessageHeader &header, const AlertNotice &notice, PictureChange &change);
    void applyHeartbeat(const MessageHeader &header, const Heartbeat &heartbeat);
    SourceRecord &noteSource(const MessageHeader &header, MessageKind kind);
    void markChanged(TrackRecord &record, PictureChange &change);

    PictureLimits m_limits;
    // Owning list in arrival order (stable pointers), plus lookup by source then track id.
    std::vector<std::unique_ptr<TrackRecord>> m_tracks;
    std::unordered_map<std::string, std::unordered_map<std::string, TrackRecord *>> m_trackIndex;
    std::unordered_map<std::string, SensorRecord> m_sensors;
    std::unordered_map<std::string, SourceRecord> m_sources;
    std::deque<AlertNoticeRecord> m_alertNotices;
    TimeUs m_latestSourceTimeUs = kTimeUnset;
    std::uint64_t m_messagesApplied = 0;
    std::uint64_t m_batchStamp = 0;
};

} // namespace cop
