// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/geo.h"
#include "sim/poweredflight.h"

#include <optional>

namespace cop::sim {

// What the boost solver is asked for: hit a target point with a given apogee, or with the
// minimum-energy trajectory.
struct BoostRequest
{
    GeoPosition launchPoint; // altitudeM is the ground height of the pad
    GeoPosition target; // altitudeM is the ground height at the impact point
    // Apogee above the ellipsoid: above the minimum-energy apogee the flight is lofted, below
    // it depressed. Empty: minimum energy.
    std::optional<double> apogeeAltitudeM;
    VehicleProfile vehicle;
    ForceModel forces;
};

struct BoostSolution
{
    Steering steering;
    FlightProfile profile;
    double missM = 0.0; // impact point to target
    double apogeeErrorM = 0.0; // flown minus requested
    int iterations = 0;
};

// Finds the pitch programme and exhaust speed that put the impact on the target with the
// requested apogee: differential correction (Newton's method on the three steering parameters
// with a finite-difference Jacobian and a backtracking line search), started from the
// free-flight conic through both points. The minimum-energy apogee is that of the vacuum conic
// of least launch speed (kepler.h): near the optimum the energy barely changes with the apogee,
// so drag and the Earth's rotation do not move it appreciably. Throws std::invalid_argument if
// the request is geometrically impossible and std::runtime_error if it does not converge.
BoostSolution solveBoost(const BoostRequest &request);

} // namespace cop::sim
