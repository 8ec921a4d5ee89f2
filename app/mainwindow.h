// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/basemap.h"
#include "core/protectedarea.h"

#include <QMainWindow>
#include <QElapsedTimer>
#include <QTimer>

#include <memory>

class QLabel;

namespace cop {

class AlertCenter;
class AlertPanel;
class FeedHealthView;
class FeedPipeline;
class OverlayLayers;
class LiveRewind;
class LiveTimeline;
class ReplayControls;
class FeedStatusBar;
class MapView;
class ProtectedAreaController;
class RecordingStatus;
class SessionExports;
class TimelineStrip;
class TrackPanels;
class TransportBar;

// Assembles the viewer: the map in the centre, feed health and cursor readout in the status
// bar, and the frame clock that drives them. Panels own their own behaviour; this class only
// puts them together and wires them up.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // areas: what the alert rules protect; null protects the territory and approximate EEZ
    // of every nation sharing the picture.
    MainWindow(FeedPipeline &pipeline, std::shared_ptr<const Basemap> basemap, bool lightTheme,
               QWidget *parent = nullptr, std::shared_ptr<const ProtectedAreaSet> areas = nullptr);
    ~MainWindow() override;

    // QSettings key of View → Local time on timeline.
    static constexpr const char *kTimelineLocalTimeSetting = "timeline/localTime";

    MapView *mapView() const { return m_mapView; }
    FeedStatusBar *feedStatusBar() const { return m_feedStatus; }
    LiveRewind *liveRewind() const { return m_rewind; }
    RecordingStatus *recordingStatus() const { return m_recordingStatus; }
    TransportBar *transportBar() const; // replay only
    TimelineStrip *timelineStrip() const; // the replay's, or the live session's
    ReplayControls *replayControls() const { return m_replayControls; }
    AlertPanel *alertPanel() const { return m_alertPanel; }
    TrackPanels *trackPanels() const { return m_trackPanels; }
    FeedHealthView *feedHealthView() const { return m_health; }
    AlertCenter *alertCenter() const { return m_alerts; }
    ProtectedAreaController *protectedAreas() const { return m_protectedAreas; }
    OverlayLayers *overlayLayers() const { return m_overlayLayers; }
    SessionExports *sessionExports() const { return m_exports; }
    // File → Load overlay…: asks for a file and loads it, reporting problems in a message box.
    void chooseOverlay();

private:
    void frameTick();
    void refreshStatus();
    void showCursor(double latDeg, double lonDeg);
    void setUpReplay();
    void refreshTransport();

    FeedPipeline &m_pipeline;
    MapView *m_mapView = nullptr;
    FeedStatusBar *m_feedStatus = nullptr;
    QLabel *m_cursorLabel = nullptr;
    QLabel *m_clockLabel = nullptr;
    RecordingStatus *m_recordingStatus = nullptr;
    ReplayControls *m_replayControls = nullptr; // replay only
    LiveTimeline *m_liveTimeline = nullptr; // live sessions only
    AlertCenter *m_alerts = nullptr;
    AlertPanel *m_alertPanel = nullptr;
    TrackPanels *m_trackPanels = nullptr;
    FeedHealthView *m_health = nullptr;
    ProtectedAreaController *m_protectedAreas = nullptr;
    OverlayLayers *m_overlayLayers = nullptr;
    SessionExports *m_exports = nullptr;
    LiveRewind *m_rewind = nullptr; // live sessions only
    // One frame clock (~30 Hz) drives feed hand-over and repaint; views repaint when dirty.
    QTimer m_frameClock;
    QElapsedTimer m_monotonicClock;
    qint64 m_lastStatusRefreshMs = -1'000'000; // refresh on the first tick
};

} // namespace cop
