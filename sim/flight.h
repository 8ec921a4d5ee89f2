// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain.h"
#include "core/geo.h"
#include "core/timeus.h"
#include "sim/poweredflight.h"
#include "core/vec3.h"

#include <memory>
#include <optional>
#include <vector>

namespace cop::sim {

// What a launch is meant to do: from where, when, to where, and how high.
struct FlightSpec
{
    GeoPosition launchPoint; // altitudeM is the ground height of the launch site
    TimeUs launchTimeUs = 0;
    GeoPosition target; // altitudeM is the ground height at the impact point
    // Apogee height above the WGS-84 ellipsoid; empty means the minimum-energy trajectory.
    std::optional<double> apogeeAltitudeM;
    // Powered flight, seconds. Typical public figures: ~60 s for a solid SRBM, ~100 s for a
    // Nodong-class MRBM, ~150 s for an IRBM, ~300 s for a multi-stage ICBM.
    double burnTimeS = 60.0;
    // Chooses the stage split, thrust profile and re-entry body (vehicle.h).
    MissileClass missileClass = MissileClass::Unknown;
};

// The true state of a missile at one instant.
struct FlightState
{
    TimeUs timeUs = kTimeUnset;
    TrackPhase phase = TrackPhase::Unknown; // Unknown before launch, Impacted after
    GeoPosition position;
    EnuVelocity velocity;
    Vec3 ecefPositionM;
    Vec3 ecefVelocityMps;
};

// A spent stage of a space launcher: when it separates and where and when it falls.
struct StageDrop
{
    int stage = 1; // 1 = first stage
    double separationAfterLaunchS = 0.0;
    double impactAfterLaunchS = 0.0;
    GeoPosition impactPoint;
};

// A missile flight from lift-off to impact: the truth the synthetic sensors observe.
//
// A glide vehicle (MissileClass::GlideVehicle) flies the same boost and midcourse, then pulls
// up into a manoeuvring glide on re-entry (glidevehicle.h); its boost is aimed short so that
// the glide ends on the target.
//
// Model: a point mass flown on the rotating WGS-84 Earth (integrated in an inertial frame, J2
// gravity), boosted along a pitch programme with a per-class stage and thrust profile,
// slowed by drag in a standard atmosphere on the way down, stopped on the ellipsoid at the
// target's ground height. The boost is solved (boostsolver.h) so the impact falls on the
// target with the requested apogee, or on the minimum-energy trajectory. The flight is
// immutable and cheap to copy: copies share the propagated table.
class BallisticFlight
{
public:
    // Throws std::invalid_argument if the geometry has no ballistic solution and
    // std::runtime_error if the boost solver does not converge.
    explicit BallisticFlight(const FlightSpec &spec);

    const FlightSpec &spec() const { return m_spec; }
    TimeUs launchTimeUs() const { return m_spec.launchTimeUs; }
    TimeUs burnoutTimeUs() const;
    TimeUs impactTimeUs() const;
    double flightDurationS() const { return m_profile->durationS(); }
    double apogeeAltitudeM() const { return m_profile->apogeeAltitudeM; }
    double apogeeTimeAfterLaunchS() const { return m_profile->apogeeTimeS; }
    GeoPosition impactPoint() const { return m_profile->impactPoint; }
    // Ground range along the WGS-84 geodesic from launch point to impact point.
    double groundRangeM() const;
    const Steering &steering() const { return m_steering; }
    const FlightProfile &profile() const { return *m_profile; }
    // A space launcher's spent stages, in order (every stage but the last); empty for missiles,
    // whose stages fall close to the launch area and are not reported.
    const std::vector<StageDrop> &stageDrops() const { return *m_stageDrops; }
    // Where the boost of a glide vehicle aims: the impact had it not glided (for any other
    // class, the target).
    GeoPosition ballisticAimPoint() const { return m_ballisticAimPoint.value_or(m_spec.target); }
    // m / (Cd·A) of an empty, tumbling stage (notional): light and draggy, it falls short of a
    // body with the same state.
    static constexpr double kSpentStageBallisticCoefficientKgPerM2 = 800.0;

    FlightState stateAt(TimeUs timeUs) const;
    FlightState stateAfterLaunch(double elapsedS) const;
    // The state in the flight's inertial frame (ECEF axes at lift-off), clamped to the flight.
    TrajectorySample inertialStateAfterLaunch(double elapsedS) const;

    // The same flight launched at another time (the scenario repeats launches each loop).
    BallisticFlight relaunchedAt(TimeUs launchTimeUs) const;

    // Below this height a descending missile is in its terminal phase (re-entry).
    static constexpr double kTerminalAltitudeM = 100e3;
    // A glide vehicle's impact is put within this of its target by re-aiming its boost.
    static constexpr double kGlideAimToleranceM = 2e3;
    static constexpr int kGlideAimRounds = 8;
    // ... starting from an aim at this share of the range (notional).
    static constexpr double kGlideBoostRangeFraction = 0.5;

private:
    FlightSpec m_spec;
    Steering m_steering;
    std::optional<GeoPosition> m_ballisticAimPoint;
    std::shared_ptr<const FlightProfile> m_profile;
    std::shared_ptr<const std::vector<StageDrop>> m_stageDrops;
};

} // namespace cop::sim
