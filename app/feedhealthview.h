// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QDockWidget;
class QMainWindow;
class QMenu;

namespace cop {

class FeedHealthPanel;
class FeedPipeline;
class FeedStatusBar;
class MapView;

// Puts feed health on screen: the health panel in a dock (View menu, and a click on the status
// bar's badges opens it), and the silent sources' marks on the map. Refreshed with the status.
class FeedHealthView : public QObject
{
    Q_OBJECT

public:
    FeedHealthView(FeedPipeline &pipeline, QMainWindow &window, MapView &map, FeedStatusBar &statusBar,
                   QMenu &viewMenu);

    void refresh();

    FeedHealthPanel *panel() const { return m_panel; }
    QDockWidget *dock() const { return m_dock; }

private:
    FeedPipeline &m_pipeline;
    MapView &m_map;
    FeedHealthPanel *m_panel = nullptr;
    QDockWidget *m_dock = nullptr;
};

} // namespace cop
