// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain.h"
#include "core/messages.h"
#include "core/picture.h"
#include "core/basemap.h"
#include "widgets/maplayer.h"
#include "widgets/maptheme.h"
#include "widgets/mapviewport.h"

#include <QImage>

#include <QPainterPath>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace cop {

// Sensors as the picture knows them at the playhead: a site symbol and the coverage fan
// (boresight ± half width out to the maximum range, built on the ellipsoid) in the nation's
// colour. The state must be unmistakable: degraded is a dashed outline with a lighter fill,
// offline is grey, hatched and outlined only, so nobody reads a dead radar as covering.
// Space-based infrared sensors see the whole theatre; a fan would be meaningless, so they
// appear only in the legend.
class SensorLayer : public MapLayer
{
public:
    SensorLayer();
    ~SensorLayer() override;

    QString id() const override { return QStringLiteral("sensors"); }
    void paint(QPainter &painter, const MapViewport &viewport,
               const MapRenderContext &context) override;
    std::vector<MapLegendEntry> legendEntries(const MapRenderContext &context) const override;

    // Coverage fans of a nation can be hidden to unclutter the map; its sites stay, so nobody
    // forgets a sensor is there.
    void setCoverageVisible(Nation nation, bool visible) { m_coverageVisible[nationIndex(nation)] = visible; }
    bool isCoverageVisible(Nation nation) const { return m_coverageVisible[nationIndex(nation)]; }

    // The sensor whose site symbol is nearest pointPx within radiusPx, if any (space sensors
    // have no site on the map).
    std::optional<std::string> sensorAt(const MapViewport &viewport, const MapRenderContext &context,
                                        const QPointF &pointPx, double radiusPx = 10.0) const;

    // The sensors behind the selected track or object, highlighted in the last frame: a ring
    // round the site and a bolder fan outline (for tests).
    const std::vector<std::string> &lastHighlighted() const { return m_highlighted; }

    // How many fans were rebuilt on the ellipsoid (for tests of the cache).
    int fanBuildCount() const { return m_fanBuildCount; }

private:
    struct CachedFan
    {
        // What the fan was built from; a change of any of these rebuilds it.
        GeoPosition site;
        SensorCoverage coverage;
        GeoRing ring;
        // Projected outline in metres, valid for one projection revision.
        std::uint64_t projectionRevision = 0;
        QPainterPath pathM;
        bool seenThisFrame = false;
    };

    const QPainterPath &fanFor(const SensorStatus &status, const MapViewport &viewport);
    // Draws fan and site into graphics (the cached image; null when it is still valid) and
    // hands the label to the frame's label pass through painter.
    void paintSensor(QPainter *graphics, QPainter &painter, const MapViewport &viewport,
                     const SensorRecord &record, const SensorStatus &status,
                     const MapRenderContext &context);
    std::size_t drawnStateHash(const MapRenderContext &context) const;

    std::unordered_map<std::string, CachedFan> m_fans;
    std::array<bool, kNationCount> m_coverageVisible{true, true, true};
    int m_fanBuildCount = 0;
    // The fans and sites as last drawn, valid for one view, theme and sensor state.
    QImage m_image;
    std::optional<MapViewport> m_imageViewport;
    MapTheme m_imageTheme;
    std::size_t m_imageHash = 0;
    std::vector<std::string> m_highlighted; // sorted
    bool isHighlighted(const std::string &sensorId) const
    {
        return std::binary_search(m_highlighted.begin(), m_highlighted.end(), sensorId);
    }
};

} // namespace cop
