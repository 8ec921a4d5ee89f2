// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace cop {

// The nations that share the picture. The order is the display order everywhere.
enum class Nation : std::uint8_t { Japan, UnitedStates, Korea };
inline constexpr std::array kAllNations{Nation::Japan, Nation::UnitedStates, Nation::Korea};
inline constexpr int kNationCount = static_cast<int>(kAllNations.size());

// ISO 3166 alpha-2 code as used in topics and on screen: "JP", "US", "KR".
std::string_view nationCode(Nation nation);
std::optional<Nation> nationFromCode(std::string_view code);
QString nationName(Nation nation);
inline int nationIndex(Nation nation) { return static_cast<int>(nation); }

enum class TrackPhase : std::uint8_t { Unknown, Boost, Midcourse, Terminal, Impacted, Lost };
QString trackPhaseName(TrackPhase phase);

// Standard identity in the MIL-STD-2525 sense; drives the symbol frame.
enum class Identity : std::uint8_t { Unknown, Pending, AssumedFriend, Friend, Neutral, Suspect, Hostile };
QString identityName(Identity identity);

enum class MissileClass : std::uint8_t {
    Unknown,
    ShortRange,        // SRBM, e.g. KN-23 / KN-25
    MediumRange,       // MRBM
    IntermediateRange, // IRBM, e.g. Hwasong-12
    Intercontinental,  // ICBM, e.g. Hwasong-15/17/18
    SubmarineLaunched, // SLBM
    SpaceLaunch,       // satellite launch vehicle, e.g. Chollima-1
    GlideVehicle,      // manoeuvring re-entry / hypersonic glide
};
QString missileClassName(MissileClass missileClass);
QString missileClassShortName(MissileClass missileClass);

enum class DropReason : std::uint8_t { Unknown, Impacted, Lost, Merged, OutOfCoverage, Cancelled };
QString dropReasonName(DropReason reason);

enum class SensorKind : std::uint8_t { Unknown, GroundRadar, ShipRadar, SpaceInfrared, Other };
QString sensorKindName(SensorKind kind);

enum class SensorState : std::uint8_t { Unknown, Operational, Degraded, Offline };
QString sensorStateName(SensorState state);

enum class AlertSeverity : std::uint8_t { Info, Advisory, Warning, Critical };
QString alertSeverityName(AlertSeverity severity);

// Kinds of feed message; also the first word of every ZeroMQ topic.
enum class MessageKind : std::uint8_t { TrackUpdate, TrackDrop, SensorStatus, Heartbeat, AlertNotice };
inline constexpr int kMessageKindCount = 5;
std::string_view messageKindTopicWord(MessageKind kind); // "track", "drop", ...
std::optional<MessageKind> messageKindFromTopicWord(std::string_view word);

} // namespace cop
