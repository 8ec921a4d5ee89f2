// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Mapping between protocol v1 enums and the domain's. Kept in one place so that adding an
// enum value means editing one table per direction. The from-wire functions return nullopt
// for values this protocol version does not define (proto3 keeps unknown numbers).

#include "core/domain.h"

#include "cop/wire/v1/feed.pb.h"

#include <optional>

namespace cop::net {

std::optional<Nation> nationFromWire(int value);
cop::wire::v1::Nation nationToWire(Nation nation);

std::optional<TrackPhase> trackPhaseFromWire(int value);
cop::wire::v1::TrackPhase trackPhaseToWire(TrackPhase phase);

std::optional<Identity> identityFromWire(int value);
cop::wire::v1::Identity identityToWire(Identity identity);

std::optional<MissileClass> missileClassFromWire(int value);
cop::wire::v1::MissileClass missileClassToWire(MissileClass missileClass);

std::optional<DropReason> dropReasonFromWire(int value);
cop::wire::v1::DropReason dropReasonToWire(DropReason reason);

std::optional<SensorKind> sensorKindFromWire(int value);
cop::wire::v1::SensorKind sensorKindToWire(SensorKind kind);

std::optional<SensorState> sensorStateFromWire(int value);
cop::wire::v1::SensorState sensorStateToWire(SensorState state);

// ALERT_SEVERITY_UNSPECIFIED maps to nullopt: a notice must say how serious it is.
std::optional<AlertSeverity> alertSeverityFromWire(int value);
cop::wire::v1::AlertSeverity alertSeverityToWire(AlertSeverity severity);

} // namespace cop::net
