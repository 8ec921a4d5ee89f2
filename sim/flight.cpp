// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/flight.h"

#include "sim/ecef.h"
#include "sim/kepler.h"
#include "sim/trajectory.h"

#include <GeographicLib/Geodesic.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace cop::sim {

namespace {

// Boost approximation. Speed along the path grows as a constant-thrust rocket's does,
// v(u) / v_burnout = ln(1 - c u) / ln(1 - c) with u = t / burnTime and c = 1 - 1/massRatio
// (Tsiolkovsky). A single equivalent mass ratio of 4 is typical of ballistic missiles' total
// (all stages) and puts burnout at about 39% of the burn time's worth of free-flight path.
constexpr double kMassRatio = 4.0;
constexpr double kBurnFraction = 1.0 - 1.0 / kMassRatio;

double boostSpeedFraction(double u)
{
    return std::log(1.0 - kBurnFraction * u) / std::log(1.0 - kBurnFraction);
}

// Integral of boostSpeedFraction from 0 to u: the free-flight time covered after u of the burn,
// in units of the burn time.
double boostPathFraction(double u)
{
    const double c = kBurnFraction;
    const double w = 1.0 - c * u;
    return (-u - w * std::log(w) / c) / std::log(1.0 - c);
}

// Refine the conic's apogee radius until the apogee's *ellipsoidal* height is the one asked
// for: the Earth's radius under the apogee differs from that under the launch point by up to
// ~20 km (WGS-84 flattening).
KeplerArc solveForApogeeHeight(const Vec3 &r1, const Vec3 &r2, double apogeeAltitudeM)
{
    double apogeeRadiusM = r1.norm() + apogeeAltitudeM;
    KeplerArc arc;
    for (int i = 0; i < 6; ++i) {
        arc = solveArcForApogeeRadius(r1, r2, apogeeRadiusM);
        const double heightM = toGeodetic(arc.apogeeDirection * arc.apogeeRadiusM).altitudeM;
        if (std::abs(heightM - apogeeAltitudeM) < 1.0)
            break;
        apogeeRadiusM += apogeeAltitudeM - heightM;
    }
    return arc;
}

} // namespace

BallisticFlight::BallisticFlight(const FlightSpec &spec)
    : m_spec(spec)
{
    if (!spec.launchPoint.isValidLatLon() || !spec.target.isValidLatLon())
        throw std::invalid_argument("launch point or target outside WGS-84 lat/lon");
    if (spec.apogeeAltitudeM && *spec.apogeeAltitudeM <= 0.0)
        throw std::invalid_argument("apogee must be above the ellipsoid");
    if (!(spec.burnTimeS > 0.0))
        throw std::invalid_argument("burn time must be positive");

    const Vec3 r1 = toEcef(spec.launchPoint);
    const Vec3 r2 = toEcef(spec.target);
    const KeplerArc arc = spec.apogeeAltitudeM ? solveForApogeeHeight(r1, r2, *spec.apogeeAltitudeM)
                                               : solveMinimumEnergyArc(r1, r2);
    auto trajectory = std::make_shared<Trajectory>(Trajectory::propagateToGround(
        r1, arc.launchVelocityMps, spec.target.altitudeM, 2.0 * arc.timeOfFlightS + 600.0));
    m_arc = trajectory;

    // The boost may not take longer than the whole free flight it is laid along.
    m_spec.burnTimeS = std::min(spec.burnTimeS, 0.5 * trajectory->durationS() / boostPathFraction(1.0));
    m_arcTimeAtBurnoutS = m_spec.burnTimeS * boostPathFraction(1.0);

    m_impactPoint = toGeodetic(trajectory->samples().back().positionM);
    for (const TrajectorySample &sample : trajectory->samples()) {
        const double heightM = toGeodetic(sample.positionM).altitudeM;
        if (heightM > m_apogeeAltitudeM) {
            m_apogeeAltitudeM = heightM;
            m_apogeeArcTimeS = sample.timeS;
        }
    }
}

