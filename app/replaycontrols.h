// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/timeus.h"

#include <QObject>

class QAction;
class QMainWindow;

namespace cop {

class TimelineStrip;
class TransportBar;
namespace net {
class SessionPlayer;
}

// Everything an analyst drives a replay with: the timeline (events, zoom, pan, range) above
// the transport bar along the bottom, and the Replay menu with its keys — space, J/K/L,
// arrows, next/previous event, loop the selected range. Owns its widgets and actions; the
// main window only creates it and calls refresh() on its frame tick.
class ReplayControls : public QObject
{
    Q_OBJECT

public:
    ReplayControls(net::SessionPlayer &player, QMainWindow &window);

    void refresh(); // frame clock: shows where the replay stands
    TimelineStrip *timeline() const { return m_timeline; }
    TransportBar *transport() const { return m_transport; }
    QAction *loopAction() const { return m_loop; }

    // Seeks to the next (direction > 0) or previous session event from the playhead.
    void jumpToEvent(int direction);
    void stepSpeed(int direction);

private:
    void buildMenu(QMainWindow &window);
    void setLooping(bool looping);

    net::SessionPlayer &m_player;
    TimelineStrip *m_timeline = nullptr;
    TransportBar *m_transport = nullptr;
    QAction *m_loop = nullptr;
};

} // namespace cop
