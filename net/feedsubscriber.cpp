// SPDX-License-Identifier: GPL-3.0-or-later
#include "feedsubscriber.h"

#include "core/timeus.h"
#include "net/protocol.h"

#include <algorithm>
#include <cerrno>
#include <chrono>

namespace cop::net {

namespace {
// How long an idle receive thread waits before checking the stop flag again.
constexpr int kReceiveTimeoutMs = 50;

// ZMQ_MAXMSGSIZE applies to frames as they arrive, and CURVE carries each frame in a MESSAGE
// command: name 8, nonce 8, box MAC 16, flags 1 (RFC 26). The socket's limit leaves room for
// that, so a payload the protocol allows passes under CURVE too; anything a little larger that
// slips through in clear is refused by the decoder (OversizedMessage, counted).
constexpr std::int64_t kCurveFrameOverheadBytes = 33;
constexpr std::int64_t kSocketMaxMessageBytes = kMaxMessageBytes + kCurveFrameOverheadBytes;

// CURVE options apply to the connections made after they are set, so each endpoint gets its
// publisher's key (or none) just before it connects, also when it reconnects.
ConnectionWatcher::PrepareConnectFunction endpointSecurity(const SubscriberOptions &options)
{
    return [certificate = options.clientCertificate, keys = options.serverPublicKeys](
               void *socket, const std::string &endpoint) {
        const auto key = keys.find(endpoint);
        if (key == keys.end() || !certificate) {
            const int off = 0; // back to the NULL mechanism (libzmq: CURVE_SERVER 0)
            zmq_setsockopt(socket, ZMQ_CURVE_SERVER, &off, sizeof off);
            return;
        }
        zmq_setsockopt(socket, ZMQ_CURVE_SERVERKEY, key->second.data(), key->second.size());
        zmq_setsockopt(socket, ZMQ_CURVE_PUBLICKEY, certificate->publicKey.data(),
                       certificate->publicKey.size());
        zmq_setsockopt(socket, ZMQ_CURVE_SECRETKEY, certificate->secretKey.data(),
                       certificate->secretKey.size());
    };
}

bool checkSecurity(const SubscriberOptions &options, std::string *error)
{
    const auto fail = [error](std::string why) {
        if (error)
            *error = std::move(why);
        return false;
    };
    if (options.serverPublicKeys.empty())
        return true;
    if (!options.clientCertificate || !options.clientCertificate->hasSecret()
        || !isValidZ85Key(options.clientCertificate->publicKey)
        || !isValidZ85Key(options.clientCertificate->secretKey))
        return fail("CURVE needs this client's key pair (public and secret key)");
    for (const auto &[endpoint, key] : options.serverPublicKeys) {
        if (!isValidZ85Key(key))
            return fail("the server key for " + endpoint + " is not a Z85 CURVE key");
    }
    return true;
}
} // namespace

FeedSubscriber::FeedSubscriber(zmq::context_t &context, SubscriberOptions options)
    : m_context(context)
    , m_options(std::move(options))
    , m_endpointHandshakes(std::make_unique<EndpointHandshakeCounters[]>(m_options.endpoints.size()))
{
    // A batch that can never fit into the queue would wait forever, even on an empty queue.
    m_options.maxQueuedMessages = std::max<std::size_t>(1, m_options.maxQueuedMessages);
    m_options.maxBatchMessages = std::clamp<std::size_t>(m_options.maxBatchMessages, 1,
                                                         m_options.maxQueuedMessages);
}

FeedSubscriber::~FeedSubscriber()
{
    stop();
}

bool FeedSubscriber::start(std::string *error)
{
    if (m_thread.joinable())
        return true;
    if (!checkSecurity(m_options, error))
        return false;
    try {
        zmq::socket_t socket(m_context, zmq::socket_type::sub);
        socket.set(zmq::sockopt::rcvhwm, m_options.receiveHighWaterMark);
        socket.set(zmq::sockopt::maxmsgsize, kSocketMaxMessageBytes);
        socket.set(zmq::sockopt::reconnect_ivl, m_options.reconnectIntervalMs);
        socket.set(zmq::sockopt::reconnect_ivl_max, m_options.reconnectIntervalMaxMs);
        socket.set(zmq::sockopt::heartbeat_ivl, m_options.heartbeatIntervalMs);
        socket.set(zmq::sockopt::heartbeat_timeout, m_options.heartbeatTimeoutMs);
        socket.set(zmq::sockopt::heartbeat_ttl, m_options.heartbeatTimeoutMs);
        socket.set(zmq::sockopt::linger, 0);
        for (const auto &prefix : m_options.topicPrefixes)
            socket.set(zmq::sockopt::subscribe, prefix);
        // The watcher is made here so that its errors are reported here, and before the
        // connects so that it sees their first events; it then moves to the receive thread
        // with the socket.
        auto watcher = std::make_unique<ConnectionWatcher>(
            m_context, socket, m_options.endpoints, m_options.reconnectIntervalMs,
            m_options.reconnectIntervalMaxMs,
            ConnectionWatcher::Counters{&m_counters.connects, &m_counters.disconnects,
                                        &m_counters.handshakeFailures,
                                        &m_counters.authenticationFailures, m_endpointHandshakes.get()},
            endpointSecurity(m_options));
        for (const auto &endpoint : m_options.endpoints)
            watcher->connect(endpoint);
        m_stopRequested.store(false);
        m_thread = std::thread([this, socket = std::move(socket), watcher = std::move(watcher)]() mutable {
            receiveLoop(socket, *watcher);
            watcher.reset(); // before the socket it watches
        });
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
    {
        // Under the lock, so a receive thread about to wait on a full queue cannot miss it.
        std::lock_guard lock(m_queueMutex);
        m_stopRequested.store(true);
    }
    m_queueDrained.notify_all();
    m_thread.join();
}

void FeedSubscriber::receiveLoop(zmq::socket_t &socket, ConnectionWatcher &watcher)
{
    ReceiveState state;
    state.local.reserve(m_options.maxBatchMessages);
    while (!m_stopRequested.load(std::memory_order_relaxed)) {
        try {
            receiveSome(socket, watcher, state);
        } catch (const zmq::error_t &e) {
            if (e.num() == ETERM)
                break; // the context is shutting down
            // EINTR (a signal arrived) and anything transient: go round again. A message cut
            // short by this is lost to us, and its source's sequence numbers will show it.
        }
    }
    if (!state.local.empty() && !m_stopRequested.load())
        handOver(state.local, state.spare);
}

void FeedSubscriber::receiveSome(zmq::socket_t &socket, ConnectionWatcher &watcher, ReceiveState &state)
{
    FeedBatch &local = state.local;
    if (local.empty()) {
        // Nothing pending: sleep until data or a connection event, or the stop check.
        zmq::pollitem_t items[] = {{socket.handle(), 0, ZMQ_POLLIN, 0}, watcher.pollItem()};
        zmq::poll(items, 2, std::chrono::milliseconds(kReceiveTimeoutMs));
        if (items[1].revents & ZMQ_POLLIN)
            watcher.handleEvents();
        if (!(items[0].revents & ZMQ_POLLIN)) {
            watcher.reconnectDue();
            return;
        }
        // Not here when readable: zmq_poll has already taken the first frame of the next
        // message off its pipe, and disconnecting that pipe now would abort libzmq.
    }
    if (!socket.recv(state.topic, zmq::recv_flags::dontwait)) {
        handOver(local, state.spare);
        return;
    }
    m_counters.framesReceived.fetch_add(1, std::memory_order_relaxed);

    // A message is exactly two frames; anything else is consumed whole and refused.
    bool wellFormed = state.topic.more();
    if (wellFormed) {
        (void)socket.recv(state.payload, zmq::recv_flags::none);
        if (state.payload.more()) {
            wellFormed = false;
            do {
                (void)socket.recv(state.extra, zmq::recv_flags::none);
            } while (state.extra.more());
        }
    }
    // The whole message is off the socket: the one safe moment to reconnect under load.
    watcher.reconnectDue();
    const std::string_view topicView(static_cast<const char *>(state.topic.data()), state.topic.size());
    if (!wellFormed) {
        m_rejects.add(RejectReason::WrongFrameCount);
        if (m_onRejected) {
            state.rejection = {RejectReason::WrongFrameCount, "a message must have exactly two frames"};
            m_onRejected(topicView, {}, state.rejection);
        }
        return;
    }
    const std::string_view payloadView(static_cast<const char *>(state.payload.data()),
                                       state.payload.size());
    if (state.spare.empty()) {
        local.emplace_back();
    } else {
        local.push_back(std::move(state.spare.back()));
        state.spare.pop_back();
    }
    FeedMessage &message = local.back();
    if (!state.decoder.decode(topicView, payloadView, message, state.rejection)) {
        local.pop_back();
        m_rejects.add(state.rejection.reason);
        if (m_onRejected)
            m_onRejected(topicView, payloadView, state.rejection);
    } else {
        message.header.receiveTimeUs = wallClockNowUs();
        m_counters.messagesAccepted.fetch_add(1, std::memory_order_relaxed);
        if (m_onAccepted)
            m_onAccepted(topicView, payloadView, message);
    }
    if (local.size() >= m_options.maxBatchMessages)
        handOver(local, state.spare);
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
