// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/flight.h"

#include "sim/boostsolver.h"
#include "sim/glidevehicle.h"
#include "core/ballisticpropagator.h"
#include "core/ecef.h"

#include <GeographicLib/Geodesic.hpp>

#include <cmath>
#include <stdexcept>

namespace cop::sim {

namespace {

GeoPosition pointAlongGeodesic(const GeoPosition &from, double azimuthDeg, double rangeM)
{
    GeoPosition to;
    GeographicLib::Geodesic::WGS84().Direct(from.latDeg, from.lonDeg, azimuthDeg, rangeM,
                                            to.latDeg, to.lonDeg);
    return to;
}

} // namespace

BallisticFlight::BallisticFlight(const FlightSpec &spec)
    : m_spec(spec)
{
    if (!(spec.burnTimeS > 0.0))
        throw std::invalid_argument("burn time must be positive");
    BoostRequest request;
    request.launchPoint = spec.launchPoint;
    request.target = spec.target;
    request.apogeeAltitudeM = spec.apogeeAltitudeM;
    request.vehicle = vehicleProfileFor(spec.missileClass, spec.burnTimeS);
    BoostSolution solution;
    if (spec.missileClass != MissileClass::GlideVehicle) {
        solution = solveBoost(request);
    } else {
        // The boost aims short and the glide, steering for the target, covers the rest. If the
        // glide runs out of speed short of the target, the aim moves on by most of the
        // shortfall and the flight is flown again.
        const Vec3 targetEcefM = toEcef(spec.target);
        const double beta = request.vehicle.ballisticCoefficientKgPerM2;
        double aimAzimuthDeg = 0.0, rangeM = 0.0;
        {
            double azimuth2 = 0.0;
            GeographicLib::Geodesic::WGS84().Inverse(spec.launchPoint.latDeg, spec.launchPoint.lonDeg,
                                                     spec.target.latDeg, spec.target.lonDeg, rangeM,
                                                     aimAzimuthDeg, azimuth2);
        }
        double aimRangeM = kGlideBoostRangeFraction * rangeM;
        for (int round = 0;; ++round) {
            request.target = pointAlongGeodesic(spec.launchPoint, aimAzimuthDeg, aimRangeM);
            request.target.altitudeM = spec.target.altitudeM;
            solution = solveBoost(request);
            solution.profile = flyGlide(solution.profile, spec.target, GlideManoeuvre{}, beta);
            const double missM = (solution.profile.impactEcefM - targetEcefM).norm();
            if (missM < kGlideAimToleranceM)
                break;
            if (round + 1 >= kGlideAimRounds)
                throw std::runtime_error("glide vehicle cannot reach its target");
            aimRangeM = std::min(aimRangeM + 0.8 * missM, rangeM);
        }
        m_ballisticAimPoint = request.target;
    }
    m_steering = solution.steering;
    m_profile = std::make_shared<const FlightProfile>(std::move(solution.profile));

    // Each spent stage of a launcher falls freely from the state at its separation.
    std::vector<StageDrop> drops;
    if (spec.missileClass == MissileClass::SpaceLaunch) {
        const std::vector<double> staging = request.vehicle.stagingTimesS();
        for (std::size_t i = 0; i + 1 < staging.size(); ++i) {
            const TrajectorySample s = m_profile->trajectory.stateAt(staging[i]);
            const Vec3 r = inertialToEcefPosition(s.positionM, s.timeS);
            const Vec3 v = inertialToEcefVelocity(s.positionM, s.velocityMps, s.timeS);
            const PropagatedFlight fall = propagateBallistic(
                r, v, spec.target.altitudeM, kSpentStageBallisticCoefficientKgPerM2, 10.0);
            drops.push_back({static_cast<int>(i) + 1, staging[i], staging[i] + fall.durationS(),
                             fall.impactPoint});
        }
    }
    m_stageDrops = std::make_shared<const std::vector<StageDrop>>(std::move(drops));
}

TimeUs BallisticFlight::burnoutTimeUs() const
{
    return m_spec.launchTimeUs + secondsToUs(m_profile->burnoutTimeS);
}

TimeUs BallisticFlight::impactTimeUs() const
{
    return m_spec.launchTimeUs + secondsToUs(flightDurationS());
}

double BallisticFlight::groundRangeM() const
{
    double rangeM = 0.0;
    const GeoPosition impact = impactPoint();
    GeographicLib::Geodesic::WGS84().Inverse(m_spec.launchPoint.latDeg, m_spec.launchPoint.lonDeg,
                                             impact.latDeg, impact.lonDeg, rangeM);
    return rangeM;
}

TrajectorySample BallisticFlight::inertialStateAfterLaunch(double elapsedS) const
{
    return m_profile->trajectory.stateAt(elapsedS);
}

FlightState BallisticFlight::stateAfterLaunch(double elapsedS) const
{
    FlightState state;
    state.timeUs = m_spec.launchTimeUs + secondsToUs(elapsedS);
    if (elapsedS < 0.0) {
        state.phase = TrackPhase::Unknown;
        state.ecefPositionM = m_profile->trajectory.samples().front().positionM;
        state.position = m_spec.launchPoint;
        return state;
    }
    if (elapsedS >= flightDurationS()) {
        state.phase = TrackPhase::Impacted;
        state.ecefPositionM = m_profile->impactEcefM;
        state.position = impactPoint();
        return state;
    }
    const TrajectorySample sample = m_profile->trajectory.stateAt(elapsedS);
    state.ecefPositionM = inertialToEcefPosition(sample.positionM, sample.timeS);
    state.ecefVelocityMps
        = inertialToEcefVelocity(sample.positionM, sample.velocityMps, sample.timeS);
    EnuFrame frame;
    state.position = toGeodetic(state.ecefPositionM, frame);
    const Vec3 enu = frame.toEnu(state.ecefVelocityMps);
    state.velocity = {enu.x, enu.y, enu.z};
    if (elapsedS < m_profile->burnoutTimeS)
        state.phase = TrackPhase::Boost;
    // Past the apogee and back in the atmosphere: terminal, even while a glide vehicle climbs
    // in a skip.
    else if ((enu.z < 0.0 || elapsedS > m_profile->apogeeTimeS)
             && state.position.altitudeM < kTerminalAltitudeM)
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
