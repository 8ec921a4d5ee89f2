// SPDX-License-Identifier: GPL-3.0-or-later
// The assembled viewer on the demo feed, rendered offscreen: the picture fills within seconds,
// the map shows land where there is land and sea where there is sea, and the status bar
// reports the three national sources live.
#include "app/feedpipeline.h"
#include "app/liverewind.h"
#include "app/alertcenter.h"
#include "app/mainwindow.h"
#include "app/protectedareacontroller.h"
#include "app/protectedareadialog.h"
#include "widgets/arealayer.h"
#include "core/timeus.h"
#include "widgets/feedstatusbar.h"
#include "widgets/maptheme.h"
#include "widgets/mapview.h"
#include "widgets/timelinestrip.h"

#include <QAction>
#include <QCheckBox>
#include <QSettings>
#include <QStandardPaths>
#include <QApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QImage>
#include <QLabel>

#include <gtest/gtest.h>

#include <algorithm>

namespace cop {
namespace {

int colourDistance(QColor a, QColor b)
{
    return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue());
}

class DemoViewer : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        QString error;
        auto loaded = Basemap::loadEmbedded(&error);
        ASSERT_TRUE(loaded) << error.toStdString();
        basemap = std::make_shared<const Basemap>(std::move(*loaded));
    }
    static void TearDownTestSuite() { basemap.reset(); }

    void runEventsFor(int ms, const std::function<bool()> &done = {})
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < ms && !(done && done()))
            QApplication::processEvents(QEventLoop::AllEvents, 20);
    }

    static std::shared_ptr<const Basemap> basemap;
};
std::shared_ptr<const Basemap> DemoViewer::basemap;

TEST_F(DemoViewer, ShowsTracksLandAndSeaAndLiveSources)
{
    FeedPipeline pipeline;
    QString error;
    ASSERT_TRUE(pipeline.start(true, {}, 1, &error)) << error.toStdString();
    MainWindow window(pipeline, basemap, false);
    window.resize(1600, 1000);
    // The map alone beside the alerts, as the fixed points below were chosen for: the track
    // panels' docks would shrink the theatre view and move labels over them.
    for (QDockWidget *dock : window.findChildren<QDockWidget *>())
        if (dock->objectName().startsWith(QLatin1String("track")))
            dock->hide();
    window.show();

    // The demo starts with missiles in flight: tracks must be on the picture within seconds.
    // Generous limits: a loaded machine running sanitizer builds in parallel is slow.
    runEventsFor(20000, [&] { return pipeline.picture().trackCountAt(kTimeLive) >= 3; });
    EXPECT_GE(pipeline.picture().trackCountAt(kTimeLive), 3u);
    runEventsFor(20000, [&] { return window.feedStatusBar()->sourceTexts().size() == 3; });
    EXPECT_EQ(pipeline.picture().sources().size(), 3u);

    const QStringList sources = window.feedStatusBar()->sourceTexts();
    ASSERT_EQ(sources.size(), 3);
    for (const QString &text : sources)
        EXPECT_TRUE(text.contains(QLatin1String("LIVE"))) << text.toStdString();
    EXPECT_EQ(pipeline.transportHealth().messagesRejected, 0u) << "the demo feed must be valid";

    // Only the basemap is checked here: every other layer (tracks, sensor fans, their labels,
    // which the decluttering pass may put anywhere) steps aside for the grab.
    std::vector<MapLayer *> hidden;
    for (const auto &layer : window.mapView()->renderer().layers()) {
        if (layer->id() != QLatin1String("basemap") && layer->isVisible()) {
            layer->setVisible(false);
            hidden.push_back(layer.get());
        }
    }
    // The map at the full width these sample points were chosen for: docks beside it narrow it.
    for (QDockWidget *dock : window.findChildren<QDockWidget *>()) {
        if (window.dockWidgetArea(dock) == Qt::RightDockWidgetArea)
            dock->hide();
    }
    runEventsFor(300);
    const QImage shot = window.grab().toImage();
    for (MapLayer *layer : hidden)
        layer->setVisible(true);
    ASSERT_FALSE(shot.isNull());
    MapView *map = window.mapView();
    const MapTheme theme = map->theme();
    const QPoint mapOrigin = map->mapTo(&window, QPoint(0, 0));
    const auto pixelAt = [&](double latDeg, double lonDeg) {
        QPointF px;
        EXPECT_TRUE(map->viewport().toPixel(latDeg, lonDeg, px));
        const QPoint at = (px + mapOrigin).toPoint();
        EXPECT_TRUE(shot.rect().contains(at)) << latDeg << "," << lonDeg << " is off the screen";
        return shot.pixelColor(at);
    };
    // Inland Tohoku and the plains of Manchuria are land; two points of the Pacific east of
    // Honshu are sea. Each must be nearer its own colour than the other's. The points keep
    // clear of where country names are anchored (Japan's is over Nagano), since names are
    // still drawn with the basemap.
    for (const auto &[lat, lon] : {std::pair{39.3, 140.9}, std::pair{44.0, 126.0}}) {
        const QColor c = pixelAt(lat, lon);
        EXPECT_LT(colourDistance(c, theme.land), colourDistance(c, theme.sea))
            << "expected land at " << lat << "," << lon << " got " << c.name().toStdString();
    }
    for (const auto &[lat, lon] : {std::pair{36.0, 146.0}, std::pair{32.5, 146.5}}) {
        const QColor c = pixelAt(lat, lon);
        EXPECT_LT(colourDistance(c, theme.sea), colourDistance(c, theme.land))
            << "expected sea at " << lat << "," << lon << " got " << c.name().toStdString();
    }
    pipeline.stop();
}

