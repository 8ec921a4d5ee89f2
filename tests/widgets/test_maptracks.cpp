// SPDX-License-Identifier: GPL-3.0-or-later
// How tracks look over time: stale tracks grey and then leave the map by the stated rule,
// trails as long as chosen, the selected track's predicted path and its earlier ellipses.
#include "maptestsupport.h"

#include "core/ballisticpropagator.h"
#include "widgets/tracklayer.h"

#include <GeographicLib/Geodesic.hpp>

#include <QPainter>

#include <gtest/gtest.h>

namespace cop {
namespace {

using test::kMapT0;

const TrackKey kKey{"JP-C2", "T-1"};

// One track flying east at 0.05° a second for `seconds`, its impact ellipse shrinking.
void addFlyingTrack(Picture &picture, int seconds)
{
    FeedBatch batch;
    for (int i = 0; i < seconds; ++i) {
        FeedMessage message = test::hostileTrackMessage("T-1", kMapT0 + i * kMicrosPerSecond, 38.0, 126.0 + 0.05 * i);
        auto &update = std::get<TrackUpdate>(message.body);
        const double shrink = 1.0 + 4.0 * (seconds - i) / seconds;
        update.impact.covarianceM2 = {9.0e8 * shrink * shrink, 0.0, 4.0e8 * shrink * shrink};
        update.impact.point = {39.0, 138.0, 0.0};
        message.header.sequence = static_cast<std::uint64_t>(i + 1);
        batch.push_back(std::move(message));
    }
    picture.applyBatch(batch);
}

TrackLayer *trackLayerOf(test::RenderedMap &map)
{
    return static_cast<TrackLayer *>(map.renderer.layer(QStringLiteral("tracks")));
}

// Sum of colour differences over a small box: "is something drawn here in one image and not
// in the other", robust to antialiasing.
int differenceNear(const QImage &a, const QImage &b, QPoint centre, int radius = 3)
{
    int sum = 0;
    for (int y = centre.y() - radius; y <= centre.y() + radius; ++y) {
        for (int x = centre.x() - radius; x <= centre.x() + radius; ++x) {
            const QColor ca = a.pixelColor(x, y);
            const QColor cb = b.pixelColor(x, y);
            sum += std::abs(ca.red() - cb.red()) + std::abs(ca.green() - cb.green())
                   + std::abs(ca.blue() - cb.blue());
        }
    }
    return sum;
}

TEST(TrackLifetime, AStaleTrackIsGreyThenLeavesTheMapAfterTwoMinutes)
{
    Picture picture;
    picture.applyBatch({test::hostileTrackMessage("T-1", kMapT0, 39.0, 134.0)});
    test::RenderedMap map;
    map.context.picture = &picture;
    QPointF px;
    ASSERT_TRUE(map.viewport.toPixel(39.0, 134.0, px));

    map.context.playheadUs = kMapT0 + 30 * kMicrosPerSecond; // stale, still shown
    EXPECT_TRUE(trackLayerOf(map)->trackAt(map.viewport, map.context, px).has_value());
    const QImage stale = map.render();

    map.context.playheadUs = kMapT0 + TrackLayer::kRemoveAfterUs + kMicrosPerSecond;
    EXPECT_FALSE(trackLayerOf(map)->trackAt(map.viewport, map.context, px).has_value());
    const QImage removed = map.render();
    EXPECT_GT(differenceNear(stale, removed, px.toPoint(), 6), 500) << "the grey symbol is gone";
    // Its label went with it.
    for (const MapLabel &label : map.renderer.lastLabels().labels())
        EXPECT_NE(label.priority, LabelPriority::Track);
}

TEST(TrackTrail, TheTrailIsAsLongAsChosen)
{
    Picture picture;
    addFlyingTrack(picture, 300);
    test::RenderedMap map;
    map.context.picture = &picture;
    map.context.playheadUs = kMapT0 + 299 * kMicrosPerSecond;
    TrackLayer *tracks = trackLayerOf(map);

    tracks->setTrailLength(0);
    const QImage none = map.render();
    tracks->setTrailLength(60 * kMicrosPerSecond);
    const QImage oneMinute = map.render();
    tracks->setTrailLength(300 * kMicrosPerSecond);
    const QImage fiveMinutes = map.render();

    // Where the track was three minutes ago: only the five-minute trail reaches back there.
    QPointF threeMinutesAgo, thirtySecondsAgo;
    ASSERT_TRUE(map.viewport.toPixel(38.0, 126.0 + 0.05 * 119, threeMinutesAgo));
    ASSERT_TRUE(map.viewport.toPixel(38.0, 126.0 + 0.05 * 269, thirtySecondsAgo));
    EXPECT_EQ(differenceNear(none, oneMinute, threeMinutesAgo.toPoint()), 0);
    EXPECT_GT(differenceNear(none, fiveMinutes, threeMinutesAgo.toPoint()), 100);
    EXPECT_GT(differenceNear(none, oneMinute, thirtySecondsAgo.toPoint()), 100);
}

TEST(ImpactHistory, TheSelectedTrackShowsItsEarlierEllipsesAndTheToggleShowsEveryones)
{
    Picture picture;
    addFlyingTrack(picture, 60);
    test::RenderedMap map;
    map.context.picture = &picture;
    map.context.playheadUs = kMapT0 + 59 * kMicrosPerSecond;
    TrackLayer *tracks = trackLayerOf(map);

    map.render();
    EXPECT_EQ(tracks->lastEllipseHistoryCount(kKey), 0);

    // States 0…59 s; 15 s apart going back from 59 s: 44, 29, 14.
    map.context.selectedTrack = kKey;
    const QImage selected = map.render();
    EXPECT_EQ(tracks->lastEllipseHistoryCount(kKey), 3);

    map.context.selectedTrack.reset();
    tracks->setEllipseHistoryVisible(true);
    const QImage withHistory = map.render();
    EXPECT_EQ(tracks->lastEllipseHistoryCount(kKey), 3);
    tracks->setEllipseHistoryVisible(false);
    const QImage without = map.render();

    // The oldest ellipse is the widest: its outline east of the impact point shows only with
    // the history on. Its semi-axis east is √(5.991·σ²) with σ² = 9e8·shrink².
    const double shrink = 1.0 + 4.0 * (60 - 14) / 60.0;
    const double semiEastM = std::sqrt(5.991 * 9.0e8) * shrink;
    double latDeg = 0.0, lonDeg = 0.0;
    GeographicLib::Geodesic::WGS84().Direct(39.0, 138.0, 90.0, semiEastM, latDeg, lonDeg);
    QPointF edge;
    ASSERT_TRUE(map.viewport.toPixel(latDeg, lonDeg, edge));
    EXPECT_GT(differenceNear(withHistory, without, edge.toPoint()), 30);
    EXPECT_GT(differenceNear(selected, without, edge.toPoint()), 30);
}

TEST(PredictedPath, TheSelectedTrackShowsItsBallisticPathToTheGround)
{
    Picture picture;
    picture.applyBatch({test::hostileTrackMessage("T-1", kMapT0, 39.0, 128.0)});
    test::RenderedMap map;
    map.context.picture = &picture;
    map.context.playheadUs = kMapT0;
    const QImage plain = map.render();
    map.context.selectedTrack = kKey;
    const QImage selected = map.render();

    // Halfway along core's predicted path: drawn only for the selected track.
    const TrackUpdate &state = picture.track(kKey)->latest();
    const std::optional<PredictedPath> path = predictBallisticPath(state);
    ASSERT_TRUE(path.has_value());
    ASSERT_GT(path->points.size(), 4u);
    const GeoPosition &middle = path->points[path->points.size() / 2];
    QPointF px;
    ASSERT_TRUE(map.viewport.toPixel(middle.latDeg, middle.lonDeg, px));
    EXPECT_GT(differenceNear(plain, selected, px.toPoint(), 2), 100);
}

} // namespace
} // namespace cop
