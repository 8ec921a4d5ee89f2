// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/messages.h"
#include "widgets/maplayer.h"

#include <QPainterPath>

#include <cstdint>
#include <string>
#include <unordered_map>

namespace cop {

// Where the spent stages of a space launcher are predicted to fall (TrackUpdate::stageDrops):
// for each track as of the playhead, each published zone as its 95 % ellipse with a marker at
// the predicted point and a label "STAGE n · T−mm:ss" (or "STAGE n DOWN" once its time has
// passed), in the colour of the nation that published it. Ships and aircraft in these zones
// are what a warning like Japan's for Okinawa is about. Projected outlines are cached per zone
// and recomputed only when the zone or the projection changes.
class StageDropLayer : public MapLayer
{
public:
    QString id() const override { return QStringLiteral("stagedrops"); }
    void paint(QPainter &painter, const MapViewport &viewport,
               const MapRenderContext &context) override;
    std::vector<MapLegendEntry> legendEntries(const MapRenderContext &context) const override;

    // Zones drawn in the last paint (tests check them).
    int lastZoneCount() const { return m_lastZoneCount; }

private:
    struct CachedZone
    {
        StageDropZone zone;
        std::uint64_t projectionRevision = 0;
        QPainterPath ellipse95M; // projected metres
        bool seenThisFrame = false;
    };

    std::unordered_map<std::string, CachedZone> m_zones;
    int m_lastZoneCount = 0;
};

} // namespace cop
