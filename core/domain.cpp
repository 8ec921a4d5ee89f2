// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain.h"

namespace cop {

std::string_view nationCode(Nation nation)
{
    switch (nation) {
    case Nation::Japan: return "JP";
    case Nation::UnitedStates: return "US";
    case Nation::Korea: return "KR";
    }
    return "??";
}

std::optional<Nation> nationFromCode(std::string_view code)
{
    for (Nation nation : kAllNations) {
        if (nationCode(nation) == code)
            return nation;
    }
    return std::nullopt;
}

QString nationName(Nation nation)
{
    switch (nation) {
    case Nation::Japan: return QStringLiteral("Japan");
    case Nation::UnitedStates: return QStringLiteral("United States");
    case Nation::Korea: return QStringLiteral("Republic of Korea");
    }
    return QStringLiteral("Unknown");
}

QString trackPhaseName(TrackPhase phase)
{
    switch (phase) {
    case TrackPhase::Unknown: return QStringLiteral("unknown");
    case TrackPhase::Boost: return QStringLiteral("boost");
    case TrackPhase::Midcourse: return QStringLiteral("midcourse");
    case TrackPhase::Terminal: return QStringLiteral("terminal");
    case TrackPhase::Impacted: return QStringLiteral("impacted");
    case TrackPhase::Lost: return QStringLiteral("lost");
    }
    return QStringLiteral("unknown");
}

QString identityName(Identity identity)
{
    switch (identity) {
    case Identity::Unknown: return QStringLiteral("unknown");
    case Identity::Pending: return QStringLiteral("pending");
    case Identity::AssumedFriend: return QStringLiteral("assumed friend");
    case Identity::Friend: return QStringLiteral("friend");
    case Identity::Neutral: return QStringLiteral("neutral");
    case Identity::Suspect: return QStringLiteral("suspect");
    case Identity::Hostile: return QStringLiteral("hostile");
    }
    return QStringLiteral("unknown");
}

QString missileClassName(MissileClass missileClass)
{
    switch (missileClass) {
    case MissileClass::Unknown: return QStringLiteral("unknown");
    case MissileClass::ShortRange: return QStringLiteral("short-range ballistic missile");
    case MissileClass::MediumRange: return QStringLiteral("medium-range ballistic missile");
    case MissileClass::IntermediateRange: return QStringLiteral("intermediate-range ballistic missile");
    case MissileClass::Intercontinental: return QStringLiteral("intercontinental ballistic missile");
    case MissileClass::SubmarineLaunched: return QStringLiteral("submarine-launched ballistic missile");
    case MissileClass::SpaceLaunch: return QStringLiteral("space launch vehicle");
    case MissileClass::GlideVehicle: return QStringLiteral("glide vehicle");
    }
    return QStringLiteral("unknown");
}

QString missileClassShortName(MissileClass missileClass)
{
    switch (missileClass) {
    case MissileClass::Unknown: return QStringLiteral("UNK");
    case MissileClass::ShortRange: return QStringLiteral("SRBM");
    case MissileClass::MediumRange: return QStringLiteral("MRBM");
    case MissileClass::IntermediateRange: return QStringLiteral("IRBM");
    case MissileClass::Intercontinental: return QStringLiteral("ICBM");
    case MissileClass::SubmarineLaunched: return QStringLiteral("SLBM");
    case MissileClass::SpaceLaunch: return QStringLiteral("SLV");
    case MissileClass::GlideVehicle: return QStringLiteral("HGV");
    }
    return QStringLiteral("UNK");
}

QString dropReasonName(DropReason reason)
{
    switch (reason) {
    case DropReason::Unknown: return QStringLiteral("unknown");
    case DropReason::Impacted: return QStringLiteral("impacted");
    case DropReason::Lost: return QStringLiteral("lost");
    case DropReason::Merged: return QStringLiteral("merged");
    case DropReason::OutOfCoverage: return QStringLiteral("out of coverage");
    case DropReason::Cancelled: return QStringLiteral("cancelled");
    }
    return QStringLiteral("unknown");
}

QString sensorKindName(SensorKind kind)
{
    switch (kind) {
    case SensorKind::Unknown: return QStringLiteral("unknown");
    case SensorKind::GroundRadar: return QStringLiteral("ground radar");
    case SensorKind::ShipRadar: return QStringLiteral("ship radar");
    case SensorKind::SpaceInfrared: return QStringLiteral("space-based infrared");
    case SensorKind::Other: return QStringLiteral("other");
    }
    return QStringLiteral("unknown");
}

QString sensorStateName(SensorState state)
{
    switch (state) {
    case SensorState::Unknown: return QStringLiteral("unknown");
    case SensorState::Operational: return QStringLiteral("operational");
    case SensorState::Degraded: return QStringLiteral("degraded");
    case SensorState::Offline: return QStringLiteral("offline");
    }
    return QStringLiteral("unknown");
}

QString alertSeverityName(AlertSeverity severity)
{
    switch (severity) {
    case AlertSeverity::Info: return QStringLiteral("info");
    case AlertSeverity::Advisory: return QStringLiteral("advisory");
    case AlertSeverity::Warning: return QStringLiteral("warning");
    case AlertSeverity::Critical: return QStringLiteral("critical");
    }
    return QStringLiteral("info");
}

std::string_view messageKindTopicWord(MessageKind kind)
{
    switch (kind) {
    case MessageKind::TrackUpdate: return "track";
    case MessageKind::TrackDrop: return "drop";
    case MessageKind::SensorStatus: return "sensor";
    case MessageKind::Heartbeat: return "heartbeat";
    case MessageKind::AlertNotice: return "alert";
    }
    return "unknown";
}

std::optional<MessageKind> messageKindFromTopicWord(std::string_view word)
{
    for (int i = 0; i < kMessageKindCount; ++i) {
        const auto kind = static_cast<MessageKind>(i);
        if (messageKindTopicWord(kind) == word)
            return kind;
    }
    return std::nullopt;
}

} // namespace cop
