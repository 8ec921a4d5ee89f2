// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain.h"
#include "core/geo.h"
#include "core/messages.h"
#include "core/timeus.h"
#include "core/trajectory.h"
#include "core/vec3.h"

#include <optional>
#include <vector>

namespace cop {

// Ballistic propagation to the ground on the rotating WGS-84 Earth: J2 gravity, drag in the
// standard atmosphere (earth.h), integrated in an inertial frame whose axes are those of ECEF at
// the start. One integrator serves the simulator's truth (powered flights, sim/poweredflight.h),
// the trackers' impact predictions (sim/impactpredictor.h) and the viewer's predicted path of a
// selected track (predictBallisticPath below), so all three agree by construction.

// A flight propagated until it came down, with the figures an analyst reports.
struct PropagatedFlight
{
    Trajectory trajectory; // inertial frame, t = 0 at the start of the propagation
    double burnoutTimeS = 0.0; // end of thrust (0 for a purely ballistic propagation)
    double apogeeAltitudeM = 0.0; // above the WGS-84 ellipsoid
    double apogeeTimeS = 0.0;
    Vec3 impactEcefM;
    GeoPosition impactPoint;
    double durationS() const { return trajectory.durationS(); }
};

// How the integrator steps: exactly onto the events (staging), vacuumStepS above 300 km once
// thrust has ended, fineStepS when descending below fineBelowAltitudeM, 1 s otherwise.
struct PropagationStepPlan
{
    std::vector<double> events;
    double vacuumStepS = 1.0;
    double fineStepS = 0.1;
    double fineBelowAltitudeM = 80e3;
    // Heights from the geocentric radius (tens of metres off at thousands of kilometres) except
    // near the ground: a third of the cost of a prediction otherwise.
    bool approximateHeights = false;
};

// Integrates from start (inertial frame aligned with ECEF at start.timeS = 0) under the given
// acceleration until the body descends through groundHeightM above the ellipsoid; the crossing
// is found to a millisecond. Throws std::runtime_error if it has not come down by maxDurationS
// (an orbit, an escape) or the state is not finite.
PropagatedFlight propagateToGround(const TrajectorySample &start,
                                   const Trajectory::AccelerationFunction &acceleration,
                                   double burnoutS, const PropagationStepPlan &plan,
                                   double groundHeightM, double maxDurationS);

// Free flight (J2 gravity and, with a positive ballistic coefficient, drag; no thrust) from an
// Earth-fixed state until it comes down to groundHeightM: the impact prediction of a tracker.
// A ballistic coefficient of 0 means vacuum. Coarse steps (vacuumStepS above 300 km, 0.5 s
// below 40 km) because it runs for every sigma point of every prediction. Throws
// std::runtime_error if it does not come down within maxDurationS.
PropagatedFlight propagateBallistic(const Vec3 &ecefPositionM, const Vec3 &ecefVelocityMps,
                                    double groundHeightM, double ballisticCoefficientKgPerM2,
                                    double vacuumStepS = 20.0, double maxDurationS = 3.0 * 3600.0);

// Drag deceleration of a body of ballistic coefficient β (m / Cd·A) at an inertial position and
// velocity; the air turns with the Earth. Zero above the atmosphere or for β ≤ 0.
Vec3 dragAcceleration(const Vec3 &inertialPositionM, const Vec3 &inertialVelocityMps,
                      double ballisticCoefficientKgPerM2);

// Height above the ellipsoid from the geocentric radius, to well under a kilometre: all the
// density model needs (a full geodetic conversion in every Runge–Kutta stage doubles the cost).
double approximateAltitudeM(const Vec3 &positionM);

// m / (Cd·A) of a class's re-entry body, kg/m²: notional round numbers (vehicle.h in sim/ uses
// the same values for the truth). Heavy, dense single-stage warheads (KN-23-like) fall fastest.
double nominalBallisticCoefficientKgPerM2(MissileClass missileClass);

// The predicted ballistic path of a track: where its current state falls if nothing but gravity
// and drag act on it from now on (during the boost this is where it would fall if the thrust
// ended now; for a manoeuvring glide vehicle it degrades, as a real prediction does).
struct PredictedPath
{
    TimeUs startTimeUs = kTimeUnset; // the state's time of validity
    std::vector<TimeUs> timesUs;     // one per point, from startTimeUs to impactTimeUs
    std::vector<GeoPosition> points; // geodetic (Earth-fixed at their own time), ends on impact
    TimeUs impactTimeUs = kTimeUnset;
    GeoPosition impactPoint;
    double apogeeAltitudeM = 0.0; // highest point still ahead (the start if descending)
};

struct PathPredictionOptions
{
    double sampleIntervalS = 10.0; // spacing of the returned points
    double groundHeightM = 0.0;    // height above the ellipsoid of the impact
    // m / (Cd·A); ≤ 0 takes the class's nominal value, and for Unknown class 5,000 kg/m².
    double ballisticCoefficientKgPerM2 = 0.0;
    bool withDrag = true;
    double maxDurationS = 3.0 * 3600.0; // longer than any suborbital flight in the theatre
};

// The path from a track state (position, velocity, time, class) to the ground. Empty if the
// state is not finite, is not above the ground, has impacted, or does not come down within
// maxDurationS (an orbit: no impact to predict). Costs about a millisecond for an ICBM.
std::optional<PredictedPath> predictBallisticPath(const TrackUpdate &state,
                                                  const PathPredictionOptions &options = {});

} // namespace cop
