// SPDX-License-Identifier: GPL-3.0-or-later
// Recording and replay in the viewer: the command line, a demo run recorded through the real
// pipeline and replayed into the same picture, and the window's REPLAY controls.
#include "app/alertcenter.h"
#include "app/alertrecording.h"
#include "app/feedpipeline.h"
#include "app/mainwindow.h"
#include "app/sessionpaths.h"
#include "app/simfeedrunner.h"
#include "app/viewercommandline.h"
#include "core/basemap.h"
#include "core/protectedarea.h"
#include "core/sessionreader.h"
#include "widgets/recordingstatus.h"
#include "widgets/timelinestrip.h"
#include "widgets/transportbar.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <tuple>

namespace cop {
namespace {

struct RecordLineCase
{
    const char *name;
    QStringList arguments; // without the program name
    bool accepted;
    bool record; // when accepted
    const char *replayPath; // when accepted
};

void PrintTo(const RecordLineCase &c, std::ostream *os)
{
    *os << c.name << ": " << c.arguments.join(QLatin1Char(' ')).toStdString();
}

class RecordCommandLine : public ::testing::TestWithParam<RecordLineCase>
{
};

TEST_P(RecordCommandLine, ParsesRecordingAndReplayOptions)
{
    const RecordLineCase &c = GetParam();
    int exitCode = -1;
    testing::internal::CaptureStderr();
    const auto options = parseViewerCommandLine(
        QStringList {QStringLiteral("cop-viewer")} + c.arguments, exitCode);
    const std::string err = testing::internal::GetCapturedStderr();
    ASSERT_EQ(options.has_value(), c.accepted) << err;
    if (!c.accepted) {
        EXPECT_EQ(exitCode, 2);
        EXPECT_NE(err.find("cop-viewer:"), std::string::npos);
        return;
    }
    EXPECT_EQ(options->record, c.record);
    EXPECT_EQ(options->replayPath, QString::fromLatin1(c.replayPath));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, RecordCommandLine,
    ::testing::Values(
        RecordLineCase {"LiveIsRecordedByDefault",
                        {QStringLiteral("--connect"), QStringLiteral("tcp://a:1"), QStringLiteral("--insecure")},
                        true,
                        true,
                        ""},
        RecordLineCase {"LiveNoRecord",
                        {QStringLiteral("--connect"), QStringLiteral("tcp://a:1"),
                         QStringLiteral("--insecure"), QStringLiteral("--no-record")},
                        true,
                        false,
                        ""},
        RecordLineCase {"DemoIsNotRecordedByDefault", {QStringLiteral("--demo")}, true, false, ""},
        RecordLineCase {
            "DemoRecordedOnRequest",
            {QStringLiteral("--demo"), QStringLiteral("--record"), QStringLiteral("d.copsession")},
            true,
            true,
            ""},
        RecordLineCase {"Replay", {QStringLiteral("s.copsession")}, true, false, "s.copsession"},
        RecordLineCase {
            "ReplayAtTenTimes",
            {QStringLiteral("s.copsession"), QStringLiteral("--speed"), QStringLiteral("10")},
            true,
            false,
            "s.copsession"},
        RecordLineCase {"ReplayWithDemo",
                        {QStringLiteral("s.copsession"), QStringLiteral("--demo")},
                        false,
                        false,
                        ""},
        RecordLineCase {"ReplayWithConnect",
                        {QStringLiteral("s.copsession"), QStringLiteral("--connect"),
                         QStringLiteral("tcp://a:1")},
                        false,
                        false,
                        ""},
        RecordLineCase {"ReplayRecorded",
                        {QStringLiteral("s.copsession"), QStringLiteral("--record"),
                         QStringLiteral("t.copsession")},
                        false,
                        false,
                        ""},
        RecordLineCase {"TwoSessions",
                        {QStringLiteral("a.copsession"), QStringLiteral("b.copsession")},
                        false,
                        false,
                        ""},
        RecordLineCase {"RecordAndNoRecord",
                        {QStringLiteral("--demo"), QStringLiteral("--record"), QStringLiteral("x"),
                         QStringLiteral("--no-record")},
                        false,
                        false,
                        ""},
        RecordLineCase {"SpeedWithoutReplay",
                        {QStringLiteral("--demo"), QStringLiteral("--speed"), QStringLiteral("2")},
                        false,
                        false,
                        ""},
        RecordLineCase {
            "SpeedTooHigh",
            {QStringLiteral("s.copsession"), QStringLiteral("--speed"), QStringLiteral("1000")},
            false,
            false,
            ""},
        RecordLineCase {
            "SpeedTooLow",
            {QStringLiteral("s.copsession"), QStringLiteral("--speed"), QStringLiteral("0.01")},
            false,
            false,
            ""}),
    [](const auto &info) { return std::string(info.param.name); });

TEST(SessionPaths, NamesNewFilesByUtcStartAndNeverReusesOne)
{
    QTemporaryDir dir;
    const QDateTime start(QDate(2023, 7, 12), QTime(1, 0, 0), Qt::UTC);
    const QString first = newSessionPath(dir.path(), start);
    EXPECT_EQ(QFileInfo(first).fileName(), QStringLiteral("session-20230712T010000Z.copsession"));
    QFile(first).open(QIODevice::WriteOnly);
    EXPECT_EQ(QFileInfo(newSessionPath(dir.path(), start)).fileName(),
              QStringLiteral("session-20230712T010000Z-2.copsession"));
    EXPECT_TRUE(defaultSessionDirectory().endsWith(QStringLiteral("/sessions")));
}

void runEventsFor(int ms, const std::function<bool()> &done = {})
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms && !(done && done()))
        QApplication::processEvents(QEventLoop::AllEvents, 20);
}

