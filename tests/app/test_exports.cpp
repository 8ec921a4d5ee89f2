// SPDX-License-Identifier: GPL-3.0-or-later
// The analyst's exports in the viewer's File menu, on a replay of a recorded demo: each action
// says why it is disabled, and the export it runs writes what the session holds.
#include "app/feedpipeline.h"
#include "app/mainwindow.h"
#include "app/replaycontrols.h"
#include "app/sessionexports.h"
#include "app/trackpanels.h"
#include "core/csvwriter.h"
#include "core/sessionformat.h"
#include "core/sessionreader.h"
#include "core/sqlite.h"
#include "widgets/timelinestrip.h"

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <limits>

namespace cop {
namespace {

void runEventsFor(int ms, const std::function<bool()> &done = {})
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms && !(done && done()))
        QApplication::processEvents(QEventLoop::AllEvents, 20);
}

// A few seconds of the demo feed with the window that records its alerts, recorded once for
// every test of this file.
const QString &demoSession()
{
    static QTemporaryDir dir;
    static const QString path = [] {
        const QString file = dir.filePath(QStringLiteral("demo.copsession"));
        FeedPipeline live;
        EXPECT_TRUE(live.startRecording(file, {"cop-test", "1", "demo"}, nullptr));
        EXPECT_TRUE(live.start(true, {}, 1, nullptr));
        {
            MainWindow window(live, nullptr, false);
            runEventsFor(4000);
        }
        live.stop();
        EXPECT_GT(live.recordingHealth().messagesWritten, 100u);
        return file;
    }();
    return path;
}

std::int64_t messagesBetween(const QString &path, TimeUs fromUs, TimeUs toUs)
{
    sqlite3 *raw = nullptr;
    EXPECT_EQ(sqlite3_open_v2(path.toUtf8().constData(), &raw, SQLITE_OPEN_READONLY, nullptr),
              SQLITE_OK);
    sqlite::Database db(raw);
    sqlite::Statement query(
        db.get(), "SELECT count(*) FROM messages WHERE receive_time_us BETWEEN ?1 AND ?2");
    query.bindInt64(1, fromUs);
    query.bindInt64(2, toUs);
    EXPECT_EQ(query.step(), SQLITE_ROW);
    return query.columnInt64(0);
}

TEST(ViewerExports, RangeExportNeedsARangeAndWritesItAsASession)
{
    const QString session = demoSession();
    FeedPipeline replay;
    ASSERT_TRUE(replay.startReplay(session, 1.0, nullptr));
    MainWindow window(replay, nullptr, false);
    window.show();
    runEventsFor(200);
    SessionExports *exports = window.sessionExports();
    ASSERT_NE(exports, nullptr);
    QAction *range = exports->rangeAction();
    // No range yet: disabled, and the menu says what to do.
    EXPECT_FALSE(range->isEnabled());
    EXPECT_TRUE(range->text().contains(QLatin1String("Shift+drag on the timeline")))
        << range->text().toStdString();

    TimelineStrip *timeline = window.timelineStrip();
    const TimeUs startUs = replay.player()->state().startUs;
    const TimeUs fromUs = startUs + kMicrosPerSecond;
    const TimeUs toUs = startUs + 2 * kMicrosPerSecond + 500'000;
    timeline->setRange(fromUs, toUs);
    EXPECT_TRUE(range->isEnabled());
    EXPECT_EQ(range->text(), QStringLiteral("Export &range…"));
    EXPECT_TRUE(exports->suggestedRangePath(fromUs, toUs)
                    .startsWith(QFileInfo(session).dir().filePath(QStringLiteral("demo-range-"))));

    QTemporaryDir out;
    const QString cut = out.filePath(QStringLiteral("cut.copsession"));
    QSignalSpy finished(exports, &SessionExports::exportFinished);
    exports->exportRange(fromUs, toUs, cut, false);
    EXPECT_FALSE(range->isEnabled()); // one export at a time
    ASSERT_TRUE(finished.wait(20000));
    EXPECT_TRUE(finished.at(0).at(0).toBool()) << finished.at(0).at(1).toString().toStdString();
    EXPECT_TRUE(range->isEnabled());

    SessionReader reader;
    std::string error;
    ASSERT_TRUE(reader.open(cut.toStdString(), &error)) << error;
    const std::int64_t expected = messagesBetween(session, fromUs, toUs);
    EXPECT_GT(expected, 10);
    EXPECT_EQ(reader.info().messageCount, expected);
    EXPECT_EQ(reader.info().metadata.at(sessionkey::kExportedFrom), "demo.copsession");

    // Clearing the range disables it again.
    timeline->clearRange();
    EXPECT_FALSE(range->isEnabled());
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << path.toStdString();
    return file.readAll();
}

