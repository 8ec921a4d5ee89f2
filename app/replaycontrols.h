// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/timeus.h"

#include <QObject>
#include <QString>

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
// arrows, next/previous event, loop the selected range, bookmark this moment (kept in the
// session file). Owns its widgets and actions; the
// main window only creates it and calls refresh() on its frame tick.
class ReplayControls : public QObject
{
    Q_OBJECT

public:
    // sessionPath: the file replayed, where bookmarks go.
    ReplayControls(net::SessionPlayer &player, const QString &sessionPath, QMainWindow &window);

    void refresh(); // frame clock: shows where the replay stands
    TimelineStrip *timeline() const { return m_timeline; }
    TransportBar *transport() const { return m_transport; }
    QAction *loopAction() const { return m_loop; }

    // Seeks to the next (direction > 0) or previous session event from the playhead.
    void jumpToEvent(int direction);
    void stepSpeed(int direction);
    // Bookmarks the moment atUs with a note: into the session file, onto the timeline and
    // among the events N jumps to. False with a message if the file cannot be written.
    bool addBookmark(TimeUs atUs, const QString &note, QString *error);
    QAction *bookmarkAction() const { return m_bookmark; }
    // Selects [fromUs, toUs] on the timeline and zooms onto it, with a margin either side.
    void showRange(TimeUs fromUs, TimeUs toUs);
    // The command line's --at and --range (empty: not given), read against the session.
    // False with a message if a time is unreadable.
    bool applyStartOptions(const QString &at, const QString &range, QString *error);

private:
    void buildMenu(QMainWindow &window);
    void setLooping(bool looping);

    void askForBookmark();

    net::SessionPlayer &m_player;
    QString m_sessionPath;
    QMainWindow &m_window;
    QAction *m_bookmark = nullptr;
    TimelineStrip *m_timeline = nullptr;
    TransportBar *m_transport = nullptr;
    QAction *m_loop = nullptr;
};

} // namespace cop