// Per track: how many states it has and its newest one's time, to compare two pictures.
std::map<std::tuple<std::string, std::string>, std::tuple<std::size_t, TimeUs>>
summary(const Picture &picture)
{
    std::map<std::tuple<std::string, std::string>, std::tuple<std::size_t, TimeUs>> tracks;
    for (const auto &track : picture.tracks())
        tracks[{track->key.sourceId, track->key.trackId}]
            = {track->history.size(), track->latest().timeUs};
    return tracks;
}

// A live run of the synthetic feed published over tcp loopback. The feed stops before the
// pipeline does, so the picture and the recording end on the same message (a subscriber
// stopped mid-stream drops its last, unapplied batch, which the recorder has already seen).
struct LiveRun
{
    std::uint64_t recorded = 0;
    std::uint64_t lost = 0;
    std::uint64_t applied = 0;
    std::map<std::tuple<std::string, std::string>, std::tuple<std::size_t, TimeUs>> tracks;
};

LiveRun recordLive(const QString &path, int ms,
                   const std::function<std::unique_ptr<QObject>(FeedPipeline &)> &attach = {})
{
    LiveRun run;
    zmq::context_t context(1);
    SimFeedOptions options;
    options.bindEndpoints = {"tcp://127.0.0.1:*"};
    SimFeedRunner feed(context, options);
    std::string why;
    EXPECT_TRUE(feed.start(&why)) << why;
    FeedPipeline live;
    QString error;
    EXPECT_TRUE(live.startRecording(path, {"cop-test", "1", "live"}, &error))
        << error.toStdString();
    std::unique_ptr<QObject> attached = attach ? attach(live) : nullptr;
    EXPECT_TRUE(live.start(false, {QString::fromStdString(feed.boundEndpoint())}, 1, &error))
        << error.toStdString();
    const auto drainFor = [&](int forMs) {
        runEventsFor(forMs, [&] {
            live.drain();
            return false;
        });
    };
    drainFor(ms);
    feed.stop();
    drainFor(700); // everything in flight reaches the picture
    EXPECT_TRUE(live.recordingHealth().recording);
    live.stop(); // commits and closes the session
    live.drain();
    run.recorded = live.recordingHealth().messagesWritten;
    run.lost = live.recordingHealth().messagesLost;
    run.applied = live.picture().messagesApplied();
    run.tracks = summary(live.picture());
    return run;
}

