// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/maplabels.h"

#include <QPainter>

#include <algorithm>
#include <cstdint>
#include <cmath>
#include <numeric>
#include <optional>

namespace cop {
namespace {

// Gap between an anchor and its label, and how far each further ring of candidates moves out.
constexpr double kGapPx = 4.0;
constexpr double kRingSpacingPx = 6.0;
constexpr int kRings = 4;
// Labels keep this much air between them, so two boxes never touch.
constexpr double kPaddingPx = 2.0;

// A uniform grid over the bounds holding the rectangles already taken, so a candidate is tested
// against its neighbours only, not against every label on the map.
class OccupancyGrid
{
public:
    explicit OccupancyGrid(const QRectF &boundsPx)
        : m_bounds(boundsPx)
        , m_columns(std::max(1, static_cast<int>(std::ceil(boundsPx.width() / kCellPx))))
        , m_rows(std::max(1, static_cast<int>(std::ceil(boundsPx.height() / kCellPx))))
        , m_cells(static_cast<std::size_t>(m_columns) * static_cast<std::size_t>(m_rows))
        , m_fineColumns(std::max(1, static_cast<int>(std::ceil(boundsPx.width() / kFinePx))))
        , m_fineRows(std::max(1, static_cast<int>(std::ceil(boundsPx.height() / kFinePx))))
        , m_wordsPerRow((m_fineColumns + 63) / 64)
        , m_covered(static_cast<std::size_t>(m_wordsPerRow) * static_cast<std::size_t>(m_fineRows), 0)
    {
    }

    void add(const QRectF &rect)
    {
        const Box box{rect.left(), rect.top(), rect.right(), rect.bottom()};
        if (box.l == box.r || box.t == box.b)
            return; // an empty rectangle overlaps nothing (as QRectF::intersects has it)
        forCells(rect, [&](std::vector<Box> &cell) { cell.push_back(box); });
        // Fine cells wholly inside the rectangle are marked covered.
        const int c0 = static_cast<int>(std::ceil((box.l - m_bounds.left()) / kFinePx));
        const int c1 = static_cast<int>(std::floor((box.r - m_bounds.left()) / kFinePx)) - 1;
        const int r0 = static_cast<int>(std::ceil((box.t - m_bounds.top()) / kFinePx));
        const int r1 = static_cast<int>(std::floor((box.b - m_bounds.top()) / kFinePx)) - 1;
        for (int r = std::max(r0, 0); r <= std::min(r1, m_fineRows - 1); ++r) {
            for (int c = std::max(c0, 0); c <= std::min(c1, m_fineColumns - 1); ++c)
                m_covered[static_cast<std::size_t>(r * m_wordsPerRow + c / 64)] |= std::uint64_t{1} << (c % 64);
        }
    }

    bool isFree(const QRectF &rect) const
    {
        // Quick, exact rejection: a fine cell that lies wholly under a taken rectangle and
        // shares area with the candidate means the two overlap. On a crowded map nearly every
        // candidate ends here, without visiting the rectangles.
        {
            const int c0 = std::max(0, static_cast<int>(std::floor((rect.left() - m_bounds.left()) / kFinePx)));
            const int c1 = std::min(m_fineColumns - 1,
                                    static_cast<int>(std::ceil((rect.right() - m_bounds.left()) / kFinePx)) - 1);
            const int r0 = std::max(0, static_cast<int>(std::floor((rect.top() - m_bounds.top()) / kFinePx)));
            const int r1 = std::min(m_fineRows - 1,
                                    static_cast<int>(std::ceil((rect.bottom() - m_bounds.top()) / kFinePx)) - 1);
            for (int r = r0; r <= r1; ++r) {
                const std::uint64_t *row = m_covered.data() + static_cast<std::size_t>(r * m_wordsPerRow);
                for (int w = c0 / 64; w <= c1 / 64 && c0 <= c1; ++w) {
                    const int from = std::max(c0, w * 64) - w * 64;
                    const int to = std::min(c1, w * 64 + 63) - w * 64;
                    const std::uint64_t mask = (to == 63 ? ~std::uint64_t{0} : (std::uint64_t{1} << (to + 1)) - 1)
                                               & ~((std::uint64_t{1} << from) - 1);
                    if (row[w] & mask)
                        return false;
                }
            }
        }

        // Each cell holds copies of its rectangles and the overlap test is inline: the
        // placement of a crowded map makes about a hundred thousand of these tests a frame.
        const Box box{rect.left(), rect.top(), rect.right(), rect.bottom()};
        int c0, c1, r0, r1;
        cellRange(rect, c0, c1, r0, r1);
        for (int r = r0; r <= r1; ++r) {
            for (int c = c0; c <= c1; ++c) {
                for (const Box &taken : m_cells[static_cast<std::size_t>(r * m_columns + c)]) {
                    if (taken.l < box.r && box.l < taken.r && taken.t < box.b && box.t < taken.b)
                        return false;
                }
            }
        }
        return true;
    }

private:
    static constexpr double kCellPx = 32.0;
    static constexpr double kFinePx = 4.0;

