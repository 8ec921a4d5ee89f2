// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointF>
#include <QRectF>

class QPainter;

namespace cop {

// Marks a track whose source has gone silent: a dashed frame around its symbol and a "SILENT"
// tag beside it, so the operator sees at once that what is drawn is old news and why (the
// track is not stale on its own; its whole feed stopped). Returns the tag's box, which labels
// must not cover. The same amber on both themes: a warning about the feed.
QRectF paintSilentSourceMark(QPainter &painter, const QPointF &positionPx);

} // namespace cop
