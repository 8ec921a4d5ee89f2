// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain.h"
#include "widgets/maplegend.h"

#include <QColor>

#include <vector>

class QPainter;

namespace cop {

// The one colour each nation has on every view (map, track table, timeline, charts), so an
// operator learns it once. None is red: red means hostile or critical and nothing else.
// Chosen from a colour-vision-deficiency-safe set (blue / amber / violet differ in hue and in
// lightness) and bright enough to read on the dark map; the nation code is always written
// beside the colour, so colour is never the only cue.
QColor nationColour(Nation nation);

// A small rounded badge in the nation's colour with its code ("JP") in dark text.
void paintNationBadge(QPainter &painter, const QRectF &rectPx, Nation nation);

// Legend lines for the nations, in display order.
std::vector<MapLegendEntry> nationLegendEntries();

} // namespace cop
