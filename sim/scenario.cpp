// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/scenario.h"

#include "sim/launchsites.h"

#include <cmath>

namespace cop::sim {

bool ScenarioWindow::contains(double scenarioS) const
{
    if (repeatS <= 0.0)
        return scenarioS >= fromS && scenarioS < untilS;
    if (scenarioS < fromS)
        return false;
    return std::fmod(scenarioS - fromS, repeatS) < untilS - fromS;
}

double defaultBurnTimeS(MissileClass missileClass)
{
    switch (missileClass) {
    case MissileClass::ShortRange:
        return 60.0;
    case MissileClass::SubmarineLaunched:
        return 50.0;
    case MissileClass::MediumRange:
        return 100.0;
    case MissileClass::IntermediateRange:
        return 150.0;
    case MissileClass::Intercontinental:
        return 300.0;
    case MissileClass::SpaceLaunch:
        return 500.0;
    case MissileClass::GlideVehicle:
        return 80.0;
    case MissileClass::Unknown:
        break;
    }
    return 60.0;
}

namespace {

ScenarioLaunch byBearing(std::string name, MissileClass missileClass, const char *site, double timeS,
                         double azimuthDeg, double rangeKm, TrajectoryShape shape,
                         std::optional<double> apogeeKm, double burnTimeS)
{
    ScenarioLaunch l;
    l.name = std::move(name);
    l.missileClass = missileClass;
    l.siteName = site;
    l.site = *findLaunchSite(site);
    l.timeS = timeS;
    l.targetByBearing = true;
    l.azimuthDeg = azimuthDeg;
    l.rangeKm = rangeKm;
    l.target = pointAlong(l.site, azimuthDeg, rangeKm * 1e3);
    l.shape = shape;
    l.apogeeKm = apogeeKm;
    l.burnTimeS = burnTimeS;
    return l;
}

} // namespace

Scenario defaultDemoScenario()
{
    using enum TrajectoryShape;
    Scenario s;
    s.name = "Default demo";
    s.note = "A ten-minute loop of North Korean launches. Ranges, apogees and flight times echo "
             "public reports of real events; the exact points are illustrative.";
    s.loopS = 600.0;
    s.startOffsetS = 290.0;
    // Two KN-23-class SRBMs on depressed trajectories into the Sea of Japan.
    s.launches.push_back(byBearing("SRBM salvo 1/2", MissileClass::ShortRange, "Wonsan", 0.0, 75.0,
                                   600.0, Depressed, 80.0, 60.0));
    s.launches.push_back(byBearing("SRBM salvo 2/2", MissileClass::ShortRange, "Wonsan", 15.0, 80.0,
                                   620.0, Depressed, 80.0, 60.0));
    // Like the October 2021 launch from Sinpo: ~590 km, apogee ~60 km.
    s.launches.push_back(byBearing("SLBM", MissileClass::SubmarineLaunched, "Sinpo", 45.0, 100.0,
                                   590.0, Depressed, 60.0, 50.0));
    s.launches.push_back(byBearing("MRBM", MissileClass::MediumRange, "Sunan", 90.0, 78.0, 1000.0,
                                   MinimumEnergy, std::nullopt, 100.0));
    // Like the Hwasong-12 of 4 October 2022: over Aomori into the Pacific, ~4,500 km.
    s.launches.push_back(byBearing("IRBM over northern Japan", MissileClass::IntermediateRange,
                                   "Kusong", 150.0, 80.0, 4500.0, MinimumEnergy, std::nullopt,
                                   150.0));
    // Like the Hwasong-17 of 18 November 2022 from Sunan: lofted to ~6,100 km, ~1,000 km range,
    // ~69 minutes, impact ~200 km west of Oshima-Oshima inside Japan's EEZ.
    ScenarioLaunch icbm;
    icbm.name = "ICBM (lofted)";
    icbm.missileClass = MissileClass::Intercontinental;
    icbm.siteName = "Sunan";
    icbm.site = *findLaunchSite("Sunan");
    icbm.timeS = 240.0;
    icbm.target = {41.50, 136.97, 0.0};
    icbm.shape = Lofted;
    icbm.apogeeKm = 6100.0;
    icbm.burnTimeS = 300.0;
    s.launches.push_back(icbm);
    s.launches.push_back(byBearing("SRBM from Tongchang-ri", MissileClass::ShortRange, "Sohae",
                                   420.0, 82.0, 800.0, MinimumEnergy, std::nullopt, 70.0));
    // Sensor health: one radar degraded for a minute each loop, alternately a Japanese and a
    // Korean one, so the health display has something to show.
    s.sensorEvents.push_back({"JP-FPS5-SADO", SensorState::Degraded, {330.0, 390.0, 1200.0}});
    s.sensorEvents.push_back({"KR-GP-B", SensorState::Degraded, {930.0, 990.0, 1200.0}});
    return s;
}

} // namespace cop::sim