    struct Box
    {
        double l, t, r, b;
    };

    template<typename F>
    void forCells(const QRectF &rect, F &&f)
    {
        int c0, c1, r0, r1;
        cellRange(rect, c0, c1, r0, r1);
        for (int r = r0; r <= r1; ++r) {
            for (int c = c0; c <= c1; ++c)
                f(m_cells[static_cast<std::size_t>(r * m_columns + c)]);
        }
    }
    // Rectangles beyond the bounds fall into the border cells, so they are still found.
    void cellRange(const QRectF &rect, int &c0, int &c1, int &r0, int &r1) const
    {
        auto column = [&](double x) {
            return std::clamp(static_cast<int>(std::floor((x - m_bounds.left()) / kCellPx)), 0,
                              m_columns - 1);
        };
        auto row = [&](double y) {
            return std::clamp(static_cast<int>(std::floor((y - m_bounds.top()) / kCellPx)), 0,
                              m_rows - 1);
        };
        c0 = column(rect.left());
        c1 = column(rect.right());
        r0 = row(rect.top());
        r1 = row(rect.bottom());
    }

    QRectF m_bounds;
    int m_columns;
    int m_rows;
    std::vector<std::vector<Box>> m_cells;
    // One bit per kFinePx square: set when a taken rectangle covers the whole square.
    int m_fineColumns;
    int m_fineRows;
    int m_wordsPerRow;
    std::vector<std::uint64_t> m_covered;
};

// Candidate positions of a label round its anchor grown by `out`: right of it first (where
// Western readers look next), slightly above, then below; then left; then above and below.
void candidates(const QRectF &anchor, const QSizeF &size, double out, std::vector<QRectF> &result)
{
    const QRectF a = anchor.adjusted(-out, -out, out, out);
    const double w = size.width();
    const double h = size.height();
    const double cx = a.center().x();
    const double cy = a.center().y();
    result.clear();
    result.emplace_back(QPointF(a.right(), a.bottom() - h), size); // right, rising
    result.emplace_back(QPointF(a.right(), a.top()), size);        // right, falling
    result.emplace_back(QPointF(a.right(), cy - h / 2.0), size);   // right, centred
    result.emplace_back(QPointF(a.left() - w, a.bottom() - h), size);
    result.emplace_back(QPointF(a.left() - w, a.top()), size);
    result.emplace_back(QPointF(a.left() - w, cy - h / 2.0), size);
    result.emplace_back(QPointF(cx - w / 2.0, a.top() - h), size);  // above
    result.emplace_back(QPointF(cx - w / 2.0, a.bottom()), size);   // below
    result.emplace_back(QPointF(a.right(), a.top() - h), size);     // the four corners
    result.emplace_back(QPointF(a.right(), a.bottom()), size);
    result.emplace_back(QPointF(a.left() - w, a.top() - h), size);
    result.emplace_back(QPointF(a.left() - w, a.bottom()), size);
}

QPointF nearestPointOn(const QRectF &rect, const QPointF &p)
{
    return {std::clamp(p.x(), rect.left(), rect.right()), std::clamp(p.y(), rect.top(), rect.bottom())};
}

} // namespace

std::vector<PlacedLabel> placeLabels(const std::vector<MapLabel> &labels,
                                     const std::vector<QRectF> &obstaclesPx, const QRectF &boundsPx)
{
    std::vector<std::size_t> order(labels.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    // Most important first; among equals, the order the layers gave (stable).
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (labels[a].mandatory != labels[b].mandatory)
            return labels[a].mandatory;
        return static_cast<int>(labels[a].priority) > static_cast<int>(labels[b].priority);
    });

