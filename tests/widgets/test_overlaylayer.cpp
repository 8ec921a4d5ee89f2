// SPDX-License-Identifier: GPL-3.0-or-later
// User overlays drawn offscreen and checked at pixels: fill inside a polygon, none in its hole,
// markers where the points are, nothing from a hidden or transparent layer; and the layer
// order the layer list changes.
#include "core/overlay.h"
#include "widgets/geoshapes.h"
#include "widgets/maprendercontext.h"
#include "widgets/maprenderer.h"
#include "widgets/mapviewport.h"
#include "widgets/overlaylayer.h"

#include <QImage>
#include <QPainter>

#include <gtest/gtest.h>

using namespace cop;

namespace {

const QColor kRed(255, 0, 0);

std::shared_ptr<const Overlay> squareWithHoleAndPoint()
{
    const OverlayParseResult result = parseOverlay(QByteArray(R"({"type": "FeatureCollection", "features": [
      {"type": "Feature", "properties": {"name": "Zone"}, "geometry": {"type": "Polygon", "coordinates": [
        [[128, 34], [136, 34], [136, 42], [128, 42], [128, 34]],
        [[131, 37], [133, 37], [133, 39], [131, 39], [131, 37]]]}},
      {"type": "Feature", "properties": {"name": "Post"}, "geometry": {"type": "Point", "coordinates": [140, 36]}}
    ]})"), QStringLiteral("test.geojson"));
    EXPECT_TRUE(result) << result.error.toStdString();
    return std::make_shared<const Overlay>(*result.overlay);
}

struct OverlayScene
{
    MapRenderer renderer;
    MapViewport viewport{Projection(), QSize(1200, 800)};
    MapRenderContext context;
    OverlayLayer *layer = nullptr;

    OverlayScene()
    {
        renderer.overlays() = MapRenderer::Overlays{false, false, false};
        layer = static_cast<OverlayLayer *>(renderer.addLayer(
            std::make_unique<OverlayLayer>(QStringLiteral("overlay:1"), squareWithHoleAndPoint(), kRed)));
    }
    QImage render()
    {
        QImage image(viewport.sizePx(), QImage::Format_ARGB32_Premultiplied);
        QPainter painter(&image);
        renderer.render(painter, viewport, context);
        return image;
    }
    QColor at(const QImage &image, double latDeg, double lonDeg) const
    {
        QPointF px;
        EXPECT_TRUE(viewport.toPixel(latDeg, lonDeg, px));
        return image.pixelColor(px.toPoint());
    }
};

} // namespace

TEST(OverlayLayer, FillsThePolygonButNotItsHole)
{
    OverlayScene scene;
    const QImage image = scene.render();
    const QColor sea = scene.context.theme.sea;
    const QColor inside = scene.at(image, 35.5, 129.5);
    const QColor hole = scene.at(image, 38.0, 132.0);
    const QColor outside = scene.at(image, 30.0, 125.0);
    EXPECT_GT(inside.red(), sea.red() + 20) << "the fill tints the area with the layer's colour";
    EXPECT_EQ(hole, sea) << "the hole is not filled";
    EXPECT_EQ(outside, sea);
    // The point's marker, in the layer's colour at its centre.
    EXPECT_EQ(scene.at(image, 36.0, 140.0), kRed);
}

TEST(OverlayLayer, NamesGoToTheLabelPass)
{
    OverlayScene scene;
    scene.render();
    ASSERT_EQ(scene.renderer.lastLabels().labels().size(), 2u) << "Zone and Post";
    EXPECT_EQ(scene.renderer.lastLabels().placed().size(), 2u);
}

TEST(OverlayLayer, HiddenOrTransparentLayerLeavesNoPixel)
{
    OverlayScene scene;
    QImage empty(scene.viewport.sizePx(), QImage::Format_ARGB32_Premultiplied);
    empty.fill(scene.context.theme.sea);

    scene.layer->setVisible(false);
    EXPECT_EQ(scene.render(), empty);
    EXPECT_TRUE(scene.renderer.lastLabels().labels().empty());

    scene.layer->setVisible(true);
    scene.layer->setOpacity(0.0);
    QImage transparent = scene.render();
    // Labels are drawn by the shared pass at full strength; the shapes themselves vanish.
    EXPECT_EQ(scene.at(transparent, 35.5, 129.5), scene.context.theme.sea);
    EXPECT_EQ(scene.at(transparent, 36.0, 140.0), scene.context.theme.sea);

    scene.layer->setOpacity(0.5);
    const QColor half = scene.at(scene.render(), 36.0, 140.0);
    EXPECT_GT(half.red(), scene.context.theme.sea.red() + 60);
    EXPECT_LT(half.red(), 250);
}

