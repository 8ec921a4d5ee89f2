// SPDX-License-Identifier: GPL-3.0-or-later
#include "feedhealthview.h"

#include "app/feedpipeline.h"
#include "widgets/feedhealthpanel.h"
#include "widgets/feedstatusbar.h"
#include "widgets/mapview.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>

namespace cop {

FeedHealthView::FeedHealthView(FeedPipeline &pipeline, QMainWindow &window, MapView &map,
                               FeedStatusBar &statusBar, QMenu &viewMenu)
    : QObject(&window)
    , m_pipeline(pipeline)
    , m_map(map)
{
    m_panel = new FeedHealthPanel(&window);
    m_dock = m_panel->createDock(&window);
    // Visible from the start, on the right: a console must never go stale silently.
    window.addDockWidget(Qt::RightDockWidgetArea, m_dock);
    // Wide enough for every column of three sources without scrolling.
    window.resizeDocks({m_dock}, {480}, Qt::Horizontal);
    QAction *toggle = m_dock->toggleViewAction();
    toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    viewMenu.addAction(toggle);
    connect(&statusBar, &FeedStatusBar::clicked, this, [this] {
        m_dock->show();
        m_dock->raise();
    });
}

void FeedHealthView::refresh()
{
    const TimeUs nowUs = m_pipeline.nowUs();
    const FeedHealth &health = m_pipeline.feedHealth();
    const Picture &picture = m_pipeline.picture();
    // Looking back in a live session shows the past, where "silent now" says nothing.
    m_map.setSilentSources(m_map.playhead() == kTimeLive ? health.silentSources(picture, nowUs)
                                                         : std::unordered_set<std::string>{});
    // Even while the dock is hidden, so its charts have no hole when it opens.
    m_panel->refresh(health.snapshot(picture, nowUs), m_pipeline.rejectedByReason(), nowUs,
                     m_pipeline.isReplay());
    m_panel->setHandshakes(m_pipeline.handshakeTallies());
}

} // namespace cop
