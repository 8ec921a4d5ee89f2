// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/messages.h"
#include "net/curvecertificate.h"
#include "net/wireencoder.h"
#include "net/zapauthenticator.h"

#include <zmq.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace cop::net {

// A publisher as a CurveZMQ server: its own key pair, and the public keys of the clients it
// lets in. Everything it sends is encrypted; clients must know its public key.
struct CurveServerOptions
{
    CurveCertificate certificate;            // with the secret key
    std::set<std::string> allowedClientKeys; // Z85 public keys; empty refuses everybody
    ZapAuthenticator::LogFunction log;       // refusals; stderr if empty
    // Where the allowed keys were read from, if from files: re-read when they change.
    std::vector<std::string> allowListPaths{};
};

struct PublisherOptions
{
    std::vector<std::string> bindEndpoints; // e.g. "tcp://*:5555", "inproc://demo"
    int sendHighWaterMark = 1'000'000;      // per subscriber; beyond it PUB drops (seen as gaps)
    int heartbeatIntervalMs = 1'000;
    int heartbeatTimeoutMs = 3'000;
    // CURVE on every endpoint (inproc carries no handshake, so it stays plain); without it
    // the feed goes out in clear to anyone who connects.
    std::optional<CurveServerOptions> curve{};
};

// Publishes feed messages on one ZeroMQ PUB socket in protocol v1's two frames.
// Use from one thread (the socket is not thread-safe).
class FeedPublisher
{
public:
    FeedPublisher(zmq::context_t &context, PublisherOptions options);
    ~FeedPublisher();
    FeedPublisher(const FeedPublisher &) = delete;
    FeedPublisher &operator=(const FeedPublisher &) = delete;

    // Binds every endpoint; false with a message if one cannot be bound.
    bool start(std::string *error = nullptr);
    void close();

    bool publish(const FeedMessage &message);
    // For replays and benchmarks that already hold encoded frames.
    bool publishFrames(std::string_view topic, std::string_view payload);

    // The endpoint actually bound, e.g. with the port chosen for "tcp://127.0.0.1:*".
    std::string lastEndpoint() const;
    std::uint64_t messagesSent() const { return m_sent; }
    std::uint64_t sendFailures() const { return m_sendFailures; }
    // Clients let in and refused; null for a plain publisher.
    const ZapAuthenticator *authenticator() const { return m_authenticator.get(); }

private:
    bool startCurveServer(zmq::socket_t &socket, std::string *error);

    zmq::context_t &m_context;
    PublisherOptions m_options;
    std::unique_ptr<ZapAuthenticator> m_authenticator; // outlives the socket
    std::optional<zmq::socket_t> m_socket;
    WireEncoder m_encoder;
    std::string m_payload;
    std::uint64_t m_sent = 0;
    std::uint64_t m_sendFailures = 0;
};

} // namespace cop::net
