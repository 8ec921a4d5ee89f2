// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/messages.h"
#include "core/picture.h"
#include "core/sessionreader.h"
#include "net/rejectreason.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace cop::net {

struct PlayerOptions
{
    double speed = 1.0;
    bool playing = true; // start playing, or paused at the start
    std::size_t readWindowMessages = 8'192; // rows read and decoded per step
    std::size_t maxQueuedMessages = 200'000; // replay memory is this window, not the file
    int tickMs = 10; // how often the playhead is checked
    // A forward seek further than this rebuilds the picture from a snapshot instead of
    // reading every message in between.
    TimeUs catchUpLimitUs = 10 * kMicrosPerSecond;
};

// Where a replay stands, for the transport bar. Times are the session's receive-time clock.
struct PlayerState
{
    TimeUs playheadUs = kTimeUnset;
    TimeUs startUs = kTimeUnset;
    TimeUs endUs = kTimeUnset;
    double speed = 1.0;
    bool playing = false;
    bool atEnd = false;
    std::uint64_t generation = 0; // increases on every seek: the consumer starts a new picture
};

// Replays a recorded session as the same decoded FeedMessages a live feed produces. A player
// thread reads the file in windows, decodes each payload with the live WireDecoder (so a
// replay validates exactly as live did), restores the recorded receive time, and hands the
// messages over in batches through a bounded queue, like FeedSubscriber. Pacing follows the
// recorded receive times at the chosen speed on the monotonic clock; feed time comes from the
// messages, never the wall clock.
class SessionPlayer
{
public:
    using WakeFunction = std::function<void()>;
    static constexpr double kMinSpeed = 0.1;
    static constexpr double kMaxSpeed = 100.0;

    explicit SessionPlayer(PlayerOptions options = {});
    ~SessionPlayer();
    SessionPlayer(const SessionPlayer &) = delete;
    SessionPlayer &operator=(const SessionPlayer &) = delete;

    // Opens the session file; false with a clear message (see SessionReader).
    bool open(const std::string &path, std::string *error = nullptr);
    const SessionInfo &info() const { return m_reader.info(); }
    const std::vector<std::string> &warnings() const { return m_reader.warnings(); }
    // Alerts raised and bookmarks in the session, for the timeline; read once at open.
    const std::vector<SessionEvent> &events() const { return m_events; }
    // An event added while replaying (an analyst's bookmark), kept in time order. Same thread
    // as events().
    void addEvent(SessionEvent event);

    void setWakeFunction(WakeFunction wake) { m_wake = std::move(wake); }
    void start();
    void stop();

    // Transport; any thread.
    void setPlaying(bool playing);
    void setSpeed(double speed); // clamped to kMinSpeed..kMaxSpeed
    // Moves the playhead. Backwards (or far forwards) the player thread rebuilds the picture
    // as of timeUs from the nearest snapshot (rebuildPictureAt) and hands it over whole:
    // generation() increases, and takeBatch() gives the rebuilt picture before any message
    // of the new generation.
    void seek(TimeUs timeUs);
    PlayerState state() const;
    // Loops a range: while playing, reaching endUs seeks back to startUs. clearLoop() ends it.
    void setLoop(TimeUs startUs, TimeUs endUs);
    void clearLoop();
    bool isLooping() const;

    // Moves everything queued into batch (cleared first); returns the count and the
    // generation the messages belong to. After a seek, rebuilt receives the picture as of the
    // seek (apply the batch to it); otherwise it is left empty. Consumer thread.
    std::size_t takeBatch(FeedBatch &batch, std::uint64_t *generation = nullptr,
                          std::unique_ptr<Picture> *rebuilt = nullptr);
    // Most messages ever waiting in the queue at once: replay memory is bounded by this.
    std::size_t peakQueuedMessages() const { return m_peakQueued.load(std::memory_order_relaxed); }
    // Seeks done through a snapshot, and the messages replayed on top of them.
    std::uint64_t seeksFromSnapshot() const { return m_seeksFromSnapshot.load(std::memory_order_relaxed); }

    std::uint64_t messagesDelivered() const { return m_delivered.load(std::memory_order_relaxed); }
    const RejectCounters &rejects() const { return m_rejects; }
    // Set when the file turned out damaged part way; the replay ends there.
    std::string damage() const;

private:
    void run();
    TimeUs playheadLocked(std::chrono::steady_clock::time_point now) const;
    void seekLocked(TimeUs timeUs, std::chrono::steady_clock::time_point now);
    void reanchorLocked(std::chrono::steady_clock::time_point now);
    bool deliver(FeedBatch &batch, std::uint64_t generation);
    void deliverPicture(std::unique_ptr<Picture> picture, std::uint64_t generation);

    PlayerOptions m_options;
    SessionReader m_reader; // player thread only, once started
    std::vector<SessionEvent> m_events;
    WakeFunction m_wake;
    std::thread m_thread;
    std::atomic<bool> m_stopRequested {false};

    // Transport state, guarded by m_stateMutex.
    mutable std::mutex m_stateMutex;
    TimeUs m_anchorPlayheadUs = kTimeUnset;
    std::chrono::steady_clock::time_point m_anchorClock;
    double m_speed = 1.0;
    bool m_playing = false;
    bool m_atEnd = false;
    std::uint64_t m_generation = 0;
    bool m_seekPending = false;
    TimeUs m_loopStartUs = kTimeUnset;
    TimeUs m_loopEndUs = kTimeUnset;
    std::string m_damage;

    mutable std::mutex m_queueMutex;
    std::condition_variable m_queueDrained;
    FeedBatch m_queue;
    std::unique_ptr<Picture> m_queuePicture; // rebuilt by a seek, of m_queueGeneration
    std::uint64_t m_queueGeneration = 0;
    std::atomic<std::size_t> m_peakQueued {0};
    std::atomic<std::uint64_t> m_seeksFromSnapshot {0};

    std::atomic<std::uint64_t> m_delivered {0};
    RejectCounters m_rejects;
};

} // namespace cop::net
