// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/tracksymbol.h"

#include "widgets/maptheme.h"

#include <QPainter>
#include <QImage>
#include <QPaintDevice>
#include <QPainterPath>

#include <cmath>
#include <map>
#include <tuple>

namespace cop {
namespace {

QPainterPath framePath(Identity identity, const QPointF &c, double r)
{
    QPainterPath path;
    switch (identity) {
    case Identity::Hostile:
    case Identity::Suspect:
        path.moveTo(c.x(), c.y() - r);
        path.lineTo(c.x() + r, c.y());
        path.lineTo(c.x(), c.y() + r);
        path.lineTo(c.x() - r, c.y());
        path.closeSubpath();
        break;
    case Identity::Friend:
    case Identity::AssumedFriend:
        path.addEllipse(c, r * 0.85, r * 0.85);
        break;
    case Identity::Neutral:
        path.addRect(QRectF(c.x() - r * 0.75, c.y() - r * 0.75, r * 1.5, r * 1.5));
        break;
    case Identity::Unknown:
    case Identity::Pending: {
        // Quatrefoil: four lobes round a square.
        const double q = r * 0.42;
        path.addEllipse(QPointF(c.x(), c.y() - q), q * 1.25, q * 1.25);
        path.addEllipse(QPointF(c.x() + q, c.y()), q * 1.25, q * 1.25);
        path.addEllipse(QPointF(c.x(), c.y() + q), q * 1.25, q * 1.25);
        path.addEllipse(QPointF(c.x() - q, c.y()), q * 1.25, q * 1.25);
        path = path.simplified();
        break;
    }
    }
    return path;
}

// An upright missile about 2·halfHeight tall: ogive nose, body, two fins.
QPainterPath missileIconPath(const QPointF &c, double halfHeight)
{
    const double h = halfHeight;
    const double w = h * 0.22; // half the body width
    QPainterPath path;
    path.moveTo(c.x(), c.y() - h);
    path.quadTo(c.x() + w, c.y() - h * 0.7, c.x() + w, c.y() - h * 0.4);
    path.lineTo(c.x() + w, c.y() + h * 0.45);
    path.lineTo(c.x() + w * 2.6, c.y() + h);
    path.lineTo(c.x() - w * 2.6, c.y() + h);
    path.lineTo(c.x() - w, c.y() + h * 0.45);
    path.lineTo(c.x() - w, c.y() - h * 0.4);
    path.quadTo(c.x() - w, c.y() - h * 0.7, c.x(), c.y() - h);
    path.closeSubpath();
    return path;
}

} // namespace

QColor identityColour(Identity identity, const MapTheme &theme)
{
    switch (identity) {
    case Identity::Hostile:
    case Identity::Suspect:
        return theme.hostile;
    case Identity::Friend:
    case Identity::AssumedFriend:
        return theme.friendIdentity;
    case Identity::Neutral:
        return theme.neutralIdentity;
    case Identity::Unknown:
    case Identity::Pending:
        return theme.unknownIdentity;
    }
    return theme.unknownIdentity;
}

namespace {

// Frame, fill, missile icon and selection brackets: everything but the heading line.
void paintFrameAndIcon(QPainter &painter, const QPointF &centrePx, Identity identity,
                       const TrackSymbolStyle &style, const MapTheme &theme)
{
    const double r = kTrackSymbolRadiusPx;
    const QPainterPath frame = framePath(identity, centrePx, r);
    // A dark halo keeps the frame crisp over bright fans and land alike.
    painter.setPen(QPen(QColor(0, 0, 0, 150), 4.5, Qt::SolidLine, Qt::RoundCap, Qt::MiterJoin));
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(frame);
    QColor fill = style.frame;
    fill.setAlphaF(style.filled ? 0.45f : 0.0f);
    painter.setPen(QPen(style.frame, 2.0, Qt::SolidLine, Qt::RoundCap, Qt::MiterJoin));
    painter.setBrush(fill);
    painter.drawPath(frame);
    // Missile icon inside the frame (2525's ballistic-missile main icon, simplified): what the
    // track is, readable without the label. Its centre is the exact reported position.
    painter.setPen(QPen(QColor(0, 0, 0, 170), 0.8));
    painter.setBrush(style.filled ? QColor(0xf2, 0xf2, 0xf2) : style.frame);
    painter.drawPath(missileIconPath(centrePx, r * 0.62));

    if (style.selected) {
        // Corner brackets, the usual "this one" cue that does not hide the symbol.
        const double s = r + 5.0;
        const double l = 5.0;
        painter.setPen(QPen(theme.selection, 1.6));
        for (int sx : {-1, 1}) {
            for (int sy : {-1, 1}) {
                const QPointF corner = centrePx + QPointF(sx * s, sy * s);
                painter.drawLine(corner, corner - QPointF(sx * l, 0.0));
                painter.drawLine(corner, corner - QPointF(0.0, sy * l));
            }
        }
    }
}

// Half the side of a symbol's sprite: the selection brackets reach r + 5 plus their pen.
constexpr double kSpriteHalfPx = kTrackSymbolRadiusPx + 8.0;

// The frame and icon of each distinct style, drawn once into an image: a frame of thousands
// of tracks then blits them instead of stroking thousands of wide outlines (Qt's general
// stroker is the costliest thing on the map). There are only a handful of styles.
const QImage &symbolSprite(Identity identity, const TrackSymbolStyle &style, const MapTheme &theme,
                           qreal devicePixelRatio)
{
    using Key = std::tuple<int, QRgb, bool, bool, QRgb, qreal>;
    static std::map<Key, QImage> sprites;
    const Key key{static_cast<int>(identity), style.frame.rgba(), style.filled, style.selected,
                  theme.selection.rgba(), devicePixelRatio};
    auto found = sprites.find(key);
    if (found != sprites.end())
        return found->second;
    if (sprites.size() > 64)
        sprites.clear(); // themes or colours changed many times: start again
    const int sidePx = static_cast<int>(std::ceil(2.0 * kSpriteHalfPx * devicePixelRatio));
    QImage image(sidePx, sidePx, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(devicePixelRatio);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing, true);
    paintFrameAndIcon(painter, QPointF(kSpriteHalfPx, kSpriteHalfPx), identity, style, theme);
    painter.end();
    return sprites.emplace(key, std::move(image)).first->second;
}

} // namespace

void paintTrackSymbol(QPainter &painter, const QPointF &centrePx, Identity identity,
                      const TrackSymbolStyle &style, const MapTheme &theme)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    const double r = kTrackSymbolRadiusPx;

    if (style.headingScreenRad) {
        // Direction-of-movement indicator, drawn first so the frame sits on top of its root.
        const double a = *style.headingScreenRad;
        const QPointF tip = centrePx + QPointF(std::sin(a), -std::cos(a)) * (r * 2.8);
        painter.setPen(QPen(style.frame, 2.0, Qt::SolidLine, Qt::RoundCap));
        painter.drawLine(centrePx, tip);
    }

    if (painter.transform().type() <= QTransform::TxTranslate) {
        const qreal dpr = painter.device() ? painter.device()->devicePixelRatioF() : 1.0;
        painter.drawImage(centrePx - QPointF(kSpriteHalfPx, kSpriteHalfPx),
                          symbolSprite(identity, style, theme, dpr));
    } else {
        // Scaled (the legend): draw the vectors, a scaled sprite would blur.
        paintFrameAndIcon(painter, centrePx, identity, style, theme);
    }
    painter.restore();
}

} // namespace cop
