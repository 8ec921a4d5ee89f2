// SPDX-License-Identifier: GPL-3.0-or-later
// The session file on disk: what is written reads back byte for byte and in time order; bad
// files of every kind are refused with a clear message or read as far as they are good; and a
// recorder killed with SIGKILL leaves a file that opens, missing at most its last commit window.
#include "core/picture.h"
#include "core/sessionformat.h"
#include "core/sessionreader.h"
#include "core/sessionwriter.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace cop {
namespace {

constexpr TimeUs kEpochUs = 1'689'123'600'000'000; // 2023-07-12T01:00:00Z
const char *const kSources[] = {"JP-JADGE", "US-C2BMC", "KR-KAMD"};
const Nation kNations[] = {Nation::Japan, Nation::UnitedStates, Nation::Korea};

struct TestMessage
{
    std::string topic;
    std::string payload;
    MessageHeader header;
    MessageKind kind = MessageKind::TrackUpdate;
};

// Payloads are arbitrary bytes, NULs included: the store keeps them raw.
TestMessage makeMessage(int i, TimeUs receiveTimeUs)
{
    TestMessage m;
    const int source = i % 3;
    m.kind = static_cast<MessageKind>(i % kMessageKindCount);
    m.header.sourceId = kSources[source];
    m.header.nation = kNations[source];
    m.header.sequence = static_cast<std::uint64_t>(i / 3 + 1);
    m.header.sourceTimeUs = receiveTimeUs - 1'500;
    m.header.receiveTimeUs = receiveTimeUs;
    m.topic = std::string(messageKindTopicWord(m.kind)) + "."
        + std::string(nationCode(m.header.nation)) + "." + m.header.sourceId;
    m.payload = std::string("\x0a\x00\xff", 3) + std::to_string(i)
        + std::string(static_cast<std::size_t>(i % 97), 'p');
    return m;
}

std::string readAllPayloads(SessionReader &reader, std::vector<std::int64_t> *ids = nullptr)
{
    std::string all;
    reader.read({}, kTimeLive, 1'000'000'000, [&](const StoredMessage &m) {
        all.append(m.payload).append("|");
        if (ids)
            ids->push_back(m.id);
    });
    return all;
}

class SessionFile : public ::testing::Test
{
protected:
    void SetUp() override { ASSERT_TRUE(m_dir.isValid()); }
    std::string path(const char *name) const
    {
        return m_dir.filePath(QString::fromLatin1(name)).toStdString();
    }

public:
    // Records n messages a millisecond apart, plus one operator action and one alert event.
    std::vector<TestMessage> record(const std::string &file, int n)
    {
        std::vector<TestMessage> written;
        SessionWriter writer;
        std::string error;
        EXPECT_TRUE(writer.open(file, {"cop-test", "9.8.7", "unit test scenario"}, &error))
            << error;
        for (int i = 0; i < n; ++i) {
            written.push_back(makeMessage(i, kEpochUs + i * kMicrosPerMillisecond));
            const TestMessage &m = written.back();
            EXPECT_TRUE(writer.append(m.topic, m.payload, m.header, m.kind));
        }
        writer.appendOperatorAction(
            {kEpochUs + 5, kEpochUs + 1, "bookmark", "analyst", "", "impact inside the EEZ"});
        writer.appendAlertRecord({kEpochUs + 7, "A-1", "raised", "critical", R"({"id":"A-1"})"});
        writer.close();
        EXPECT_EQ(writer.counters().messagesWritten.load(), static_cast<std::uint64_t>(n));
        EXPECT_EQ(writer.counters().writeErrors.load(), 0u) << writer.lastError();
        return written;
    }

protected:
    QTemporaryDir m_dir;
};