// An operator looks a minute back while the feed carries on, then is live again with one key.
TEST_F(DemoViewer, LookBackAndReturnToLive)
{
    FeedPipeline pipeline;
    QString error;
    ASSERT_TRUE(pipeline.start(true, {}, 1, &error)) << error.toStdString();
    MainWindow window(pipeline, basemap, false);
    window.show();
    LiveRewind *rewind = window.liveRewind();
    ASSERT_NE(rewind, nullptr);
    const auto *badge = window.findChild<QLabel *>(QStringLiteral("liveRewindBadge"));
    ASSERT_NE(badge, nullptr);
    EXPECT_TRUE(badge->text().contains(QStringLiteral("LIVE")));

    // The next frame tick points the map at its own "now" minus the offset. That tick falls
    // somewhere between the step and the end of the wait (a first paint of the basemap can
    // take long on a loaded machine), so the playhead must lie within that window, shifted.
    const TimeUs beforeStepUs = wallClockNowUs();
    rewind->stepBy(-LiveRewind::kLargeStepUs);
    runEventsFor(10000, [&] { return window.mapView()->playhead() != kTimeLive; });
    const TimeUs afterTickUs = wallClockNowUs();
    const TimeUs playhead = window.mapView()->playhead();
    const TimeUs slackUs = kMicrosPerSecond / 10; // clock granularity of the frame tick
    EXPECT_GE(playhead, beforeStepUs - LiveRewind::kLargeStepUs - slackUs);
    EXPECT_LE(playhead, afterTickUs - LiveRewind::kLargeStepUs + slackUs);
    EXPECT_TRUE(badge->text().contains(QStringLiteral("REWIND −01:00"))) << badge->text().toStdString();
    const std::uint64_t before = pipeline.picture().messagesApplied();
    runEventsFor(1500);
    EXPECT_GT(pipeline.picture().messagesApplied(), before) << "the feed carries on while rewound";

    // End, as the operator presses it.
    QAction *backToLive = nullptr;
    for (QAction *action : window.findChildren<QAction *>()) {
        if (action->text() == QLatin1String("Back to live"))
            backToLive = action;
    }
    ASSERT_NE(backToLive, nullptr);
    EXPECT_EQ(backToLive->shortcut(), QKeySequence(Qt::Key_End));
    backToLive->trigger();
    runEventsFor(10000, [&] { return window.mapView()->playhead() == kTimeLive; });
    EXPECT_EQ(window.mapView()->playhead(), kTimeLive);
    EXPECT_TRUE(badge->text().contains(QStringLiteral("LIVE")));
    pipeline.stop();
}

TEST_F(DemoViewer, CursorReadoutInDegreesDmsAndMgrs)
{
    FeedPipeline pipeline;
    QString error;
    ASSERT_TRUE(pipeline.start(true, {}, 1, &error)) << error.toStdString();
    MainWindow window(pipeline, basemap, false);
    window.show();
    Q_EMIT window.mapView()->cursorMoved(35.6812, 139.7671); // Tokyo station
    const auto *readout = window.findChild<QLabel *>(QStringLiteral("cursorReadout"));
    ASSERT_NE(readout, nullptr);
    const QString text = readout->text();
    EXPECT_TRUE(text.contains(QStringLiteral("35.6812° N 139.7671° E"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("35°40′52.3″ N"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("54S UE"))) << text.toStdString();
    pipeline.stop();
}

} // namespace
} // namespace cop

namespace cop {
namespace {

// Alerts → Protected areas…, applied to the live demo: the rules and the map take the new areas
// at once, open area alerts end with "Protected areas changed", the choice is remembered, and a
// choice whose file does not load changes nothing.
TEST_F(DemoViewer, ProtectedAreasChangeLiveAndAreRemembered)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("COP Viewer test"));
    QSettings().clear();

