// SPDX-License-Identifier: GPL-3.0-or-later
// A space launch from Sohae: spent stages fall where public notices put them (the Yellow Sea,
// east of the Philippines), and each nation that tracks the launcher publishes where it predicts
// each stage falls, with an uncertainty that covers the truth.
#include "sim/demoscenario.h"
#include "sim/scenariofile.h"

#include <GeographicLib/Geodesic.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

using namespace cop;
using namespace cop::sim;

namespace {

constexpr TimeUs kEpochUs = 1'700'000'000LL * kMicrosPerSecond;

double distanceM(const GeoPosition &a, const GeoPosition &b)
{
    double s = 0.0;
    GeographicLib::Geodesic::WGS84().Inverse(a.latDeg, a.lonDeg, b.latDeg, b.lonDeg, s);
    return s;
}

std::shared_ptr<const Scenario> spaceLaunchScenario()
{
    ScenarioParseResult file = loadScenario(QStringLiteral(":/scenarios/space-launch.json"));
    EXPECT_TRUE(file) << file.error().toString();
    return std::make_shared<const Scenario>(file.value());
}

TEST(SpaceLaunch, SpentStagesFallWhereTheNoticesPutThem)
{
    DemoScenarioOptions options;
    options.epochUs = kEpochUs;
    options.scenario = spaceLaunchScenario();
    const DemoScenario scenario(options);
    ASSERT_EQ(scenario.launches().size(), 1u);
    const BallisticFlight &flight = scenario.launches().front().flight;
    ASSERT_EQ(flight.stageDrops().size(), 2u);
    const StageDrop &first = flight.stageDrops()[0];
    const StageDrop &second = flight.stageDrops()[1];
    EXPECT_EQ(first.stage, 1);
    EXPECT_EQ(second.stage, 2);
    // First stage: the Yellow Sea west of the Korean peninsula.
    EXPECT_GT(first.impactPoint.latDeg, 33.0);
    EXPECT_LT(first.impactPoint.latDeg, 38.0);
    EXPECT_GT(first.impactPoint.lonDeg, 123.0);
    EXPECT_LT(first.impactPoint.lonDeg, 126.2);
    // Second stage: the Philippine Sea east of Luzon.
    EXPECT_GT(second.impactPoint.latDeg, 10.0);
    EXPECT_LT(second.impactPoint.latDeg, 20.0);
    EXPECT_GT(second.impactPoint.lonDeg, 125.0);
    EXPECT_LT(second.impactPoint.lonDeg, 135.0);
    for (const StageDrop &drop : flight.stageDrops()) {
        EXPECT_GT(drop.impactAfterLaunchS, drop.separationAfterLaunchS + 60.0);
        EXPECT_LT(drop.separationAfterLaunchS, flight.profile().burnoutTimeS);
    }
    // The flight passes over the Okinawa area between the two: near 26°N it is within 200 km
    // of Naha.
    double closestM = 1e9;
    for (double t = 0.0; t < flight.flightDurationS(); t += 5.0)
        closestM = std::min(closestM, distanceM(flight.stateAfterLaunch(t).position, {26.2, 127.7, 0.0}));
    EXPECT_LT(closestM, 200e3);
    // Missiles drop no stages on the wire.
    const DemoScenario demo;
    for (const ScheduledLaunch &launch : demo.launches())
        EXPECT_TRUE(launch.flight.stageDrops().empty()) << launch.name;
}

TEST(SpaceLaunch, NationsPublishPredictedDropZonesThatCoverTheTruth)
{
    DemoScenarioOptions options;
    options.epochUs = kEpochUs;
    options.scenario = spaceLaunchScenario();
    DemoScenario scenario(options);
    const ScheduledLaunch &launch = scenario.launches().front();
    const BallisticFlight truth = launch.flight.relaunchedAt(kEpochUs + secondsToUs(launch.loopOffsetS));
    std::map<std::string, TrackUpdate> lastBySource;
    for (double t = 10.0; t <= 900.0; t += 10.0) {
        for (const FeedMessage &m : scenario.advanceTo(kEpochUs + secondsToUs(t))) {
            if (const auto *u = std::get_if<TrackUpdate>(&m.body))
                lastBySource[m.header.sourceId] = *u;
        }
    }
    std::map<int, double> best; // per stage, the closest nation's miss
    for (const auto &[source, update] : lastBySource) {
        EXPECT_EQ(update.missileClass, MissileClass::SpaceLaunch);
        for (const StageDropZone &zone : update.stageDrops) {
            ASSERT_GE(zone.stage, 1);
            ASSERT_LE(zone.stage, 2);
            const StageDrop &drop = truth.stageDrops()[static_cast<std::size_t>(zone.stage - 1)];
            const double missM = distanceM(zone.point, drop.impactPoint);
            // Within 3σ of the larger axis, and never absurdly far.
            const double sigmaM = std::sqrt(std::max(zone.covarianceM2.ee, zone.covarianceM2.nn));
            EXPECT_LT(missM, 3.0 * sigmaM + 5e3) << source << " stage " << zone.stage;
            // Only zones tight enough to warn are published (1σ at most 250 km).
            EXPECT_LE(sigmaM, 250e3 + 1.0) << source << " stage " << zone.stage;
            EXPECT_NEAR(usToSeconds(zone.timeUs - truth.launchTimeUs()), drop.impactAfterLaunchS, 120.0)
                << source << " stage " << zone.stage;
            best[zone.stage] = std::min(best.contains(zone.stage) ? best[zone.stage] : 1e12, missM);
        }
    }
    // Some nation predicts each stage's fall to within 150 km.
    ASSERT_EQ(best.size(), 2u);
    EXPECT_LT(best[1], 150e3);
    EXPECT_LT(best[2], 150e3);
}

} // namespace
