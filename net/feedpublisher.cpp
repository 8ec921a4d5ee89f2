// SPDX-License-Identifier: GPL-3.0-or-later
#include "feedpublisher.h"

#include "net/protocol.h"

namespace cop::net {

FeedPublisher::FeedPublisher(zmq::context_t &context, PublisherOptions options)
    : m_context(context)
    , m_options(std::move(options))
{
}

FeedPublisher::~FeedPublisher()
{
    close();
}

bool FeedPublisher::start(std::string *error)
{
    try {
        zmq::socket_t socket(m_context, zmq::socket_type::pub);
        socket.set(zmq::sockopt::sndhwm, m_options.sendHighWaterMark);
        socket.set(zmq::sockopt::heartbeat_ivl, m_options.heartbeatIntervalMs);
        socket.set(zmq::sockopt::heartbeat_timeout, m_options.heartbeatTimeoutMs);
        socket.set(zmq::sockopt::heartbeat_ttl, m_options.heartbeatTimeoutMs);
        // On close, give queued messages a moment to leave, but never hang an exit.
        socket.set(zmq::sockopt::linger, 500);
        for (const auto &endpoint : m_options.bindEndpoints)
            socket.bind(endpoint);
        m_socket.emplace(std::move(socket));
    } catch (const zmq::error_t &e) {
        if (error)
            *error = std::string("cannot bind: ") + e.what();
        return false;
    }
    return true;
}

void FeedPublisher::close()
{
    m_socket.reset();
}

bool FeedPublisher::publish(const FeedMessage &message)
{
    if (!m_encoder.encode(message, m_payload)) {
        ++m_sendFailures;
        return false;
    }
    return publishFrames(m_encoder.topic(message), m_payload);
}

bool FeedPublisher::publishFrames(std::string_view topic, std::string_view payload)
{
    if (!m_socket) {
        ++m_sendFailures;
        return false;
    }
    try {
        // PUB never blocks: at the high-water mark ZeroMQ drops, which subscribers see as gaps.
        m_socket->send(zmq::buffer(topic), zmq::send_flags::sndmore);
        m_socket->send(zmq::buffer(payload), zmq::send_flags::none);
    } catch (const zmq::error_t &) {
        ++m_sendFailures;
        return false;
    }
    ++m_sent;
    return true;
}

std::string FeedPublisher::lastEndpoint() const
{
    return m_socket ? m_socket->get(zmq::sockopt::last_endpoint) : std::string();
}

} // namespace cop::net
