// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/mapoverlays.h"

#include "widgets/maptheme.h"
#include "widgets/mapviewport.h"

#include <GeographicLib/Geodesic.hpp>

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

#include <array>
#include <cmath>

namespace cop {
namespace {

constexpr double kRadToDeg = 180.0 / M_PI;

// Ground metres per pixel across the centre of the view, or the nominal scale if the centre
// cannot be inverted.
double groundMetresPerPixelAtCentre(const MapViewport &viewport)
{
    constexpr double kHalfSpanPx = 50.0;
    const QPointF c = viewport.rectPx().center();
    double lat1 = 0.0, lon1 = 0.0, lat2 = 0.0, lon2 = 0.0;
    if (!viewport.toGeo(c - QPointF(kHalfSpanPx, 0.0), lat1, lon1)
        || !viewport.toGeo(c + QPointF(kHalfSpanPx, 0.0), lat2, lon2)) {
        return viewport.metresPerPixel();
    }
    double distanceM = 0.0;
    GeographicLib::Geodesic::WGS84().Inverse(lat1, lon1, lat2, lon2, distanceM);
    return distanceM / (2.0 * kHalfSpanPx);
}

QFont overlayFont(const QPainter &painter, int pixelSize, bool bold = false)
{
    QFont font = painter.font();
    font.setPixelSize(pixelSize);
    font.setBold(bold);
    return font;
}

} // namespace

void paintScaleBar(QPainter &painter, const MapViewport &viewport, const QPointF &bottomRightPx,
                   const MapTheme &theme)
{
    constexpr double kMaxBarPx = 180.0;
    const double metresPerPixel = groundMetresPerPixelAtCentre(viewport);
    // Largest round length that fits.
    const double maxM = kMaxBarPx * metresPerPixel;
    const double decade = std::pow(10.0, std::floor(std::log10(maxM)));
    double lengthM = decade;
    for (double step : {5.0, 2.0, 1.0}) {
        if (step * decade <= maxM) {
            lengthM = step * decade;
            break;
        }
    }
    const double barPx = lengthM / metresPerPixel;
    const QString label = lengthM >= 1000.0 ? QStringLiteral("%1 km").arg(lengthM / 1000.0)
                                            : QStringLiteral("%1 m").arg(lengthM);

    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    const QFont font = overlayFont(painter, 11);
    painter.setFont(font);
    const QFontMetricsF metrics(font);
    constexpr double kBarHeightPx = 5.0;
    constexpr double kPadPx = 6.0;
    const double textHeight = metrics.height();
    const QRectF panel(bottomRightPx.x() - barPx - 2.0 * kPadPx,
                       bottomRightPx.y() - kBarHeightPx - textHeight - 3.0 * kPadPx,
                       barPx + 2.0 * kPadPx, kBarHeightPx + textHeight + 3.0 * kPadPx);
    painter.fillRect(panel, theme.overlayBackground);
    const QRectF bar(panel.left() + kPadPx, panel.bottom() - kPadPx - kBarHeightPx, barPx,
                     kBarHeightPx);
    // Alternating quarters, like a printed chart's scale.
    for (int i = 0; i < 4; ++i) {
        const QRectF quarter(bar.left() + bar.width() * i / 4.0, bar.top(), bar.width() / 4.0,
                             bar.height());
        painter.fillRect(quarter, i % 2 == 0 ? theme.overlayText : theme.overlayBackground);
    }
    painter.setPen(theme.overlayText);
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(bar);
    painter.drawText(QRectF(panel.left(), panel.top() + kPadPx * 0.5, panel.width(), textHeight),
                     Qt::AlignCenter, label);
    painter.restore();
}

void paintNorthArrow(QPainter &painter, const MapViewport &viewport, const QPointF &centrePx,
                     const MapTheme &theme)
{
    // Direction of true north on screen at the view centre.
    double angleRad = 0.0; // clockwise from screen up
    double latDeg = 0.0, lonDeg = 0.0;
    QPointF northPx;
    const QPointF c = viewport.rectPx().center();
    if (viewport.toGeo(c, latDeg, lonDeg) && latDeg < 89.0
        && viewport.toPixel(latDeg + 0.5, lonDeg, northPx)) {
        const QPointF d = northPx - c;
        angleRad = std::atan2(d.x(), -d.y());
    }

    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    constexpr double kRadiusPx = 18.0;
    painter.setPen(Qt::NoPen);
    painter.setBrush(theme.overlayBackground);
    painter.drawEllipse(centrePx, kRadiusPx + 4.0, kRadiusPx + 4.0);
    painter.translate(centrePx);
    painter.rotate(angleRad * kRadToDeg);
    // Two-tone needle: the northern half solid, the southern half outlined.
    QPainterPath northHalf;
    northHalf.moveTo(0.0, -kRadiusPx);
    northHalf.lineTo(6.0, 2.0);
    northHalf.lineTo(0.0, -1.0);
    northHalf.lineTo(-6.0, 2.0);
    northHalf.closeSubpath();
    painter.setBrush(theme.overlayText);
    painter.setPen(QPen(theme.overlayText, 1.0));
    painter.drawPath(northHalf);
    painter.setFont(overlayFont(painter, 11, true));
    painter.drawText(QRectF(-8.0, 2.0, 16.0, 14.0), Qt::AlignCenter, QStringLiteral("N"));
    painter.restore();
}

} // namespace cop