TEST_F(SessionFile, RoundTripKeepsEveryFieldAndTheMetadata)
{
    const std::string file = path("round.copsession");
    const auto written = record(file, 500);

    SessionReader reader;
    std::string error;
    ASSERT_TRUE(reader.open(file, &error)) << error;
    EXPECT_TRUE(reader.warnings().empty());
    const SessionInfo &info = reader.info();
    EXPECT_EQ(info.formatVersion, kSessionFormatVersion);
    EXPECT_TRUE(info.closedCleanly);
    EXPECT_EQ(info.metadata.at(sessionkey::kFormat), kSessionFormatName);
    EXPECT_EQ(info.metadata.at(sessionkey::kApplication), "cop-test");
    EXPECT_EQ(info.metadata.at(sessionkey::kApplicationVersion), "9.8.7");
    EXPECT_EQ(info.metadata.at(sessionkey::kScenario), "unit test scenario");
    EXPECT_EQ(info.metadata.at(sessionkey::kStartTimeUs), std::to_string(kEpochUs));
    EXPECT_EQ(info.metadata.at(sessionkey::kEndTimeUs),
              std::to_string(kEpochUs + 499 * kMicrosPerMillisecond));
    EXPECT_EQ(info.firstReceiveTimeUs, kEpochUs);
    EXPECT_EQ(info.lastReceiveTimeUs, kEpochUs + 499 * kMicrosPerMillisecond);
    EXPECT_EQ(info.messageCount, 500);
    ASSERT_EQ(info.sources.size(), 3u);
    EXPECT_EQ(info.sources[0].sourceId, "JP-JADGE");
    EXPECT_EQ(info.sources[0].nation, "JP");
    EXPECT_EQ(info.sources[0].messageCount, 167);
    EXPECT_EQ(info.sources[0].firstReceiveTimeUs, kEpochUs);

    std::size_t i = 0;
    const SessionReadResult result
        = reader.read({}, kTimeLive, 100'000, [&](const StoredMessage &m) {
              ASSERT_LT(i, written.size());
              const TestMessage &w = written[i++];
              EXPECT_EQ(m.topic, w.topic);
              EXPECT_EQ(m.payload, w.payload);
              EXPECT_EQ(m.sourceId, w.header.sourceId);
              EXPECT_EQ(m.nation, nationCode(w.header.nation));
              EXPECT_EQ(m.kind, messageKindTopicWord(w.kind));
              EXPECT_EQ(static_cast<std::uint64_t>(m.sequence), w.header.sequence);
              EXPECT_EQ(m.sourceTimeUs, w.header.sourceTimeUs);
              EXPECT_EQ(m.receiveTimeUs, w.header.receiveTimeUs);
          });
    EXPECT_EQ(result.count, 500u);
    EXPECT_FALSE(result.damaged) << result.error;
    EXPECT_TRUE(result.error.empty()) << result.error;

    // Operator actions and alert events sit in their own tables, readable with plain SQL.
    sqlite3 *db = nullptr;
    ASSERT_EQ(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite::Database owner(db);
    sqlite::Statement actions(
        db, "SELECT action, operator, note, playhead_time_us, alert_id FROM operator_actions");
    ASSERT_EQ(actions.step(), SQLITE_ROW);
    EXPECT_EQ(actions.columnText(0), "bookmark");
    EXPECT_EQ(actions.columnText(1), "analyst");
    EXPECT_EQ(actions.columnText(2), "impact inside the EEZ");
    EXPECT_EQ(actions.columnInt64(3), kEpochUs + 1);
    EXPECT_TRUE(actions.columnIsNull(4));
    sqlite::Statement alerts(db, "SELECT alert_id, event, severity, detail FROM alert_events");
    ASSERT_EQ(alerts.step(), SQLITE_ROW);
    EXPECT_EQ(alerts.columnText(0), "A-1");
    EXPECT_EQ(alerts.columnText(1), "raised");
    sqlite::Statement readable(db, "SELECT received_utc, kind FROM messages_readable WHERE id = 1");
    ASSERT_EQ(readable.step(), SQLITE_ROW);
    EXPECT_EQ(readable.columnText(0), "2023-07-12T01:00:00.000Z");
    EXPECT_EQ(readable.columnText(1), "track");
}

struct WindowCase
{
    const char *name;
    TimeUs afterOffsetMs; // -1: from the start
    TimeUs endOffsetMs;
    std::size_t maxMessages;
    std::size_t expectedCount;
    int expectedFirst; // index of the first message visited
};

