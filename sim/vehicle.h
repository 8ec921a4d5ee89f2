// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain.h"

#include <vector>

namespace cop::sim {

// One rocket stage as the boost model needs it: how long it burns and how much of its mass is
// propellant. Thrust and mass flow are constant within a stage, so the acceleration grows as
// the propellant burns off (Tsiolkovsky) and drops at staging.
struct BoostStage
{
    double burnTimeS = 60.0;
    double massRatio = 4.0; // initial / burnout mass of everything above and including the stage
};

// The parts of a missile that shape its flight: the boost profile, the pitch programme's
// vertical rise, and the re-entry body's ballistic coefficient. The exhaust speed (hence the
// energy) is not here: the boost solver chooses it so the flight has the requested shape,
// the way an analyst reconstructs a launch from its reported apogee and range.
struct VehicleProfile
{
    std::vector<BoostStage> stages;
    double verticalRiseS = 8.0;
    // m / (Cd·A) of the body after burnout; drag acceleration is ρv²/(2β).
    double ballisticCoefficientKgPerM2 = 5000.0;
    // A cold launch from under water (an SLBM): gas ejects the missile from its tube
    // launchDepthM below the surface at ejectionSpeedMps; it rises through the water and the
    // air unpowered (the water's drag is folded into the notional ejection speed) and the first
    // stage ignites ignitionDelayS after it left the tube. All zero for a launch from land.
    double launchDepthM = 0.0;
    double ejectionSpeedMps = 0.0;
    double ignitionDelayS = 0.0;

    double burnTimeS() const; // of all the stages together
    // Time after leaving the pad (or the tube) at which the last stage burns out.
    double burnoutTimeS() const { return ignitionDelayS + burnTimeS(); }
    // Thrust acceleration at a time after lift-off (or ejection) for an effective exhaust
    // speed; zero before ignition and after the last stage burns out.
    double thrustAccelerationMps2(double elapsedS, double exhaustSpeedMps) const;
    // Ideal (no gravity, no drag) speed gained over the whole boost, per m/s of exhaust speed.
    double idealDeltaVPerExhaustSpeed() const;
    // Times after lift-off (or ejection) at which a stage burns out (the last one is burnout).
    std::vector<double> stagingTimesS() const;
};

// A notional profile for a missile class with the given total burn time. Stage counts and burn
// splits follow public descriptions (e.g. CSIS Missile Threat): one stage for short-range
// missiles and the Hwasong-12, two for the Hwasong-15/17 and for a Pukguksong-3-like SLBM
// (solid, cold-launched from under water), three for a Chollima-1-like launcher.
// Mass ratios and ballistic coefficients are round illustrative numbers.
VehicleProfile vehicleProfileFor(MissileClass missileClass, double burnTimeS);

} // namespace cop::sim
