// SPDX-License-Identifier: GPL-3.0-or-later
// Navigating the map and measuring on it, through the real widget offscreen: zoom to tracks
// and to the selection, follow mode, pinch, projection choice remembered, the measuring tool
// against GeographicLib, and what a click or a hover picks.
#include "maptestsupport.h"

#include "widgets/mapview.h"
#include "widgets/mapviewactions.h"
#include "widgets/measurelayer.h"

#include <GeographicLib/Geodesic.hpp>

#include <QAction>
#include <QMenu>
#include <QNativeGestureEvent>
#include <QPointingDevice>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <gtest/gtest.h>

namespace cop {
namespace {

using test::kMapT0;

struct ViewFixture
{
    Picture picture;
    MapView view{test::embeddedBasemap()};

    ViewFixture()
    {
        view.resize(1200, 800);
        view.setPicture(&picture);
        view.show();
        view.grab();
    }

    QPointF pixelOf(double latDeg, double lonDeg) const
    {
        QPointF px;
        EXPECT_TRUE(view.viewport().toPixel(latDeg, lonDeg, px));
        return px;
    }
    bool inView(double latDeg, double lonDeg) const
    {
        QPointF px;
        return view.viewport().toPixel(latDeg, lonDeg, px) && view.viewport().rectPx().contains(px);
    }
};

TEST(MapNavigation, ZoomToTracksPutsEveryTrackAndImpactPointInsideTheView)
{
    ViewFixture map;
    map.picture.applyBatch({test::hostileTrackMessage("T-1", kMapT0, 33.0, 124.0),
                            test::hostileTrackMessage("T-2", kMapT0, 44.0, 141.0),
                            test::hostileTrackMessage("T-3", kMapT0, 36.0, 150.0)});
    map.view.zoomBy(4.0); // somewhere in close, where most of them are off screen
    EXPECT_FALSE(map.inView(44.0, 141.0) && map.inView(33.0, 124.0) && map.inView(36.0, 150.0));

    ASSERT_TRUE(map.view.zoomToTracks());
    for (auto [lat, lon] : {std::pair{33.0, 124.0}, {44.0, 141.0}, {36.0, 150.0}}) {
        EXPECT_TRUE(map.inView(lat, lon)) << lat << " " << lon;
        EXPECT_TRUE(map.inView(lat + 1.0, lon + 3.0)) << "impact of the track at " << lat << " " << lon;
    }
    // Fitted, not merely zoomed out: the tracks span most of the view one way or the other.
    const QPointF west = map.pixelOf(33.0, 124.0);
    const QPointF east = map.pixelOf(37.0, 153.0);
    EXPECT_GT(east.x() - west.x(), 0.6 * map.view.width());
}

// A space launch's second stage falls far south of the theatre (east of the Philippines):
// zooming to the tracks must bring its predicted drop zone into view too.
TEST(MapNavigation, ZoomToTracksIncludesStageDropZones)
{
    ViewFixture map;
    FeedMessage launch = test::hostileTrackMessage("SLV-1", kMapT0, 33.0, 124.0);
    auto &update = std::get<TrackUpdate>(launch.body);
    StageDropZone second;
    second.stage = 2;
    second.point = {14.0, 128.0, 0.0};
    second.timeUs = kMapT0 + 600 * kMicrosPerSecond;
    second.covarianceM2 = {4.0e8, 0.0, 4.0e8};
    update.stageDrops = {second};
    map.picture.applyBatch({launch});
    EXPECT_FALSE(map.inView(14.0, 128.0)) << "outside the theatre view to begin with";
    ASSERT_TRUE(map.view.zoomToTracks());
    EXPECT_TRUE(map.inView(14.0, 128.0));
    EXPECT_TRUE(map.inView(33.0, 124.0));
}

TEST(MapNavigation, ZoomToTracksWithNoTracksLeavesTheViewAlone)
{
    ViewFixture map;
    const double scale = map.view.viewport().metresPerPixel();
    EXPECT_FALSE(map.view.zoomToTracks());
    EXPECT_DOUBLE_EQ(map.view.viewport().metresPerPixel(), scale);
}

TEST(MapNavigation, ZoomToSelectionShowsTheSelectedTrackCloseUp)
{
    ViewFixture map;
    map.picture.applyBatch({test::hostileTrackMessage("T-1", kMapT0, 33.0, 124.0),
                            test::hostileTrackMessage("T-2", kMapT0, 44.0, 141.0)});
    EXPECT_FALSE(map.view.zoomToSelection());
    const double theatreScale = map.view.viewport().metresPerPixel();
    map.view.setSelectedTrack(TrackKey{"JP-C2", "T-2"});
    ASSERT_TRUE(map.view.zoomToSelection());
    EXPECT_TRUE(map.inView(44.0, 141.0));
    EXPECT_TRUE(map.inView(45.0, 144.0)); // its impact point
    EXPECT_FALSE(map.inView(33.0, 124.0));
    EXPECT_LT(map.view.viewport().metresPerPixel(), theatreScale);
}

TEST(MapNavigation, FollowKeepsTheTrackCentredUntilTheOperatorPans)
{
    ViewFixture map;
    map.picture.applyBatch({test::hostileTrackMessage("T-1", kMapT0, 38.0, 130.0)});
    const TrackKey key{"JP-C2", "T-1"};
    QSignalSpy following(&map.view, &MapView::followingChanged);
    map.view.follow(key);
    ASSERT_EQ(following.count(), 1);
    map.picture.applyBatch({test::hostileTrackMessage("T-1", kMapT0 + kMicrosPerSecond, 39.0, 133.0)});
    map.view.markDirty();
    map.view.grab();
    const QPointF centre = map.view.viewport().rectPx().center();
    EXPECT_LT(QLineF(map.pixelOf(39.0, 133.0), centre).length(), 0.5);

    // Zooming keeps following; a drag ends it.
    map.view.zoomBy(2.0);
    EXPECT_TRUE(map.view.followedTrack().has_value());
    EXPECT_LT(QLineF(map.pixelOf(39.0, 133.0), centre).length(), 0.5);
    QTest::mousePress(&map.view, Qt::LeftButton, {}, QPoint(600, 400));
    QTest::mouseMove(&map.view, QPoint(650, 420));
    QTest::mouseRelease(&map.view, Qt::LeftButton, {}, QPoint(650, 420));
    EXPECT_FALSE(map.view.followedTrack().has_value());
    EXPECT_EQ(following.count(), 2);
}

TEST(MapNavigation, NativePinchZoomsAboutTheFingers)
{
    ViewFixture map;
    const double before = map.view.viewport().metresPerPixel();
    const QPointF at(300.0, 200.0);
    double latDeg = 0.0, lonDeg = 0.0;
    ASSERT_TRUE(map.view.viewport().toGeo(at, latDeg, lonDeg));
    QNativeGestureEvent pinch(Qt::ZoomNativeGesture, QPointingDevice::primaryPointingDevice(), 2, at,
                              at, map.view.mapToGlobal(at), 0.5, QPointF(), 1);
    QCoreApplication::sendEvent(&map.view, &pinch);
    EXPECT_NEAR(map.view.viewport().metresPerPixel(), before / 1.5, before * 1e-9);
    EXPECT_LT(QLineF(map.pixelOf(latDeg, lonDeg), at).length(), 0.5);
}

TEST(MapNavigation, ProjectionChoiceIsRememberedBetweenRuns)
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().remove(QLatin1String(MapViewActions::kProjectionSetting));
    {
        ViewFixture map;
        MapViewActions actions(map.view, &map.view);
        EXPECT_EQ(map.view.projectionKind(), ProjectionKind::AzimuthalEquidistant);
        actions.projectionAction(ProjectionKind::Mercator)->trigger();
        EXPECT_EQ(map.view.projectionKind(), ProjectionKind::Mercator);
        // Still looking at the theatre: its centre is still on screen.
        EXPECT_TRUE(map.inView(38.0, 132.0));
    }
    ViewFixture next;
    MapViewActions actions(next.view, &next.view);
    EXPECT_EQ(next.view.projectionKind(), ProjectionKind::Mercator);
    EXPECT_TRUE(actions.projectionAction(ProjectionKind::Mercator)->isChecked());
    QSettings().remove(QLatin1String(MapViewActions::kProjectionSetting));
}

TEST(MeasureTool, DistanceAndBearingBetweenClicksAreGeographicLibs)
{
    ViewFixture map;
    map.view.setMeasureMode(MeasureLayer::Mode::Distance);
    const QPoint a(300, 500);
    const QPoint b(900, 250);
    const QPoint c(950, 600);
    QTest::mouseClick(&map.view, Qt::LeftButton, {}, a);
    QTest::mouseClick(&map.view, Qt::LeftButton, {}, b);
    QTest::mouseClick(&map.view, Qt::LeftButton, {}, c);
    const MeasureLayer &measure = map.view.measureLayer();
    ASSERT_EQ(measure.points().size(), 3u);
    const std::vector<MeasureLayer::Leg> legs = measure.legs();
    ASSERT_EQ(legs.size(), 2u);

    double lat1 = 0, lon1 = 0, lat2 = 0, lon2 = 0, lat3 = 0, lon3 = 0;
    ASSERT_TRUE(map.view.viewport().toGeo(a, lat1, lon1));
    ASSERT_TRUE(map.view.viewport().toGeo(b, lat2, lon2));
    ASSERT_TRUE(map.view.viewport().toGeo(c, lat3, lon3));
    double s12 = 0, azi1 = 0, azi2 = 0, s23 = 0, azi3 = 0, azi4 = 0;
    GeographicLib::Geodesic::WGS84().Inverse(lat1, lon1, lat2, lon2, s12, azi1, azi2);
    GeographicLib::Geodesic::WGS84().Inverse(lat2, lon2, lat3, lon3, s23, azi3, azi4);
    EXPECT_NEAR(legs[0].distanceM, s12, 1e-3);
    EXPECT_NEAR(legs[0].initialBearingDeg, azi1 < 0 ? azi1 + 360.0 : azi1, 1e-9);
    EXPECT_NEAR(legs[1].distanceM, s23, 1e-3);
    EXPECT_NEAR(legs[1].initialBearingDeg, azi3 < 0 ? azi3 + 360.0 : azi3, 1e-9);
    EXPECT_NEAR(measure.totalDistanceM(), s12 + s23, 1e-3);
    // Hundreds of kilometres across the theatre view, heading north-east then south-east.
    EXPECT_GT(s12, 500'000.0);
    EXPECT_GT(legs[0].initialBearingDeg, 0.0);
    EXPECT_LT(legs[0].initialBearingDeg, 90.0);
    EXPECT_GT(legs[1].initialBearingDeg, 90.0);
    EXPECT_LT(legs[1].initialBearingDeg, 270.0);

    // The labels are on the map: one per leg and the total.
    map.view.grab();
    int measureLabels = 0;
    for (const MapLabel &label : map.view.renderer().lastLabels().labels())
        measureLabels += label.mandatory ? 1 : 0;
    EXPECT_EQ(measureLabels, 3);

    QTest::keyClick(&map.view, Qt::Key_Escape);
    EXPECT_TRUE(measure.points().empty());
    EXPECT_EQ(map.view.measureMode(), MeasureLayer::Mode::Distance);
}

TEST(MeasureTool, RangeRingsAreGeodesicCirclesAtRoundSteps)
{
    EXPECT_DOUBLE_EQ(MeasureLayer::ringStepMFor(3'500'000.0), 200'000.0);
    EXPECT_DOUBLE_EQ(MeasureLayer::ringStepMFor(1'000'000.0), 50'000.0);
    EXPECT_DOUBLE_EQ(MeasureLayer::ringStepMFor(100'000.0), 5'000.0);

    ViewFixture map;
    map.view.setMeasureMode(MeasureLayer::Mode::RangeRings);
    const QPointF centre = map.pixelOf(38.0, 132.0);
    QTest::mouseClick(&map.view, Qt::LeftButton, {}, centre.toPoint());
    const MeasureLayer &measure = map.view.measureLayer();
    ASSERT_EQ(measure.points().size(), 1u);
    const double stepM = measure.ringStepM();
    EXPECT_GT(stepM, 0.0);
    // The outer ring passes through the point that far due east on the ellipsoid: the measuring
    // colour shows there on the rendering.
    double latDeg = 0.0, lonDeg = 0.0;
    GeographicLib::Geodesic::WGS84().Direct(measure.points().front().latDeg, measure.points().front().lonDeg,
                                            90.0, MeasureLayer::kRingCount * stepM, latDeg, lonDeg);
    const QPoint onRing = map.pixelOf(latDeg, lonDeg).toPoint();
    const QImage image = map.view.grab().toImage();
    const QColor ringColour = map.view.theme().selection;
    bool found = false;
    for (int dy = -2; dy <= 2 && !found; ++dy) {
        for (int dx = -2; dx <= 2 && !found; ++dx) {
            const QColor c = image.pixelColor(onRing + QPoint(dx, dy));
            found = std::abs(c.red() - ringColour.red()) < 40 && std::abs(c.green() - ringColour.green()) < 40
                    && std::abs(c.blue() - ringColour.blue()) < 40;
        }
    }
    EXPECT_TRUE(found) << "no ring colour near the outer ring's east point";
}

TEST(MapInteraction, ClickSelectsASensorAndHoverDescribesTracksAndSensors)
{
    ViewFixture map;
    map.picture.applyBatch({test::hostileTrackMessage("T-7", kMapT0, 39.0, 134.0),
                            test::groundRadarMessage("KR-GP-A", "Green Pine A", 36.4, 127.3, kMapT0)});
    QSignalSpy sensorSelected(&map.view, &MapView::sensorSelected);
    QTest::mouseClick(&map.view, Qt::LeftButton, {}, map.pixelOf(36.4, 127.3).toPoint());
    ASSERT_EQ(sensorSelected.count(), 1);
    EXPECT_EQ(sensorSelected.front().front().toString().toStdString(), "KR-GP-A");
    EXPECT_EQ(map.view.selectedSensor(), std::optional<std::string>("KR-GP-A"));
    EXPECT_FALSE(map.view.selectedTrack().has_value());

    const QString trackTip = map.view.toolTipAt(map.pixelOf(39.0, 134.0));
    EXPECT_TRUE(trackTip.contains(QStringLiteral("T-7"))) << trackTip.toStdString();
    EXPECT_TRUE(trackTip.contains(QStringLiteral("impact in 03:20"))) << trackTip.toStdString();
    const QString sensorTip = map.view.toolTipAt(map.pixelOf(36.4, 127.3));
    EXPECT_TRUE(sensorTip.contains(QStringLiteral("Green Pine A"))) << sensorTip.toStdString();
    EXPECT_TRUE(map.view.toolTipAt(map.pixelOf(30.0, 160.0)).isEmpty());

    // A click on empty sea clears the selection.
    QSignalSpy cleared(&map.view, &MapView::selectionCleared);
    QTest::mouseClick(&map.view, Qt::LeftButton, {}, map.pixelOf(30.0, 150.0).toPoint());
    EXPECT_EQ(cleared.count(), 1);
    EXPECT_FALSE(map.view.selectedSensor().has_value());
}

} // namespace
} // namespace cop
