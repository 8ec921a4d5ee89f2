// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain.h"
#include "sim/flight.h"

#include <string>
#include <string_view>

namespace cop::sim {

class DemoScenario;
struct PublicLaunch;

// Plain-text reports of the simulator's truth, for checking fidelity by eye (cop-simfeed
// --truth and --fidelity) without running a viewer.

// One launch: class, launch point, burnout, apogee, range, flight time, impact point.
std::string describeFlight(std::string_view name, MissileClass missileClass,
                           const BallisticFlight &flight);

// Every scheduled launch of the scenario, one block each.
std::string describeScenarioTruth(const DemoScenario &scenario);

// The flight of a publicly reported launch, flown with its reported apogee and range.
BallisticFlight flyPublicLaunch(const PublicLaunch &launch);

// A Markdown table: each publicly reported launch against the simulation of it.
std::string publicRecordTable();

} // namespace cop::sim
