// SPDX-License-Identifier: GPL-3.0-or-later
#include "sessionrepublisher.h"

#include <algorithm>
#include <chrono>
#include <limits>
#include <thread>

namespace cop {

namespace {
constexpr std::size_t kWindowMessages = 4'096;
constexpr auto kMaxSleep = std::chrono::milliseconds(50); // how often stop() is asked
} // namespace

bool SessionRepublisher::open(const std::string &path, std::string *error)
{
    return m_reader.open(path, error);
}

SessionRepublisher::Result SessionRepublisher::run(net::FeedPublisher &publisher, double speed,
                                                   const std::function<bool()> &stop)
{
    using Clock = std::chrono::steady_clock;
    Result result;
    const TimeUs firstUs = m_reader.info().firstReceiveTimeUs;
    if (firstUs == kTimeUnset)
        return result; // an empty session
    const auto started = Clock::now();
    const auto dueAt = [&](TimeUs receiveTimeUs) {
        const double offsetUs = static_cast<double>(receiveTimeUs - firstUs) / speed;
        return started + std::chrono::microseconds(static_cast<std::int64_t>(offsetUs));
    };

    SessionPosition position;
    bool stopped = false;
    for (;;) {
        const SessionReadResult read = m_reader.read(
            position, std::numeric_limits<TimeUs>::max(), kWindowMessages,
            [&](const StoredMessage &m) {
                if (stopped)
                    return;
                // Wait until the message is due, a slice at a time so that a stop is noticed.
                for (auto due = dueAt(m.receiveTimeUs); Clock::now() < due;) {
                    if (stop()) {
                        stopped = true;
                        return;
                    }
                    std::this_thread::sleep_until(std::min(due, Clock::now() + kMaxSleep));
                }
                if (publisher.publishFrames(m.topic, m.payload))
                    ++result.published;
                else
                    ++result.sendFailures;
            });
        if (!read.error.empty())
            result.error = read.error;
        if (stopped || read.count == 0 || !read.error.empty() || stop())
            return result;
        position = read.last;
    }
}

} // namespace cop
