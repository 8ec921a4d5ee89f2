// SPDX-License-Identifier: GPL-3.0-or-later
// Failures an operator must see, on real ZeroMQ sockets over tcp loopback, through the same
// subscriber, Picture and FeedHealth the viewer uses: a publisher that restarts, a network cut
// and its return, a source that floods, and a viewer too slow to keep up.
#include "core/feedhealth.h"
#include "core/picture.h"
#include "net/feedpublisher.h"
#include "net/feedsubscriber.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace cop {

void PrintTo(SourceHealthState state, std::ostream *os)
{
    *os << sourceHealthStateName(state).toStdString();
}

namespace net {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

FeedMessage heartbeat(const std::string &sourceId, Nation nation, std::uint64_t sequence)
{
    const TimeUs nowUs = wallClockNowUs();
    return {{sourceId, nation, sequence, nowUs, kTimeUnset}, Heartbeat{nowUs, 1.0}};
}

std::unique_ptr<FeedPublisher> bindPublisher(zmq::context_t &context, const std::string &endpoint,
                                             int sendHighWaterMark = 1'000'000)
{
    PublisherOptions options{{endpoint}};
    options.sendHighWaterMark = sendHighWaterMark;
    auto publisher = std::make_unique<FeedPublisher>(context, options);
    std::string error;
    // The port was just released by the publisher before; binding again may take a moment.
    for (int attempt = 0; attempt < 50; ++attempt) {
        if (publisher->start(&error))
            return publisher;
        std::this_thread::sleep_for(20ms);
    }
    ADD_FAILURE() << "cannot bind " << endpoint << ": " << error;
    return nullptr;
}

// The viewer's side: subscriber, picture and health, drained the way the frame clock drains.
class Viewer
{
public:
    Viewer(zmq::context_t &context, SubscriberOptions options)
        : m_subscriber(context, std::move(options))
    {
        std::string error;
        EXPECT_TRUE(m_subscriber.start(&error)) << error;
    }

    // Applies whatever is queued; returns the messages applied (probes excluded).
    std::size_t drain()
    {
        m_maxQueued = std::max(m_maxQueued, m_subscriber.queuedMessages());
        if (m_subscriber.takeBatch(m_batch) == 0)
            return 0;
        const std::size_t before = m_batch.size();
        std::erase_if(m_batch, [](const FeedMessage &m) { return m.header.sourceId == "PROBE"; });
        m_probes += before - m_batch.size();
        m_picture.applyBatch(m_batch);
        m_health.observe(m_batch);
        return m_batch.size();
    }

    // Drains at the frame rate until done() or the time is up.
    bool drainUntil(const std::function<bool()> &done, std::chrono::milliseconds limit = 10s)
    {
        const auto deadline = Clock::now() + limit;
        while (Clock::now() < deadline) {
            drain();
            if (done())
                return true;
            std::this_thread::sleep_for(33ms);
        }
        return done();
    }

    // Publishes probes until one arrives: ZeroMQ drops what a publisher sends before the
    // subscription reaches it, and a test that means to count loss must not count that.
    void waitForSubscription(FeedPublisher &publisher)
    {
        const std::size_t probes = m_probes;
        std::uint64_t sequence = 0;
        const auto deadline = Clock::now() + 10s;
        while (m_probes == probes && Clock::now() < deadline) {
            publisher.publish(heartbeat("PROBE", Nation::Korea, ++sequence));
            std::this_thread::sleep_for(5ms);
            drain();
        }
        ASSERT_GT(m_probes, probes) << "the subscription never arrived";
    }

    const SourceRecord *source(const std::string &id) const
    {
        const auto it = m_picture.sources().find(id);
        return it == m_picture.sources().end() ? nullptr : &it->second;
    }
    SourceHealth health(const std::string &id) const
    {
        const SourceRecord *record = source(id);
        EXPECT_NE(record, nullptr) << id;
        return record ? m_health.health(*record, wallClockNowUs()) : SourceHealth{};
    }
    std::uint64_t messagesFrom(const std::string &id) const
    {
        const SourceRecord *record = source(id);
        return record ? record->messageCount : 0;
    }

