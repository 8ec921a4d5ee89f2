// SPDX-License-Identifier: GPL-3.0-or-later
#include "rejectreason.h"

namespace cop::net {

std::string_view rejectReasonName(RejectReason reason)
{
    switch (reason) {
    case RejectReason::WrongFrameCount: return "wrong frame count";
    case RejectReason::OversizedMessage: return "oversized message";
    case RejectReason::MalformedTopic: return "malformed topic";
    case RejectReason::ParseError: return "unparsable payload";
    case RejectReason::UnsupportedVersion: return "unsupported protocol version";
    case RejectReason::MissingField: return "missing field";
    case RejectReason::TopicMismatch: return "topic does not match payload";
    case RejectReason::BadIdentifier: return "bad identifier";
    case RejectReason::BadEnum: return "unknown enum value";
    case RejectReason::NonFinite: return "NaN or infinity";
    case RejectReason::OutOfRange: return "value out of range";
    case RejectReason::BadTimestamp: return "bad timestamp";
    case RejectReason::BadCovariance: return "bad covariance";
    case RejectReason::TooManyItems: return "too many items";
    case RejectReason::Count: break;
    }
    return "unknown";
}

std::uint64_t RejectCounters::total() const
{
    std::uint64_t sum = 0;
    for (const auto &count : m_counts)
        sum += count.load(std::memory_order_relaxed);
    return sum;
}

} // namespace cop::net
