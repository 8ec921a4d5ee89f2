// SPDX-License-Identifier: GPL-3.0-or-later
#include "simfeedrunner.h"

#include "core/timeus.h"
#include "net/protocol.h"
#include "sim/demoscenario.h"

#include <algorithm>
#include <chrono>
#include <limits>
#include <stdexcept>
#include <string>

namespace cop {

SimFeedRunner::SimFeedRunner(zmq::context_t &context, SimFeedOptions options)
    : m_context(context)
    , m_options(std::move(options))
{
}

SimFeedRunner::~SimFeedRunner()
{
    stop();
}

bool SimFeedRunner::start(std::string *error)
{
    if (m_thread.joinable())
        return true;
    // Feed time follows the wall clock (scaled by speed) from the moment the feed starts.
    m_originUs = wallClockNowUs();
    sim::DemoScenarioOptions scenarioOptions;
    scenarioOptions.epochUs = m_originUs;
    scenarioOptions.seed = m_options.seed;
    scenarioOptions.sensorCatalogue = m_options.sensorCatalogue;
    scenarioOptions.scenario = m_options.scenario;
    try {
        m_scenario = std::make_unique<sim::DemoScenario>(scenarioOptions);
    } catch (const std::exception &e) {
        if (error)
            *error = std::string("scenario: ") + e.what();
        return false;
    }
    net::PublisherOptions publisherOptions{m_options.bindEndpoints};
    publisherOptions.curve = m_options.curve;
    m_publisher = std::make_unique<net::FeedPublisher>(m_context, publisherOptions);
    if (!m_publisher->start(error)) {
        m_publisher.reset();
        return false;
    }
    m_boundEndpoint = m_publisher->lastEndpoint();
    m_stopRequested.store(false);
    m_thread = std::thread(&SimFeedRunner::run, this);
    return true;
}

void SimFeedRunner::stop()
{
    m_stopRequested.store(true);
    if (m_thread.joinable())
        m_thread.join();
    m_publisher.reset();
}

void SimFeedRunner::run()
{
    // Pacing uses the monotonic clock so a wall-clock step cannot stall or flood the feed.
    const TimeUs originUs = m_originUs;
    sim::DemoScenario &scenario = *m_scenario;

    if (m_options.fast) {
        // One second of scenario per step, no pacing: feed time still starts at the wall clock so
        // a viewer shows the run as live.
        const TimeUs endUs = m_options.fastDurationS > 0.0
                                 ? originUs + secondsToUs(m_options.fastDurationS)
                                 : std::numeric_limits<TimeUs>::max();
        for (TimeUs feedNowUs = originUs;
             feedNowUs < endUs && !m_stopRequested.load(std::memory_order_relaxed);) {
            feedNowUs = std::min(feedNowUs + kMicrosPerSecond, endUs);
            for (FeedMessage &message : scenario.advanceTo(feedNowUs)) {
                if (m_publisher->publish(message))
                    m_published.fetch_add(1, std::memory_order_relaxed);
            }
            publishMalformed();
        }
        m_finished.store(true);
        return;
    }
    // Feed time began at m_originUs, before the scenario was built (which takes a noticeable
    // time): pacing counts from then, or feed time would lag the wall clock by that long for the
    // whole run and every message would look that much late.
    const auto started = std::chrono::steady_clock::now()
                         - std::chrono::microseconds(std::max<TimeUs>(0, wallClockNowUs() - originUs));
    auto next = started;
    while (!m_stopRequested.load(std::memory_order_relaxed)) {
        const double elapsedS = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        const TimeUs feedNowUs = originUs + secondsToUs(elapsedS * m_options.speed);
        for (FeedMessage &message : scenario.advanceTo(feedNowUs)) {
            if (m_publisher->publish(message))
                m_published.fetch_add(1, std::memory_order_relaxed);
        }
        publishMalformed();
        // After a suspend or a long stall, carry on from now instead of racing to catch up.
        next = std::max(next + std::chrono::milliseconds(m_options.tickMs), std::chrono::steady_clock::now());
        std::this_thread::sleep_until(next);
    }
}

void SimFeedRunner::publishMalformed()
{
    // Damage of a few kinds a viewer must survive: bytes that are not protobuf, a truncated
    // field, a wrong wire type, and an empty payload. Each goes out under the source's real
    // topic, so only the decoder can tell.
    static const std::string kPayloads[] = {
        std::string("not a protobuf payload \xff\xfe"),
        std::string("\x0a\x7f\x0a\x05JP-X", 7),
        std::string("\x0f\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 12),
        std::string(),
    };
    for (const sim::MalformedFrame &frame : m_scenario->takeMalformedFrames()) {
        const std::string topic = net::makeTopic(MessageKind::TrackUpdate, frame.nation, frame.sourceId);
        const std::string &payload
            = kPayloads[static_cast<std::size_t>(frame.index) % std::size(kPayloads)];
        if (m_publisher->publishFrames(topic, payload))
            m_published.fetch_add(1, std::memory_order_relaxed);
    }
}

} // namespace cop
