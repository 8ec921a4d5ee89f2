// SPDX-License-Identifier: GPL-3.0-or-later
// The stage drop layer draws each published zone of a space launcher where it is predicted, in
// the publishing nation's colour, and forgets zones whose track no longer carries them.
#include "core/picture.h"
#include "core/projection.h"
#include "widgets/maprendercontext.h"
#include "widgets/mapviewport.h"
#include "widgets/nationpalette.h"
#include "widgets/stagedroplayer.h"

#include <QImage>
#include <QPainter>

#include <gtest/gtest.h>

#include <cmath>

namespace cop {
namespace {

constexpr TimeUs kT0 = 1'700'000'000'000'000;

FeedMessage launcherUpdate(std::uint64_t sequence, std::vector<StageDropZone> zones)
{
    FeedMessage m;
    m.header.sourceId = "US-C2BMC";
    m.header.nation = Nation::UnitedStates;
    m.header.sequence = sequence;
    m.header.sourceTimeUs = kT0 + static_cast<TimeUs>(sequence) * kMicrosPerSecond;
    m.header.receiveTimeUs = m.header.sourceTimeUs;
    TrackUpdate u;
    u.trackId = "US-0001";
    u.timeUs = m.header.sourceTimeUs;
    u.position = {30.0, 126.5, 300e3};
    u.velocity = {800.0, -5000.0, 100.0};
    u.phase = TrackPhase::Boost;
    u.identity = Identity::Hostile;
    u.missileClass = MissileClass::SpaceLaunch;
    u.stageDrops = std::move(zones);
    m.body = u;
    return m;
}

bool isNear(QColor a, QColor b, int tolerance = 40)
{
    return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue())
        < tolerance;
}

TEST(StageDropLayer, DrawsEachZoneAtItsPointInTheNationsColourAndForgetsItWithTheTrack)
{
    Picture picture;
    const std::vector<StageDropZone> zones {
        {1, {35.3, 125.7, 0.0}, kT0 + 400 * kMicrosPerSecond, {3.0e8, 0.0, 9.0e8}},
        {2, {15.0, 129.2, 0.0}, kT0 + 900 * kMicrosPerSecond, {4.0e9, 1.0e8, 1.0e10}},
    };
    picture.applyBatch({launcherUpdate(1, zones)});
    MapViewport viewport(Projection(), QSize(1200, 900));
    viewport.showTheatre();
    MapRenderContext context;
    context.picture = &picture;
    context.liveNowUs = kT0 + 2 * kMicrosPerSecond;
    StageDropLayer layer;

    QImage image(viewport.sizePx(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::black);
    {
        QPainter painter(&image);
        layer.paint(painter, viewport, context);
    }
    EXPECT_EQ(layer.lastZoneCount(), 2);
    // The first zone is inside the theatre view: its marker is painted in the US colour.
    QPointF markerPx;
    ASSERT_TRUE(viewport.toPixel(35.3, 125.7, markerPx));
    ASSERT_TRUE(image.rect().contains(markerPx.toPoint()));
    const QColor atMarker = image.pixelColor(markerPx.toPoint());
    const QColor us = nationColour(Nation::UnitedStates);
    QColor blended = us; // the marker's fill over black
    blended.setRgbF(us.redF() * 0.45f, us.greenF() * 0.45f, us.blueF() * 0.45f);
    EXPECT_TRUE(isNear(atMarker, blended) || isNear(atMarker, us))
        << atMarker.name().toStdString() << " vs " << us.name().toStdString();
    // Something is drawn on the 95 % ellipse: east of the point by about 2.45σ (σ_e 17 km).
    QPointF eastPx;
    ASSERT_TRUE(viewport.toPixel(35.3, 125.7 + 2.447 * std::sqrt(3.0e8) / 90'000.0, eastPx));
    bool outlineFound = false;
    for (int dx = -3; dx <= 3 && !outlineFound; ++dx) {
        for (int dy = -3; dy <= 3 && !outlineFound; ++dy)
            outlineFound = image.pixelColor(eastPx.toPoint() + QPoint(dx, dy)) != QColor(Qt::black);
    }
    EXPECT_TRUE(outlineFound);
    EXPECT_FALSE(layer.legendEntries(context).empty());

    // The next update carries no zones: nothing is drawn.
    picture.applyBatch({launcherUpdate(2, {})});
    context.liveNowUs = kT0 + 3 * kMicrosPerSecond;
    QImage again(viewport.sizePx(), QImage::Format_ARGB32_Premultiplied);
    again.fill(Qt::black);
    {
        QPainter painter(&again);
        layer.paint(painter, viewport, context);
    }
    EXPECT_EQ(layer.lastZoneCount(), 0);
    EXPECT_EQ(again.pixelColor(markerPx.toPoint()), QColor(Qt::black));
    EXPECT_TRUE(layer.legendEntries(context).empty());
}

} // namespace
} // namespace cop
