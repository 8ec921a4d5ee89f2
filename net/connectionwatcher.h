// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <zmq.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace cop::net {

// Failed handshakes with one endpoint; written on the receive thread, read from any thread.
struct EndpointHandshakeCounters
{
    std::atomic<std::uint64_t> failures{0};
    std::atomic<std::uint64_t> refused{0}; // of those, refused by the publisher (ZAP)
};

// Watches a SUB socket's connections through a ZeroMQ socket monitor and restores the ones
// libzmq gives up on. libzmq does not reconnect after a protocol error — a frame above
// ZMQ_MAXMSGSIZE, a failed handshake — so one oversized message would cut a publisher off for
// good. Reconnects are made by hand with exponential backoff, so a peer that fails every
// handshake (wrong socket type, wrong keys) gets a few attempts a second at most, not a storm.
// Lives on the socket's receive thread.
class ConnectionWatcher
{
public:
    struct Counters
    {
        std::atomic<std::uint64_t> *connects = nullptr;
        std::atomic<std::uint64_t> *disconnects = nullptr;
        std::atomic<std::uint64_t> *handshakeFailures = nullptr;
        std::atomic<std::uint64_t> *authenticationFailures = nullptr;
        // One per endpoint, in the order they were given; null: not counted per endpoint.
        EndpointHandshakeCounters *perEndpoint = nullptr;
    };
    // Sets per-endpoint socket options (CURVE keys) just before that endpoint connects.
    using PrepareConnectFunction = std::function<void(void *socket, const std::string &endpoint)>;

    ConnectionWatcher(zmq::context_t &context, zmq::socket_t &socket,
                      std::vector<std::string> endpoints, int backoffMinMs, int backoffMaxMs,
                      Counters counters, PrepareConnectFunction prepareConnect = {});
    ~ConnectionWatcher();
    ConnectionWatcher(const ConnectionWatcher &) = delete;
    ConnectionWatcher &operator=(const ConnectionWatcher &) = delete;

    // Connects an endpoint for the first time (throws zmq::error_t like socket_t::connect).
    void connect(const std::string &endpoint);
    // For zmq::poll: readable when connection events are waiting.
    zmq::pollitem_t pollItem();
    // Reads waiting events and schedules reconnects for dropped endpoints.
    void handleEvents();
    // Makes the reconnects whose time has come. Call at least every poll timeout, and only
    // between whole messages: a disconnect while the socket holds part of a message (or a
    // message that zmq_poll prefetched) trips an assertion inside libzmq's fair queue.
    void reconnectDue();

private:
    using Clock = std::chrono::steady_clock;
    struct Endpoint
    {
        std::string address;
        Clock::time_point connectedAt{};
        Clock::time_point reconnectAt{};
        bool reconnectPending = false;
        int backoffMs = 0;
    };

    // The raw handle rather than the socket_t: the socket object moves to the receive thread
    // after this is made, and the handle moves with it unchanged.
    void *m_socketHandle;
    zmq::socket_t m_monitor;
    std::vector<Endpoint> m_endpoints;
    int m_backoffMinMs;
    int m_backoffMaxMs;
    Counters m_counters;
    PrepareConnectFunction m_prepareConnect;
};

} // namespace cop::net