TEST(ViewerExports, TracksOfTheSelectedObjectOrEveryTrackOnTheMap)
{
    const QString session = demoSession();
    FeedPipeline replay;
    ASSERT_TRUE(replay.startReplay(session, 1.0, nullptr));
    replay.player()->setPlaying(false);
    MainWindow window(replay, nullptr, false);
    window.show();
    // To the end of the session: every track of the demo's first seconds is on the map.
    replay.player()->seek(replay.player()->state().endUs);
    runEventsFor(5000, [&] { return replay.picture().trackCountAt(replay.nowUs()) > 1; });
    SessionExports *exports = window.sessionExports();
    EXPECT_TRUE(exports->tracksAction()->isEnabled());

    // Nothing selected: every track on the map, and the dialog's title says so.
    TrackExportChoice all = exports->tracksToExport();
    ASSERT_GT(all.keys.size(), 1u);
    EXPECT_TRUE(all.description.startsWith(
        QStringLiteral("nothing selected: all %1 tracks").arg(all.keys.size())))
        << all.description.toStdString();

    QTemporaryDir out;
    const QString geojson = out.filePath(QStringLiteral("all.geojson"));
    QSignalSpy finished(exports, &SessionExports::exportFinished);
    exports->exportTracks(all.keys, geojson);
    ASSERT_TRUE(finished.wait(20000));
    ASSERT_TRUE(finished.at(0).at(0).toBool()) << finished.at(0).at(1).toString().toStdString();
    const QJsonArray features = QJsonDocument::fromJson(readAll(geojson))
                                    .object()
                                    .value(QStringLiteral("features"))
                                    .toArray();
    int lines = 0;
    for (const auto &feature : features) {
        const QJsonObject geometry
            = feature.toObject().value(QStringLiteral("geometry")).toObject();
        if (geometry.value(QStringLiteral("type")).toString() == QStringLiteral("LineString")) {
            ++lines;
            // Altitude is the third coordinate of every position.
            for (const auto &position : geometry.value(QStringLiteral("coordinates")).toArray())
                EXPECT_EQ(position.toArray().size(), 3);
        }
    }
    EXPECT_GE(lines, 1);

    // One object selected: its national tracks, each with its whole recorded history.
    const auto &objects = window.trackPanels()->correlator().objects();
    ASSERT_FALSE(objects.empty());
    const CorrelatedObject &object = objects.begin()->second;
    window.trackPanels()->selectObject(object.id);
    const TrackExportChoice selected = exports->tracksToExport();
    EXPECT_EQ(selected.keys, object.members);
    EXPECT_TRUE(selected.description.startsWith(QLatin1String("the selected object's")))
        << selected.description.toStdString();
    const QString csv = out.filePath(QStringLiteral("selected.csv"));
    exports->exportTracks(selected.keys, csv);
    ASSERT_TRUE(finished.wait(20000));
    ASSERT_TRUE(finished.at(1).at(0).toBool()) << finished.at(1).at(1).toString().toStdString();
    QList<QStringList> rows;
    ASSERT_TRUE(parseCsv(readAll(csv), &rows));
    std::size_t states = 0;
    for (const TrackKey &key : object.members) {
        const TrackRecord *record = replay.picture().track(key);
        ASSERT_NE(record, nullptr);
        states += record->history.size(); // a few seconds: the picture holds them all
    }
    EXPECT_EQ(static_cast<std::size_t>(rows.size()), 1 + states);
}

TEST(ViewerExports, AlertsOfTheReplayedSession)
{
    const QString session = demoSession();
    FeedPipeline replay;
    ASSERT_TRUE(replay.startReplay(session, 1.0, nullptr));
    MainWindow window(replay, nullptr, false);
    SessionExports *exports = window.sessionExports();
    EXPECT_TRUE(exports->alertsAction()->isEnabled());
    QTemporaryDir out;
    const QString csv = out.filePath(QStringLiteral("alerts.csv"));
    QSignalSpy finished(exports, &SessionExports::exportFinished);
    exports->exportAlerts(csv);
    ASSERT_TRUE(finished.wait(20000));
    ASSERT_TRUE(finished.at(0).at(0).toBool()) << finished.at(0).at(1).toString().toStdString();
    QList<QStringList> rows;
    ASSERT_TRUE(parseCsv(readAll(csv), &rows));
    ASSERT_GE(rows.size(), 1);
    EXPECT_EQ(rows[0].first(), QStringLiteral("alert_id"));
    SessionReader reader;
    ASSERT_TRUE(reader.open(session.toStdString()));
    int recorded = 0;
    reader.readAlertRecords(0, std::numeric_limits<TimeUs>::max(),
                            [&](const AlertRecord &) { ++recorded; });
    EXPECT_GT(recorded, 0); // the demo raises launch alerts at once
    EXPECT_EQ(rows.size(), 1 + recorded);
}

