// SPDX-License-Identifier: GPL-3.0-or-later
// Replaying a recorded session: the same decoded messages as live, with the recorded receive
// times, in time order, paced by the chosen speed; pause holds, a backward seek starts a new
// picture, and a damaged file ends the replay with a message instead of a crash.
#include "core/sessionwriter.h"
#include "net/protocol.h"
#include "net/sessionplayer.h"
#include "net/wireencoder.h"
#include "wiretestdata.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace cop::net {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr TimeUs kStepUs = 10 * kMicrosPerMillisecond;

// n track updates whose receive times are kStepUs apart, starting at the test epoch.
std::string recordSession(const QTemporaryDir &dir, int n)
{
    const std::string path = dir.filePath(QStringLiteral("replay.copsession")).toStdString();
    SessionWriter writer;
    EXPECT_TRUE(writer.open(path, {"cop-test", "1", "player test"}));
    WireEncoder encoder;
    std::string payload;
    for (int i = 0; i < n; ++i) {
        FeedMessage message = test::sampleTrackUpdate(static_cast<std::uint64_t>(i + 1));
        auto &track = std::get<TrackUpdate>(message.body);
        track.trackId = "JP-" + std::to_string(i % 5);
        track.timeUs = test::kTestEpochUs + i * kStepUs;
        message.header.sourceTimeUs = track.timeUs;
        message.header.receiveTimeUs = track.timeUs + 2 * kMicrosPerMillisecond;
        EXPECT_TRUE(encoder.encode(message, payload));
        writer.append(encoder.topic(message), payload, message.header, message.kind());
    }
    writer.close();
    return path;
}

// Takes batches until done() or the deadline; returns every message in order.
FeedBatch collect(SessionPlayer &player, std::chrono::milliseconds deadline,
                  const std::function<bool(const FeedBatch &)> &done)
{
    FeedBatch all;
    FeedBatch batch;
    const auto until = Clock::now() + deadline;
    while (Clock::now() < until && !done(all)) {
        if (player.takeBatch(batch) > 0)
            std::move(batch.begin(), batch.end(), std::back_inserter(all));
        std::this_thread::sleep_for(5ms);
    }
    return all;
}

