// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/basemap.h"
#include "core/protectedarea.h"
#include "core/trackcorrelator.h"

#include <QObject>

#include <memory>
#include <optional>

class QDockWidget;
class QMainWindow;
class QMenu;

namespace cop {

class FeedPipeline;
class MapView;
class TrackChartsPanel;
class TrackDetailsPanel;
class TrackTablePanel;

// The track panels of the main window and what drives them: the cross-nation correlator fed
// by each batch's PictureChange, the track table, the details of the selected object and its
// charts, each in its own dock, and the selection shared with the map both ways (the map
// selects a national track; the panels select its correlated object).
class TrackPanels : public QObject
{
    Q_OBJECT

public:
    TrackPanels(FeedPipeline &pipeline, MapView &map, std::shared_ptr<const Basemap> basemap,
                std::shared_ptr<const ProtectedAreaSet> areas, bool darkTheme, QMainWindow &window);
    ~TrackPanels() override;

    // Clock-driven refresh (ages, countdowns, the playhead, details and charts of a selection
    // that changed), a few times a second from the window's frame clock.
    void tick(TimeUs nowUs);
    void addActionsTo(QMenu &viewMenu) const;

    const TrackCorrelator &correlator() const { return m_correlator; }
    TrackTablePanel *table() const { return m_table; }
    TrackDetailsPanel *details() const { return m_details; }
    TrackChartsPanel *charts() const { return m_charts; }
    std::uint64_t selectedObject() const;
    // Selects an object as the operator would in the table.
    void selectObject(std::uint64_t objectId);

private:
    void pictureChanged(const PictureChange &change);
    void showSelection(bool chartsToo);
    QString areaName(double latDeg, double lonDeg) const;

    FeedPipeline &m_pipeline;
    MapView &m_map;
    std::shared_ptr<const Basemap> m_basemap;
    std::shared_ptr<const ProtectedAreaSet> m_areas;
    TrackCorrelator m_correlator;
    TrackTablePanel *m_table = nullptr;
    TrackDetailsPanel *m_details = nullptr;
    TrackChartsPanel *m_charts = nullptr;
    QDockWidget *m_tableDock = nullptr;
    QDockWidget *m_detailsDock = nullptr;
    QDockWidget *m_chartsDock = nullptr;
    // The selection follows a national track: if its object merges into another, the
    // selection moves with it.
    std::optional<TrackKey> m_selectedTrack;
    bool m_selectionDirty = false;
    // The objects of two or more tracks changed since the map was last told.
    bool m_mapGroupsDirty = false;
    void updateMapGroups();
    TimeUs m_nowUs = kTimeUnset;
    int m_ticksSinceCharts = 0;
};

} // namespace cop
