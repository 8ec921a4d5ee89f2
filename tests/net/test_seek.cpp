// SPDX-License-Identifier: GPL-3.0-or-later
// Fast seeking: the picture rebuilt from the nearest snapshot plus the messages after it is the
// picture built from the start of the session — every track field, every source's sequence
// accounting, sensors and national alert notices — at times just before, at and just after a
// snapshot and across a source's sequence restart. A version 1 file (no snapshots) still seeks,
// from the start, and the player hands a seek's rebuilt picture over before any message.
#include "core/picturesnapshot.h"
#include "core/sessionwriter.h"
#include "core/sqlite.h"
#include "net/picturerebuild.h"
#include "net/sessionplayer.h"
#include "net/wiredecoder.h"
#include "net/wireencoder.h"
#include "seektestsupport.h"
#include "wiretestdata.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace cop::net {
namespace {

using namespace std::chrono_literals;
using namespace seektest;

TEST(Seek, SnapshotPlusReplayEqualsThePictureBuiltFromTheStart)
{
    QTemporaryDir dir;
    std::int64_t written = 0;
    const std::string path = recordSession(dir, "seek.copsession", kMicrosPerSecond, &written);
    const std::vector<TimeUs> snapshots = snapshotTimes(path);
    // About one a second over 90 s of receive time.
    ASSERT_GE(snapshots.size(), 80u);
    EXPECT_EQ(static_cast<std::int64_t>(snapshots.size()), written);

    SessionReader reader;
    std::string error;
    ASSERT_TRUE(reader.open(path, &error)) << error;
    EXPECT_EQ(reader.info().formatVersion, 2);
    const TimeUs restartReceiveUs = kEpochUs + kRestartUs + 3 * kMicrosPerMillisecond;
    const TimeUs snapshot = snapshots[20];
    const TimeUs afterRestart
        = *std::upper_bound(snapshots.begin(), snapshots.end(), restartReceiveUs);
    const std::vector<TimeUs> times = {
        snapshot - 1, snapshot, snapshot + 1, snapshot + 250'000,
        restartReceiveUs - 1, restartReceiveUs, restartReceiveUs + 1,
        afterRestart - 1, afterRestart, afterRestart + 1,
        snapshots.front() - 1, // before the first snapshot: from the start
        reader.info().lastReceiveTimeUs,
    };
    WireDecoder decoder;
    for (const TimeUs timeUs : times) {
        SCOPED_TRACE("at +" + std::to_string(timeUs - kEpochUs) + " us");
        Picture reference;
        buildFromStart(reader, timeUs, reference);
        Picture rebuilt;
        const PictureRebuild rebuild = rebuildPictureAt(reader, decoder, timeUs, rebuilt);
        EXPECT_TRUE(rebuild.error.empty()) << rebuild.error;
        EXPECT_TRUE(rebuild.warning.empty()) << rebuild.warning;
        EXPECT_EQ(rebuild.fromSnapshot, timeUs >= snapshots.front());
        if (rebuild.fromSnapshot) {
            EXPECT_LE(rebuild.snapshotTimeUs, timeUs);
            // Only the messages since the snapshot were replayed, not the session.
            EXPECT_LT(rebuild.messagesReplayed, 200u);
        }
        ASSERT_GT(reference.tracks().size(), 0u);
        expectSamePicture(reference, rebuilt, timeUs, 16);
    }
    // The restart is in the accounting of the pictures compared after it.
    Picture after;
    rebuildPictureAt(reader, decoder, afterRestart + 1, after);
    EXPECT_EQ(after.sources().at("JP-JADGE").restartCount, 1u);
    EXPECT_EQ(after.sources().at("US-C2BMC").gapCount, 1u);
    EXPECT_EQ(after.sources().at("US-C2BMC").missedMessages, 17u);
}

TEST(Seek, FileWithoutSnapshotsSeeksFromTheStart)
{
    QTemporaryDir dir;
    const std::string path = recordSession(dir, "plain.copsession", 0);
    EXPECT_TRUE(snapshotTimes(path).empty());
    {
        // As a version 1 file says it is.
        sqlite3 *raw = nullptr;
        ASSERT_EQ(sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
        sqlite::Database db(raw);
        ASSERT_TRUE(sqlite::execute(db.get(), "PRAGMA user_version=1"));
    }
    SessionReader reader;
    std::string error;
    ASSERT_TRUE(reader.open(path, &error)) << error;
    EXPECT_EQ(reader.info().formatVersion, 1);
    const TimeUs timeUs = kEpochUs + 60 * kMicrosPerSecond;
    Picture reference;
    buildFromStart(reader, timeUs, reference);
    Picture rebuilt;
    WireDecoder decoder;
    const PictureRebuild rebuild = rebuildPictureAt(reader, decoder, timeUs, rebuilt);
    EXPECT_FALSE(rebuild.fromSnapshot);
    EXPECT_EQ(rebuild.messagesReplayed, reference.messagesApplied());
    expectSamePicture(reference, rebuilt, timeUs, 1024);
}

TEST(Seek, CorruptSnapshotFallsBackToTheStartWithAWarning)
{
    QTemporaryDir dir;
    const std::string path = recordSession(dir, "corrupt.copsession", 2 * kMicrosPerSecond);
    {
        sqlite3 *raw = nullptr;
        ASSERT_EQ(sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
        sqlite::Database db(raw);
        ASSERT_TRUE(sqlite::execute(db.get(), "UPDATE snapshots SET data = substr(data, 1, 100)"));
    }
    SessionReader reader;
    ASSERT_TRUE(reader.open(path));
    const TimeUs timeUs = kEpochUs + 50 * kMicrosPerSecond;
    Picture reference;
    buildFromStart(reader, timeUs, reference);
    Picture rebuilt;
    WireDecoder decoder;
    const PictureRebuild rebuild = rebuildPictureAt(reader, decoder, timeUs, rebuilt);
    EXPECT_FALSE(rebuild.fromSnapshot);
    EXPECT_NE(rebuild.warning.find("truncated"), std::string::npos) << rebuild.warning;
    expectSamePicture(reference, rebuilt, timeUs, 1024);
}

TEST(Seek, PlayerHandsTheRebuiltPictureOverBeforeAnyMessage)
{
    QTemporaryDir dir;
    const std::string path = recordSession(dir, "player.copsession", kMicrosPerSecond);
    PlayerOptions options;
    options.playing = false;
    SessionPlayer player(options);
    ASSERT_TRUE(player.open(path));
    player.start();
    const TimeUs targetUs = kEpochUs + 70 * kMicrosPerSecond + 100'000;
    player.seek(targetUs);
    std::unique_ptr<Picture> rebuilt;
    FeedBatch batch;
    std::uint64_t generation = 0;
    const auto until = std::chrono::steady_clock::now() + 10s;
    while (!rebuilt && std::chrono::steady_clock::now() < until) {
        player.takeBatch(batch, &generation, &rebuilt);
        std::this_thread::sleep_for(2ms);
    }
    ASSERT_TRUE(rebuilt);
    EXPECT_EQ(generation, player.state().generation);
    EXPECT_EQ(player.seeksFromSnapshot(), 1u);
    SessionReader reader;
    ASSERT_TRUE(reader.open(path));
    Picture reference;
    buildFromStart(reader, targetUs, reference);
    expectSamePicture(reference, *rebuilt, targetUs, 16);
}

TEST(PictureSnapshot, RefusesTruncatedForeignAndNewerData)
{
    Picture picture;
    FeedBatch batch = {test::sampleTrackUpdate(1), test::sampleSensorStatus(2),
                       test::sampleAlertNotice(3)};
    picture.applyBatch(batch);
    const std::string data = PictureSnapshot::encode(picture);
    Picture restored;
    std::string error;
    ASSERT_TRUE(PictureSnapshot::decode(data, restored, &error)) << error;
    EXPECT_EQ(restored.tracks().size(), 1u);
    for (std::size_t cut : {std::size_t(0), std::size_t(3), std::size_t(9), data.size() / 2,
                            data.size() - 1}) {
        EXPECT_FALSE(PictureSnapshot::decode(data.substr(0, cut), restored, &error)) << cut;
        EXPECT_TRUE(restored.tracks().empty());
    }
    EXPECT_FALSE(PictureSnapshot::decode(data + "x", restored, &error));
    EXPECT_NE(error.find("trailing"), std::string::npos);
    std::string newer = data;
    newer[4] = 2;
    EXPECT_FALSE(PictureSnapshot::decode(newer, restored, &error));
    EXPECT_NE(error.find("newer"), std::string::npos);
    EXPECT_FALSE(PictureSnapshot::decode("SQLite format 3", restored, &error));
    // Garbage everywhere after the header: a clear refusal, never a crash or a huge allocation.
    for (std::size_t at = 8; at < data.size(); at += 7) {
        std::string bad = data;
        bad[at] = static_cast<char>(0xFF);
        Picture target;
        PictureSnapshot::decode(bad, target, &error);
    }
}

} // namespace
} // namespace cop::net
