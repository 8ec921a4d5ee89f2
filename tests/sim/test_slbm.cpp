// SPDX-License-Identifier: GPL-3.0-or-later
// The SLBM profile: a cold launch from under water, ignition clear of the surface, two solid
// stages; flown against the Pukguksong-3 test of 2 October 2019 (ROK Joint Chiefs of Staff:
// about 450 km range, 910 km apogee, a lofted shot from the sea about 17 km north-east of
// Wonsan).
#include "sim/demoscenario.h"
#include "sim/flight.h"
#include "sim/scenariofile.h"
#include "sim/launchsites.h"
#include "sim/vehicle.h"

#include <GeographicLib/Geodesic.hpp>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

using namespace cop;
using namespace cop::sim;

namespace {

// The sea 17 km north-east of Wonsan (ROK Minister of National Defense, 2 October 2019).
GeoPosition pukguksong3LaunchBox()
{
    return pointAlong(*findLaunchSite("Wonsan"), 45.0, 17e3);
}

FlightSpec pukguksong3()
{
    FlightSpec spec;
    spec.launchPoint = pukguksong3LaunchBox();
    spec.launchPoint.altitudeM = 0.0; // the sea surface
    spec.target = pointAlong(spec.launchPoint, 95.0, 450e3);
    spec.apogeeAltitudeM = 910e3;
    spec.missileClass = MissileClass::SubmarineLaunched;
    spec.burnTimeS = 70.0; // notional, for a two-stage solid SLBM
    return spec;
}

TEST(Slbm, ProfileIsAColdLaunchedTwoStageSolid)
{
    const VehicleProfile profile = vehicleProfileFor(MissileClass::SubmarineLaunched, 70.0);
    EXPECT_EQ(profile.stages.size(), 2u);
    EXPECT_GT(profile.launchDepthM, 0.0);
    EXPECT_GT(profile.ignitionDelayS, 0.0);
    // No thrust before ignition; thrust from ignition to burnout; none after.
    EXPECT_EQ(profile.thrustAccelerationMps2(0.5 * profile.ignitionDelayS, 2500.0), 0.0);
    EXPECT_GT(profile.thrustAccelerationMps2(profile.ignitionDelayS + 0.1, 2500.0), 0.0);
    EXPECT_EQ(profile.thrustAccelerationMps2(profile.burnoutTimeS() + 0.1, 2500.0), 0.0);
    EXPECT_DOUBLE_EQ(profile.stagingTimesS().back(), profile.burnoutTimeS());
    // Land-launched classes ignite on the pad.
    EXPECT_EQ(vehicleProfileFor(MissileClass::ShortRange, 60.0).ignitionDelayS, 0.0);
}

TEST(Slbm, PopsUpFromUnderWaterAndIgnitesClearOfTheSurface)
{
    const BallisticFlight flight(pukguksong3());
    const VehicleProfile profile = vehicleProfileFor(MissileClass::SubmarineLaunched, 70.0);
    // Leaves the tube under water, rising.
    const FlightState start = flight.stateAfterLaunch(0.0);
    EXPECT_NEAR(start.position.altitudeM, -profile.launchDepthM, 1.0);
    EXPECT_GT(start.velocity.upMps, 0.0);
    // Unpowered until ignition: it decelerates under gravity alone.
    const FlightState beforeIgnition = flight.stateAfterLaunch(profile.ignitionDelayS - 0.05);
    EXPECT_LT(beforeIgnition.velocity.upMps, start.velocity.upMps - 9.0 * (profile.ignitionDelayS - 0.1));
    // Ignites in the air, still rising, within a few tens of metres of the surface.
    const FlightState ignition = flight.stateAfterLaunch(profile.ignitionDelayS);
    EXPECT_GT(ignition.position.altitudeM, 5.0);
    EXPECT_LT(ignition.position.altitudeM, 60.0);
    EXPECT_GT(ignition.velocity.upMps, 0.0);
    // Then the motor drives it up hard.
    EXPECT_GT(flight.stateAfterLaunch(profile.ignitionDelayS + 10.0).velocity.upMps, 150.0);
    EXPECT_EQ(flight.stateAfterLaunch(1.0).phase, TrackPhase::Boost);
}

TEST(Slbm, FliesThePukguksong3ReportOf2October2019)
{
    const BallisticFlight flight(pukguksong3());
    // Reported: about 450 km range, 910 km apogee (ROK JCS). The boost solver matches both.
    EXPECT_NEAR(flight.groundRangeM() / 1e3, 450.0, 4.5);
    EXPECT_NEAR(flight.apogeeAltitudeM() / 1e3, 910.0, 9.1);
    // No flight time was reported; a lofted 910 km shot takes about a quarter of an hour
    // (vertical fall from 910 km alone is about 7 minutes).
    const double minutes = flight.flightDurationS() / 60.0;
    std::printf("Pukguksong-3 (2019-10-02): apogee %.0f km, range %.0f km, flight %.1f min, "
                "burnout %.0f s\n", flight.apogeeAltitudeM() / 1e3, flight.groundRangeM() / 1e3,
                minutes, flight.profile().burnoutTimeS);
    EXPECT_GT(minutes, 14.0);
    EXPECT_LT(minutes, 20.0);
}

TEST(Slbm, ShippedScenarioFliesTheSameShotFromItsLaunchBox)
{
    ScenarioParseResult file = loadScenario(QStringLiteral(":/scenarios/slbm.json"));
    ASSERT_TRUE(file) << file.error().toString();
    DemoScenarioOptions options;
    options.scenario = std::make_shared<const Scenario>(file.value());
    const DemoScenario scenario(options);
    ASSERT_EQ(scenario.launches().size(), 1u);
    const BallisticFlight &flight = scenario.launches().front().flight;
    EXPECT_EQ(flight.spec().missileClass, MissileClass::SubmarineLaunched);
    EXPECT_NEAR(flight.apogeeAltitudeM() / 1e3, 910.0, 9.1);
    EXPECT_NEAR(flight.groundRangeM() / 1e3, 450.0, 4.5);
    // The launch box is the reported one, at sea off Wonsan.
    double offsetM = 0.0;
    const GeoPosition box = pukguksong3LaunchBox();
    GeographicLib::Geodesic::WGS84().Inverse(box.latDeg, box.lonDeg, flight.spec().launchPoint.latDeg,
                                             flight.spec().launchPoint.lonDeg, offsetM);
    EXPECT_LT(offsetM, 1e3);
}

} // namespace
