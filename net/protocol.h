// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain.h"
#include "core/timeus.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cop::net {

// Limits of wire protocol version 1 (docs/protocol.md). The socket refuses anything larger
// than kMaxMessageBytes before it is even read (ZMQ_MAXMSGSIZE).
inline constexpr std::uint32_t kProtocolVersion = 1;
inline constexpr std::size_t kMaxPayloadBytes = 64 * 1024;
inline constexpr std::size_t kMaxTopicBytes = 128;
inline constexpr std::int64_t kMaxMessageBytes = static_cast<std::int64_t>(kMaxPayloadBytes);
inline constexpr std::size_t kMaxIdBytes = 64;
inline constexpr std::size_t kMaxNameBytes = 128;
inline constexpr std::size_t kMaxAlertTextBytes = 1024;
inline constexpr int kMaxContributingSensors = 32;
inline constexpr int kMaxStageDrops = 9;
inline constexpr int kMaxAreaPolygonPoints = 512;
// Accepted timestamps: 2000-01-01T00:00Z up to, not including, 2100-01-01T00:00Z. A fixed
// window rather than "near now", so recorded sessions replay through the same validation.
inline constexpr TimeUs kEarliestValidTimeUs = 946'684'800LL * kMicrosPerSecond;
inline constexpr TimeUs kLatestValidTimeUs = 4'102'444'800LL * kMicrosPerSecond;

// The topic frame: "<kind>.<NATION>.<source id>", e.g. "track.JP.JP-JADGE". Subscribers filter
// by prefix ("track." for all tracks, "track.KR." for Korea's).
std::string makeTopic(MessageKind kind, Nation nation, std::string_view sourceId);

struct ParsedTopic
{
    MessageKind kind;
    Nation nation;
    std::string_view sourceId;
};
std::optional<ParsedTopic> parseTopic(std::string_view topic);

// Source ids travel in topics, so they are restricted to letters, digits, '-', '_' and '.'
// (no dot first), at most kMaxIdBytes.
bool isValidSourceId(std::string_view sourceId);

} // namespace cop::net
