// SPDX-License-Identifier: GPL-3.0-or-later
// The analyst's exports in the viewer's File menu, on a replay of a recorded demo: each action
// says why it is disabled, and the export it runs writes what the session holds.
#include "app/feedpipeline.h"
#include "app/mainwindow.h"
#include "app/sessionexports.h"
#include "core/sessionformat.h"
#include "core/sessionreader.h"
#include "core/sqlite.h"
#include "widgets/timelinestrip.h"

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <functional>

namespace cop {
namespace {

void runEventsFor(int ms, const std::function<bool()> &done = {})
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms && !(done && done()))
        QApplication::processEvents(QEventLoop::AllEvents, 20);
}

// A few seconds of the demo feed, recorded once for every test of this file.
const QString &demoSession()
{
    static QTemporaryDir dir;
    static const QString path = [] {
        const QString file = dir.filePath(QStringLiteral("demo.copsession"));
        FeedPipeline live;
        EXPECT_TRUE(live.startRecording(file, {"cop-test", "1", "demo"}, nullptr));
        EXPECT_TRUE(live.start(true, {}, 1, nullptr));
        runEventsFor(4000, [&] {
            live.drain();
            return false;
        });
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
