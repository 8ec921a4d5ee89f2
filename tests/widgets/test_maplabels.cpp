// SPDX-License-Identifier: GPL-3.0-or-later
// Label decluttering: placed labels never overlap, the more important label wins a contested
// place, the selected track's label is always there, and a crowded anchor gets a leader line.
#include "maptestsupport.h"

#include "widgets/maplabels.h"

#include <QPainter>

#include <gtest/gtest.h>

#include <random>

namespace cop {
namespace {

const QRectF kBounds(0.0, 0.0, 800.0, 600.0);

MapLabel labelAt(QPointF anchor, QSizeF size, LabelPriority priority)
{
    MapLabel label;
    label.anchorPx = QRectF(anchor - QPointF(10.0, 10.0), QSizeF(20.0, 20.0));
    label.sizePx = size;
    label.priority = priority;
    return label;
}

std::vector<QRectF> placedRects(const std::vector<PlacedLabel> &placed)
{
    std::vector<QRectF> rects;
    for (const PlacedLabel &p : placed)
        rects.push_back(p.rectPx);
    return rects;
}

TEST(LabelPlacement, SixtyLabelsOnOnePointNeverOverlap)
{
    std::vector<MapLabel> labels;
    for (int i = 0; i < 60; ++i)
        labels.push_back(labelAt({400.0, 300.0}, {90.0, 40.0}, LabelPriority::Track));
    const std::vector<PlacedLabel> placed = placeLabels(labels, {}, kBounds);
    // Four rings of twelve candidates round one point cannot hold sixty 90×40 boxes, but
    // twenty fit (checked once by eye on a rendering).
    EXPECT_GE(placed.size(), 20u);
    EXPECT_LT(placed.size(), labels.size());
    EXPECT_FALSE(test::anyOverlap(placedRects(placed)));
    for (const PlacedLabel &p : placed)
        EXPECT_TRUE(kBounds.contains(p.rectPx));
}

TEST(LabelPlacement, LabelsKeepOffObstaclesAndTheirAnchors)
{
    std::vector<MapLabel> labels;
    for (int i = 0; i < 6; ++i)
        labels.push_back(labelAt({200.0 + 30.0 * i, 200.0}, {70.0, 30.0}, LabelPriority::Track));
    std::vector<QRectF> obstacles;
    for (const MapLabel &label : labels)
        obstacles.push_back(label.anchorPx);
    const std::vector<PlacedLabel> placed = placeLabels(labels, obstacles, kBounds);
    ASSERT_EQ(placed.size(), labels.size());
    for (const PlacedLabel &p : placed) {
        for (const QRectF &obstacle : obstacles)
            EXPECT_FALSE(p.rectPx.intersects(obstacle));
    }
    EXPECT_FALSE(test::anyOverlap(placedRects(placed)));
}

TEST(LabelPlacement, TheMoreImportantLabelWinsAContestedPlace)
{
    // A corner where only one label fits: the country name came first but the track wins.
    const QRectF tight(0.0, 0.0, 120.0, 40.0);
    std::vector<MapLabel> labels;
    MapLabel country = labelAt({60.0, 20.0}, {100.0, 30.0}, LabelPriority::CountryName);
    country.centred = true;
    labels.push_back(country);
    MapLabel track;
    track.anchorPx = QRectF(0.0, 5.0, 10.0, 10.0);
    track.sizePx = {100.0, 30.0};
    track.priority = LabelPriority::Track;
    labels.push_back(track);
    const std::vector<PlacedLabel> placed = placeLabels(labels, {}, tight);
    ASSERT_EQ(placed.size(), 1u);
    EXPECT_EQ(placed.front().index, 1u);
}

TEST(LabelPlacement, TheSelectedTrackIsAlwaysLabelled)
{
    std::vector<QRectF> obstacles{kBounds}; // nothing is free anywhere
    std::vector<MapLabel> labels{labelAt({400.0, 300.0}, {80.0, 30.0}, LabelPriority::Track),
                                 labelAt({400.0, 300.0}, {80.0, 30.0}, LabelPriority::SelectedTrack)};
    labels[1].mandatory = true;
    const std::vector<PlacedLabel> placed = placeLabels(labels, obstacles, kBounds);
    ASSERT_EQ(placed.size(), 1u);
    EXPECT_EQ(placed.front().index, 1u);
}

TEST(LabelPlacement, ACrowdedAnchorGetsALeaderLineToItsLabel)
{
    std::vector<MapLabel> labels;
    for (int i = 0; i < 12; ++i)
        labels.push_back(labelAt({400.0, 300.0}, {60.0, 20.0}, LabelPriority::Sensor));
    const std::vector<PlacedLabel> placed = placeLabels(labels, {}, kBounds);
    const auto withLeader = std::count_if(placed.begin(), placed.end(),
                                          [](const PlacedLabel &p) { return p.hasLeader; });
    ASSERT_GT(withLeader, 0);
    for (const PlacedLabel &p : placed) {
        if (!p.hasLeader)
            continue;
        // The line runs from the anchor's edge to the label's edge.
        const QRectF anchor = labels[p.index].anchorPx.adjusted(-0.01, -0.01, 0.01, 0.01);
        EXPECT_TRUE(anchor.contains(p.leaderFromPx));
        EXPECT_TRUE(p.rectPx.adjusted(-0.01, -0.01, 0.01, 0.01).contains(p.leaderToPx));
    }
}

// The whole map: tracks flying close together over named countries beside a radar. Every
// label the frame placed is clear of every other, and every track keeps its label.
TEST(LabelPlacement, ARenderedCrowdedPictureHasNoOverlappingLabels)
{
    Picture picture;
    FeedBatch batch;
    for (int i = 0; i < 6; ++i) {
        batch.push_back(test::hostileTrackMessage("T-00" + std::to_string(i), test::kMapT0,
                                                  39.0 + 0.4 * i, 128.0 + 0.5 * i));
    }
    batch.push_back(test::groundRadarMessage("KR-GP-A", "Green Pine A", 39.2, 128.1, test::kMapT0));
    picture.applyBatch(batch);
    test::RenderedMap map;
    map.context.picture = &picture;
    map.context.liveNowUs = test::kMapT0;
    map.context.selectedTrack = TrackKey{"JP-C2", "T-003"};
    const QImage image = map.render();
    ASSERT_FALSE(image.isNull());

    const MapLabelCollector &labels = map.renderer.lastLabels();
    const std::vector<PlacedLabel> &placed = labels.placed();
    ASSERT_FALSE(placed.empty());
    EXPECT_FALSE(test::anyOverlap(placedRects(placed)));
    int trackLabels = 0;
    bool selectedPlaced = false;
    for (const PlacedLabel &p : placed) {
        const MapLabel &label = labels.labels()[p.index];
        if (label.priority == LabelPriority::Track)
            ++trackLabels;
        if (label.priority == LabelPriority::SelectedTrack && label.mandatory)
            selectedPlaced = true;
        EXPECT_TRUE(QRectF(QPointF(), QSizeF(map.viewport.sizePx())).contains(p.rectPx));
    }
    EXPECT_EQ(trackLabels, 5);
    EXPECT_TRUE(selectedPlaced);
}

TEST(LabelPlacement, CrowdedRandomMapNeverOverlapsAnObstacleOrAnotherLabel)
{
    // A crowd: 300 symbols as obstacles (fractional positions, so the
    // occupancy test's 4 px squares are met at every offset) and a label for each, plus a few
    // large boxes. Whatever the quick tests reject, the placed labels keep clear of all of it.
    std::mt19937 random(11);
    std::uniform_real_distribution<double> x(0.0, 800.0), y(0.0, 600.0), w(30.0, 140.0), h(12.0, 50.0);
    std::vector<MapLabel> labels;
    std::vector<QRectF> obstacles;
    for (int i = 0; i < 300; ++i) {
        const QPointF at(x(random), y(random));
        MapLabel label = labelAt(at, {w(random), h(random)}, i % 7 == 0 ? LabelPriority::Impact : LabelPriority::Track);
        obstacles.push_back(label.anchorPx);
        labels.push_back(std::move(label));
    }
    for (int i = 0; i < 5; ++i)
        obstacles.emplace_back(QPointF(x(random), y(random)), QSizeF(w(random), h(random)));
    const std::vector<PlacedLabel> placed = placeLabels(labels, obstacles, kBounds);
    ASSERT_GT(placed.size(), 10u);
    ASSERT_LT(placed.size(), labels.size());
    for (std::size_t i = 0; i < placed.size(); ++i) {
        EXPECT_TRUE(kBounds.contains(placed[i].rectPx));
        for (const QRectF &obstacle : obstacles)
            EXPECT_FALSE(placed[i].rectPx.intersects(obstacle));
        for (std::size_t j = i + 1; j < placed.size(); ++j)
            EXPECT_FALSE(placed[i].rectPx.intersects(placed[j].rectPx));
    }
}

} // namespace
} // namespace cop