TEST(RecordReplay, ALiveRunReplaysIntoTheSamePicture)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("live.copsession"));
    const LiveRun live = recordLive(path, 3000);
    ASSERT_GT(live.recorded, 20u);
    EXPECT_EQ(live.lost, 0u);
    EXPECT_EQ(live.recorded, live.applied) << "every message the picture got is on disk";

    FeedPipeline replay;
    QString error;
    ASSERT_TRUE(replay.startReplay(path, 100.0, &error)) << error.toStdString();
    ASSERT_TRUE(replay.isReplay());
    runEventsFor(15000, [&] {
        replay.drain();
        return replay.player()->state().atEnd && replay.picture().messagesApplied() >= live.applied;
    });
    EXPECT_EQ(replay.picture().messagesApplied(), live.applied);
    EXPECT_EQ(summary(replay.picture()), live.tracks);
    EXPECT_EQ(replay.picture().sources().size(), 3u);
    EXPECT_EQ(replay.transportHealth().messagesRejected, 0u);
    EXPECT_EQ(replay.nowUs(), replay.player()->state().endUs)
        << "the console's clock is the playhead";
}

// Records ms milliseconds of the demo feed through the real pipeline.
QString recordDemo(const QTemporaryDir &dir, int ms)
{
    const QString path = dir.filePath(QStringLiteral("seek.copsession"));
    FeedPipeline live;
    EXPECT_TRUE(live.startRecording(path, {"cop-test", "1", "demo"}, nullptr));
    EXPECT_TRUE(live.start(true, {}, 1, nullptr));
    runEventsFor(ms);
    live.stop();
    return path;
}

// Drains a replay until the player is at its playhead and nothing is left to apply.
void settle(FeedPipeline &replay)
{
    runEventsFor(400, [&] {
        replay.drain();
        return false;
    });
}

TEST(RecordReplay, BackwardSeekGivesThePictureAFreshReplayBuildsUpToThatMoment)
{
    QTemporaryDir dir;
    const QString path = recordDemo(dir, 4000);

    // Played to the end, then taken back to the middle...
    FeedPipeline seeker;
    ASSERT_TRUE(seeker.startReplay(path, 100.0, nullptr));
    runEventsFor(10000, [&] {
        seeker.drain();
        return seeker.player()->state().atEnd;
    });
    settle(seeker);
    const net::PlayerState atEnd = seeker.player()->state();
    const TimeUs middleUs = atEnd.startUs + (atEnd.endUs - atEnd.startUs) / 2;
    const std::uint64_t appliedAtEnd = seeker.picture().messagesApplied();
    seeker.player()->seek(middleUs);
    settle(seeker);

    // ...equals a picture built from the start up to the middle and no further.
    FeedPipeline fresh;
    ASSERT_TRUE(fresh.startReplay(path, 1.0, nullptr));
    fresh.player()->setPlaying(false);
    fresh.player()->seek(middleUs);
    settle(fresh);

    EXPECT_EQ(seeker.player()->state().playheadUs, middleUs);
    EXPECT_GT(fresh.picture().messagesApplied(), 0u);
    EXPECT_LT(fresh.picture().messagesApplied(), appliedAtEnd);
    EXPECT_EQ(seeker.picture().messagesApplied(), fresh.picture().messagesApplied());
    EXPECT_EQ(summary(seeker.picture()), summary(fresh.picture()));
    EXPECT_EQ(seeker.picture().latestSourceTimeUs(), fresh.picture().latestSourceTimeUs());
}

// What an alert run raised: kind, text and area of each alert, in order.
std::vector<std::string> raisedAlerts(const std::vector<AlertEvent> &events)
{
    std::vector<std::string> raised;
    for (const AlertEvent &event : events) {
        if (event.type == AlertEventType::Raised)
            raised.push_back(std::string(alertKindCode(event.alert.kind)) + " | "
                             + event.alert.text.toStdString());
    }
    return raised;
}

