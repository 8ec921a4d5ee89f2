// SPDX-License-Identifier: GPL-3.0-or-later
// Cross-nation correlation: synthetic cases with known truth, then the simulator's three
// national trackers on the demo scenario.
#include "core/trackcorrelator.h"
#include "sim/demoscenario.h"

#include <GeographicLib/LocalCartesian.hpp>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <set>

namespace cop {
namespace {

constexpr TimeUs kEpochUs = 1'700'000'000'000'000;

const char *sourceOf(Nation nation)
{
    switch (nation) {
    case Nation::Japan: return "JP-JADGE";
    case Nation::UnitedStates: return "US-C2BMC";
    case Nation::Korea: return "KR-KAMD";
    }
    return "";
}

// A missile flying straight and level in a local frame over the Sea of Japan: enough to test
// the gate, which only ever compares states a second or two apart.
struct StraightMissile
{
    double eastM = 0, northM = 0, upM = 200e3; // at kEpochUs
    double eastMps = 0, northMps = 2000, upMps = 0;
};

FeedMessage trackMessage(Nation nation, const std::string &trackId, TimeUs timeUs, const StraightMissile &m,
                         double errorEastM = 0, double errorNorthM = 0, double sigmaM = 300.0)
{
    static const GeographicLib::LocalCartesian frame(39.0, 133.0, 0.0);
    const double t = usToSeconds(timeUs - kEpochUs);
    FeedMessage message;
    message.header.sourceId = sourceOf(nation);
    message.header.nation = nation;
    message.header.sourceTimeUs = timeUs;
    message.header.receiveTimeUs = timeUs;
    TrackUpdate u;
    u.trackId = trackId;
    u.timeUs = timeUs;
    frame.Reverse(m.eastM + m.eastMps * t + errorEastM, m.northM + m.northMps * t + errorNorthM,
                  m.upM + m.upMps * t, u.position.latDeg, u.position.lonDeg, u.position.altitudeM);
    u.velocity = {m.eastMps, m.northMps, m.upMps};
    u.positionCovarianceM2 = {sigmaM * sigmaM, 0, 0, sigmaM * sigmaM, 0, sigmaM * sigmaM};
    u.phase = TrackPhase::Midcourse;
    u.quality = 0.8f;
    u.hasImpact = true;
    u.impact.point = {40.0 + 0.05 * nationIndex(nation), 137.0, 0.0};
    u.impact.timeUs = timeUs + 300 * kMicrosPerSecond;
    u.impact.covarianceM2 = {1e8, 0, 1e8};
    message.body = u;
    return message;
}

// Member sets of every object, as "source/track" strings.
std::set<std::set<std::string>> groups(const TrackCorrelator &correlator)
{
    std::set<std::set<std::string>> out;
    for (const auto &[id, object] : correlator.objects()) {
        std::set<std::string> members;
        for (const TrackKey &key : object.members)
            members.insert(key.sourceId + "/" + key.trackId);
        out.insert(members);
    }
    return out;
}

TEST(TrackCorrelator, ThreeNationsOfOneMissileBecomeOneObject)
{
    Picture picture;
    TrackCorrelator correlator;
    const StraightMissile missile;
    std::mt19937 rng(7);
    std::normal_distribution<double> noise(0.0, 250.0);
    for (int step = 0; step < 10; ++step) {
        FeedBatch batch;
        const TimeUs t = kEpochUs + step * kMicrosPerSecond;
        batch.push_back(trackMessage(Nation::Japan, "J1", t + 100'000, missile, noise(rng), noise(rng)));
        batch.push_back(trackMessage(Nation::UnitedStates, "U7", t + 250'000, missile, noise(rng), noise(rng)));
        batch.push_back(trackMessage(Nation::Korea, "K3", t + 600'000, missile, noise(rng), noise(rng)));
        correlator.update(picture, picture.applyBatch(batch));
        ASSERT_EQ(correlator.objects().size(), 1u) << "step " << step;
    }
    const CorrelatedObject &object = correlator.objects().begin()->second;
    ASSERT_EQ(object.members.size(), 3u);
    EXPECT_EQ(object.memberNations, (std::vector<Nation>{Nation::Japan, Nation::UnitedStates, Nation::Korea}));
    EXPECT_EQ(correlator.objectOf({"KR-KAMD", "K3"}), &object);
    // Impact points 0.05° of latitude apart per nation: JP to KR is 0.1°, about 11.1 km.
    EXPECT_NEAR(object.impactSpreadKm, 11.1, 0.1);
    // The fused position lies among the members, near the truth at the newest time (KR's).
    EXPECT_EQ(object.timeUs, kEpochUs + 9 * kMicrosPerSecond + 600'000);
    EXPECT_NEAR(object.position.altitudeM, 200e3, 1500.0);
    EXPECT_NEAR(object.velocity.northMps, 2000.0, 1.0);
    EXPECT_FALSE(object.ended);
}

struct SeparationCase
{
    const char *name;
    double offsetEastM;       // second missile's offset from the first
    double velocityEastMps;   // second missile's extra eastward velocity
};

class TwoMissiles : public ::testing::TestWithParam<SeparationCase>
{};

TEST_P(TwoMissiles, StayApart)
{
    const SeparationCase &c = GetParam();
    Picture picture;
    TrackCorrelator correlator;
    const StraightMissile a;
    StraightMissile b;
    b.eastM += c.offsetEastM;
    b.eastMps += c.velocityEastMps;
    std::mt19937 rng(11);
    std::normal_distribution<double> noise(0.0, 200.0);
    for (int step = 0; step < 20; ++step) {
        FeedBatch batch;
        const TimeUs t = kEpochUs + step * kMicrosPerSecond;
        for (Nation nation : kAllNations) {
            const TimeUs tn = t + 100'000 * (1 + nationIndex(nation));
            batch.push_back(trackMessage(nation, "A", tn, a, noise(rng), noise(rng)));
            batch.push_back(trackMessage(nation, "B", tn, b, noise(rng), noise(rng)));
        }
        correlator.update(picture, picture.applyBatch(batch));
        const std::set<std::set<std::string>> expected{
            {"JP-JADGE/A", "KR-KAMD/A", "US-C2BMC/A"}, {"JP-JADGE/B", "KR-KAMD/B", "US-C2BMC/B"}};
        ASSERT_EQ(groups(correlator), expected) << c.name << ", step " << step;
    }
}

INSTANTIATE_TEST_SUITE_P(TrackCorrelator, TwoMissiles,
                         ::testing::Values(SeparationCase{"6 km apart, same velocity", 6000.0, 0.0},
                                           SeparationCase{"side by side, diverging", 1500.0, 600.0},
                                           SeparationCase{"same place, different course", 0.0, 1500.0}),
                         [](const auto &info) { return std::to_string(info.index); });

TEST(TrackCorrelator, TracksOfOneSourceAreNeverMerged)
{
    Picture picture;
    TrackCorrelator correlator;
    const StraightMissile missile;
    FeedBatch batch;
    batch.push_back(trackMessage(Nation::Japan, "J1", kEpochUs, missile));
    batch.push_back(trackMessage(Nation::Japan, "J2", kEpochUs, missile, 50.0, 0.0));
    batch.push_back(trackMessage(Nation::Korea, "K1", kEpochUs + 200'000, missile));
    correlator.update(picture, picture.applyBatch(batch));
    // KR joins one of them; the two Japanese tracks stay in different objects.
    ASSERT_EQ(correlator.objects().size(), 2u);
    EXPECT_NE(correlator.objectOf({"JP-JADGE", "J1"}), correlator.objectOf({"JP-JADGE", "J2"}));
    EXPECT_EQ(correlator.objectOf({"KR-KAMD", "K1"})->members.size(), 2u);
}

TEST(TrackCorrelator, CrossingTrajectoriesKeepTheirObjects)
{
    // Two missiles cross at the same point at the same moment (t = 30 s) on courses 90° apart.
    Picture picture;
    TrackCorrelator correlator;
    StraightMissile north;
    north.northM = -60e3;
    StraightMissile east;
    east.eastM = -60e3;
    east.northMps = 0;
    east.eastMps = 2000;
    std::mt19937 rng(3);
    std::normal_distribution<double> noise(0.0, 250.0);
    const std::set<std::set<std::string>> expected{
        {"JP-JADGE/N", "KR-KAMD/N", "US-C2BMC/N"}, {"JP-JADGE/E", "KR-KAMD/E", "US-C2BMC/E"}};
    std::set<std::uint64_t> idsSeen;
    for (int step = 0; step <= 60; ++step) {
        FeedBatch batch;
        const TimeUs t = kEpochUs + step * kMicrosPerSecond;
        for (Nation nation : kAllNations) {
            const TimeUs tn = t + 150'000 * nationIndex(nation);
            batch.push_back(trackMessage(nation, "N", tn, north, noise(rng), noise(rng)));
            batch.push_back(trackMessage(nation, "E", tn, east, noise(rng), noise(rng)));
        }
        correlator.update(picture, picture.applyBatch(batch));
        ASSERT_EQ(groups(correlator), expected) << "step " << step;
        for (const auto &entry : correlator.objects())
            idsSeen.insert(entry.first);
    }
    // Nothing split and re-formed along the way: the objects kept their ids throughout.
    EXPECT_EQ(idsSeen.size(), 2u);
}

TEST(TrackCorrelator, OneBadUpdateDoesNotSplitAnObjectButRepeatedOnesDo)
{
    Picture picture;
    TrackCorrelator correlator;
    const StraightMissile missile;
    const auto step = [&](int i, double koreaErrorM) {
        FeedBatch batch;
        const TimeUs t = kEpochUs + i * kMicrosPerSecond;
        batch.push_back(trackMessage(Nation::Japan, "J", t, missile));
        batch.push_back(trackMessage(Nation::UnitedStates, "U", t + 100'000, missile));
        batch.push_back(trackMessage(Nation::Korea, "K", t + 200'000, missile, koreaErrorM));
        return correlator.update(picture, picture.applyBatch(batch));
    };
    step(0, 0);
    step(1, 0);
    ASSERT_EQ(correlator.objects().size(), 1u);
    const std::uint64_t id = correlator.objects().begin()->first;
    step(2, 20e3); // one wild update
    EXPECT_EQ(correlator.objects().size(), 1u);
    step(3, 0);
    step(4, 20e3);
    step(5, 20e3);
    EXPECT_EQ(correlator.objects().size(), 1u) << "two misses are not yet three";
    const CorrelationChange change = step(6, 20e3);
    ASSERT_EQ(correlator.objects().size(), 2u);
    EXPECT_EQ(correlator.objectOf({"JP-JADGE", "J"})->id, id) << "the object keeps its id";
    EXPECT_EQ(correlator.objectOf({"KR-KAMD", "K"})->members.size(), 1u);
    EXPECT_EQ(change.added.size(), 1u);
    // Back on track: Korea rejoins at once.
    step(7, 0);
    EXPECT_EQ(correlator.objects().size(), 1u);
    EXPECT_EQ(correlator.objectOf({"KR-KAMD", "K"})->id, id);
}

TEST(TrackCorrelator, ChangesNameEachObjectOnceAndForgetPrunedTracks)
{
    PictureLimits limits;
    limits.droppedTrackRetentionUs = 10 * kMicrosPerSecond;
    Picture picture(limits);
    TrackCorrelator correlator;
    const StraightMissile missile;
    FeedBatch first{trackMessage(Nation::Japan, "J", kEpochUs, missile),
                    trackMessage(Nation::Korea, "K", kEpochUs + 200'000, missile)};
    CorrelationChange change = correlator.update(picture, picture.applyBatch(first));
    ASSERT_EQ(change.added.size(), 1u) << "two tracks joined in one batch: one object added";
    EXPECT_TRUE(change.changed.empty());
    EXPECT_TRUE(change.removed.empty());
    const std::uint64_t id = change.added.front();

    FeedBatch drops;
    for (Nation nation : {Nation::Japan, Nation::Korea}) {
        FeedMessage m;
        m.header.sourceId = sourceOf(nation);
        m.header.nation = nation;
        m.header.sourceTimeUs = kEpochUs + kMicrosPerSecond;
        m.header.receiveTimeUs = m.header.sourceTimeUs;
        m.body = TrackDrop{nation == Nation::Japan ? "J" : "K", m.header.sourceTimeUs, DropReason::Impacted};
        drops.push_back(m);
    }
    change = correlator.update(picture, picture.applyBatch(drops));
    EXPECT_EQ(change.changed, std::vector<std::uint64_t>{id});
    EXPECT_TRUE(correlator.object(id)->ended);

    // A minute later both sources are still talking (heartbeats move their clocks past the
    // retention), something else arrives, and the dropped tracks are pruned meanwhile.
    StraightMissile other;
    other.eastM = 500e3;
    FeedBatch later{trackMessage(Nation::UnitedStates, "U", kEpochUs + 60 * kMicrosPerSecond, other)};
    for (Nation nation : {Nation::Japan, Nation::Korea}) {
        FeedMessage m;
        m.header.sourceId = sourceOf(nation);
        m.header.nation = nation;
        m.header.sourceTimeUs = kEpochUs + 60 * kMicrosPerSecond;
        m.header.receiveTimeUs = m.header.sourceTimeUs;
        m.body = Heartbeat{m.header.sourceTimeUs, 1.0};
        later.push_back(m);
    }
    picture.applyBatch(later);
    ASSERT_GT(picture.pruneDroppedTracks(), 0u);
    FeedBatch next{trackMessage(Nation::UnitedStates, "U", kEpochUs + 61 * kMicrosPerSecond, other)};
    change = correlator.update(picture, picture.applyBatch(next));
    EXPECT_EQ(change.removed, std::vector<std::uint64_t>{id});
    EXPECT_EQ(correlator.object(id), nullptr);
    EXPECT_EQ(correlator.objectOf({"JP-JADGE", "J"}), nullptr);
}

TEST(TrackCorrelator, BadStatesAreNotGatedAndDoNotCrash)
{
    const TrackCorrelator correlator;
    TrackUpdate a = std::get<TrackUpdate>(trackMessage(Nation::Japan, "J", kEpochUs, {}).body);
    TrackUpdate b = a;
    EXPECT_LT(correlator.distance(a, b), 1.0);
    b.velocity.eastMps = std::nan("");
    EXPECT_TRUE(std::isinf(correlator.distance(a, b)));
    b = a;
    b.timeUs += 60 * kMicrosPerSecond;
    EXPECT_TRUE(std::isinf(correlator.distance(a, b))) << "too far apart in time";
    b = a;
    b.positionCovarianceM2 = {std::nan(""), 0, 0, 1, 0, 1};
    EXPECT_TRUE(std::isinf(correlator.distance(a, b)));
}

// The simulator: three nations' trackers with their own sensors, noise and timing.
struct SimRun
{
    // Per second of the run: each object's members, and the truth missile of each member.
    int wrongMerges = 0;
    std::string firstWrongMerge;
    std::set<Nation> icbmNations;        // nations in the ICBM's object at the end
    int icbmObjects = 0;                 // objects holding ICBM tracks at the end
    bool salvoApartWhileBothFlew = true; // the two salvo SRBMs never shared an object
    int salvoChecks = 0;
    // Seconds in which one missile's live tracks were spread over more than one object, and
    // seconds in which a missile had tracks from at least two nations.
    int splitSeconds = 0;
    int multiNationSeconds = 0;
};

const SimRun &simRun()
{
    static const SimRun run = [] {
        SimRun out;
        sim::DemoScenarioOptions options;
        options.epochUs = kEpochUs;
        options.startOffsetS = 0.0;
        sim::DemoScenario scenario(options);
        Picture picture;
        TrackCorrelator correlator;
        const TimeUs endUs = kEpochUs + 420 * kMicrosPerSecond;
        const std::vector<sim::MissileInstance> missiles = scenario.missilesBetween(kEpochUs, endUs);
        // Truth of a track state: the missile in flight nearest to it at its time.
        const auto truthOf = [&](const TrackUpdate &s) {
            int best = -1;
            double bestM = 1e300;
            for (std::size_t i = 0; i < missiles.size(); ++i) {
                const sim::BallisticFlight &f = missiles[i].flight;
                // A tracker's last states may lag the impact by a few seconds.
                if (s.timeUs < f.launchTimeUs() || s.timeUs > f.impactTimeUs() + 5 * kMicrosPerSecond)
                    continue;
                const GeoPosition p = f.stateAt(std::min(s.timeUs, f.impactTimeUs())).position;
                const double dLat = (p.latDeg - s.position.latDeg) * 111e3;
                const double dLon = (p.lonDeg - s.position.lonDeg) * 111e3 * std::cos(p.latDeg * M_PI / 180);
                const double d = std::hypot(dLat, dLon, p.altitudeM - s.position.altitudeM);
                if (d < bestM) {
                    bestM = d;
                    best = static_cast<int>(i);
                }
            }
            return best;
        };
        constexpr TimeUs kStepUs = 100 * kMicrosPerMillisecond;
        for (TimeUs nowUs = kEpochUs; nowUs <= endUs; nowUs += kStepUs) {
            FeedBatch batch = scenario.advanceTo(nowUs);
            for (FeedMessage &message : batch)
                message.header.receiveTimeUs = nowUs;
            correlator.update(picture, picture.applyBatch(batch));
            picture.pruneDroppedTracks();
            if ((nowUs - kEpochUs) % kMicrosPerSecond != 0)
                continue;
            std::map<int, std::set<std::uint64_t>> objectsOfTruth;
            std::map<int, std::set<Nation>> nationsOfTruth;
            for (const auto &[id, object] : correlator.objects()) {
                for (std::size_t m = 0; m < object.members.size(); ++m) {
                    const TrackRecord *record = picture.track(object.members[m]);
                    if (!record || record->dropTimeUs != kTimeUnset)
                        continue;
                    if (const int truth = truthOf(record->latest()); truth >= 0) {
                        objectsOfTruth[truth].insert(id);
                        nationsOfTruth[truth].insert(object.memberNations[m]);
                    }
                }
            }
            for (const auto &[truth, ids] : objectsOfTruth) {
                if (nationsOfTruth[truth].size() >= 2)
                    ++out.multiNationSeconds;
                if (ids.size() > 1) {
                    ++out.splitSeconds;
                    if (std::getenv("COP_PRINT_CORRELATION")) // to see where, when tuning the gate
                        std::printf("t=%.0f s: missile %d split over %zu objects\n",
                                    usToSeconds(nowUs - kEpochUs), truth, ids.size());
                }
            }
            for (const auto &[id, object] : correlator.objects()) {
                std::set<int> truths;
                for (const TrackKey &key : object.members) {
                    const TrackRecord *record = picture.track(key);
                    if (!record || record->dropTimeUs != kTimeUnset)
                        continue;
                    // A state at or past the truth's impact (a drop still to come) has no truth.
                    if (const int truth = truthOf(record->latest()); truth >= 0)
                        truths.insert(truth);
                }
                if (truths.size() > 1) {
                    if (out.wrongMerges++ == 0)
                        out.firstWrongMerge = "object " + std::to_string(id) + " at t="
                                              + std::to_string(usToSeconds(nowUs - kEpochUs));
                }
                const bool hasSalvo1 = std::any_of(truths.begin(), truths.end(), [&](int i) {
                    return i >= 0 && scenario.launches()[static_cast<std::size_t>(missiles[static_cast<std::size_t>(i)].launchIndex)].name
                                         == std::string("SRBM salvo 1/2");
                });
                const bool hasSalvo2 = std::any_of(truths.begin(), truths.end(), [&](int i) {
                    return i >= 0 && scenario.launches()[static_cast<std::size_t>(missiles[static_cast<std::size_t>(i)].launchIndex)].name
                                         == std::string("SRBM salvo 2/2");
                });
                if (hasSalvo1 || hasSalvo2)
                    ++out.salvoChecks;
                if (hasSalvo1 && hasSalvo2)
                    out.salvoApartWhileBothFlew = false;
            }
        }
        for (const auto &[id, object] : correlator.objects()) {
            bool icbm = false;
            for (const TrackKey &key : object.members) {
                const TrackRecord *record = picture.track(key);
                icbm = icbm || (record && record->latest().missileClass == MissileClass::Intercontinental);
            }
            if (!icbm || object.ended)
                continue;
            ++out.icbmObjects;
            out.icbmNations.insert(object.memberNations.begin(), object.memberNations.end());
        }
        return out;
    }();
    return run;
}

TEST(TrackCorrelatorOnSimulator, IcbmIsOneObjectWithAllThreeNations)
{
    const SimRun &run = simRun();
    EXPECT_EQ(run.icbmObjects, 1);
    EXPECT_EQ(run.icbmNations, (std::set<Nation>{Nation::Japan, Nation::UnitedStates, Nation::Korea}));
}

TEST(TrackCorrelatorOnSimulator, NoObjectHoldsTwoMissiles)
{
    const SimRun &run = simRun();
    EXPECT_EQ(run.wrongMerges, 0) << "first: " << run.firstWrongMerge;
    EXPECT_GT(run.salvoChecks, 10);
    EXPECT_TRUE(run.salvoApartWhileBothFlew);
}

TEST(TrackCorrelatorOnSimulator, OneMissileIsRarelySplit)
{
    // Right after a nation's first report its track may stand alone for an update or two
    // (boost-phase errors are large); beyond that a missile should be one object.
    const SimRun &run = simRun();
    EXPECT_GT(run.multiNationSeconds, 500);
    EXPECT_LT(run.splitSeconds, run.multiNationSeconds / 50)
        << run.splitSeconds << " split of " << run.multiNationSeconds;
}

} // namespace
} // namespace cop
