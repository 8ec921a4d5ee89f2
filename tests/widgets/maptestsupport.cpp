// SPDX-License-Identifier: GPL-3.0-or-later
#include "maptestsupport.h"

#include "widgets/basemaplayer.h"
#include "widgets/sensorlayer.h"
#include "widgets/tracklayer.h"

#include <QPainter>

#include <gtest/gtest.h>

namespace cop::test {

std::shared_ptr<const Basemap> embeddedBasemap()
{
    static const std::shared_ptr<const Basemap> basemap = [] {
        QString error;
        std::optional<Basemap> loaded = Basemap::loadEmbedded(&error);
        EXPECT_TRUE(loaded.has_value()) << error.toStdString();
        return loaded ? std::make_shared<const Basemap>(std::move(*loaded)) : nullptr;
    }();
    return basemap;
}

FeedMessage hostileTrackMessage(const std::string &trackId, TimeUs timeUs, double latDeg,
                                double lonDeg, const std::string &sourceId, Nation nation)
{
    TrackUpdate update;
    update.trackId = trackId;
    update.timeUs = timeUs;
    update.position = {latDeg, lonDeg, 250'000.0};
    update.velocity = {1500.0, 500.0, -200.0};
    update.phase = TrackPhase::Midcourse;
    update.identity = Identity::Hostile;
    update.missileClass = MissileClass::MediumRange;
    update.hasImpact = true;
    update.impact.point = {latDeg + 1.0, lonDeg + 3.0, 0.0};
    update.impact.timeUs = timeUs + 200 * kMicrosPerSecond;
    update.impact.covarianceM2 = {9.0e8, 2.0e8, 4.0e8}; // ~30 km by ~20 km (1 σ)
    return {{sourceId, nation, 1, timeUs, timeUs}, std::move(update)};
}

FeedMessage groundRadarMessage(const std::string &sensorId, const std::string &name,
                               double latDeg, double lonDeg, TimeUs timeUs)
{
    SensorStatus radar;
    radar.sensorId = sensorId;
    radar.name = name;
    radar.kind = SensorKind::GroundRadar;
    radar.site = {latDeg, lonDeg, 100.0};
    radar.coverage = {0.0, 60.0, 1.0, 90.0, 1'000'000.0};
    radar.state = SensorState::Operational;
    radar.timeUs = timeUs;
    return {{"KR-KAMD", Nation::Korea, 1, timeUs, timeUs}, radar};
}

bool anyOverlap(const std::vector<QRectF> &rects)
{
    for (std::size_t i = 0; i < rects.size(); ++i) {
        for (std::size_t j = i + 1; j < rects.size(); ++j) {
            if (rects[i].intersects(rects[j]))
                return true;
        }
    }
    return false;
}

RenderedMap::RenderedMap(QSize sizePx)
    : viewport(Projection(), sizePx)
{
    renderer.addLayer(std::make_unique<BasemapLayer>(embeddedBasemap()));
    renderer.addLayer(std::make_unique<SensorLayer>());
    renderer.addLayer(std::make_unique<TrackLayer>());
}

QImage RenderedMap::render()
{
    QImage image(viewport.sizePx(), QImage::Format_ARGB32_Premultiplied);
    QPainter painter(&image);
    renderer.render(painter, viewport, context);
    return image;
}

} // namespace cop::test