TEST(RecordReplay, AReplayRaisesTheAlertsTheLiveRunRaised)
{
    QString error;
    auto basemap = Basemap::loadEmbedded(&error);
    ASSERT_TRUE(basemap) << error.toStdString();
    const auto areas = std::make_shared<const ProtectedAreaSet>(
        ProtectedAreaSet::standard(*basemap, {kAllNations.begin(), kAllNations.end()}));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("alerts.copsession"));

    std::vector<AlertEvent> liveEvents;
    const LiveRun live = recordLive(path, 4000, [&](FeedPipeline &pipeline) {
        auto alerts = std::make_unique<AlertCenter>(pipeline, areas);
        QObject::connect(alerts.get(), &AlertCenter::alertEvents, alerts.get(),
                         [&](const std::vector<AlertEvent> &events) {
                             liveEvents.insert(liveEvents.end(), events.begin(), events.end());
                         });
        return alerts;
    });
    const std::uint64_t liveApplied = live.applied;
    ASSERT_EQ(live.recorded, liveApplied);
    const std::vector<std::string> liveRaised = raisedAlerts(liveEvents);
    ASSERT_GE(liveRaised.size(), 3u);

    FeedPipeline replay;
    ASSERT_TRUE(replay.startReplay(path, 100.0, &error)) << error.toStdString();
    AlertCenter alerts(replay, areas);
    std::vector<AlertEvent> replayEvents;
    QObject::connect(&alerts, &AlertCenter::alertEvents, &alerts,
                     [&](const std::vector<AlertEvent> &events) {
                         replayEvents.insert(replayEvents.end(), events.begin(), events.end());
                     });
    runEventsFor(15000, [&] {
        replay.drain();
        return replay.player()->state().atEnd && replay.picture().messagesApplied() >= liveApplied;
    });
    ASSERT_EQ(replay.picture().messagesApplied(), liveApplied);
    // The same alerts; their order within one moment follows how messages were batched.
    std::vector<std::string> replayRaised = raisedAlerts(replayEvents);
    std::vector<std::string> expected = liveRaised;
    std::sort(replayRaised.begin(), replayRaised.end());
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(replayRaised, expected);
}

TEST(RecordReplay, AlertLivesAcknowledgementsAndBookmarksGoIntoTheSession)
{
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("alerts.copsession")).toStdString();
    {
        SessionWriter writer;
        ASSERT_TRUE(writer.open(path, {"cop-test", "1", "alerts"}));
        AlertEvent raised;
        raised.type = AlertEventType::Raised;
        raised.timeUs = 1'689'123'600'000'000;
        raised.alert.id = 7;
        raised.alert.severity = AlertSeverity::Critical;
        raised.alert.text = QStringLiteral("Impact predicted inside the Japan EEZ");
        AlertEvent acknowledged = raised;
        acknowledged.type = AlertEventType::Acknowledged;
        acknowledged.timeUs = raised.timeUs + 4 * kMicrosPerSecond;
        acknowledged.alert.acknowledged = true;
        acknowledged.alert.acknowledgedBy = QStringLiteral("watch-officer");
        acknowledged.alert.acknowledgedTimeUs = acknowledged.timeUs;
        recordAlertEvents(writer, {raised, acknowledged});
        recordBookmark(writer, raised.timeUs + kMicrosPerSecond, QStringLiteral("analyst"),
                       QStringLiteral("prediction entered the EEZ"));
    }
    sqlite3 *raw = nullptr;
    ASSERT_EQ(sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite::Database db(raw);
    sqlite::Statement alerts(
        raw, "SELECT alert_id, event, severity, detail FROM alert_events ORDER BY time_us");
    ASSERT_EQ(alerts.step(), SQLITE_ROW);
    EXPECT_EQ(alerts.columnText(0), "7");
    EXPECT_EQ(alerts.columnText(1), "raise");
    EXPECT_EQ(alerts.columnText(2), "critical");
    EXPECT_NE(alerts.columnText(3).find("Japan EEZ"), std::string_view::npos)
        << alerts.columnText(3);
    ASSERT_EQ(alerts.step(), SQLITE_ROW);
    EXPECT_EQ(alerts.columnText(1), "acknowledge");
    EXPECT_EQ(alerts.step(), SQLITE_DONE);
    sqlite::Statement actions(
        raw, "SELECT action, operator, alert_id, note FROM operator_actions ORDER BY time_us");
    ASSERT_EQ(actions.step(), SQLITE_ROW);
    EXPECT_EQ(actions.columnText(0), "bookmark");
    EXPECT_EQ(actions.columnText(1), "analyst");
    EXPECT_EQ(actions.columnText(3), "prediction entered the EEZ");
    ASSERT_EQ(actions.step(), SQLITE_ROW);
    EXPECT_EQ(actions.columnText(0), "acknowledge");
    EXPECT_EQ(actions.columnText(1), "watch-officer");
    EXPECT_EQ(actions.columnText(2), "7");
}

