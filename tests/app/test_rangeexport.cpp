// SPDX-License-Identifier: GPL-3.0-or-later
// A time range cut into a new session file: it opens with the reader, holds exactly the rows
// of the range (messages with their ids and bytes, alert events, operator actions, snapshots),
// says where it was cut from, and seeking in it shows the picture the original shows then.
#include "core/sessionformat.h"
#include "core/sessionrangeexport.h"
#include "core/sqlite.h"
#include "net/picturerebuild.h"
#include "app/rangeexport.h"
#include "app/sessiontrackhistory.h"
#include "net/wiredecoder.h"
#include "net/seektestsupport.h"

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <filesystem>
#include <tuple>

namespace cop::net {
namespace {

using namespace seektest;

sqlite::Database openRaw(const std::string &path)
{
    sqlite3 *raw = nullptr;
    EXPECT_EQ(sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
    return sqlite::Database(raw);
}

// Every row of a query, each as its columns' text, so two files compare with EXPECT_EQ.
std::vector<std::vector<std::string>> rows(const std::string &path, const std::string &sql)
{
    sqlite::Database db = openRaw(path);
    sqlite::Statement query(db.get(), sql);
    EXPECT_TRUE(query.isValid()) << sqlite::lastError(db.get());
    std::vector<std::vector<std::string>> all;
    while (query.step() == SQLITE_ROW) {
        std::vector<std::string> &row = all.emplace_back();
        for (int c = 0; c < sqlite3_column_count(query.get()); ++c)
            row.emplace_back(query.columnBlob(c));
    }
    return all;
}

std::int64_t count(const std::string &path, const std::string &sql)
{
    return std::stoll(rows(path, sql).at(0).at(0));
}

// Alert events and operator actions spread over the session, one of each outside the range
// on either side, and one action made while replaying (its playhead, not its time, counts).
void addAlertsAndActions(const std::string &path)
{
    sqlite::Database db = openRaw(path);
    for (int s = 5; s <= 85; s += 10) {
        const std::string t = std::to_string(kEpochUs + s * kMicrosPerSecond);
        ASSERT_TRUE(sqlite::execute(
            db.get(),
            ("INSERT INTO alert_events (time_us, alert_id, event, severity, detail) VALUES (" + t
             + ", '" + std::to_string(s) + "', 'raise', 'critical', '{\"text\":\"a, \\\"b\\\"\"}');"
             + "INSERT INTO operator_actions (time_us, playhead_time_us, action, operator, "
               "alert_id,"
               " note) VALUES ("
             + t + ", NULL, 'acknowledge', 'op', '" + std::to_string(s) + "', NULL);")
                .c_str()));
    }
    const std::string replayedAt = std::to_string(kEpochUs + 40 * kMicrosPerSecond);
    ASSERT_TRUE(sqlite::execute(db.get(),
                                ("INSERT INTO operator_actions (time_us, playhead_time_us, action, "
                                 "operator, alert_id, note)"
                                 " VALUES ("
                                 + std::to_string(kEpochUs + 3600 * kMicrosPerSecond) + ", "
                                 + replayedAt + ", 'bookmark', 'analyst', NULL, 'second launch');")
                                    .c_str()));
}

TEST(RangeExport, HoldsExactlyTheRowsOfTheRangeAndSeeksLikeTheOriginal)
{
    QTemporaryDir dir;
    const std::string original = recordSession(dir, "original.copsession", kMicrosPerSecond);
    addAlertsAndActions(original);
    const std::string cut = dir.filePath(QStringLiteral("cut.copsession")).toStdString();
    // Not on a message: the first message of the range is received a little after fromUs.
    const TimeUs fromUs = kEpochUs + 20 * kMicrosPerSecond + 100'000;
    const TimeUs toUs = kEpochUs + 60 * kMicrosPerSecond + 3'000; // exactly on messages

    SessionRangeExportRequest request;
    request.sourcePath = original;
    request.outputPath = cut;
    request.fromUs = fromUs;
    request.toUs = toUs;
    request.application = "cop-test";
    request.applicationVersion = "1";
    const SessionRangeExportResult result = exportSessionRangeFile(request);
    ASSERT_TRUE(result.ok) << result.error;
    EXPECT_FALSE(std::filesystem::exists(cut + ".exporting"));
    EXPECT_FALSE(std::filesystem::exists(cut + "-wal"));

    // Exactly the messages of [from, to], byte for byte with their ids.
    const std::string range = std::to_string(fromUs) + " AND " + std::to_string(toUs);
    const std::string messages = "SELECT id, receive_time_us, source_time_us, kind, nation,"
                                 " source_id, sequence, topic, payload FROM messages";
    const auto expected
        = rows(original, messages + " WHERE receive_time_us BETWEEN " + range + " ORDER BY id");
    ASSERT_GT(expected.size(), 1000u);
    EXPECT_EQ(rows(cut, messages + " ORDER BY id"), expected);
    EXPECT_EQ(result.messages, static_cast<std::int64_t>(expected.size()));
    // Messages exactly at toUs are in; the one just after is not.
    EXPECT_GT(
        count(cut, "SELECT count(*) FROM messages WHERE receive_time_us = " + std::to_string(toUs)),
        0);

    // Alert events and operator actions of the range: 25, 35, 45, 55 s, and the bookmark
    // made in a replay at 40 s.
    EXPECT_EQ(result.alertEvents, 4);
    EXPECT_EQ(result.operatorActions, 5);
    EXPECT_EQ(
        rows(cut,
             "SELECT time_us, alert_id, event, severity, detail FROM alert_events ORDER BY id"),
        rows(original,
             "SELECT time_us, alert_id, event, severity, detail FROM alert_events"
             " WHERE time_us BETWEEN "
                 + range + " ORDER BY id"));
    EXPECT_EQ(count(cut,
                    "SELECT count(*) FROM operator_actions WHERE action = 'bookmark'"
                    " AND note = 'second launch'"),
              1);

    // Snapshots: the original's inside the range, plus one for the start.
    const auto originalSnapshots = rows(original,
                                        "SELECT time_us, last_message_id, data FROM snapshots"
                                        " WHERE time_us BETWEEN "
                                            + range + " ORDER BY id");
    auto cutSnapshots
        = rows(cut, "SELECT time_us, last_message_id, data FROM snapshots ORDER BY id");
    ASSERT_EQ(cutSnapshots.size(), originalSnapshots.size() + 1);
    EXPECT_EQ(result.snapshots, static_cast<std::int64_t>(cutSnapshots.size()));
    EXPECT_LT(std::stoll(cutSnapshots.front()[0]), fromUs);
    cutSnapshots.erase(cutSnapshots.begin());
    EXPECT_EQ(cutSnapshots, originalSnapshots);

    // The reader opens it and it says where it comes from.
    SessionReader reader;
    std::string error;
    ASSERT_TRUE(reader.open(cut, &error)) << error;
    EXPECT_TRUE(reader.warnings().empty());
    EXPECT_TRUE(reader.info().closedCleanly);
    EXPECT_EQ(reader.info().formatVersion, kSessionFormatVersion);
    EXPECT_EQ(reader.info().messageCount, static_cast<std::int64_t>(expected.size()));
    EXPECT_EQ(reader.info().firstReceiveTimeUs, std::stoll(expected.front()[1]));
    EXPECT_EQ(reader.info().lastReceiveTimeUs, toUs);
    const auto &metadata = reader.info().metadata;
    EXPECT_EQ(metadata.at(sessionkey::kExportedFrom), "original.copsession");
    EXPECT_EQ(metadata.at(sessionkey::kExportedRangeStartUs), std::to_string(fromUs));
    EXPECT_EQ(metadata.at(sessionkey::kExportedRangeEndUs), std::to_string(toUs));
    EXPECT_EQ(metadata.at(sessionkey::kScenario), "seek test");
    EXPECT_EQ(metadata.at(sessionkey::kStartTimeUs), expected.front()[1]);

    // Seeking in the cut shows the original's picture: at its first message, before and after
    // the first copied snapshot, across JP's restart, at its end.
    SessionReader originalReader;
    ASSERT_TRUE(originalReader.open(original, &error)) << error;
    const TimeUs firstSnapshotUs = std::stoll(originalSnapshots.front()[0]);
    const TimeUs restartReceiveUs = kEpochUs + kRestartUs + 3 * kMicrosPerMillisecond;
    WireDecoder decoder;
    for (const TimeUs timeUs :
         {reader.info().firstReceiveTimeUs, reader.info().firstReceiveTimeUs + 1,
          firstSnapshotUs - 1, firstSnapshotUs, firstSnapshotUs + 300'000, restartReceiveUs,
          restartReceiveUs + 1, toUs}) {
        SCOPED_TRACE("at +" + std::to_string(timeUs - kEpochUs) + " us");
        Picture reference;
        buildFromStart(originalReader, timeUs, reference);
        Picture rebuilt;
        const PictureRebuild rebuild = rebuildPictureAt(reader, decoder, timeUs, rebuilt);
        EXPECT_TRUE(rebuild.error.empty()) << rebuild.error;
        EXPECT_TRUE(rebuild.warning.empty()) << rebuild.warning;
        // Always from a snapshot: never an empty picture missing what came before the range.
        EXPECT_TRUE(rebuild.fromSnapshot);
        ASSERT_GT(reference.tracks().size(), 0u);
        expectSamePicture(reference, rebuilt, timeUs, 16);
    }
}

TEST(RangeExport, RangeFromTheStartNeedsNoStartSnapshot)
{
    QTemporaryDir dir;
    const std::string original = recordSession(dir, "original.copsession", kMicrosPerSecond);
    SessionRangeExportRequest request;
    request.sourcePath = original;
    request.outputPath = dir.filePath(QStringLiteral("head.copsession")).toStdString();
    request.fromUs = kEpochUs - kMicrosPerSecond;
    request.toUs = kEpochUs + 10 * kMicrosPerSecond;
    const SessionRangeExportResult result = exportSessionRangeFile(request);
    ASSERT_TRUE(result.ok) << result.error;
    EXPECT_EQ(count(request.outputPath,
                    "SELECT count(*) FROM snapshots WHERE time_us < " + std::to_string(kEpochUs)),
              0);
    EXPECT_EQ(result.messages,
              count(original,
                    "SELECT count(*) FROM messages WHERE receive_time_us <= "
                        + std::to_string(request.toUs)));
}

TEST(RangeExport, RefusesBadRequestsWithAClearMessageAndLeavesNoFile)
{
    QTemporaryDir dir;
    const std::string original = recordSession(dir, "original.copsession", kMicrosPerSecond);
    const std::string out = dir.filePath(QStringLiteral("out.copsession")).toStdString();
    const auto attempt
        = [&](TimeUs fromUs, TimeUs toUs, const std::string &path, bool replace = false) {
              SessionRangeExportRequest request;
              request.sourcePath = original;
              request.outputPath = path;
              request.fromUs = fromUs;
              request.toUs = toUs;
              request.replaceExisting = replace;
              return exportSessionRangeFile(request);
          };
    const struct
    {
        TimeUs fromUs;
        TimeUs toUs;
        std::string path;
        std::string says;
    } cases[] = {
        {kEpochUs + 30 * kMicrosPerSecond, kEpochUs + 20 * kMicrosPerSecond, out,
         "start before it ends"},
        {kEpochUs + 200 * kMicrosPerSecond, kEpochUs + 300 * kMicrosPerSecond, out,
         "no message was received"},
        {kEpochUs, kEpochUs + kMicrosPerSecond, original, "already exists"},
        {kEpochUs, kEpochUs + kMicrosPerSecond, "", "no output file"},
    };
    for (const auto &c : cases) {
        const SessionRangeExportResult result = attempt(c.fromUs, c.toUs, c.path);
        EXPECT_FALSE(result.ok);
        EXPECT_NE(result.error.find(c.says), std::string::npos) << result.error;
    }
    EXPECT_FALSE(std::filesystem::exists(out));
    EXPECT_FALSE(std::filesystem::exists(out + ".exporting"));
    // Told to replace, it still never replaces the session it reads.
    const SessionRangeExportResult self
        = attempt(kEpochUs, kEpochUs + kMicrosPerSecond, original, true);
    EXPECT_FALSE(self.ok);
    EXPECT_NE(self.error.find("cannot replace the session"), std::string::npos) << self.error;
    // A missing session.
    SessionRangeExportRequest missing;
    missing.sourcePath = dir.filePath(QStringLiteral("none.copsession")).toStdString();
    missing.outputPath = out;
    missing.fromUs = 0;
    missing.toUs = 1;
    EXPECT_NE(exportSessionRangeFile(missing).error.find("does not exist"), std::string::npos);
}

} // namespace
} // namespace cop::net

namespace cop::net {
namespace {

using namespace seektest;

TEST(SessionTrackHistory, ReadsEveryStateOfTheChosenTracksInOrder)
{
    QTemporaryDir dir;
    const std::string path = recordSession(dir, "tracks.copsession", kMicrosPerSecond);
    SessionReader reader;
    std::string error;
    ASSERT_TRUE(reader.open(path, &error)) << error;

    // Every track: 3 sources × 9 tracks, each a run of 4 Hz states.
    const std::vector<TrackHistory> all = readTrackHistories(reader, {}, &error);
    EXPECT_TRUE(error.empty()) << error;
    EXPECT_EQ(all.size(), 27u);
    std::size_t states = 0;
    for (const TrackHistory &history : all) {
        states += history.states.size();
        for (std::size_t i = 1; i < history.states.size(); ++i)
            EXPECT_LT(history.states[i - 1].timeUs, history.states[i].timeUs);
    }
    sqlite3 *raw = nullptr;
    ASSERT_EQ(sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite::Database db(raw);
    sqlite::Statement count(db.get(), "SELECT count(*) FROM messages WHERE kind = 'track'");
    ASSERT_EQ(count.step(), SQLITE_ROW);
    EXPECT_EQ(static_cast<std::int64_t>(states), count.columnInt64(0));

    // One track by source and id, one by id alone; the states are the recorded ones.
    TrackSelection selection;
    selection.keys = {{"KR-KAMD", "KR-3"}, {"", "JP-0"}};
    const std::vector<TrackHistory> chosen = readTrackHistories(reader, selection, &error);
    ASSERT_EQ(chosen.size(), 2u);
    EXPECT_EQ(chosen[0].key, (TrackKey {"JP-JADGE", "JP-0"})); // first seen first
    EXPECT_EQ(chosen[0].nation, Nation::Japan);
    EXPECT_EQ(chosen[1].key, (TrackKey {"KR-KAMD", "KR-3"}));
    // JP-0 flies from 0 s for 40 s at 4 Hz; its drop is not a state.
    EXPECT_EQ(chosen[0].states.size(), 160u);
    EXPECT_EQ(chosen[0].states.front().timeUs, kEpochUs);
    EXPECT_DOUBLE_EQ(chosen[0].states[8].position.altitudeM, 2000.0); // 2 s in
    EXPECT_DOUBLE_EQ(chosen[0].states[8].position.lonDeg, 127.04);
}

} // namespace
} // namespace cop::net
