// SPDX-License-Identifier: GPL-3.0-or-later
// The Picture answers "what did the feed say as of time T".
#include "core/picture.h"

#include <gtest/gtest.h>

namespace cop {

void PrintTo(const TrackKey &key, std::ostream *os)
{
    *os << key.sourceId << "/" << key.trackId;
}

namespace {

constexpr TimeUs kT0 = 1'700'000'000'000'000; // 2023-11-14T22:13:20Z
constexpr TimeUs kSecond = kMicrosPerSecond;

FeedMessage trackAt(const std::string &source, std::uint64_t sequence, const std::string &trackId,
                    TimeUs timeUs, double latDeg)
{
    TrackUpdate update;
    update.trackId = trackId;
    update.timeUs = timeUs;
    update.position = {latDeg, 130.0, 100'000.0};
    update.phase = TrackPhase::Midcourse;
    return {{source, Nation::Japan, sequence, timeUs, timeUs + 1000}, std::move(update)};
}

FeedMessage dropAt(const std::string &source, std::uint64_t sequence, const std::string &trackId, TimeUs timeUs)
{
    return {{source, Nation::Japan, sequence, timeUs, timeUs}, TrackDrop{trackId, timeUs, DropReason::Impacted}};
}

struct AsOfCase
{
    const char *name;
    TimeUs queryUs;
    std::size_t expectedTracks;
    double expectedLatOfA; // NaN when track A should be absent
};

class PictureAsOf : public ::testing::TestWithParam<AsOfCase>
{
protected:
    void SetUp() override
    {
        // Track A: updates at t0, t0+1 s, t0+2 s (latitude 30, 31, 32); dropped at t0+10 s.
        // Track B: appears at t0+5 s.
        picture.applyBatch({trackAt("JP", 1, "A", kT0, 30.0), trackAt("JP", 2, "A", kT0 + kSecond, 31.0)});
        picture.applyBatch({trackAt("JP", 3, "A", kT0 + 2 * kSecond, 32.0),
                            trackAt("JP", 4, "B", kT0 + 5 * kSecond, 40.0),
                            dropAt("JP", 5, "A", kT0 + 10 * kSecond)});
    }
    Picture picture;
};

TEST_P(PictureAsOf, ReturnsTheStateValidAtThatTime)
{
    const AsOfCase &c = GetParam();
    EXPECT_EQ(picture.trackCountAt(c.queryUs), c.expectedTracks);
    double latOfA = std::numeric_limits<double>::quiet_NaN();
    picture.forEachTrackAt(c.queryUs, [&](const TrackRecord &record, const TrackUpdate &state) {
        if (record.key.trackId == "A")
            latOfA = state.position.latDeg;
    });
    if (std::isnan(c.expectedLatOfA))
        EXPECT_TRUE(std::isnan(latOfA)) << "track A should not exist then";
    else
        EXPECT_DOUBLE_EQ(latOfA, c.expectedLatOfA);
}

INSTANTIATE_TEST_SUITE_P(
    Times, PictureAsOf,
    ::testing::Values(AsOfCase{"BeforeAnything", kT0 - 1, 0, std::nan("")},
                      AsOfCase{"AtFirstUpdate", kT0, 1, 30.0},
                      AsOfCase{"BetweenUpdates", kT0 + kSecond + kSecond / 2, 1, 31.0},
                      AsOfCase{"BothAlive", kT0 + 6 * kSecond, 2, 32.0},
                      AsOfCase{"AtDrop", kT0 + 10 * kSecond, 1, std::nan("")},
                      AsOfCase{"Live", kTimeLive, 1, std::nan("")}),
    [](const auto &info) { return std::string(info.param.name); });

TEST(Picture, ReportsChangedTracksOncePerBatch)
{
    Picture picture;
    const PictureChange change = picture.applyBatch(
        {trackAt("JP", 1, "A", kT0, 30.0), trackAt("JP", 2, "A", kT0 + 1, 30.1), trackAt("US", 1, "A", kT0, 30.2)});
    EXPECT_EQ(change.messagesApplied, 3u);
    ASSERT_EQ(change.tracksChanged.size(), 2u) << "same id from two sources are two tracks";
    EXPECT_EQ(change.tracksChanged[0]->key, (TrackKey{"JP", "A"}));
    EXPECT_EQ(change.tracksChanged[1]->key, (TrackKey{"US", "A"}));
    EXPECT_TRUE(change.sourcesChanged);
    EXPECT_FALSE(change.sensorsChanged);
}

TEST(Picture, LateMessageIsInsertedInTimeOrderNotLost)
{
    Picture picture;
    picture.applyBatch({trackAt("JP", 1, "A", kT0, 30.0), trackAt("JP", 2, "A", kT0 + 2 * kSecond, 32.0)});
    picture.applyBatch({trackAt("JP", 3, "A", kT0 + kSecond, 31.0)});
    const TrackRecord *record = picture.track({"JP", "A"});
    ASSERT_NE(record, nullptr);
    ASSERT_EQ(record->history.size(), 3u);
    EXPECT_DOUBLE_EQ(record->stateAt(kT0 + kSecond)->position.latDeg, 31.0);
    EXPECT_DOUBLE_EQ(record->latest().position.latDeg, 32.0);
}

TEST(Picture, HistoryIsBounded)
{
    PictureLimits limits;
    limits.maxStatesPerTrack = 50;
    Picture picture(limits);
    FeedBatch batch;
    for (int i = 0; i < 500; ++i)
        batch.push_back(trackAt("JP", static_cast<std::uint64_t>(i + 1), "A", kT0 + i * kSecond, 30.0 + i * 0.01));
    picture.applyBatch(batch);
    const TrackRecord *record = picture.track({"JP", "A"});
    ASSERT_NE(record, nullptr);
    EXPECT_EQ(record->history.size(), 50u);
    EXPECT_EQ(record->firstTimeUs(), kT0 + 450 * kSecond);
}

struct SequenceCase
{
    const char *name;
    std::vector<std::uint64_t> sequences;
    std::uint64_t gaps, missed, outOfOrder, restarts;
};

class SourceSequences : public ::testing::TestWithParam<SequenceCase>
{
};

TEST_P(SourceSequences, AreAccountedFor)
{
    Picture picture;
    FeedBatch batch;
    TimeUs timeUs = kT0;
    for (std::uint64_t sequence : GetParam().sequences) {
        // Reordered and duplicated messages carry the time they were sent; the rest are new.
        const bool late = !batch.empty() && sequence <= batch.back().header.sequence && sequence > 1
                          && std::string(GetParam().name) != "RestartedAndFirstMessagesLost";
        if (!late)
            timeUs += kSecond;
        batch.push_back({{"KR-KAMD", Nation::Korea, sequence, late ? timeUs - kSecond : timeUs, timeUs},
                         Heartbeat{timeUs, 1.0}});
    }
    picture.applyBatch(batch);
    const SourceRecord &source = picture.sources().at("KR-KAMD");
    EXPECT_EQ(source.gapCount, GetParam().gaps);
    EXPECT_EQ(source.missedMessages, GetParam().missed);
    EXPECT_EQ(source.outOfOrderCount, GetParam().outOfOrder);
    EXPECT_EQ(source.restartCount, GetParam().restarts);
    EXPECT_EQ(source.messageCount, GetParam().sequences.size());
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SourceSequences,
    ::testing::Values(SequenceCase{"InOrder", {1, 2, 3, 4}, 0, 0, 0, 0},
                      SequenceCase{"OneGap", {1, 2, 5, 6}, 1, 2, 0, 0},
                      SequenceCase{"TwoGaps", {1, 3, 4, 10}, 2, 6, 0, 0},
                      SequenceCase{"Duplicate", {1, 2, 2, 3}, 0, 0, 1, 0},
                      SequenceCase{"Reordered", {1, 2, 4, 3, 5}, 1, 1, 1, 0},
                      SequenceCase{"PublisherRestarted", {1, 2, 3, 1, 2}, 0, 0, 0, 1},
                      SequenceCase{"RestartedAndFirstMessagesLost", {1000, 1001, 41, 42, 44}, 2, 41, 0, 1},
                      SequenceCase{"LateJoiner", {500, 501, 502}, 0, 0, 0, 0}),
    [](const auto &info) { return std::string(info.param.name); });

TEST(Picture, SensorsAsOfTime)
{
    Picture picture;
    SensorStatus status;
    status.sensorId = "JP-FPS5-SADO";
    status.state = SensorState::Operational;
    status.timeUs = kT0;
    FeedBatch batch{{{"JP", Nation::Japan, 1, kT0, kT0}, status}};
    status.state = SensorState::Degraded;
    status.timeUs = kT0 + 60 * kSecond;
    batch.push_back({{"JP", Nation::Japan, 2, kT0 + 60 * kSecond, kT0 + 60 * kSecond}, status});
    const PictureChange change = picture.applyBatch(batch);
    EXPECT_TRUE(change.sensorsChanged);
    SensorState seen = SensorState::Unknown;
    picture.forEachSensorAt(kT0 + 30 * kSecond, [&](const SensorRecord &, const SensorStatus &s) { seen = s.state; });
    EXPECT_EQ(seen, SensorState::Operational);
    picture.forEachSensorAt(kTimeLive, [&](const SensorRecord &, const SensorStatus &s) { seen = s.state; });
    EXPECT_EQ(seen, SensorState::Degraded);
    EXPECT_EQ(picture.sensor("JP-FPS5-SADO")->nation, Nation::Japan) << "the reporting source's nation";
}

TEST(Picture, HeartbeatStatesTheSourceRate)
{
    Picture picture;
    picture.applyBatch({{{"KR-KAMD", Nation::Korea, 1, kT0, kT0}, Heartbeat{kT0, 2.0}},
                        {{"KR-KAMD", Nation::Korea, 2, kT0 + kSecond, kT0 + kSecond}, Heartbeat{kT0 + kSecond, 0.0}}});
    EXPECT_DOUBLE_EQ(picture.sources().at("KR-KAMD").nominalUpdateRateHz, 2.0) << "0 means not stated";
}

TEST(Picture, OneSourceClockFarAheadDoesNotPruneOthers)
{
    PictureLimits limits;
    limits.droppedTrackRetentionUs = 60 * kSecond;
    Picture picture(limits);
    picture.applyBatch({trackAt("JP", 1, "A", kT0, 30.0), dropAt("JP", 2, "A", kT0 + kSecond),
                        trackAt("US", 1, "B", kT0 + 3600 * kSecond, 31.0)});
    EXPECT_EQ(picture.pruneDroppedTracks(), 0u);
    EXPECT_NE(picture.track({"JP", "A"}), nullptr);
}

TEST(Picture, AbandonedTracksArePrunedByReceiveTime)
{
    PictureLimits limits;
    limits.droppedTrackRetentionUs = 60 * kSecond;
    Picture picture(limits);
    // JP's track is never dropped; JP falls silent while US carries on for two minutes.
    picture.applyBatch({trackAt("JP", 1, "A", kT0, 30.0), trackAt("US", 1, "B", kT0, 31.0),
                        trackAt("US", 2, "B", kT0 + 120 * kSecond, 31.1)});
    EXPECT_EQ(picture.pruneDroppedTracks(), 1u);
    EXPECT_EQ(picture.track({"JP", "A"}), nullptr);
    EXPECT_NE(picture.track({"US", "B"}), nullptr);
}

TEST(Picture, TracksPerSourceAreCapped)
{
    PictureLimits limits;
    limits.maxTracksPerSource = 3;
    Picture picture(limits);
    FeedBatch batch;
    for (int i = 0; i < 5; ++i)
        batch.push_back(trackAt("JP", static_cast<std::uint64_t>(i + 1), "T" + std::to_string(i), kT0, 30.0));
    picture.applyBatch(batch);
    EXPECT_EQ(picture.tracks().size(), 3u);
    EXPECT_EQ(picture.sources().at("JP").tracksRefused, 2u);
}

TEST(Picture, PrunesLongDroppedTracksOnly)
{
    PictureLimits limits;
    limits.droppedTrackRetentionUs = 60 * kSecond;
    Picture picture(limits);
    picture.applyBatch({trackAt("JP", 1, "OLD", kT0, 30.0), dropAt("JP", 2, "OLD", kT0 + kSecond),
                        trackAt("JP", 3, "NEW", kT0 + 120 * kSecond, 31.0)});
    EXPECT_EQ(picture.pruneDroppedTracks(), 1u);
    EXPECT_EQ(picture.track({"JP", "OLD"}), nullptr);
    EXPECT_NE(picture.track({"JP", "NEW"}), nullptr);
    EXPECT_EQ(picture.tracks().size(), 1u);
}

} // namespace
} // namespace cop
