// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/alert.h"
#include "core/timeus.h"
#include "widgets/timelinestrip.h"

#include <QObject>

#include <vector>

class QAction;
class QMainWindow;
class QToolBar;

namespace cop {

class LiveRewind;

// The timeline of a live session: the last fifteen minutes with the live edge at now, the
// alerts raised and the impacts seen live as markers, and the playhead where the map is
// looking (now, or rewound). A click or a drag on it rewinds the live picture there through
// LiveRewind; End (LiveRewind's "Back to live") returns to live. Shown on request (View >
// Timeline) and whenever the operator starts looking back.
class LiveTimeline : public QObject
{
    Q_OBJECT

public:
    LiveTimeline(LiveRewind &rewind, QMainWindow &window);

    TimelineStrip *timeline() const { return m_timeline; }
    // View > Timeline: shows or hides it. Hidden at first, so the live map keeps the whole
    // height; it appears by itself when the operator looks back.
    QAction *toggleAction() const;
    void addAlertEvents(const std::vector<AlertEvent> &events);
    void addBookmark(TimeUs timeUs, const QString &note);
    // Frame clock: the window slides with now.
    void tick(TimeUs nowUs);

private:
    void refreshMarkers();

    LiveRewind &m_rewind;
    TimelineStrip *m_timeline = nullptr;
    QToolBar *m_bar = nullptr;
    bool m_wasLive = true;
    TimeUs m_nowUs = kTimeUnset;
    std::vector<TimelineMarker> m_markers; // within the window, oldest first
    bool m_markersChanged = false;
};

} // namespace cop
