// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QPointF>
#include <QRectF>
#include <QString>

class QPainter;

namespace cop {

// Text drawn straight on the map (sensor names, launch times, confidence levels) gets a thin
// halo in the background colour, so it stays readable over fans, coastlines and either theme
// without the weight of a label box. The halo is the text drawn at one-pixel offsets, which
// keeps the glyphs hinted and crisp (a stroked outline path would blur small text).
struct MapTheme;

// The colour for text in a given hue on the map: as is on the dark theme; darkened on the
// light theme, where the bright nation and identity colours would wash out. Same hue, so the
// nation still reads from the colour.
QColor readableTextColour(const QColor &colour, const MapTheme &theme);

void paintHaloText(QPainter &painter, const QPointF &baselinePx, const QString &text,
                   const QColor &colour, const QColor &halo);
void paintHaloText(QPainter &painter, const QRectF &rectPx, int alignment, const QString &text,
                   const QColor &colour, const QColor &halo);

} // namespace cop
