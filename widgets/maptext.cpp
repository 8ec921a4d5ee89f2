// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/maptext.h"

#include "widgets/maptheme.h"

#include <QPainter>

namespace cop {
namespace {

constexpr QPointF kHaloOffsets[] = {{-1.0, -1.0}, {0.0, -1.0}, {1.0, -1.0}, {-1.0, 0.0},
                                    {1.0, 0.0},   {-1.0, 1.0}, {0.0, 1.0},  {1.0, 1.0}};

} // namespace

QColor readableTextColour(const QColor &colour, const MapTheme &theme)
{
    return theme.kind == MapTheme::Kind::Light ? colour.darker(170) : colour;
}

void paintHaloText(QPainter &painter, const QPointF &baselinePx, const QString &text,
                   const QColor &colour, const QColor &halo)
{
    painter.save();
    painter.setPen(halo);
    for (const QPointF &offset : kHaloOffsets)
        painter.drawText(baselinePx + offset, text);
    painter.setPen(colour);
    painter.drawText(baselinePx, text);
    painter.restore();
}

void paintHaloText(QPainter &painter, const QRectF &rectPx, int alignment, const QString &text,
                   const QColor &colour, const QColor &halo)
{
    painter.save();
    painter.setPen(halo);
    for (const QPointF &offset : kHaloOffsets)
        painter.drawText(rectPx.translated(offset), alignment, text);
    painter.setPen(colour);
    painter.drawText(rectPx, alignment, text);
    painter.restore();
}

} // namespace cop
