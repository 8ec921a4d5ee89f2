// SPDX-License-Identifier: GPL-3.0-or-later
#include "handshakereporter.h"

#include <cstdio>

namespace cop {

namespace {
constexpr auto kReportInterval = std::chrono::seconds(5);
} // namespace

HandshakeReporter::HandshakeReporter(std::string program, const net::FeedSubscriber &subscriber)
    : m_program(std::move(program))
    , m_subscriber(subscriber)
{ }

void HandshakeReporter::report()
{
    const auto &counters = m_subscriber.counters();
    const std::uint64_t failures = counters.handshakeFailures.load(std::memory_order_relaxed);
    const auto now = std::chrono::steady_clock::now();
    if (failures == m_reportedFailures || now - m_lastReport < kReportInterval)
        return;
    const std::uint64_t refused = counters.authenticationFailures.load(std::memory_order_relaxed);
    std::fprintf(stderr,
                 "%s: SECURITY: %llu failed handshakes so far, %llu refused by the publisher: "
                 "check --server-key, and that the publisher allows this client's key\n",
                 m_program.c_str(), static_cast<unsigned long long>(failures),
                 static_cast<unsigned long long>(refused));
    std::fflush(stderr);
    m_reportedFailures = failures;
    m_lastReport = now;
}

} // namespace cop
