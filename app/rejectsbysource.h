// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/feedhealth.h"
#include "net/rejectreason.h"

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace cop {

// Collects refused frames by the source their topic names, on the receive thread, for the
// health panel on the GUI thread. The per-reason totals are the subscriber's own counters;
// this only answers "who sends it". Bounded: a sender inventing source ids fills at most
// kMaxPendingSources entries between two hand-overs, and the rest stay in the totals only.
class RejectsBySource
{
public:
    static constexpr std::size_t kMaxPendingSources = 64;

    // Receive thread.
    void note(std::string_view topic);
    // GUI thread: hands what was noted to health, and forgets it.
    void handTo(FeedHealth &health);

private:
    std::mutex m_mutex;
    std::unordered_map<std::string, std::uint64_t> m_pending;
};

// Every reason with at least one refusal, in the reasons' order.
std::vector<RejectTally> rejectTallies(const net::RejectCounters &counters);

} // namespace cop
