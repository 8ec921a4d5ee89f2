// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>

#include <cstddef>
#include <functional>
#include <vector>

class QPainter;

namespace cop {

// Who wins when two labels want the same place on the map. Higher wins. The selected track's
// label is always shown; impact countdowns come next because they say when something lands;
// then the other tracks, the sensors, and the country names, which an operator knows anyway.
enum class LabelPriority : int {
    CountryName = 0,
    Sensor = 1,
    LaunchPoint = 2,
    Track = 3,
    Impact = 4,
    SelectedTrack = 5,
};

// One label the map wants to show: what it labels (the anchor rectangle, e.g. a symbol or an
// ellipse), its size, and how to paint it once placed. Layers hand labels to the
// MapLabelCollector instead of painting them, so one pass can place all of them without
// overlaps (Marble's and QGIS's label engines work the same way).
struct MapLabel
{
    QRectF anchorPx;
    QSizeF sizePx;
    // What the label says (its first line), for tests and tooltips; painting uses paint.
    QString text;
    LabelPriority priority = LabelPriority::Track;
    // Centred labels (country names) sit on the anchor's centre or nowhere; the others try
    // positions round the anchor, then further out with a leader line back to it.
    bool centred = false;
    // Never dropped (the selected track): if nothing is free it takes its first position.
    bool mandatory = false;
    QColor leaderColour = QColor(200, 200, 200);
    std::function<void(QPainter &, const QRectF &rectPx)> paint;
};

// Where a label ended up.
struct PlacedLabel
{
    std::size_t index = 0; // into the labels given to placeLabels()
    QRectF rectPx;
    bool hasLeader = false;
    QPointF leaderFromPx; // on the anchor's edge
    QPointF leaderToPx;   // on the label's edge
};

// Greedy placement, most important first: each label takes the first of its candidate
// positions (beside the anchor: right, then left, above, below; then the same further out
// with a leader line) that lies inside bounds and overlaps neither an obstacle (symbols,
// screen furniture) nor a label placed before it. A label with no free position is dropped,
// unless mandatory. Placed labels never overlap each other, except a mandatory one that found
// no free place. Cost: about n·k rectangle tests against a grid of what is placed nearby.
std::vector<PlacedLabel> placeLabels(const std::vector<MapLabel> &labels,
                                     const std::vector<QRectF> &obstaclesPx, const QRectF &boundsPx);

// The labels of one frame. Layers add labels and obstacles while they paint; the renderer
// places and paints them all after the last layer.
class MapLabelCollector
{
public:
    void clear();
    void addLabel(MapLabel label) { m_labels.push_back(std::move(label)); }
    void addObstacle(const QRectF &rectPx) { m_obstacles.push_back(rectPx); }
    // Places and paints; returns what was placed (tests check it).
    const std::vector<PlacedLabel> &placeAndPaint(QPainter &painter, const QRectF &boundsPx);

    const std::vector<MapLabel> &labels() const { return m_labels; }
    const std::vector<PlacedLabel> &placed() const { return m_placed; }
    std::size_t droppedCount() const { return m_labels.size() - m_placed.size(); }

private:
    std::vector<MapLabel> m_labels;
    std::vector<QRectF> m_obstacles;
    std::vector<PlacedLabel> m_placed;
};

// Hands the label to the frame's collector, or, with none (a layer painted on its own in a
// test), paints it at its first position inside bounds straight away.
void submitLabel(QPainter &painter, MapLabelCollector *collector, MapLabel label,
                 const QRectF &boundsPx);

} // namespace cop
