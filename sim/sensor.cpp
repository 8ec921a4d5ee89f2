// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/sensor.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace cop::sim {

namespace {

constexpr double kDegPerRad = 180.0 / std::numbers::pi;

bool isAirborne(TrackPhase phase)
{
    return phase == TrackPhase::Boost || phase == TrackPhase::Midcourse
           || phase == TrackPhase::Terminal;
}

// Signed difference of two azimuths, in (-180, 180].
double azimuthDifferenceDeg(double a, double b)
{
    double d = std::fmod(a - b, 360.0);
    if (d > 180.0)
        d -= 360.0;
    else if (d <= -180.0)
        d += 360.0;
    return d;
}

} // namespace

Sensor::Sensor(SensorSpec spec)
    : m_spec(std::move(spec))
    , m_siteEcefM(toEcef(m_spec.site))
    , m_siteFrame(enuFrameAt(m_spec.site.latDeg, m_spec.site.lonDeg))
{}

bool Sensor::canSee(const FlightState &target) const
{
    if (!isAirborne(target.phase) || target.position.altitudeM <= 0.0)
        return false;
    const Vec3 lineOfSight = target.ecefPositionM - m_siteEcefM;
    const double rangeM = lineOfSight.norm();
    if (rangeM > m_spec.coverage.maxRangeM)
        return false;

    if (m_spec.kind == SensorKind::SpaceInfrared) {
        // The satellite must be above the missile's horizon, and the missile burning.
        const EnuFrame targetFrame = enuFrameAt(target.position.latDeg, target.position.lonDeg);
        return target.phase == TrackPhase::Boost && dot(-lineOfSight, targetFrame.up) > 0.0;
    }

    const Vec3 enu = m_siteFrame.toEnu(lineOfSight);
    const double elevationDeg = std::atan2(enu.z, std::hypot(enu.x, enu.y)) * kDegPerRad;
    if (elevationDeg < m_spec.coverage.minElevationDeg
        || elevationDeg > m_spec.coverage.maxElevationDeg)
        return false;
    const double azimuthDeg = std::atan2(enu.x, enu.y) * kDegPerRad;
    return std::abs(azimuthDifferenceDeg(azimuthDeg, m_spec.coverage.boresightAzimuthDeg))
           <= m_spec.coverage.azimuthHalfWidthDeg;
}

EnuCovariance3 Sensor::measurementCovariance(const FlightState &target) const
{
    const Vec3 lineOfSight = target.ecefPositionM - m_siteEcefM;
    const double rangeM = lineOfSight.norm();
    const EnuFrame targetFrame = enuFrameAt(target.position.latDeg, target.position.lonDeg);
    const Vec3 u = targetFrame.toEnu(lineOfSight / rangeM);
    const double crossSigmaM = std::max(m_spec.angleSigmaRad * rangeM, 30.0);
    const double cross2 = crossSigmaM * crossSigmaM;
    const double along2 = m_spec.rangeSigmaM * m_spec.rangeSigmaM;
    // C = σc² I + (σr² − σc²) u uᵀ: an ellipsoid with its short (or, for passive infrared,
    // long) axis along the line of sight.
    const double k = along2 - cross2;
    return {cross2 + k * u.x * u.x, k * u.x * u.y, k * u.x * u.z,
            cross2 + k * u.y * u.y, k * u.y * u.z, cross2 + k * u.z * u.z};
}

SensorStatus Sensor::status(SensorState state, TimeUs timeUs) const
{
    SensorStatus status;
    status.sensorId = m_spec.sensorId;
    status.name = m_spec.name;
    status.kind = m_spec.kind;
    status.site = m_spec.site;
    status.coverage = m_spec.coverage;
    status.state = state;
    status.timeUs = timeUs;
    return status;
}

} // namespace cop::sim
