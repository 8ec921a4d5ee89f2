// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/maplabels.h"
#include "widgets/maplayer.h"

#include <memory>
#include <vector>

class QPainter;

namespace cop {

class MapViewport;
struct MapRenderContext;

// Paints the map: the layers bottom to top, then all their labels in one decluttering pass
// (see maplabels.h), then the overlays fixed to the screen (scale bar,
// north arrow, legend). Owns its layers. Knows nothing of QWidget (Marble's MarbleMap behind
// MarbleWidget), so the whole map can be rendered into a QImage for tests and screenshots.
class MapRenderer
{
public:
    struct Overlays
    {
        bool scaleBar = true;
        bool northArrow = true;
        bool legend = true;
    };

    MapRenderer();
    ~MapRenderer();
    MapRenderer(const MapRenderer &) = delete;
    MapRenderer &operator=(const MapRenderer &) = delete;

    // Adds a layer on top of the existing ones; returns it for the caller's convenience.
    MapLayer *addLayer(std::unique_ptr<MapLayer> layer);
    // Inserts a layer just below the one with id aboveId (on top if there is none).
    MapLayer *insertLayerBelow(const QString &aboveId, std::unique_ptr<MapLayer> layer);
    // Adds a layer at index (0 is the bottom); an index past the end adds on top.
    MapLayer *insertLayer(std::size_t index, std::unique_ptr<MapLayer> layer);
    // Removes and destroys the layer; false if it is not one of this renderer's.
    bool removeLayer(const MapLayer *layer);
    // Moves the layer to index (0 is the bottom, clamped); false if it is not here.
    bool moveLayer(const MapLayer *layer, std::size_t index);
    // Position from the bottom, or -1.
    int indexOf(const MapLayer *layer) const;
    MapLayer *layer(const QString &id) const;
    const std::vector<std::unique_ptr<MapLayer>> &layers() const { return m_layers; }

    Overlays &overlays() { return m_overlays; }
    const Overlays &overlays() const { return m_overlays; }

    void render(QPainter &painter, const MapViewport &viewport, const MapRenderContext &context);

    // The labels of the last frame and where they went (tests check them).
    const MapLabelCollector &lastLabels() const { return m_labels; }

private:
    struct Furniture
    {
        QPointF scaleBarBottomRight;
        QPointF northArrowCentre;
        QPointF legendBottomLeft;
        std::vector<MapLegendEntry> legend;
    };
    Furniture layOutFurniture(const MapViewport &viewport, const MapRenderContext &context) const;
    // Screen areas the furniture covers: labels keep clear of them.
    std::vector<QRectF> furnitureRects(const QPainter &painter, const Furniture &furniture) const;
    void paintOverlays(QPainter &painter, const MapViewport &viewport,
                       const MapRenderContext &context, const Furniture &furniture) const;

    std::vector<std::unique_ptr<MapLayer>> m_layers;
    Overlays m_overlays;
    MapLabelCollector m_labels;
};

} // namespace cop