// What an analyst does first with a session: jump to the second launch, play it at 10×,
// bookmark it, and take its track away as KML.
TEST(ViewerExports, AnalystJumpsToTheSecondLaunchBookmarksItAndExportsItsTrack)
{
    QTemporaryDir copy;
    const QString session = copy.filePath(QStringLiteral("flow.copsession"));
    ASSERT_TRUE(QFile::copy(demoSession(), session)); // the bookmark goes into the file
    // The second launch alert raised, and the track it is about, as the session recorded it.
    std::vector<std::pair<TimeUs, TrackKey>> launches;
    {
        SessionReader reader;
        ASSERT_TRUE(reader.open(session.toStdString()));
        reader.readAlertRecords(
            0, std::numeric_limits<TimeUs>::max(), [&](const AlertRecord &record) {
                const QJsonObject alert
                    = QJsonDocument::fromJson(QByteArray::fromStdString(record.detailJson))
                          .object();
                if (record.event != "raise"
                    || alert.value(QStringLiteral("kind")).toString()
                        != QStringLiteral("launch-detected"))
                    return;
                const QJsonObject track = alert.value(QStringLiteral("track")).toObject();
                launches.push_back({record.timeUs,
                                    {track.value(QStringLiteral("source")).toString().toStdString(),
                                     track.value(QStringLiteral("id")).toString().toStdString()}});
            });
    }
    ASSERT_GE(launches.size(), 2u);

    FeedPipeline replay;
    ASSERT_TRUE(replay.startReplay(session, 1.0, nullptr));
    replay.player()->setPlaying(false);
    MainWindow window(replay, nullptr, false);
    window.show();
    ReplayControls *controls = window.replayControls();
    ASSERT_NE(controls, nullptr);
    // N until the playhead is on the second launch (several alerts may share a moment).
    for (int i = 0; i < 20 && replay.player()->state().playheadUs < launches[1].first; ++i) {
        controls->jumpToEvent(+1);
        runEventsFor(50);
    }
    EXPECT_EQ(replay.player()->state().playheadUs, launches[1].first);

    // Play at 10×: the playhead moves ten times as fast as the clock.
    replay.player()->setSpeed(10.0);
    replay.player()->setPlaying(true);
    const TimeUs before = replay.player()->state().playheadUs;
    runEventsFor(300);
    replay.player()->setPlaying(false);
    const TimeUs played = replay.player()->state().playheadUs - before;
    // 3 s of session in 0.3 s of clock, unless the session ends first.
    const TimeUs room = replay.player()->state().endUs - before;
    EXPECT_GE(played, std::min<TimeUs>(2 * kMicrosPerSecond, room));

    // Bookmark: into the file, onto the timeline, among the events N visits.
    const TimeUs bookmarkUs = replay.player()->state().playheadUs;
    QString error;
    ASSERT_TRUE(
        controls->addBookmark(bookmarkUs, QStringLiteral("second launch, seen by JP"), &error))
        << error.toStdString();
    EXPECT_TRUE(std::any_of(controls->timeline()->markers().begin(),
                            controls->timeline()->markers().end(), [&](const TimelineMarker &m) {
                                return m.kind == TimelineMarker::Kind::Bookmark
                                    && m.timeUs == bookmarkUs;
                            }));
    {
        SessionReader reader;
        ASSERT_TRUE(reader.open(session.toStdString()));
        const auto events = reader.readEvents();
        EXPECT_TRUE(std::any_of(events.begin(), events.end(), [&](const SessionEvent &e) {
            return e.kind == SessionEvent::Kind::Bookmark && e.timeUs == bookmarkUs
                && e.text == "second launch, seen by JP";
        }));
    }

    // Select the launch's object and export its tracks to KML.
    runEventsFor(200);
    const CorrelatedObject *object
        = window.trackPanels()->correlator().objectOf(launches[1].second);
    ASSERT_NE(object, nullptr);
    window.trackPanels()->selectObject(object->id);
    const TrackExportChoice choice = window.sessionExports()->tracksToExport();
    EXPECT_NE(std::find(choice.keys.begin(), choice.keys.end(), launches[1].second),
              choice.keys.end());
    const QString kml = copy.filePath(QStringLiteral("second-launch.kml"));
    QSignalSpy finished(window.sessionExports(), &SessionExports::exportFinished);
    window.sessionExports()->exportTracks(choice.keys, kml);
    ASSERT_TRUE(finished.wait(20000));
    ASSERT_TRUE(finished.at(0).at(0).toBool()) << finished.at(0).at(1).toString().toStdString();
    QXmlStreamReader xml(readAll(kml));
    int lineStrings = 0;
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement
            && xml.name() == QLatin1String("LineString"))
            ++lineStrings;
    }
    EXPECT_FALSE(xml.hasError()) << xml.errorString().toStdString();
    EXPECT_EQ(lineStrings, static_cast<int>(choice.keys.size()));
}

TEST(ViewerExports, RangeExportIsForReplays)
{
    FeedPipeline live;
    ASSERT_TRUE(live.start(true, {}, 1, nullptr));
    MainWindow window(live, nullptr, false);
    QAction *range = window.sessionExports()->rangeAction();
    EXPECT_FALSE(range->isEnabled());
    EXPECT_TRUE(range->text().contains(QLatin1String("only in a replay")))
        << range->text().toStdString();
    live.stop();
}

} // namespace
} // namespace cop
