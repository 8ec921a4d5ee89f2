// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/trajectory.h"

#include "sim/ecef.h"

#include <algorithm>
#include <stdexcept>

namespace cop::sim {

namespace {

TrajectorySample rk4Step(const TrajectorySample &s, double h)
{
    const auto accel = &Trajectory::acceleration;
    const Vec3 k1v = accel(s.positionM);
    const Vec3 k1r = s.velocityMps;
    const Vec3 k2v = accel(s.positionM + 0.5 * h * k1r);
    const Vec3 k2r = s.velocityMps + 0.5 * h * k1v;
    const Vec3 k3v = accel(s.positionM + 0.5 * h * k2r);
    const Vec3 k3r = s.velocityMps + 0.5 * h * k2v;
    const Vec3 k4v = accel(s.positionM + h * k3r);
    const Vec3 k4r = s.velocityMps + h * k3v;
    return {s.timeS + h, s.positionM + (h / 6.0) * (k1r + 2.0 * k2r + 2.0 * k3r + k4r),
            s.velocityMps + (h / 6.0) * (k1v + 2.0 * k2v + 2.0 * k3v + k4v)};
}

// Cubic Hermite interpolation between two samples; exact for the positions and velocities at
// both ends, which keeps the interpolated track smooth across sample boundaries.
TrajectorySample hermite(const TrajectorySample &a, const TrajectorySample &b, double timeS)
{
    const double h = b.timeS - a.timeS;
    if (h <= 0.0)
        return a;
    const double s = (timeS - a.timeS) / h;
    const double s2 = s * s;
    const double s3 = s2 * s;
    const double h00 = 2 * s3 - 3 * s2 + 1, h10 = s3 - 2 * s2 + s;
    const double h01 = -2 * s3 + 3 * s2, h11 = s3 - s2;
    const double d00 = 6 * s2 - 6 * s, d10 = 3 * s2 - 4 * s + 1;
    const double d01 = -6 * s2 + 6 * s, d11 = 3 * s2 - 2 * s;
    TrajectorySample out;
    out.timeS = timeS;
    out.positionM = h00 * a.positionM + (h10 * h) * a.velocityMps + h01 * b.positionM
                    + (h11 * h) * b.velocityMps;
    out.velocityMps = (d00 / h) * a.positionM + d10 * a.velocityMps + (d01 / h) * b.positionM
                      + d11 * b.velocityMps;
    return out;
}

} // namespace

Vec3 Trajectory::acceleration(const Vec3 &positionM)
{
    const double r = positionM.norm();
    return (-kEarthGmM3PerS2 / (r * r * r)) * positionM;
}

Trajectory Trajectory::propagateToGround(const Vec3 &positionM, const Vec3 &velocityMps,
                                         double groundHeightM, double maxDurationS, double stepS)
{
    Trajectory trajectory;
    auto &samples = trajectory.m_samples;
    samples.push_back({0.0, positionM, velocityMps});
    const auto heightOf = [](const TrajectorySample &s) {
        return toGeodetic(s.positionM).altitudeM;
    };
    while (samples.back().timeS < maxDurationS) {
        const TrajectorySample next = rk4Step(samples.back(), stepS);
        const bool descending = dot(next.positionM, next.velocityMps) < 0.0;
        if (descending && heightOf(next) <= groundHeightM) {
            // Bisect the interpolated step for the ground crossing, to a millisecond.
            const TrajectorySample prev = samples.back();
            double lo = prev.timeS, hi = next.timeS;
            while (hi - lo > 1e-3) {
                const double mid = 0.5 * (lo + hi);
                (heightOf(hermite(prev, next, mid)) > groundHeightM ? lo : hi) = mid;
            }
            samples.push_back(hermite(prev, next, hi));
            return trajectory;
        }
        samples.push_back(next);
    }
    throw std::runtime_error("trajectory did not return to the ground");
}

TrajectorySample Trajectory::stateAt(double timeS) const
{
    if (timeS <= 0.0)
        return m_samples.front();
    if (timeS >= durationS())
        return m_samples.back();
    const auto upper = std::upper_bound(m_samples.begin(), m_samples.end(), timeS,
                                        [](double t, const TrajectorySample &s) { return t < s.timeS; });
    return hermite(*(upper - 1), *upper, timeS);
}

} // namespace cop::sim
