// SPDX-License-Identifier: GPL-3.0-or-later
// Each sensor measures on its own schedule: nothing before its first-detection delay has run
// from first line of sight, then one measurement per revisit interval; and the national
// sources' trackers receive exactly those measurements.
#include "sim/demoscenario.h"
#include "sim/sensorcatalogue.h"
#include "sim/sensorschedule.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

using namespace cop;
using namespace cop::sim;

namespace {

constexpr TimeUs kEpochUs = 1'700'000'000LL * kMicrosPerSecond;

// A Korean radar with a slow, notional schedule the test can see in the output.
SensorSpec slowRadar()
{
    SensorSpec spec = notionalSensors(Nation::Korea).front();
    spec.revisitIntervalS = 3.0;
    spec.firstDetectionDelayS = 10.0;
    return spec;
}

DemoScenarioOptions optionsFor(std::shared_ptr<const Scenario> scenario)
{
    DemoScenarioOptions options;
    options.epochUs = kEpochUs;
    options.scenario = std::move(scenario);
    return options;
}

std::shared_ptr<const Scenario> oneSrbm()
{
    Scenario s = defaultDemoScenario();
    s.loopS = 0.0;
    s.startOffsetS = 0.0;
    s.sensorEvents.clear();
    s.launches.erase(s.launches.begin() + 1, s.launches.end()); // the first SRBM only
    s.launches.front().timeS = 5.0;
    return std::make_shared<const Scenario>(s);
}

TEST(SensorSchedule, NothingBeforeTheDetectionDelayThenOnePerRevisit)
{
    const DemoScenario scenario(optionsFor(oneSrbm()));
    const BallisticFlight &flight = scenario.launches().front().flight;
    const Sensor radar(slowRadar());
    const SensorSchedule schedule(radar, flight);
    const double losS = schedule.firstLineOfSightS();
    ASSERT_TRUE(std::isfinite(losS));
    // Line of sight really begins there (to the millisecond).
    EXPECT_FALSE(radar.canSee(flight.stateAfterLaunch(losS - 0.01)));
    EXPECT_TRUE(radar.canSee(flight.stateAfterLaunch(losS + 0.01)));

    const std::vector<double> times = schedule.measurementTimesS(0.0, flight.flightDurationS());
    ASSERT_GT(times.size(), 10u);
    EXPECT_NEAR(times.front(), losS + 10.0, 1e-9);
    for (double t : times)
        EXPECT_GE(t, losS + 10.0);
    for (std::size_t i = 1; i < times.size(); ++i) {
        const double gapS = times[i] - times[i - 1];
        // On the revisit grid; exactly one interval apart while the radar holds the target.
        EXPECT_NEAR(std::remainder(gapS, 3.0), 0.0, 1e-6) << i;
        EXPECT_GE(gapS, 3.0 - 1e-6) << i;
    }
    // Asking by windows gives the same instants (the national source asks per update).
    std::vector<double> windowed;
    for (double from = 0.0; from < flight.flightDurationS(); from += 0.7) {
        const std::vector<double> part = schedule.measurementTimesS(from, from + 0.7);
        windowed.insert(windowed.end(), part.begin(), part.end());
    }
    EXPECT_EQ(windowed, times);
}

TEST(SensorSchedule, NationalSourceMeasuresOnTheSensorsSchedule)
{
    // Korea with the slow radar alone; the other nations have no sensors.
    auto catalogue = std::make_shared<SensorCatalogue>();
    catalogue->sensors[Nation::Korea] = {slowRadar()};
    DemoScenarioOptions options = optionsFor(oneSrbm());
    options.sensorCatalogue = catalogue;
    DemoScenario scenario(options);
    const BallisticFlight flight
        = scenario.missilesBetween(kEpochUs, kEpochUs + 60 * kMicrosPerSecond).front().flight;
    const double losS = SensorSchedule(Sensor(slowRadar()), flight).firstLineOfSightS();
    const TimeUs firstMeasurementUs = flight.launchTimeUs() + secondsToUs(losS + 10.0);

    std::vector<TimeUs> measuredAtUs; // times of validity of updates the radar contributed to
    int updates = 0;
    for (TimeUs t = kEpochUs; t < flight.impactTimeUs() + 10 * kMicrosPerSecond; t += kMicrosPerSecond) {
        for (const FeedMessage &m : scenario.advanceTo(t)) {
            const auto *u = std::get_if<TrackUpdate>(&m.body);
            if (!u)
                continue;
            ++updates;
            EXPECT_EQ(m.header.nation, Nation::Korea);
            // No report before the radar could first have measured it.
            EXPECT_GE(u->timeUs, firstMeasurementUs);
            if (!u->contributingSensors.empty())
                measuredAtUs.push_back(u->timeUs);
        }
    }
    ASSERT_GT(updates, 10);
    ASSERT_GT(measuredAtUs.size(), 5u);
    // The first report carries every measurement since the first one (the source reports only
    // after its own detection delay, 4 s for Korea); then, at 1 Hz updates, the radar
    // contributes to every third update while it holds the target.
    EXPECT_LT(measuredAtUs.front() - firstMeasurementUs, 6 * kMicrosPerSecond);
    for (std::size_t i = 2; i < measuredAtUs.size(); ++i)
        EXPECT_GE(measuredAtUs[i] - measuredAtUs[i - 1], 3 * kMicrosPerSecond - 1) << i;
}

TEST(SensorSchedule, CatalogueCarriesRevisitAndDelayAndRefusesNonsense)
{
    for (Nation nation : kAllNations) {
        for (const SensorSpec &spec : notionalSensors(nation)) {
            EXPECT_GT(spec.revisitIntervalS, 0.0) << spec.sensorId;
            EXPECT_GT(spec.firstDetectionDelayS, 0.0) << spec.sensorId;
        }
    }
    SensorCatalogue catalogue;
    catalogue.sensors[Nation::Korea] = {slowRadar()};
    const QByteArray json = sensorCatalogueToJson(catalogue, QStringLiteral("test"));
    std::string error;
    const std::optional<SensorCatalogue> read = parseSensorCatalogue(json, &error);
    ASSERT_TRUE(read) << error;
    EXPECT_EQ(read->sensors.at(Nation::Korea).front().revisitIntervalS, 3.0);
    EXPECT_EQ(read->sensors.at(Nation::Korea).front().firstDetectionDelayS, 10.0);

    QByteArray bad = json;
    bad.replace("\"revisitS\": 3", "\"revisitS\": 0");
    EXPECT_FALSE(parseSensorCatalogue(bad, &error));
    EXPECT_NE(error.find("revisitS"), std::string::npos) << error;
    bad = json;
    bad.replace("\"detectionDelayS\": 10", "\"detectionDelayS\": -1");
    EXPECT_FALSE(parseSensorCatalogue(bad, &error));
    EXPECT_NE(error.find("detectionDelayS"), std::string::npos) << error;
}

} // namespace
