// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/poweredflight.h"

#include "core/ecef.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace cop::sim {

namespace {

// Share of the burn after the vertical rise spent turning over to the burnout pitch.
constexpr double kTurnFraction = 0.5;

} // namespace

FlightProfile flyPowered(const Vec3 &launchEcefM, double groundHeightM,
                         const VehicleProfile &vehicle, const Steering &steering,
                         const ForceModel &forces, double maxDurationS)
{
    // Flight plane, fixed in inertial space: through the launch point along the azimuth.
    const GeoPosition pad = toGeodetic(launchEcefM);
    const EnuFrame padFrame = enuFrameAt(pad.latDeg, pad.lonDeg);
    const Vec3 downrange0 = std::sin(steering.azimuthRad) * padFrame.east
        + std::cos(steering.azimuthRad) * padFrame.north;
    const Vec3 planeNormal = cross(launchEcefM, downrange0).normalized();
    const double burnoutS = vehicle.burnoutTimeS();
    const double ignitionS = vehicle.ignitionDelayS;
    // The vertical rise and the turn-over count from ignition.
    const double riseS = ignitionS + std::min(vehicle.verticalRiseS, 0.5 * vehicle.burnTimeS());
    const double halfPi = 0.5 * std::numbers::pi;

    const Trajectory::AccelerationFunction acceleration = [&](double t, const Vec3 &r,
                                                              const Vec3 &v) {
        Vec3 a = gravityAcceleration(r, forces.j2);
        if (t < burnoutS) {
            const Vec3 up = r.normalized();
            const Vec3 ahead = cross(planeNormal, up).normalized();
            // Turn over during the first half of the remaining burn, then hold: a shorter
            // turn keeps depressed trajectories low without giving up the lofted ones.
            const double turnS = kTurnFraction * (burnoutS - riseS);
            double pitch = halfPi;
            if (t > riseS)
                pitch = halfPi
                    - (halfPi - steering.burnoutPitchRad) * std::min((t - riseS) / turnS, 1.0);
            a = a
                + vehicle.thrustAccelerationMps2(t, steering.exhaustSpeedMps)
                    * (std::cos(pitch) * ahead + std::sin(pitch) * up);
        } else if (forces.drag) {
            a = a + dragAcceleration(r, v, vehicle.ballisticCoefficientKgPerM2);
        }
        return a;
    };

    std::vector<double> events = vehicle.stagingTimesS();
    events.push_back(riseS);
    if (ignitionS > 0.0)
        events.push_back(ignitionS);
    std::sort(events.begin(), events.end());
    // Steps of 1 s, 0.1 s descending through the dense atmosphere (below 80 km re-entry
    // deceleration rises by orders of magnitude within a few scale heights of about 7 km).
    PropagationStepPlan plan;
    plan.events = std::move(events);
    plan.vacuumStepS = 1.0;
    plan.fineStepS = 0.1;
    plan.fineBelowAltitudeM = 80e3;
    // A cold launch starts under water, rising at its ejection speed; the pad and the tube turn
    // with the Earth.
    const Vec3 up = padFrame.up;
    const Vec3 startM = launchEcefM - vehicle.launchDepthM * up;
    const Vec3 startVelocityMps = groundVelocityInertial(startM) + vehicle.ejectionSpeedMps * up;
    return propagateToGround({0.0, startM, startVelocityMps}, acceleration, burnoutS, plan,
                             groundHeightM, maxDurationS);
}

} // namespace cop::sim
