// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/earth.h"
#include "core/vec3.h"

#include <functional>
#include <vector>

namespace cop {

// One propagated state in the inertial frame of the flight (axes of ECEF at launch).
struct TrajectorySample
{
    double timeS = 0.0; // since the start of the propagation
    Vec3 positionM;
    Vec3 velocityMps;
};

// A propagated trajectory kept as a table, so the state at any time is a cheap cubic Hermite
// interpolation (millimetre-exact at the steps used). Samples need not be evenly spaced: the
// flight model steps finer through re-entry and lands exactly on staging events.
class Trajectory
{
public:
    // Acceleration at a time, position and velocity (inertial frame).
    using AccelerationFunction
        = std::function<Vec3(double timeS, const Vec3 &positionM, const Vec3 &velocityMps)>;

    Trajectory() = default;
    explicit Trajectory(std::vector<TrajectorySample> samples);

    // Free flight under gravity only (no drag), for a fixed duration: orbits, and the checks of
    // the integrator against Kepler and energy conservation.
    static Trajectory propagateFree(const Vec3 &positionM, const Vec3 &velocityMps,
                                    double durationS, bool withJ2, double stepS = 1.0);

    // One classical fourth-order Runge–Kutta step.
    static TrajectorySample rk4Step(const TrajectorySample &s, double stepS,
                                    const AccelerationFunction &acceleration);

    TrajectorySample stateAt(double timeS) const; // clamped to [0, durationS()]
    double durationS() const { return m_samples.back().timeS; }
    const std::vector<TrajectorySample> &samples() const { return m_samples; }

    // Cubic Hermite interpolation between two samples; exact for the positions and velocities
    // at both ends, which keeps the interpolated track smooth across sample boundaries.
    static TrajectorySample hermite(const TrajectorySample &a, const TrajectorySample &b,
                                    double timeS);

private:
    std::vector<TrajectorySample> m_samples;
};

} // namespace cop
