// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/basemap.h"
#include "core/messages.h"
#include "core/picture.h"
#include "widgets/maprendercontext.h"
#include "widgets/maprenderer.h"
#include "widgets/mapviewport.h"

#include <QImage>
#include <QRectF>

#include <memory>
#include <string>
#include <vector>

namespace cop::test {

inline constexpr TimeUs kMapT0 = 1'700'000'000'000'000; // 2023-11-14T22:13:20Z

// The embedded Natural Earth basemap, loaded once per test program.
std::shared_ptr<const Basemap> embeddedBasemap();

// A hostile medium-range track in midcourse with an impact prediction 1° north, 3° east.
FeedMessage hostileTrackMessage(const std::string &trackId, TimeUs timeUs, double latDeg,
                                double lonDeg, const std::string &sourceId = "JP-C2",
                                Nation nation = Nation::Japan);

// A ground radar looking north with a 1,000 km fan.
FeedMessage groundRadarMessage(const std::string &sensorId, const std::string &name,
                               double latDeg, double lonDeg, TimeUs timeUs);

// Whether any two rectangles overlap (touching edges do not count).
bool anyOverlap(const std::vector<QRectF> &rects);

// The renderer with the standard layers, as MapView builds it.
struct RenderedMap
{
    MapRenderer renderer;
    MapViewport viewport;
    MapRenderContext context;

    explicit RenderedMap(QSize sizePx = QSize(1600, 900));
    QImage render();
};

} // namespace cop::test