void PrintTo(const WindowCase &c, std::ostream *os)
{
    *os << c.name;
}

class SessionWindow : public SessionFile, public ::testing::WithParamInterface<WindowCase>
{
};

TEST_P(SessionWindow, ReadsTheRightMessagesInTimeOrder)
{
    const WindowCase &c = GetParam();
    const std::string file = path("window.copsession");
    record(file, 100);
    SessionReader reader;
    std::string error;
    ASSERT_TRUE(reader.open(file, &error)) << error;
    SessionPosition after;
    if (c.afterOffsetMs >= 0)
        after = {kEpochUs + c.afterOffsetMs * kMicrosPerMillisecond, c.afterOffsetMs + 1};
    std::vector<TimeUs> times;
    const auto result
        = reader.read(after, kEpochUs + c.endOffsetMs * kMicrosPerMillisecond, c.maxMessages,
                      [&](const StoredMessage &m) { times.push_back(m.receiveTimeUs); });
    EXPECT_EQ(result.count, c.expectedCount);
    ASSERT_EQ(times.size(), c.expectedCount);
    if (!times.empty()) {
        EXPECT_EQ(times.front(), kEpochUs + c.expectedFirst * kMicrosPerMillisecond);
        EXPECT_EQ(result.last.receiveTimeUs, times.back());
    }
    EXPECT_TRUE(std::is_sorted(times.begin(), times.end()));
}

INSTANTIATE_TEST_SUITE_P(Windows, SessionWindow,
                         ::testing::Values(WindowCase {"Everything", -1, 1000, 1000, 100, 0},
                                           WindowCase {"FirstTen", -1, 10, 1000, 10, 0},
                                           WindowCase {"CappedByCount", -1, 1000, 7, 7, 0},
                                           WindowCase {"AfterAPosition", 49, 60, 1000, 10, 50},
                                           WindowCase {"EmptyRange", 49, 50, 1000, 0, 0},
                                           WindowCase {"PastTheEnd", 99, 1000, 1000, 0, 0}),
                         [](const auto &info) { return std::string(info.param.name); });

TEST_F(SessionFile, PagedReadsEqualOneReadAndOutOfOrderArrivalsComeBackInTimeOrder)
{
    const std::string file = path("paged.copsession");
    {
        SessionWriter writer;
        ASSERT_TRUE(writer.open(file, {"cop-test", "1", ""}));
        // Receive times step back now and then (a wall clock corrected by NTP): reading is by
        // time, ties by arrival.
        for (int i = 0; i < 300; ++i) {
            const TimeUs t = kEpochUs + ((i * 37) % 101) * kMicrosPerMillisecond;
            const TestMessage m = makeMessage(i, t);
            ASSERT_TRUE(writer.append(m.topic, m.payload, m.header, m.kind));
        }
    }
    SessionReader reader;
    ASSERT_TRUE(reader.open(file));
    std::vector<std::int64_t> oneRead;
    const std::string all = readAllPayloads(reader, &oneRead);

    std::vector<std::int64_t> paged;
    std::vector<TimeUs> times;
    SessionPosition at;
    for (;;) {
        const auto result = reader.read(at, kTimeLive, 7, [&](const StoredMessage &m) {
            paged.push_back(m.id);
            times.push_back(m.receiveTimeUs);
        });
        if (result.count == 0)
            break;
        at = result.last;
    }
    EXPECT_EQ(paged, oneRead);
    EXPECT_EQ(paged.size(), 300u);
    EXPECT_TRUE(std::is_sorted(times.begin(), times.end()));
}

TEST_F(SessionFile, WriterRefusesToOverwriteAndReportsUnwritablePaths)
{
    const std::string existing = path("existing.copsession");
    std::ofstream(existing) << "keep me";
    SessionWriter writer;
    std::string error;
    EXPECT_FALSE(writer.open(existing, {}, &error));
    EXPECT_NE(error.find("already exists"), std::string::npos) << error;
    std::ifstream in(existing);
    std::string kept;
    std::getline(in, kept);
    EXPECT_EQ(kept, "keep me");

    EXPECT_FALSE(writer.open(path("no/such/dir/x.copsession"), {}, &error));
    EXPECT_NE(error.find("cannot create"), std::string::npos) << error;
    EXPECT_FALSE(writer.isOpen());
}

