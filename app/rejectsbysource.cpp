// SPDX-License-Identifier: GPL-3.0-or-later
#include "rejectsbysource.h"

#include "net/protocol.h"

namespace cop {

void RejectsBySource::note(std::string_view topic)
{
    const auto parsed = net::parseTopic(topic);
    if (!parsed || !net::isValidSourceId(parsed->sourceId))
        return;
    std::lock_guard lock(m_mutex);
    auto it = m_pending.find(std::string(parsed->sourceId));
    if (it != m_pending.end())
        ++it->second;
    else if (m_pending.size() < kMaxPendingSources)
        m_pending.emplace(std::string(parsed->sourceId), 1);
}

void RejectsBySource::handTo(FeedHealth &health)
{
    std::unordered_map<std::string, std::uint64_t> pending;
    {
        std::lock_guard lock(m_mutex);
        if (m_pending.empty())
            return;
        pending.swap(m_pending);
    }
    for (const auto &[sourceId, count] : pending)
        health.noteRejected(sourceId, count);
}

std::vector<RejectTally> rejectTallies(const net::RejectCounters &counters)
{
    std::vector<RejectTally> tallies;
    for (int i = 0; i < net::kRejectReasonCount; ++i) {
        const auto reason = static_cast<net::RejectReason>(i);
        if (const std::uint64_t count = counters.count(reason))
            tallies.push_back({std::string(net::rejectReasonName(reason)), count});
    }
    return tallies;
}

} // namespace cop
