// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/measurelayer.h"

#include "widgets/geoshapes.h"
#include "widgets/maplabels.h"
#include "widgets/maprendercontext.h"
#include "widgets/mapviewport.h"

#include <GeographicLib/Geodesic.hpp>
#include <GeographicLib/GeodesicLine.hpp>

#include <QFontMetricsF>
#include <QPainter>

#include <cmath>

namespace cop {
namespace {

// Densify geodesics so they stay curved once projected (20 km is well under a pixel of error
// at the theatre scale).
constexpr double kStepM = 20'000.0;
// Longer jumps between neighbours in projected metres are a wrap round the projection's back.
constexpr double kMaxSegmentM = 2'000'000.0;

GeoRing geodesicCircle(const LatLonDeg &centre, double radiusM)
{
    GeoRing ring;
    const GeographicLib::Geodesic &geodesic = GeographicLib::Geodesic::WGS84();
    constexpr int kPoints = 180;
    for (int i = 0; i < kPoints; ++i) {
        double latDeg = 0.0, lonDeg = 0.0;
        geodesic.Direct(centre.latDeg, centre.lonDeg, 360.0 * i / kPoints, radiusM, latDeg, lonDeg);
        ring.push_back({latDeg, lonDeg});
    }
    return ring;
}

QFont labelFont(const QPainter &painter)
{
    QFont font = painter.font();
    font.setPixelSize(11);
    font.setBold(true);
    return font;
}

// A measurement's label: a small dark box with light text, the same in both themes (it is the
// operator's own annotation, not part of the picture).
void submitText(QPainter &painter, const MapRenderContext &context, const MapViewport &viewport,
                const QPointF &anchorPx, const QString &text)
{
    const QFont font = labelFont(painter);
    const QFontMetricsF metrics(font);
    MapLabel label;
    label.anchorPx = QRectF(anchorPx - QPointF(3.0, 3.0), QSizeF(6.0, 6.0));
    label.sizePx = QSizeF(metrics.horizontalAdvance(text) + 10.0, metrics.height() + 4.0);
    // The operator asked for it: above every track label but the selected one's.
    label.priority = LabelPriority::Impact;
    label.mandatory = true;
    const QColor background = context.theme.overlayBackground;
    const QColor colour = context.theme.selection;
    label.leaderColour = colour;
    label.paint = [=](QPainter &p, const QRectF &rect) {
        p.setPen(QPen(colour, 1.0));
        p.setBrush(background);
        p.drawRoundedRect(rect, 2.0, 2.0);
        p.setFont(font);
        p.drawText(rect, Qt::AlignCenter, text);
    };
    submitLabel(painter, context.labels, std::move(label), viewport.rectPx());
}

} // namespace

QString formatDistance(double distanceM)
{
    if (distanceM < 10'000.0)
        return QStringLiteral("%1 km").arg(distanceM / 1000.0, 0, 'f', 2);
    if (distanceM < 1'000'000.0)
        return QStringLiteral("%1 km").arg(distanceM / 1000.0, 0, 'f', 1);
    return QStringLiteral("%1 km").arg(std::round(distanceM / 1000.0), 0, 'f', 0);
}

MeasureLayer::Leg MeasureLayer::measure(const LatLonDeg &a, const LatLonDeg &b)
{
    double distanceM = 0.0, azi1Deg = 0.0, azi2Deg = 0.0;
    GeographicLib::Geodesic::WGS84().Inverse(a.latDeg, a.lonDeg, b.latDeg, b.lonDeg, distanceM,
                                             azi1Deg, azi2Deg);
    double bearing = std::fmod(azi1Deg + 360.0, 360.0);
    if (bearing >= 360.0)
        bearing = 0.0;
    return {distanceM, bearing};
}

double MeasureLayer::ringStepMFor(double viewWidthM)
{
    const double target = std::max(1000.0, viewWidthM / 3.0 / kRingCount);
    const double decade = std::pow(10.0, std::floor(std::log10(target)));
    for (double step : {5.0, 2.0, 1.0}) {
        if (step * decade <= target)
            return step * decade;
    }
    return decade;
}

MeasureLayer::MeasureLayer() = default;
MeasureLayer::~MeasureLayer() = default;

void MeasureLayer::setMode(Mode mode)
{
    if (mode == m_mode)
        return;
    m_mode = mode;
    clear();
}

void MeasureLayer::addPoint(const LatLonDeg &point, double ringStepM)
{
    if (m_mode == Mode::Off || !std::isfinite(point.latDeg) || !std::isfinite(point.lonDeg))
        return;
    if (m_mode == Mode::RangeRings) {
        m_points.assign(1, point);
        m_ringStepM = ringStepM;
    } else {
        m_points.push_back(point);
    }
    m_geometryValid = false;
}

bool MeasureLayer::clear()
{
    const bool hadPoints = !m_points.empty();
    m_points.clear();
    m_geometryValid = false;
    return hadPoints;
}

std::vector<MeasureLayer::Leg> MeasureLayer::legs() const
{
    std::vector<Leg> result;
    for (std::size_t i = 1; i < m_points.size(); ++i)
        result.push_back(measure(m_points[i - 1], m_points[i]));
    return result;
}

double MeasureLayer::totalDistanceM() const
{
    double total = 0.0;
    for (const Leg &leg : legs())
        total += leg.distanceM;
    return total;
}

void MeasureLayer::rebuild(const MapViewport &viewport)
{
    if (m_geometryValid && m_projectionRevision == viewport.projectionRevision())
        return;
    m_pathM = QPainterPath();
    const Projection &projection = viewport.projection();
    if (m_mode == Mode::Distance) {
        for (std::size_t i = 1; i < m_points.size(); ++i)
            m_pathM.addPath(projectPolyline(projection, geodesicPolyline(m_points[i - 1], m_points[i], kStepM),
                                            false, kMaxSegmentM)
                                .path);
    } else if (m_mode == Mode::RangeRings && !m_points.empty()) {
        for (int ring = 1; ring <= kRingCount; ++ring)
            m_pathM.addPath(projectPolyline(projection, geodesicCircle(m_points.front(), ring * m_ringStepM),
                                            true, kMaxSegmentM)
                                .path);
    }
    m_projectionRevision = viewport.projectionRevision();
    m_geometryValid = true;
}

void MeasureLayer::paint(QPainter &painter, const MapViewport &viewport,
                         const MapRenderContext &context)
{
    if (m_mode == Mode::Off || m_points.empty())
        return;
    rebuild(viewport);
    painter.setRenderHint(QPainter::Antialiasing, true);
    const QColor colour = context.theme.selection;
    // A dark casing under a bright line reads over land, sea and fans alike.
    const QPainterPath pathPx = viewport.projectedToPixelTransform().map(m_pathM);
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(QColor(0, 0, 0, 140), 3.5));
    painter.drawPath(pathPx);
    QPen pen(colour, 1.6);
    if (m_mode == Mode::RangeRings)
        pen.setDashPattern({6.0, 3.0});
    painter.setPen(pen);
    painter.drawPath(pathPx);

    std::vector<QPointF> pointsPx;
    for (const LatLonDeg &p : m_points) {
        QPointF px;
        if (viewport.toPixel(p.latDeg, p.lonDeg, px))
            pointsPx.push_back(px);
        else
            pointsPx.push_back(QPointF(qQNaN(), qQNaN()));
    }
    painter.setPen(QPen(QColor(0, 0, 0, 160), 1.0));
    painter.setBrush(colour);
    for (const QPointF &px : pointsPx) {
        if (!std::isnan(px.x()))
            painter.drawEllipse(px, 3.5, 3.5);
    }

    if (m_mode == Mode::Distance) {
        const std::vector<Leg> allLegs = legs();
        for (std::size_t i = 0; i < allLegs.size(); ++i) {
            // Label at the geodesic's midpoint, not the projected chord's.
            const GeographicLib::GeodesicLine line = GeographicLib::Geodesic::WGS84().InverseLine(
                m_points[i].latDeg, m_points[i].lonDeg, m_points[i + 1].latDeg, m_points[i + 1].lonDeg);
            double midLat = 0.0, midLon = 0.0;
            line.Position(allLegs[i].distanceM / 2.0, midLat, midLon);
            QPointF midPx;
            if (!viewport.toPixel(midLat, midLon, midPx))
                continue;
            submitText(painter, context, viewport, midPx,
                       QStringLiteral("%1  %2°").arg(formatDistance(allLegs[i].distanceM))
                           .arg(allLegs[i].initialBearingDeg, 5, 'f', 1, QLatin1Char('0')));
        }
        if (allLegs.size() > 1 && !std::isnan(pointsPx.back().x()))
            submitText(painter, context, viewport, pointsPx.back(),
                       QStringLiteral("total %1").arg(formatDistance(totalDistanceM())));
    } else if (m_mode == Mode::RangeRings) {
        const LatLonDeg &centre = m_points.front();
        for (int ring = 1; ring <= kRingCount; ++ring) {
            double latDeg = 0.0, lonDeg = 0.0;
            GeographicLib::Geodesic::WGS84().Direct(centre.latDeg, centre.lonDeg, 0.0, ring * m_ringStepM,
                                                    latDeg, lonDeg);
            QPointF px;
            if (viewport.toPixel(latDeg, lonDeg, px))
                submitText(painter, context, viewport, px, formatDistance(ring * m_ringStepM));
        }
    }
}

} // namespace cop
