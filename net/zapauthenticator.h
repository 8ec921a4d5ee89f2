// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "allowlistsource.h"

#include <zmq.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <thread>

namespace cop::net {

// The publisher's gatekeeper: a ZeroMQ authentication protocol handler (ZAP, RFC 27) that
// accepts a CURVE client only if its public key is on the allow-list. It answers libzmq's
// requests on inproc://zeromq.zap.01 from a thread of its own, so one per ZeroMQ context.
//
// Clients that never reach ZAP — no CURVE at all, or the wrong server key, which fails the
// handshake's cryptography first — are caught by watching the server socket's handshake
// events. Every refusal is counted and logged (at most a few lines a second, so a peer
// retrying in a loop cannot flood the log; the rest are summed up).
class ZapAuthenticator
{
public:
    struct Counters
    {
        std::atomic<std::uint64_t> accepted {0}; // keys on the allow-list
        std::atomic<std::uint64_t> refused {0}; // keys not on it
        std::atomic<std::uint64_t> handshakeFailures {0}; // no CURVE, wrong server key, garbage
        std::atomic<std::uint64_t> allowListReloads {0}; // edited list taken up
        std::atomic<std::uint64_t> allowListReloadFailures {0}; // edited list malformed, old kept
    };
    // Called on the authenticator's thread with one line of text (no newline).
    using LogFunction = std::function<void(const std::string &line)>;

    // The ZAP endpoint that libzmq asks (fixed by RFC 27).
    static constexpr const char *kEndpoint = "inproc://zeromq.zap.01";

    ZapAuthenticator(zmq::context_t &context, std::set<std::string> allowedClientKeys);
    ~ZapAuthenticator();
    ZapAuthenticator(const ZapAuthenticator &) = delete;
    ZapAuthenticator &operator=(const ZapAuthenticator &) = delete;

    // Where refusals are logged; stderr if none is set. Set before start().
    void setLogFunction(LogFunction log) { m_log = std::move(log); }
    // The files the allow-list came from: checked about once a second while running, and read
    // again when they change. A list that no longer reads is logged and the previous one kept,
    // so a half-written file never locks partners out. Set before start().
    void setAllowListSource(AllowListSource source) { m_source = std::move(source); }

    // Also report the handshake failures of this CURVE server socket. Call on the socket's
    // thread before it binds, and before start().
    bool watchHandshakes(zmq::socket_t &serverSocket, std::string *error);

    // Binds the ZAP endpoint and starts answering. Call before the server socket binds, so
    // no client is let in unasked. False with a message if the endpoint is taken (another
    // authenticator in the same context).
    bool start(std::string *error);
    // Stop after the server socket is closed: without a handler libzmq lets clients in.
    void stop();

    const Counters &counters() const { return m_counters; }
    std::size_t allowedKeyCount() const { return m_allowedCount.load(std::memory_order_relaxed); }

private:
    void run(zmq::socket_t &handler, std::optional<zmq::socket_t> &monitor);
    void answer(zmq::socket_t &handler);
    void readHandshakeEvents(zmq::socket_t &monitor);
    void reloadAllowListIfChanged();
    void log(const std::string &line); // rate-limited
    void write(const std::string &line); // not

    zmq::context_t &m_context;
    std::set<std::string> m_allowed; // the authenticator thread's once started
    std::atomic<std::size_t> m_allowedCount {0};
    AllowListSource m_source;
    std::chrono::steady_clock::time_point m_nextSourceCheck {};
    LogFunction m_log;
    std::optional<zmq::socket_t> m_handler;
    std::optional<zmq::socket_t> m_monitor;
    std::thread m_thread;
    std::atomic<bool> m_stopRequested {false};
    Counters m_counters;
    // Log rate limit, authenticator thread only.
    std::chrono::steady_clock::time_point m_logWindowStart {};
    int m_linesInWindow = 0;
    std::uint64_t m_suppressedLines = 0;
};

} // namespace cop::net
