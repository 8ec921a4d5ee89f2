// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

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

// The analyst's exports in the File menu: the timeline's selected range as a new session file
// (File → Export range…). Owns its actions; each export runs on a worker thread (it reads and
// decodes the session) and reports in a message box when done, so the window never freezes.
class SessionExports : public QObject
{
    Q_OBJECT

public:
    SessionExports(FeedPipeline &pipeline, QMainWindow &window);
    ~SessionExports() override;

    // Appends the export actions to the File menu.
    void addActionsTo(QMenu &fileMenu);
    // The replay's timeline, whose selected range File → Export range… cuts.
    void setTimeline(TimelineStrip *timeline);

    QAction *rangeAction() const { return m_range; }
    bool isBusy() const { return m_worker != nullptr; }

    // The export itself, without asking for a file: what the action runs once the user chose
    // path (replace: the user agreed to replace an existing file). Emits exportFinished.
    void exportRange(TimeUs fromUs, TimeUs toUs, const QString &path, bool replace);
    // A file name for the range, beside the session: "<session>-range-010203Z-010503Z".
    QString suggestedRangePath(TimeUs fromUs, TimeUs toUs) const;

Q_SIGNALS:
    void exportFinished(bool ok, const QString &message);

private:
    void chooseRangeFile();
    void updateRangeAction();
    void runInBackground(const std::function<QString(bool *ok)> &work);

    FeedPipeline &m_pipeline;
    QMainWindow &m_window;
    TimelineStrip *m_timeline = nullptr;
    QAction *m_range = nullptr;
    QThread *m_worker = nullptr;
    bool m_interactive = false; // started from the menu: show the result in a message box
};

} // namespace cop
