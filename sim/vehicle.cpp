// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/vehicle.h"

#include "core/ballisticpropagator.h"

#include <cmath>
#include <initializer_list>
#include <utility>

namespace cop::sim {

double VehicleProfile::burnTimeS() const
{
    double total = 0.0;
    for (const BoostStage &stage : stages)
        total += stage.burnTimeS;
    return total;
}

double VehicleProfile::thrustAccelerationMps2(double elapsedS, double exhaustSpeedMps) const
{
    if (elapsedS < ignitionDelayS)
        return 0.0;
    double stageStartS = ignitionDelayS;
    for (const BoostStage &stage : stages) {
        if (elapsedS < stageStartS + stage.burnTimeS) {
            // m(τ) = m0 (1 − c τ/T), c = 1 − 1/MR; a = ve ṁ/m.
            const double c = 1.0 - 1.0 / stage.massRatio;
            const double tau = (elapsedS - stageStartS) / stage.burnTimeS;
            return exhaustSpeedMps * c / (stage.burnTimeS * (1.0 - c * tau));
        }
        stageStartS += stage.burnTimeS;
    }
    return 0.0;
}

double VehicleProfile::idealDeltaVPerExhaustSpeed() const
{
    double total = 0.0;
    for (const BoostStage &stage : stages)
        total += std::log(stage.massRatio);
    return total;
}

std::vector<double> VehicleProfile::stagingTimesS() const
{
    std::vector<double> times;
    double t = ignitionDelayS;
    for (const BoostStage &stage : stages) {
        t += stage.burnTimeS;
        times.push_back(t);
    }
    return times;
}

VehicleProfile vehicleProfileFor(MissileClass missileClass, double burnTimeS)
{
    VehicleProfile profile;
    const auto split = [&](std::initializer_list<std::pair<double, double>> fractionAndRatio) {
        for (const auto &[fraction, ratio] : fractionAndRatio)
            profile.stages.push_back({fraction * burnTimeS, ratio});
    };
    switch (missileClass) {
    case MissileClass::ShortRange:
        // Solid single-stage missiles.
        split({{1.0, 3.0}});
        profile.verticalRiseS = 4.0;
        break;
    case MissileClass::SubmarineLaunched:
        // Two solid stages (Pukguksong-3-like), cold-launched: ejected from 30 m down at
        // 35 m/s, it breaks the surface within a second and ignites 2.5 s after leaving the
        // tube, about 25 m above the sea and still rising (notional figures; the launch
        // photographs show ignition just clear of the water).
        split({{0.6, 3.0}, {0.4, 2.6}});
        profile.verticalRiseS = 5.0;
        profile.launchDepthM = 30.0;
        profile.ejectionSpeedMps = 35.0;
        profile.ignitionDelayS = 2.5;
        break;
    case MissileClass::MediumRange:
        split({{1.0, 3.5}});
        profile.verticalRiseS = 6.0;
        break;
    case MissileClass::IntermediateRange:
        split({{1.0, 4.0}});
        profile.verticalRiseS = 8.0;
        break;
    case MissileClass::Intercontinental:
        split({{0.55, 3.0}, {0.45, 3.0}});
        profile.verticalRiseS = 10.0;
        break;
    case MissileClass::SpaceLaunch:
        split({{0.38, 3.2}, {0.47, 3.6}, {0.15, 1.6}});
        profile.verticalRiseS = 12.0;
        break;
    case MissileClass::GlideVehicle:
    case MissileClass::Unknown:
        split({{1.0, 4.0}});
        profile.verticalRiseS = 6.0;
        break;
    }
    profile.ballisticCoefficientKgPerM2 = nominalBallisticCoefficientKgPerM2(missileClass);
    return profile;
}

} // namespace cop::sim
