// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/trajectory.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace cop {

Trajectory::Trajectory(std::vector<TrajectorySample> samples)
    : m_samples(std::move(samples))
{
    if (m_samples.empty())
        throw std::invalid_argument("a trajectory needs at least one sample");
}

TrajectorySample Trajectory::rk4Step(const TrajectorySample &s, double h,
                                     const AccelerationFunction &accel)
{
    const double t = s.timeS;
    const Vec3 k1v = accel(t, s.positionM, s.velocityMps);
    const Vec3 k1r = s.velocityMps;
    const Vec3 k2r = s.velocityMps + 0.5 * h * k1v;
    const Vec3 k2v = accel(t + 0.5 * h, s.positionM + 0.5 * h * k1r, k2r);
    const Vec3 k3r = s.velocityMps + 0.5 * h * k2v;
    const Vec3 k3v = accel(t + 0.5 * h, s.positionM + 0.5 * h * k2r, k3r);
    const Vec3 k4r = s.velocityMps + h * k3v;
    const Vec3 k4v = accel(t + h, s.positionM + h * k3r, k4r);
    return {t + h, s.positionM + (h / 6.0) * (k1r + 2.0 * k2r + 2.0 * k3r + k4r),
            s.velocityMps + (h / 6.0) * (k1v + 2.0 * k2v + 2.0 * k3v + k4v)};
}

TrajectorySample Trajectory::hermite(const TrajectorySample &a, const TrajectorySample &b,
                                     double timeS)
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

Trajectory Trajectory::propagateFree(const Vec3 &positionM, const Vec3 &velocityMps,
                                     double durationS, bool withJ2, double stepS)
{
    const AccelerationFunction gravity
        = [withJ2](double, const Vec3 &r, const Vec3 &) { return gravityAcceleration(r, withJ2); };
    std::vector<TrajectorySample> samples {{0.0, positionM, velocityMps}};
    while (samples.back().timeS < durationS) {
        const double h = std::min(stepS, durationS - samples.back().timeS);
        samples.push_back(rk4Step(samples.back(), h, gravity));
    }
    return Trajectory(std::move(samples));
}

TrajectorySample Trajectory::stateAt(double timeS) const
{
    if (timeS <= 0.0)
        return m_samples.front();
    if (timeS >= durationS())
        return m_samples.back();
    const auto upper
        = std::upper_bound(m_samples.begin(), m_samples.end(), timeS,
                           [](double t, const TrajectorySample &s) { return t < s.timeS; });
    return hermite(*(upper - 1), *upper, timeS);
}

} // namespace cop
