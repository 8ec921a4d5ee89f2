// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/maplegend.h"

#include "widgets/maptheme.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QRectF>

#include <algorithm>

namespace cop {

namespace {

constexpr double kPadPx = 7.0;
constexpr double kIconPx = 14.0;
constexpr double kGapPx = 8.0;

QFont legendFont(const QPainter &painter)
{
    QFont font = painter.font();
    font.setPixelSize(11);
    return font;
}

double lineHeightFor(const QFontMetricsF &metrics)
{
    return std::max(kIconPx, metrics.height()) + 3.0;
}

double textWidthFor(const QFontMetricsF &metrics, const std::vector<MapLegendEntry> &entries)
{
    double textWidth = 0.0;
    for (const MapLegendEntry &entry : entries)
        textWidth = std::max(textWidth, metrics.horizontalAdvance(entry.text));
    return textWidth;
}

} // namespace

QRectF legendRect(const QPainter &painter, const std::vector<MapLegendEntry> &entries,
                  const QPointF &bottomLeftPx)
{
    if (entries.empty())
        return {};
    const QFontMetricsF metrics(legendFont(painter));
    const double width = 2.0 * kPadPx + kIconPx + 8.0 + kGapPx + textWidthFor(metrics, entries);
    const double height = 2.0 * kPadPx + lineHeightFor(metrics) * static_cast<double>(entries.size());
    return QRectF(bottomLeftPx.x(), bottomLeftPx.y() - height, width, height);
}

void paintLegend(QPainter &painter, const std::vector<MapLegendEntry> &entries,
                 const QPointF &bottomLeftPx, const MapTheme &theme)
{
    if (entries.empty())
        return;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    const QFont font = legendFont(painter);
    painter.setFont(font);
    const QFontMetricsF metrics(font);
    const double lineHeight = lineHeightFor(metrics);
    const double textWidth = textWidthFor(metrics, entries);
    const QRectF panel = legendRect(painter, entries, bottomLeftPx);
    painter.setPen(Qt::NoPen);
    painter.setBrush(theme.overlayBackground);
    painter.drawRoundedRect(panel, 3.0, 3.0);

    double y = panel.top() + kPadPx;
    for (const MapLegendEntry &entry : entries) {
        const QRectF icon(panel.left() + kPadPx + 4.0, y + (lineHeight - kIconPx) / 2.0, kIconPx,
                          kIconPx);
        if (entry.paintIcon) {
            painter.save();
            entry.paintIcon(painter, icon);
            painter.restore();
        }
        painter.setPen(theme.overlayText);
        painter.drawText(QRectF(icon.right() + 4.0 + kGapPx, y, textWidth + 2.0, lineHeight),
                         Qt::AlignVCenter | Qt::AlignLeft, entry.text);
        y += lineHeight;
    }
    painter.restore();
}

} // namespace cop
