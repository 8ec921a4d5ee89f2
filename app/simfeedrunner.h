// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/feedpublisher.h"
#include "sim/scenario.h"
#include "core/timeus.h"
#include "sim/sensorcataloguefile.h"

#include <zmq.hpp>

#include <atomic>
#include <memory>
#include <optional>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

namespace cop {

namespace sim {
class DemoScenario;
}

struct SimFeedOptions
{
    std::vector<std::string> bindEndpoints;
    std::uint64_t seed = 1;
    double speed = 1.0;     // scenario seconds per wall-clock second
    int tickMs = 50;        // how often the scenario is advanced and its messages sent
    // Sensors from a catalogue file; empty: the built-in laydown.
    std::shared_ptr<const sim::SensorCatalogue> sensorCatalogue;
    // What to play (a scenario file); empty: the built-in demo.
    std::shared_ptr<const sim::Scenario> scenario;
    // As fast as possible instead of paced by the clock, for tests and benchmarks; the run
    // ends after fastDurationS of scenario time (0: never).
    bool fast = false;
    double fastDurationS = 0.0;
    // CURVE server keys and allow-list; none: plain (the demo's inproc, or --insecure).
    std::optional<net::CurveServerOptions> curve{};
};

// Runs a synthetic scenario (the built-in demo unless told otherwise) in real time on its own thread and publishes it through
// the real wire protocol, so that the demo exercises exactly the live path. Used by
// cop-simfeed and by cop-viewer --demo (over inproc).
class SimFeedRunner
{
public:
    SimFeedRunner(zmq::context_t &context, SimFeedOptions options);
    ~SimFeedRunner();
    SimFeedRunner(const SimFeedRunner &) = delete;
    SimFeedRunner &operator=(const SimFeedRunner &) = delete;

    // Flies the scenario's launches and binds the endpoints (on the calling thread, so errors
    // such as a launch that cannot be flown are reported here), then starts.
    bool start(std::string *error = nullptr);
    void stop();

    // The endpoint actually bound last (with the port chosen for "tcp://host:*").
    std::string boundEndpoint() const { return m_boundEndpoint; }
    // Clients let in and refused; null for a plain feed.
    const net::ZapAuthenticator *authenticator() const
    {
        return m_publisher ? m_publisher->authenticator() : nullptr;
    }
    std::uint64_t messagesPublished() const { return m_published.load(std::memory_order_relaxed); }
    // A fast run has published all of its scenario time.
    bool isFinished() const { return m_finished.load(); }

private:
    void run();
    void publishMalformed();

    zmq::context_t &m_context;
    SimFeedOptions m_options;
    std::thread m_thread;
    std::atomic<bool> m_stopRequested{false};
    std::atomic<std::uint64_t> m_published{0};
    std::atomic<bool> m_finished{false};
    // Bound in start() on the caller's thread, then used only by the runner thread (the thread
    // start is the full memory barrier ZeroMQ asks for when a socket changes threads).
    std::unique_ptr<net::FeedPublisher> m_publisher;
    std::unique_ptr<sim::DemoScenario> m_scenario;
    TimeUs m_originUs = 0;
    std::string m_boundEndpoint;
};

} // namespace cop
