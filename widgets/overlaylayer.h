// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/overlay.h"
#include "widgets/maplayer.h"

#include <QColor>
#include <QPainterPath>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace cop {

// A user's overlay file on the map: polygons filled faintly under their outline, lines, and
// point markers, in the layer's colour unless the file styles a feature (KML LineStyle and
// PolyStyle colours are honoured), with the features' names through the shared
// label pass. Edges are densified along geodesics when the layer is made, so a long straight
// edge in the file follows the Earth's surface in every projection, as the map's other shapes do.
class OverlayLayer : public MapLayer
{
public:
    // id: unique among the map's layers ("overlay:1"); sourcePath: the file, for the layer
    // list and settings (may be empty for an overlay built in code).
    OverlayLayer(QString id, std::shared_ptr<const Overlay> overlay, QColor colour,
                 QString sourcePath = QString());

    QString id() const override { return m_id; }
    void paint(QPainter &painter, const MapViewport &viewport, const MapRenderContext &context) override;

    const Overlay &overlay() const { return *m_overlay; }
    const QString &sourcePath() const { return m_sourcePath; }
    QColor colour() const { return m_colour; }
    void setColour(const QColor &colour) { m_colour = colour; }

    // The colour the n-th loaded overlay gets: distinct from one another and from the nation
    // colours of the sensors and tracks.
    static QColor defaultColour(int index);

private:
    struct Shape
    {
        OverlayFeature::Kind kind;
        QString name;
        std::vector<GeoRing> rings; // densified
        QPainterPath pathM;         // projected, in metres; empty for points
        bool unbroken = true;       // no ring was cut by the projection's edge
        // The file's own colours (KML styles); unset: the layer's colour.
        std::optional<QColor> line;
        std::optional<QColor> fill;
    };
    void reproject(const MapViewport &viewport);

    QString m_id;
    std::shared_ptr<const Overlay> m_overlay;
    QColor m_colour;
    QString m_sourcePath;
    std::vector<Shape> m_shapes;
    std::uint64_t m_projectionRevision = 0;
    bool m_projected = false;
};

} // namespace cop
