// SPDX-License-Identifier: GPL-3.0-or-later
// The built-in demo scenario through the alert rules with the standard protected areas: the
// alerts an operator sees in demo mode.
#include "core/alertengine.h"
#include "core/alertjson.h"
#include "sim/demoscenario.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <string>
#include <optional>

namespace cop {
namespace {

constexpr TimeUs kEpochUs = 1'700'000'000'000'000;
constexpr TimeUs kStepUs = 100 * kMicrosPerMillisecond;

struct DemoRun
{
    std::vector<AlertEvent> events;
    std::vector<sim::MissileInstance> missiles; // truth: every missile in the air in the run
    TimeUs endUs = 0;
};

// Runs the scenario from the start of its loop until the lofted ICBM has come down, as the
// viewer would: messages arrive in 100 ms batches, the rules run on each. Set
// COP_PRINT_DEMO_ALERTS=1 to see every alert event as a JSON line.
const DemoRun &demoRun()
{
    static const DemoRun run = [] {
        DemoRun out;
        const std::optional<Basemap> basemap = Basemap::loadEmbedded();
        auto areas = std::make_shared<const ProtectedAreaSet>(
            ProtectedAreaSet::standard(*basemap, {kAllNations.begin(), kAllNations.end()}));
        sim::DemoScenarioOptions options;
        options.epochUs = kEpochUs;
        options.startOffsetS = 0.0;
        sim::DemoScenario scenario(options);
        Picture picture;
        AlertEngine engine(areas);
        // Long enough for the lofted ICBM (launched 240 s into the loop) to come down.
        TimeUs endUs = kEpochUs;
        for (const sim::ScheduledLaunch &launch : scenario.launches()) {
            if (launch.missileClass == MissileClass::Intercontinental)
                endUs = kEpochUs
                    + secondsToUs(launch.loopOffsetS + launch.flight.flightDurationS() + 120.0);
        }
        out.endUs = endUs;
        out.missiles = scenario.missilesBetween(kEpochUs, endUs);
        for (TimeUs nowUs = kEpochUs; nowUs <= endUs; nowUs += kStepUs) {
            FeedBatch batch = scenario.advanceTo(nowUs);
            for (FeedMessage &message : batch)
                message.header.receiveTimeUs = nowUs;
            const PictureChange change = picture.applyBatch(batch);
            auto events = engine.update(picture, change, nowUs);
            out.events.insert(out.events.end(), events.begin(), events.end());
            picture.pruneDroppedTracks();
        }
        if (std::getenv("COP_PRINT_DEMO_ALERTS")) {
            for (const AlertEvent &e : out.events)
                std::printf("%s\n", alertEventToJsonLine(e).constData());
        }
        return out;
    }();
    return run;
}

std::vector<AlertEvent> eventsOf(AlertKind kind, AlertEventType type)
{
    std::vector<AlertEvent> out;
    for (const AlertEvent &e : demoRun().events) {
        if (e.alert.kind == kind && e.type == type)
            out.push_back(e);
    }
    return out;
}

// The launch alert raised for a missile: near its launch point, within two minutes of launch.
const AlertEvent *launchAlertFor(const sim::MissileInstance &missile)
{
    for (const AlertEvent &e : demoRun().events) {
        if (e.type != AlertEventType::Raised || e.alert.kind != AlertKind::LaunchDetected)
            continue;
        const GeoPosition &site = missile.flight.spec().launchPoint;
        const TimeUs sinceLaunchUs = e.timeUs - missile.flight.launchTimeUs();
        if (std::abs(e.alert.position.latDeg - site.latDeg) < 0.1
            && std::abs(e.alert.position.lonDeg - site.lonDeg) < 0.1 && sinceLaunchUs >= 0
            && sinceLaunchUs < 120 * kMicrosPerSecond)
            return &e;
    }
    return nullptr;
}

void checkEveryLaunchIsAnnouncedOnceWhateverTheNumberOfNationalTracks()
{
    int launchedInRun = 0;
    for (const sim::MissileInstance &missile : demoRun().missiles) {
        if (missile.flight.launchTimeUs() < kEpochUs)
            continue; // in the air before the run: its first report may come late
        ++launchedInRun;
        EXPECT_NE(launchAlertFor(missile), nullptr)
            << missileClassName(missile.missileClass).toStdString() << " launched at "
            << formatUtc(missile.flight.launchTimeUs()).toStdString();
    }
    const auto raised = eventsOf(AlertKind::LaunchDetected, AlertEventType::Raised);
    EXPECT_GE(launchedInRun, 20);
    // Every raise belongs to a different launch (the one in flight at the start included).
    EXPECT_LE(static_cast<int>(raised.size()), launchedInRun + 2);
}

void checkLoftedIcbmWarnsJapanWithACorrectCountdownUntilImpact()
{
    const sim::MissileInstance *icbm = nullptr;
    for (const sim::MissileInstance &missile : demoRun().missiles) {
        if (missile.missileClass == MissileClass::Intercontinental
            && missile.flight.launchTimeUs() >= kEpochUs)
            icbm = &missile;
    }
    ASSERT_NE(icbm, nullptr);
    const AlertEvent *launch = launchAlertFor(*icbm);
    ASSERT_NE(launch, nullptr);
    const std::uint64_t launchId = launch->alert.launchId;
    const TimeUs impactUs = icbm->flight.impactTimeUs();

    std::map<std::uint64_t, std::vector<AlertEvent>> byAlert;
    for (const AlertEvent &e : demoRun().events) {
        if (e.alert.kind == AlertKind::ImpactThreat && e.alert.launchId == launchId)
            byAlert[e.alert.id].push_back(e);
    }
    // Its impact west of Hokkaido lies in Japan's EEZ.
    const auto eez = std::find_if(byAlert.begin(), byAlert.end(), [](const auto &entry) {
        return entry.second.front().alert.areaId == "eez:JP";
    });
    ASSERT_NE(eez, byAlert.end());
    const std::vector<AlertEvent> &life = eez->second;
    EXPECT_EQ(life.front().type, AlertEventType::Raised);
    EXPECT_EQ(life.front().alert.severity, AlertSeverity::Warning);
    EXPECT_EQ(std::count_if(life.begin(), life.end(),
                            [](const AlertEvent &e) { return e.type == AlertEventType::Raised; }),
              1)
        << "updated in place, never raised twice";
    EXPECT_GT(impactUs - life.front().timeUs, 30 * 60 * kMicrosPerSecond) << "warned well ahead";
    // The last prediction before the end is within seconds of the true impact time.
    const AlertEvent &last = life.back();
    EXPECT_EQ(last.type, AlertEventType::Cleared);
    EXPECT_EQ(last.alert.ending, AlertEnding::Impact);
    EXPECT_LT(std::abs(last.alert.predictedImpactTimeUs - impactUs), 10 * kMicrosPerSecond);
    EXPECT_LT(std::abs(last.timeUs - impactUs), 30 * kMicrosPerSecond);
    // Every alert for this launch was raised at most twice (once more only after an all-clear).
    for (const auto &[id, events] : byAlert) {
        EXPECT_LE(
            std::count_if(events.begin(), events.end(),
                          [](const AlertEvent &e) { return e.type == AlertEventType::Raised; }),
            2)
            << events.front().alert.areaName.toStdString();
        EXPECT_FALSE(events.back().alert.active) << "every alert ends";
    }
}

void checkShortRangeSalvoRaisesNoTerritorialAlert()
{
    int salvoLaunches = 0;
    for (const sim::MissileInstance &missile : demoRun().missiles) {
        if (missile.missileClass != MissileClass::ShortRange
            || missile.flight.launchTimeUs() < kEpochUs)
            continue;
        const AlertEvent *launch = launchAlertFor(missile);
        ASSERT_NE(launch, nullptr);
        ++salvoLaunches;
        for (const AlertEvent &e : demoRun().events) {
            if (e.alert.launchId != launch->alert.launchId || e.type != AlertEventType::Raised)
                continue;
            EXPECT_NE(e.alert.severity, AlertSeverity::Critical)
                << alertEventToJsonLine(e).toStdString();
            EXPECT_NE(e.alert.kind, AlertKind::Overflight);
        }
    }
    EXPECT_GE(salvoLaunches, 6);
}

void checkEveryLaunchEndsWithImpact()
{
    for (const AlertEvent &e : eventsOf(AlertKind::LaunchDetected, AlertEventType::Cleared))
        EXPECT_EQ(e.alert.ending, AlertEnding::Impact) << alertEventToJsonLine(e).toStdString();
    EXPECT_GE(eventsOf(AlertKind::LaunchDetected, AlertEventType::Cleared).size(), 20u);
}

void checkSensorDegradedEachLoopAndRecovered()
{
    const auto raised = eventsOf(AlertKind::SensorDegraded, AlertEventType::Raised);
    const auto cleared = eventsOf(AlertKind::SensorDegraded, AlertEventType::Cleared);
    EXPECT_GE(raised.size(), 6u);
    EXPECT_GE(cleared.size() + 1, raised.size());
}

// What the operator sees about one launch: each alert's kind, area, severity, how many times
// it was raised and how it ended, sorted. E.g. "impact-threat eez:JP warning raised 1 -> impact".
std::vector<std::string> alertsOfLaunch(std::uint64_t launchId)
{
    struct Life
    {
        std::string what;
        int raised = 0;
        std::string ending = "still active";
    };
    std::map<std::uint64_t, Life> lives;
    for (const AlertEvent &e : demoRun().events) {
        if (e.alert.launchId != launchId
            || (e.alert.kind != AlertKind::LaunchDetected && e.alert.kind != AlertKind::ImpactThreat
                && e.alert.kind != AlertKind::Overflight))
            continue;
        Life &life = lives[e.alert.id];
        life.what = std::string(alertKindCode(e.alert.kind))
            + (e.alert.areaId.empty() ? std::string() : " " + e.alert.areaId) + " "
            + alertSeverityName(e.alert.severity).toLower().toStdString();
        if (e.type == AlertEventType::Raised)
            ++life.raised;
        if (e.type == AlertEventType::Cleared)
            life.ending = std::string(alertEndingCode(e.alert.ending));
    }
    std::vector<std::string> out;
    for (const auto &[id, life] : lives)
        out.push_back(life.what + " raised " + std::to_string(life.raised) + " -> " + life.ending);
    std::sort(out.begin(), out.end());
    return out;
}

// The exact alerts of every launch of the loop, by the scenario's name for it. Where the
// missiles come down (truth): the salvo's first SRBM and the Tongchang-ri SRBM in open sea
// beyond every EEZ; the salvo's second SRBM a few kilometres outside Japan's approximate EEZ,
// so its early ellipse reaches in and the settled one does not; the SLBM, MRBM and lofted ICBM
// inside Japan's EEZ; the IRBM over northern Japan into the open Pacific.
void checkEveryLaunchRaisesExactlyTheExpectedAlerts()
{
    const std::string launch = "launch-detected warning raised 1 -> impact";
    const std::map<std::string, std::vector<std::string>> expected {
        {"SRBM salvo 1/2", {launch}},
        {"SRBM salvo 2/2", {"impact-threat eez:JP warning raised 1 -> all-clear", launch}},
        {"SLBM", {"impact-threat eez:JP warning raised 1 -> impact", launch}},
        {"MRBM", {"impact-threat eez:JP warning raised 1 -> impact", launch}},
        {"IRBM over northern Japan", {launch, "overflight territory:JP warning raised 1 -> all-clear"}},
        {"ICBM (lofted)", {"impact-threat eez:JP warning raised 1 -> impact", launch}},
        {"SRBM from Tongchang-ri", {launch}},
    };
    const std::optional<Basemap> basemap = Basemap::loadEmbedded();
    sim::DemoScenarioOptions options;
    options.epochUs = kEpochUs;
    options.startOffsetS = 0.0;
    const sim::DemoScenario scenario(options);
    std::map<std::string, int> checked;
    for (const sim::MissileInstance &missile : demoRun().missiles) {
        // Launched in the run and down (with time for the drop) before its end.
        if (missile.flight.launchTimeUs() < kEpochUs
            || missile.flight.impactTimeUs() + 90 * kMicrosPerSecond > demoRun().endUs)
            continue;
        const std::string &name
            = scenario.launches()[static_cast<std::size_t>(missile.launchIndex)].name;
        SCOPED_TRACE(name + " launched at " + formatUtc(missile.flight.launchTimeUs()).toStdString());
        const AlertEvent *launchAlert = launchAlertFor(missile);
        ASSERT_NE(launchAlert, nullptr);
        ASSERT_TRUE(expected.count(name)) << "a launch this test does not know";
        EXPECT_EQ(alertsOfLaunch(launchAlert->alert.launchId), expected.at(name));
        ++checked[name];

        // Countdown: every impact-threat event's predicted impact time against the truth.
        for (const AlertEvent &e : demoRun().events) {
            if (e.alert.launchId != launchAlert->alert.launchId
                || e.alert.kind != AlertKind::ImpactThreat)
                continue;
            const TimeUs errorUs
                = std::abs(e.alert.predictedImpactTimeUs - missile.flight.impactTimeUs());
            const TimeUs toGoUs = missile.flight.impactTimeUs() - e.timeUs;
            // The countdown is the most certain current prediction: within a tenth of the time
            // to go when first raised (an MRBM just after burnout is 15-30 s off with seven
            // minutes to go), within 5 s in the last minute.
            EXPECT_LE(errorUs, std::max<TimeUs>(toGoUs / 10, 5 * kMicrosPerSecond))
                << alertEventToJsonLine(e).toStdString();
        }
    }
    // Every launch of the loop was seen at least once (the IRBM and ICBM repeat less often).
    for (const auto &[name, alerts] : expected)
        EXPECT_GE(checked[name], 1) << name;
    EXPECT_GE(checked["SRBM salvo 1/2"], 6);
}

// One test for the whole run: the scenario is simulated once per process, and ctest runs each
// test in its own process.
TEST(DemoAlerts, OperatorSeesWhatTheScenarioDid)
{
    {
        SCOPED_TRACE("EveryLaunchIsAnnouncedOnceWhateverTheNumberOfNationalTracks");
        checkEveryLaunchIsAnnouncedOnceWhateverTheNumberOfNationalTracks();
    }
    {
        SCOPED_TRACE("LoftedIcbmWarnsJapanWithACorrectCountdownUntilImpact");
        checkLoftedIcbmWarnsJapanWithACorrectCountdownUntilImpact();
    }
    {
        SCOPED_TRACE("ShortRangeSalvoRaisesNoTerritorialAlert");
        checkShortRangeSalvoRaisesNoTerritorialAlert();
    }
    {
        SCOPED_TRACE("EveryLaunchEndsWithImpact");
        checkEveryLaunchEndsWithImpact();
    }
    {
        SCOPED_TRACE("EveryLaunchRaisesExactlyTheExpectedAlerts");
        checkEveryLaunchRaisesExactlyTheExpectedAlerts();
    }
    {
        SCOPED_TRACE("SensorDegradedEachLoopAndRecovered");
        checkSensorDegradedEachLoopAndRecovered();
    }
}

} // namespace
} // namespace cop
