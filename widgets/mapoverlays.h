// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointF>

class QPainter;

namespace cop {

class MapViewport;
struct MapTheme;

// Screen-fixed furniture the renderer draws over the layers.

// A scale bar of a round length (1, 2 or 5 × 10ⁿ km) ending at bottomRightPx. The length is
// measured on the ellipsoid across the centre of the view: the azimuthal projection's scale
// varies across the map, so the bar states the scale where the operator is looking.
void paintScaleBar(QPainter &painter, const MapViewport &viewport, const QPointF &bottomRightPx,
                   const MapTheme &theme);

// An arrow pointing to true north at the centre of the view (not simply "up": away from the
// projection centre the meridians lean).
void paintNorthArrow(QPainter &painter, const MapViewport &viewport, const QPointF &centrePx,
                     const MapTheme &theme);

} // namespace cop