TEST(OverlayLayer, LongEdgesFollowTheGeodesic)
{
    // A 30°-long line at 50°N: drawn along the geodesic, which bulges towards the pole, not
    // as the straight chord between its projected ends.
    const OverlayParseResult parsed = parseOverlay(
        QByteArray(R"({"type": "LineString", "coordinates": [[120, 50], [150, 50]]})"), QStringLiteral("l.geojson"));
    ASSERT_TRUE(parsed) << parsed.error.toStdString();
    OverlayScene scene;
    scene.renderer.removeLayer(scene.layer);
    scene.renderer.addLayer(std::make_unique<OverlayLayer>(
        QStringLiteral("line"), std::make_shared<const Overlay>(*parsed.overlay), kRed));
    const GeoRing geodesic = geodesicPolyline({50.0, 120.0}, {50.0, 150.0}, 100'000.0);
    const LatLonDeg &middle = geodesic[geodesic.size() / 2];
    QPointF middleM;
    ASSERT_TRUE(scene.viewport.projection().forward(middle.latDeg, middle.lonDeg, middleM));
    scene.viewport.setCentreM(middleM);
    scene.viewport.setMetresPerPixel(400.0);
    const QImage image = scene.render();

    QPointF middlePx, westPx, eastPx;
    ASSERT_TRUE(scene.viewport.toPixel(middle.latDeg, middle.lonDeg, middlePx));
    ASSERT_TRUE(scene.viewport.toPixel(50.0, 120.0, westPx));
    ASSERT_TRUE(scene.viewport.toPixel(50.0, 150.0, eastPx));
    const QPointF chordPx = (westPx + eastPx) / 2.0;
    ASSERT_GT(QLineF(chordPx, middlePx).length(), 10.0) << "the test needs a visible bulge";
    ASSERT_TRUE(scene.viewport.rectPx().contains(middlePx));
    EXPECT_GT(image.pixelColor(middlePx.toPoint()).red(), scene.context.theme.sea.red() + 60);
    EXPECT_EQ(image.pixelColor(chordPx.toPoint()), scene.context.theme.sea);
}

TEST(MapRenderer, InsertsMovesAndRemovesLayers)
{
    MapRenderer renderer;
    auto overlay = squareWithHoleAndPoint();
    MapLayer *a = renderer.addLayer(std::make_unique<OverlayLayer>(QStringLiteral("a"), overlay, kRed));
    MapLayer *b = renderer.addLayer(std::make_unique<OverlayLayer>(QStringLiteral("b"), overlay, kRed));
    MapLayer *c = renderer.insertLayer(1, std::make_unique<OverlayLayer>(QStringLiteral("c"), overlay, kRed));
    EXPECT_EQ(renderer.indexOf(a), 0);
    EXPECT_EQ(renderer.indexOf(c), 1);
    EXPECT_EQ(renderer.indexOf(b), 2);
    EXPECT_TRUE(renderer.moveLayer(a, 2));
    EXPECT_EQ(renderer.indexOf(c), 0);
    EXPECT_EQ(renderer.indexOf(b), 1);
    EXPECT_EQ(renderer.indexOf(a), 2);
    EXPECT_TRUE(renderer.removeLayer(b));
    EXPECT_EQ(renderer.layers().size(), 2u);
    EXPECT_EQ(renderer.layer(QStringLiteral("b")), nullptr);
    EXPECT_FALSE(renderer.removeLayer(b));
    EXPECT_EQ(renderer.indexOf(b), -1);
}

TEST(OverlayLayer, KmlStyleColoursOverrideTheLayerColour)
{
    // Two areas: one with its own opaque blue fill (KML ffff0000 is aabbggrr), one unstyled,
    // which keeps the layer's red.
    const OverlayParseResult result = parseOverlay(QByteArray(R"(<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
      <Style id="blue"><PolyStyle><color>ffff0000</color></PolyStyle></Style>
      <Placemark><styleUrl>#blue</styleUrl><Polygon><outerBoundaryIs><LinearRing>
        <coordinates>128,34 132,34 132,38 128,38 128,34</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
      <Placemark><Polygon><outerBoundaryIs><LinearRing>
        <coordinates>134,34 138,34 138,38 134,38 134,34</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
    </Document></kml>)"), QStringLiteral("styled.kml"));
    ASSERT_TRUE(result) << result.error.toStdString();
    MapRenderer renderer;
    renderer.overlays() = MapRenderer::Overlays{false, false, false};
    renderer.addLayer(std::make_unique<OverlayLayer>(QStringLiteral("overlay:1"),
                                                     std::make_shared<const Overlay>(*result.overlay), kRed));
    MapViewport viewport{Projection(), QSize(1200, 800)};
    MapRenderContext context;
    QImage image(viewport.sizePx(), QImage::Format_ARGB32_Premultiplied);
    {
        QPainter painter(&image);
        renderer.render(painter, viewport, context);
    }
    QPointF styledPx, plainPx;
    ASSERT_TRUE(viewport.toPixel(36.0, 130.0, styledPx));
    ASSERT_TRUE(viewport.toPixel(36.0, 136.0, plainPx));
    EXPECT_EQ(image.pixelColor(styledPx.toPoint()), QColor(0, 0, 255)) << "the file's opaque blue fill";
    const QColor plain = image.pixelColor(plainPx.toPoint());
    EXPECT_GT(plain.red(), context.theme.sea.red() + 20) << "the unstyled area keeps the layer's red tint";
    EXPECT_LT(plain.blue(), 200);
}
