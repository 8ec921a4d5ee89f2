// SPDX-License-Identifier: GPL-3.0-or-later
// Publisher to subscriber over real ZeroMQ sockets on tcp loopback, into a Picture.
#include "net/wiretestdata.h"

#include "core/picture.h"
#include "net/feedpublisher.h"
#include "net/feedsubscriber.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace cop::net {
namespace {

using namespace std::chrono_literals;

FeedMessage heartbeatFrom(const std::string &sourceId, Nation nation, std::uint64_t sequence)
{
    FeedMessage message = test::sampleHeartbeat(sequence);
    message.header.sourceId = sourceId;
    message.header.nation = nation;
    return message;
}

// Loopback PUB/SUB pair with the subscription established (ZeroMQ drops what a publisher sends
// before a subscriber's subscription has arrived, so the fixture waits for a probe).
class LoopbackFeed : public ::testing::Test
{
protected:
    void SetUp() override
    {
        publisher = std::make_unique<FeedPublisher>(context, PublisherOptions{{"tcp://127.0.0.1:*"}});
        std::string error;
        ASSERT_TRUE(publisher->start(&error)) << error;
        SubscriberOptions options;
        options.endpoints = {publisher->lastEndpoint()};
        subscriber = std::make_unique<FeedSubscriber>(context, options);
        subscriber->setWakeFunction([this] { wakeups.fetch_add(1); });
        ASSERT_TRUE(subscriber->start(&error)) << error;

        const FeedMessage probe = heartbeatFrom("PROBE", Nation::Korea, 1);
        const auto deadline = std::chrono::steady_clock::now() + 5s;
        while (subscriber->counters().messagesAccepted.load() == 0
               && std::chrono::steady_clock::now() < deadline) {
            publisher->publish(probe);
            std::this_thread::sleep_for(5ms);
        }
        ASSERT_GT(subscriber->counters().messagesAccepted.load(), 0u) << "subscription never arrived";
        std::this_thread::sleep_for(20ms);
        FeedBatch discard;
        subscriber->takeBatch(discard);
    }

    // Collects into the picture until `count` non-probe messages arrived or time runs out.
    std::size_t drainInto(Picture &picture, std::size_t count)
    {
        std::size_t total = 0;
        FeedBatch batch;
        const auto deadline = std::chrono::steady_clock::now() + 10s;
        while (total < count && std::chrono::steady_clock::now() < deadline) {
            if (subscriber->takeBatch(batch) == 0) {
                std::this_thread::sleep_for(1ms);
                continue;
            }
            std::erase_if(batch, [](const FeedMessage &m) { return m.header.sourceId == "PROBE"; });
            total += batch.size();
            picture.applyBatch(batch);
        }
        return total;
    }

