// SPDX-License-Identifier: GPL-3.0-or-later
// The built-in demo scenario through the real message types: three national sources, their
// sequencing and heartbeats, what they see, how their impact predictions converge, and
// determinism.
#include "sim/demoscenario.h"

#include <GeographicLib/Geodesic.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <map>
#include <ostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace cop {

// Readable failures: a message as one line.
void PrintTo(const FeedMessage &m, std::ostream *os)
{
    *os << m.header.sourceId << " #" << m.header.sequence << " t=" << m.header.sourceTimeUs
        << " " << messageKindTopicWord(m.kind());
    if (const auto *u = std::get_if<TrackUpdate>(&m.body))
        *os << " " << u->trackId << " (" << u->position.latDeg << ", " << u->position.lonDeg
            << ", " << u->position.altitudeM << " m)";
    if (const auto *d = std::get_if<TrackDrop>(&m.body))
        *os << " " << d->trackId;
}

} // namespace cop

using namespace cop;
using namespace cop::sim;

namespace {

constexpr TimeUs kEpochUs = 1'689'120'000LL * kMicrosPerSecond; // 2023-07-12T00:00:00Z
constexpr TimeUs kRunUs = 30 * 60 * kMicrosPerSecond;

std::vector<FeedMessage> runScenario(const DemoScenarioOptions &options, TimeUs durationUs,
                                     TimeUs stepUs)
{
    DemoScenario scenario(options);
    std::vector<FeedMessage> all;
    for (TimeUs t = options.epochUs; t < options.epochUs + durationUs;) {
        t = std::min(t + stepUs, options.epochUs + durationUs);
        std::vector<FeedMessage> batch = scenario.advanceTo(t);
        all.insert(all.end(), batch.begin(), batch.end());
    }
    return all;
}

// Everything a message carries, at full precision, for exact comparison.
std::string describe(const FeedMessage &m)
{
    std::ostringstream os;
    os << std::setprecision(17) << m.header.sourceId << '|' << nationCode(m.header.nation) << '|'
       << m.header.sequence << '|' << m.header.sourceTimeUs << '|' << m.body.index() << '|';
    if (const auto *u = std::get_if<TrackUpdate>(&m.body)) {
        os << u->trackId << '|' << u->timeUs << '|' << u->position.latDeg << ','
           << u->position.lonDeg << ',' << u->position.altitudeM << '|' << u->velocity.eastMps
           << ',' << u->velocity.northMps << ',' << u->velocity.upMps << '|'
           << u->positionCovarianceM2.ee << ',' << u->positionCovarianceM2.uu << '|'
           << static_cast<int>(u->phase) << '|' << u->impact.point.latDeg << ','
           << u->impact.point.lonDeg << ',' << u->impact.timeUs << ',' << u->impact.covarianceM2.ee
           << '|' << u->launchPoint.latDeg << ',' << u->launchTimeUs << '|' << u->quality;
        for (const std::string &s : u->contributingSensors)
            os << '|' << s;
    } else if (const auto *d = std::get_if<TrackDrop>(&m.body)) {
        os << d->trackId << '|' << d->timeUs << '|' << static_cast<int>(d->reason);
    } else if (const auto *s = std::get_if<SensorStatus>(&m.body)) {
        os << s->sensorId << '|' << static_cast<int>(s->state);
    } else if (const auto *h = std::get_if<Heartbeat>(&m.body)) {
        os << h->timeUs << '|' << h->updateRateHz;
    }
    return os.str();
}

double impactSigmaM(const TrackUpdate &u)
{
    return std::sqrt(u.impact.covarianceM2.ee + u.impact.covarianceM2.nn);
}

double distanceM(const GeoPosition &a, const GeoPosition &b)
{
    double s = 0.0;
    GeographicLib::Geodesic::WGS84().Inverse(a.latDeg, a.lonDeg, b.latDeg, b.lonDeg, s);
    return s;
}

class DemoScenarioTest : public testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        DemoScenarioOptions options;
        options.epochUs = kEpochUs;
        s_messages = new std::vector<FeedMessage>(runScenario(options, kRunUs, 250'000));
    }
    static void TearDownTestSuite()
    {
        delete s_messages;
        s_messages = nullptr;
    }
    static const std::vector<FeedMessage> &messages() { return *s_messages; }

    // Updates per (source, track id), in order.
    static std::map<std::pair<std::string, std::string>, std::vector<TrackUpdate>> tracks()
    {
        std::map<std::pair<std::string, std::string>, std::vector<TrackUpdate>> out;
        for (const FeedMessage &m : messages()) {
            if (const auto *u = std::get_if<TrackUpdate>(&m.body))
                out[{m.header.sourceId, u->trackId}].push_back(*u);
        }
        return out;
    }

    static inline std::vector<FeedMessage> *s_messages = nullptr;
};

TEST_F(DemoScenarioTest, ThreeNationalSourcesWithStrictSequences)
{
    const std::map<std::string, Nation> expected{{"JP-JADGE", Nation::Japan},
                                                 {"US-C2BMC", Nation::UnitedStates},
                                                 {"KR-KAMD", Nation::Korea}};
    std::map<std::string, std::uint64_t> lastSequence;
    for (const FeedMessage &m : messages()) {
        ASSERT_TRUE(expected.contains(m.header.sourceId)) << testing::PrintToString(m);
        EXPECT_EQ(m.header.nation, expected.at(m.header.sourceId));
        EXPECT_EQ(m.header.sequence, lastSequence[m.header.sourceId] + 1)
            << testing::PrintToString(m);
        lastSequence[m.header.sourceId] = m.header.sequence;
        EXPECT_EQ(m.header.receiveTimeUs, kTimeUnset);
    }
    EXPECT_EQ(lastSequence.size(), 3u);
}

TEST_F(DemoScenarioTest, OrderedBySourceTimeWithinTheRun)
{
    TimeUs previousUs = kEpochUs;
    for (const FeedMessage &m : messages()) {
        ASSERT_GE(m.header.sourceTimeUs, previousUs) << testing::PrintToString(m);
        previousUs = m.header.sourceTimeUs;
    }
    EXPECT_LE(previousUs, kEpochUs + kRunUs);
}

TEST_F(DemoScenarioTest, HeartbeatOncePerSecondPerSource)
{
    std::map<std::string, std::vector<TimeUs>> beats;
    for (const FeedMessage &m : messages()) {
        if (const auto *h = std::get_if<Heartbeat>(&m.body)) {
            EXPECT_EQ(h->timeUs, m.header.sourceTimeUs);
            EXPECT_GT(h->updateRateHz, 0.0);
            beats[m.header.sourceId].push_back(h->timeUs);
        }
    }
    ASSERT_EQ(beats.size(), 3u);
    for (const auto &[source, times] : beats) {
        EXPECT_LT(times.front() - kEpochUs, kMicrosPerSecond) << source;
        EXPECT_GE(times.size(), static_cast<std::size_t>(kRunUs / kMicrosPerSecond) - 1) << source;
        for (std::size_t i = 1; i < times.size(); ++i)
            ASSERT_EQ(times[i] - times[i - 1], kMicrosPerSecond) << source;
    }
}

TEST_F(DemoScenarioTest, SensorStatusEveryTenSecondsAndOneGoesDegraded)
{
    std::map<std::string, std::vector<TimeUs>> reports;
    std::set<std::string> degraded;
    for (const FeedMessage &m : messages()) {
        if (const auto *s = std::get_if<SensorStatus>(&m.body)) {
            reports[s->sensorId].push_back(s->timeUs);
            EXPECT_GT(s->coverage.maxRangeM, 0.0) << s->sensorId;
            EXPECT_TRUE(s->site.isValidLatLon()) << s->sensorId;
            if (s->state == SensorState::Degraded)
                degraded.insert(s->sensorId);
            else
                EXPECT_EQ(s->state, SensorState::Operational);
        }
    }
    EXPECT_GE(reports.size(), 8u); // a few sensors per nation
    for (const auto &[sensor, times] : reports) {
        EXPECT_LT(times.front() - kEpochUs, 10 * kMicrosPerSecond) << sensor;
        for (std::size_t i = 1; i < times.size(); ++i)
            ASSERT_EQ(times[i] - times[i - 1], 10 * kMicrosPerSecond) << sensor;
    }
    EXPECT_FALSE(degraded.empty());
}

TEST_F(DemoScenarioTest, SeveralMissilesInFlightJustAfterStart)
{
    DemoScenarioOptions options;
    options.epochUs = kEpochUs;
    const DemoScenario scenario(options);
    EXPECT_GE(scenario.missilesInFlightAt(kEpochUs + 5 * kMicrosPerSecond).size(), 3u);

    std::set<std::pair<std::string, std::string>> earlyTracks;
    for (const FeedMessage &m : messages()) {
        if (m.header.sourceTimeUs > kEpochUs + 5 * kMicrosPerSecond)
            break;
        if (const auto *u = std::get_if<TrackUpdate>(&m.body))
            earlyTracks.insert({m.header.sourceId, u->trackId});
    }
    EXPECT_GE(earlyTracks.size(), 3u);
}

TEST_F(DemoScenarioTest, TrackUpdatesAreCompleteAndPlausible)
{
    for (const auto &[key, updates] : tracks()) {
        const std::string prefix = key.first.substr(0, 2) + "-";
        EXPECT_EQ(key.second.rfind(prefix, 0), 0u) << key.second;
        EXPECT_EQ(key.second.size(), 7u) << key.second; // e.g. "JP-0007"
        for (const TrackUpdate &u : updates) {
            ASSERT_TRUE(u.position.isValidLatLon()) << key.second;
            EXPECT_TRUE(u.velocity.isFinite());
            EXPECT_EQ(u.identity, Identity::Hostile);
            EXPECT_NE(u.missileClass, MissileClass::Unknown);
            EXPECT_TRUE(u.hasLaunch);
            EXPECT_TRUE(u.hasImpact);
            EXPECT_GT(u.positionCovarianceM2.ee, 0.0);
            EXPECT_GT(u.positionCovarianceM2.uu, 0.0);
            // What the wire decoder insists on.
            EXPECT_LE(u.launchTimeUs, u.timeUs);
            EXPECT_GE(u.position.altitudeM, -12'000.0);
            EXPECT_LE(u.positionCovarianceM2.en * u.positionCovarianceM2.en,
                      u.positionCovarianceM2.ee * u.positionCovarianceM2.nn * (1 + 1e-9) + 1e-9);
            EXPECT_GT(u.impact.timeUs, u.launchTimeUs);
            EXPECT_GT(u.quality, 0.0f);
            EXPECT_LE(u.quality, 1.0f);
            EXPECT_NE(u.phase, TrackPhase::Unknown);
        }
    }
}

TEST_F(DemoScenarioTest, ImpactPredictionsShrinkAndConvergeOnTheTruth)
{
    // A real tracker's uncertainty is not monotonic (it grows while a track coasts between
    // sensors and through re-entry), so the checks are on the whole flight: from the class
    // template's tens of kilometres during the boost to a few kilometres at the end, and the
    // last prediction close to where the missile actually came down.
    DemoScenarioOptions options;
    options.epochUs = kEpochUs;
    const DemoScenario scenario(options);
    const std::vector<MissileInstance> truth = scenario.missilesBetween(kEpochUs, kEpochUs + kRunUs);
    int completeTracks = 0;
    for (const auto &[key, updates] : tracks()) {
        // (An SLBM is seen later than a land launch: it ignites only after its pop-up.)
        const bool fromLaunch = updates.front().timeUs - updates.front().launchTimeUs
                                < 35 * kMicrosPerSecond;
        std::printf("%s class %d first %.1f s after launch, last phase %d, n %zu\n", key.second.c_str(), int(updates.front().missileClass), usToSeconds(updates.front().timeUs - updates.front().launchTimeUs), int(updates.back().phase), updates.size());
        if (!fromLaunch || updates.back().phase != TrackPhase::Impacted)
            continue;
        ++completeTracks;
        const auto missile = std::find_if(truth.begin(), truth.end(), [&](const MissileInstance &m) {
            return std::abs(m.flight.launchTimeUs() - updates.front().launchTimeUs)
                       < 8 * kMicrosPerSecond
                   && distanceM(m.flight.spec().launchPoint, updates.front().launchPoint) < 10e3;
        });
        ASSERT_NE(missile, truth.end()) << key.second;
        // Tens of kilometres at first report (a five-minute SRBM is reported a tenth of the
        // way through its flight), a few at the end.
        EXPECT_GT(impactSigmaM(updates.front()), 50e3) << key.second;
        EXPECT_GT(impactSigmaM(updates.front()), 10.0 * impactSigmaM(updates.back()))
            << key.second;
        EXPECT_LT(impactSigmaM(updates.back()), 6e3) << key.second;
        // The last quarter of the flight is better known than the first.
        const std::size_t quarter = updates.size() / 4;
        double early = 0.0, late = 0.0;
        for (std::size_t i = 0; i < quarter; ++i) {
            early += impactSigmaM(updates[i]);
            late += impactSigmaM(updates[updates.size() - 1 - i]);
        }
        EXPECT_LT(late, 0.5 * early) << key.second;
        // The final prediction is within its own 3σ (plus the drag model's error) of the truth.
        const TrackUpdate &last = updates.back();
        const double missM = distanceM(last.impact.point, missile->flight.impactPoint());
        EXPECT_LT(missM, 3.0 * impactSigmaM(last) + 1000.0) << key.first << " " << key.second;
        EXPECT_LT(std::abs(last.impact.timeUs - missile->flight.impactTimeUs()),
                  10 * kMicrosPerSecond)
            << key.second;
    }
    EXPECT_GE(completeTracks, 10);
}

TEST_F(DemoScenarioTest, EveryMissileSeenByAtLeastTwoNationsAndDropped)
{
    DemoScenarioOptions options;
    options.epochUs = kEpochUs;
    const DemoScenario scenario(options);
    const std::vector<MissileInstance> truth =
        scenario.missilesBetween(kEpochUs, kEpochUs + kRunUs - 60 * kMicrosPerSecond);
    ASSERT_GE(truth.size(), 15u);

    const auto allTracks = tracks();
    std::map<std::pair<std::string, std::string>, DropReason> drops;
    for (const FeedMessage &m : messages()) {
        if (const auto *d = std::get_if<TrackDrop>(&m.body))
            drops[{m.header.sourceId, d->trackId}] = d->reason;
    }
    for (const MissileInstance &missile : truth) {
        const BallisticFlight &flight = missile.flight;
        if (flight.impactTimeUs() < kEpochUs + 20 * kMicrosPerSecond)
            continue; // landed before the sources could report it
        std::set<std::string> nations;
        for (const auto &[key, updates] : allTracks) {
            const TrackUpdate &u = updates.front();
            if (u.missileClass == missile.missileClass
                && std::abs(u.launchTimeUs - flight.launchTimeUs()) < 8 * kMicrosPerSecond
                && distanceM(u.launchPoint, flight.spec().launchPoint) < 10e3) {
                nations.insert(key.first);
                if (flight.impactTimeUs() + 5 * kMicrosPerSecond < kEpochUs + kRunUs) {
                    ASSERT_TRUE(drops.contains(key)) << key.first << " " << key.second;
                    EXPECT_EQ(drops.at(key), DropReason::Impacted);
                }
            }
        }
        EXPECT_GE(nations.size(), 2u) << scenario.launches()[missile.launchIndex].name
                                      << " launched at " << flight.launchTimeUs();
    }
}

TEST_F(DemoScenarioTest, NoUpdateAfterDrop)
{
    std::set<std::pair<std::string, std::string>> dropped;
    for (const FeedMessage &m : messages()) {
        if (const auto *d = std::get_if<TrackDrop>(&m.body))
            dropped.insert({m.header.sourceId, d->trackId});
        if (const auto *u = std::get_if<TrackUpdate>(&m.body)) {
            ASSERT_FALSE(dropped.contains({m.header.sourceId, u->trackId}))
                << testing::PrintToString(m);
        }
    }
    EXPECT_FALSE(dropped.empty());
}

TEST(DemoScenarioDeterminism, SameSeedSameFeedHoweverTimeIsSliced)
{
    DemoScenarioOptions options;
    options.epochUs = kEpochUs;
    options.seed = 42;
    const TimeUs durationUs = 8 * 60 * kMicrosPerSecond;
    const auto a = runScenario(options, durationUs, kMicrosPerSecond);
    const auto b = runScenario(options, durationUs, 7'300'001);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i)
        ASSERT_EQ(describe(a[i]), describe(b[i])) << "message " << i;
}

TEST(DemoScenarioDeterminism, DifferentSeedDifferentNoise)
{
    DemoScenarioOptions options;
    options.epochUs = kEpochUs;
    const auto a = runScenario(options, 60 * kMicrosPerSecond, kMicrosPerSecond);
    options.seed = 2;
    const auto b = runScenario(options, 60 * kMicrosPerSecond, kMicrosPerSecond);
    ASSERT_EQ(a.size(), b.size()); // same schedule...
    int differing = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        differing += describe(a[i]) != describe(b[i]);
    EXPECT_GT(differing, 0); // ...different errors
}

TEST(DemoScenarioStart, StartOffsetSelectsThePointInTheLoop)
{
    // At the top of the loop the SRBM salvo's first missile launches at the epoch. Missiles
    // from the previous loop are still flying and are reported at once; the new one only
    // after its detection delay.
    DemoScenarioOptions options;
    options.epochUs = kEpochUs;
    options.startOffsetS = 0.0;
    DemoScenario scenario(options);
    const auto inFlight = scenario.missilesInFlightAt(kEpochUs + kMicrosPerSecond);
    const auto salvo = std::find_if(inFlight.begin(), inFlight.end(),
                                    [](const MissileInstance &m) { return m.launchIndex == 0; });
    ASSERT_NE(salvo, inFlight.end());
    EXPECT_EQ(salvo->flight.launchTimeUs(), kEpochUs);

    for (const FeedMessage &m : scenario.advanceTo(kEpochUs + 2 * kMicrosPerSecond)) {
        if (const auto *u = std::get_if<TrackUpdate>(&m.body)) {
            EXPECT_LT(u->launchTimeUs, kEpochUs - 60 * kMicrosPerSecond)
                << testing::PrintToString(m);
        }
    }
    EXPECT_TRUE(scenario.advanceTo(kEpochUs).empty()); // time never runs backwards
}

} // namespace
