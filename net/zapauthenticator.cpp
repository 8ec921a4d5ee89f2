// SPDX-License-Identifier: GPL-3.0-or-later
#include "zapauthenticator.h"

#include <array>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <vector>

namespace cop::net {

namespace {

// How long the thread waits before checking the stop flag again.
constexpr int kPollTimeoutMs = 50;
// How often the allow-list's files are looked at: an edit takes effect within this, and a
// client retrying in a loop cannot make the publisher stat files thousands of times a second.
constexpr auto kAllowListCheckInterval = std::chrono::seconds(1);
// Log lines per second before the rest are only counted.
constexpr int kMaxLogLinesPerSecond = 5;

std::string frameText(const zmq::message_t &frame)
{
    return std::string(static_cast<const char *>(frame.data()), frame.size());
}

std::string z85(const zmq::message_t &binaryKey)
{
    if (binaryKey.size() != 32)
        return "(not a 32-byte key)";
    std::array<char, 41> text {};
    zmq_z85_encode(text.data(), static_cast<const std::uint8_t *>(binaryKey.data()), 32);
    return text.data();
}

std::string protocolErrorName(int value)
{
    switch (value) {
    case ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH:
        return "the client does not use CURVE (needs the publisher's key, or the publisher "
               "runs --insecure)";
    case ZMQ_PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC:
        return "cryptographic failure (the client has the wrong server key)";
    case ZMQ_PROTOCOL_ERROR_ZMTP_KEY_EXCHANGE:
        return "key exchange failed";
    default:
        char hex[16];
        std::snprintf(hex, sizeof hex, "0x%08x", static_cast<unsigned>(value));
        return std::string("protocol error ") + hex;
    }
}

std::string uniqueMonitorEndpoint()
{
    static std::atomic<std::uint64_t> next {0};
    return "inproc://cop-zap-handshake-monitor-" + std::to_string(next.fetch_add(1));
}

} // namespace

ZapAuthenticator::ZapAuthenticator(zmq::context_t &context, std::set<std::string> allowedClientKeys)
    : m_context(context)
    , m_allowed(std::move(allowedClientKeys))
    , m_allowedCount(m_allowed.size())
{ }

ZapAuthenticator::~ZapAuthenticator()
{
    stop();
}

bool ZapAuthenticator::watchHandshakes(zmq::socket_t &serverSocket, std::string *error)
{
    const std::string endpoint = uniqueMonitorEndpoint();
    const int events = ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL | ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL;
    if (zmq_socket_monitor(serverSocket.handle(), endpoint.c_str(), events) != 0) {
        if (error)
            *error = std::string("cannot watch handshakes: ") + zmq_strerror(zmq_errno());
        return false;
    }
    // Connected now, before the server binds, so that no event is sent to nobody.
    m_monitor.emplace(m_context, zmq::socket_type::pair);
    m_monitor->set(zmq::sockopt::linger, 0);
    m_monitor->connect(endpoint);
    return true;
}

bool ZapAuthenticator::start(std::string *error)
{
    if (m_thread.joinable())
        return true;
    try {
        zmq::socket_t handler(m_context, zmq::socket_type::rep);
        handler.set(zmq::sockopt::linger, 0);
        handler.bind(kEndpoint);
        m_handler.emplace(std::move(handler));
    } catch (const zmq::error_t &e) {
        if (error) {
            *error = std::string("cannot start the CURVE authenticator on ") + kEndpoint + ": "
                + e.what();
        }
        return false;
    }
    m_stopRequested.store(false);
    m_thread = std::thread([this] { run(*m_handler, m_monitor); });
    return true;
}

void ZapAuthenticator::stop()
{
    if (m_thread.joinable()) {
        m_stopRequested.store(true);
        m_thread.join();
    }
    // The watched socket's monitor is not stopped here: the socket may be closed already
    // (which stops it), and events sent to a closed PAIR are simply dropped.
    m_monitor.reset();
    m_handler.reset();
    if (m_suppressedLines > 0) {
        write("and " + std::to_string(m_suppressedLines) + " more refusals not shown");
        m_suppressedLines = 0;
    }
}

void ZapAuthenticator::run(zmq::socket_t &handler, std::optional<zmq::socket_t> &monitor)
{
    while (!m_stopRequested.load(std::memory_order_relaxed)) {
        try {
            std::vector<zmq::pollitem_t> items {{handler.handle(), 0, ZMQ_POLLIN, 0}};
            if (monitor)
                items.push_back({monitor->handle(), 0, ZMQ_POLLIN, 0});
            zmq::poll(items.data(), items.size(), std::chrono::milliseconds(kPollTimeoutMs));
            reloadAllowListIfChanged();
            if (items[0].revents & ZMQ_POLLIN)
                answer(handler);
            if (monitor && (items[1].revents & ZMQ_POLLIN))
                readHandshakeEvents(*monitor);
        } catch (const zmq::error_t &e) {
            if (e.num() == ETERM)
                break;
        }
    }
}

void ZapAuthenticator::answer(zmq::socket_t &handler)
{
    // Request (RFC 27): version, request id, domain, address, identity, mechanism,
    // credentials... A REP socket has already stripped the envelope.
    std::vector<zmq::message_t> request;
    do {
        zmq::message_t frame;
        if (!handler.recv(frame, zmq::recv_flags::none))
            return;
        const bool more = frame.more();
        if (request.size() < 16) // a CURVE request has 7 frames; never hoard more
            request.push_back(std::move(frame));
        if (!more)
            break;
    } while (true);

    const std::string version = request.size() > 0 ? frameText(request[0]) : std::string();
    const std::string requestId = request.size() > 1 ? frameText(request[1]) : std::string();
    const std::string address = request.size() > 3 ? frameText(request[3]) : std::string();
    const std::string mechanism = request.size() > 5 ? frameText(request[5]) : std::string();
    const std::string clientKey = request.size() > 6 ? z85(request[6]) : std::string("(none)");

    bool allowed = false;
    std::string statusText;
    if (version != "1.0" || request.size() < 6) {
        statusText = "malformed ZAP request";
    } else if (mechanism != "CURVE") {
        statusText = "only CURVE clients are accepted";
    } else if (m_allowed.count(clientKey) == 0) {
        statusText = "client key not on the allow-list";
    } else {
        allowed = true;
        statusText = "OK";
    }
    if (allowed) {
        m_counters.accepted.fetch_add(1, std::memory_order_relaxed);
    } else {
        m_counters.refused.fetch_add(1, std::memory_order_relaxed);
        log("refused client at " + (address.empty() ? std::string("?") : address) + " with "
            + mechanism + " key " + clientKey + ": " + statusText);
    }

    // Reply: version, request id, status code, status text, user id, metadata.
    const std::string status = allowed ? "200" : "400";
    const std::string userId = allowed ? clientKey : std::string();
    handler.send(zmq::buffer(std::string_view("1.0")), zmq::send_flags::sndmore);
    handler.send(zmq::buffer(requestId), zmq::send_flags::sndmore);
    handler.send(zmq::buffer(status), zmq::send_flags::sndmore);
    handler.send(zmq::buffer(statusText), zmq::send_flags::sndmore);
    handler.send(zmq::buffer(userId), zmq::send_flags::sndmore);
    handler.send(zmq::message_t(), zmq::send_flags::none);
}

void ZapAuthenticator::reloadAllowListIfChanged()
{
    if (m_source.empty())
        return;
    const auto now = std::chrono::steady_clock::now();
    if (now < m_nextSourceCheck)
        return;
    m_nextSourceCheck = now + kAllowListCheckInterval;
    if (!m_source.changed())
        return;
    std::string error;
    const std::size_t before = m_allowed.size();
    if (!m_source.load(m_allowed, &error)) {
        m_counters.allowListReloadFailures.fetch_add(1, std::memory_order_relaxed);
        write("allow-list changed but does not read (" + error + "); still allowing the "
              + std::to_string(before) + " keys it had");
        return;
    }
    m_allowedCount.store(m_allowed.size(), std::memory_order_relaxed);
    m_counters.allowListReloads.fetch_add(1, std::memory_order_relaxed);
    write("allow-list reloaded: " + std::to_string(m_allowed.size()) + " keys (was "
          + std::to_string(before) + "); connected clients stay connected");
}

void ZapAuthenticator::readHandshakeEvents(zmq::socket_t &monitor)
{
    zmq::message_t event;
    zmq::message_t address;
    while (monitor.recv(event, zmq::recv_flags::dontwait)) {
        if (!event.more() || !monitor.recv(address, zmq::recv_flags::none) || event.size() < 6)
            continue;
        std::uint16_t id = 0;
        std::int32_t value = 0;
        std::memcpy(&id, event.data(), sizeof id);
        std::memcpy(&value, static_cast<const char *>(event.data()) + 2, sizeof value);
        if (id != ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL && id != ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL)
            continue;
        m_counters.handshakeFailures.fetch_add(1, std::memory_order_relaxed);
        const std::string why = id == ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL
            ? protocolErrorName(value)
            : std::string("handshake abandoned by the client (") + zmq_strerror(value)
                + "): it may not use CURVE, or hold the wrong server key";
        log("refused a connection on " + frameText(address) + ": " + why);
    }
}

void ZapAuthenticator::log(const std::string &line)
{
    const auto now = std::chrono::steady_clock::now();
    if (now - m_logWindowStart >= std::chrono::seconds(1)) {
        if (m_suppressedLines > 0) {
            const std::string summary
                = "and " + std::to_string(m_suppressedLines) + " more refusals in the last second";
            m_suppressedLines = 0;
            write(summary);
        }
        m_logWindowStart = now;
        m_linesInWindow = 0;
    }
    if (++m_linesInWindow > kMaxLogLinesPerSecond) {
        ++m_suppressedLines;
        return;
    }
    write(line);
}

void ZapAuthenticator::write(const std::string &line)
{
    if (m_log)
        m_log(line);
    else
        std::fprintf(stderr, "%s\n", line.c_str());
}

} // namespace cop::net