TEST_F(SessionFile, FullQueueDropsAndCountsInsteadOfBlockingTheFeed)
{
    SessionWriterOptions options;
    options.maxQueuedMessages = 10;
    options.commitIntervalMs = 60'000; // nothing leaves the queue during the test
    options.eagerCommitMessages = 1'000;
    SessionWriter writer(options);
    ASSERT_TRUE(writer.open(path("full.copsession"), {}));
    int accepted = 0;
    for (int i = 0; i < 15; ++i) {
        const TestMessage m = makeMessage(i, kEpochUs + i);
        accepted += writer.append(m.topic, m.payload, m.header, m.kind) ? 1 : 0;
    }
    EXPECT_EQ(accepted, 10);
    EXPECT_EQ(writer.counters().messagesDropped.load(), 5u);
    writer.close(); // commits what was queued
    EXPECT_EQ(writer.counters().messagesWritten.load(), 10u);
}

TEST_F(SessionFile, CommitsWhileRecordingSoAnotherReaderSeesTheMessages)
{
    const std::string file = path("live.copsession");
    SessionWriter writer;
    ASSERT_TRUE(writer.open(file, {}));
    for (int i = 0; i < 50; ++i) {
        const TestMessage m = makeMessage(i, kEpochUs + i);
        writer.append(m.topic, m.payload, m.header, m.kind);
    }
    // Within a few commit intervals the messages are on disk, before any close.
    SessionReader reader;
    std::size_t seen = 0;
    for (int attempt = 0; attempt < 50 && seen < 50; ++attempt) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        std::string error;
        ASSERT_TRUE(reader.open(file, &error)) << error;
        seen = reader.read({}, kTimeLive, 1000, [](const StoredMessage &) {}).count;
        EXPECT_FALSE(reader.info().closedCleanly);
        reader.close();
    }
    EXPECT_EQ(seen, 50u);
}

