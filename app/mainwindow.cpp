// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "app/alertcenter.h"
#include "app/alertrecording.h"
#include "app/feedhealthview.h"
#include "app/feedpipeline.h"
#include "app/layerlistpanel.h"
#include "app/liverewind.h"
#include "app/livetimeline.h"
#include "app/overlaylayers.h"
#include "app/replaycontrols.h"
#include "app/protectedareacontroller.h"
#include "core/coordinateformat.h"
#include "app/sessionexports.h"
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
#include <QSettings>
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
    connect(m_alerts, &AlertCenter::areasChanged, m_trackPanels, &TrackPanels::setAreas);

    // The user's overlays and the layer list.
    m_overlayLayers = new OverlayLayers(*m_mapView, this);
    auto *layerDock = new QDockWidget(QStringLiteral("Layers"), this);
    layerDock->setObjectName(QStringLiteral("layerDock"));
    auto *layerList = new LayerListPanel(*m_overlayLayers, layerDock);
    layerDock->setWidget(layerList);
    addDockWidget(Qt::RightDockWidgetArea, layerDock);
    layerDock->hide();
    connect(layerList, &LayerListPanel::loadRequested, this, &MainWindow::chooseOverlay);

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
    QAction *loadOverlay = fileMenu->addAction(QStringLiteral("Load &overlay…"));
    connect(loadOverlay, &QAction::triggered, this, &MainWindow::chooseOverlay);
    fileMenu->addSeparator();
    m_exports = new SessionExports(m_pipeline, *m_trackPanels, *this);
    m_exports->addActionsTo(*fileMenu);
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
            if (ok && m_liveTimeline)
                m_liveTimeline->addBookmark(atUs, note);
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
        // The last minutes along the bottom: scrub back on it, End returns to live.
        m_liveTimeline = new LiveTimeline(*m_rewind, *this);
        connect(m_alerts, &AlertCenter::alertEvents, m_liveTimeline, &LiveTimeline::addAlertEvents);
        viewMenu->addAction(m_liveTimeline->toggleAction());
    }
    viewMenu->addAction(alertDock->toggleViewAction());
    QAction *layersAction = layerDock->toggleViewAction();
    layersAction->setText(QStringLiteral("&Layers"));
    viewMenu->addAction(layersAction);
    m_trackPanels->addActionsTo(*viewMenu);
    m_health = new FeedHealthView(m_pipeline, *this, *m_mapView, *m_feedStatus, *viewMenu);
    viewMenu->addAction(m_protectedAreas->layerAction());
    QMenu *alertsMenu = menuBar()->addMenu(QStringLiteral("&Alerts"));
    alertsMenu->addAction(m_protectedAreas->dialogAction());

    connect(m_mapView, &MapView::cursorMoved, this, &MainWindow::showCursor);
    connect(m_mapView, &MapView::cursorLeft, m_cursorLabel, &QLabel::clear);
    connect(&m_pipeline, &FeedPipeline::pictureChanged, m_mapView, &MapView::markDirty);
    if (m_pipeline.isReplay())
        setUpReplay();
    if (TimelineStrip *timeline = timelineStrip()) {
        // UTC by default, the zone the feed speaks; remembered between runs.
        QAction *localTime = viewMenu->addAction(QStringLiteral("Local time on timeline"));
        localTime->setObjectName(QStringLiteral("timelineLocalTimeAction"));
        localTime->setCheckable(true);
        localTime->setChecked(QSettings().value(QLatin1String(kTimelineLocalTimeSetting), false).toBool());
        timeline->setShowLocalTime(localTime->isChecked());
        connect(localTime, &QAction::toggled, this, [timeline](bool local) {
            timeline->setShowLocalTime(local);
            QSettings().setValue(QLatin1String(kTimelineLocalTimeSetting), local);
        });
    }

    m_frameClock.setTimerType(Qt::PreciseTimer);
    connect(&m_frameClock, &QTimer::timeout, this, &MainWindow::frameTick);
    m_monotonicClock.start();
    m_frameClock.start(kFrameIntervalMs);
    refreshStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::chooseOverlay()
{
    const QString path = QFileDialog::getOpenFileName(
        this, QStringLiteral("Load an overlay"), QString(),
        QStringLiteral("Overlays (*.geojson *.json *.kml);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    QStringList warnings;
    if (!m_overlayLayers->load(path, &error, &warnings))
        QMessageBox::warning(this, QStringLiteral("Load overlay"), error);
    else if (!warnings.isEmpty())
        QMessageBox::information(this, QStringLiteral("Load overlay"), warnings.join(QLatin1Char('\n')));
}

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
    m_health->refresh();
    // The wall clock, even in a replay: the transport bar shows the playhead.
    m_clockLabel->setText(formatUtc(wallClockNowUs()).left(19).replace(QLatin1Char('T'), QLatin1Char(' '))
                          + QStringLiteral(" UTC"));
}

void MainWindow::setUpReplay()
{
    setWindowTitle(QStringLiteral("COP Viewer — REPLAY of %1").arg(QFileInfo(m_pipeline.replayPath()).fileName()));
    m_recordingStatus->showReplay(m_pipeline.replayPath());
    m_replayControls = new ReplayControls(*m_pipeline.player(), m_pipeline.replayPath(), *this);
    m_exports->setTimeline(m_replayControls->timeline());
}

void MainWindow::refreshTransport()
{
    if (m_replayControls)
        m_replayControls->refresh();
    if (m_liveTimeline)
        m_liveTimeline->tick(m_pipeline.nowUs());
}

TransportBar *MainWindow::transportBar() const
{
    return m_replayControls ? m_replayControls->transport() : nullptr;
}

TimelineStrip *MainWindow::timelineStrip() const
{
    if (m_replayControls)
        return m_replayControls->timeline();
    return m_liveTimeline ? m_liveTimeline->timeline() : nullptr;
}

void MainWindow::showCursor(double latDeg, double lonDeg)
{
    // Decimal degrees as the feed speaks, DMS for charts and voice, MGRS for ground forces.
    m_cursorLabel->setText(formatDecimalDegrees(latDeg, lonDeg) + QStringLiteral("  |  ")
                           + formatDegreesMinutesSeconds(latDeg, lonDeg) + QStringLiteral("  |  ")
                           + formatMgrs(latDeg, lonDeg));
}

} // namespace cop
