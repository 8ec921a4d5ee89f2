// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/arealayer.h"

#include "core/projection.h"
#include "widgets/geoshapes.h"
#include "widgets/maplabels.h"
#include "widgets/maprendercontext.h"
#include "widgets/maptext.h"
#include "widgets/mapviewport.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace cop {
namespace {

// The alert panel's severity hues, lightened so a thin line reads on the dark sea.
QColor severityLineColour(AlertSeverity severity)
{
    switch (severity) {
    case AlertSeverity::Critical:
        return QColor(0xe8, 0x4a, 0x3f);
    case AlertSeverity::Warning:
        return QColor(0xe8, 0x9a, 0x1c);
    case AlertSeverity::Advisory:
        return QColor(0xc8, 0xb4, 0x30);
    case AlertSeverity::Info:
        return QColor(0x8a, 0xa0, 0xb8);
    }
    return QColor(0x8a, 0xa0, 0xb8);
}

// Islets smaller than this are left out of the outlines (the basemap still shows them), and
// vertices closer than kMinStepM to the previous one are dropped: Japan alone is thousands of
// islands and a dashed outline of every rock would be noise.
constexpr double kMinPolygonExtentM = 12'000.0;
constexpr double kMinStepM = 1'500.0;
// A jump longer than this between neighbours is a ring wrapping round the projection's back.
constexpr double kMaxSegmentM = 2'000'000.0;

} // namespace

AreaLayer::AreaLayer() = default;
AreaLayer::~AreaLayer() = default;

void AreaLayer::setAreas(std::shared_ptr<const ProtectedAreaSet> areas)
{
    m_areas = std::move(areas);
    m_cache.clear();
    m_projectionRevision = 0;
}

void AreaLayer::rebuild(const MapViewport &viewport)
{
    ++m_buildCount;
    m_cache.clear();
    m_projectionRevision = viewport.projectionRevision();
    if (!m_areas)
        return;
    const Projection &projection = viewport.projection();
    for (const ProtectedArea &area : m_areas->areas()) {
        CachedArea cached;
        double largestExtentM = 0.0;
        for (const GeoPolygon &polygon : area.polygons) {
            for (std::size_t r = 0; r < polygon.rings.size(); ++r) {
                const GeoRing &ring = polygon.rings[r];
                // Simplify in projected metres: keep a vertex once it is kMinStepM from the last.
                GeoRing kept;
                QPointF lastM;
                bool haveLast = false;
                bool haveBounds = false;
                double west = 0.0, east = 0.0, south = 0.0, north = 0.0;
                for (const LatLonDeg &p : ring) {
                    QPointF m;
                    if (!projection.forward(p.latDeg, p.lonDeg, m)) {
                        kept.push_back(p); // projectPolyline breaks the path here
                        haveLast = false;
                        continue;
                    }
                    if (!haveBounds) {
                        west = east = m.x();
                        south = north = m.y();
                        haveBounds = true;
                    }
                    west = std::min(west, m.x());
                    east = std::max(east, m.x());
                    south = std::min(south, m.y());
                    north = std::max(north, m.y());
                    if (haveLast && std::hypot(m.x() - lastM.x(), m.y() - lastM.y()) < kMinStepM)
                        continue;
                    kept.push_back(p);
                    lastM = m;
                    haveLast = true;
                }
                const double extentM = std::max(east - west, north - south);
                if (extentM < kMinPolygonExtentM || kept.size() < 3)
                    continue;
                cached.pathM.addPath(projectPolyline(projection, kept, true, kMaxSegmentM).path);
                if (r == 0 && extentM > largestExtentM) {
                    largestExtentM = extentM;
                    cached.labelM = QPointF((west + east) / 2.0, (south + north) / 2.0);
                    cached.hasLabel = true;
                }
            }
        }
        m_cache.push_back(std::move(cached));
    }
}

