// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/messages.h"
#include "net/connectionwatcher.h"
#include "net/curvecertificate.h"
#include "net/rejectreason.h"
#include "net/wiredecoder.h"

#include <zmq.hpp>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace cop::net {

struct SubscriberOptions
{
    std::vector<std::string> endpoints;          // e.g. "tcp://127.0.0.1:5555"
    std::vector<std::string> topicPrefixes{""};  // "" subscribes to everything
    // Room for a burst of ~10 s at 100k msg/s in the socket before ZeroMQ starts dropping;
    // drops then show up as sequence gaps, never silently.
    int receiveHighWaterMark = 1'000'000;
    int reconnectIntervalMs = 100;      // first retry after a lost connection...
    int reconnectIntervalMaxMs = 5'000; // ...then exponential backoff up to this
    int heartbeatIntervalMs = 1'000;    // ZMTP heartbeats detect a dead peer on an idle link
    int heartbeatTimeoutMs = 3'000;
    std::size_t maxQueuedMessages = 1'000'000; // bound of the queue to the consumer
    std::size_t maxBatchMessages = 8'192;      // decoded before one hand-over
    // CURVE: this end's key pair, and the public key of the publisher at each endpoint
    // (Z85). An endpoint with a server key is only accepted from the publisher holding its
    // secret twin; one without connects in clear (the command lines ask for --insecure).
    std::optional<CurveCertificate> clientCertificate{};
    std::map<std::string, std::string> serverPublicKeys{};
};

// Counters of the receive path; read from any thread.
struct SubscriberCounters
{
    std::atomic<std::uint64_t> framesReceived{0};
    std::atomic<std::uint64_t> messagesAccepted{0};
    std::atomic<std::uint64_t> wakeups{0};
    std::atomic<std::uint64_t> queueFullWaits{0}; // consumer too slow: receive thread waited
    std::atomic<std::uint64_t> queueHighWater{0};
    std::atomic<std::uint64_t> connects{0};
    std::atomic<std::uint64_t> disconnects{0}; // includes peers refused for oversized frames
    // Handshakes that failed: the publisher refused our key, or it is not the publisher
    // whose key we hold, or one end has CURVE and the other not.
    std::atomic<std::uint64_t> handshakeFailures{0};
    std::atomic<std::uint64_t> authenticationFailures{0}; // of those, refused by the publisher
};

// Subscribes to one or more feed endpoints on one ZeroMQ SUB socket. A receive thread owns
// the socket, decodes and validates, stamps receive times, and hands decoded messages over in
// batches through a bounded queue: the consumer is woken once when the queue goes from empty to
// non-empty, never once per message. When the queue is full the receive thread waits (the
// socket's high-water mark then absorbs the burst) rather than discard data already received.
class FeedSubscriber
{
public:
    // Called on the receive thread: make it cheap (post an event, notify a condition).
    using WakeFunction = std::function<void()>;
    // Optional taps on the receive thread, for recorders and diagnostics.
    using AcceptedFrameFunction =
        std::function<void(std::string_view topic, std::string_view payload, const FeedMessage &)>;
    using RejectedFrameFunction = std::function<void(std::string_view topic, std::string_view payload,
                                                     const WireDecoder::Rejection &)>;

    FeedSubscriber(zmq::context_t &context, SubscriberOptions options);
    ~FeedSubscriber();
    FeedSubscriber(const FeedSubscriber &) = delete;
    FeedSubscriber &operator=(const FeedSubscriber &) = delete;

    void setWakeFunction(WakeFunction wake) { m_wake = std::move(wake); }
    void setAcceptedFrameFunction(AcceptedFrameFunction f) { m_onAccepted = std::move(f); }
    void setRejectedFrameFunction(RejectedFrameFunction f) { m_onRejected = std::move(f); }

    // Creates the socket, connects every endpoint and starts the receive thread. False with a
    // message if an endpoint is malformed; nothing is started then.
    // Also false if a server key or the client certificate is unusable.
    bool start(std::string *error = nullptr);
    void stop();
    bool isRunning() const { return m_thread.joinable(); }

    // Moves everything queued into batch (which is cleared first); returns the count.
    // Called on the consumer's thread. The messages batch held before are handed back to the
    // receive thread, which decodes into them again (up to maxBatchMessages of them).
    std::size_t takeBatch(FeedBatch &batch);
    std::size_t queuedMessages() const;

    const RejectCounters &rejects() const { return m_rejects; }
    const SubscriberCounters &counters() const { return m_counters; }
    // Failed handshakes of options().endpoints[index], so the console can say which publisher
    // refuses it.
    const EndpointHandshakeCounters &endpointHandshakes(std::size_t index) const
    {
        return m_endpointHandshakes[index];
    }
    const SubscriberOptions &options() const { return m_options; }

private:
    // What the receive thread keeps between messages (buffers reused, never shared).
    struct ReceiveState
    {
        WireDecoder decoder;
        WireDecoder::Rejection rejection;
        FeedBatch local; // decoded, not yet handed over
        FeedBatch spare; // from m_spent, decoded into before anything new is allocated
        zmq::message_t topic;
        zmq::message_t payload;
        zmq::message_t extra;
    };

    void receiveLoop(zmq::socket_t &socket, ConnectionWatcher &watcher);
    void receiveSome(zmq::socket_t &socket, ConnectionWatcher &watcher, ReceiveState &state);
    void handOver(FeedBatch &local, FeedBatch &spare);

    zmq::context_t &m_context;
    SubscriberOptions m_options;
    WakeFunction m_wake;
    AcceptedFrameFunction m_onAccepted;
    RejectedFrameFunction m_onRejected;

    std::thread m_thread;
    std::atomic<bool> m_stopRequested{false};

    mutable std::mutex m_queueMutex;
    std::condition_variable m_queueDrained;
    FeedBatch m_queue;
    // Messages the consumer has finished with, waiting to be decoded into again: reusing
    // their strings' and vectors' capacity saves the receive thread allocations and the
    // consumer the matching frees. At most maxBatchMessages.
    FeedBatch m_spent;

    RejectCounters m_rejects;
    SubscriberCounters m_counters;
    // One per endpoint, made with the subscriber and never resized: safe to read while the
    // receive thread counts.
    std::unique_ptr<EndpointHandshakeCounters[]> m_endpointHandshakes;
};

} // namespace cop::net