TEST(SessionPlayer, ReplaysEveryMessageDecodedWithItsRecordedReceiveTime)
{
    QTemporaryDir dir;
    const std::string path = recordSession(dir, 400);
    PlayerOptions options;
    options.speed = SessionPlayer::kMaxSpeed;
    options.readWindowMessages = 64; // many windows
    SessionPlayer player(options);
    std::string error;
    ASSERT_TRUE(player.open(path, &error)) << error;
    EXPECT_EQ(player.info().messageCount, 400);
    player.start();
    const FeedBatch all = collect(player, 10s, [](const FeedBatch &b) { return b.size() >= 400; });
    ASSERT_EQ(all.size(), 400u);
    for (std::size_t i = 0; i < all.size(); ++i) {
        const auto &track = std::get<TrackUpdate>(all[i].body);
        EXPECT_EQ(all[i].header.sequence, i + 1);
        EXPECT_EQ(track.trackId, "JP-" + std::to_string(i % 5));
        EXPECT_EQ(all[i].header.receiveTimeUs,
                  test::kTestEpochUs + static_cast<TimeUs>(i) * kStepUs + 2'000);
    }
    std::this_thread::sleep_for(50ms);
    const PlayerState state = player.state();
    EXPECT_TRUE(state.atEnd);
    EXPECT_FALSE(state.playing) << "the replay stops at the end of the session";
    EXPECT_EQ(state.playheadUs, state.endUs);
    EXPECT_EQ(player.rejects().total(), 0u);
}

struct PaceCase
{
    const char *name;
    double speed;
    double expectedSeconds; // the session spans 1 s of receive time
};

class SessionPlayerPace : public ::testing::TestWithParam<PaceCase>
{
};

TEST_P(SessionPlayerPace, FollowsTheChosenSpeedOnTheMonotonicClock)
{
    const PaceCase &c = GetParam();
    QTemporaryDir dir;
    const std::string path = recordSession(dir, 101); // 1.00 s from first to last
    PlayerOptions options;
    options.speed = c.speed;
    SessionPlayer player(options);
    ASSERT_TRUE(player.open(path));
    const auto started = Clock::now();
    player.start();
    const FeedBatch all = collect(player, 10s, [](const FeedBatch &b) { return b.size() >= 101; });
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    ASSERT_EQ(all.size(), 101u);
    EXPECT_GT(seconds, c.expectedSeconds * 0.8) << "too fast";
    EXPECT_LT(seconds, c.expectedSeconds * 1.5 + 0.2) << "too slow";
}

INSTANTIATE_TEST_SUITE_P(Speeds, SessionPlayerPace,
                         ::testing::Values(PaceCase {"RealTime", 1.0, 1.0},
                                           PaceCase {"TwoTimes", 2.0, 0.5},
                                           PaceCase {"FiveTimes", 5.0, 0.2}),
                         [](const auto &info) { return std::string(info.param.name); });

TEST(SessionPlayer, PauseHoldsThePlayheadAndDeliversNothingMore)
{
    QTemporaryDir dir;
    const std::string path = recordSession(dir, 500); // 5 s
    SessionPlayer player;
    ASSERT_TRUE(player.open(path));
    player.start();
    std::this_thread::sleep_for(300ms);
    player.setPlaying(false);
    std::this_thread::sleep_for(50ms); // a tick to settle
    FeedBatch batch;
    std::size_t before = player.takeBatch(batch);
    const TimeUs held = player.state().playheadUs;
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(player.takeBatch(batch), 0u) << "paused, yet messages arrived";
    EXPECT_EQ(player.state().playheadUs, held);
    EXPECT_FALSE(player.state().playing);
    EXPECT_GT(before + player.messagesDelivered(), 0u);
    EXPECT_LT(player.messagesDelivered(), 100u) << "about 30 messages in 0.3 s at 1x";
}

TEST(SessionPlayer, BackwardSeekStartsANewGenerationAndReplaysUpToThePlayhead)
{
    QTemporaryDir dir;
    const std::string path = recordSession(dir, 300); // 3 s
    PlayerOptions options;
    options.playing = false;
    SessionPlayer player(options);
    ASSERT_TRUE(player.open(path));
    player.start();
    const PlayerState initial = player.state();

    // Forward: same generation, everything up to the new playhead arrives at once.
    player.seek(initial.startUs + 2 * kMicrosPerSecond);
    // The playhead is inclusive: messages 0..200 are at or before it.
    FeedBatch got = collect(player, 5s, [](const FeedBatch &b) { return b.size() >= 201; });
    EXPECT_EQ(got.size(), 201u);
    EXPECT_EQ(player.state().generation, initial.generation);

    // Backward: a new generation, and the picture as of the playhead, rebuilt by the player
    // from the start (this file has no snapshots: see test_seek.cpp for those).
    player.seek(initial.startUs + 500 * kMicrosPerMillisecond);
    EXPECT_EQ(player.state().generation, initial.generation + 1);
    FeedBatch batch;
    std::uint64_t generation = 0;
    std::unique_ptr<Picture> rebuilt;
    std::size_t count = 0;
    const auto until = Clock::now() + 5s;
    while (!rebuilt && Clock::now() < until) {
        count += player.takeBatch(batch, &generation, &rebuilt);
        std::this_thread::sleep_for(5ms);
    }
    ASSERT_TRUE(rebuilt);
    EXPECT_EQ(generation, initial.generation + 1);
    EXPECT_EQ(count, 0u) << "paused at the playhead: nothing after the rebuilt picture";
    EXPECT_EQ(rebuilt->messagesApplied(), 51u) << "every message up to the playhead";
    EXPECT_EQ(rebuilt->sources().at("JP-JADGE").lastSequence, 51u);
}

TEST(SessionPlayer, LoopsASelectedRange)
{
    QTemporaryDir dir;
    const std::string path = recordSession(dir, 300); // 3 s
    PlayerOptions options;
    options.speed = 5.0;
    SessionPlayer player(options);
    ASSERT_TRUE(player.open(path));
    player.start();
    const TimeUs startUs = player.state().startUs;
    const TimeUs loopStartUs = startUs + 1 * kMicrosPerSecond;
    const TimeUs loopEndUs = startUs + 1500 * kMicrosPerMillisecond;
    player.setLoop(loopStartUs, loopEndUs);
    EXPECT_TRUE(player.isLooping());
    const std::uint64_t generation = player.state().generation;
    FeedBatch batch;
    // 0.5 s of session at 5x is 100 ms: in a second, several rounds.
    const auto until = Clock::now() + 1s;
    while (Clock::now() < until) {
        player.takeBatch(batch);
        const PlayerState state = player.state();
        EXPECT_GE(state.playheadUs, loopStartUs);
        EXPECT_LE(state.playheadUs, loopEndUs + 200 * kMicrosPerMillisecond); // one tick late at most
        EXPECT_TRUE(state.playing);
        std::this_thread::sleep_for(10ms);
    }
    EXPECT_GE(player.state().generation, generation + 4) << "went round several times";
    player.clearLoop();
    EXPECT_FALSE(player.isLooping());
    const auto later = Clock::now() + 2s;
    while (Clock::now() < later && player.state().playheadUs < startUs + 2 * kMicrosPerSecond)
        std::this_thread::sleep_for(10ms);
    EXPECT_GE(player.state().playheadUs, startUs + 2 * kMicrosPerSecond) << "no longer looping";
}

TEST(SessionPlayer, SpeedIsClampedToTheSupportedRange)
{
    SessionPlayer player;
    player.setSpeed(1000.0);
    EXPECT_DOUBLE_EQ(player.state().speed, SessionPlayer::kMaxSpeed);
    player.setSpeed(0.0);
    EXPECT_DOUBLE_EQ(player.state().speed, SessionPlayer::kMinSpeed);
}

} // namespace
} // namespace cop::net
