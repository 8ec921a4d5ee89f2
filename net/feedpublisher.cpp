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
        if (m_options.curve && !startCurveServer(socket, error))
            return false;
        for (const auto &endpoint : m_options.bindEndpoints)
            socket.bind(endpoint);
        m_socket.emplace(std::move(socket));
    } catch (const zmq::error_t &e) {
        m_authenticator.reset();
        if (error)
            *error = std::string("cannot bind: ") + e.what();
        return false;
    }
    return true;
}

bool FeedPublisher::startCurveServer(zmq::socket_t &socket, std::string *error)
{
    const CurveServerOptions &curve = *m_options.curve;
    if (!curve.certificate.hasSecret() || !isValidZ85Key(curve.certificate.secretKey)) {
        if (error)
            *error = "a CURVE server needs its secret key";
        return false;
    }
    socket.set(zmq::sockopt::curve_server, 1);
    socket.set(zmq::sockopt::curve_secretkey, curve.certificate.secretKey);
    // A domain makes libzmq ask the ZAP handler about every client.
    socket.set(zmq::sockopt::zap_domain, "cop");
    auto authenticator = std::make_unique<ZapAuthenticator>(m_context, curve.allowedClientKeys);
    authenticator->setLogFunction(curve.log);
    authenticator->setAllowListSource(AllowListSource(curve.allowListPaths));
    // Both before the bind: no client may connect unasked or fail unseen.
    if (!authenticator->watchHandshakes(socket, error) || !authenticator->start(error))
        return false;
    m_authenticator = std::move(authenticator);
    return true;
}

void FeedPublisher::close()
{
    m_socket.reset();
    // After the socket: without its handler, libzmq would let any client in.
    m_authenticator.reset();
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
