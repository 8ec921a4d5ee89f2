// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/timeus.h"

#include <QObject>

class QAction;
class QLabel;
class QMenu;
class QWidget;

namespace cop {

class MapView;

// Looking back during a live session: the map shows the picture as it was some time ago and
// keeps following the clock at that offset, while the feed, the alerts and the recording carry
// on live. One key (End) returns to live. The status bar badge says LIVE, or REWIND with the
// offset, so the operator always knows which picture is in front of them.
class LiveRewind : public QObject
{
    Q_OBJECT

public:
    static constexpr TimeUs kSmallStepUs = 10 * kMicrosPerSecond;
    static constexpr TimeUs kLargeStepUs = 60 * kMicrosPerSecond;
    // The Picture keeps about this much history per track at the feeds' rates.
    static constexpr TimeUs kMaxOffsetUs = 15 * 60 * kMicrosPerSecond;

    LiveRewind(MapView &map, QWidget *parent);

    // Rewind actions (back 10 s, back 1 min, forward 10 s, return to live) for a menu.
    void addActionsTo(QMenu &menu);
    QLabel *badge() const { return m_badge; }

    TimeUs offsetUs() const { return m_offsetUs; }
    bool isLive() const { return m_offsetUs == 0; }
    void stepBy(TimeUs deltaUs); // negative: further back
    void returnToLive();
    // Looks back this far (clamped to 0..kMaxOffsetUs; 0 is live).
    void setOffset(TimeUs offsetUs);

    // Frame clock: points the map at now minus the offset.
    void tick(TimeUs nowUs);

private:
    void refreshBadge();

    MapView &m_map;
    QLabel *m_badge = nullptr;
    TimeUs m_offsetUs = 0;
};

} // namespace cop
