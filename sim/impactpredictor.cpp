// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/impactpredictor.h"

#include "core/ballisticpropagator.h"
#include "core/ecef.h"

#include <cmath>
#include <stdexcept>

namespace cop::sim {

namespace {

constexpr double kKappa = 1.0;
constexpr int kStateSize = 6;

} // namespace

std::optional<ImpactEstimate> predictImpact(const Vec3 &r, const Vec3 &v, const Matrix6 &covariance,
                                            double ballisticCoefficientKgPerM2,
                                            double groundHeightM)
{
    const Matrix6 l = cholesky(covariance.symmetrized());
    const double spread = std::sqrt(kStateSize + kKappa);
    const double w0 = kKappa / (kStateSize + kKappa);
    const double wi = 0.5 / (kStateSize + kKappa);

    struct Landing
    {
        Vec3 ecefM;
        double timeS = 0.0;
    };
    const auto fly = [&](const Vec3 &position, const Vec3 &velocity) -> std::optional<Landing> {
        try {
            const PropagatedFlight p
                = propagateBallistic(position, velocity, groundHeightM, ballisticCoefficientKgPerM2);
            return Landing {p.impactEcefM, p.durationS()};
        } catch (const std::runtime_error &) {
            return std::nullopt;
        }
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

} // namespace cop::sim
