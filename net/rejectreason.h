// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string_view>

namespace cop::net {

// Why a received frame was refused. Every refusal is counted by its reason and shown to the
// operator; none is silent.
enum class RejectReason : std::uint8_t {
    WrongFrameCount,   // not exactly topic + payload
    OversizedMessage,  // payload or topic beyond the protocol's limits
    MalformedTopic,    // not "<kind>.<NATION>.<source>"
    ParseError,        // not a protobuf Envelope (includes invalid UTF-8 in strings)
    UnsupportedVersion,
    MissingField,      // header, body or a required sub-message absent
    TopicMismatch,     // topic disagrees with the payload's kind, nation or source
    BadIdentifier,     // empty, too long or unprintable id
    BadEnum,           // a value this protocol version does not define
    NonFinite,         // NaN or infinity
    OutOfRange,        // a number outside its physical or protocol range
    BadTimestamp,      // outside 2000..2100, or inconsistent with other times
    BadCovariance,     // negative variance or not positive semi-definite
    TooManyItems,      // a repeated field beyond its limit
    Count
};
inline constexpr int kRejectReasonCount = static_cast<int>(RejectReason::Count);

std::string_view rejectReasonName(RejectReason reason);

// Lock-free counters, written by a receive thread and read by the GUI.
class RejectCounters
{
public:
    void add(RejectReason reason) { m_counts[static_cast<int>(reason)].fetch_add(1, std::memory_order_relaxed); }
    std::uint64_t count(RejectReason reason) const
    {
        return m_counts[static_cast<int>(reason)].load(std::memory_order_relaxed);
    }
    std::uint64_t total() const;

private:
    std::array<std::atomic<std::uint64_t>, kRejectReasonCount> m_counts{};
};

} // namespace cop::net
