// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/projection.h"

#include <QPointF>
#include <QRectF>
#include <QSize>
#include <QTransform>

#include <cstdint>
#include <vector>

namespace cop {

// The view transform of the map: a projection, the projected point at the centre of the
// widget (metres, x east, y north), the scale (metres per pixel) and the widget size.
// Pixels have y down, so north is up. A plain value: layers receive it const and key their
// caches on it; only the widget changes it, in response to the operator.
class MapViewport
{
public:
    // Scale limits. Below ~20 m/px the finest basemap (1:10m) is visibly coarser than the
    // screen; beyond ~9 km/px the theatre becomes a few pixels and the azimuthal projection's
    // usable hemisphere would no longer fill the view.
    static constexpr double kMinMetresPerPixel = 20.0;
    static constexpr double kMaxMetresPerPixel = 9000.0;
    // The theatre view: Korean peninsula, Japan and the Sea of Japan, about 3,500 km east-west
    // by 1,900 km north-south around the projection centre (38°N 132°E).
    static constexpr double kTheatreWidthM = 3'500'000.0;
    static constexpr double kTheatreHeightM = 1'900'000.0;

    MapViewport();
    explicit MapViewport(const Projection &projection, QSize sizePx = QSize(1600, 900));

    const Projection &projection() const { return m_projection; }
    void setProjection(const Projection &projection);
    // Changes whenever the projection changes, so layers can keep projected geometry in
    // metres and recompute it only then.
    std::uint64_t projectionRevision() const { return m_projectionRevision; }

    QSize sizePx() const { return m_sizePx; }
    void setSizePx(QSize sizePx);
    QPointF centreM() const { return m_centreM; }
    void setCentreM(const QPointF &centreM);
    double metresPerPixel() const { return m_metresPerPixel; }
    void setMetresPerPixel(double metresPerPixel); // clamped to the limits

    // Centre on the theatre at a scale that shows all of it in the current size.
    void showTheatre();
    // Multiplies the scale by 1/factor (factor > 1 zooms in), keeping the geographic point
    // under anchorPx where it is, so zooming follows the cursor.
    void zoomAbout(const QPointF &anchorPx, double factor);
    // Moves the map content by deltaPx, as a drag does.
    void panByPixels(const QPointF &deltaPx);
    // Centres on the points (projected metres) at the largest scale that shows all of them
    // with marginPx to spare on every side, but no closer than minSpanM across the smaller
    // side of the view (one track alone would otherwise fill the screen with one pixel).
    // False, with the view unchanged, if there are no points.
    bool fitPoints(const std::vector<QPointF> &pointsM, double marginPx, double minSpanM);

    // Geographic <-> pixel. False where the projection cannot show the point.
    bool toPixel(double latDeg, double lonDeg, QPointF &outPx) const;
    bool toGeo(const QPointF &px, double &latDeg, double &lonDeg) const;

    // Projected metres <-> pixel.
    QPointF projectedToPixel(const QPointF &pointM) const;
    QPointF pixelToProjected(const QPointF &px) const;
    // The same as a QTransform, so a QPainterPath cached in metres is drawn with one call.
    QTransform projectedToPixelTransform() const;
    // The projected rectangle the widget shows (in metres, y up as in the projection).
    QRectF visibleRectM() const;
    QRectF rectPx() const { return QRectF(QPointF(0.0, 0.0), QSizeF(m_sizePx)); }

    // Same projection, centre, scale and size: what a cached rendering is valid for.
    bool sameViewAs(const MapViewport &other) const;

private:
    Projection m_projection;
    std::uint64_t m_projectionRevision = 0;
    QSize m_sizePx;
    QPointF m_centreM;
    double m_metresPerPixel = 2000.0;
};

} // namespace cop
