// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "app/alertcenter.h"
#include "app/alertrecording.h"
#include "app/feedpipeline.h"
#include "app/liverewind.h"
#include "app/protectedareacontroller.h"
#include "core/coordinateformat.h"
#include "app/sessionpaths.h"
#include "app/trackpanels.h"
#include "core/protectedarea.h"
#include "core/timeus.h"
#include "widgets/alertbanner.h"
#include "widgets/alertpanel.h"
#include "widgets/feedstatusbar.h"
#include "widgets/insecurebadge.h"
#include "widgets/maptheme.h"
#include "widgets/coveragemenu.h"
#include "widgets/mapview.h"
#include "widgets/mapviewactions.h"
#include "widgets/recordingstatus.h"
#include "widgets/timelinestrip.h"
#include "widgets/transportbar.h"

#include <QAction>
#include <QApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QProcess>
#include <QInputDialog>
#include <QLineEdit>
#include <QDockWidget>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QToolBar>

#include <algorithm>
#include <QVBoxLayout>

namespace cop {

namespace {
constexpr int kFrameIntervalMs = 33;          // ~30 Hz
constexpr qint64 kStatusRefreshIntervalMs = 250; // health and clock need no more
} // namespace

MainWindow::MainWindow(FeedPipeline &pipeline, std::shared_ptr<const Basemap> basemap,
                       bool lightTheme, QWidget *parent,
                       std::shared_ptr<const ProtectedAreaSet> areas)
    : QMainWindow(parent)
    , m_pipeline(pipeline)
{
    setWindowTitle(QStringLiteral("COP Viewer — shared missile warning picture"));

    if (!areas) {
        // Territory and approximate EEZ of every nation sharing the picture.
        areas = std::make_shared<const ProtectedAreaSet>(
            basemap ? ProtectedAreaSet::standard(*basemap, {kAllNations.begin(), kAllNations.end()})
                    : ProtectedAreaSet());
    }
    m_mapView = new MapView(basemap, this);
    m_mapView->setTheme(lightTheme ? MapTheme::light() : MapTheme::dark());
    m_mapView->setPicture(&m_pipeline.picture());

    // Alerts: the rules beside the picture, the panel in a dock, its banner above the map.
    m_alerts = new AlertCenter(m_pipeline, areas, this);
    m_alertPanel = new AlertPanel(this);
    auto *centre = new QWidget(this);
    auto *centreLayout = new QVBoxLayout(centre);
    centreLayout->setContentsMargins(0, 0, 0, 0);
    centreLayout->setSpacing(0);
    centreLayout->addWidget(m_alertPanel->banner());
    centreLayout->addWidget(m_mapView, 1);
    setCentralWidget(centre);
    QDockWidget *alertDock = m_alertPanel->createDock(this);
    addDockWidget(Qt::BottomDockWidgetArea, alertDock);
    connect(m_alerts, &AlertCenter::alertEvents, m_alertPanel, &AlertPanel::applyEvents);
    if (SessionWriter *recorder = m_pipeline.recorder()) {
        // Every event of every alert's life goes into the session beside the messages.
        connect(m_alerts, &AlertCenter::alertEvents, this,
                [recorder](const std::vector<AlertEvent> &events) { recordAlertEvents(*recorder, events); });
    }
    connect(m_alerts, &AlertCenter::alertsReset, m_alertPanel, &AlertPanel::clearAlerts);
    connect(m_alertPanel, &AlertPanel::acknowledgeRequested, m_alerts, &AlertCenter::acknowledge);
    connect(m_alertPanel, &AlertPanel::centreRequested, m_mapView, &MapView::centreOn);
    // What the console protects: the dialog, the remembered choice, the areas on the map.
    m_protectedAreas = new ProtectedAreaController(*m_alerts, *m_mapView, basemap, this);

    // Tracks: the correlated objects in a table, the selected one's details and charts.
    m_trackPanels = new TrackPanels(m_pipeline, *m_mapView, basemap, areas, !lightTheme, *this);

    m_feedStatus = new FeedStatusBar(this);
    m_cursorLabel = new QLabel(this);
    m_cursorLabel->setObjectName(QStringLiteral("cursorReadout"));
    // Wide enough for the longest readout, so the status bar does not jump as the mouse moves.
    m_cursorLabel->setMinimumWidth(m_cursorLabel->fontMetrics().horizontalAdvance(
        QStringLiteral("00.0000° N 000.0000° E  |  00°00′00.0″ N 000°00′00.0″ E  |  00X XX 00000 00000")));
    m_clockLabel = new QLabel(this);
    if (m_pipeline.isInsecure())
        statusBar()->addWidget(createInsecureBadge(this));
    statusBar()->addWidget(m_feedStatus, 1);
    m_recordingStatus = new RecordingStatus(this);
    statusBar()->addPermanentWidget(m_recordingStatus);
    if (!m_pipeline.isReplay()) {
        // A replay has its own transport; looking back is for the live picture.
        m_rewind = new LiveRewind(*m_mapView, this);
        statusBar()->addPermanentWidget(m_rewind->badge());
    }
    statusBar()->addPermanentWidget(m_cursorLabel);
    statusBar()->addPermanentWidget(m_clockLabel);

    QMenu *fileMenu = menuBar()->addMenu(QStringLiteral("&File"));
    // A session opens in a window of its own, so the live picture (and its recording) goes on.
    QAction *open = fileMenu->addAction(QStringLiteral("&Open session…"));
    open->setShortcut(QKeySequence::Open);
    connect(open, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, QStringLiteral("Open a recorded session"),
                                                          defaultSessionDirectory(),
                                                          QStringLiteral("COP sessions (*.copsession);;All files (*)"));
        if (!path.isEmpty() && !QProcess::startDetached(QCoreApplication::applicationFilePath(), {path}))
            QMessageBox::warning(this, QStringLiteral("Open session"),
                                 QStringLiteral("Could not start a replay window for %1.").arg(path));
    });
    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(QStringLiteral("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    if (SessionWriter *recorder = m_pipeline.recorder()) {
        auto *bookmark = new QAction(QStringLiteral("&Bookmark this moment…"), this);
        fileMenu->insertAction(quit, bookmark);
        bookmark->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
        connect(bookmark, &QAction::triggered, this, [this, recorder] {
            const TimeUs atUs = m_pipeline.nowUs();
            bool ok = false;
            const QString note = QInputDialog::getText(this, QStringLiteral("Bookmark"),
                                                       QStringLiteral("Note for %1 UTC:").arg(formatUtc(atUs)),
                                                       QLineEdit::Normal, QString(), &ok);
            if (ok)
                recordBookmark(*recorder, atUs, AlertCenter::operatorName(), note);
        });
    }
    connect(quit, &QAction::triggered, qApp, &QApplication::quit);
    QMenu *viewMenu = menuBar()->addMenu(QStringLiteral("&View"));
    // Navigation, projection and measuring: the map's own actions, in the menu and a toolbar.
    auto *mapActions = new MapViewActions(*m_mapView, this);
    mapActions->addTo(*viewMenu);
    addToolBar(Qt::TopToolBarArea, mapActions->createToolBar(this));
    viewMenu->addMenu(createCoverageMenu(*m_mapView, this));
    if (m_rewind) {
        QMenu *rewindMenu = viewMenu->addMenu(QStringLiteral("&Look back"));
        m_rewind->addActionsTo(*rewindMenu);
    }
    viewMenu->addAction(alertDock->toggleViewAction());
    m_trackPanels->addActionsTo(*viewMenu);
    viewMenu->addAction(m_protectedAreas->layerAction());
    QMenu *alertsMenu = menuBar()->addMenu(QStringLiteral("&Alerts"));
    alertsMenu->addAction(m_protectedAreas->dialogAction());

    connect(m_mapView, &MapView::cursorMoved, this, &MainWindow::showCursor);
    connect(m_mapView, &MapView::cursorLeft, m_cursorLabel, &QLabel::clear);
    connect(&m_pipeline, &FeedPipeline::pictureChanged, m_mapView, &MapView::markDirty);
    if (m_pipeline.isReplay())
        setUpReplay();

    m_frameClock.setTimerType(Qt::PreciseTimer);
    connect(&m_frameClock, &QTimer::timeout, this, &MainWindow::frameTick);
    m_monotonicClock.start();
    m_frameClock.start(kFrameIntervalMs);
    refreshStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::frameTick()
{
    m_pipeline.drain();
    // Monotonic: a wall-clock step (NTP, an operator's correction) must not freeze the status.
    const qint64 nowMs = m_monotonicClock.elapsed();
    if (nowMs - m_lastStatusRefreshMs >= kStatusRefreshIntervalMs) {
        m_lastStatusRefreshMs = nowMs;
        refreshStatus();
        m_alerts->tick(m_pipeline.nowUs());
        m_trackPanels->tick(m_pipeline.nowUs());
        // Countdowns and track ages move with the clock even when no message arrives.
        m_mapView->markDirty();
    }
    m_mapView->setLiveNow(m_pipeline.nowUs());
    if (m_rewind)
        m_rewind->tick(m_pipeline.nowUs());
    m_mapView->frameTick();
    refreshTransport();
    m_alertPanel->tick(m_pipeline.nowUs(), nowMs);
}

void MainWindow::refreshStatus()
{
    const TimeUs nowUs = m_pipeline.nowUs();
    if (!m_pipeline.isReplay())
        m_recordingStatus->refresh(m_pipeline.recordingHealth());
    m_feedStatus->refresh(m_pipeline.picture(), m_pipeline.transportHealth(), nowUs);
    // The wall clock, even in a replay: the transport bar shows the playhead.
    m_clockLabel->setText(formatUtc(wallClockNowUs()).left(19).replace(QLatin1Char('T'), QLatin1Char(' '))
                          + QStringLiteral(" UTC"));
}

void MainWindow::setUpReplay()
{
    setWindowTitle(QStringLiteral("COP Viewer — REPLAY of %1").arg(QFileInfo(m_pipeline.replayPath()).fileName()));
    m_recordingStatus->showReplay(m_pipeline.replayPath());
    // The timeline above the transport: alerts and bookmarks of the whole session.
    net::SessionPlayer *player = m_pipeline.player();
    auto *replayControls = new QWidget(this);
    auto *replayLayout = new QVBoxLayout(replayControls);
    replayLayout->setContentsMargins(0, 0, 0, 0);
    replayLayout->setSpacing(0);
    m_timeline = new TimelineStrip(replayControls);
    std::vector<TimelineMarker> markers;
    for (const SessionEvent &event : player->events()) {
        TimelineMarker &marker = markers.emplace_back();
        marker.timeUs = event.timeUs;
        marker.text = QString::fromStdString(event.text);
        marker.kind = event.kind == SessionEvent::Kind::Bookmark ? TimelineMarker::Kind::Bookmark
                      : event.severity == "critical"             ? TimelineMarker::Kind::CriticalAlert
                                                                 : TimelineMarker::Kind::Alert;
    }
    m_timeline->setMarkers(std::move(markers));
    connect(m_timeline, &TimelineStrip::seekRequested, this, [player](TimeUs timeUs) { player->seek(timeUs); });
    m_transport = new TransportBar(replayControls);
    replayLayout->addWidget(m_timeline);
    replayLayout->addWidget(m_transport);
    auto *bar = new QToolBar(QStringLiteral("Replay"), this);
    bar->setObjectName(QStringLiteral("replayToolBar"));
    bar->setMovable(false);
    bar->addWidget(replayControls);
    addToolBar(Qt::BottomToolBarArea, bar);

    connect(m_transport, &TransportBar::playRequested, this, [player](bool playing) { player->setPlaying(playing); });
    connect(m_transport, &TransportBar::speedRequested, this, [player](double speed) { player->setSpeed(speed); });
    connect(m_transport, &TransportBar::seekRequested, this, [player](TimeUs timeUs) { player->seek(timeUs); });

    // Keys of video editors: space plays or pauses, J slower, K pause, L faster.
    const auto stepSpeed = [player](int direction) {
        const auto &speeds = TransportBar::speeds();
        const double now = player->state().speed;
        if (direction > 0) {
            const auto next = std::upper_bound(speeds.begin(), speeds.end(), now * 1.001);
            player->setSpeed(next == speeds.end() ? speeds.back() : *next);
        } else {
            const auto below = std::lower_bound(speeds.begin(), speeds.end(), now * 0.999);
            player->setSpeed(below == speeds.begin() ? speeds.front() : *std::prev(below));
        }
    };
    QMenu *replayMenu = menuBar()->addMenu(QStringLiteral("&Replay"));
    QAction *playPause = replayMenu->addAction(QStringLiteral("&Play / pause"));
    playPause->setShortcut(Qt::Key_Space);
    connect(playPause, &QAction::triggered, this, [player] { player->setPlaying(!player->state().playing); });
    QAction *slower = replayMenu->addAction(QStringLiteral("&Slower"));
    slower->setShortcut(Qt::Key_J);
    connect(slower, &QAction::triggered, this, [stepSpeed] { stepSpeed(-1); });
    QAction *pause = replayMenu->addAction(QStringLiteral("Pa&use"));
    pause->setShortcut(Qt::Key_K);
    connect(pause, &QAction::triggered, this, [player] { player->setPlaying(false); });
    QAction *faster = replayMenu->addAction(QStringLiteral("&Faster"));
    faster->setShortcut(Qt::Key_L);
    connect(faster, &QAction::triggered, this, [player, stepSpeed] {
        if (player->state().playing)
            stepSpeed(+1);
        else
            player->setPlaying(true);
    });
    QAction *restart = replayMenu->addAction(QStringLiteral("&Back to the start"));
    restart->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Home));
    connect(restart, &QAction::triggered, this, [player] { player->seek(player->state().startUs); });
    // Steps of ten seconds of session time; a step back rebuilds the picture up to there.
    constexpr TimeUs kStepUs = 10 * kMicrosPerSecond;
    QAction *back = replayMenu->addAction(QStringLiteral("Back 10 s"));
    back->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_Left));
    connect(back, &QAction::triggered, this, [player] {
        const net::PlayerState state = player->state();
        player->seek(std::max(state.startUs, state.playheadUs - kStepUs));
    });
    QAction *forward = replayMenu->addAction(QStringLiteral("Forward 10 s"));
    forward->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_Right));
    connect(forward, &QAction::triggered, this, [player] {
        const net::PlayerState state = player->state();
        player->seek(std::min(state.endUs, state.playheadUs + kStepUs));
    });
    // Jumps between the session's alerts and bookmarks.
    const auto jumpToEvent = [player](int direction) {
        const net::PlayerState state = player->state();
        const auto &events = player->events();
        if (direction > 0) {
            const auto next = std::upper_bound(events.begin(), events.end(), state.playheadUs,
                                               [](TimeUs t, const SessionEvent &e) { return t < e.timeUs; });
            if (next != events.end())
                player->seek(next->timeUs);
        } else {
            // A second's grace, so that pressing again steps past the event just jumped to.
            const auto before = std::lower_bound(events.begin(), events.end(), state.playheadUs - kMicrosPerSecond,
                                                 [](const SessionEvent &e, TimeUs t) { return e.timeUs < t; });
            if (before != events.begin())
                player->seek(std::prev(before)->timeUs);
        }
    };
    QAction *nextEvent = replayMenu->addAction(QStringLiteral("&Next event"));
    nextEvent->setShortcut(Qt::Key_N);
    connect(nextEvent, &QAction::triggered, this, [jumpToEvent] { jumpToEvent(+1); });
    QAction *previousEvent = replayMenu->addAction(QStringLiteral("Pre&vious event"));
    previousEvent->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_N));
    connect(previousEvent, &QAction::triggered, this, [jumpToEvent] { jumpToEvent(-1); });
    refreshTransport();
}

void MainWindow::refreshTransport()
{
    if (!m_transport)
        return;
    const net::PlayerState state = m_pipeline.player()->state();
    TransportState shown;
    shown.playheadUs = state.playheadUs;
    shown.startUs = state.startUs;
    shown.endUs = state.endUs;
    shown.speed = state.speed;
    shown.playing = state.playing;
    shown.atEnd = state.atEnd;
    m_transport->setState(shown);
    m_timeline->setSpan(state.startUs, state.endUs);
    m_timeline->setPlayhead(state.playheadUs);
}

void MainWindow::showCursor(double latDeg, double lonDeg)
{
    // Decimal degrees as the feed speaks, DMS for charts and voice, MGRS for ground forces.
    m_cursorLabel->setText(formatDecimalDegrees(latDeg, lonDeg) + QStringLiteral("  |  ")
                           + formatDegreesMinutesSeconds(latDeg, lonDeg) + QStringLiteral("  |  ")
                           + formatMgrs(latDeg, lonDeg));
}

} // namespace cop
