// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/overlaylayer.h"

#include "widgets/geoshapes.h"
#include "widgets/maplabels.h"
#include "widgets/maprendercontext.h"
#include "widgets/maptext.h"
#include "widgets/mapviewport.h"

#include <QFontMetricsF>
#include <QPainter>

#include <array>
#include <set>

namespace cop {
namespace {

// Edges longer than this are split along the geodesic: at the theatre's scale (1–2 km per
// pixel) 50 km steps keep a curved edge smooth, and a file of a few thousand vertices
// stays a few thousand more at most.
constexpr double kDensifyStepM = 50'000.0;
// Beyond this many vertices a file is drawn as given: densifying would cost more than it shows.
constexpr std::size_t kMaxVerticesToDensify = 200'000;
// A jump longer than this between projected neighbours is the projection's edge, not an edge.
constexpr double kMaxSegmentM = 2'000'000.0;
constexpr double kPointRadiusPx = 4.5;

GeoRing densified(const GeoRing &ring, bool closed)
{
    GeoRing out;
    const std::size_t n = ring.size();
    const std::size_t edges = closed ? n : n - 1;
    for (std::size_t i = 0; i < edges; ++i) {
        const GeoRing edge = geodesicPolyline(ring[i], ring[(i + 1) % n], kDensifyStepM);
        out.insert(out.end(), edge.begin(), edge.end() - 1); // the end is the next edge's start
    }
    if (!closed)
        out.push_back(ring.back());
    return out;
}

QColor withAlpha(QColor colour, double alpha)
{
    colour.setAlphaF(static_cast<float>(alpha));
    return colour;
}

} // namespace

OverlayLayer::OverlayLayer(QString id, std::shared_ptr<const Overlay> overlay, QColor colour,
                           QString sourcePath)
    : m_id(std::move(id))
    , m_overlay(std::move(overlay))
    , m_colour(colour)
    , m_sourcePath(std::move(sourcePath))
{
    std::size_t vertices = 0;
    for (const OverlayFeature &feature : m_overlay->features)
        for (const GeoRing &ring : feature.rings)
            vertices += ring.size();
    const bool densify = vertices <= kMaxVerticesToDensify;
    m_shapes.reserve(m_overlay->features.size());
    for (const OverlayFeature &feature : m_overlay->features) {
        Shape shape{feature.kind, feature.name, {}, {}, true, std::nullopt, std::nullopt};
        if (feature.lineArgb)
            shape.line = QColor::fromRgba(*feature.lineArgb);
        if (feature.fillArgb)
            shape.fill = QColor::fromRgba(*feature.fillArgb);
        for (const GeoRing &ring : feature.rings) {
            if (densify && feature.kind != OverlayFeature::Kind::Point)
                shape.rings.push_back(densified(ring, feature.kind == OverlayFeature::Kind::Polygon));
            else
                shape.rings.push_back(ring);
        }
        m_shapes.push_back(std::move(shape));
    }
}

QColor OverlayLayer::defaultColour(int index)
{
    // Mint, coral, amber, sky, orchid: none is a nation's colour or an identity colour. The
    // first ones are furthest from the nations' blue, gold and lavender, so a single overlay
    // is never mistaken for a nation's coverage.
    static const std::array<QColor, 5> colours = {QColor(0x5e, 0xe0, 0xb0), QColor(0xff, 0x8a, 0x70),
                                                  QColor(0xf5, 0xc2, 0x42), QColor(0x7d, 0xc8, 0xff),
                                                  QColor(0xe0, 0x7b, 0xf0)};
    return colours[static_cast<std::size_t>(std::max(index, 0)) % colours.size()];
}

void OverlayLayer::reproject(const MapViewport &viewport)
{
    for (Shape &shape : m_shapes) {
        shape.pathM = QPainterPath();
        shape.pathM.setFillRule(Qt::OddEvenFill); // holes stay empty
        shape.unbroken = true;
        if (shape.kind == OverlayFeature::Kind::Point)
            continue;
        const bool closed = shape.kind == OverlayFeature::Kind::Polygon;
        for (const GeoRing &ring : shape.rings) {
            const ProjectedPath projected = projectPolyline(viewport.projection(), ring, closed, kMaxSegmentM);
            shape.pathM.addPath(projected.path);
            shape.unbroken = shape.unbroken && projected.unbroken;
        }
    }
    m_projectionRevision = viewport.projectionRevision();
    m_projected = true;
}

void OverlayLayer::paint(QPainter &painter, const MapViewport &viewport, const MapRenderContext &context)
{
    if (!m_projected || m_projectionRevision != viewport.projectionRevision())
        reproject(viewport);
    painter.setRenderHint(QPainter::Antialiasing, true);
    const QTransform toPx = viewport.projectedToPixelTransform();
    const QRectF viewPx = viewport.rectPx();
    const QRectF cullPx = viewPx.adjusted(-20.0, -20.0, 20.0, 20.0);

    QFont font = painter.font();
    font.setPointSizeF(8.5);
    const QFontMetricsF metrics(font);
    const QColor textColour = readableTextColour(m_colour, context.theme);
    const QColor halo = context.theme.sea;
    // A multi-part feature (a MultiPolygon, a KML MultiGeometry) is named once.
    std::set<QString> named;
    auto submitName = [&](const QString &name, const QRectF &anchorPx, bool centred) {
        if (name.isEmpty() || named.count(name))
            return;
        named.insert(name);
        MapLabel label;
        label.anchorPx = anchorPx;
        label.sizePx = QSizeF(metrics.horizontalAdvance(name) + 6.0, metrics.height() + 2.0);
        label.priority = LabelPriority::Sensor;
        label.centred = centred;
        label.leaderColour = withAlpha(m_colour, 0.8);
        label.paint = [font, name, textColour, halo](QPainter &p, const QRectF &rect) {
            p.setFont(font);
            paintHaloText(p, rect, Qt::AlignCenter, name, textColour, halo);
        };
        submitLabel(painter, context.labels, std::move(label), viewPx);
    };

    // Areas first, then lines, then points, so nothing small hides under a fill.
    for (OverlayFeature::Kind kind : {OverlayFeature::Kind::Polygon, OverlayFeature::Kind::Line}) {
        for (const Shape &shape : m_shapes) {
            if (shape.kind != kind || shape.pathM.isEmpty())
                continue;
            const QPainterPath pathPx = toPx.map(shape.pathM);
            const QRectF boundsPx = pathPx.boundingRect();
            if (!boundsPx.intersects(cullPx))
                continue;
            const bool area = kind == OverlayFeature::Kind::Polygon;
            painter.setPen(QPen(shape.line.value_or(withAlpha(m_colour, 0.9)), area ? 1.5 : 2.0));
            // A ring cut by the projection's edge cannot be filled without false areas.
            painter.setBrush(area && shape.unbroken ? QBrush(shape.fill.value_or(withAlpha(m_colour, 0.18)))
                                                    : QBrush(Qt::NoBrush));
            painter.drawPath(pathPx);
            if (area) {
                // The name inside the area if it fits, else nowhere: it is context, not a subject.
                if (boundsPx.width() > 2.0 * metrics.horizontalAdvance(shape.name) && boundsPx.height() > 30.0)
                    submitName(shape.name, QRectF(boundsPx.intersected(viewPx).center(), QSizeF(0.0, 0.0)), true);
            } else if (!shape.rings.empty() && !shape.rings.front().empty()) {
                const GeoRing &line = shape.rings.front();
                QPointF midPx;
                if (viewport.toPixel(line[line.size() / 2].latDeg, line[line.size() / 2].lonDeg, midPx)
                    && viewPx.contains(midPx))
                    submitName(shape.name, QRectF(midPx - QPointF(2.0, 2.0), QSizeF(4.0, 4.0)), false);
            }
        }
    }
    painter.setPen(QPen(QColor(0x0a, 0x0e, 0x12), 1.2));
    painter.setBrush(m_colour);
    for (const Shape &shape : m_shapes) {
        if (shape.kind != OverlayFeature::Kind::Point || shape.rings.empty() || shape.rings.front().empty())
            continue;
        const LatLonDeg &p = shape.rings.front().front();
        QPointF centrePx;
        if (!viewport.toPixel(p.latDeg, p.lonDeg, centrePx) || !cullPx.contains(centrePx))
            continue;
        // A diamond: not a sensor site's square, circle or triangle, nor a track symbol.
        const double r = kPointRadiusPx + 0.5;
        const QPointF diamond[4] = {centrePx + QPointF(0, -r), centrePx + QPointF(r, 0),
                                    centrePx + QPointF(0, r), centrePx + QPointF(-r, 0)};
        painter.drawPolygon(diamond, 4);
        const QRectF markerPx(centrePx - QPointF(r, r), QSizeF(2 * r, 2 * r));
        if (context.labels)
            context.labels->addObstacle(markerPx);
        named.erase(shape.name); // every point of a MultiPoint is its own place: name each
        submitName(shape.name, markerPx, false);
    }
}

} // namespace cop