TimeUs BallisticFlight::burnoutTimeUs() const
{
    return m_spec.launchTimeUs + secondsToUs(m_spec.burnTimeS);
}

double BallisticFlight::flightDurationS() const
{
    return m_spec.burnTimeS + (m_arc->durationS() - m_arcTimeAtBurnoutS);
}

TimeUs BallisticFlight::impactTimeUs() const
{
    return m_spec.launchTimeUs + secondsToUs(flightDurationS());
}

double BallisticFlight::apogeeTimeAfterLaunchS() const
{
    if (m_apogeeArcTimeS <= m_arcTimeAtBurnoutS) {
        // Apogee during the boost (very depressed trajectories): invert the path fraction.
        double lo = 0.0, hi = 1.0;
        for (int i = 0; i < 60; ++i) {
            const double mid = 0.5 * (lo + hi);
            (boostPathFraction(mid) * m_spec.burnTimeS < m_apogeeArcTimeS ? lo : hi) = mid;
        }
        return hi * m_spec.burnTimeS;
    }
    return m_spec.burnTimeS + (m_apogeeArcTimeS - m_arcTimeAtBurnoutS);
}

double BallisticFlight::groundRangeM() const
{
    double rangeM = 0.0;
    GeographicLib::Geodesic::WGS84().Inverse(m_spec.launchPoint.latDeg, m_spec.launchPoint.lonDeg,
                                             m_impactPoint.latDeg, m_impactPoint.lonDeg, rangeM);
    return rangeM;
}

double BallisticFlight::arcTimeForElapsed(double elapsedS, double &speedScale) const
{
    if (elapsedS < m_spec.burnTimeS) {
        const double u = elapsedS / m_spec.burnTimeS;
        speedScale = boostSpeedFraction(u);
        return m_spec.burnTimeS * boostPathFraction(u);
    }
    speedScale = 1.0;
    return elapsedS - m_spec.burnTimeS + m_arcTimeAtBurnoutS;
}

FlightState BallisticFlight::stateAfterLaunch(double elapsedS) const
{
    FlightState state;
    state.timeUs = m_spec.launchTimeUs + secondsToUs(elapsedS);
    if (elapsedS < 0.0) {
        state.phase = TrackPhase::Unknown;
        state.ecefPositionM = m_arc->samples().front().positionM;
        state.position = m_spec.launchPoint;
        return state;
    }
    if (elapsedS >= flightDurationS()) {
        state.phase = TrackPhase::Impacted;
        state.ecefPositionM = m_arc->samples().back().positionM;
        state.position = m_impactPoint;
        return state;
    }
    double speedScale = 1.0;
    const TrajectorySample sample = m_arc->stateAt(arcTimeForElapsed(elapsedS, speedScale));
    state.ecefPositionM = sample.positionM;
    state.ecefVelocityMps = speedScale * sample.velocityMps;
    EnuFrame frame;
    state.position = toGeodetic(state.ecefPositionM, frame);
    const Vec3 enu = frame.toEnu(state.ecefVelocityMps);
    state.velocity = {enu.x, enu.y, enu.z};
    if (elapsedS < m_spec.burnTimeS)
        state.phase = TrackPhase::Boost;
    else if (enu.z < 0.0 && state.position.altitudeM < kTerminalAltitudeM)
        state.phase = TrackPhase::Terminal;
    else
        state.phase = TrackPhase::Midcourse;
    return state;
}

FlightState BallisticFlight::stateAt(TimeUs timeUs) const
{
    return stateAfterLaunch(usToSeconds(timeUs - m_spec.launchTimeUs));
}

BallisticFlight BallisticFlight::relaunchedAt(TimeUs launchTimeUs) const
{
    BallisticFlight copy = *this;
    copy.m_spec.launchTimeUs = launchTimeUs;
    return copy;
}

} // namespace cop::sim
