// SPDX-License-Identifier: GPL-3.0-or-later
// Scenario files: the shipped files read back as authored, broken files are refused with the
// place and the reason (never a crash), and a scenario's sensor events and feed faults appear
// in the feed when and as they should.
#include "sim/demoscenario.h"
#include "sim/scenariofile.h"

#include <QFile>

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

using namespace cop;
using namespace cop::sim;

namespace {

constexpr TimeUs kEpochUs = 1'689'120'000LL * kMicrosPerSecond; // 2023-07-12T00:00:00Z

QByteArray bytes(const std::string &text)
{
    return QByteArray::fromStdString(text);
}

std::shared_ptr<const Scenario> parsed(const std::string &json)
{
    ScenarioParseResult result = parseScenario(bytes(json));
    EXPECT_TRUE(result) << result.error().toString();
    return result ? std::make_shared<const Scenario>(result.value()) : nullptr;
}

std::vector<FeedMessage> play(DemoScenario &scenario, double seconds, double stepS = 1.0)
{
    std::vector<FeedMessage> all;
    for (double t = stepS; t <= seconds + 1e-9; t += stepS) {
        std::vector<FeedMessage> batch = scenario.advanceTo(kEpochUs + secondsToUs(t));
        all.insert(all.end(), batch.begin(), batch.end());
    }
    return all;
}

double feedS(TimeUs timeUs)
{
    return usToSeconds(timeUs - kEpochUs);
}

TEST(ScenarioFile, ShippedDemoFileIsTheBuiltInDemo)
{
    const ScenarioParseResult file = loadScenario(QStringLiteral(":/scenarios/demo.json"));
    ASSERT_TRUE(file) << file.error().toString();
    EXPECT_EQ(file.value(), defaultDemoScenario());
    EXPECT_EQ(file.value().launches.size(), 7u);
    EXPECT_EQ(file.value().loopS, 600.0);
}

TEST(ScenarioFile, ShippedFilesRoundTripThroughJson)
{
    for (const char *path : {":/scenarios/demo.json", ":/scenarios/feed-faults.json"}) {
        const ScenarioParseResult file = loadScenario(QString::fromLatin1(path));
        ASSERT_TRUE(file) << path << ": " << file.error().toString();
        const ScenarioParseResult again = parseScenario(scenarioToJson(file.value()));
        ASSERT_TRUE(again) << path << ": " << again.error().toString();
        EXPECT_EQ(again.value(), file.value()) << path;
    }
}

TEST(ScenarioFile, ReadsEveryKindOfFaultAndEvent)
{
    const ScenarioParseResult file = loadScenario(QStringLiteral(":/scenarios/feed-faults.json"));
    ASSERT_TRUE(file) << file.error().toString();
    const Scenario &s = file.value();
    EXPECT_EQ(s.loopS, 0.0);
    ASSERT_EQ(s.sensorEvents.size(), 2u);
    EXPECT_EQ(s.sensorEvents[0].sensorId, "JP-FPS5-SADO");
    EXPECT_EQ(s.sensorEvents[0].state, SensorState::Offline);
    EXPECT_EQ(s.sensorEvents[0].window, (ScenarioWindow {100.0, 220.0, 0.0}));
    std::vector<FeedFaultKind> kinds;
    for (const FeedFault &f : s.feedFaults)
        kinds.push_back(f.kind);
    EXPECT_EQ(kinds, (std::vector<FeedFaultKind> {FeedFaultKind::Silent, FeedFaultKind::Loss,
                                                  FeedFaultKind::Latency, FeedFaultKind::SequenceGap,
                                                  FeedFaultKind::SequenceRestart,
                                                  FeedFaultKind::Malformed}));
    EXPECT_EQ(s.feedFaults[1].lossFraction, 0.3);
    EXPECT_EQ(s.feedFaults[2].latencyS, 4.0);
    EXPECT_EQ(s.feedFaults[3].skip, 25);
    EXPECT_EQ(s.feedFaults[5].count, 5);
    ASSERT_EQ(s.launches.size(), 2u);
    EXPECT_EQ(s.launches[1].shape, TrajectoryShape::Depressed);
    EXPECT_EQ(s.launches[1].apogeeKm, 80.0);
    EXPECT_FALSE(s.launches[0].burnTimeS); // the class's default
}

struct BadFile
{
    const char *name;
    std::string json;
    std::string expected; // part of the one-line error
};

class BadScenarioTest : public ::testing::TestWithParam<BadFile>
{
};

const std::string kHead = R"({"format": "cop-scenario/1", "name": "t", )";
const std::string kLaunchStart = R"({"name": "a", "class": "srbm", "site": "Wonsan", "timeS": 0, )";

TEST_P(BadScenarioTest, RefusedWithThePlaceAndTheReason)
{
    const std::uint64_t before = scenarioFilesRejected();
    const ScenarioParseResult result = parseScenario(bytes(GetParam().json));
    ASSERT_FALSE(result);
    EXPECT_NE(result.error().toString().find(GetParam().expected), std::string::npos)
        << result.error().toString();
    EXPECT_EQ(scenarioFilesRejected(), before + 1);
}

INSTANTIATE_TEST_SUITE_P(
    Files, BadScenarioTest,
    ::testing::Values(
        BadFile {"NotJson", "{\"format\": \"cop-scenario/1\",\n  \"name\": }", "line 2, column"},
        BadFile {"Empty", "", "not valid JSON"},
        BadFile {"Array", "[]", "must be a JSON object"},
        BadFile {"WrongFormat", R"({"format": "cop-scenario/2", "name": "t"})", "format: must be"},
        BadFile {"NoName", R"({"format": "cop-scenario/1"})", "name: must be a non-empty string"},
        BadFile {"UnknownTopField", kHead + R"("launchs": []})", "launchs: unknown field"},
        BadFile {"ShortLoop", kHead + R"("loopS": 10})", "loopS: a loop is at least 60 s"},
        BadFile {"LaunchesNotArray", kHead + R"("launches": {}})", "launches: must be an array"},
        BadFile {"UnknownSite",
                 kHead + R"("launches": [{"name": "a", "class": "srbm", "site": "Atlantis"}]})",
                 "launches[0].site: 'Atlantis' is not a known site"},
        BadFile {"UnknownClass",
                 kHead + R"("launches": [{"name": "a", "class": "cruise", "site": "Sunan"}]})",
                 "launches[0].class: 'cruise' is not one of srbm"},
        BadFile {"NoTarget", kHead + R"("launches": [)" + kLaunchStart + R"("shape": "min-energy"}]})",
                 "give either target"},
        BadFile {"BothTargets",
                 kHead + R"("launches": [)" + kLaunchStart
                     + R"("azimuthDeg": 90, "rangeKm": 500, "target": {"latDeg": 40, "lonDeg": 135}, "shape": "min-energy"}]})",
                 "give either target"},
        BadFile {"RangeAsString",
                 kHead + R"("launches": [)" + kLaunchStart
                     + R"("azimuthDeg": 90, "rangeKm": "500", "shape": "min-energy"}]})",
                 "launches[0].rangeKm: must be a number"},
        BadFile {"TooShort",
                 kHead + R"("launches": [)" + kLaunchStart
                     + R"("azimuthDeg": 90, "rangeKm": 10, "shape": "min-energy"}]})",
                 "must be 50 to 15,000 km"},
        BadFile {"LoftedWithoutApogee",
                 kHead + R"("launches": [)" + kLaunchStart
                     + R"("azimuthDeg": 90, "rangeKm": 500, "shape": "lofted"}]})",
                 "launches[0].apogeeKm: must be a number from 20 to 10000 (lofted and depressed"},
        BadFile {"MinimumEnergyWithApogee",
                 kHead + R"("launches": [)" + kLaunchStart
                     + R"("azimuthDeg": 90, "rangeKm": 500, "shape": "min-energy", "apogeeKm": 100}]})",
                 "a min-energy launch has no apogee"},
        BadFile {"MisspeltField",
                 kHead + R"("launches": [)" + kLaunchStart
                     + R"("azimuthDeg": 90, "rangeKm": 500, "shape": "lofted", "apogeKm": 900}]})",
                 "launches[0].apogeKm: unknown field"},
        BadFile {"NaNLatitude",
                 kHead + R"("launches": [{"name": "a", "class": "srbm", "site": {"latDeg": "NaN", "lonDeg": 1}}]})",
                 "launches[0].site.latDeg: must be a number"},
        BadFile {"WindowBackwards",
                 kHead + R"("sensorEvents": [{"sensor": "X", "state": "offline", "fromS": 50, "untilS": 40}]})",
                 "sensorEvents[0].untilS: must be after fromS"},
        BadFile {"UnknownState",
                 kHead + R"("sensorEvents": [{"sensor": "X", "state": "on fire", "fromS": 1, "untilS": 4}]})",
                 "sensorEvents[0].state: 'on fire' is not one of degraded, offline"},
        BadFile {"RepeatShorterThanWindow",
                 kHead + R"("sensorEvents": [{"sensor": "X", "state": "offline", "fromS": 0, "untilS": 100, "repeatS": 50}]})",
                 "repeatS: must be longer than the window"},
        BadFile {"LossAboveOne",
                 kHead + R"("feedFaults": [{"source": "JP-JADGE", "kind": "loss", "fromS": 0, "untilS": 9, "fraction": 1.5}]})",
                 "feedFaults[0].fraction: must be a number from 0 to 1"},
        BadFile {"UnknownFault",
                 kHead + R"("feedFaults": [{"source": "JP-JADGE", "kind": "gremlins"}]})",
                 "feedFaults[0].kind: 'gremlins' is not one of silent"},
        BadFile {"GapWithoutAt",
                 kHead + R"("feedFaults": [{"source": "JP-JADGE", "kind": "sequence-gap", "skip": 3}]})",
                 "feedFaults[0].atS: must be a number"}),
    [](const ::testing::TestParamInfo<BadFile> &info) { return std::string(info.param.name); });

TEST(ScenarioFile, DamagedBytesAreRefusedNeverACrash)
{
    // Every prefix of a real file, and the file with bytes flipped: each is either a scenario
    // or an error with a message, never an exception or a crash.
    QFile file(QStringLiteral(":/scenarios/feed-faults.json"));
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray good = file.readAll();
    int refused = 0;
    for (qsizetype n = 0; n < good.size(); n += 3) {
        const ScenarioParseResult result = parseScenario(good.left(n));
        if (!result) {
            ++refused;
            EXPECT_FALSE(result.error().toString().empty());
        }
    }
    EXPECT_GT(refused, good.size() / 3 - 2);
    for (qsizetype i = 0; i < good.size(); i += 5) {
        QByteArray damaged = good;
        damaged[i] = static_cast<char>(damaged[i] ^ 0x5a);
        const ScenarioParseResult result = parseScenario(damaged);
        if (!result) {
            EXPECT_FALSE(result.error().toString().empty());
        }
    }
    EXPECT_FALSE(parseScenario(QByteArray(kMaxScenarioFileBytes + 1, ' ')));
}

TEST(ScenarioFile, MissingFileIsNamedInTheError)
{
    const ScenarioParseResult result = loadScenario(QStringLiteral("/nonexistent/scenario.json"));
    ASSERT_FALSE(result);
    EXPECT_NE(result.error().toString().find("/nonexistent/scenario.json"), std::string::npos);
}

TEST(ScenarioPlayback, ShapeThatContradictsTheApogeeIsRefusedNamingTheLaunch)
{
    DemoScenarioOptions options;
    options.scenario = parsed(kHead + R"("launches": [)" + kLaunchStart
                              + R"("azimuthDeg": 90, "rangeKm": 600, "shape": "lofted", "apogeeKm": 60}]})");
    try {
        DemoScenario scenario(options);
        FAIL() << "a lofted shot below the minimum-energy apogee was accepted";
    } catch (const std::invalid_argument &e) {
        EXPECT_NE(std::string(e.what()).find("launches[0] 'a'"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("depressed"), std::string::npos) << e.what();
    }
}

TEST(ScenarioPlayback, SensorOutageIsPublishedAsOfflineWhenItHappens)
{
    DemoScenarioOptions options;
    options.epochUs = kEpochUs;
    options.scenario = parsed(kHead + R"("sensorEvents": [
        {"sensor": "JP-FPS5-SADO", "state": "offline", "fromS": 33.5, "untilS": 72.5}]})");
    DemoScenario scenario(options);
    const std::vector<FeedMessage> messages = play(scenario, 100.0);
    std::vector<std::pair<double, SensorState>> sado;
    for (const FeedMessage &m : messages) {
        if (const auto *status = std::get_if<SensorStatus>(&m.body);
            status && status->sensorId == "JP-FPS5-SADO")
            sado.emplace_back(feedS(m.header.sourceTimeUs), status->state);
    }
    ASSERT_FALSE(sado.empty());
    double firstOfflineS = -1.0, firstBackS = -1.0;
    for (const auto &[t, state] : sado) {
        // Every status tells the truth about its own time.
        const bool inOutage = t >= 33.5 && t < 72.5;
        EXPECT_EQ(state, inOutage ? SensorState::Offline : SensorState::Operational) << "at " << t;
        if (state == SensorState::Offline && firstOfflineS < 0.0)
            firstOfflineS = t;
        if (firstOfflineS >= 0.0 && state == SensorState::Operational && firstBackS < 0.0)
            firstBackS = t;
    }
    // Reported within a heartbeat of the change, not at the next 10 s status.
    EXPECT_GE(firstOfflineS, 33.5);
    EXPECT_LE(firstOfflineS, 34.5 + 0.1);
    EXPECT_GE(firstBackS, 72.5);
    EXPECT_LE(firstBackS, 73.5 + 0.1);
}

