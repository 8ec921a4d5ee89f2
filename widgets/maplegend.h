// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointF>
#include <QRectF>
#include <QString>

#include <functional>
#include <vector>

class QPainter;

namespace cop {

struct MapTheme;

// One line of the map legend: a small icon and its meaning. Layers contribute entries so a
// later layer (overlays, symbol sets) adds to the legend without the renderer knowing it.
struct MapLegendEntry
{
    QString text;
    // Paints the icon into a square about one text line high.
    std::function<void(QPainter &, const QRectF &iconRect)> paintIcon;
};

// Draws the entries as a compact panel with its bottom-left corner at the given point.
// The panel paintLegend() covers, so labels can keep clear of it.
QRectF legendRect(const QPainter &painter, const std::vector<MapLegendEntry> &entries,
                  const QPointF &bottomLeftPx);
void paintLegend(QPainter &painter, const std::vector<MapLegendEntry> &entries,
                 const QPointF &bottomLeftPx, const MapTheme &theme);

} // namespace cop