    zmq::context_t context{1};
    std::unique_ptr<FeedPublisher> publisher;
    std::unique_ptr<FeedSubscriber> subscriber;
    std::atomic<int> wakeups{0};
};

TEST_F(LoopbackFeed, DeliversEveryMessageInBatchesAndDetectsGaps)
{
    // Sequences 1..1000 with 100..109 and 500 missing: two gaps, eleven messages lost.
    std::size_t sent = 0;
    for (std::uint64_t sequence = 1; sequence <= 1000; ++sequence) {
        if ((sequence >= 100 && sequence <= 109) || sequence == 500)
            continue;
        FeedMessage message = test::sampleTrackUpdate(sequence);
        std::get<TrackUpdate>(message.body).timeUs = test::kTestEpochUs + static_cast<TimeUs>(sequence) * 1000;
        ASSERT_TRUE(publisher->publish(message));
        ++sent;
    }
    Picture picture;
    EXPECT_EQ(drainInto(picture, sent), sent);

    const auto &source = picture.sources().at("JP-JADGE");
    EXPECT_EQ(source.messageCount, sent);
    EXPECT_EQ(source.gapCount, 2u);
    EXPECT_EQ(source.missedMessages, 11u);
    EXPECT_EQ(source.lastSequence, 1000u);
    EXPECT_EQ(picture.trackCountAt(kTimeLive), 1u);
    const TrackRecord *record = picture.track({"JP-JADGE", "JP-0042"});
    ASSERT_NE(record, nullptr);
    EXPECT_EQ(record->history.size(), sent);
    EXPECT_NE(record->latest().position, GeoPosition{});
    // Batched hand-over: far fewer wake-ups than messages.
    EXPECT_LT(wakeups.load(), static_cast<int>(sent));
    EXPECT_EQ(subscriber->rejects().total(), 0u);
}

TEST_F(LoopbackFeed, RefusesWrongFrameCountsAndGarbageButKeepsGoing)
{
    zmq::socket_t raw(context, zmq::socket_type::pub);
    raw.bind("tcp://127.0.0.1:*");
    subscriber->stop();
    SubscriberOptions options;
    options.endpoints = {raw.get(zmq::sockopt::last_endpoint)};
    FeedSubscriber rawSubscriber(context, options);
    std::atomic<int> rejectedSeen{0};
    rawSubscriber.setRejectedFrameFunction(
        [&](std::string_view, std::string_view, const WireDecoder::Rejection &) { rejectedSeen.fetch_add(1); });
    ASSERT_TRUE(rawSubscriber.start());

    WireEncoder encoder;
    std::string good;
    ASSERT_TRUE(encoder.encode(test::sampleHeartbeat(1), good));
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (rawSubscriber.counters().messagesAccepted.load() == 0 && std::chrono::steady_clock::now() < deadline) {
        raw.send(zmq::str_buffer("heartbeat.JP.JP-JADGE"), zmq::send_flags::sndmore);
        raw.send(zmq::buffer(good));
        std::this_thread::sleep_for(5ms);
    }
    ASSERT_GT(rawSubscriber.counters().messagesAccepted.load(), 0u);

    raw.send(zmq::str_buffer("just-one-frame"));
    raw.send(zmq::str_buffer("heartbeat.JP.JP-JADGE"), zmq::send_flags::sndmore);
    raw.send(zmq::str_buffer("a"), zmq::send_flags::sndmore);
    raw.send(zmq::str_buffer("b"));
    raw.send(zmq::str_buffer("heartbeat.JP.JP-JADGE"), zmq::send_flags::sndmore);
    raw.send(zmq::str_buffer("\x0a\xff\xff garbage"));
    raw.send(zmq::str_buffer("heartbeat.JP.JP-JADGE"), zmq::send_flags::sndmore);
    raw.send(zmq::buffer(good));

    const auto until = std::chrono::steady_clock::now() + 5s;
    while (rejectedSeen.load() < 3 && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(2ms);
    EXPECT_EQ(rawSubscriber.rejects().count(RejectReason::WrongFrameCount), 2u);
    EXPECT_EQ(rawSubscriber.rejects().count(RejectReason::ParseError), 1u);
    EXPECT_EQ(rejectedSeen.load(), 3);
    rawSubscriber.stop();
}

TEST_F(LoopbackFeed, OversizedMessageRefusedBySocket)
{
    // ZMQ_MAXMSGSIZE makes libzmq drop the connection on an oversized frame; the subscriber
    // reconnects and carries on, and the good message after it still arrives.
    std::string huge(200 * 1024, 'x');
    publisher->publishFrames("heartbeat.JP.JP-JADGE", huge);
    std::this_thread::sleep_for(200ms);
    const auto before = subscriber->counters().messagesAccepted.load();
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (subscriber->counters().messagesAccepted.load() == before && std::chrono::steady_clock::now() < deadline) {
        publisher->publish(heartbeatFrom("JP-JADGE", Nation::Japan, 2));
        std::this_thread::sleep_for(20ms);
    }
    EXPECT_GT(subscriber->counters().messagesAccepted.load(), before);
    EXPECT_EQ(subscriber->rejects().count(RejectReason::OversizedMessage), 0u)
        << "the socket, not the decoder, must refuse it";
}

TEST(FeedSubscriber, MalformedEndpointIsAnErrorNotACrash)
{
    zmq::context_t context(1);
    SubscriberOptions options;
    options.endpoints = {"not-an-endpoint"};
    FeedSubscriber subscriber(context, options);
    std::string error;
    EXPECT_FALSE(subscriber.start(&error));
    EXPECT_FALSE(error.empty());
    EXPECT_FALSE(subscriber.isRunning());
}

} // namespace
} // namespace cop::net

namespace cop::net {
namespace {

// A peer that fails every handshake (here: a REP socket, which SUB cannot talk to) must get a
// few reconnect attempts a second with backoff, not a storm of thousands.
TEST(FeedSubscriber, FailingPeerGetsBackoffNotAStorm)
{
    zmq::context_t context(1);
    zmq::socket_t wrongKind(context, zmq::socket_type::rep);
    wrongKind.bind("tcp://127.0.0.1:*");
    SubscriberOptions options;
    options.endpoints = {wrongKind.get(zmq::sockopt::last_endpoint)};
    options.reconnectIntervalMs = 50;
    options.reconnectIntervalMaxMs = 400;
    FeedSubscriber subscriber(context, options);
    ASSERT_TRUE(subscriber.start());
    std::this_thread::sleep_for(2s);
    subscriber.stop();
    const auto disconnects = subscriber.counters().disconnects.load();
    EXPECT_GE(disconnects, 3u) << "the failed handshakes are seen, and the watcher tries again";
    EXPECT_LT(disconnects, 60u) << "backoff keeps attempts to a few a second";
}

// Stopping must not hang while the receive thread waits for a consumer that never comes.
TEST_F(LoopbackFeed, StopsPromptlyWhileTheQueueIsFull)
{
    subscriber->stop();
    SubscriberOptions options;
    options.endpoints = {publisher->lastEndpoint()};
    options.maxQueuedMessages = 8;
    options.maxBatchMessages = 100; // clamped to the queue's size
    FeedSubscriber stuck(context, options);
    ASSERT_TRUE(stuck.start());
    // Generous: the subscription has to reach the publisher first, slow on a loaded machine.
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    std::uint64_t sequence = 1;
    while (stuck.counters().queueFullWaits.load() == 0 && std::chrono::steady_clock::now() < deadline) {
        publisher->publish(heartbeatFrom("JP-JADGE", Nation::Japan, sequence++));
        std::this_thread::sleep_for(1ms);
    }
    ASSERT_GT(stuck.counters().queueFullWaits.load(), 0u) << "the queue never filled";
    EXPECT_EQ(stuck.queuedMessages(), 8u);
    const auto started = std::chrono::steady_clock::now();
    stuck.stop();
    // A hang check, not a speed target: stop() must not wait for the queue to drain.
    EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
}

} // namespace
} // namespace cop::net
