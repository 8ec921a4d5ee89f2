// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/geo.h"
#include "sim/matrix.h"

#include <optional>

namespace cop::sim {

// Where and when an estimated state comes down, with the spread of the impact point.
struct ImpactEstimate
{
    GeoPosition point;
    double timeToImpactS = 0.0;
    // East/north covariance at the impact point, m².
    double eastEastM2 = 0.0;
    double eastNorthM2 = 0.0;
    double northNorthM2 = 0.0;
};

// Impact prediction as a tracker does it: the estimated Earth-fixed state and its covariance
// pushed through the ballistic flight to the ellipsoid by the unscented transform (Julier &
// Uhlmann, 2004: 2n+1 sigma points, κ = 1), so the impact covariance carries the nonlinearity
// of the fall, not just its linearisation. Each sigma point is flown with gravity and drag
// (ballistic coefficient assumed by the tracker). Empty if the mean state, or too many sigma
// points, do not come down (an orbit: no impact to predict).
std::optional<ImpactEstimate> predictImpact(const Vec3 &ecefPositionM, const Vec3 &ecefVelocityMps,
                                            const Matrix6 &covariance,
                                            double ballisticCoefficientKgPerM2,
                                            double groundHeightM = 0.0);

// Impact prediction for a glide vehicle, which a ballistic prediction cannot follow: where it
// can still reach. The state's sigma points are flown as a level glide (glidevehicle.h, the
// class's notional lift-to-drag ratio) for the spread the estimate itself causes; the
// footprint is spanned by five flights of the mean state — ballistic (no lift), level glide
// straight on, gliding turns hard left and hard right, and a dive at once — and its spread
// (the sample covariance of those five landings) is added. The point is the footprint's centre. Early in
// a glide the ellipse is hundreds of kilometres long; it closes as the vehicle bleeds its
// speed. Empty if a flight does not come down.
std::optional<ImpactEstimate> predictGlideImpact(const Vec3 &ecefPositionM,
                                                 const Vec3 &ecefVelocityMps,
                                                 const Matrix6 &covariance,
                                                 double ballisticCoefficientKgPerM2,
                                                 double groundHeightM = 0.0);

} // namespace cop::sim