    FeedSubscriber &subscriber() { return m_subscriber; }
    std::size_t maxQueued() const { return m_maxQueued; }

private:
    FeedSubscriber m_subscriber;
    Picture m_picture;
    FeedHealth m_health;
    FeedBatch m_batch;
    std::size_t m_probes = 0;
    std::size_t m_maxQueued = 0;
};

SubscriberOptions subscribeTo(const std::vector<std::string> &endpoints)
{
    SubscriberOptions options;
    options.endpoints = endpoints;
    return options;
}

// A publisher restarts and counts from 1 again: one restart, no loss. Under load this also
// exercises the subscriber's reconnect while the new publisher's first messages are arriving
// (a reconnect between the frames of a message once aborted inside libzmq).
TEST(FeedFailures, PublisherRestartIsARestartNotLoss)
{
    zmq::context_t context{1};
    auto publisher = bindPublisher(context, "tcp://127.0.0.1:*");
    ASSERT_TRUE(publisher);
    const std::string endpoint = publisher->lastEndpoint();
    Viewer viewer(context, subscribeTo({endpoint}));
    viewer.waitForSubscription(*publisher);
    for (std::uint64_t s = 1; s <= 50; ++s)
        publisher->publish(heartbeat("JP-1", Nation::Japan, s));
    ASSERT_TRUE(viewer.drainUntil([&] { return viewer.messagesFrom("JP-1") == 50; }));

    // The process goes away and comes back on the same port, counting from 1.
    publisher.reset();
    publisher = bindPublisher(context, endpoint);
    ASSERT_TRUE(publisher);
    viewer.waitForSubscription(*publisher);
    for (std::uint64_t s = 1; s <= 50; ++s)
        publisher->publish(heartbeat("JP-1", Nation::Japan, s));
    ASSERT_TRUE(viewer.drainUntil([&] { return viewer.messagesFrom("JP-1") == 100; }));

    const SourceHealth health = viewer.health("JP-1");
    EXPECT_EQ(health.restartCount, 1u);
    EXPECT_EQ(health.gapCount, 0u);
    EXPECT_EQ(health.missedMessages, 0u);
    EXPECT_EQ(health.outOfOrderCount, 0u);
    EXPECT_EQ(health.state, SourceHealthState::Live);
}

// The network between publisher and viewer is cut for four seconds while the source goes on
// counting, then comes back: silent during the cut, live after it, the gap counted exactly.
TEST(FeedFailures, NetworkCutIsSilentThenLiveWithTheGapCounted)
{
    zmq::context_t context{1};
    auto publisher = bindPublisher(context, "tcp://127.0.0.1:*");
    ASSERT_TRUE(publisher);
    const std::string endpoint = publisher->lastEndpoint();
    Viewer viewer(context, subscribeTo({endpoint}));
    viewer.waitForSubscription(*publisher);

    std::uint64_t sequence = 0;
    // 20 Hz for a second.
    for (int i = 0; i < 20; ++i) {
        publisher->publish(heartbeat("JP-1", Nation::Japan, ++sequence));
        std::this_thread::sleep_for(50ms);
        viewer.drain();
    }
    ASSERT_TRUE(viewer.drainUntil([&] { return viewer.messagesFrom("JP-1") == sequence; }));
    const std::uint64_t lastBeforeCut = sequence;

    // The cut: nothing reaches the viewer, the source keeps counting.
    publisher.reset();
    const auto cutUntil = Clock::now() + 4s;
    while (Clock::now() < cutUntil) {
        ++sequence;
        std::this_thread::sleep_for(50ms);
        viewer.drain();
    }
    const std::uint64_t sentDuringCut = sequence - lastBeforeCut;
    const SourceHealth duringCut = viewer.health("JP-1");
    EXPECT_EQ(duringCut.state, SourceHealthState::Silent);
    EXPECT_GT(duringCut.quietUs, kSourceSilentAfterUs);

    // The network returns: the subscriber reconnects by itself.
    publisher = bindPublisher(context, endpoint);
    ASSERT_TRUE(publisher);
    const std::uint64_t receivedBeforeReturn = viewer.messagesFrom("JP-1");
    const bool back = viewer.drainUntil(
        [&] {
            publisher->publish(heartbeat("JP-1", Nation::Japan, ++sequence));
            return viewer.messagesFrom("JP-1") >= receivedBeforeReturn + 10;
        },
        15s);
    ASSERT_TRUE(back) << "the feed did not come back";
    const SourceHealth after = viewer.health("JP-1");
    EXPECT_EQ(after.state, SourceHealthState::Live);
    EXPECT_EQ(after.gapCount, 1u);
    EXPECT_EQ(after.restartCount, 0u);
    // Everything the source counted is either received or counted lost.
    const SourceRecord *record = viewer.source("JP-1");
    ASSERT_NE(record, nullptr);
    EXPECT_EQ(record->messageCount + record->missedMessages, record->lastSequence);
    EXPECT_GE(after.missedMessages, sentDuringCut);
}

// One source floods far above any normal rate: the viewer's queue stays within its bound, the
// flood is flagged with its rate, and the other source goes on being received, live and whole.
TEST(FeedFailures, FloodIsBoundedFlaggedAndOtherSourcesKeepFlowing)
{
    zmq::context_t context{1};
    constexpr int kBound = 20'000;
    auto normal = bindPublisher(context, "tcp://127.0.0.1:*");
    auto flood = bindPublisher(context, "tcp://127.0.0.1:*", kBound);
    ASSERT_TRUE(normal && flood);
    SubscriberOptions options = subscribeTo({normal->lastEndpoint(), flood->lastEndpoint()});
    options.receiveHighWaterMark = kBound;
    options.maxQueuedMessages = kBound;
    Viewer viewer(context, options);
    viewer.waitForSubscription(*normal);
    viewer.waitForSubscription(*flood);

    std::atomic<bool> stop{false};
    std::atomic<std::uint64_t> floodSent{0};
    std::thread flooder([&] {
        std::uint64_t sequence = 0;
        while (!stop.load()) {
            flood->publish(heartbeat("KR-FLOOD", Nation::Korea, ++sequence));
            floodSent.store(sequence, std::memory_order_relaxed);
        }
    });
    std::uint64_t normalSequence = 0;
    bool flagged = false;
    double maxFloodRateHz = 0.0;
    SourceHealthState worstNormal = SourceHealthState::Live;
    const auto until = Clock::now() + 4s;
    while (Clock::now() < until) {
        normal->publish(heartbeat("JP-1", Nation::Japan, ++normalSequence));
        std::this_thread::sleep_for(33ms);
        viewer.drain();
        if (viewer.source("KR-FLOOD")) {
            const SourceHealth floodHealth = viewer.health("KR-FLOOD");
            flagged = flagged || floodHealth.flooding;
            maxFloodRateHz = std::max(maxFloodRateHz, floodHealth.rateHz);
        }
        if (viewer.source("JP-1"))
            worstNormal = std::max(worstNormal, viewer.health("JP-1").state);
    }
    stop.store(true);
    flooder.join();
    ASSERT_TRUE(viewer.drainUntil([&] { return viewer.messagesFrom("JP-1") == normalSequence; }))
        << "the normal source lost messages under the flood";

    EXPECT_LE(viewer.maxQueued(), static_cast<std::size_t>(kBound));
    EXPECT_TRUE(flagged) << "highest flood rate " << maxFloodRateHz;
    EXPECT_GT(maxFloodRateHz, FeedHealthRules{}.floodRateHz);
    EXPECT_EQ(viewer.health("JP-1").missedMessages, 0u);
    EXPECT_NE(worstNormal, SourceHealthState::Silent);
    const SourceRecord *floodRecord = viewer.source("KR-FLOOD");
    ASSERT_NE(floodRecord, nullptr);
    EXPECT_EQ(floodRecord->messageCount + floodRecord->missedMessages, floodRecord->lastSequence);
    std::cout << "flood: " << floodSent.load() << " sent, " << floodRecord->messageCount << " received, "
              << floodRecord->missedMessages << " counted lost, highest rate " << maxFloodRateHz
              << " msg/s, largest queue " << viewer.maxQueued() << "\n";
}

// A viewer that does not drain: the receive queue stops at its bound, the sockets' high-water
// marks drop the rest, and every message lost that way is counted by the sequence numbers.
TEST(FeedFailures, SlowViewerStaysBoundedAndCountsWhatItLost)
{
    zmq::context_t context{1};
    constexpr int kBound = 5'000;
    auto publisher = bindPublisher(context, "tcp://127.0.0.1:*", kBound);
    ASSERT_TRUE(publisher);
    SubscriberOptions options = subscribeTo({publisher->lastEndpoint()});
    options.receiveHighWaterMark = kBound;
    options.maxQueuedMessages = kBound;
    options.maxBatchMessages = 1'000;
    Viewer viewer(context, options);
    viewer.waitForSubscription(*publisher);

    constexpr std::uint64_t kBurst = 200'000;
    for (std::uint64_t s = 1; s <= kBurst; ++s)
        publisher->publish(heartbeat("JP-1", Nation::Japan, s));
    // Nobody drains for a while: the receive thread fills the queue and waits. (Polled, not a
    // fixed sleep: under a sanitizer on a loaded machine the fill takes far longer.)
    const auto fillDeadline = Clock::now() + 20s;
    while (viewer.subscriber().counters().queueFullWaits.load() == 0 && Clock::now() < fillDeadline)
        std::this_thread::sleep_for(20ms);
    EXPECT_LE(viewer.subscriber().queuedMessages(), static_cast<std::size_t>(kBound));
    EXPECT_GT(viewer.subscriber().counters().queueFullWaits.load(), 0u);

    // The viewer catches up until nothing more arrives for half a second; then one more
    // message, sent once there is room for it.
    std::uint64_t seen = 0;
    auto quietSince = Clock::now();
    const auto catchUpDeadline = Clock::now() + 30s;
    while (Clock::now() - quietSince < 500ms && Clock::now() < catchUpDeadline) {
        viewer.drain();
        std::this_thread::sleep_for(10ms);
        if (viewer.messagesFrom("JP-1") != seen) {
            seen = viewer.messagesFrom("JP-1");
            quietSince = Clock::now();
        }
    }
    publisher->publish(heartbeat("JP-1", Nation::Japan, kBurst + 1));
    ASSERT_TRUE(viewer.drainUntil([&] {
        const SourceRecord *record = viewer.source("JP-1");
        return record && record->lastSequence == kBurst + 1;
    }));
    const SourceRecord *record = viewer.source("JP-1");
    EXPECT_LE(viewer.subscriber().counters().queueHighWater.load(), static_cast<std::uint64_t>(kBound));
    EXPECT_LE(viewer.maxQueued(), static_cast<std::size_t>(kBound));
    EXPECT_GT(record->missedMessages, 0u) << "a viewer this slow must have lost some";
    EXPECT_EQ(record->messageCount + record->missedMessages, kBurst + 1);
    EXPECT_EQ(record->restartCount, 0u);
    std::cout << "slow viewer: " << record->messageCount << " received, " << record->missedMessages
              << " counted lost of " << kBurst + 1 << "\n";
}

} // namespace
} // namespace net
} // namespace cop
