// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/mapviewport.h"

#include <algorithm>
#include <atomic>
#include <cmath>

namespace cop {
namespace {

// Revisions are unique across all viewports, so two viewports with different projections
// never share a revision and a cache keyed on it cannot be fooled by a copied viewport.
std::uint64_t nextProjectionRevision()
{
    static std::atomic<std::uint64_t> counter{0};
    return ++counter;
}

// The projected centre may not wander further than this from the projection origin: beyond
// it there is nothing the azimuthal projection can show.
constexpr double kMaxCentreOffsetM = 12'000'000.0;

} // namespace

MapViewport::MapViewport()
    : MapViewport(Projection())
{
}

MapViewport::MapViewport(const Projection &projection, QSize sizePx)
    : m_projection(projection)
    , m_projectionRevision(nextProjectionRevision())
    , m_sizePx(sizePx)
{
    showTheatre();
}

void MapViewport::setProjection(const Projection &projection)
{
    // Keep looking at the same place across a change of projection.
    double latDeg = 0.0;
    double lonDeg = 0.0;
    const bool hadCentre = toGeo(rectPx().center(), latDeg, lonDeg);
    m_projection = projection;
    m_projectionRevision = nextProjectionRevision();
    QPointF centreM;
    if (hadCentre && m_projection.forward(latDeg, lonDeg, centreM))
        setCentreM(centreM);
    else
        setCentreM(QPointF());
}

void MapViewport::setSizePx(QSize sizePx)
{
    m_sizePx = sizePx.expandedTo(QSize(1, 1));
}

void MapViewport::setCentreM(const QPointF &centreM)
{
    m_centreM = QPointF(std::clamp(centreM.x(), -kMaxCentreOffsetM, kMaxCentreOffsetM),
                        std::clamp(centreM.y(), -kMaxCentreOffsetM, kMaxCentreOffsetM));
}

void MapViewport::setMetresPerPixel(double metresPerPixel)
{
    if (!std::isfinite(metresPerPixel))
        return;
    m_metresPerPixel = std::clamp(metresPerPixel, kMinMetresPerPixel, kMaxMetresPerPixel);
}

void MapViewport::showTheatre()
{
    QPointF centreM;
    if (!m_projection.forward(Projection::kTheatreCentreLatDeg, Projection::kTheatreCentreLonDeg,
                              centreM)) {
        centreM = QPointF();
    }
    setCentreM(centreM);
    setMetresPerPixel(std::max(kTheatreWidthM / m_sizePx.width(),
                               kTheatreHeightM / m_sizePx.height()));
}

void MapViewport::zoomAbout(const QPointF &anchorPx, double factor)
{
    if (!(factor > 0.0) || !std::isfinite(factor))
        return;
    const QPointF anchorM = pixelToProjected(anchorPx);
    setMetresPerPixel(m_metresPerPixel / factor);
    // Put anchorM back under anchorPx at the new scale.
    const QPointF offsetPx = anchorPx - rectPx().center();
    setCentreM(anchorM - QPointF(offsetPx.x() * m_metresPerPixel, -offsetPx.y() * m_metresPerPixel));
}

void MapViewport::panByPixels(const QPointF &deltaPx)
{
    setCentreM(m_centreM - QPointF(deltaPx.x() * m_metresPerPixel, -deltaPx.y() * m_metresPerPixel));
}

bool MapViewport::fitPoints(const std::vector<QPointF> &pointsM, double marginPx, double minSpanM)
{
    if (pointsM.empty())
        return false;
    double left = pointsM.front().x(), right = left;
    double bottom = pointsM.front().y(), top = bottom;
    for (const QPointF &p : pointsM) {
        left = std::min(left, p.x());
        right = std::max(right, p.x());
        bottom = std::min(bottom, p.y());
        top = std::max(top, p.y());
    }
    const double usableWidthPx = std::max(1.0, m_sizePx.width() - 2.0 * marginPx);
    const double usableHeightPx = std::max(1.0, m_sizePx.height() - 2.0 * marginPx);
    const double minScale = minSpanM / std::max(1, std::min(m_sizePx.width(), m_sizePx.height()));
    setMetresPerPixel(std::max({(right - left) / usableWidthPx, (top - bottom) / usableHeightPx, minScale}));
    setCentreM(QPointF((left + right) / 2.0, (bottom + top) / 2.0));
    return true;
}

bool MapViewport::toPixel(double latDeg, double lonDeg, QPointF &outPx) const
{
    QPointF pointM;
    if (!m_projection.forward(latDeg, lonDeg, pointM))
        return false;
    outPx = projectedToPixel(pointM);
    return true;
}

bool MapViewport::toGeo(const QPointF &px, double &latDeg, double &lonDeg) const
{
    return m_projection.inverse(pixelToProjected(px), latDeg, lonDeg);
}

QPointF MapViewport::projectedToPixel(const QPointF &pointM) const
{
    const QPointF c = rectPx().center();
    return {c.x() + (pointM.x() - m_centreM.x()) / m_metresPerPixel,
            c.y() - (pointM.y() - m_centreM.y()) / m_metresPerPixel};
}

QPointF MapViewport::pixelToProjected(const QPointF &px) const
{
    const QPointF c = rectPx().center();
    return {m_centreM.x() + (px.x() - c.x()) * m_metresPerPixel,
            m_centreM.y() - (px.y() - c.y()) * m_metresPerPixel};
}

QTransform MapViewport::projectedToPixelTransform() const
{
    const QPointF c = rectPx().center();
    const double s = 1.0 / m_metresPerPixel;
    // x' = s·x + (c.x − s·centre.x);  y' = −s·y + (c.y + s·centre.y)
    return QTransform(s, 0.0, 0.0, -s, c.x() - s * m_centreM.x(), c.y() + s * m_centreM.y());
}

QRectF MapViewport::visibleRectM() const
{
    const double halfWidthM = 0.5 * m_sizePx.width() * m_metresPerPixel;
    const double halfHeightM = 0.5 * m_sizePx.height() * m_metresPerPixel;
    return QRectF(m_centreM.x() - halfWidthM, m_centreM.y() - halfHeightM, 2.0 * halfWidthM,
                  2.0 * halfHeightM);
}

bool MapViewport::sameViewAs(const MapViewport &other) const
{
    return m_projectionRevision == other.m_projectionRevision && m_sizePx == other.m_sizePx
           && m_centreM == other.m_centreM && m_metresPerPixel == other.m_metresPerPixel;
}

} // namespace cop
