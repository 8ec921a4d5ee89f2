// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectionwatcher.h"

#include <algorithm>
#include <cstring>

namespace cop::net {

namespace {
// A dropped connection, and a handshake that failed (which libzmq may report without a
// disconnect): either way libzmq may not try again by itself.
constexpr int kDropEvents = ZMQ_EVENT_DISCONNECTED | ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL
                            | ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL | ZMQ_EVENT_HANDSHAKE_FAILED_AUTH;
constexpr int kHandshakeFailureEvents = ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL
                                        | ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL
                                        | ZMQ_EVENT_HANDSHAKE_FAILED_AUTH;
constexpr int kWatchedEvents = ZMQ_EVENT_CONNECTED | kDropEvents;

// A connection that stayed up this long was healthy: the next drop starts backoff afresh.
constexpr auto kHealthyConnection = std::chrono::seconds(5);

// Monitor endpoints must be unique in the context, also across a stop and start of the same
// subscriber (a closed socket releases its inproc name asynchronously).
std::string uniqueMonitorEndpoint()
{
    static std::atomic<std::uint64_t> next{0};
    return "inproc://cop-connection-monitor-" + std::to_string(next.fetch_add(1));
}
} // namespace

ConnectionWatcher::ConnectionWatcher(zmq::context_t &context, zmq::socket_t &socket,
                                     std::vector<std::string> endpoints, int backoffMinMs,
                                     int backoffMaxMs, Counters counters,
                                     PrepareConnectFunction prepareConnect)
    : m_socketHandle(socket.handle())
    , m_monitor(context, zmq::socket_type::pair)
    , m_backoffMinMs(std::max(1, backoffMinMs))
    , m_backoffMaxMs(std::max(m_backoffMinMs, backoffMaxMs))
    , m_counters(counters)
    , m_prepareConnect(std::move(prepareConnect))
{
    const std::string monitorEndpoint = uniqueMonitorEndpoint();
    if (zmq_socket_monitor(socket.handle(), monitorEndpoint.c_str(), kWatchedEvents) != 0)
        throw zmq::error_t();
    m_monitor.set(zmq::sockopt::linger, 0);
    m_monitor.connect(monitorEndpoint);
    for (auto &address : endpoints)
        m_endpoints.push_back({std::move(address), {}, {}, false, m_backoffMinMs});
}

ConnectionWatcher::~ConnectionWatcher()
{
    // Stop the monitor before its PAIR socket goes, so libzmq sends no more events to it.
    zmq_socket_monitor(m_socketHandle, nullptr, 0);
}

void ConnectionWatcher::connect(const std::string &endpoint)
{
    if (m_prepareConnect)
        m_prepareConnect(m_socketHandle, endpoint);
    if (zmq_connect(m_socketHandle, endpoint.c_str()) != 0)
        throw zmq::error_t();
}

zmq::pollitem_t ConnectionWatcher::pollItem()
{
    return {m_monitor.handle(), 0, ZMQ_POLLIN, 0};
}

void ConnectionWatcher::handleEvents()
{
    zmq::message_t event;
    zmq::message_t address;
    while (m_monitor.recv(event, zmq::recv_flags::dontwait)) {
        if (!event.more() || !m_monitor.recv(address, zmq::recv_flags::none) || event.size() < 2)
            continue;
        std::uint16_t id = 0;
        std::memcpy(&id, event.data(), sizeof id);
        const std::string_view where(static_cast<const char *>(address.data()), address.size());
        const auto endpoint = std::find_if(m_endpoints.begin(), m_endpoints.end(),
                                           [&](const Endpoint &e) { return e.address == where; });
        const auto now = Clock::now();
        if (id == ZMQ_EVENT_CONNECTED) {
            if (m_counters.connects)
                m_counters.connects->fetch_add(1, std::memory_order_relaxed);
            if (endpoint != m_endpoints.end()) {
                endpoint->connectedAt = now;
                // libzmq reconnected by itself: a reconnect of ours would only cut the new
                // connection again.
                endpoint->reconnectPending = false;
            }
        } else if ((id & kDropEvents) != 0) {
            if ((id & kHandshakeFailureEvents) != 0 && m_counters.handshakeFailures)
                m_counters.handshakeFailures->fetch_add(1, std::memory_order_relaxed);
            if (id == ZMQ_EVENT_HANDSHAKE_FAILED_AUTH && m_counters.authenticationFailures)
                m_counters.authenticationFailures->fetch_add(1, std::memory_order_relaxed);
            if ((id & kHandshakeFailureEvents) != 0 && m_counters.perEndpoint && endpoint != m_endpoints.end()) {
                EndpointHandshakeCounters &own = m_counters.perEndpoint[endpoint - m_endpoints.begin()];
                own.failures.fetch_add(1, std::memory_order_relaxed);
                if (id == ZMQ_EVENT_HANDSHAKE_FAILED_AUTH)
                    own.refused.fetch_add(1, std::memory_order_relaxed);
            }
            if (m_counters.disconnects)
                m_counters.disconnects->fetch_add(1, std::memory_order_relaxed);
            if (endpoint == m_endpoints.end() || endpoint->reconnectPending)
                continue;
            const bool wasHealthy = endpoint->connectedAt != Clock::time_point{}
                                    && now - endpoint->connectedAt >= kHealthyConnection;
            endpoint->backoffMs = wasHealthy ? m_backoffMinMs
                                             : std::min(endpoint->backoffMs * 2, m_backoffMaxMs);
            endpoint->reconnectAt = now + std::chrono::milliseconds(endpoint->backoffMs);
            endpoint->reconnectPending = true;
        }
    }
}

void ConnectionWatcher::reconnectDue()
{
    // Called once per message: a few booleans are cheaper than reading the clock.
    if (std::none_of(m_endpoints.begin(), m_endpoints.end(),
                     [](const Endpoint &e) { return e.reconnectPending; }))
        return;
    const auto now = Clock::now();
    for (Endpoint &endpoint : m_endpoints) {
        if (!endpoint.reconnectPending || now < endpoint.reconnectAt)
            continue;
        endpoint.reconnectPending = false;
        // Failure of either is harmless: the endpoint may already be gone from the socket's
        // list, and start() has already accepted its syntax.
        (void)zmq_disconnect(m_socketHandle, endpoint.address.c_str());
        if (m_prepareConnect)
            m_prepareConnect(m_socketHandle, endpoint.address);
        (void)zmq_connect(m_socketHandle, endpoint.address.c_str());
    }
}

} // namespace cop::net
