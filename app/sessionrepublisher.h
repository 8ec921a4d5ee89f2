// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/sessionreader.h"
#include "net/feedpublisher.h"

#include <cstdint>
#include <functional>
#include <string>

namespace cop {

// Publishes a recorded session's messages again, byte for byte, at the pace they were received
// (times a speed factor), so that a whole room of consoles can watch one replay. Pacing follows
// the recorded receive times on the monotonic clock; memory is one read window.
class SessionRepublisher
{
public:
    struct Result
    {
        std::uint64_t published = 0;
        std::uint64_t sendFailures = 0;
        std::string error; // the file turned out damaged part way
    };

    // Opens the session; false with the reader's clear message.
    bool open(const std::string &path, std::string *error = nullptr);
    const SessionInfo &info() const { return m_reader.info(); }
    const std::vector<std::string> &warnings() const { return m_reader.warnings(); }

    // Publishes every message in receive-time order until the end or until stop() returns
    // true (checked at least every 50 ms).
    Result run(net::FeedPublisher &publisher, double speed, const std::function<bool()> &stop);

private:
    SessionReader m_reader;
};

} // namespace cop
