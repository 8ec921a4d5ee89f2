// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/impactpredictor.h"

#include "core/ballisticpropagator.h"
#include "core/ecef.h"
#include "sim/glidevehicle.h"

#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>

namespace cop::sim {

namespace {

constexpr double kKappa = 1.0;
constexpr int kStateSize = 6;

struct Landing
{
    Vec3 ecefM;
    double timeS = 0.0;
};
using FlightFunction = std::function<PropagatedFlight(const Vec3 &, const Vec3 &)>;

std::optional<Landing> land(const FlightFunction &flight, const Vec3 &position, const Vec3 &velocity)
{
    try {
        const PropagatedFlight p = flight(position, velocity);
        return Landing {p.impactEcefM, p.durationS()};
    } catch (const std::runtime_error &) {
        return std::nullopt;
    }
}

// The unscented transform of the state through a flight to the ground.
std::optional<ImpactEstimate> unscentedImpact(const Vec3 &r, const Vec3 &v,
                                              const Matrix6 &covariance, double groundHeightM,
                                              const FlightFunction &flight)
{
    const Matrix6 l = cholesky(covariance.symmetrized());
    const double spread = std::sqrt(kStateSize + kKappa);
    const double w0 = kKappa / (kStateSize + kKappa);
    const double wi = 0.5 / (kStateSize + kKappa);

    const auto fly = [&](const Vec3 &position, const Vec3 &velocity) {
        return land(flight, position, velocity);
    };

    const std::optional<Landing> centre = fly(r, v);
    if (!centre)
        return std::nullopt;
    ImpactEstimate out;
    const GeoPosition centrePoint = toGeodetic(centre->ecefM);
    const EnuFrame frame = enuFrameAt(centrePoint.latDeg, centrePoint.lonDeg);

    // Sigma points ±√(n+κ) times the columns of the Cholesky factor. Offsets are taken in the
    // centre's east/north plane, where the ellipse is drawn.
    double sumE = 0.0, sumN = 0.0, sumT = w0 * centre->timeS;
    double offsetsE[2 * kStateSize], offsetsN[2 * kStateSize];
    for (int c = 0; c < kStateSize; ++c) {
        const Vec3 dr {l(0, c), l(1, c), l(2, c)};
        const Vec3 dv {l(3, c), l(4, c), l(5, c)};
        for (int sign = 0; sign < 2; ++sign) {
            const double s = sign == 0 ? spread : -spread;
            const std::optional<Landing> landing = fly(r + s * dr, v + s * dv);
            if (!landing)
                return std::nullopt;
            const Vec3 enu = frame.toEnu(landing->ecefM - centre->ecefM);
            offsetsE[2 * c + sign] = enu.x;
            offsetsN[2 * c + sign] = enu.y;
            sumE += wi * enu.x;
            sumN += wi * enu.y;
            sumT += wi * landing->timeS;
        }
    }
    for (int i = 0; i < 2 * kStateSize; ++i) {
        const double de = offsetsE[i] - sumE, dn = offsetsN[i] - sumN;
        out.eastEastM2 += wi * de * de;
        out.eastNorthM2 += wi * de * dn;
        out.northNorthM2 += wi * dn * dn;
    }
    out.eastEastM2 += w0 * sumE * sumE;
    out.eastNorthM2 += w0 * sumE * sumN;
    out.northNorthM2 += w0 * sumN * sumN;
    // The mean of the transformed points, moved from the centre's tangent plane to the ground.
    out.point = toGeodetic(centre->ecefM + frame.toEcef({sumE, sumN, 0.0}));
    out.point.altitudeM = groundHeightM;
    out.timeToImpactS = sumT;
    return out;
}

} // namespace

std::optional<ImpactEstimate> predictImpact(const Vec3 &r, const Vec3 &v, const Matrix6 &covariance,
                                            double ballisticCoefficientKgPerM2,
                                            double groundHeightM)
{
    return unscentedImpact(r, v, covariance, groundHeightM, [&](const Vec3 &p, const Vec3 &u) {
        return propagateBallistic(p, u, groundHeightM, ballisticCoefficientKgPerM2);
    });
}

std::optional<ImpactEstimate> predictGlideImpact(const Vec3 &r, const Vec3 &v,
                                                 const Matrix6 &covariance, double beta,
                                                 double groundHeightM)
{
    const auto glide = [&](double lateralShare) {
        return [&, lateralShare](const Vec3 &p, const Vec3 &u) {
            return flyGlideFromState(p, u, footprintManoeuvre(lateralShare), beta, groundHeightM);
        };
    };
    std::optional<ImpactEstimate> out = unscentedImpact(r, v, covariance, groundHeightM, glide(0.0));
    if (!out)
        return std::nullopt;
    // The footprint: what the vehicle can still do from the mean state.
    constexpr int kExtremes = 5;
    constexpr double kWeight = 1.0 / kExtremes;
    const FlightFunction extremes[kExtremes] = {
        [&](const Vec3 &p, const Vec3 &u) { return propagateBallistic(p, u, groundHeightM, beta); },
        glide(0.0), glide(-1.0), glide(1.0),
        [&](const Vec3 &p, const Vec3 &u) {
            // Nosing over now: the dive starts at any speed.
            GlideManoeuvre dive = footprintManoeuvre(0.0);
            dive.diveSpeedMps = std::numeric_limits<double>::max();
            dive.diveAngleDeg = GlideManoeuvre {}.diveAngleDeg;
            return flyGlideFromState(p, u, dive, beta, groundHeightM);
        }};
    const EnuFrame frame = enuFrameAt(out->point.latDeg, out->point.lonDeg);
    const Vec3 centreM = toEcef(out->point);
    double e[kExtremes], n[kExtremes], meanE = 0.0, meanN = 0.0, meanT = 0.0;
    for (int i = 0; i < kExtremes; ++i) {
        const std::optional<Landing> landing = land(extremes[i], r, v);
        if (!landing)
            return std::nullopt;
        const Vec3 enu = frame.toEnu(landing->ecefM - centreM);
        e[i] = enu.x, n[i] = enu.y;
        meanE += kWeight * e[i], meanN += kWeight * n[i], meanT += kWeight * landing->timeS;
    }
    for (int i = 0; i < kExtremes; ++i) {
        const double de = e[i] - meanE, dn = n[i] - meanN;
        // Sample covariance (n − 1): the points span the footprint, they do not sample it.
        out->eastEastM2 += de * de / (kExtremes - 1);
        out->eastNorthM2 += de * dn / (kExtremes - 1);
        out->northNorthM2 += dn * dn / (kExtremes - 1);
    }
    // The straight glide's own landing stands at offset e[1], n[1] from the centre of the
    // sigma points; the footprint's centre is shifted from it by the extremes' mean.
    out->point = toGeodetic(centreM + frame.toEcef({meanE - e[1], meanN - n[1], 0.0}));
    out->point.altitudeM = groundHeightM;
    out->timeToImpactS = meanT;
    return out;
}

} // namespace cop::sim
