// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/maplegend.h"

#include "widgets/maptheme.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QRectF>

#include <algorithm>

namespace cop {

void paintLegend(QPainter &painter, const std::vector<MapLegendEntry> &entries,
                 const QPointF &bottomLeftPx, const MapTheme &theme)
{
    if (entries.empty())
        return;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    QFont font = painter.font();
    font.setPixelSize(11);
    painter.setFont(font);
    const QFontMetricsF metrics(font);
    constexpr double kPadPx = 7.0;
    constexpr double kIconPx = 14.0;
    constexpr double kGapPx = 8.0;
    const double lineHeight = std::max(kIconPx, metrics.height()) + 3.0;
    double textWidth = 0.0;
    for (const MapLegendEntry &entry : entries)
        textWidth = std::max(textWidth, metrics.horizontalAdvance(entry.text));
    const double width = 2.0 * kPadPx + kIconPx + 8.0 + kGapPx + textWidth;
    const double height = 2.0 * kPadPx + lineHeight * static_cast<double>(entries.size());
    const QRectF panel(bottomLeftPx.x(), bottomLeftPx.y() - height, width, height);
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