TEST_F(SessionFile, RotationSplitsALongSessionIntoCompleteLinkedParts)
{
    SessionWriterOptions options;
    options.eagerCommitMessages = 100;
    options.rotateAfterUs = 250 * kMicrosPerMillisecond; // of receive time per part
    SessionWriter writer(options);
    const std::string first = path("watch.copsession");
    ASSERT_TRUE(writer.open(first, {"cop-test", "1", "rotation"}));
    for (int chunk = 0; chunk < 10; ++chunk) {
        for (int i = chunk * 100; i < (chunk + 1) * 100; ++i) {
            const TestMessage m = makeMessage(i, kEpochUs + i * kMicrosPerMillisecond);
            ASSERT_TRUE(writer.append(m.topic, m.payload, m.header, m.kind));
        }
        // One commit per chunk, so the parts fall where the test expects them.
        for (int wait = 0; wait < 500
             && writer.counters().messagesWritten.load() < std::uint64_t(chunk + 1) * 100;
             ++wait)
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    writer.close();
    EXPECT_EQ(writer.counters().writeErrors.load(), 0u) << writer.lastError();
    ASSERT_EQ(writer.files(), 4); // 300 + 300 + 300 + 100 messages

    const std::vector<std::string> parts
        = {first, path("watch-part2.copsession"), path("watch-part3.copsession"),
           path("watch-part4.copsession")};
    std::size_t total = 0;
    TimeUs previousLastUs = kTimeUnset;
    for (std::size_t part = 0; part < parts.size(); ++part) {
        SCOPED_TRACE(parts[part]);
        SessionReader reader;
        std::string error;
        ASSERT_TRUE(reader.open(parts[part], &error)) << error;
        const SessionInfo &info = reader.info();
        EXPECT_TRUE(info.closedCleanly);
        EXPECT_EQ(info.metadata.at(sessionkey::kPart), std::to_string(part + 1));
        EXPECT_EQ(info.metadata.at(sessionkey::kScenario), "rotation");
        if (part > 0) {
            EXPECT_EQ(info.metadata.at(sessionkey::kContinuesFrom),
                      std::filesystem::path(parts[part - 1]).filename().string());
            EXPECT_EQ(info.firstReceiveTimeUs, previousLastUs + kMicrosPerMillisecond)
                << "no gap, no overlap";
        }
        const std::size_t count
            = reader.read({}, kTimeLive, 100'000, [](const StoredMessage &) {}).count;
        EXPECT_EQ(count, part < 3 ? 300u : 100u);
        EXPECT_EQ(info.messageCount, static_cast<std::int64_t>(count));
        total += count;
        previousLastUs = info.lastReceiveTimeUs;
    }
    EXPECT_EQ(total, 1000u);
}

TEST_F(SessionFile, EventsForTheTimelineAreAlertsRaisedAndBookmarksInTimeOrder)
{
    const std::string file = path("events.copsession");
    {
        SessionWriter writer;
        ASSERT_TRUE(writer.open(file, {"cop-test", "1", "events"}));
        writer.appendAlertRecord({kEpochUs + 30, "2", "raise", "critical",
                                  R"({"event":"raise","text":"Impact predicted in Japan EEZ"})"});
        writer.appendAlertRecord({kEpochUs + 10, "1", "raise", "warning",
                                  R"({"event":"raise","text":"Launch detected"})"});
        writer.appendAlertRecord({kEpochUs + 40, "1", "update", "warning",
                                  R"({"event":"update","text":"Launch detected"})"});
        writer.appendOperatorAction(
            {kEpochUs + 50, kEpochUs + 20, "bookmark", "analyst", "", "entered the EEZ"});
        writer.appendOperatorAction({kEpochUs + 60, kTimeUnset, "acknowledge", "analyst", "2", ""});
    }
    SessionReader reader;
    ASSERT_TRUE(reader.open(file));
    const std::vector<SessionEvent> events = reader.readEvents();
    ASSERT_EQ(events.size(), 3u) << "raises and bookmarks only";
    EXPECT_EQ(events[0].timeUs, kEpochUs + 10);
    EXPECT_EQ(events[0].text, "Launch detected");
    EXPECT_EQ(events[0].severity, "warning");
    EXPECT_EQ(events[1].kind, SessionEvent::Kind::Bookmark);
    EXPECT_EQ(events[1].timeUs, kEpochUs + 20) << "a bookmark sits where the operator was looking";
    EXPECT_EQ(events[1].text, "entered the EEZ");
    EXPECT_EQ(events[2].kind, SessionEvent::Kind::Alert);
    EXPECT_EQ(events[2].severity, "critical");
    EXPECT_EQ(events[2].text, "Impact predicted in Japan EEZ");
}

TEST_F(SessionFile, ImpactsAreEventsOncePerMomentAndLaunchesSayTheirKind)
{
    const std::string file = path("impacts.copsession");
    {
        SessionWriter writer;
        ASSERT_TRUE(writer.open(file, {"cop-test", "1", "impacts"}));
        writer.appendAlertRecord({kEpochUs + 10, "1", "raise", "warning",
                                  R"({"event":"raise","kind":"launch-detected","text":"Launch"})"});
        // Two alerts about one missile end at its impact; a third ends for another reason.
        writer.appendAlertRecord({kEpochUs + 600'000'000, "1", "clear", "warning",
                                  R"({"event":"clear","kind":"launch-detected","ending":"impact","text":"Launch"})"});
        writer.appendAlertRecord({kEpochUs + 600'500'000, "2", "clear", "critical",
                                  R"({"event":"clear","kind":"impact-threat","ending":"impact","text":"Threat"})"});
        writer.appendAlertRecord({kEpochUs + 700'000'000, "3", "clear", "warning",
                                  R"({"event":"clear","kind":"track-stale","ending":"recovered","text":"Stale"})"});
    }
    SessionReader reader;
    ASSERT_TRUE(reader.open(file));
    const std::vector<SessionEvent> events = reader.readEvents();
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].kind, SessionEvent::Kind::Alert);
    EXPECT_EQ(events[0].alertKind, "launch-detected");
    EXPECT_EQ(events[1].kind, SessionEvent::Kind::Impact);
    EXPECT_EQ(events[1].timeUs, kEpochUs + 600'000'000);
    EXPECT_EQ(events[1].text, "impact: Launch");
}

