// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/vec3.h"

namespace cop::sim {

// A free-flight (point-mass gravity, non-rotating Earth) conic joining a launch point and an
// impact point, ascending through apogee and descending: the classical ballistic-missile
// targeting problem. It gives the velocity a missile must have at the launch point; the flight
// model then propagates it. Later physics (rotating Earth, drag) will use this solution as the
// first guess of a differential-correction loop rather than the answer.
struct KeplerArc
{
    Vec3 launchVelocityMps;      // ECEF velocity at the launch point
    double apogeeRadiusM = 0.0;  // distance from the Earth's centre at apogee
    Vec3 apogeeDirection;        // unit vector, ECEF, towards the apogee
    double eccentricity = 0.0;
    double semiMajorAxisM = 0.0;
    double timeOfFlightS = 0.0;  // launch point to impact point along the conic
};

// The conic from r1 to r2 (ECEF, metres; the short way round, central angle below 180°)
// whose apogee is apogeeRadiusM from the Earth's centre. Lofted (above the minimum-energy
// apogee) and depressed (below it) trajectories both have exactly one solution.
KeplerArc solveArcForApogeeRadius(const Vec3 &r1M, const Vec3 &r2M, double apogeeRadiusM);

// The minimum-energy conic from r1 to r2: the one needing the least launch speed, hence the
// longest range for a given missile.
KeplerArc solveMinimumEnergyArc(const Vec3 &r1M, const Vec3 &r2M);

} // namespace cop::sim