void AreaLayer::paint(QPainter &painter, const MapViewport &viewport,
                      const MapRenderContext &context)
{
    if (!m_areas)
        return;
    if (m_cache.size() != m_areas->areas().size()
        || m_projectionRevision != viewport.projectionRevision())
        rebuild(viewport);
    const QTransform toPx = viewport.projectedToPixelTransform();
    const QRectF visiblePx = viewport.rectPx();
    painter.setRenderHint(QPainter::Antialiasing, true);
    QFont font = painter.font();
    font.setPixelSize(11);
    const QFontMetricsF metrics(font);
    const auto &areas = m_areas->areas();
    for (std::size_t i = 0; i < areas.size(); ++i) {
        const ProtectedArea &area = areas[i];
        const CachedArea &cached = m_cache[i];
        if (cached.pathM.isEmpty())
            continue;
        const QPainterPath pathPx = toPx.map(cached.pathM);
        if (!pathPx.boundingRect().intersects(visiblePx))
            continue;
        const auto threat = m_threatened.find(area.id);
        const bool threatened = threat != m_threatened.end();
        QColor colour = severityLineColour(area.severity);
        QPen pen(colour, threatened ? 2.6 : 1.2);
        if (!threatened) {
            colour.setAlphaF(0.75f);
            pen.setColor(colour);
            pen.setDashPattern({7.0, 5.0});
        }
        painter.setPen(pen);
        QColor fill = severityLineColour(area.severity);
        fill.setAlphaF(area.kind == ProtectedAreaKind::Eez ? 0.07f : 0.14f);
        painter.setBrush(threatened ? QBrush(fill) : QBrush(Qt::NoBrush));
        painter.drawPath(pathPx);

        if (!cached.hasLabel)
            continue;
        const QPointF anchorPx = toPx.map(cached.labelM);
        if (!visiblePx.contains(anchorPx))
            continue;
        QString text = area.name;
        if (threatened)
            text += threat->second == AreaThreat::Impact ? QStringLiteral(" · IMPACT THREAT")
                                                         : QStringLiteral(" · OVERFLIGHT");
        const QColor textColour = severityLineColour(area.severity);
        const QColor halo = [&] {
            QColor c = context.theme.sea;
            c.setAlphaF(0.85f);
            return c;
        }();
        MapLabel label;
        label.anchorPx = QRectF(anchorPx - QPointF(1.0, 1.0), QSizeF(2.0, 2.0));
        label.sizePx = QSizeF(metrics.horizontalAdvance(text) + 6.0, metrics.height() + 2.0);
        label.text = text;
        label.priority = threatened ? LabelPriority::LaunchPoint : LabelPriority::CountryName;
        label.centred = !threatened;
        label.paint = [font, text, textColour, halo](QPainter &p, const QRectF &rect) {
            p.setFont(font);
            p.setPen(halo);
            for (const QPointF &offset :
                 {QPointF(-1, 0), QPointF(1, 0), QPointF(0, -1), QPointF(0, 1)})
                p.drawText(rect.translated(offset), Qt::AlignCenter, text);
            p.setPen(textColour);
            p.drawText(rect, Qt::AlignCenter, text);
        };
        if (context.labels) {
            context.labels->addLabel(std::move(label));
        } else {
            const QRectF rect(anchorPx - QPointF(label.sizePx.width() / 2, label.sizePx.height() / 2),
                              label.sizePx);
            label.paint(painter, rect);
        }
    }
}

std::vector<MapLegendEntry> AreaLayer::legendEntries(const MapRenderContext &context) const
{
    (void)context;
    if (!m_areas || m_areas->isEmpty())
        return {};
    const auto line = [](AlertSeverity severity, bool solid) {
        return [severity, solid](QPainter &p, const QRectF &icon) {
            QPen pen(severityLineColour(severity), solid ? 2.4 : 1.4);
            if (!solid)
                pen.setDashPattern({3.0, 2.0});
            p.setPen(pen);
            p.setBrush(Qt::NoBrush);
            p.drawRect(icon.adjusted(2, 3, -2, -3));
        };
    };
    return {{QStringLiteral("Protected territory (critical)"), line(AlertSeverity::Critical, false)},
            {QStringLiteral("Protected EEZ (warning)"), line(AlertSeverity::Warning, false)},
            {QStringLiteral("Area under threat"), line(AlertSeverity::Critical, true)}};
}

} // namespace cop
