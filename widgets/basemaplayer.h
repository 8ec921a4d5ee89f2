// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/basemap.h"
#include "widgets/basemapgeometry.h"
#include "widgets/maplayer.h"
#include "widgets/maptheme.h"
#include "widgets/mapviewport.h"

#include <QImage>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>

namespace cop {

// The background of the map: sea, land, coastlines, country borders, country names and a
// labelled graticule, from the embedded basemap. Three caches keep it cheap:
//  - outlines classified into coastlines and borders once per level of detail;
//  - geometry projected into metres once per level of detail and projection;
//  - the finished picture (without names) in a QImage with a margin round the view, so a repaint over a view
//    that has not moved (the usual case: tracks move, the map does not) or has only been
//    dragged a little is a single blit.
class BasemapLayer : public MapLayer
{
public:
    explicit BasemapLayer(std::shared_ptr<const Basemap> basemap);
    ~BasemapLayer() override;

    QString id() const override { return QStringLiteral("basemap"); }
    void paint(QPainter &painter, const MapViewport &viewport,
               const MapRenderContext &context) override;

    // Level of detail for a scale: 1:110m when zoomed far out, 1:10m close in.
    static BasemapDetail detailFor(double metresPerPixel);
    // Graticule spacing for a scale: 10° normally, 5° once zoomed in enough to need it.
    static double graticuleSpacingDegFor(double metresPerPixel);

    // The cached image covers this much more than the view on each side.
    static constexpr double kCacheMarginFraction = 0.25;

    // How many times the cached image was rebuilt (for tests of the cache).
    int renderCount() const { return m_renderCount; }

private:
    struct DetailCache
    {
        std::optional<BasemapOutlines> outlines; // projection independent
        std::uint64_t projectionRevision = 0;
        ProjectedBasemap projected;
    };
    struct GraticuleCache
    {
        std::uint64_t projectionRevision = 0;
        double spacingDeg = 0.0;
        std::vector<GraticuleLine> lines;
    };

    const ProjectedBasemap &projectedFor(BasemapDetail detail, const MapViewport &viewport);
    const std::vector<GraticuleLine> &graticuleFor(const MapViewport &viewport);
    void render(QPainter &painter, const MapViewport &viewport, const MapTheme &theme);
    void paintLand(QPainter &painter, const MapViewport &viewport, const ProjectedBasemap &basemap,
                   const MapTheme &theme) const;
    struct GraticuleLabel
    {
        QRectF rectPx;
        Qt::Alignment alignment;
        QString text;
    };
    void paintGraticuleLines(QPainter &painter, const MapViewport &viewport, const MapTheme &theme);
    std::vector<GraticuleLabel> graticuleLabels(const MapViewport &viewport);
    void paintGraticuleLabels(QPainter &painter, const std::vector<GraticuleLabel> &labels,
                              const MapTheme &theme) const;
    // Country names change with the view but not with the picture; they go to the frame's
    // label pass at the lowest priority rather than into the cached image.
    void submitCountryNames(QPainter &painter, const MapViewport &viewport,
                            const ProjectedBasemap &basemap, const MapRenderContext &context) const;

    std::shared_ptr<const Basemap> m_basemap;
    std::array<DetailCache, 3> m_details;
    GraticuleCache m_graticule;

    QImage m_image;
    std::optional<MapViewport> m_imageViewport;
    MapTheme m_imageTheme;
    int m_renderCount = 0;
};

} // namespace cop
