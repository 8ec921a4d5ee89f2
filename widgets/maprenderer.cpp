// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/maprenderer.h"

#include "widgets/maprendercontext.h"
#include "widgets/mapoverlays.h"
#include "widgets/mapviewport.h"
#include "widgets/nationpalette.h"

#include <QPainter>

namespace cop {

MapRenderer::MapRenderer() = default;
MapRenderer::~MapRenderer() = default;

MapLayer *MapRenderer::addLayer(std::unique_ptr<MapLayer> layer)
{
    m_layers.push_back(std::move(layer));
    return m_layers.back().get();
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
    for (const auto &layer : m_layers) {
        if (!layer->isVisible())
            continue;
        // Each layer starts from a clean painter state, whatever the previous one left.
        painter.save();
        layer->paint(painter, viewport, context);
        painter.restore();
    }
    paintOverlays(painter, viewport, context);
    painter.restore();
}

void MapRenderer::paintOverlays(QPainter &painter, const MapViewport &viewport,
                                const MapRenderContext &context) const
{
    const QRectF area = viewport.rectPx();
    constexpr double kMarginPx = 14.0;
    if (m_overlays.scaleBar)
        paintScaleBar(painter, viewport, QPointF(area.right() - kMarginPx, area.bottom() - kMarginPx),
                      context.theme);
    if (m_overlays.northArrow)
        paintNorthArrow(painter, viewport, QPointF(area.right() - kMarginPx - 22.0, area.top() + kMarginPx + 30.0),
                        context.theme);
    if (m_overlays.legend) {
        std::vector<MapLegendEntry> entries = nationLegendEntries();
        for (const auto &layer : m_layers) {
            if (!layer->isVisible())
                continue;
            for (MapLegendEntry &entry : layer->legendEntries(context))
                entries.push_back(std::move(entry));
        }
        paintLegend(painter, entries, QPointF(area.left() + kMarginPx, area.bottom() - kMarginPx),
                    context.theme);
    }
}

} // namespace cop
