// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain.h"

#include <QColor>
#include <QPointF>

#include <optional>

class QPainter;

namespace cop {

struct MapTheme;

// Track symbols in the manner of MIL-STD-2525: the frame shape and colour say the standard
// identity (hostile: red diamond; unknown/pending: yellow quatrefoil; friend: blue circle;
// neutral: green square), so identity reads even without colour. A later symbol set can
// replace this one function without touching the track layer.
QColor identityColour(Identity identity, const MapTheme &theme);

struct TrackSymbolStyle
{
    QColor frame;           // identity colour, or the stale grey
    bool filled = true;     // stale tracks are drawn hollow
    bool selected = false;
    // Direction of movement on screen, radians clockwise from screen up; none if stationary.
    std::optional<double> headingScreenRad;
};

// Half the size of the frame in pixels; hit testing and label placement use it.
inline constexpr double kTrackSymbolRadiusPx = 10.0;

void paintTrackSymbol(QPainter &painter, const QPointF &centrePx, Identity identity,
                      const TrackSymbolStyle &style, const MapTheme &theme);

} // namespace cop
