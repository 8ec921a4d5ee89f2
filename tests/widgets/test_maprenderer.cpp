// SPDX-License-Identifier: GPL-3.0-or-later
// The map renders what an operator expects to see where they expect it: land where there is
// land, sea where there is sea, a track's symbol at its position, ellipses sized by their
// confidence. Rendered offscreen into a QImage with the real embedded basemap.
#include "core/impactellipse.h"
#include "widgets/basemaplayer.h"
#include "widgets/geoshapes.h"
#include "widgets/maprendercontext.h"
#include "widgets/maprenderer.h"
#include "widgets/mapview.h"
#include "widgets/mapviewport.h"
#include "widgets/sensorlayer.h"
#include "widgets/tracklayer.h"

#include <GeographicLib/Geodesic.hpp>

#include <QImage>
#include <QSignalSpy>
#include <QTest>
#include <QPainter>

#include <gtest/gtest.h>

#include <cmath>
#include <memory>

namespace cop {
namespace {

constexpr TimeUs kT0 = 1'700'000'000'000'000; // 2023-11-14T22:13:20Z
const QSize kViewSize(1600, 900);

std::shared_ptr<const Basemap> embeddedBasemap()
{
    static const std::shared_ptr<const Basemap> basemap = [] {
        QString error;
        std::optional<Basemap> loaded = Basemap::loadEmbedded(&error);
        EXPECT_TRUE(loaded.has_value()) << error.toStdString();
        return loaded ? std::make_shared<const Basemap>(std::move(*loaded)) : nullptr;
    }();
    return basemap;
}

FeedMessage hostileTrack(const std::string &trackId, TimeUs timeUs, double latDeg, double lonDeg)
{
    TrackUpdate update;
    update.trackId = trackId;
    update.timeUs = timeUs;
    update.position = {latDeg, lonDeg, 250'000.0};
    update.velocity = {1500.0, 500.0, -200.0};
    update.phase = TrackPhase::Midcourse;
    update.identity = Identity::Hostile;
    update.missileClass = MissileClass::MediumRange;
    update.hasImpact = true;
    update.impact.point = {latDeg + 1.0, lonDeg + 3.0, 0.0};
    update.impact.timeUs = timeUs + 200 * kMicrosPerSecond;
    update.impact.covarianceM2 = {9.0e8, 2.0e8, 4.0e8}; // ~30 km by ~20 km (1 σ)
    return {{"JP-C2", Nation::Japan, 1, timeUs, timeUs}, std::move(update)};
}

// The renderer with the standard layers, as MapView builds it.
struct MapFixture
{
    MapRenderer renderer;
    BasemapLayer *basemap = nullptr;
    TrackLayer *tracks = nullptr;
    MapViewport viewport{Projection(), kViewSize};
    MapRenderContext context;

    MapFixture()
    {
        basemap = static_cast<BasemapLayer *>(
            renderer.addLayer(std::make_unique<BasemapLayer>(embeddedBasemap())));
        renderer.addLayer(std::make_unique<SensorLayer>());
        tracks = static_cast<TrackLayer *>(renderer.addLayer(std::make_unique<TrackLayer>()));
    }

    QImage render()
    {
        QImage image(viewport.sizePx(), QImage::Format_ARGB32_Premultiplied);
        QPainter painter(&image);
        renderer.render(painter, viewport, context);
        return image;
    }

    QPoint pixelOf(double latDeg, double lonDeg) const
    {
        QPointF px;
        EXPECT_TRUE(viewport.toPixel(latDeg, lonDeg, px));
        return px.toPoint();
    }
};

// Share of pixels in a (2·r+1)² box within a small distance of the colour: labels and lines
// may cross a point, so a single pixel is not a fair test of what the area is.
double shareNear(const QImage &image, QPoint centre, const QColor &colour, int radius = 4,
                 int tolerance = 6)
{
    int near = 0;
    int total = 0;
    for (int y = centre.y() - radius; y <= centre.y() + radius; ++y) {
        for (int x = centre.x() - radius; x <= centre.x() + radius; ++x) {
            if (!image.rect().contains(x, y))
                continue;
            const QColor c = image.pixelColor(x, y);
            ++total;
            if (std::abs(c.red() - colour.red()) <= tolerance
                && std::abs(c.green() - colour.green()) <= tolerance
                && std::abs(c.blue() - colour.blue()) <= tolerance) {
                ++near;
            }
        }
    }
    return total == 0 ? 0.0 : static_cast<double>(near) / total;
}

struct PlaceCase
{
    const char *name;
    double latDeg;
    double lonDeg;
    bool land;
};

class TheatreBasemap : public ::testing::TestWithParam<PlaceCase>
{
};

TEST_P(TheatreBasemap, IsLandOrSeaWhereTheWorldIs)
{
    const PlaceCase &place = GetParam();
    MapFixture map;
    const QImage image = map.render();
    const QPoint px = map.pixelOf(place.latDeg, place.lonDeg);
    ASSERT_TRUE(image.rect().contains(px)) << place.name << " is outside the theatre view";
    const QColor expected = place.land ? map.context.theme.land : map.context.theme.sea;
    EXPECT_GT(shareNear(image, px, expected), 0.6)
        << place.name << " at pixel " << px.x() << "," << px.y() << " is "
        << image.pixelColor(px).name().toStdString();
}

INSTANTIATE_TEST_SUITE_P(
    DefaultView, TheatreBasemap,
    ::testing::Values(PlaceCase{"CentralHonshu", 36.0, 138.3, true},
                      PlaceCase{"TokyoSuburbs", 35.75, 139.45, true},
                      PlaceCase{"KoreanPeninsula", 36.0, 128.4, true},
                      PlaceCase{"NorthKorea", 40.0, 126.5, true},
                      PlaceCase{"SeaOfJapan", 40.0, 135.0, false},
                      PlaceCase{"PacificEastOfJapan", 36.0, 146.0, false},
                      PlaceCase{"YellowSea", 36.0, 124.0, false}),
    [](const auto &info) { return std::string(info.param.name); });

TEST(MapRenderer, DrawsATrackSymbolAtItsPosition)
{
    Picture picture;
    picture.applyBatch({hostileTrack("T-001", kT0, 39.5, 133.0)});
    MapFixture map;
    map.context.picture = &picture;
    const QImage image = map.render();
    const QPoint px = map.pixelOf(39.5, 133.0);
    EXPECT_GT(shareNear(image, px, map.context.theme.hostile, 12, 24), 0.03)
        << "no hostile-red symbol near " << px.x() << "," << px.y();

    // The same place without the track has no red at all.
    MapFixture empty;
    EXPECT_EQ(shareNear(empty.render(), px, map.context.theme.hostile, 12, 24), 0.0);
}

TEST(MapRenderer, GreysATrackNotUpdatedForMoreThanTenSeconds)
{
    Picture picture;
    picture.applyBatch({hostileTrack("T-001", kT0, 39.5, 133.0)});
    MapFixture map;
    map.context.picture = &picture;
    map.context.playheadUs = kT0 + TrackLayer::kStaleAfterUs + kMicrosPerSecond;
    const QImage image = map.render();
    const QPoint px = map.pixelOf(39.5, 133.0);
    EXPECT_EQ(shareNear(image, px, map.context.theme.hostile, 12, 24), 0.0);
    EXPECT_GT(shareNear(image, px, map.context.theme.stale, 12, 10), 0.03);
}

TEST(MapRenderer, NinetyFivePercentEllipseIsLargerThanFiftyPercent)
{
    Picture picture;
    picture.applyBatch({hostileTrack("T-001", kT0, 39.0, 131.0)});
    MapFixture map;
    map.context.picture = &picture;
    map.render();
    const auto ellipses = map.tracks->lastImpactEllipses({"JP-C2", "T-001"});
    ASSERT_TRUE(ellipses.has_value());
    EXPECT_GT(ellipses->bounds95.width(), ellipses->bounds50.width());
    EXPECT_GT(ellipses->bounds95.height(), ellipses->bounds50.height());
    EXPECT_TRUE(ellipses->bounds95.contains(ellipses->bounds50));
    // Semi-axes scale with sqrt(k): the ratio of the two ellipses is fixed.
    const double expectedRatio = std::sqrt(kImpactEllipseK95 / kImpactEllipseK50);
    EXPECT_NEAR(ellipses->bounds95.width() / ellipses->bounds50.width(), expectedRatio, 0.15);
}

TEST(ConfidenceEllipse, AxesFollowTheCovarianceEigenvectors)
{
    // 1 σ of 30 km along north-east and 10 km across it.
    const double s1 = 30'000.0, s2 = 10'000.0;
    const double c = std::cos(M_PI / 4.0), s = std::sin(M_PI / 4.0);
    const EnuCovariance2 cov{s1 * s1 * c * c + s2 * s2 * s * s, (s1 * s1 - s2 * s2) * c * s,
                             s1 * s1 * s * s + s2 * s2 * c * c};
    const GeoPosition centre{38.0, 132.0, 0.0};
    const ImpactEllipse ellipse(centre, cov, kImpactEllipseK95, 8);
    EXPECT_NEAR(ellipse.semiMajorM(), std::sqrt(kImpactEllipseK95) * s1, 1.0);
    EXPECT_NEAR(ellipse.semiMinorM(), std::sqrt(kImpactEllipseK95) * s2, 1.0);
    EXPECT_NEAR(ellipse.majorAzimuthDeg(), 45.0, 1e-6);

    // The outline lies on the ellipsoid at the right geodesic distance along the major axis.
    const GeoRing &ring = ellipse.outline();
    ASSERT_EQ(ring.size(), 8u);
    double distanceM = 0.0, azimuth1 = 0.0, azimuth2 = 0.0;
    GeographicLib::Geodesic::WGS84().Inverse(centre.latDeg, centre.lonDeg, ring[0].latDeg,
                                             ring[0].lonDeg, distanceM, azimuth1, azimuth2);
    EXPECT_NEAR(distanceM, ellipse.semiMajorM(), 1.0);
    EXPECT_NEAR(azimuth1, 45.0, 0.01);
}

TEST(MapViewport, DefaultViewShowsTheTheatre)
{
    const MapViewport viewport(Projection(), kViewSize);
    EXPECT_NEAR(viewport.metresPerPixel() * kViewSize.width(), MapViewport::kTheatreWidthM, 1.0);
    QPointF px;
    ASSERT_TRUE(viewport.toPixel(38.0, 132.0, px));
    EXPECT_NEAR(px.x(), 800.0, 0.5);
    EXPECT_NEAR(px.y(), 450.0, 0.5);
    for (const auto &[latDeg, lonDeg] : {std::pair{39.0, 125.7}, std::pair{35.7, 139.7},
                                         std::pair{43.1, 141.3}, std::pair{33.5, 126.5}}) {
        ASSERT_TRUE(viewport.toPixel(latDeg, lonDeg, px));
        EXPECT_TRUE(viewport.rectPx().contains(px)) << latDeg << "," << lonDeg;
    }
}

TEST(MapViewport, PixelAndGeoRoundTrip)
{
    MapViewport viewport(Projection(), kViewSize);
    viewport.zoomAbout(QPointF(300.0, 200.0), 3.0);
    viewport.panByPixels(QPointF(-120.0, 45.0));
    for (const QPointF px : {QPointF(0.0, 0.0), QPointF(800.0, 450.0), QPointF(1599.0, 899.0),
                             QPointF(123.4, 567.8)}) {
        double latDeg = 0.0, lonDeg = 0.0;
        ASSERT_TRUE(viewport.toGeo(px, latDeg, lonDeg));
        QPointF back;
        ASSERT_TRUE(viewport.toPixel(latDeg, lonDeg, back));
        EXPECT_NEAR(back.x(), px.x(), 1e-6);
        EXPECT_NEAR(back.y(), px.y(), 1e-6);
    }
}

TEST(MapViewport, ZoomKeepsThePointUnderTheCursorAndRespectsLimits)
{
    MapViewport viewport(Projection(), kViewSize);
    const QPointF anchor(400.0, 300.0);
    double latBefore = 0.0, lonBefore = 0.0;
    ASSERT_TRUE(viewport.toGeo(anchor, latBefore, lonBefore));
    viewport.zoomAbout(anchor, 4.0);
    QPointF px;
    ASSERT_TRUE(viewport.toPixel(latBefore, lonBefore, px));
    EXPECT_NEAR(px.x(), anchor.x(), 1e-6);
    EXPECT_NEAR(px.y(), anchor.y(), 1e-6);

    viewport.zoomAbout(anchor, 1e9);
    EXPECT_DOUBLE_EQ(viewport.metresPerPixel(), MapViewport::kMinMetresPerPixel);
    viewport.zoomAbout(anchor, 1e-9);
    EXPECT_DOUBLE_EQ(viewport.metresPerPixel(), MapViewport::kMaxMetresPerPixel);
}

TEST(BasemapLayer, RepaintOverAStaticOrSlightlyDraggedViewReusesTheCachedImage)
{
    MapFixture map;
    const QImage first = map.render();
    EXPECT_EQ(map.render(), first);
    EXPECT_EQ(map.basemap->renderCount(), 1);

    // A small drag is a blit at an offset, and looks the same as a fresh rendering.
    map.viewport.panByPixels(QPointF(40.0, -25.0));
    const QImage dragged = map.render();
    EXPECT_EQ(map.basemap->renderCount(), 1);
    MapFixture fresh;
    fresh.viewport = map.viewport;
    const QImage reference = fresh.render();
    const QPoint probe = map.pixelOf(36.0, 138.3);
    EXPECT_EQ(dragged.pixelColor(probe), reference.pixelColor(probe));

    // Beyond the margin, or at a new scale, it renders again.
    map.viewport.panByPixels(QPointF(900.0, 0.0));
    map.render();
    EXPECT_EQ(map.basemap->renderCount(), 2);
    map.viewport.zoomAbout(QPointF(800.0, 450.0), 1.25);
    map.render();
    EXPECT_EQ(map.basemap->renderCount(), 3);
}

TEST(BasemapLayer, DetailFollowsTheScale)
{
    EXPECT_EQ(BasemapLayer::detailFor(8000.0), BasemapDetail::Coarse);
    EXPECT_EQ(BasemapLayer::detailFor(2187.5), BasemapDetail::Medium);
    EXPECT_EQ(BasemapLayer::detailFor(200.0), BasemapDetail::Fine);
}

TEST(TrackLayer, CountdownReadsMinutesAndSeconds)
{
    EXPECT_EQ(formatCountdown(271 * kMicrosPerSecond).toStdString(), "04:31");
    EXPECT_EQ(formatCountdown(3725 * kMicrosPerSecond).toStdString(), "1:02:05");
    EXPECT_EQ(formatCountdown(-5 * kMicrosPerSecond).toStdString(), "00:00");
}

TEST(TrackLayer, PicksTheNearestTrackWithinTheRadius)
{
    Picture picture;
    picture.applyBatch({hostileTrack("T-001", kT0, 39.5, 133.0),
                        hostileTrack("T-002", kT0, 39.5, 133.5)});
    MapFixture map;
    map.context.picture = &picture;
    const QPointF px = map.pixelOf(39.5, 133.0);
    const auto hit = map.tracks->trackAt(map.viewport, map.context, px + QPointF(3.0, 2.0));
    ASSERT_TRUE(hit.has_value());
    EXPECT_EQ(hit->trackId, "T-001");
    EXPECT_FALSE(map.tracks->trackAt(map.viewport, map.context, px + QPointF(0.0, 60.0)));
}

TEST(MapView, ClickSelectsTheTrackUnderTheCursorAndKeysMoveTheView)
{
    Picture picture;
    picture.applyBatch({hostileTrack("T-001", kT0, 39.5, 133.0)});
    MapView view(embeddedBasemap());
    view.resize(kViewSize);
    view.setPicture(&picture);
    view.show();
    EXPECT_FALSE(view.grab().isNull());
    EXPECT_FALSE(view.isDirty());

    QPointF px;
    ASSERT_TRUE(view.viewport().toPixel(39.5, 133.0, px));
    QSignalSpy selected(&view, &MapView::trackSelected);
    QTest::mouseClick(&view, Qt::LeftButton, {}, (px + QPointF(2.0, -2.0)).toPoint());
    ASSERT_EQ(selected.count(), 1);
    EXPECT_EQ(view.selectedTrack()->trackId, "T-001");

    const double theatreScale = view.viewport().metresPerPixel();
    QTest::keyClick(&view, Qt::Key_Plus);
    EXPECT_LT(view.viewport().metresPerPixel(), theatreScale);
    QTest::keyClick(&view, Qt::Key_Right);
    QTest::keyClick(&view, Qt::Key_Home);
    EXPECT_DOUBLE_EQ(view.viewport().metresPerPixel(), theatreScale);

    view.markDirty();
    EXPECT_TRUE(view.isDirty());
    view.grab();
    EXPECT_FALSE(view.isDirty());
}

} // namespace
} // namespace cop

namespace cop {
namespace {

// Hiding a nation's coverage removes its fan's tint but keeps the picture otherwise unchanged.
TEST(SensorLayer, HiddenCoverageDrawsNoFan)
{
    MapFixture map;
    Picture picture;
    SensorStatus radar;
    radar.sensorId = "KR-GREENPINE-A";
    radar.name = "Green Pine A";
    radar.kind = SensorKind::GroundRadar;
    radar.site = {36.4, 127.3, 100.0};
    radar.coverage = {0.0, 60.0, 1.0, 90.0, 1'000'000.0}; // north, out over the peninsula
    radar.state = SensorState::Operational;
    radar.timeUs = kT0;
    picture.applyBatch({{{"KR-KAMD", Nation::Korea, 1, kT0, kT0}, radar}});
    map.context.picture = &picture;

    const QPoint insideFan = map.pixelOf(40.0, 127.3); // 400 km north of the site
    const QColor shown = map.render().pixelColor(insideFan);
    auto *sensors = static_cast<SensorLayer *>(map.renderer.layer(QStringLiteral("sensors")));
    ASSERT_NE(sensors, nullptr);
    sensors->setCoverageVisible(Nation::Korea, false);
    const QColor hidden = map.render().pixelColor(insideFan);
    EXPECT_NE(shown, hidden) << "the fan tints what it covers";
    EXPECT_FALSE(sensors->isCoverageVisible(Nation::Korea));
    EXPECT_TRUE(sensors->isCoverageVisible(Nation::Japan));
}

} // namespace
} // namespace cop
