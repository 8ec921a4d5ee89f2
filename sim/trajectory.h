// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sim/vec3.h"

#include <vector>

namespace cop::sim {

// One propagated state in Earth-centred coordinates.
struct TrajectorySample
{
    double timeS = 0.0; // since the start of the propagation
    Vec3 positionM;
    Vec3 velocityMps;
};

// A free-flight trajectory propagated numerically to the ground and kept as a table, so the
// state at any time is a cheap cubic Hermite interpolation (exact to millimetres at the 1 s
// step used). Propagating rather than evaluating the conic in closed form is what lets later
// physics add forces (rotating frame, drag, J2) by changing acceleration() only.
class Trajectory
{
public:
    // Integrates from the initial state until the ellipsoidal height falls back below
    // groundHeightM (classical fourth-order Runge-Kutta, point-mass gravity, non-rotating
    // Earth). The last sample is the ground crossing itself, found by bisection.
    static Trajectory propagateToGround(const Vec3 &positionM, const Vec3 &velocityMps,
                                        double groundHeightM, double maxDurationS,
                                        double stepS = 1.0);

    // Acceleration acting on a free-flying body: point-mass gravity, WGS-84 GM.
    static Vec3 acceleration(const Vec3 &positionM);

    TrajectorySample stateAt(double timeS) const; // clamped to [0, durationS()]
    double durationS() const { return m_samples.back().timeS; }
    const std::vector<TrajectorySample> &samples() const { return m_samples; }

private:
    std::vector<TrajectorySample> m_samples;
};

} // namespace cop::sim