TEST(RecordReplay, AnUnwritableRecordingIsReportedAndTheFeedStillRuns)
{
    QTemporaryDir dir;
    const QString blocker = dir.filePath(QStringLiteral("file"));
    QFile(blocker).open(QIODevice::WriteOnly);
    FeedPipeline pipeline;
    QString error;
    EXPECT_FALSE(pipeline.startRecording(blocker + QStringLiteral("/s.copsession"), {}, &error));
    EXPECT_FALSE(error.isEmpty());
    EXPECT_FALSE(pipeline.recordingHealth().startError.isEmpty());
    RecordingStatus badge;
    badge.refresh(pipeline.recordingHealth());
    EXPECT_TRUE(badge.isShowingError());
    EXPECT_TRUE(badge.text().startsWith(QStringLiteral("NOT RECORDING")))
        << badge.text().toStdString();
}

TEST(RecordReplay, WindowShowsReplayControlsThatDriveThePlayer)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("short.copsession"));
    {
        FeedPipeline live;
        ASSERT_TRUE(live.startRecording(path, {"cop-test", "1", "demo"}, nullptr));
        ASSERT_TRUE(live.start(true, {}, 1, nullptr));
        runEventsFor(2500); // long enough to be still playing at 1x when looked at
        live.stop();
        ASSERT_GT(live.recordingHealth().messagesWritten, 20u);
    }
    FeedPipeline replay;
    ASSERT_TRUE(replay.startReplay(path, 1.0, nullptr));
    MainWindow window(replay, nullptr, false);
    window.resize(1200, 800);
    window.show();
    ASSERT_NE(window.transportBar(), nullptr);
    ASSERT_NE(window.timelineStrip(), nullptr);
    EXPECT_TRUE(window.windowTitle().contains(QLatin1String("REPLAY")));
    runEventsFor(300);
    EXPECT_TRUE(window.transportBar()->state().playing);
    EXPECT_TRUE(window.transportBar()->timeText().contains(QLatin1String("UTC")));

    Q_EMIT window.transportBar()->speedRequested(10.0);
    Q_EMIT window.transportBar()->playRequested(false);
    runEventsFor(100);
    EXPECT_DOUBLE_EQ(replay.player()->state().speed, 10.0);
    EXPECT_FALSE(replay.player()->state().playing);
    EXPECT_FALSE(window.transportBar()->state().playing);
}

TEST(RecordReplay, LiveWindowHasNoTransportAndShowsTheRecording)
{
    QTemporaryDir dir;
    FeedPipeline live;
    ASSERT_TRUE(live.startRecording(dir.filePath(QStringLiteral("rec.copsession")), {}, nullptr));
    ASSERT_TRUE(live.start(true, {}, 1, nullptr));
    MainWindow window(live, nullptr, false);
    window.show();
    runEventsFor(2500, [&] { return live.recordingHealth().messagesWritten > 0; });
    runEventsFor(400); // a status refresh
    EXPECT_EQ(window.transportBar(), nullptr);
    EXPECT_TRUE(window.recordingStatus()->text().contains(QLatin1String("REC rec.copsession")))
        << window.recordingStatus()->text().toStdString();
    EXPECT_FALSE(window.recordingStatus()->isShowingError());
    live.stop();
}

} // namespace
} // namespace cop