    FeedPipeline pipeline;
    QString error;
    ASSERT_TRUE(pipeline.start(true, {}, 1, &error)) << error.toStdString();
    MainWindow window(pipeline, basemap, false);
    window.show();
    std::vector<AlertEvent> events;
    QObject::connect(window.alertCenter(), &AlertCenter::alertEvents, &window,
                     [&](const std::vector<AlertEvent> &batch) {
                         events.insert(events.end(), batch.begin(), batch.end());
                     });
    ProtectedAreaController *areas = window.protectedAreas();
    ASSERT_NE(areas, nullptr);
    // The demo starts mid-loop with missiles already heading for Japan's EEZ.
    const auto activeAreaAlert = [&] {
        for (const auto &[id, alert] : window.alertCenter()->engine().alerts()) {
            if (alert.active && alert.kind == AlertKind::ImpactThreat)
                return id;
        }
        return std::uint64_t {0};
    };
    runEventsFor(15000, [&] { return activeAreaAlert() != 0; });
    const std::uint64_t threatId = activeAreaAlert();
    ASSERT_NE(threatId, 0u);
    EXPECT_FALSE(areas->layer()->threatenedAreas().empty()) << "the map highlights it";

    // The dialog's own widgets edit the choice: Korea only.
    {
        ProtectedAreaDialog dialog(areas->currentChoice(), &window);
        dialog.nationBox(0)->setChecked(false);
        dialog.nationBox(1)->setChecked(false);
        dialog.nationBox(2)->setChecked(true);
        QString problem;
        ASSERT_TRUE(areas->apply(dialog.choice(), &problem)) << problem.toStdString();
    }
    const ProtectedAreaSet &now = window.alertCenter()->engine().areas();
    ASSERT_FALSE(now.isEmpty());
    for (const ProtectedArea &area : now.areas())
        EXPECT_EQ(area.nation, Nation::Korea) << area.id;
    EXPECT_EQ(areas->layer()->areas(), &now) << "the map shows what the rules protect";
    const Alert *ended = window.alertCenter()->engine().alert(threatId);
    ASSERT_NE(ended, nullptr);
    EXPECT_FALSE(ended->active);
    EXPECT_EQ(ended->ending, AlertEnding::AreasChanged);
    EXPECT_TRUE(std::any_of(events.begin(), events.end(), [&](const AlertEvent &e) {
        return e.alert.id == threatId && e.type == AlertEventType::Cleared
            && e.alert.ending == AlertEnding::AreasChanged;
    })) << "announced to the panel and the record";
    EXPECT_EQ(QSettings().value(QStringLiteral("alerts/protectNations")).toString(),
              QStringLiteral("KR"));
    const auto remembered = [] {
        QSettings settings;
        return loadProtectedAreaChoice(settings);
    }();
    ASSERT_TRUE(remembered);
    EXPECT_EQ(remembered->nations, QStringLiteral("KR"));

    // A file that does not load: refused with the reason, nothing changes.
    QString problem;
    EXPECT_FALSE(areas->apply({QStringLiteral("JP"), {QStringLiteral("/nonexistent/areas.geojson")}},
                              &problem));
    EXPECT_TRUE(problem.contains(QStringLiteral("areas.geojson"))) << problem.toStdString();
    EXPECT_EQ(&window.alertCenter()->engine().areas(), &now);
    EXPECT_EQ(areas->currentChoice().nations, QStringLiteral("KR"));

    // The View menu hides and shows the layer.
    areas->layerAction()->setChecked(false);
    EXPECT_FALSE(areas->layer()->isVisible());
    areas->layerAction()->setChecked(true);
    EXPECT_TRUE(areas->layer()->isVisible());
    pipeline.stop();
    QSettings().clear();
}

// View → Local time on timeline: UTC by default, switches the axis, and is remembered.
TEST(TimelineZone, LocalTimeToggleIsRememberedBetweenRuns)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("COP Viewer test"));
    QSettings().remove(QLatin1String(MainWindow::kTimelineLocalTimeSetting));
    {
        FeedPipeline pipeline;
        ASSERT_TRUE(pipeline.start(true, {}, 1, nullptr));
        MainWindow window(pipeline, nullptr, false);
        auto *toggle = window.findChild<QAction *>(QStringLiteral("timelineLocalTimeAction"));
        ASSERT_NE(toggle, nullptr);
        ASSERT_NE(window.timelineStrip(), nullptr);
        EXPECT_FALSE(toggle->isChecked());
        EXPECT_FALSE(window.timelineStrip()->showsLocalTime());
        toggle->setChecked(true);
        EXPECT_TRUE(window.timelineStrip()->showsLocalTime());
        EXPECT_TRUE(window.timelineStrip()->zoneLabel(wallClockNowUs()).startsWith(QLatin1String("local time, UTC")));
        pipeline.stop();
    }
    FeedPipeline pipeline;
    ASSERT_TRUE(pipeline.start(true, {}, 1, nullptr));
    MainWindow window(pipeline, nullptr, false);
    EXPECT_TRUE(window.findChild<QAction *>(QStringLiteral("timelineLocalTimeAction"))->isChecked());
    EXPECT_TRUE(window.timelineStrip()->showsLocalTime());
    QSettings().remove(QLatin1String(MainWindow::kTimelineLocalTimeSetting));
    pipeline.stop();
}

} // namespace
} // namespace cop
