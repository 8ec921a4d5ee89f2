// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/nationpalette.h"

#include <QFont>
#include <QPainter>
#include <QRectF>

namespace cop {

QColor nationColour(Nation nation)
{
    switch (nation) {
    case Nation::Japan: return QColor(0x4f, 0xb0, 0xff);        // sky blue
    case Nation::UnitedStates: return QColor(0xff, 0xc0, 0x3a); // amber
    case Nation::Korea: return QColor(0xc4, 0x8c, 0xff);        // violet
    }
    return QColor(0xb0, 0xb0, 0xb0);
}

void paintNationBadge(QPainter &painter, const QRectF &rectPx, Nation nation)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(Qt::NoPen);
    painter.setBrush(nationColour(nation));
    painter.drawRoundedRect(rectPx, 2.0, 2.0);
    QFont font = painter.font();
    font.setPixelSize(qMax(8, static_cast<int>(rectPx.height() * 0.78)));
    font.setBold(true);
    painter.setFont(font);
    // Dark text on the bright badge keeps the code readable on both themes.
    painter.setPen(QColor(0x10, 0x14, 0x18));
    const std::string_view code = nationCode(nation);
    painter.drawText(rectPx, Qt::AlignCenter,
                     QString::fromLatin1(code.data(), static_cast<qsizetype>(code.size())));
    painter.restore();
}

std::vector<MapLegendEntry> nationLegendEntries()
{
    std::vector<MapLegendEntry> entries;
    for (Nation nation : kAllNations) {
        entries.push_back({nationName(nation), [nation](QPainter &painter, const QRectF &icon) {
                               paintNationBadge(painter, icon.adjusted(-4.0, 1.0, 4.0, -1.0),
                                                nation);
                           }});
    }
    return entries;
}

} // namespace cop
