// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "app/feedpipeline.h"
#include "core/timeus.h"
#include "widgets/feedstatusbar.h"
#include "widgets/maptheme.h"
#include "widgets/mapview.h"

#include <QAction>
#include <QApplication>
#include <QDateTime>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>

namespace cop {

namespace {
constexpr int kFrameIntervalMs = 33;          // ~30 Hz
constexpr qint64 kStatusRefreshIntervalMs = 250; // health and clock need no more
} // namespace

MainWindow::MainWindow(FeedPipeline &pipeline, std::shared_ptr<const Basemap> basemap,
                       bool lightTheme, QWidget *parent)
    : QMainWindow(parent)
    , m_pipeline(pipeline)
{
    setWindowTitle(QStringLiteral("COP Viewer — shared missile warning picture"));

    m_mapView = new MapView(std::move(basemap), this);
    m_mapView->setTheme(lightTheme ? MapTheme::light() : MapTheme::dark());
    m_mapView->setPicture(&m_pipeline.picture());
    setCentralWidget(m_mapView);

    m_feedStatus = new FeedStatusBar(this);
    m_cursorLabel = new QLabel(this);
    m_cursorLabel->setMinimumWidth(220);
    m_clockLabel = new QLabel(this);
    statusBar()->addWidget(m_feedStatus, 1);
    statusBar()->addPermanentWidget(m_cursorLabel);
    statusBar()->addPermanentWidget(m_clockLabel);

    QMenu *fileMenu = menuBar()->addMenu(QStringLiteral("&File"));
    QAction *quit = fileMenu->addAction(QStringLiteral("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, qApp, &QApplication::quit);
    QMenu *viewMenu = menuBar()->addMenu(QStringLiteral("&View"));
    QAction *home = viewMenu->addAction(QStringLiteral("&Theatre view"));
    home->setShortcut(Qt::Key_Home);
    connect(home, &QAction::triggered, m_mapView, &MapView::showTheatre);

    connect(m_mapView, &MapView::cursorMoved, this, &MainWindow::showCursor);
    connect(m_mapView, &MapView::cursorLeft, m_cursorLabel, &QLabel::clear);
    connect(&m_pipeline, &FeedPipeline::pictureChanged, m_mapView, &MapView::markDirty);

    m_frameClock.setTimerType(Qt::PreciseTimer);
    connect(&m_frameClock, &QTimer::timeout, this, &MainWindow::frameTick);
    m_frameClock.start(kFrameIntervalMs);
    refreshStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::frameTick()
{
    m_pipeline.drain();
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    if (nowMs - m_lastStatusRefreshMs >= kStatusRefreshIntervalMs) {
        m_lastStatusRefreshMs = nowMs;
        refreshStatus();
        // Countdowns and track ages move with the clock even when no message arrives.
        m_mapView->markDirty();
    }
    m_mapView->setLiveNow(wallClockNowUs());
    m_mapView->frameTick();
}

void MainWindow::refreshStatus()
{
    const TimeUs nowUs = wallClockNowUs();
    m_feedStatus->refresh(m_pipeline.picture(), m_pipeline.transportHealth(), nowUs);
    m_clockLabel->setText(formatUtc(nowUs).left(19).replace(QLatin1Char('T'), QLatin1Char(' '))
                          + QStringLiteral(" UTC"));
}

void MainWindow::showCursor(double latDeg, double lonDeg)
{
    m_cursorLabel->setText(QStringLiteral("%1° %2  %3° %4")
                               .arg(std::abs(latDeg), 0, 'f', 4)
                               .arg(latDeg >= 0 ? QLatin1Char('N') : QLatin1Char('S'))
                               .arg(std::abs(lonDeg), 0, 'f', 4)
                               .arg(lonDeg >= 0 ? QLatin1Char('E') : QLatin1Char('W')));
}

} // namespace cop
