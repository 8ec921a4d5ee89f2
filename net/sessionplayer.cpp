// SPDX-License-Identifier: GPL-3.0-or-later
#include "sessionplayer.h"

#include "net/picturerebuild.h"
#include "net/wiredecoder.h"

#include <algorithm>
#include <chrono>

namespace cop::net {

using Clock = std::chrono::steady_clock;

SessionPlayer::SessionPlayer(PlayerOptions options)
    : m_options(options)
    , m_speed(std::clamp(options.speed, kMinSpeed, kMaxSpeed))
    , m_playing(options.playing)
{ }

SessionPlayer::~SessionPlayer()
{
    stop();
}

bool SessionPlayer::open(const std::string &path, std::string *error)
{
    if (!m_reader.open(path, error))
        return false;
    m_events = m_reader.readEvents();
    std::lock_guard lock(m_stateMutex);
    m_anchorPlayheadUs = m_reader.info().firstReceiveTimeUs;
    m_anchorClock = Clock::now();
    return true;
}

void SessionPlayer::addEvent(SessionEvent event)
{
    const auto at = std::upper_bound(m_events.begin(), m_events.end(), event.timeUs,
                                     [](TimeUs t, const SessionEvent &e) { return t < e.timeUs; });
    m_events.insert(at, std::move(event));
}

void SessionPlayer::start()
{
    if (m_thread.joinable() || !m_reader.isOpen())
        return;
    {
        std::lock_guard lock(m_stateMutex);
        m_anchorClock = Clock::now();
    }
    m_stopRequested.store(false);
    m_thread = std::thread([this] { run(); });
}

void SessionPlayer::stop()
{
    if (!m_thread.joinable())
        return;
    {
        std::lock_guard lock(m_queueMutex);
        m_stopRequested.store(true);
    }
    m_queueDrained.notify_all();
    m_thread.join();
}

TimeUs SessionPlayer::playheadLocked(Clock::time_point now) const
{
    const SessionInfo &info = m_reader.info();
    if (info.firstReceiveTimeUs == kTimeUnset)
        return kTimeUnset;
    TimeUs playheadUs = m_anchorPlayheadUs;
    if (m_playing) {
        const auto elapsedUs
            = std::chrono::duration_cast<std::chrono::microseconds>(now - m_anchorClock).count();
        playheadUs += static_cast<TimeUs>(static_cast<double>(elapsedUs) * m_speed);
    }
    return std::clamp(playheadUs, info.firstReceiveTimeUs, info.lastReceiveTimeUs);
}

void SessionPlayer::reanchorLocked(Clock::time_point now)
{
    m_anchorPlayheadUs = playheadLocked(now);
    m_anchorClock = now;
}

void SessionPlayer::setPlaying(bool playing)
{
    bool restart = false;
    {
        std::lock_guard lock(m_stateMutex);
        reanchorLocked(Clock::now());
        restart = playing && m_atEnd;
        m_playing = playing;
    }
    // Play at the end plays the session again from its start.
    if (restart)
        seek(m_reader.info().firstReceiveTimeUs);
}

void SessionPlayer::setSpeed(double speed)
{
    std::lock_guard lock(m_stateMutex);
    reanchorLocked(Clock::now());
    m_speed = std::clamp(speed, kMinSpeed, kMaxSpeed);
}

void SessionPlayer::seek(TimeUs timeUs)
{
    std::lock_guard lock(m_stateMutex);
    seekLocked(timeUs, Clock::now());
}

void SessionPlayer::seekLocked(TimeUs timeUs, Clock::time_point now)
{
    const TimeUs current = playheadLocked(now);
    m_anchorPlayheadUs = timeUs;
    m_anchorClock = now;
    m_atEnd = false;
    if (timeUs >= current && timeUs - current <= m_options.catchUpLimitUs)
        return; // a little forwards: the player thread simply catches up
    // Backwards or far forwards: the player thread rebuilds the picture as of the new playhead
    // from the nearest snapshot.
    ++m_generation;
    m_seekPending = true;
    std::lock_guard queueLock(m_queueMutex);
    m_queue.clear();
    m_queuePicture.reset();
    m_queueGeneration = m_generation;
    m_queueDrained.notify_all();
}

void SessionPlayer::setLoop(TimeUs startUs, TimeUs endUs)
{
    if (startUs > endUs)
        std::swap(startUs, endUs);
    std::lock_guard lock(m_stateMutex);
    m_loopStartUs = startUs;
    m_loopEndUs = endUs;
    const TimeUs current = playheadLocked(Clock::now());
    if (current < startUs || current > endUs)
        seekLocked(startUs, Clock::now());
}

void SessionPlayer::clearLoop()
{
    std::lock_guard lock(m_stateMutex);
    m_loopStartUs = m_loopEndUs = kTimeUnset;
}

bool SessionPlayer::isLooping() const
{
    std::lock_guard lock(m_stateMutex);
    return m_loopStartUs != kTimeUnset;
}

PlayerState SessionPlayer::state() const
{
    std::lock_guard lock(m_stateMutex);
    PlayerState state;
    state.playheadUs = playheadLocked(Clock::now());
    state.startUs = m_reader.info().firstReceiveTimeUs;
    state.endUs = m_reader.info().lastReceiveTimeUs;
    state.speed = m_speed;
    state.playing = m_playing;
    state.atEnd = m_atEnd;
    state.generation = m_generation;
    return state;
}

std::string SessionPlayer::damage() const
{
    std::lock_guard lock(m_stateMutex);
    return m_damage;
}

std::size_t SessionPlayer::takeBatch(FeedBatch &batch, std::uint64_t *generation,
                                     std::unique_ptr<Picture> *rebuilt)
{
    batch.clear();
    {
        std::lock_guard lock(m_queueMutex);
        batch.swap(m_queue);
        if (generation)
            *generation = m_queueGeneration;
        if (rebuilt)
            *rebuilt = std::move(m_queuePicture);
        m_queuePicture.reset();
    }
    m_queueDrained.notify_all();
    return batch.size();
}

bool SessionPlayer::deliver(FeedBatch &batch, std::uint64_t generation)
{
    if (batch.empty())
        return true;
    bool wasEmpty = false;
    {
        std::unique_lock lock(m_queueMutex);
        // Bounded: wait for the consumer rather than read the whole file into memory.
        m_queueDrained.wait(lock, [&] {
            return m_stopRequested.load() || m_queueGeneration != generation
                || m_queue.size() + batch.size() <= m_options.maxQueuedMessages || m_queue.empty();
        });
        if (m_stopRequested.load() || m_queueGeneration != generation)
            return false; // stopping, or a seek made these messages stale
        wasEmpty = m_queue.empty();
        if (wasEmpty) {
            m_queue.swap(batch);
        } else {
            std::move(batch.begin(), batch.end(), std::back_inserter(m_queue));
        }
        if (m_queue.size() > m_peakQueued.load(std::memory_order_relaxed))
            m_peakQueued.store(m_queue.size(), std::memory_order_relaxed);
    }
    batch.clear();
    if (wasEmpty && m_wake)
        m_wake();
    return true;
}

void SessionPlayer::deliverPicture(std::unique_ptr<Picture> picture, std::uint64_t generation)
{
    {
        std::lock_guard lock(m_queueMutex);
        if (m_queueGeneration != generation)
            return; // another seek came meanwhile
        m_queuePicture = std::move(picture);
    }
    if (m_wake)
        m_wake();
}

void SessionPlayer::run()
{
    WireDecoder decoder;
    WireDecoder::Rejection rejection;
    FeedBatch batch;
    SessionPosition position;
    std::uint64_t generation = 0;
    TimeUs rebuildUs = kTimeUnset;
    {
        std::lock_guard lock(m_stateMutex);
        generation = m_generation;
    }
    const TimeUs endUs = m_reader.info().lastReceiveTimeUs;

    while (!m_stopRequested.load()) {
        TimeUs targetUs = kTimeUnset;
        {
            std::lock_guard lock(m_stateMutex);
            const auto now = Clock::now();
            // A looped range: the end of it plays the start again.
            if (m_loopEndUs != kTimeUnset && m_playing && playheadLocked(now) >= m_loopEndUs)
                seekLocked(m_loopStartUs, now);
            if (m_seekPending) {
                m_seekPending = false;
                position = {};
                generation = m_generation;
                rebuildUs = playheadLocked(Clock::now());
            }
            targetUs = playheadLocked(Clock::now());
        }
        if (rebuildUs != kTimeUnset && m_damage.empty()) {
            // Outside the lock: transport stays responsive while the picture is rebuilt.
            auto picture = std::make_unique<Picture>();
            const PictureRebuild rebuild
                = rebuildPictureAt(m_reader, decoder, rebuildUs, *picture, &m_rejects,
                                   m_options.readWindowMessages);
            rebuildUs = kTimeUnset;
            position = rebuild.position;
            m_delivered.fetch_add(rebuild.messagesReplayed, std::memory_order_relaxed);
            if (rebuild.fromSnapshot)
                m_seeksFromSnapshot.fetch_add(1, std::memory_order_relaxed);
            if (!rebuild.error.empty()) {
                std::lock_guard lock(m_stateMutex);
                m_damage = rebuild.error;
            }
            deliverPicture(std::move(picture), generation);
        }
        bool caughtUp = true;
        if (targetUs != kTimeUnset && m_damage.empty()) {
            batch.clear();
            const SessionReadResult result = m_reader.read(
                position, targetUs + 1, m_options.readWindowMessages,
                [&](const StoredMessage &stored) {
                    FeedMessage &message = batch.emplace_back();
                    if (!decoder.decode(stored.topic, stored.payload, message, rejection)) {
                        batch.pop_back();
                        m_rejects.add(rejection.reason);
                        return;
                    }
                    message.header.receiveTimeUs = stored.receiveTimeUs;
                });
            if (result.count > 0) {
                position = result.last;
                const std::size_t count = batch.size();
                if (deliver(batch, generation))
                    m_delivered.fetch_add(count, std::memory_order_relaxed);
                caughtUp = result.count < m_options.readWindowMessages;
            }
            if (!result.error.empty()) {
                std::lock_guard lock(m_stateMutex);
                m_damage = result.error;
            }
        }
        {
            std::lock_guard lock(m_stateMutex);
            // The end of the session, or of its readable part: stop there, paused.
            bool finished
                = !m_damage.empty() || (targetUs >= endUs && caughtUp && !m_seekPending);
            if (finished && m_damage.empty() && m_playing && m_loopEndUs != kTimeUnset) {
                seekLocked(m_loopStartUs, Clock::now()); // a loop to the very end goes round
                finished = false;
            }
            if (finished && m_playing && targetUs != kTimeUnset) {
                reanchorLocked(Clock::now());
                m_playing = false;
            }
            m_atEnd = finished && !m_seekPending;
        }
        if (caughtUp) {
            std::unique_lock lock(m_queueMutex);
            m_queueDrained.wait_for(lock, std::chrono::milliseconds(m_options.tickMs),
                                    [this] { return m_stopRequested.load(); });
        }
    }
}

} // namespace cop::net