TEST(ScenarioPlayback, FeedFaultsShapeTheStream)
{
    DemoScenarioOptions options;
    options.epochUs = kEpochUs;
    options.scenario = parsed(kHead + R"("feedFaults": [
        {"source": "KR-KAMD", "kind": "silent", "fromS": 20, "untilS": 30},
        {"source": "JP-JADGE", "kind": "sequence-gap", "atS": 40, "skip": 25},
        {"source": "US-C2BMC", "kind": "sequence-restart", "atS": 50},
        {"source": "JP-JADGE", "kind": "latency", "fromS": 60, "untilS": 65, "latencyS": 3},
        {"source": "US-C2BMC", "kind": "loss", "fromS": 70, "untilS": 90, "fraction": 0.5},
        {"source": "KR-KAMD", "kind": "malformed", "atS": 80, "count": 4}]})");
    DemoScenario scenario(options);
    std::map<std::string, std::vector<std::pair<double, std::uint64_t>>> bySource;
    std::vector<std::pair<double, double>> latencies; // JP: arrival call time, source time
    std::vector<MalformedFrame> malformed;
    for (double t = 1.0; t <= 100.0; t += 1.0) {
        for (const FeedMessage &m : scenario.advanceTo(kEpochUs + secondsToUs(t))) {
            bySource[m.header.sourceId].emplace_back(feedS(m.header.sourceTimeUs), m.header.sequence);
            if (m.header.sourceId == "JP-JADGE")
                latencies.emplace_back(t, feedS(m.header.sourceTimeUs));
        }
        for (MalformedFrame &f : scenario.takeMalformedFrames())
            malformed.push_back(f);
    }
    // Silent: nothing from KR with a source time in [20, 30).
    for (const auto &[t, seq] : bySource["KR-KAMD"])
        EXPECT_FALSE(t >= 20.0 && t < 30.0) << "KR message at " << t;
    // Sequence gap: JP's counter jumps by 26 once, at 40 s.
    int jpJumps = 0;
    const auto &jp = bySource["JP-JADGE"];
    for (std::size_t i = 1; i < jp.size(); ++i) {
        if (jp[i].second == jp[i - 1].second + 26) {
            ++jpJumps;
            EXPECT_GE(jp[i].first, 40.0);
            EXPECT_LT(jp[i].first, 41.0);
        }
    }
    EXPECT_EQ(jpJumps, 1);
    // Latency: JP's messages stamped in [60, 65) arrive 3 s after their source time.
    int late = 0;
    for (const auto &[arrivalS, sourceS] : latencies) {
        if (sourceS >= 60.0 && sourceS < 65.0) {
            EXPECT_GE(arrivalS, sourceS + 3.0);
            ++late;
        } else {
            EXPECT_LT(arrivalS - sourceS, 1.0 + 1e-9);
        }
    }
    EXPECT_GT(late, 0);
    // Restart: US's counter goes back to 1 at 50 s, and only once.
    const auto &us = bySource["US-C2BMC"];
    int restarts = 0;
    for (std::size_t i = 1; i < us.size(); ++i) {
        if (us[i].second == 1) {
            ++restarts;
            EXPECT_GE(us[i].first, 50.0);
            EXPECT_LT(us[i].first, 51.0);
        }
    }
    EXPECT_EQ(restarts, 1);
    // Loss: about half of US's messages in [70, 90) missing, seen as sequence gaps.
    std::size_t inWindow = 0, gaps = 0;
    for (std::size_t i = 1; i < us.size(); ++i) {
        if (us[i].first >= 70.0 && us[i].first < 90.0) {
            ++inWindow;
            if (us[i].second != us[i - 1].second + 1)
                ++gaps;
        }
    }
    EXPECT_GT(inWindow, 10u);
    EXPECT_GT(gaps, 2u);
    // Malformed: four frames under KR's name at 80 s.
    ASSERT_EQ(malformed.size(), 4u);
    for (const MalformedFrame &f : malformed) {
        EXPECT_EQ(f.sourceId, "KR-KAMD");
        EXPECT_EQ(f.nation, Nation::Korea);
        EXPECT_NEAR(feedS(f.timeUs), 80.0, 1e-6);
    }
}

TEST(ScenarioPlayback, AScenarioThatDoesNotLoopLaunchesOnce)
{
    DemoScenarioOptions options;
    options.epochUs = kEpochUs;
    options.scenario = parsed(kHead + R"("launches": [)" + kLaunchStart
                              + R"("azimuthDeg": 75, "rangeKm": 600, "shape": "min-energy"}]})");
    const DemoScenario scenario(options);
    EXPECT_EQ(scenario.missilesBetween(kEpochUs, kEpochUs + secondsToUs(7200.0)).size(), 1u);
    EXPECT_EQ(scenario.missilesInFlightAt(kEpochUs + secondsToUs(60.0)).size(), 1u);
    EXPECT_TRUE(scenario.missilesInFlightAt(kEpochUs + secondsToUs(3600.0)).empty());
}

} // namespace
