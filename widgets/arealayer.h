// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/protectedarea.h"
#include "widgets/maplayer.h"

#include <QPainterPath>
#include <QPointF>

#include <cstdint>
#include <memory>
#include <map>
#include <string>
#include <vector>

namespace cop {

// The areas the alert rules protect, outlined so an operator sees what the console watches:
// territory dashed in the critical colour, EEZs dashed in the warning colour, each labelled
// with its name (approximate EEZs say so in their name). An area with an active impact-threat
// or overflight alert is drawn solid, thicker and lightly filled, so the threatened place
// stands out from the ones merely watched; its label says which of the two it is, because
// "a missile may land here" and "a missile passes over here" call for different actions.
// What an active alert says of an area; an impact threat outranks an overflight.
enum class AreaThreat : std::uint8_t { Overflight, Impact };

class AreaLayer : public MapLayer
{
public:
    AreaLayer();
    ~AreaLayer() override;

    QString id() const override { return QStringLiteral("protected-areas"); }
    void paint(QPainter &painter, const MapViewport &viewport,
               const MapRenderContext &context) override;
    std::vector<MapLegendEntry> legendEntries(const MapRenderContext &context) const override;

    void setAreas(std::shared_ptr<const ProtectedAreaSet> areas);
    const ProtectedAreaSet *areas() const { return m_areas.get(); }
    // Areas with an active impact-threat or overflight alert, by id.
    using Threats = std::map<std::string, AreaThreat>;
    void setThreatenedAreas(Threats threats) { m_threatened = std::move(threats); }
    const Threats &threatenedAreas() const { return m_threatened; }

    // How many times outlines were projected (for tests of the cache).
    int buildCount() const { return m_buildCount; }

private:
    struct CachedArea
    {
        QPainterPath pathM; // outlines in projected metres, simplified, small islets left out
        QPointF labelM; // centre of the largest polygon's projected bounds
        bool hasLabel = false;
    };
    void rebuild(const MapViewport &viewport);

    std::shared_ptr<const ProtectedAreaSet> m_areas;
    Threats m_threatened;
    std::vector<CachedArea> m_cache; // parallel to m_areas->areas()
    std::uint64_t m_projectionRevision = 0;
    int m_buildCount = 0;
};

} // namespace cop
