// SPDX-License-Identifier: GPL-3.0-or-later
// Failed CURVE handshakes counted per endpoint: a subscriber of two publishers can say which one
// refuses it, so the console can name it.
#include "net/wiretestdata.h"

#include "net/curvecertificate.h"
#include "net/feedpublisher.h"
#include "net/feedsubscriber.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace cop::net {
namespace {

using namespace std::chrono_literals;

CurveCertificate newKeyPair()
{
    auto certificate = generateCurveCertificate();
    EXPECT_TRUE(certificate.has_value()) << "libzmq built without CURVE";
    return certificate.value_or(CurveCertificate {});
}

TEST(CurveEndpoints, FailedHandshakesAreCountedPerEndpoint)
{
    const CurveCertificate client = newKeyPair();
    // Separate contexts, as in separate processes: a ZAP handler belongs to its context.
    zmq::context_t allowingContext {1};
    const CurveCertificate allowingServer = newKeyPair();
    PublisherOptions allowingOptions {{"tcp://127.0.0.1:*"}};
    allowingOptions.curve = CurveServerOptions {allowingServer, {client.publicKey}, [](const std::string &) {}};
    FeedPublisher allowing(allowingContext, allowingOptions);
    zmq::context_t refusingContext {1};
    const CurveCertificate refusingServer = newKeyPair();
    PublisherOptions refusingOptions {{"tcp://127.0.0.1:*"}};
    refusingOptions.curve = CurveServerOptions {refusingServer, {}, [](const std::string &) {}};
    FeedPublisher refusing(refusingContext, refusingOptions);
    std::string error;
    ASSERT_TRUE(allowing.start(&error)) << error;
    ASSERT_TRUE(refusing.start(&error)) << error;

    zmq::context_t subscriberContext {1};
    SubscriberOptions options;
    options.endpoints = {allowing.lastEndpoint(), refusing.lastEndpoint()};
    options.reconnectIntervalMs = 50;
    options.reconnectIntervalMaxMs = 200;
    options.clientCertificate = client;
    options.serverPublicKeys[allowing.lastEndpoint()] = allowingServer.publicKey;
    options.serverPublicKeys[refusing.lastEndpoint()] = refusingServer.publicKey;
    FeedSubscriber subscriber(subscriberContext, options);
    subscriber.setWakeFunction([] {});
    ASSERT_TRUE(subscriber.start(&error)) << error;
    std::uint64_t sequence = 0;
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (std::chrono::steady_clock::now() < deadline
           && (subscriber.counters().messagesAccepted.load() < 5
               || subscriber.endpointHandshakes(1).refused.load() == 0)) {
        ++sequence;
        EXPECT_TRUE(allowing.publish(test::sampleHeartbeat(sequence)));
        EXPECT_TRUE(refusing.publish(test::sampleHeartbeat(sequence)));
        std::this_thread::sleep_for(10ms);
    }
    EXPECT_GE(subscriber.counters().messagesAccepted.load(), 5u) << "the allowing publisher is read";
    EXPECT_EQ(subscriber.endpointHandshakes(0).failures.load(), 0u);
    EXPECT_GE(subscriber.endpointHandshakes(1).refused.load(), 1u);
    EXPECT_GE(subscriber.endpointHandshakes(1).failures.load(), subscriber.endpointHandshakes(1).refused.load());
    EXPECT_EQ(subscriber.counters().handshakeFailures.load(), subscriber.endpointHandshakes(1).failures.load())
        << "every failure is one endpoint's";
    subscriber.stop();
}

} // namespace
} // namespace cop::net