// ---- bad files -------------------------------------------------------------------------

struct BadFileCase
{
    const char *name;
    std::function<void(const std::string &path, SessionFile &)> make;
    const char *expectedError; // a part of the message
};

void PrintTo(const BadFileCase &c, std::ostream *os)
{
    *os << c.name;
}

class BadSessionFile : public SessionFile, public ::testing::WithParamInterface<BadFileCase>
{
};

void writeBytes(const std::string &file, const std::string &bytes)
{
    std::ofstream(file, std::ios::binary) << bytes;
}

TEST_P(BadSessionFile, IsRefusedWithAClearMessage)
{
    const BadFileCase &c = GetParam();
    const std::string file = path("bad.copsession");
    c.make(file, *this);
    SessionReader reader;
    std::string error;
    EXPECT_FALSE(reader.open(file, &error));
    EXPECT_NE(error.find(c.expectedError), std::string::npos) << error;
    EXPECT_NE(error.find("bad.copsession"), std::string::npos) << "names the file: " << error;
    EXPECT_FALSE(reader.isOpen());
}

INSTANTIATE_TEST_SUITE_P(
    Files, BadSessionFile,
    ::testing::Values(
        BadFileCase {"Missing", [](const std::string &, SessionFile &) {}, "does not exist"},
        BadFileCase {"Empty", [](const std::string &f, SessionFile &) { writeBytes(f, ""); },
                     "is empty"},
        BadFileCase {
            "Text", [](const std::string &f, SessionFile &) { writeBytes(f, "time,track\n1,2\n"); },
            "not an SQLite database"},
        BadFileCase {"HeaderOnly",
                     [](const std::string &f, SessionFile &) {
                         writeBytes(f, std::string("SQLite format 3\0abc", 19));
                     },
                     "truncated"},
        BadFileCase {"GarbageAfterHeader",
                     [](const std::string &f, SessionFile &) {
                         std::string bytes("SQLite format 3\0", 16);
                         bytes.append(4096 * 2, '\x5a');
                         writeBytes(f, bytes);
                     },
                     "not a session file"},
        BadFileCase {"OtherApplication",
                     [](const std::string &f, SessionFile &) {
                         sqlite3 *db = nullptr;
                         sqlite3_open(f.c_str(), &db);
                         sqlite::execute(db,
                                         "CREATE TABLE photos (id INTEGER PRIMARY KEY, data BLOB);"
                                         "INSERT INTO photos (data) VALUES (x'00ff');");
                         sqlite3_close(db);
                     },
                     "another application"},
        BadFileCase {"NewerFormat",
                     [](const std::string &f, SessionFile &s) {
                         s.record(f, 3);
                         sqlite3 *db = nullptr;
                         sqlite3_open(f.c_str(), &db);
                         sqlite::execute(db, "PRAGMA user_version = 99");
                         sqlite3_close(db);
                     },
                     "newer COP Viewer"},
        BadFileCase {"NoMessagesTable",
                     [](const std::string &f, SessionFile &s) {
                         s.record(f, 3);
                         sqlite3 *db = nullptr;
                         sqlite3_open(f.c_str(), &db);
                         sqlite::execute(db, "DROP VIEW messages_readable; DROP TABLE messages");
                         sqlite3_close(db);
                     },
                     "damaged beyond reading"}),
    [](const auto &info) { return std::string(info.param.name); });

std::int64_t fileSize(const std::string &file)
{
    return static_cast<std::int64_t>(std::filesystem::file_size(file));
}

