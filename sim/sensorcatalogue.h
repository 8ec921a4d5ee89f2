// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain.h"
#include "sim/sensor.h"

#include <vector>

namespace cop::sim {

// The built-in, notional sensor laydown of each nation for the demo scenario. Sites follow
// public reporting; coverage and accuracy are round illustrative numbers, not performance
// data. The same laydown ships as resources/sensors/catalogue.json for editing
// (sensorcataloguefile.h); a test keeps the two identical.
std::vector<SensorSpec> notionalSensors(Nation nation);

// Where the sector radars point: the centre of the launch areas on the Korean peninsula.
inline constexpr double kThreatAxisLatDeg = 39.5;
inline constexpr double kThreatAxisLonDeg = 126.5;

} // namespace cop::sim
