// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain.h"
#include "core/geo.h"
#include "core/timeus.h"
#include "sim/vec3.h"

#include <memory>
#include <optional>

namespace cop::sim {

class Trajectory;

// What a launch is meant to do: from where, when, to where, and how high.
struct FlightSpec
{
    GeoPosition launchPoint;  // altitudeM is the ground height of the launch site
    TimeUs launchTimeUs = 0;
    GeoPosition target;       // altitudeM is the ground height at the impact point
    // Apogee height above the WGS-84 ellipsoid; empty means the minimum-energy trajectory.
    std::optional<double> apogeeAltitudeM;
    // Powered flight, seconds. Typical public figures: ~60 s for a solid SRBM, ~100 s for a
    // Nodong-class MRBM, ~150 s for an IRBM, ~300 s for a multi-stage ICBM.
    double burnTimeS = 60.0;
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

// A ballistic flight from launch to impact: the truth the synthetic sensors observe.
//
// Model (first version): the free-flight part is the Keplerian conic through the launch and
// target points with the requested apogee (or of minimum energy), propagated numerically under
// point-mass gravity on a non-rotating Earth. The boost is approximated by running along the
// start of that same path with the speed a constant-thrust rocket builds up (Tsiolkovsky, no
// gravity loss), so the path, apogee and impact point are exactly those requested and position
// and velocity are continuous at burnout; only the timing of the first minutes is
// approximate. The flight is immutable and cheap to copy: copies share the propagated table.
class BallisticFlight
{
public:
    // Throws std::invalid_argument if the geometry has no ballistic solution.
    explicit BallisticFlight(const FlightSpec &spec);

    const FlightSpec &spec() const { return m_spec; }
    TimeUs launchTimeUs() const { return m_spec.launchTimeUs; }
    TimeUs burnoutTimeUs() const;
    TimeUs impactTimeUs() const;
    double flightDurationS() const;
    double apogeeAltitudeM() const { return m_apogeeAltitudeM; }
    double apogeeTimeAfterLaunchS() const;
    GeoPosition impactPoint() const { return m_impactPoint; }
    // Ground range along the WGS-84 geodesic from launch point to impact point.
    double groundRangeM() const;

    FlightState stateAt(TimeUs timeUs) const;
    FlightState stateAfterLaunch(double elapsedS) const;

    // The same flight launched at another time (the scenario repeats launches each loop).
    BallisticFlight relaunchedAt(TimeUs launchTimeUs) const;

    // Below this height a descending missile is in its terminal phase (re-entry).
    static constexpr double kTerminalAltitudeM = 100e3;

private:
    double arcTimeForElapsed(double elapsedS, double &speedScale) const;

    FlightSpec m_spec;
    std::shared_ptr<const Trajectory> m_arc; // free flight, from the launch point
    double m_arcTimeAtBurnoutS = 0.0;
    double m_apogeeAltitudeM = 0.0;
    double m_apogeeArcTimeS = 0.0;
    GeoPosition m_impactPoint;
};

} // namespace cop::sim
