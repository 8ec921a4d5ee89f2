// SPDX-License-Identifier: GPL-3.0-or-later
// core's predicted ballistic path against the simulator's truth: from a true state after burnout
// the prediction must land where and when the simulated missile does, and follow its track.
#include "core/ballisticpropagator.h"
#include "sim/flight.h"
#include "sim/launchsites.h"

#include <GeographicLib/Geodesic.hpp>
#include <gtest/gtest.h>

#include <string>

using namespace cop;
using namespace cop::sim;

namespace {

double distanceM(const GeoPosition &a, const GeoPosition &b)
{
    double s = 0.0;
    GeographicLib::Geodesic::WGS84().Inverse(a.latDeg, a.lonDeg, b.latDeg, b.lonDeg, s);
    return s;
}

struct PathCase
{
    std::string name;
    std::string site;
    double azimuthDeg;
    double rangeKm;
    std::optional<double> apogeeM;
    double burnTimeS;
    MissileClass missileClass;
    double afterBurnoutS; // when the state is taken
    double maxMissM;
    double maxTimeErrorS;
};

class PredictedPathAgainstTruth : public ::testing::TestWithParam<PathCase>
{
};

TEST_P(PredictedPathAgainstTruth, LandsWhereAndWhenTheFlightDoes)
{
    const PathCase &c = GetParam();
    FlightSpec spec;
    spec.launchPoint = *findLaunchSite(c.site);
    spec.launchTimeUs = 1'700'000'000LL * kMicrosPerSecond;
    spec.target = pointAlong(spec.launchPoint, c.azimuthDeg, c.rangeKm * 1e3);
    spec.apogeeAltitudeM = c.apogeeM;
    spec.burnTimeS = c.burnTimeS;
    spec.missileClass = c.missileClass;
    const BallisticFlight flight(spec);

    const FlightState truth = flight.stateAt(flight.burnoutTimeUs() + secondsToUs(c.afterBurnoutS));
    TrackUpdate state;
    state.timeUs = truth.timeUs;
    state.position = truth.position;
    state.velocity = truth.velocity;
    state.phase = truth.phase;
    state.missileClass = c.missileClass;
    PathPredictionOptions options;
    options.sampleIntervalS = 10.0;
    const auto path = predictBallisticPath(state, options);
    ASSERT_TRUE(path);
    EXPECT_LT(distanceM(path->impactPoint, flight.impactPoint()), c.maxMissM);
    EXPECT_NEAR(usToSeconds(path->impactTimeUs - flight.impactTimeUs()), 0.0, c.maxTimeErrorS);
    // Every sampled point lies on the true flight at its time, to within the same tolerance.
    for (std::size_t i = 0; i < path->points.size(); i += 5) {
        const FlightState along = flight.stateAt(path->timesUs[i]);
        EXPECT_LT(distanceM(path->points[i], along.position), c.maxMissM) << "point " << i;
        EXPECT_NEAR(path->points[i].altitudeM, along.position.altitudeM, c.maxMissM) << "point " << i;
    }
}

INSTANTIATE_TEST_SUITE_P(
    Classes, PredictedPathAgainstTruth,
    ::testing::Values(
        PathCase {"SrbmDepressed", "Wonsan", 75.0, 600.0, 80e3, 60.0, MissileClass::ShortRange,
                  5.0, 1500.0, 3.0},
        PathCase {"IrbmMinimumEnergy", "Kusong", 80.0, 4500.0, std::nullopt, 150.0,
                  MissileClass::IntermediateRange, 30.0, 1500.0, 3.0},
        PathCase {"IcbmLofted", "Sunan", 95.0, 1000.0, 6000e3, 300.0,
                  MissileClass::Intercontinental, 60.0, 1500.0, 3.0}),
    [](const ::testing::TestParamInfo<PathCase> &info) { return info.param.name; });

} // namespace
