// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/geo.h"
#include "sim/earth.h"
#include "sim/trajectory.h"
#include "sim/vehicle.h"

namespace cop::sim {

// The pitch programme and energy of one boost: after a vertical rise the thrust turns over, in
// a fixed inertial plane through the launch point with this azimuth, at a steady rate until
// its pitch above the local horizontal reaches burnoutPitchRad at burnout. The exhaust speed
// scales the thrust (and the energy) of every stage.
struct Steering
{
    double azimuthRad = 0.0; // of the flight plane, from north at the launch point
    double burnoutPitchRad = 0.7; // thrust pitch above the horizontal at burnout
    double exhaustSpeedMps = 2500.0;
};

// A whole flight from lift-off to the ground, with the figures an analyst reports.
struct FlightProfile
{
    Trajectory trajectory; // inertial frame, t = 0 at lift-off
    double burnoutTimeS = 0.0;
    double apogeeAltitudeM = 0.0; // above the WGS-84 ellipsoid
    double apogeeTimeS = 0.0;
    Vec3 impactEcefM;
    GeoPosition impactPoint;
    double durationS() const { return trajectory.durationS(); }
};

// Flies a vehicle from a pad (ECEF, at rest on the rotating Earth) until it comes back down to
// groundHeightM above the ellipsoid: thrust along the pitch programme, J2 gravity, and drag
// after burnout (during the boost thrust dominates and the solver absorbs the small loss).
// Steps are 1 s in free flight, shortened to land on staging events and to 0.1 s in the dense
// atmosphere on the way down. Throws std::runtime_error if the vehicle has not come down by
// maxDurationS (an orbit or an escape).
FlightProfile flyPowered(const Vec3 &launchEcefM, double groundHeightM,
                         const VehicleProfile &vehicle, const Steering &steering,
                         const ForceModel &forces = {}, double maxDurationS = 3.0 * 3600.0);

// Free flight (gravity and drag, no thrust) from an Earth-fixed state until the body comes
// down to groundHeightM: what a tracker's impact prediction does with its estimate. Coarser
// than the truth (steps up to vacuumStepS above 300 km, 0.5 s only below 40 km), since it runs
// for every sigma point of every update. Throws std::runtime_error if it does not come down.
FlightProfile flyBallistic(const Vec3 &ecefPositionM, const Vec3 &ecefVelocityMps,
                           double groundHeightM, double ballisticCoefficientKgPerM2,
                           double vacuumStepS = 20.0, double maxDurationS = 3.0 * 3600.0);

} // namespace cop::sim
