// SPDX-License-Identifier: GPL-3.0-or-later
#include "feedsubscriber.h"

#include "core/timeus.h"
#include "net/protocol.h"

#include <chrono>
#include <cstring>

namespace cop::net {

namespace {
// How long an idle receive thread waits before checking the stop flag again.
constexpr int kReceiveTimeoutMs = 50;
} // namespace

FeedSubscriber::FeedSubscriber(zmq::context_t &context, SubscriberOptions options)
    : m_context(context)
    , m_options(std::move(options))
{
}

FeedSubscriber::~FeedSubscriber()
{
    stop();
}

bool FeedSubscriber::start(std::string *error)
{
    if (m_thread.joinable())
        return true;
    try {
        zmq::socket_t socket(m_context, zmq::socket_type::sub);
        socket.set(zmq::sockopt::rcvhwm, m_options.receiveHighWaterMark);
        socket.set(zmq::sockopt::maxmsgsize, kMaxMessageBytes);
        socket.set(zmq::sockopt::reconnect_ivl, m_options.reconnectIntervalMs);
        socket.set(zmq::sockopt::reconnect_ivl_max, m_options.reconnectIntervalMaxMs);
        socket.set(zmq::sockopt::heartbeat_ivl, m_options.heartbeatIntervalMs);
        socket.set(zmq::sockopt::heartbeat_timeout, m_options.heartbeatTimeoutMs);
        socket.set(zmq::sockopt::heartbeat_ttl, m_options.heartbeatTimeoutMs);
        socket.set(zmq::sockopt::linger, 0);
        for (const auto &prefix : m_options.topicPrefixes)
            socket.set(zmq::sockopt::subscribe, prefix);
        for (const auto &endpoint : m_options.endpoints)
            socket.connect(endpoint);
        // Connection events tell us about drops the socket will not recover from by itself.
        const std::string monitorEndpoint =
            "inproc://cop-subscriber-monitor-" + std::to_string(reinterpret_cast<std::uintptr_t>(this));
        if (zmq_socket_monitor(socket.handle(), monitorEndpoint.c_str(),
                               ZMQ_EVENT_CONNECTED | ZMQ_EVENT_DISCONNECTED) != 0)
            throw zmq::error_t();
        zmq::socket_t monitor(m_context, zmq::socket_type::pair);
        monitor.set(zmq::sockopt::linger, 0);
        monitor.connect(monitorEndpoint);
        m_stopRequested.store(false);
        m_thread = std::thread(&FeedSubscriber::receiveLoop, this, std::move(socket), std::move(monitor));
    } catch (const zmq::error_t &e) {
        if (error)
            *error = std::string("cannot subscribe: ") + e.what();
        return false;
    }
    return true;
}

void FeedSubscriber::stop()
{
    if (!m_thread.joinable())
        return;
    m_stopRequested.store(true);
    m_queueDrained.notify_all();
    m_thread.join();
}

void FeedSubscriber::receiveLoop(zmq::socket_t socket, zmq::socket_t monitor)
{
    WireDecoder decoder;
    WireDecoder::Rejection rejection;
    FeedBatch local;
    local.reserve(m_options.maxBatchMessages);
    FeedBatch spare; // from m_spent, decoded into before anything new is allocated
    zmq::message_t topic;
    zmq::message_t payload;
    zmq::message_t extra;

    while (!m_stopRequested.load(std::memory_order_relaxed)) {
        if (local.empty()) {
            // Nothing pending: sleep until data or a connection event, or the stop check.
            zmq::pollitem_t items[] = {{socket.handle(), 0, ZMQ_POLLIN, 0},
                                       {monitor.handle(), 0, ZMQ_POLLIN, 0}};
            try {
                zmq::poll(items, 2, std::chrono::milliseconds(kReceiveTimeoutMs));
            } catch (const zmq::error_t &) {
                break; // context terminated
            }
            if (items[1].revents & ZMQ_POLLIN)
                handleConnectionEvents(socket, monitor);
            if (!(items[0].revents & ZMQ_POLLIN))
                continue;
        }
        std::optional<std::size_t> received;
        try {
            received = socket.recv(topic, zmq::recv_flags::dontwait);
        } catch (const zmq::error_t &) {
            break;
        }
        if (!received) {
            handOver(local, spare);
            continue;
        }
        m_counters.framesReceived.fetch_add(1, std::memory_order_relaxed);

        // A message is exactly two frames; anything else is consumed whole and refused.
        bool wellFormed = topic.more();
        if (wellFormed) {
            (void)socket.recv(payload, zmq::recv_flags::none);
            if (payload.more()) {
                wellFormed = false;
                do {
                    (void)socket.recv(extra, zmq::recv_flags::none);
                } while (extra.more());
            }
        }
        const std::string_view topicView(static_cast<const char *>(topic.data()), topic.size());
        if (!wellFormed) {
            m_rejects.add(RejectReason::WrongFrameCount);
            if (m_onRejected) {
                rejection = {RejectReason::WrongFrameCount, "a message must have exactly two frames"};
                m_onRejected(topicView, {}, rejection);
            }
            continue;
        }
        const std::string_view payloadView(static_cast<const char *>(payload.data()), payload.size());
        if (spare.empty()) {
            local.emplace_back();
        } else {
            local.push_back(std::move(spare.back()));
            spare.pop_back();
        }
        FeedMessage &message = local.back();
        if (!decoder.decode(topicView, payloadView, message, rejection)) {
            local.pop_back();
            m_rejects.add(rejection.reason);
            if (m_onRejected)
                m_onRejected(topicView, payloadView, rejection);
        } else {
            message.header.receiveTimeUs = wallClockNowUs();
            m_counters.messagesAccepted.fetch_add(1, std::memory_order_relaxed);
            if (m_onAccepted)
                m_onAccepted(topicView, payloadView, message);
        }
        if (local.size() >= m_options.maxBatchMessages)
            handOver(local, spare);
    }
    if (!local.empty() && !m_stopRequested.load())
        handOver(local, spare);
}

void FeedSubscriber::handleConnectionEvents(zmq::socket_t &socket, zmq::socket_t &monitor)
{
    zmq::message_t event;
    zmq::message_t address;
    while (monitor.recv(event, zmq::recv_flags::dontwait)) {
        if (!event.more() || !monitor.recv(address, zmq::recv_flags::none) || event.size() < 2)
            continue;
        std::uint16_t id = 0;
        std::memcpy(&id, event.data(), sizeof id);
        if (id == ZMQ_EVENT_CONNECTED) {
            m_counters.connects.fetch_add(1, std::memory_order_relaxed);
        } else if (id == ZMQ_EVENT_DISCONNECTED) {
            m_counters.disconnects.fetch_add(1, std::memory_order_relaxed);
            // libzmq does not reconnect after a protocol error, such as a frame above
            // ZMQ_MAXMSGSIZE; one oversized message would otherwise cut a publisher off for
            // good. Reconnecting by hand restores the feed; the message itself stays refused.
            const std::string endpoint(static_cast<const char *>(address.data()), address.size());
            for (const auto &configured : m_options.endpoints) {
                if (configured != endpoint)
                    continue;
                try {
                    socket.disconnect(endpoint);
                } catch (const zmq::error_t &) {
                    // Already gone from the socket's list: connecting again is all we need.
                }
                try {
                    socket.connect(endpoint);
                } catch (const zmq::error_t &) {
                }
            }
        }
    }
}

void FeedSubscriber::handOver(FeedBatch &local, FeedBatch &spare)
{
    if (local.empty())
        return;
    bool wasEmpty = false;
    {
        std::unique_lock lock(m_queueMutex);
        if (m_queue.size() + local.size() > m_options.maxQueuedMessages) {
            m_counters.queueFullWaits.fetch_add(1, std::memory_order_relaxed);
            m_queueDrained.wait(lock, [&] {
                return m_stopRequested.load()
                       || m_queue.size() + local.size() <= m_options.maxQueuedMessages;
            });
            if (m_stopRequested.load())
                return;
        }
        wasEmpty = m_queue.empty();
        if (wasEmpty) {
            m_queue.swap(local);
        } else {
            m_queue.insert(m_queue.end(), std::make_move_iterator(local.begin()),
                           std::make_move_iterator(local.end()));
        }
        const auto depth = static_cast<std::uint64_t>(m_queue.size());
        if (depth > m_counters.queueHighWater.load(std::memory_order_relaxed))
            m_counters.queueHighWater.store(depth, std::memory_order_relaxed);
        if (spare.empty())
            spare.swap(m_spent);
    }
    local.clear();
    if (wasEmpty && m_wake) {
        m_counters.wakeups.fetch_add(1, std::memory_order_relaxed);
        m_wake();
    }
}

std::size_t FeedSubscriber::takeBatch(FeedBatch &batch)
{
    // Hand the finished messages back for reuse, a bounded number of them; anything beyond
    // that, or all of them while the receive thread still has earlier ones, is freed here.
    if (batch.size() > m_options.maxBatchMessages) {
        batch.erase(batch.begin() + static_cast<std::ptrdiff_t>(m_options.maxBatchMessages),
                    batch.end());
    }
    FeedBatch surplus;
    {
        std::lock_guard lock(m_queueMutex);
        if (m_spent.empty())
            m_spent.swap(batch);
        else
            surplus.swap(batch);
        batch.swap(m_queue);
    }
    m_queueDrained.notify_all();
    return batch.size();
}

std::size_t FeedSubscriber::queuedMessages() const
{
    std::lock_guard lock(m_queueMutex);
    return m_queue.size();
}

} // namespace cop::net
