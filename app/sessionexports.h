// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/picture.h"
#include "core/timeus.h"

#include <QObject>
#include <QString>

#include <functional>

class QAction;
class QMainWindow;
class QMenu;
class QThread;

namespace cop {

class FeedPipeline;
class TimelineStrip;
class TrackPanels;

// The tracks File → Export tracks… writes, and how the dialog describes them.
struct TrackExportChoice
{
    std::vector<TrackKey> keys;
    QString description; // e.g. "2 tracks of the selected object" or "nothing selected: ..."
};

// The analyst's exports in the File menu: the timeline's selected range as a new session file
// (File → Export range…), the selected tracks (or every visible one) as CSV, GeoJSON or KML
// (File → Export tracks…), and the life of every alert as CSV (File → Export alerts…). Owns its
// actions; each export runs on a worker thread (it reads and
// decodes the session) and reports in a message box when done, so the window never freezes.
class SessionExports : public QObject
{
    Q_OBJECT

public:
    SessionExports(FeedPipeline &pipeline, TrackPanels &tracks, QMainWindow &window);
    ~SessionExports() override;

    // Appends the export actions to the File menu.
    void addActionsTo(QMenu &fileMenu);
    // The replay's timeline, whose selected range File → Export range… cuts.
    void setTimeline(TimelineStrip *timeline);

    QAction *rangeAction() const { return m_range; }
    QAction *tracksAction() const { return m_tracks; }
    QAction *alertsAction() const { return m_alerts; }
    bool isBusy() const { return m_worker != nullptr; }

    // The export itself, without asking for a file: what the action runs once the user chose
    // path (replace: the user agreed to replace an existing file). Emits exportFinished.
    void exportRange(TimeUs fromUs, TimeUs toUs, const QString &path, bool replace);
    // A file name for the range, beside the session: "<session>-range-010203Z-010503Z".
    QString suggestedRangePath(TimeUs fromUs, TimeUs toUs) const;

    // The national tracks of the selected object, or every track on the map at the playhead
    // when nothing is selected.
    TrackExportChoice tracksToExport() const;
    // Writes the tracks' histories to path, in the format its suffix names: in a replay the
    // whole history recorded in the session, live the history the picture holds. Emits
    // exportFinished.
    void exportTracks(const std::vector<TrackKey> &keys, const QString &path);
    // Writes the life of every alert of the session (the replayed one, or the one being
    // recorded) as CSV. Emits exportFinished.
    void exportAlerts(const QString &path);

Q_SIGNALS:
    void exportFinished(bool ok, const QString &message);

private:
    void chooseRangeFile();
    void chooseTracksFile();
    void chooseAlertsFile();
    QString sessionPath() const; // replayed or being recorded; empty if none
    void updateActions();
    void runInBackground(const std::function<QString(bool *ok)> &work);

    FeedPipeline &m_pipeline;
    TrackPanels &m_trackPanels;
    QMainWindow &m_window;
    TimelineStrip *m_timeline = nullptr;
    QAction *m_range = nullptr;
    QAction *m_tracks = nullptr;
    QAction *m_alerts = nullptr;
    QThread *m_worker = nullptr;
    bool m_interactive = false; // started from the menu: show the result in a message box
};

} // namespace cop
