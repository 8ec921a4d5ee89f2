// SPDX-License-Identifier: GPL-3.0-or-later
// The launch point and time a tracker fits to the early boost's measurements (space-based
// infrared, as the nation that has it sees them), against the truth of the demo's launches.
#include "sim/demoscenario.h"
#include "sim/launchpointestimator.h"
#include "sim/measurement.h"
#include "sim/noise.h"
#include "sim/sensorcatalogue.h"

#include <GeographicLib/Geodesic.hpp>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

using namespace cop;
using namespace cop::sim;

namespace {

TEST(LaunchPointEstimate, EarlyBoostFitPlacesDemoLaunchesWithinStatedBounds)
{
    const DemoScenario scenario;
    SensorSpec infraredSpec;
    for (const SensorSpec &spec : notionalSensors(Nation::UnitedStates))
        if (spec.kind == SensorKind::SpaceInfrared)
            infraredSpec = spec;
    const Sensor infrared(infraredSpec);
    const CounterNoise noise(7);
    double worstM = 0.0, worstS = 0.0;
    for (std::size_t i = 0; i < scenario.launches().size(); ++i) {
        const BallisticFlight &flight = scenario.launches()[i].flight;
        LaunchPointEstimator estimator;
        for (double t = 0.0; t < flight.profile().burnoutTimeS && !estimator.isComplete(); t += 1.0) {
            const FlightState truth = flight.stateAfterLaunch(t);
            if (!infrared.canSee(truth))
                continue;
            const auto draw = [&](std::uint64_t c) {
                return noise.gaussian({i, static_cast<std::uint64_t>(t * 1000), c});
            };
            estimator.addMeasurement(t, measure(infrared, truth, {draw(0), draw(1), draw(2)}).ecefPositionM);
        }
        const std::optional<LaunchPointEstimator::Estimate> estimate = estimator.estimate();
        ASSERT_TRUE(estimate) << scenario.launches()[i].name;
        double distanceM = 0.0;
        const GeoPosition site = flight.spec().launchPoint;
        GeographicLib::Geodesic::WGS84().Inverse(site.latDeg, site.lonDeg, estimate->point.latDeg,
                                                 estimate->point.lonDeg, distanceM);
        std::printf("%-26s launch point %.1f km off, time %+.1f s\n",
                    scenario.launches()[i].name.c_str(), distanceM / 1e3, estimate->timeS);
        worstM = std::max(worstM, distanceM);
        worstS = std::max(worstS, std::abs(estimate->timeS));
        // Stated bounds: the point within 6 km; the time within 20 s (the fit assumes a steady
        // acceleration, and a burning motor's grows, so it comes out late).
        EXPECT_LT(distanceM, 6e3) << scenario.launches()[i].name;
        EXPECT_LT(std::abs(estimate->timeS), 20.0) << scenario.launches()[i].name;
    }
    std::printf("worst: %.1f km, %.1f s\n", worstM / 1e3, worstS);
}

TEST(LaunchPointEstimate, TooLateOrTooFewGivesNothing)
{
    LaunchPointEstimator tooFew;
    tooFew.addMeasurement(10.0, toEcef({39.0, 127.0, 5e3}));
    EXPECT_FALSE(tooFew.estimate());
    // First seen at 80 km: the early boost was missed.
    LaunchPointEstimator late;
    for (int i = 0; i < 10; ++i)
        late.addMeasurement(60.0 + i, toEcef({39.0, 127.0 + 0.01 * i, 80e3 + 2e3 * i}));
    EXPECT_FALSE(late.estimate());
}

} // namespace
