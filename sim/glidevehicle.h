// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sim/poweredflight.h"

namespace cop::sim {

// How a glide vehicle flies once it is back in the atmosphere: lift ρv²/(2β)·(L/D) at most,
// steered by a flight-path-angle controller. Notional round numbers in the range public
// analyses give for boost-glide vehicles (L/D about 2–3; e.g. Acton, "Hypersonic boost-glide
// weapons", Science & Global Security 23, 2015), not a particular missile.
struct GlideManoeuvre
{
    double liftToDrag = 2.5;         // the most lift the body can make, per unit of drag
    double entryAltitudeM = 100e3;   // the controller takes over descending through this
    double pathAngleTimeConstantS = 8.0; // how fast it steers its flight-path angle
    double headingTimeConstantS = 15.0;  // how fast it steers its heading
    // Skips: the commanded flight-path angle swings ± this with this period about level flight.
    double skipAmplitudeDeg = 2.0;
    double skipPeriodS = 70.0;
    // Lateral manoeuvre: for the first doglegS of the glide it holds a heading this far off
    // the bearing to its target, then turns back onto it, weaving sideways by ± weave.
    double doglegDeg = 25.0;
    double doglegS = 90.0;
    double weaveAccelerationMps2 = 10.0;
    double weavePeriodS = 40.0;
    // It dives on the target once the target is closer than its height over tan(this) plus
    // the ground it needs to nose over, and below diveSpeedMps whatever the distance (it has
    // bled its speed).
    double diveAngleDeg = 45.0;
    double diveSpeedMps = 900.0;
    // Without a target (a tracker's guess at what a glide vehicle might do): no heading
    // control; this share of the lift left over from the vertical plane is turned sideways
    // (−1 hard left, +1 hard right), and it dives only once it has bled its speed.
    bool steersForTarget = true;
    double lateralLiftShare = 0.0;
};

// The manoeuvre a tracker assumes when it predicts where a glide vehicle can reach: level
// glide without skips or weave, at the class's lift-to-drag ratio, turning as told.
GlideManoeuvre footprintManoeuvre(double lateralLiftShare);

// The glide a vehicle flies from a ballistic flight (boost and midcourse, as flyPowered gives
// them): the same flight up to its descent through entryAltitudeM, then a pull-up into an
// equilibrium glide (lift balancing gravity less the centripetal term) with skips, a dog-leg
// and a weave, and a dive on the target. The result is a flight profile like any other, in
// the same inertial frame. Throws std::runtime_error if the ballistic flight never reaches the
// entry height descending or the glide does not come down within maxDurationS.
FlightProfile flyGlide(const FlightProfile &ballistic, const GeoPosition &target,
                       const GlideManoeuvre &manoeuvre, double ballisticCoefficientKgPerM2,
                       double maxDurationS = 3.0 * 3600.0);

// A glide flown from an Earth-fixed state (a tracker's estimate) until it comes down: gravity,
// drag and the controller's lift, with no target (steersForTarget should be false). Throws
// std::runtime_error if it does not come down within maxDurationS.
PropagatedFlight flyGlideFromState(const Vec3 &ecefPositionM, const Vec3 &ecefVelocityMps,
                                   const GlideManoeuvre &manoeuvre,
                                   double ballisticCoefficientKgPerM2, double groundHeightM,
                                   double maxDurationS = 3600.0);

// What the glide's controller decides at one inertial state.
struct GlideCommand
{
    Vec3 liftMps2;       // inertial lift acceleration
    bool diving = false; // latches: once diving, always diving
};

// The lift the controller commands at an inertial state (t seconds after launch, glideS after
// entry) steering for a target (ECEF; altitude its ground height), within the lift the body
// can make there.
GlideCommand glideCommand(const GlideManoeuvre &manoeuvre, double ballisticCoefficientKgPerM2,
                          const Vec3 &targetEcefM, double targetHeightM, double timeS,
                          double glideS, const Vec3 &positionM, const Vec3 &velocityMps,
                          bool diving);

} // namespace cop::sim
