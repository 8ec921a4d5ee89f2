// SPDX-License-Identifier: GPL-3.0-or-later
// The alert rules on message sequences: one alert per launch and area, updated in place, an
// all-clear or impact at the end, health alerts that recover, and no alarm fatigue.
#include "core/alertengine.h"
#include "core/alertjson.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace cop {

void PrintTo(const AlertEvent &event, std::ostream *os)
{
    *os << alertEventToJsonLine(event).toStdString();
}

namespace {

constexpr TimeUs kT0 = 1'700'000'000'000'000; // 2023-11-14T22:13:20Z
constexpr TimeUs kSecond = kMicrosPerSecond;

GeoPolygon box(double southDeg, double westDeg, double northDeg, double eastDeg)
{
    GeoPolygon polygon;
    polygon.rings.push_back(
        {{southDeg, westDeg}, {southDeg, eastDeg}, {northDeg, eastDeg}, {northDeg, westDeg}});
    polygon.boundsDeg = QRectF(westDeg, southDeg, eastDeg - westDeg, northDeg - southDeg);
    return polygon;
}

ProtectedArea area(const char *id, const char *name, ProtectedAreaKind kind, AlertSeverity severity,
                   GeoPolygon polygon)
{
    ProtectedArea a;
    a.id = id;
    a.name = QString::fromLatin1(name);
    a.nation = Nation::Japan;
    a.kind = kind;
    a.severity = severity;
    a.boundsDeg = polygon.boundsDeg;
    a.polygons.push_back(std::move(polygon));
    return a;
}

// Testland: a one-degree island at 35..36°N 135..136°E inside a five-degree "EEZ".
std::shared_ptr<const ProtectedAreaSet> testAreas()
{
    std::vector<ProtectedArea> areas;
    areas.push_back(area("territory:TL", "Testland", ProtectedAreaKind::Territory,
                         AlertSeverity::Critical, box(35.0, 135.0, 36.0, 136.0)));
    areas.push_back(area("eez:TL", "Testland EEZ", ProtectedAreaKind::Eez, AlertSeverity::Warning,
                         box(33.0, 133.0, 38.0, 138.0)));
    return std::make_shared<const ProtectedAreaSet>(std::move(areas));
}

const GeoPosition kLaunchSite {39.2, 125.7, 0.0};

struct Prediction
{
    double latDeg;
    double lonDeg;
    double sigmaM = 1'000.0;
};

// Drives a Picture and an AlertEngine with hand-made messages, as the viewer does per batch.
class Feed
{
public:
    explicit Feed(AlertRules rules = {})
        : engine(testAreas(), rules)
    { }

