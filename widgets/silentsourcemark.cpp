// SPDX-License-Identifier: GPL-3.0-or-later
#include "silentsourcemark.h"

#include "widgets/tracksymbol.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPen>

namespace cop {

namespace {
// Amber: a warning about the feed, not about the missile (red on the map means hostile).
const QColor kSilentColour(0xf0, 0xa8, 0x20);
const QColor kSilentTextColour(0x10, 0x14, 0x18);
} // namespace

QRectF paintSilentSourceMark(QPainter &painter, const QPointF &positionPx)
{
    painter.save();
    const double r = kTrackSymbolRadiusPx + 4.0;
    QPen dashed(kSilentColour, 1.6, Qt::DashLine);
    dashed.setDashPattern({3.0, 2.0});
    painter.setPen(dashed);
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(QRectF(positionPx - QPointF(r, r), QSizeF(2.0 * r, 2.0 * r)));

    QFont font = painter.font();
    font.setPixelSize(10);
    font.setBold(true);
    painter.setFont(font);
    const QString text = QStringLiteral("SILENT");
    const QFontMetricsF metrics(font);
    const QSizeF size(metrics.horizontalAdvance(text) + 6.0, metrics.height() + 2.0);
    // Under the frame, centred: labels go beside the symbol.
    const QRectF box(QPointF(positionPx.x() - size.width() / 2.0, positionPx.y() + r + 2.0), size);
    painter.setPen(Qt::NoPen);
    painter.setBrush(kSilentColour);
    painter.drawRect(box);
    painter.setPen(kSilentTextColour);
    painter.drawText(box, Qt::AlignCenter, text);
    painter.restore();
    return box;
}

} // namespace cop