    OccupancyGrid taken(boundsPx);
    for (const QRectF &obstacle : obstaclesPx)
        taken.add(obstacle);

    std::vector<PlacedLabel> placed;
    placed.reserve(labels.size());
    std::vector<QRectF> tries;
    for (std::size_t index : order) {
        const MapLabel &label = labels[index];
        if (label.sizePx.isEmpty())
            continue;
        std::optional<PlacedLabel> chosen;
        std::optional<QRectF> fallback;
        auto fits = [&](const QRectF &rect) {
            return boundsPx.contains(rect)
                   && taken.isFree(rect.adjusted(-kPaddingPx, -kPaddingPx, kPaddingPx, kPaddingPx));
        };
        if (label.centred) {
            QRectF rect(QPointF(), label.sizePx);
            rect.moveCenter(label.anchorPx.center());
            fallback = rect;
            if (fits(rect))
                chosen = PlacedLabel{index, rect, false, {}, {}};
        } else {
            for (int ring = 0; ring < kRings && !chosen; ++ring) {
                // Each ring moves out by a label's height, so its candidates do not repeat the
                // ones of the ring inside it.
                const double out = kGapPx + ring * (label.sizePx.height() + kRingSpacingPx);
                candidates(label.anchorPx, label.sizePx, out, tries);
                if (!fallback)
                    fallback = tries.front();
                for (const QRectF &rect : tries) {
                    if (!fits(rect))
                        continue;
                    PlacedLabel p{index, rect, ring > 0, {}, {}};
                    if (p.hasLeader) {
                        p.leaderToPx = nearestPointOn(rect, label.anchorPx.center());
                        p.leaderFromPx = nearestPointOn(label.anchorPx, p.leaderToPx);
                    }
                    chosen = p;
                    break;
                }
            }
        }
        if (!chosen && label.mandatory && fallback)
            chosen = PlacedLabel{index, *fallback, false, {}, {}};
        if (!chosen)
            continue;
        taken.add(chosen->rectPx);
        placed.push_back(*chosen);
    }
    return placed;
}

void MapLabelCollector::clear()
{
    m_labels.clear();
    m_obstacles.clear();
    m_placed.clear();
}

const std::vector<PlacedLabel> &MapLabelCollector::placeAndPaint(QPainter &painter,
                                                                  const QRectF &boundsPx)
{
    m_placed = placeLabels(m_labels, m_obstacles, boundsPx);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    // Leader lines first, so no line crosses a label's text.
    for (const PlacedLabel &p : m_placed) {
        if (!p.hasLeader)
            continue;
        painter.setPen(QPen(m_labels[p.index].leaderColour, 1.0));
        painter.drawLine(p.leaderFromPx, p.leaderToPx);
    }
    // Least important first, so where a mandatory label had to overlap it ends on top.
    for (auto it = m_placed.rbegin(); it != m_placed.rend(); ++it) {
        const MapLabel &label = m_labels[it->index];
        if (!label.paint)
            continue;
        painter.save();
        label.paint(painter, it->rectPx);
        painter.restore();
    }
    painter.restore();
    return m_placed;
}

void submitLabel(QPainter &painter, MapLabelCollector *collector, MapLabel label,
                 const QRectF &boundsPx)
{
    if (collector) {
        collector->addLabel(std::move(label));
        return;
    }
    label.mandatory = true;
    const std::vector<MapLabel> one{std::move(label)};
    const std::vector<PlacedLabel> placed = placeLabels(one, {}, boundsPx);
    if (placed.empty() || !one.front().paint)
        return;
    painter.save();
    one.front().paint(painter, placed.front().rectPx);
    painter.restore();
}

} // namespace cop