    FeedMessage header(const std::string &source, Nation nation, TimeUs timeUs)
    {
        FeedMessage message;
        message.header = {source, nation, ++sequences[source], timeUs, timeUs + 100'000};
        return message;
    }

    FeedMessage track(const std::string &source, const std::string &trackId, TimeUs timeUs,
                      std::optional<Prediction> impact, Nation nation = Nation::Japan,
                      const GeoPosition &launchPoint = kLaunchSite, TimeUs launchTimeUs = kT0,
                      GeoPosition position = {38.0, 130.0, 300'000.0})
    {
        FeedMessage message = header(source, nation, timeUs);
        TrackUpdate update;
        update.trackId = trackId;
        update.timeUs = timeUs;
        update.position = position;
        update.phase = TrackPhase::Midcourse;
        update.missileClass = MissileClass::MediumRange;
        update.hasLaunch = true;
        update.launchPoint = launchPoint;
        update.launchTimeUs = launchTimeUs;
        if (impact) {
            update.hasImpact = true;
            update.impact.point = {impact->latDeg, impact->lonDeg, 0.0};
            update.impact.timeUs = kT0 + 600 * kSecond;
            const double variance = impact->sigmaM * impact->sigmaM;
            update.impact.covarianceM2 = {variance, 0.0, variance};
        }
        message.body = std::move(update);
        return message;
    }

    FeedMessage drop(const std::string &source, const std::string &trackId, TimeUs timeUs,
                     DropReason reason)
    {
        FeedMessage message = header(source, Nation::Japan, timeUs);
        message.body = TrackDrop {trackId, timeUs, reason};
        return message;
    }

    // Applies one batch and runs the rules at the batch's newest receive time (or atUs).
    std::vector<AlertEvent> send(FeedBatch batch, TimeUs atUs = kTimeUnset)
    {
        TimeUs nowUs = atUs;
        for (const FeedMessage &m : batch)
            nowUs = std::max(nowUs, m.header.receiveTimeUs);
        const PictureChange change = picture.applyBatch(batch);
        auto events = engine.update(picture, change, nowUs);
        all.insert(all.end(), events.begin(), events.end());
        return events;
    }
    std::vector<AlertEvent> tick(TimeUs nowUs) { return send({}, nowUs); }

    std::vector<AlertEvent> of(AlertKind kind,
                               std::optional<AlertEventType> type = std::nullopt) const
    {
        std::vector<AlertEvent> out;
        std::copy_if(all.begin(), all.end(), std::back_inserter(out), [&](const AlertEvent &e) {
            return e.alert.kind == kind && (!type || e.type == *type);
        });
        return out;
    }

    Picture picture;
    AlertEngine engine;
    std::map<std::string, std::uint64_t> sequences;
    std::vector<AlertEvent> all;
};

// --- impact threat: where the 95% ellipse falls --------------------------------------------

struct ImpactCase
{
    const char *name;
    Prediction prediction;
    std::vector<std::string> expectedAreas; // impact-threat alerts raised, by area id
    std::vector<AlertSeverity> expectedSeverities;
};

void PrintTo(const ImpactCase &c, std::ostream *os)
{
    *os << c.name;
}

class ImpactThreat : public ::testing::TestWithParam<ImpactCase>
{
};

TEST_P(ImpactThreat, RaisesOneAlertPerAreaTheEllipseMeets)
{
    const ImpactCase &c = GetParam();
    Feed feed;
    // Twelve seconds of the same prediction: past the confirmation of a fringe-only threat.
    for (int s = 0; s <= 12; ++s)
        feed.send({feed.track("JP-SRC", "T1", kT0 + (10 + s) * kSecond, c.prediction)});
    const auto raised = feed.of(AlertKind::ImpactThreat, AlertEventType::Raised);
    std::vector<std::string> areas;
    std::vector<AlertSeverity> severities;
    for (const AlertEvent &e : raised) {
        areas.push_back(e.alert.areaId);
        severities.push_back(e.alert.severity);
        EXPECT_EQ(e.alert.predictedImpactTimeUs, kT0 + 600 * kSecond);
        EXPECT_TRUE(e.alert.text.contains(e.alert.areaName)) << e.alert.text.toStdString();
    }
    EXPECT_EQ(areas, c.expectedAreas);
    EXPECT_EQ(severities, c.expectedSeverities);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ImpactThreat,
    ::testing::Values(
        ImpactCase {"InsideTerritory",
                    {35.5, 135.5},
                    {"territory:TL", "eez:TL"},
                    {AlertSeverity::Critical, AlertSeverity::Warning}},
        ImpactCase {"InsideEezOnly", {34.0, 134.0}, {"eez:TL"}, {AlertSeverity::Warning}},
        ImpactCase {"FarOutside", {30.0, 130.0}, {}, {}},
        // 0.3° (~33 km) south of the EEZ: a 1 km sigma stays out, a 20 km sigma (95%: 49 km)
        // reaches in.
        ImpactCase {"OutsideSmallEllipse", {32.7, 134.0, 1'000.0}, {}, {}},
        ImpactCase {"OutsideEllipseReachesEez",
                    {32.7, 134.0, 20'000.0},
                    {"eez:TL"},
                    {AlertSeverity::Warning}},
        // Centre 44 km south of the island, 95% semi-axis 61 km: the ellipse reaches it. The
        // predicted point is in the EEZ (raised at once), the island only within the fringe
        // (raised after the confirmation).
        ImpactCase {"EllipseReachesIsland",
                    {34.6, 135.5, 25'000.0},
                    {"eez:TL", "territory:TL"},
                    {AlertSeverity::Warning, AlertSeverity::Critical}},
        // Early in boost: a 95% ellipse 370 km long says nothing about one island.
        ImpactCase {"TooUncertainToJudge", {35.5, 135.5, 150'000.0}, {}, {}}),
    [](const auto &info) { return std::string(info.param.name); });

// --- which predictions count: the usable-prediction rule ----------------------------------------

TEST(AlertEngine, PredictedPointInsideRaisesAtOnceFringeOnlyAfterConfirmation)
{
    Feed feed;
    const auto at = [](int s) { return kT0 + s * kSecond; };
    // Centre 0.3° south of the EEZ, σ 20 km: only the fringe of the 95% ellipse reaches in.
    feed.send({feed.track("JP-SRC", "T1", at(0), Prediction {32.7, 134.0, 20'000.0})});
    EXPECT_TRUE(feed.of(AlertKind::ImpactThreat).empty()) << "not on one fringe prediction";
    for (int s = 1; s < 10; ++s)
        feed.send({feed.track("JP-SRC", "T1", at(s), Prediction {32.7, 134.0, 20'000.0})});
    EXPECT_TRUE(feed.of(AlertKind::ImpactThreat).empty());
    feed.send({feed.track("JP-SRC", "T1", at(10), Prediction {32.7, 134.0, 20'000.0})});
    ASSERT_EQ(feed.of(AlertKind::ImpactThreat, AlertEventType::Raised).size(), 1u)
        << "held for raiseConfirmUs";

    // Another launch whose predicted point is inside the EEZ: raised on the first update.
    Feed inside;
    inside.send({inside.track("JP-SRC", "T1", at(0), Prediction {34.0, 134.0, 20'000.0})});
    EXPECT_EQ(inside.of(AlertKind::ImpactThreat, AlertEventType::Raised).size(), 1u);
}

TEST(AlertEngine, FringeThatWithdrawsWithinTheConfirmationRaisesNothing)
{
    Feed feed;
    // Like the first predictions after burnout: the fringe reaches the EEZ for five seconds,
    // then the ellipse shrinks away from it.
    for (int s = 0; s < 5; ++s)
        feed.send({feed.track("JP-SRC", "T1", kT0 + s * kSecond,
                              Prediction {32.7, 134.0, 20'000.0})});
    for (int s = 5; s < 60; ++s)
        feed.send({feed.track("JP-SRC", "T1", kT0 + s * kSecond, Prediction {32.7, 134.0, 2'000.0})});
    EXPECT_TRUE(feed.of(AlertKind::ImpactThreat).empty());
}

TEST(AlertEngine, LessCertainPredictionNeverOverturnsAMoreCertainOne)
{
    Feed feed;
    const auto at = [](int s) { return kT0 + s * kSecond; };
    // A settled prediction 33 km outside the EEZ, σ 500 m (95%: 1.2 km) ...
    for (int s = 0; s < 20; ++s)
        feed.send({feed.track("JP-SRC", "T1", at(s), Prediction {32.7, 134.0, 500.0})});
    // ... then the tracker coasts with a σ of 20 km whose fringe reaches in, for a minute.
    for (int s = 20; s < 80; ++s)
        feed.send({feed.track("JP-SRC", "T1", at(s), Prediction {32.7, 134.0, 20'000.0})});
    EXPECT_TRUE(feed.of(AlertKind::ImpactThreat).empty()) << "superseded: raises nothing";

    // The same the other way: an active threat is not cleared by a superseded prediction.
    Feed kept;
    for (int s = 0; s < 20; ++s)
        kept.send({kept.track("JP-SRC", "T1", at(s), Prediction {33.2, 134.0, 500.0})});
    ASSERT_EQ(kept.of(AlertKind::ImpactThreat, AlertEventType::Raised).size(), 1u);
    for (int s = 20; s < 80; ++s)
        kept.send({kept.track("JP-SRC", "T1", at(s), Prediction {32.0, 134.0, 20'000.0})});
    EXPECT_TRUE(kept.of(AlertKind::ImpactThreat, AlertEventType::Cleared).empty());
}

TEST(AlertEngine, PredictionUnderThrustIsNotUsed)
{
    Feed feed;
    FeedMessage boost = feed.track("JP-SRC", "T1", kT0, Prediction {35.5, 135.5, 5'000.0});
    std::get<TrackUpdate>(boost.body).phase = TrackPhase::Boost;
    feed.send({boost});
    EXPECT_TRUE(feed.of(AlertKind::ImpactThreat).empty());
    EXPECT_EQ(feed.of(AlertKind::LaunchDetected, AlertEventType::Raised).size(), 1u);
    // Burnout: the same prediction in midcourse raises at once (predicted point on the island).
    feed.send({feed.track("JP-SRC", "T1", kT0 + kSecond, Prediction {35.5, 135.5, 5'000.0})});
    EXPECT_EQ(feed.of(AlertKind::ImpactThreat, AlertEventType::Raised).size(), 2u);
}

TEST(AlertEngine, ChangingTheAreasEndsAreaAlertsWithAReasonAndJudgesAfresh)
{
    Feed feed;
    // On the island: territory (critical) and EEZ (warning).
    feed.send({feed.track("JP-SRC", "T1", kT0, Prediction {35.5, 135.5})});
    ASSERT_EQ(feed.of(AlertKind::ImpactThreat, AlertEventType::Raised).size(), 2u);

    // The operator now protects only a new area that the prediction also falls in.
    std::vector<ProtectedArea> areas;
    areas.push_back(area("other:BOX", "Box", ProtectedAreaKind::Other, AlertSeverity::Advisory,
                         box(35.0, 135.0, 36.5, 136.5)));
    const auto ended = feed.engine.setAreas(
        std::make_shared<const ProtectedAreaSet>(std::move(areas)), kT0 + kSecond);
    ASSERT_EQ(ended.size(), 2u);
    for (const AlertEvent &e : ended) {
        EXPECT_EQ(e.type, AlertEventType::Cleared);
        EXPECT_EQ(e.alert.ending, AlertEnding::AreasChanged);
    }
    EXPECT_EQ(feed.engine.activeCount(), 1u) << "the launch alert stays";

    // The next update judges the missile against the new areas.
    feed.send({feed.track("JP-SRC", "T1", kT0 + 2 * kSecond, Prediction {35.5, 135.5})});
    const auto raised = feed.of(AlertKind::ImpactThreat, AlertEventType::Raised);
    ASSERT_EQ(raised.size(), 3u);
    EXPECT_EQ(raised.back().alert.areaId, "other:BOX");
    EXPECT_EQ(raised.back().alert.severity, AlertSeverity::Advisory);
}

// --- one alert per launch and area, in place --------------------------------------------------

TEST(AlertEngine, OneLaunchAlertForEveryNationalTrackOfOneMissile)
{
    Feed feed;
    // Three nations, launch points within a few km and launch times within 3 s.
    feed.send({feed.track("JP-SRC", "J1", kT0 + 10 * kSecond, std::nullopt, Nation::Japan)});
    feed.send({feed.track("US-SRC", "U7", kT0 + 11 * kSecond, std::nullopt, Nation::UnitedStates,
                          {39.21, 125.72, 0.0}, kT0 + 2 * kSecond)});
    feed.send({feed.track("KR-SRC", "K3", kT0 + 12 * kSecond, std::nullopt, Nation::Korea,
                          {39.19, 125.69, 0.0}, kT0 - 3 * kSecond)});
    ASSERT_EQ(feed.of(AlertKind::LaunchDetected, AlertEventType::Raised).size(), 1u);
    EXPECT_EQ(feed.engine.launchCount(), 1u);
    const auto updates = feed.of(AlertKind::LaunchDetected, AlertEventType::Updated);
    ASSERT_FALSE(updates.empty());
    EXPECT_TRUE(updates.back().alert.text.endsWith(QStringLiteral("reported by JP, US, KR")))
        << updates.back().alert.text.toStdString();
    // A second missile from the same site 15 s later is a second launch.
    feed.send({feed.track("JP-SRC", "J2", kT0 + 30 * kSecond, std::nullopt, Nation::Japan,
                          kLaunchSite, kT0 + 15 * kSecond)});
    EXPECT_EQ(feed.of(AlertKind::LaunchDetected, AlertEventType::Raised).size(), 2u);
}

TEST(AlertEngine, PredictionOscillatingOnABoundaryRaisesOneAlertAndOneAllClear)
{
    Feed feed;
    // In and out of the EEZ's southern edge (33°N) every second for 40 s.
    for (int s = 0; s < 40; ++s) {
        const double latDeg = (s % 2 == 0) ? 33.05 : 32.95;
        feed.send(
            {feed.track("JP-SRC", "T1", kT0 + s * kSecond, Prediction {latDeg, 134.0, 500.0})});
    }
    EXPECT_EQ(feed.of(AlertKind::ImpactThreat, AlertEventType::Raised).size(), 1u);
    EXPECT_TRUE(feed.of(AlertKind::ImpactThreat, AlertEventType::Cleared).empty());
    // Then it settles outside: one all-clear after the hold time, and only one.
    for (int s = 40; s < 70; ++s)
        feed.send({feed.track("JP-SRC", "T1", kT0 + s * kSecond, Prediction {32.5, 134.0, 500.0})});
    const auto cleared = feed.of(AlertKind::ImpactThreat, AlertEventType::Cleared);
    ASSERT_EQ(cleared.size(), 1u);
    EXPECT_EQ(cleared[0].alert.ending, AlertEnding::AllClear);
    // Last inside at 38 s, outside from 39 s (received 0.1 s later).
    EXPECT_GE(cleared[0].timeUs - (kT0 + 39 * kSecond), feed.engine.rules().allClearHoldUs);
    EXPECT_EQ(feed.of(AlertKind::ImpactThreat, AlertEventType::Raised).size(), 1u);
}

TEST(AlertEngine, ThreatThatReturnsAfterItsAllClearIsTheSameAlertRaisedAgain)
{
    Feed feed;
    const auto at = [](int s) { return kT0 + s * kSecond; };
    feed.send({feed.track("JP-SRC", "T1", at(0), Prediction {34.0, 134.0})});
    const auto raised = feed.of(AlertKind::ImpactThreat, AlertEventType::Raised);
    ASSERT_EQ(raised.size(), 1u);
    const std::uint64_t id = raised[0].alert.id;
    ASSERT_TRUE(feed.engine.acknowledge(id, QStringLiteral("duty-officer"), at(1)));
    // Out of the EEZ for 20 s: one all-clear.
    for (int s = 1; s <= 20; ++s)
        feed.send({feed.track("JP-SRC", "T1", at(s), Prediction {31.0, 134.0})});
    ASSERT_EQ(feed.of(AlertKind::ImpactThreat, AlertEventType::Cleared).size(), 1u);
    // Back inside: nothing for the first seconds (hysteresis), then the same alert again,
    // needing a fresh acknowledgement.
    for (int s = 21; s <= 25; ++s)
        feed.send({feed.track("JP-SRC", "T1", at(s), Prediction {34.0, 134.0})});
    EXPECT_EQ(feed.of(AlertKind::ImpactThreat, AlertEventType::Raised).size(), 1u);
    for (int s = 26; s <= 35; ++s)
        feed.send({feed.track("JP-SRC", "T1", at(s), Prediction {34.0, 134.0})});
    const auto again = feed.of(AlertKind::ImpactThreat, AlertEventType::Raised);
    ASSERT_EQ(again.size(), 2u);
    EXPECT_EQ(again[1].alert.id, id);
    EXPECT_FALSE(again[1].alert.acknowledged);
}

TEST(AlertEngine, ActiveAlertHeldWhileTheWiderEllipseStillMeetsTheArea)
{
    Feed feed;
    // σ 10 km: the 95% ellipse reaches 24.5 km, the 99% one 30.3 km. The EEZ edge is at 33°N.
    feed.send({feed.track("JP-SRC", "T1", kT0, Prediction {33.1, 134.0, 10'000.0})});
    ASSERT_EQ(feed.of(AlertKind::ImpactThreat, AlertEventType::Raised).size(), 1u);
    // 27 km south of the edge: outside the 95% ellipse, inside the 99% one, for a minute.
    for (int s = 1; s <= 60; ++s)
        feed.send(
            {feed.track("JP-SRC", "T1", kT0 + s * kSecond, Prediction {32.757, 134.0, 10'000.0})});
    EXPECT_TRUE(feed.of(AlertKind::ImpactThreat, AlertEventType::Cleared).empty());
}

TEST(AlertEngine, UpdatesInPlaceAndKeepsTheAcknowledgement)
{
    Feed feed;
    feed.send({feed.track("JP-SRC", "T1", kT0, Prediction {35.5, 135.5})});
    const auto raised = feed.of(AlertKind::ImpactThreat, AlertEventType::Raised);
    ASSERT_EQ(raised.size(), 2u);
    const std::uint64_t id = raised[0].alert.id;
    const auto ack = feed.engine.acknowledge(id, QStringLiteral("duty-officer"), kT0 + kSecond);
    ASSERT_TRUE(ack);
    EXPECT_EQ(ack->type, AlertEventType::Acknowledged);
    EXPECT_FALSE(feed.engine.acknowledge(id, QStringLiteral("someone-else"), kT0 + 2 * kSecond))
        << "a second acknowledgement changes nothing";

    // The prediction moves 20 km within the island: updates to the same alert, still acknowledged.
    feed.send({feed.track("JP-SRC", "T1", kT0 + 5 * kSecond, Prediction {35.7, 135.6})});
    const Alert *alert = feed.engine.alert(id);
    ASSERT_NE(alert, nullptr);
    EXPECT_TRUE(alert->active);
    EXPECT_TRUE(alert->acknowledged);
    EXPECT_EQ(alert->acknowledgedBy, QStringLiteral("duty-officer"));
    EXPECT_EQ(alert->acknowledgedTimeUs, kT0 + kSecond);
    EXPECT_GE(alert->updateCount, 1u);
    EXPECT_NEAR(alert->position.latDeg, 35.7, 1e-9);
    EXPECT_EQ(feed.of(AlertKind::ImpactThreat, AlertEventType::Raised).size(), 2u)
        << "never duplicated";
}

TEST(AlertEngine, ImpactEndsTheThreatAndTheLaunch)
{
    Feed feed;
    feed.send({feed.track("JP-SRC", "T1", kT0, Prediction {35.5, 135.5})});
    feed.send({feed.track("US-SRC", "U1", kT0 + kSecond, Prediction {35.5, 135.5},
                          Nation::UnitedStates)});
    feed.send({feed.drop("JP-SRC", "T1", kT0 + 2 * kSecond, DropReason::Impacted)});
    EXPECT_TRUE(feed.of(AlertKind::ImpactThreat, AlertEventType::Cleared).empty())
        << "the US track still flies";
    feed.send({feed.drop("US-SRC", "U1", kT0 + 3 * kSecond, DropReason::Impacted)});
    const auto cleared = feed.of(AlertKind::ImpactThreat, AlertEventType::Cleared);
    ASSERT_EQ(cleared.size(), 2u);
    for (const AlertEvent &e : cleared)
        EXPECT_EQ(e.alert.ending, AlertEnding::Impact);
    const auto launchCleared = feed.of(AlertKind::LaunchDetected, AlertEventType::Cleared);
    ASSERT_EQ(launchCleared.size(), 1u);
    EXPECT_EQ(launchCleared[0].alert.ending, AlertEnding::Impact);
    EXPECT_EQ(feed.engine.activeCount(), 0u);
}

TEST(AlertEngine, PredictedImpactTimeLongPastEndsWithImpact)
{
    Feed feed;
    feed.send({feed.track("JP-SRC", "T1", kT0, Prediction {35.5, 135.5})});
    feed.tick(kT0 + 600 * kSecond + feed.engine.rules().impactGraceUs + kSecond);
    const auto cleared = feed.of(AlertKind::ImpactThreat, AlertEventType::Cleared);
    ASSERT_EQ(cleared.size(), 2u);
    EXPECT_EQ(cleared[0].alert.ending, AlertEnding::Impact);
}

TEST(AlertEngine, OverflightOfTerritoryOnTheWayToTheSea)
{
    Feed feed;
    // West of Testland, heading east to an impact in open sea far beyond the EEZ.
    feed.send({feed.track("JP-SRC", "T1", kT0, Prediction {35.5, 142.0}, Nation::Japan, kLaunchSite,
                          kT0, {35.5, 131.0, 500'000.0})});
    const auto over = feed.of(AlertKind::Overflight, AlertEventType::Raised);
    ASSERT_EQ(over.size(), 1u);
    EXPECT_EQ(over[0].alert.areaId, "territory:TL");
    EXPECT_TRUE(feed.of(AlertKind::ImpactThreat).empty());
}

// --- health: tracks, sensors, sources ---------------------------------------------------------

TEST(AlertEngine, StaleThenLostThenRecovered)
{
    Feed feed;
    feed.send({feed.track("JP-SRC", "T1", kT0, Prediction {30.0, 130.0})});
    EXPECT_TRUE(feed.tick(kT0 + 2 * kSecond).empty() || feed.of(AlertKind::TrackStale).empty());
    feed.tick(kT0 + 5 * kSecond);
    ASSERT_EQ(feed.of(AlertKind::TrackStale, AlertEventType::Raised).size(), 1u);
    feed.tick(kT0 + 40 * kSecond);
    const auto lost = feed.of(AlertKind::TrackLost, AlertEventType::Updated);
    ASSERT_EQ(lost.size(), 1u) << "the same alert escalates in place";
    EXPECT_EQ(lost[0].alert.id, feed.of(AlertKind::TrackStale, AlertEventType::Raised)[0].alert.id);
    feed.send({feed.track("JP-SRC", "T1", kT0 + 41 * kSecond, Prediction {30.0, 130.0})});
    const auto recovered = feed.of(AlertKind::TrackLost, AlertEventType::Cleared);
    ASSERT_EQ(recovered.size(), 1u);
    EXPECT_EQ(recovered[0].alert.ending, AlertEnding::Recovered);
}

TEST(AlertEngine, SourceSilentAfterThreeSecondsAndRecovered)
{
    Feed feed;
    FeedMessage heartbeat = feed.header("KR-SRC", Nation::Korea, kT0);
    heartbeat.body = Heartbeat {kT0, 1.0};
    feed.send({heartbeat});
    feed.tick(kT0 + 3 * kSecond);
    EXPECT_TRUE(feed.of(AlertKind::SourceSilent).empty()) << "3.0 s is not yet more than 3 s";
    feed.tick(kT0 + 3500 * kMicrosPerMillisecond);
    ASSERT_EQ(feed.of(AlertKind::SourceSilent, AlertEventType::Raised).size(), 1u);
    feed.tick(kT0 + 10 * kSecond);
    EXPECT_EQ(feed.of(AlertKind::SourceSilent).size(), 1u) << "no repeats while silent";
    FeedMessage again = feed.header("KR-SRC", Nation::Korea, kT0 + 11 * kSecond);
    again.body = Heartbeat {kT0 + 11 * kSecond, 1.0};
    feed.send({again});
    const auto cleared = feed.of(AlertKind::SourceSilent, AlertEventType::Cleared);
    ASSERT_EQ(cleared.size(), 1u);
    EXPECT_EQ(cleared[0].alert.ending, AlertEnding::Recovered);
    EXPECT_EQ(cleared[0].alert.sourceId, "KR-SRC");
}

struct SensorCase
{
    const char *name;
    std::vector<SensorState> states;
    std::vector<std::pair<AlertEventType, AlertKind>> expected;
};
void PrintTo(const SensorCase &c, std::ostream *os)
{
    *os << c.name;
}

class SensorHealth : public ::testing::TestWithParam<SensorCase>
{
};

TEST_P(SensorHealth, RaisesEscalatesAndRecovers)
{
    Feed feed;
    TimeUs t = kT0;
    for (const SensorState state : GetParam().states) {
        FeedMessage message = feed.header("JP-SRC", Nation::Japan, t);
        SensorStatus status;
        status.sensorId = "JP-FPS5-SADO";
        status.name = "FPS-5 Sado";
        status.site = {38.0, 138.4, 0.0};
        status.state = state;
        status.timeUs = t;
        message.body = status;
        feed.send({message});
        t += kSecond;
    }
    std::vector<std::pair<AlertEventType, AlertKind>> got;
    for (const AlertEvent &e : feed.all)
        got.emplace_back(e.type, e.alert.kind);
    EXPECT_EQ(got, GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SensorHealth,
    ::testing::Values(
        SensorCase {"HealthyStaysQuiet", {SensorState::Operational, SensorState::Operational}, {}},
        SensorCase {"DegradedThenRecovered",
                    {SensorState::Operational, SensorState::Degraded, SensorState::Degraded,
                     SensorState::Operational},
                    {{AlertEventType::Raised, AlertKind::SensorDegraded},
                     {AlertEventType::Cleared, AlertKind::SensorDegraded}}},
        SensorCase {"DegradedThenOffline",
                    {SensorState::Degraded, SensorState::Offline, SensorState::Operational},
                    {{AlertEventType::Raised, AlertKind::SensorDegraded},
                     {AlertEventType::Updated, AlertKind::SensorOffline},
                     {AlertEventType::Cleared, AlertKind::SensorOffline}}}),
    [](const auto &info) { return std::string(info.param.name); });

TEST(AlertEngine, SequenceGapRaisedAndRecovered)
{
    Feed feed;
    feed.send({feed.track("JP-SRC", "T1", kT0, std::nullopt)});
    feed.sequences["JP-SRC"] += 5; // five messages lost on the way
    feed.send({feed.track("JP-SRC", "T1", kT0 + kSecond, std::nullopt)});
    const auto gap = feed.of(AlertKind::SequenceGap, AlertEventType::Raised);
    ASSERT_EQ(gap.size(), 1u);
    EXPECT_TRUE(gap[0].alert.text.contains(QStringLiteral("5 messages missed")))
        << gap[0].alert.text.toStdString();
    for (int s = 2; s <= 32; ++s)
        feed.send({feed.track("JP-SRC", "T1", kT0 + s * kSecond, std::nullopt)});
    EXPECT_EQ(feed.of(AlertKind::SequenceGap, AlertEventType::Cleared).size(), 1u);
}

TEST(AlertEngine, NationalNoticeShownAsSentWithItsSource)
{
    Feed feed;
    FeedMessage message = feed.header("JP-JALERT", Nation::Japan, kT0);
    AlertNotice notice;
    notice.alertId = "N-1";
    notice.timeUs = kT0;
    notice.severity = AlertSeverity::Critical;
    notice.text = "Missile launch. Take shelter in a building or underground.";
    notice.areaName = "Hokkaido";
    notice.areaPolygon = {{42.0, 141.0, 0.0}, {44.0, 141.0, 0.0}, {44.0, 144.0, 0.0}};
    message.body = notice;
    feed.send({message});
    const auto raised = feed.of(AlertKind::NationalNotice, AlertEventType::Raised);
    ASSERT_EQ(raised.size(), 1u);
    EXPECT_EQ(raised[0].alert.text, QString::fromStdString(notice.text));
    EXPECT_EQ(raised[0].alert.severity, AlertSeverity::Critical);
    EXPECT_EQ(raised[0].alert.sourceId, "JP-JALERT");
    EXPECT_EQ(raised[0].alert.areaName, QStringLiteral("Hokkaido"));
    EXPECT_TRUE(raised[0].alert.hasPosition);
}

TEST(AlertEngine, SameMessagesGiveTheSameAlerts)
{
    // A replay must raise exactly what the live run raised.
    const auto run = [] {
        Feed feed;
        for (int s = 0; s < 30; ++s) {
            feed.send({feed.track("JP-SRC", "T1", kT0 + s * kSecond,
                                  Prediction {33.0 + 0.1 * s, 134.0, 5'000.0}),
                       feed.track("US-SRC", "U1", kT0 + s * kSecond,
                                  Prediction {35.5, 135.5 + 0.01 * s}, Nation::UnitedStates)});
        }
        feed.send({feed.drop("JP-SRC", "T1", kT0 + 31 * kSecond, DropReason::Impacted),
                   feed.drop("US-SRC", "U1", kT0 + 31 * kSecond, DropReason::Impacted)});
        QByteArray out;
        for (const AlertEvent &e : feed.all)
            out += alertEventToJsonLine(e) + '\n';
        return out;
    };
    const QByteArray first = run();
    EXPECT_FALSE(first.isEmpty());
    EXPECT_EQ(first, run());
}

TEST(AlertEngine, HistoryIsBounded)
{
    AlertRules rules;
    rules.maxAlerts = 50;
    Feed feed(rules);
    // 200 separate launches, each coming down at once.
    for (int i = 0; i < 200; ++i) {
        const TimeUs t = kT0 + i * 20 * kSecond;
        const std::string id = "T" + std::to_string(i);
        feed.send({feed.track("JP-SRC", id, t, std::nullopt, Nation::Japan, kLaunchSite, t)});
        feed.send({feed.drop("JP-SRC", id, t + kSecond, DropReason::Impacted)});
    }
    EXPECT_EQ(feed.of(AlertKind::LaunchDetected, AlertEventType::Raised).size(), 200u);
    EXPECT_LE(feed.engine.alerts().size(), 50u);
}

} // namespace
} // namespace cop
