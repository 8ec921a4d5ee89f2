// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/measurement.h"

#include <algorithm>
#include <cmath>

namespace cop::sim {

namespace {

Vec3 fromRadarAngles(const Vec3 &siteEcefM, const EnuFrame &siteFrame, const RadarAngles &a)
{
    const double horizontal = a.rangeM * std::cos(a.elevationRad);
    return siteEcefM
        + siteFrame.toEcef({horizontal * std::sin(a.azimuthRad),
                            horizontal * std::cos(a.azimuthRad),
                            a.rangeM * std::sin(a.elevationRad)});
}

// Converted-measurement covariance: J diag(σr², σaz², σel²) Jᵀ with J the Jacobian of the
// ENU position with respect to (range, azimuth, elevation), rotated to ECEF.
Matrix3 convertedCovariance(const EnuFrame &siteFrame, const RadarAngles &a, double sigmaRangeM,
                            double sigmaAzimuthRad, double sigmaElevationRad)
{
    const double ce = std::cos(a.elevationRad), se = std::sin(a.elevationRad);
    const double ca = std::cos(a.azimuthRad), sa = std::sin(a.azimuthRad);
    const double r = a.rangeM;
    // Columns: ∂/∂range, ∂/∂azimuth, ∂/∂elevation, in ENU.
    const Vec3 dRange {ce * sa, ce * ca, se};
    const Vec3 dAzimuth {r * ce * ca, -r * ce * sa, 0.0};
    const Vec3 dElevation {-r * se * sa, -r * se * ca, r * ce};
    const Vec3 columns[3]
        = {siteFrame.toEcef(dRange), siteFrame.toEcef(dAzimuth), siteFrame.toEcef(dElevation)};
    const double variances[3] = {sigmaRangeM * sigmaRangeM, sigmaAzimuthRad * sigmaAzimuthRad,
                                 sigmaElevationRad * sigmaElevationRad};
    Matrix3 out;
    for (int k = 0; k < 3; ++k) {
        const Vec3 &c = columns[k];
        const double comp[3] = {c.x, c.y, c.z};
        for (int r1 = 0; r1 < 3; ++r1)
            for (int r2 = 0; r2 < 3; ++r2)
                out(r1, r2) += variances[k] * comp[r1] * comp[r2];
    }
    return out;
}

} // namespace

RadarAngles radarAnglesOf(const Vec3 &siteEcefM, const EnuFrame &siteFrame, const Vec3 &targetEcefM)
{
    const Vec3 enu = siteFrame.toEnu(targetEcefM - siteEcefM);
    RadarAngles a;
    a.rangeM = enu.norm();
    a.azimuthRad = std::atan2(enu.x, enu.y);
    a.elevationRad = std::atan2(enu.z, std::hypot(enu.x, enu.y));
    return a;
}

Measurement measure(const Sensor &sensor, const FlightState &truth, const std::array<double, 3> &z,
                    double sigmaFactor)
{
    const SensorSpec &spec = sensor.spec();
    Measurement m;
    m.sensorId = spec.sensorId;
    m.timeUs = truth.timeUs;
    const Vec3 siteEcefM = toEcef(spec.site);
    if (spec.kind == SensorKind::SpaceInfrared) {
        // A staring infrared sensor's error is an ellipsoid long along its line of sight
        // (sensor.h); draw from it directly in ECEF.
        const EnuCovariance3 c = sensor.measurementCovariance(truth);
        const EnuFrame f = enuFrameAt(truth.position.latDeg, truth.position.lonDeg);
        Matrix3 enu;
        enu(0, 0) = c.ee, enu(0, 1) = enu(1, 0) = c.en, enu(0, 2) = enu(2, 0) = c.eu;
        enu(1, 1) = c.nn, enu(1, 2) = enu(2, 1) = c.nu, enu(2, 2) = c.uu;
        Matrix3 rotation; // columns: east, north, up in ECEF
        const Vec3 axes[3] = {f.east, f.north, f.up};
        for (int k = 0; k < 3; ++k) {
            rotation(0, k) = axes[k].x;
            rotation(1, k) = axes[k].y;
            rotation(2, k) = axes[k].z;
        }
        m.covarianceM2 = (sigmaFactor * sigmaFactor) * (rotation * enu * rotation.transposed());
        const Matrix3 l = cholesky(m.covarianceM2);
        Matrix<3, 1> n;
        n(0, 0) = z[0], n(1, 0) = z[1], n(2, 0) = z[2];
        m.ecefPositionM = truth.ecefPositionM + toVec3(l * n);
        return m;
    }
    const EnuFrame siteFrame = enuFrameAt(spec.site.latDeg, spec.site.lonDeg);
    const RadarAngles trueAngles = radarAnglesOf(siteEcefM, siteFrame, truth.ecefPositionM);
    const double sigmaRangeM = sigmaFactor * spec.rangeSigmaM;
    const double sigmaElevationRad = sigmaFactor * spec.angleSigmaRad;
    // The angular error is across the beam; in azimuth it stretches by 1/cos(elevation).
    const double sigmaAzimuthRad
        = sigmaElevationRad / std::max(std::cos(trueAngles.elevationRad), 0.05);
    RadarAngles measured = trueAngles;
    measured.rangeM += sigmaRangeM * z[0];
    measured.azimuthRad += sigmaAzimuthRad * z[1];
    measured.elevationRad += sigmaElevationRad * z[2];
    m.ecefPositionM = fromRadarAngles(siteEcefM, siteFrame, measured);
    // The tracker only knows the measured angles, so the covariance is evaluated there.
    m.covarianceM2
        = convertedCovariance(siteFrame, measured, sigmaRangeM, sigmaAzimuthRad, sigmaElevationRad);
    return m;
}

} // namespace cop::sim
