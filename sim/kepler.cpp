// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/kepler.h"

#include "core/ecef.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace cop::sim {

namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

// True anomalies of the launch (ascending, 0..pi) and impact (descending, pi..2pi) points on
// the conic of eccentricity e with the given apogee radius. Derived from the conic equation
// r = p / (1 + e cos nu) with p = ra (1 - e).
struct Anomalies
{
    double launch = 0.0;
    double impact = 0.0;
};

Anomalies anomaliesFor(double e, double r1, double r2, double ra)
{
    const double p = ra * (1.0 - e);
    const double c1 = std::clamp((p / r1 - 1.0) / e, -1.0, 1.0);
    const double c2 = std::clamp((p / r2 - 1.0) / e, -1.0, 1.0);
    return {std::acos(c1), kTwoPi - std::acos(c2)};
}

double eccentricAnomaly(double nu, double e)
{
    const double eAnomaly = std::atan2(std::sqrt(1.0 - e * e) * std::sin(nu), e + std::cos(nu));
    return eAnomaly < 0.0 ? eAnomaly + kTwoPi : eAnomaly;
}

} // namespace

KeplerArc solveArcForApogeeRadius(const Vec3 &r1M, const Vec3 &r2M, double apogeeRadiusM)
{
    const double r1 = r1M.norm();
    const double r2 = r2M.norm();
    const double ra = apogeeRadiusM;
    if (ra <= std::max(r1, r2))
        throw std::invalid_argument("apogee below the launch or impact point");
    const Vec3 normal = cross(r1M, r2M);
    if (normal.norm() < 1e-6 * r1 * r2)
        throw std::invalid_argument("launch and impact points coincident or antipodal");
    const double centralAngle = std::acos(std::clamp(dot(r1M, r2M) / (r1 * r2), -1.0, 1.0));

    // The angle swept between the two points falls monotonically from >= pi at the smallest
    // eccentricity that reaches both radii to 0 as e -> 1, so bisection always converges.
    double lo = std::max((ra - r1) / (ra + r1), (ra - r2) / (ra + r2));
    double hi = 1.0;
    for (int i = 0; i < 200 && hi - lo > 1e-15; ++i) {
        const double mid = 0.5 * (lo + hi);
        const Anomalies nu = anomaliesFor(mid, r1, r2, ra);
        (nu.impact - nu.launch > centralAngle ? lo : hi) = mid;
    }
    const double e = 0.5 * (lo + hi);
    const Anomalies nu = anomaliesFor(e, r1, r2, ra);
    const double p = ra * (1.0 - e);
    const double a = ra / (1.0 + e);

    // Perifocal axes: P towards perigee, Q 90 degrees ahead in the direction of motion.
    const Vec3 h = normal.normalized();
    const Vec3 u1 = r1M / r1;
    const Vec3 ahead = cross(h, u1);
    const Vec3 pAxis = std::cos(nu.launch) * u1 - std::sin(nu.launch) * ahead;
    const Vec3 qAxis = cross(h, pAxis);

    KeplerArc arc;
    const double speedScale = std::sqrt(kEarthGmM3PerS2 / p);
    arc.launchVelocityMps = speedScale
                            * (-std::sin(nu.launch) * pAxis + (e + std::cos(nu.launch)) * qAxis);
    arc.apogeeRadiusM = ra;
    arc.apogeeDirection = -pAxis;
    arc.eccentricity = e;
    arc.semiMajorAxisM = a;
    // Kepler's equation between the two eccentric anomalies.
    const double e1 = eccentricAnomaly(nu.launch, e);
    const double e2 = eccentricAnomaly(nu.impact, e);
    const double meanMotion = std::sqrt(kEarthGmM3PerS2 / (a * a * a));
    arc.timeOfFlightS = ((e2 - e * std::sin(e2)) - (e1 - e * std::sin(e1))) / meanMotion;
    return arc;
}

KeplerArc solveMinimumEnergyArc(const Vec3 &r1M, const Vec3 &r2M)
{
    // Launch speed depends on the semi-major axis only (vis-viva), so minimise a over the
    // apogee radius by golden-section search. The minimum-energy apogee is a fraction of the
    // chord (about a quarter of the range for short ranges), so the chord bounds it.
    const double rMax = std::max(r1M.norm(), r2M.norm());
    const double chord = (r2M - r1M).norm();
    double lo = rMax + 1000.0;
    double hi = rMax + std::max(chord, 200e3);
    const auto semiMajorAxis = [&](double ra) {
        return solveArcForApogeeRadius(r1M, r2M, ra).semiMajorAxisM;
    };
    const double ratio = (std::sqrt(5.0) - 1.0) / 2.0;
    double x1 = hi - ratio * (hi - lo);
    double x2 = lo + ratio * (hi - lo);
    double f1 = semiMajorAxis(x1);
    double f2 = semiMajorAxis(x2);
    while (hi - lo > 1.0) {
        if (f1 < f2) {
            hi = x2;
            x2 = x1;
            f2 = f1;
            x1 = hi - ratio * (hi - lo);
            f1 = semiMajorAxis(x1);
        } else {
            lo = x1;
            x1 = x2;
            f1 = f2;
            x2 = lo + ratio * (hi - lo);
            f2 = semiMajorAxis(x2);
        }
    }
    return solveArcForApogeeRadius(r1M, r2M, 0.5 * (lo + hi));
}

} // namespace cop::sim
