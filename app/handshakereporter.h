// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/feedsubscriber.h"

#include <chrono>
#include <cstdint>
#include <string>

namespace cop {

// Tells the person running a console tool on stderr when its connections fail their
// handshake (refused by the publisher, wrong server key, CURVE on one end only), so that a
// silent feed is not mistaken for a quiet one. At most one line every few seconds.
class HandshakeReporter
{
public:
    HandshakeReporter(std::string program, const net::FeedSubscriber &subscriber);

    // Call now and then (each poll of the tool's loop).
    void report();

private:
    std::string m_program;
    const net::FeedSubscriber &m_subscriber;
    std::uint64_t m_reportedFailures = 0;
    std::chrono::steady_clock::time_point m_lastReport {};
};

} // namespace cop
