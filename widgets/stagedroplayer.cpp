// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/stagedroplayer.h"

#include "core/impactellipse.h"
#include "widgets/geoshapes.h"
#include "widgets/maplabels.h"
#include "widgets/maprendercontext.h"
#include "widgets/mapviewport.h"
#include "widgets/nationpalette.h"
#include "widgets/tracklayer.h"

#include <QFontMetricsF>
#include <QPainter>

namespace cop {
namespace {

std::string zoneKey(const TrackKey &key, int stage)
{
    // The unit separator cannot appear in ids that passed validation.
    return key.sourceId + '\x1f' + key.trackId + '\x1f' + std::to_string(stage);
}

// A diamond, the marine chart's symbol for a hazard, at the predicted point.
void paintMarker(QPainter &painter, const QPointF &centrePx, const QColor &colour)
{
    constexpr double kHalfPx = 5.0;
    QPainterPath diamond;
    diamond.moveTo(centrePx + QPointF(0.0, -kHalfPx));
    diamond.lineTo(centrePx + QPointF(kHalfPx, 0.0));
    diamond.lineTo(centrePx + QPointF(0.0, kHalfPx));
    diamond.lineTo(centrePx + QPointF(-kHalfPx, 0.0));
    diamond.closeSubpath();
    painter.setPen(QPen(colour, 1.5));
    QColor fill = colour;
    fill.setAlphaF(0.45f);
    painter.setBrush(fill);
    painter.drawPath(diamond);
}

} // namespace

void StageDropLayer::paint(QPainter &painter, const MapViewport &viewport,
                           const MapRenderContext &context)
{
    m_lastZoneCount = 0;
    if (!context.picture)
        return;
    for (auto &[key, cached] : m_zones)
        cached.seenThisFrame = false;
    const QTransform toPx = viewport.projectedToPixelTransform();
    const TimeUs nowUs = context.referenceTimeUs();
    const QRectF boundsPx(QPointF(0.0, 0.0), QSizeF(viewport.sizePx()));
    QFont font = painter.font();
    font.setPixelSize(10);
    font.setBold(true);
    const QFontMetricsF metrics(font);

    context.picture->forEachTrackAt(context.playheadUs, [&](const TrackRecord &record,
                                                            const TrackUpdate &state) {
        for (const StageDropZone &zone : state.stageDrops) {
            QPointF pointPx;
            if (!viewport.toPixel(zone.point.latDeg, zone.point.lonDeg, pointPx))
                continue;
            CachedZone &cached = m_zones[zoneKey(record.key, zone.stage)];
            cached.seenThisFrame = true;
            if (!(cached.zone == zone) || cached.projectionRevision != viewport.projectionRevision()
                || cached.ellipse95M.isEmpty()) {
                constexpr int kOutlinePoints = 72;
                constexpr double kMaxSegmentM = 2'000'000.0;
                cached.ellipse95M
                    = projectPolyline(viewport.projection(),
                                      ImpactEllipse(zone.point, zone.covarianceM2, kImpactEllipseK95,
                                                    kOutlinePoints)
                                          .outline(),
                                      true, kMaxSegmentM)
                          .path;
                cached.zone = zone;
                cached.projectionRevision = viewport.projectionRevision();
            }
            const QColor colour = nationColour(record.nation);
            QPen outline(colour, 1.4);
            outline.setDashPattern({6.0, 2.0, 1.5, 2.0}); // dash-dot: a hazard area, not an impact
            painter.setPen(outline);
            QColor fill = colour;
            fill.setAlphaF(0.08f);
            painter.setBrush(fill);
            const QPainterPath ellipsePx = toPx.map(cached.ellipse95M);
            painter.drawPath(ellipsePx);
            paintMarker(painter, pointPx, colour);
            ++m_lastZoneCount;

            const bool down = zone.timeUs != kTimeUnset && nowUs != kTimeUnset && zone.timeUs <= nowUs;
            QString text = QStringLiteral("STAGE %1").arg(zone.stage);
            if (down)
                text += QStringLiteral(" DOWN");
            else if (zone.timeUs != kTimeUnset && nowUs != kTimeUnset)
                text += QStringLiteral(" · T−%1").arg(formatCountdown(zone.timeUs - nowUs));
            text += QStringLiteral(" · %1").arg(QString::fromStdString(record.key.sourceId));
            MapLabel label;
            label.anchorPx = QRectF(pointPx - QPointF(6.0, 6.0), QSizeF(12.0, 12.0));
            label.sizePx = QSizeF(metrics.horizontalAdvance(text) + 8.0, metrics.height() + 4.0);
            label.priority = LabelPriority::Impact;
            label.leaderColour = colour;
            const QColor background = context.theme.overlayBackground;
            label.paint = [=](QPainter &p, const QRectF &box) {
                p.setPen(Qt::NoPen);
                p.setBrush(background);
                p.drawRoundedRect(box, 2.0, 2.0);
                p.setFont(font);
                p.setPen(colour);
                p.drawText(box, Qt::AlignCenter, text);
            };
            if (context.labels)
                context.labels->addObstacle(label.anchorPx);
            submitLabel(painter, context.labels, std::move(label), boundsPx);
        }
    });
    // Forget zones of tracks that are gone, so the cache stays as small as the picture.
    std::erase_if(m_zones, [](const auto &entry) { return !entry.second.seenThisFrame; });
}

std::vector<MapLegendEntry> StageDropLayer::legendEntries(const MapRenderContext &context) const
{
    if (m_lastZoneCount == 0)
        return {};
    const QColor colour = context.theme.overlayText;
    return {{QStringLiteral("Stage drop zone (95%)"), [colour](QPainter &painter, const QRectF &icon) {
                 QPen pen(colour, 1.2);
                 pen.setDashPattern({4.0, 1.5, 1.0, 1.5});
                 painter.setPen(pen);
                 painter.setBrush(Qt::NoBrush);
                 painter.drawEllipse(icon.adjusted(1.0, 3.0, -1.0, -3.0));
                 paintMarker(painter, icon.center(), colour);
             }}};
}

} // namespace cop
