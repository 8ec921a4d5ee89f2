// SPDX-License-Identifier: GPL-3.0-or-later
#include "wireenums.h"

namespace cop::net {

namespace wire = cop::wire::v1;

// Most domain enums list their values in wire order with "unspecified" as the domain's
// Unknown, so the mapping is an offset-free cast guarded by the wire enum's range.
namespace {
template<typename Domain>
std::optional<Domain> castIfInRange(int value, int lastWireValue)
{
    if (value < 0 || value > lastWireValue)
        return std::nullopt;
    return static_cast<Domain>(value);
}
} // namespace

std::optional<Nation> nationFromWire(int value)
{
    switch (value) {
    case wire::NATION_JP: return Nation::Japan;
    case wire::NATION_US: return Nation::UnitedStates;
    case wire::NATION_KR: return Nation::Korea;
    default: return std::nullopt; // unspecified is not a nation
    }
}

wire::Nation nationToWire(Nation nation)
{
    switch (nation) {
    case Nation::Japan: return wire::NATION_JP;
    case Nation::UnitedStates: return wire::NATION_US;
    case Nation::Korea: return wire::NATION_KR;
    }
    return wire::NATION_UNSPECIFIED;
}

std::optional<TrackPhase> trackPhaseFromWire(int value)
{
    return castIfInRange<TrackPhase>(value, wire::TRACK_PHASE_LOST);
}
wire::TrackPhase trackPhaseToWire(TrackPhase phase)
{
    return static_cast<wire::TrackPhase>(phase);
}

std::optional<Identity> identityFromWire(int value)
{
    return castIfInRange<Identity>(value, wire::IDENTITY_HOSTILE);
}
wire::Identity identityToWire(Identity identity)
{
    return static_cast<wire::Identity>(identity);
}

std::optional<MissileClass> missileClassFromWire(int value)
{
    return castIfInRange<MissileClass>(value, wire::MISSILE_CLASS_GLIDE_VEHICLE);
}
wire::MissileClass missileClassToWire(MissileClass missileClass)
{
    return static_cast<wire::MissileClass>(missileClass);
}

std::optional<DropReason> dropReasonFromWire(int value)
{
    return castIfInRange<DropReason>(value, wire::DROP_REASON_CANCELLED);
}
wire::DropReason dropReasonToWire(DropReason reason)
{
    return static_cast<wire::DropReason>(reason);
}

std::optional<SensorKind> sensorKindFromWire(int value)
{
    return castIfInRange<SensorKind>(value, wire::SENSOR_KIND_OTHER);
}
wire::SensorKind sensorKindToWire(SensorKind kind)
{
    return static_cast<wire::SensorKind>(kind);
}

std::optional<SensorState> sensorStateFromWire(int value)
{
    return castIfInRange<SensorState>(value, wire::SENSOR_STATE_OFFLINE);
}
wire::SensorState sensorStateToWire(SensorState state)
{
    return static_cast<wire::SensorState>(state);
}

std::optional<AlertSeverity> alertSeverityFromWire(int value)
{
    if (value < wire::ALERT_SEVERITY_INFO || value > wire::ALERT_SEVERITY_CRITICAL)
        return std::nullopt;
    return static_cast<AlertSeverity>(value - wire::ALERT_SEVERITY_INFO);
}
wire::AlertSeverity alertSeverityToWire(AlertSeverity severity)
{
    return static_cast<wire::AlertSeverity>(static_cast<int>(severity) + wire::ALERT_SEVERITY_INFO);
}

} // namespace cop::net
