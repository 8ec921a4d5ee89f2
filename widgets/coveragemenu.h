// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QMenu;
class QWidget;

namespace cop {

class MapView;

// View → Sensor coverage: one checkable entry per nation, each in the nation's colour order,
// remembered between runs. Overlapping fans of three nations tint much of the theatre; an
// operator watching one nation's radars hides the others'.
QMenu *createCoverageMenu(MapView &map, QWidget *parent);

} // namespace cop
