// SPDX-License-Identifier: GPL-3.0-or-later
// Per-source feed health: state, rate, latency percentiles, clock skew, flooding.
#include "core/feedhealth.h"

#include <gtest/gtest.h>

namespace cop {

void PrintTo(SourceHealthState state, std::ostream *os)
{
    *os << sourceHealthStateName(state).toStdString();
}

namespace {

constexpr TimeUs kT0 = 1'700'000'000'000'000; // 2023-11-14T22:13:20Z, a whole second
constexpr TimeUs kSecond = kMicrosPerSecond;
constexpr TimeUs kMs = kMicrosPerMillisecond;

FeedMessage heartbeat(const std::string &source, Nation nation, std::uint64_t sequence, TimeUs sourceUs,
                      TimeUs receiveUs)
{
    return {{source, nation, sequence, sourceUs, receiveUs}, Heartbeat{sourceUs, 1.0}};
}

// Feeds picture and health the same batch, as the pipeline does.
struct Feed
{
    Picture picture;
    FeedHealth health;
    std::uint64_t sequence = 0;

    explicit Feed(FeedHealthRules rules = {})
        : health(rules)
    {
    }
    void apply(const FeedBatch &batch)
    {
        picture.applyBatch(batch);
        health.observe(batch);
    }
    // count messages from source spread evenly over the second starting at secondUs, each with
    // the given latency.
    void second(const std::string &source, TimeUs secondUs, int count, TimeUs latencyUs,
                Nation nation = Nation::Japan)
    {
        FeedBatch batch;
        for (int i = 0; i < count; ++i) {
            const TimeUs receiveUs = secondUs + i * (kSecond / count);
            batch.push_back(heartbeat(source, nation, ++sequence, receiveUs - latencyUs, receiveUs));
        }
        apply(batch);
    }
    SourceHealth of(const std::string &source, TimeUs nowUs) const
    {
        return health.health(picture.sources().at(source), nowUs);
    }
};

TEST(NearestRankPercentile, MatchesTheDefinition)
{
    std::vector<TimeUs> values;
    for (TimeUs v = 100; v >= 1; --v) // reversed, so order does not help
        values.push_back(v);
    EXPECT_EQ(nearestRankPercentile(values, 0.5), 50);
    EXPECT_EQ(nearestRankPercentile(values, 0.95), 95);
    EXPECT_EQ(nearestRankPercentile(values, 1.0), 100);
    std::vector<TimeUs> one{7};
    EXPECT_EQ(nearestRankPercentile(one, 0.5), 7);
    EXPECT_EQ(nearestRankPercentile(one, 0.95), 7);
    std::vector<TimeUs> none;
    EXPECT_EQ(nearestRankPercentile(none, 0.5), kTimeUnset);
}

struct StateCase
{
    const char *name;
    TimeUs quietUs;      // since the last message
    TimeUs latencyUs;    // of every message
    SourceHealthState expected;
};

void PrintTo(const StateCase &c, std::ostream *os)
{
    *os << c.name;
}

class FeedHealthState : public ::testing::TestWithParam<StateCase>
{
};

TEST_P(FeedHealthState, FollowsQuietTimeAndLatency)
{
    const StateCase &c = GetParam();
    Feed feed;
    feed.second("JP-1", kT0, 10, c.latencyUs);
    const TimeUs lastUs = kT0 + 9 * (kSecond / 10);
    const SourceHealth health = feed.of("JP-1", lastUs + c.quietUs);
    EXPECT_EQ(health.state, c.expected);
    EXPECT_EQ(health.quietUs, c.quietUs);
    EXPECT_EQ(feed.health.silentSources(feed.picture, lastUs + c.quietUs).count("JP-1"),
              c.expected == SourceHealthState::Silent ? 1u : 0u);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, FeedHealthState,
    ::testing::Values(StateCase{"JustHeard", 0, 50 * kMs, SourceHealthState::Live},
                      StateCase{"QuietOneAndAHalfSeconds", 1'500 * kMs, 50 * kMs, SourceHealthState::Live},
                      StateCase{"HeartbeatMissed", 1'501 * kMs, 50 * kMs, SourceHealthState::Stale},
                      StateCase{"QuietThreeSeconds", 3 * kSecond, 50 * kMs, SourceHealthState::Stale},
                      StateCase{"QuietBeyondThreeSeconds", 3 * kSecond + 1, 50 * kMs, SourceHealthState::Silent},
                      StateCase{"TalkingButLate", 0, 2'500 * kMs, SourceHealthState::Stale},
                      StateCase{"LateAndQuiet", 4 * kSecond, 2'500 * kMs, SourceHealthState::Silent}),
    [](const auto &info) { return std::string(info.param.name); });

TEST(FeedHealth, SilenceThresholdIsTheAlertRulesAndStatusBars)
{
    EXPECT_EQ(FeedHealthRules{}.silentAfterUs, kSourceSilentAfterUs);
    EXPECT_EQ(kSourceSilentAfterUs, 3 * kSecond);
}

TEST(FeedHealth, RateIsCountedOverCompletedSecondsOfTheWindow)
{
    Feed feed; // 5 s window
    // 10, 20, 30, 40, 50, 60 messages in six consecutive seconds.
    for (int s = 0; s < 6; ++s)
        feed.second("JP-1", kT0 + s * kSecond, 10 * (s + 1), 0);
    // During second 0 nothing is complete yet.
    EXPECT_DOUBLE_EQ(feed.of("JP-1", kT0 + 500 * kMs).rateHz, 0.0);
    // In second 2: seconds 0 and 1 complete, heard for two seconds: (10 + 20) / 2.
    EXPECT_DOUBLE_EQ(feed.of("JP-1", kT0 + 2 * kSecond + 10 * kMs).rateHz, 15.0);
    // In second 6: seconds 1..5: (20 + 30 + 40 + 50 + 60) / 5.
    EXPECT_DOUBLE_EQ(feed.of("JP-1", kT0 + 6 * kSecond + 999 * kMs).rateHz, 40.0);
    // In second 9: seconds 4..8, of which 6..8 were empty: (50 + 60) / 5.
    EXPECT_DOUBLE_EQ(feed.of("JP-1", kT0 + 9 * kSecond).rateHz, 22.0);
    // Long after: nothing in the window.
    EXPECT_DOUBLE_EQ(feed.of("JP-1", kT0 + 60 * kSecond).rateHz, 0.0);
}

TEST(FeedHealth, LatencyMedianAndPercentileOverTheWindow)
{
    Feed feed;
    // 100 messages with latencies 1..100 ms, in one second.
    FeedBatch batch;
    for (int i = 1; i <= 100; ++i) {
        const TimeUs receiveUs = kT0 + i * 10 * kMs;
        batch.push_back(heartbeat("KR-1", Nation::Korea, static_cast<std::uint64_t>(i), receiveUs - i * kMs, receiveUs));
    }
    feed.apply(batch);
    const SourceHealth health = feed.of("KR-1", kT0 + 2 * kSecond);
    EXPECT_EQ(health.latencySampleCount, 100u);
    EXPECT_EQ(health.latencyMedianUs, 50 * kMs);
    EXPECT_EQ(health.latencyP95Us, 95 * kMs);
    EXPECT_EQ(health.latencyMinUs, 1 * kMs);
    EXPECT_EQ(health.clockSkew, ClockSkew::None);
    // 10 s window: 11 s after the last sample, none is left.
    const SourceHealth later = feed.of("KR-1", kT0 + kSecond + 11 * kSecond);
    EXPECT_EQ(later.latencySampleCount, 0u);
    EXPECT_EQ(later.latencyMedianUs, kTimeUnset);
}

TEST(FeedHealth, LatencySamplesAreBounded)
{
    FeedHealthRules rules;
    rules.latencySamples = 10;
    Feed feed(rules);
    // 20 messages: latencies 1..10 ms, then 101..110 ms. Only the newest ten count.
    FeedBatch batch;
    for (int i = 1; i <= 20; ++i) {
        const TimeUs latencyUs = (i <= 10 ? i : 90 + i) * kMs;
        const TimeUs receiveUs = kT0 + i * kMs;
        batch.push_back(heartbeat("JP-1", Nation::Japan, static_cast<std::uint64_t>(i), receiveUs - latencyUs, receiveUs));
    }
    feed.apply(batch);
    const SourceHealth health = feed.of("JP-1", kT0 + kSecond);
    EXPECT_EQ(health.latencySampleCount, 10u);
    EXPECT_EQ(health.latencyMinUs, 101 * kMs);
    EXPECT_EQ(health.latencyMedianUs, 105 * kMs);
    EXPECT_EQ(health.latencyP95Us, 110 * kMs);
}

struct SkewCase
{
    const char *name;
    TimeUs latencyUs;
    ClockSkew expected;
};

void PrintTo(const SkewCase &c, std::ostream *os)
{
    *os << c.name;
}

class FeedHealthSkew : public ::testing::TestWithParam<SkewCase>
{
};

TEST_P(FeedHealthSkew, IsJudgedFromTheLatency)
{
    Feed feed;
    feed.second("US-1", kT0, 20, GetParam().latencyUs, Nation::UnitedStates);
    EXPECT_EQ(feed.of("US-1", kT0 + kSecond).clockSkew, GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, FeedHealthSkew,
    ::testing::Values(SkewCase{"Ordinary", 40 * kMs, ClockSkew::None},
                      SkewCase{"SlightlyNegativeIsNtpError", -200 * kMs, ClockSkew::None},
                      SkewCase{"AheadBeyondThreshold", -400 * kMs, ClockSkew::Ahead},
                      SkewCase{"ConstantOffsetBehind", 5 * kSecond, ClockSkew::Behind}),
    [](const auto &info) { return std::string(info.param.name); });

TEST(FeedHealth, OneLateMessageIsNotASkew)
{
    Feed feed;
    feed.second("US-1", kT0, 20, 30 * kMs, Nation::UnitedStates);
    feed.apply({heartbeat("US-1", Nation::UnitedStates, 100, kT0 + kSecond - 9 * kSecond, kT0 + kSecond)});
    EXPECT_EQ(feed.of("US-1", kT0 + 2 * kSecond).clockSkew, ClockSkew::None);
}

TEST(FeedHealth, FloodIsFlaggedAboveTheThreshold)
{
    FeedHealthRules rules;
    rules.floodRateHz = 100.0;
    Feed feed(rules);
    for (int s = 0; s < 5; ++s) {
        feed.second("JP-1", kT0 + s * kSecond, 10, 0);
        feed.second("KR-1", kT0 + s * kSecond, 500, 0, Nation::Korea);
    }
    const SourceHealth normal = feed.of("JP-1", kT0 + 5 * kSecond);
    const SourceHealth flood = feed.of("KR-1", kT0 + 5 * kSecond);
    EXPECT_DOUBLE_EQ(normal.rateHz, 10.0);
    EXPECT_FALSE(normal.flooding);
    EXPECT_DOUBLE_EQ(flood.rateHz, 500.0);
    EXPECT_TRUE(flood.flooding);
}

TEST(FeedHealth, SequenceAccountingComesFromThePicture)
{
    Feed feed;
    // 1, 2, 5 (gap of two), then a restart at 1.
    feed.apply({heartbeat("JP-1", Nation::Japan, 1, kT0, kT0), heartbeat("JP-1", Nation::Japan, 2, kT0 + 1, kT0 + 1),
                heartbeat("JP-1", Nation::Japan, 5, kT0 + 2, kT0 + 2),
                heartbeat("JP-1", Nation::Japan, 1, kT0 + 3, kT0 + 3)});
    const SourceHealth health = feed.of("JP-1", kT0 + 10);
    EXPECT_EQ(health.messageCount, 4u);
    EXPECT_EQ(health.gapCount, 1u);
    EXPECT_EQ(health.missedMessages, 2u);
    EXPECT_EQ(health.restartCount, 1u);
    EXPECT_EQ(health.lastGapReceiveTimeUs, kT0 + 2);
}

TEST(FeedHealth, RejectionsCountOnlyForKnownSources)
{
    Feed feed;
    feed.health.noteRejected("JP-1", 3); // not heard yet: not attributed
    feed.second("JP-1", kT0, 1, 0);
    feed.health.noteRejected("JP-1", 2);
    feed.health.noteRejected("INVENTED", 5);
    EXPECT_EQ(feed.of("JP-1", kT0).rejectedCount, 2u);
    feed.apply({heartbeat("INVENTED", Nation::Korea, 1, kT0, kT0)});
    EXPECT_EQ(feed.of("INVENTED", kT0).rejectedCount, 0u);
}

TEST(FeedHealth, SnapshotIsSortedByNationThenSource)
{
    Feed feed;
    feed.second("KR-1", kT0, 1, 0, Nation::Korea);
    feed.second("JP-2", kT0, 1, 0, Nation::Japan);
    feed.second("US-1", kT0, 1, 0, Nation::UnitedStates);
    feed.second("JP-1", kT0, 1, 0, Nation::Japan);
    const auto snapshot = feed.health.snapshot(feed.picture, kT0 + kSecond);
    ASSERT_EQ(snapshot.size(), 4u);
    EXPECT_EQ(snapshot[0].sourceId, "JP-1");
    EXPECT_EQ(snapshot[1].sourceId, "JP-2");
    EXPECT_EQ(snapshot[2].sourceId, "US-1");
    EXPECT_EQ(snapshot[3].sourceId, "KR-1");
}

TEST(FeedHealth, ClearForgetsEverything)
{
    Feed feed;
    feed.second("JP-1", kT0, 10, 0);
    feed.health.clear();
    const SourceHealth health = feed.of("JP-1", kT0 + 2 * kSecond);
    EXPECT_DOUBLE_EQ(health.rateHz, 0.0);
    EXPECT_EQ(health.latencySampleCount, 0u);
}

} // namespace
} // namespace cop
