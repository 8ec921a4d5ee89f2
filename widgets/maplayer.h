// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/maplegend.h"

#include <QString>

#include <algorithm>
#include <vector>

class QPainter;

namespace cop {

class MapViewport;
struct MapRenderContext;

// One layer of the map (basemap, sensors, tracks, later overlays). A layer paints with a
// QPainter and knows nothing of QWidget, so a test can paint it into a QImage. Layers keep
// their own caches of projected geometry and recompute only when their source changes,
// which is why paint() is not const.
class MapLayer
{
public:
    virtual ~MapLayer() = default;

    // Short stable identifier, e.g. "basemap", for settings and lookup.
    virtual QString id() const = 0;
    virtual void paint(QPainter &painter, const MapViewport &viewport,
                       const MapRenderContext &context) = 0;
    // What this layer adds to the legend for the current picture; none by default.
    virtual std::vector<MapLegendEntry> legendEntries(const MapRenderContext &context) const
    {
        (void)context;
        return {};
    }

    bool isVisible() const { return m_visible; }
    void setVisible(bool visible) { m_visible = visible; }
    // 0 (invisible) to 1 (as drawn); the renderer applies it to everything the layer paints
    // except its labels, which the shared label pass draws.
    double opacity() const { return m_opacity; }
    void setOpacity(double opacity) { m_opacity = std::clamp(opacity, 0.0, 1.0); }

private:
    bool m_visible = true;
    double m_opacity = 1.0;
};

} // namespace cop
