// SPDX-License-Identifier: GPL-3.0-or-later
// Fidelity against the public record: each publicly reported launch, flown with its reported
// apogee and range, must take its reported flight time to within 10% (docs/sim-fidelity.md).
#include "sim/demoscenario.h"
#include "sim/flight.h"
#include "sim/launchsites.h"
#include "sim/publiclaunches.h"
#include "sim/truthreport.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>
#include <string>

using namespace cop;
using namespace cop::sim;

namespace cop::sim {
void PrintTo(const PublicLaunch &launch, std::ostream *os)
{
    *os << launch.missile << " " << launch.date << " (apogee " << launch.apogeeKm << " km, range "
        << launch.rangeKm << " km, " << launch.flightTimeMin << " min)";
}
} // namespace cop::sim

namespace {

class FidelityTest : public testing::TestWithParam<PublicLaunch>
{
};

TEST_P(FidelityTest, FlightTimeWithinTenPercentOfTheReport)
{
    const PublicLaunch &launch = GetParam();
    ASSERT_TRUE(findLaunchSite(launch.site)) << launch.site;
    const BallisticFlight flight = flyPublicLaunch(launch);
    EXPECT_NEAR(flight.flightDurationS() / 60.0, launch.flightTimeMin, 0.10 * launch.flightTimeMin);
    EXPECT_NEAR(flight.apogeeAltitudeM() / 1e3, launch.apogeeKm, 0.01 * launch.apogeeKm);
    EXPECT_NEAR(flight.groundRangeM() / 1e3, launch.rangeKm, 0.01 * launch.rangeKm);
}

INSTANTIATE_TEST_SUITE_P(PublicRecord, FidelityTest, testing::ValuesIn(publicLaunches()),
                         [](const testing::TestParamInfo<PublicLaunch> &info) {
                             return std::string(info.param.name);
                         });

TEST(Fidelity, Hwasong18Of12July2023FliesAbout74Minutes)
{
    // The reference case, stated outright: apogee 6,648 km, range 1,001 km, 74 min.
    FlightSpec spec;
    spec.launchPoint = *findLaunchSite("Sunan");
    spec.target = pointAlong(spec.launchPoint, 95.0, 1001e3);
    spec.apogeeAltitudeM = 6648e3;
    spec.burnTimeS = 250.0;
    spec.missileClass = MissileClass::Intercontinental;
    const BallisticFlight flight(spec);
    EXPECT_NEAR(flight.flightDurationS() / 60.0, 74.0, 7.4);
}

TEST(Fidelity, EveryPublicLaunchNamesAKnownSiteAndSource)
{
    EXPECT_GE(publicLaunches().size(), 8u);
    for (const PublicLaunch &launch : publicLaunches()) {
        EXPECT_TRUE(findLaunchSite(launch.site)) << launch.name;
        EXPECT_FALSE(launch.source.empty()) << launch.name;
        EXPECT_GT(launch.burnTimeS, 0.0) << launch.name;
    }
}

TEST(TruthReport, TableHasOneRowPerPublicLaunch)
{
    const std::string table = publicRecordTable();
    EXPECT_EQ(static_cast<std::size_t>(std::count(table.begin(), table.end(), '\n')),
              publicLaunches().size() + 2); // header and rule
    for (const PublicLaunch &launch : publicLaunches())
        EXPECT_NE(table.find(std::string(launch.date)), std::string::npos) << launch.name;
}

TEST(TruthReport, ScenarioTruthNamesEveryLaunchWithItsFigures)
{
    const DemoScenario scenario;
    const std::string text = describeScenarioTruth(scenario);
    for (const ScheduledLaunch &launch : scenario.launches())
        EXPECT_NE(text.find(launch.name), std::string::npos) << launch.name;
    for (const char *field : {"apogee", "range", "flight", "impact", "burnout"})
        EXPECT_NE(text.find(field), std::string::npos) << field;
}

} // namespace
