// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/maprenderer.h"

#include <algorithm>

#include "widgets/maprendercontext.h"
#include "widgets/mapoverlays.h"
#include "widgets/mapviewport.h"
#include "widgets/nationpalette.h"

#include <QPainter>

#include <algorithm>

namespace cop {
namespace {

constexpr double kMarginPx = 14.0;
// Where the north arrow sits relative to the top-right corner, and its radius with its disc.
constexpr double kNorthArrowInsetXPx = kMarginPx + 22.0;
constexpr double kNorthArrowInsetYPx = kMarginPx + 30.0;
constexpr double kNorthArrowRadiusPx = 24.0;
// The scale bar is at most 180 px plus padding wide and two text lines high.
constexpr double kScaleBarWidthPx = 200.0;
constexpr double kScaleBarHeightPx = 36.0;

} // namespace

MapRenderer::MapRenderer() = default;
MapRenderer::~MapRenderer() = default;

MapLayer *MapRenderer::addLayer(std::unique_ptr<MapLayer> layer)
{
    m_layers.push_back(std::move(layer));
    return m_layers.back().get();
}

MapLayer *MapRenderer::insertLayerBelow(const QString &aboveId, std::unique_ptr<MapLayer> layer)
{
    const auto above = std::find_if(m_layers.begin(), m_layers.end(),
                                    [&](const auto &l) { return l->id() == aboveId; });
    return m_layers.insert(above, std::move(layer))->get();
}

MapLayer *MapRenderer::insertLayer(std::size_t index, std::unique_ptr<MapLayer> layer)
{
    index = std::min(index, m_layers.size());
    return m_layers.insert(m_layers.begin() + static_cast<std::ptrdiff_t>(index), std::move(layer))->get();
}

int MapRenderer::indexOf(const MapLayer *layer) const
{
    for (std::size_t i = 0; i < m_layers.size(); ++i) {
        if (m_layers[i].get() == layer)
            return static_cast<int>(i);
    }
    return -1;
}

bool MapRenderer::removeLayer(const MapLayer *layer)
{
    const int index = indexOf(layer);
    if (index < 0)
        return false;
    m_layers.erase(m_layers.begin() + index);
    return true;
}

bool MapRenderer::moveLayer(const MapLayer *layer, std::size_t index)
{
    const int from = indexOf(layer);
    if (from < 0)
        return false;
    std::unique_ptr<MapLayer> owned = std::move(m_layers[static_cast<std::size_t>(from)]);
    m_layers.erase(m_layers.begin() + from);
    index = std::min(index, m_layers.size());
    m_layers.insert(m_layers.begin() + static_cast<std::ptrdiff_t>(index), std::move(owned));
    return true;
}

MapLayer *MapRenderer::layer(const QString &id) const
{
    for (const auto &layer : m_layers) {
        if (layer->id() == id)
            return layer.get();
    }
    return nullptr;
}

void MapRenderer::render(QPainter &painter, const MapViewport &viewport,
                         const MapRenderContext &context)
{
    painter.save();
    painter.setClipRect(viewport.rectPx());
    painter.fillRect(viewport.rectPx(), context.theme.sea);

    const Furniture furniture = layOutFurniture(viewport, context);
    m_labels.clear();
    for (const QRectF &rect : furnitureRects(painter, furniture))
        m_labels.addObstacle(rect);
    MapRenderContext frame = context;
    frame.labels = &m_labels;

    for (const auto &layer : m_layers) {
        if (!layer->isVisible())
            continue;
        // Each layer starts from a clean painter state, whatever the previous one left.
        painter.save();
        painter.setOpacity(layer->opacity());
        layer->paint(painter, viewport, frame);
        painter.restore();
    }
    // Labels of every layer over all the layers' drawings, placed together so none hides another.
    m_labels.placeAndPaint(painter, viewport.rectPx().adjusted(2.0, 2.0, -2.0, -2.0));
    paintOverlays(painter, viewport, context, furniture);
    painter.restore();
}

MapRenderer::Furniture MapRenderer::layOutFurniture(const MapViewport &viewport,
                                                    const MapRenderContext &context) const
{
    const QRectF area = viewport.rectPx();
    Furniture furniture;
    furniture.scaleBarBottomRight = QPointF(area.right() - kMarginPx, area.bottom() - kMarginPx);
    furniture.northArrowCentre = QPointF(area.right() - kNorthArrowInsetXPx, area.top() + kNorthArrowInsetYPx);
    furniture.legendBottomLeft = QPointF(area.left() + kMarginPx, area.bottom() - kMarginPx);
    if (m_overlays.legend) {
        furniture.legend = nationLegendEntries();
        for (const auto &layer : m_layers) {
            if (!layer->isVisible())
                continue;
            for (MapLegendEntry &entry : layer->legendEntries(context))
                furniture.legend.push_back(std::move(entry));
        }
    }
    return furniture;
}

std::vector<QRectF> MapRenderer::furnitureRects(const QPainter &painter, const Furniture &furniture) const
{
    std::vector<QRectF> rects;
    if (m_overlays.scaleBar)
        rects.emplace_back(furniture.scaleBarBottomRight - QPointF(kScaleBarWidthPx, kScaleBarHeightPx),
                           furniture.scaleBarBottomRight);
    if (m_overlays.northArrow)
        rects.emplace_back(furniture.northArrowCentre - QPointF(kNorthArrowRadiusPx, kNorthArrowRadiusPx),
                           furniture.northArrowCentre + QPointF(kNorthArrowRadiusPx, kNorthArrowRadiusPx));
    if (m_overlays.legend && !furniture.legend.empty())
        rects.push_back(legendRect(painter, furniture.legend, furniture.legendBottomLeft));
    return rects;
}

void MapRenderer::paintOverlays(QPainter &painter, const MapViewport &viewport,
                                const MapRenderContext &context, const Furniture &furniture) const
{
    if (m_overlays.scaleBar)
        paintScaleBar(painter, viewport, furniture.scaleBarBottomRight, context.theme);
    if (m_overlays.northArrow)
        paintNorthArrow(painter, viewport, furniture.northArrowCentre, context.theme);
    if (m_overlays.legend)
        paintLegend(painter, furniture.legend, furniture.legendBottomLeft, context.theme);
}

} // namespace cop
