// SPDX-License-Identifier: GPL-3.0-or-later
// The protected-areas layer painted offscreen into a QImage: outlines where the areas are, in
// the colour of their severity, dashed while merely watched, solid and filled under threat.
#include "core/projection.h"
#include "widgets/arealayer.h"
#include "widgets/maplabels.h"
#include "widgets/maprendercontext.h"
#include "widgets/mapviewport.h"

#include <QImage>
#include <QPainter>

#include <gtest/gtest.h>

namespace cop {
namespace {

ProtectedArea boxArea(const char *id, ProtectedAreaKind kind, AlertSeverity severity, double south,
                      double west, double north, double east)
{
    ProtectedArea area;
    area.id = id;
    area.name = QString::fromLatin1(id);
    area.kind = kind;
    area.severity = severity;
    GeoPolygon polygon;
    // Densified edges: a one-degree box is long enough for the projection to bend it.
    GeoRing ring;
    for (int i = 0; i <= 20; ++i)
        ring.push_back({south, west + (east - west) * i / 20.0});
    for (int i = 0; i <= 20; ++i)
        ring.push_back({south + (north - south) * i / 20.0, east});
    for (int i = 0; i <= 20; ++i)
        ring.push_back({north, east - (east - west) * i / 20.0});
    for (int i = 0; i <= 20; ++i)
        ring.push_back({north - (north - south) * i / 20.0, west});
    polygon.rings.push_back(ring);
    polygon.boundsDeg = QRectF(west, south, east - west, north - south);
    area.polygons.push_back(polygon);
    area.boundsDeg = polygon.boundsDeg;
    return area;
}

struct Painted
{
    QImage image;
    MapViewport viewport {Projection(), QSize(800, 600)};
};

Painted paint(AreaLayer &layer)
{
    Painted out;
    out.image = QImage(out.viewport.sizePx(), QImage::Format_ARGB32_Premultiplied);
    out.image.fill(Qt::black);
    QPainter painter(&out.image);
    MapRenderContext context;
    layer.paint(painter, out.viewport, context);
    return out;
}

// The two line colours by hue, whatever the alpha and antialiasing did to their brightness:
// critical is red (little green), warning is orange (green about two thirds of red).
bool criticalLike(const QColor &c)
{
    return c.red() > 60 && c.green() < 0.45 * c.red() && c.blue() < 0.45 * c.red();
}
bool warningLike(const QColor &c)
{
    return c.red() > 60 && c.green() > 0.5 * c.red() && c.green() < 0.85 * c.red()
        && c.blue() < 0.4 * c.red();
}

// Points along the box's western edge (between its corners) with a pixel of the kind at or
// beside them.
int edgePixelsOfColour(const Painted &p, double latSouth, double latNorth, double lonDeg,
                       bool (*kind)(const QColor &))
{
    int count = 0;
    for (int i = 1; i < 40; ++i) {
        QPointF px;
        const double lat = latSouth + (latNorth - latSouth) * i / 40.0;
        if (!p.viewport.toPixel(lat, lonDeg, px))
            continue;
        for (int dx = -1; dx <= 1; ++dx) {
            if (kind(p.image.pixelColor(static_cast<int>(px.x()) + dx, static_cast<int>(px.y())))) {
                ++count;
                break;
            }
        }
    }
    return count;
}

TEST(AreaLayer, OutlinesAreasInTheirSeverityColourAndFillsThreatenedOnes)
{
    std::vector<ProtectedArea> areas;
    areas.push_back(boxArea("territory:TL", ProtectedAreaKind::Territory, AlertSeverity::Critical,
                            36.0, 134.0, 38.0, 136.0));
    areas.push_back(boxArea("eez:TL", ProtectedAreaKind::Eez, AlertSeverity::Warning, 33.0, 128.0,
                            35.0, 131.0));
    AreaLayer layer;
    layer.setAreas(std::make_shared<const ProtectedAreaSet>(std::move(areas)));

    Painted watched = paint(layer);
    // Dashed: some of the edge in the colour, not all of it.
    const int territoryEdge = edgePixelsOfColour(watched, 36.0, 38.0, 134.0, criticalLike);
    EXPECT_GT(territoryEdge, 8);
    EXPECT_LT(territoryEdge, 39) << "dashed while merely watched";
    EXPECT_GT(edgePixelsOfColour(watched, 33.0, 35.0, 128.0, warningLike), 4);
    EXPECT_EQ(edgePixelsOfColour(watched, 36.0, 38.0, 134.0, warningLike), 0) << "territory is not warning-coloured";
    // Inside, nothing is painted while no threat is on.
    QPointF insidePx;
    ASSERT_TRUE(watched.viewport.toPixel(37.0, 135.0, insidePx));
    EXPECT_EQ(watched.image.pixelColor(insidePx.toPoint()), QColor(Qt::black));

    layer.setThreatenedAreas({{"territory:TL", AreaThreat::Impact}});
    Painted threatened = paint(layer);
    EXPECT_GE(edgePixelsOfColour(threatened, 36.0, 38.0, 134.0, criticalLike), 37) << "solid under threat";
    const QColor fill = threatened.image.pixelColor(insidePx.toPoint());
    EXPECT_GT(fill.red(), fill.blue()) << "lightly filled in the critical colour";
    EXPECT_GT(fill.red(), 10);
    // Painting again in the same view reuses the projected outlines.
    const int builds = layer.buildCount();
    QPainter painter(&threatened.image);
    layer.paint(painter, threatened.viewport, MapRenderContext {});
    EXPECT_EQ(layer.buildCount(), builds) << "outlines projected once per projection";
}

// The label says which alert is on: a possible impact and an overflight call for different
// actions, and an impact threat outranks an overflight of the same area.
TEST(AreaLayer, LabelNamesTheKindOfThreat)
{
    std::vector<ProtectedArea> areas;
    areas.push_back(boxArea("territory:TL", ProtectedAreaKind::Territory, AlertSeverity::Critical,
                            36.0, 134.0, 38.0, 136.0));
    areas.push_back(boxArea("eez:TL", ProtectedAreaKind::Eez, AlertSeverity::Warning, 33.0, 128.0,
                            35.0, 131.0));
    AreaLayer layer;
    layer.setAreas(std::make_shared<const ProtectedAreaSet>(std::move(areas)));
    layer.setThreatenedAreas({{"territory:TL", AreaThreat::Overflight}, {"eez:TL", AreaThreat::Impact}});

    Painted out;
    out.image = QImage(out.viewport.sizePx(), QImage::Format_ARGB32_Premultiplied);
    QPainter painter(&out.image);
    MapLabelCollector labels;
    MapRenderContext context;
    context.labels = &labels;
    layer.paint(painter, out.viewport, context);
    QStringList texts;
    for (const MapLabel &label : labels.labels())
        texts << label.text;
    ASSERT_EQ(texts.size(), 2) << texts.join(u'|').toStdString();
    EXPECT_TRUE(texts.filter(QStringLiteral("OVERFLIGHT")).size() == 1) << texts.join(u'|').toStdString();
    EXPECT_TRUE(texts.filter(QStringLiteral("IMPACT THREAT")).size() == 1) << texts.join(u'|').toStdString();
}

TEST(AreaLayer, LegendSaysWhatTheLinesMean)
{
    AreaLayer layer;
    MapRenderContext context;
    EXPECT_TRUE(layer.legendEntries(context).empty()) << "nothing protected, nothing to explain";
    std::vector<ProtectedArea> areas;
    areas.push_back(boxArea("eez:TL", ProtectedAreaKind::Eez, AlertSeverity::Warning, 33.0, 128.0,
                            35.0, 131.0));
    layer.setAreas(std::make_shared<const ProtectedAreaSet>(std::move(areas)));
    const auto entries = layer.legendEntries(context);
    ASSERT_EQ(entries.size(), 3u);
    EXPECT_EQ(entries[1].text, QStringLiteral("Protected EEZ (warning)"));
}

} // namespace
} // namespace cop