TEST_F(SessionFile, TruncatedFileOpensWithAWarningAndReadsWhatItCan)
{
    const std::string file = path("truncated.copsession");
    record(file, 5000);
    std::filesystem::resize_file(file, fileSize(file) * 6 / 10);

    SessionReader reader;
    std::string error;
    ASSERT_TRUE(reader.open(file, &error)) << error;
    ASSERT_FALSE(reader.warnings().empty());
    EXPECT_NE(reader.warnings().front().find("truncated"), std::string::npos)
        << reader.warnings().front();
    std::size_t visited = 0;
    SessionPosition at;
    SessionReadResult result;
    do { // as a replay would: window after window until the end or the damage
        result = reader.read(at, kTimeLive, 256, [&](const StoredMessage &) { ++visited; });
        at = result.last;
    } while (result.count > 0 && result.error.empty());
    EXPECT_GT(visited, 0u) << "the good part loads";
    EXPECT_LT(visited, 5000u);
    EXPECT_TRUE(result.damaged);
    EXPECT_NE(result.error.find("damaged"), std::string::npos) << result.error;
}

TEST_F(SessionFile, OverwrittenPagesNeverCrashTheReader)
{
    // Scribble over each quarter of the file in turn: the reader either refuses the file with a
    // message or reads up to the damage and says so. Never a crash, never silence.
    for (int quarter = 0; quarter < 4; ++quarter) {
        SCOPED_TRACE(quarter);
        const std::string file
            = path(("scribbled" + std::to_string(quarter) + ".copsession").c_str());
        record(file, 3000);
        {
            std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
            f.seekp(std::max<std::int64_t>(100, fileSize(file) * quarter / 4));
            const std::string junk(8192, '\xa5');
            f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
        }
        SessionReader reader;
        std::string error;
        if (!reader.open(file, &error)) {
            EXPECT_FALSE(error.empty());
            continue;
        }
        SessionPosition at;
        SessionReadResult result;
        std::size_t visited = 0;
        do {
            result = reader.read(at, kTimeLive, 500, [&](const StoredMessage &) { ++visited; });
            at = result.last;
        } while (result.count > 0 && result.error.empty());
        if (visited < 3000) {
            EXPECT_FALSE(result.error.empty() && reader.warnings().empty())
                << "messages went missing without a word";
        }
    }
}

// ---- kill -9 ---------------------------------------------------------------------------

TEST_F(SessionFile, KilledRecorderLeavesAFileThatOpensMissingAtMostTheLastCommitWindow)
{
    const std::string file = path("killed.copsession");
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        // The recorder: a steady feed of about 20,000 messages a second until killed.
        SessionWriter writer;
        if (!writer.open(file, {"cop-test", "1", "killed"}))
            _exit(3);
        for (int i = 0;; ++i) {
            const TestMessage m = makeMessage(i, wallClockNowUs());
            writer.append(m.topic, m.payload, m.header, m.kind);
            if (i % 20 == 0)
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    const TimeUs killedAtUs = wallClockNowUs();
    ASSERT_EQ(kill(child, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status))
        << "the recorder failed before it was killed: exit " << WEXITSTATUS(status);

    SessionReader reader;
    std::string error;
    ASSERT_TRUE(reader.open(file, &error)) << error;
    EXPECT_TRUE(reader.warnings().empty());
    EXPECT_FALSE(reader.info().closedCleanly);
    EXPECT_EQ(reader.info().metadata.at(sessionkey::kScenario), "killed");

    // Every message that made it is intact and in order, with no hole.
    std::int64_t expectedId = 1;
    bool intact = true;
    const auto result = reader.read({}, kTimeLive, 10'000'000, [&](const StoredMessage &m) {
        const TestMessage w = makeMessage(static_cast<int>(expectedId - 1), m.receiveTimeUs);
        intact = intact && m.id == expectedId && m.payload == w.payload && m.topic == w.topic;
        ++expectedId;
    });
    EXPECT_TRUE(result.error.empty()) << result.error;
    EXPECT_TRUE(intact);
    ASSERT_GT(result.count, 1000u);
    EXPECT_EQ(reader.info().lastReceiveTimeUs, result.last.receiveTimeUs);
    const TimeUs lostUs = killedAtUs - result.last.receiveTimeUs;
    std::printf("killed recorder: %zu messages kept, the last %.1f ms lost\n", result.count,
                usToSeconds(lostUs) * 1000.0);
    // One commit window (100 ms) plus the commit itself; generous for a loaded machine.
    EXPECT_LT(lostUs, 400 * kMicrosPerMillisecond);
}

} // namespace
} // namespace cop
