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
// selects a national track; the panels select its correlated object). While the operator looks
// back (the map's playhead is not live) the panels show the picture at the playhead, and
// return to the live picture with the map.
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
    // The protected areas in force changed (Alerts → Protected areas…): impact areas are named
    // after the new ones at once, in the table and the details.
    void setAreas(std::shared_ptr<const ProtectedAreaSet> areas);

    // The live objects, updated by every batch.
    const TrackCorrelator &correlator() const { return m_correlator; }
    // What the panels show: the live picture and objects, or those at the map's playhead while
    // the operator looks back.
    bool isLookingBack() const { return m_pastAtUs != kTimeUnset; }
    const Picture &shownPicture() const;
    const TrackCorrelator &shownObjects() const;
    TrackTablePanel *table() const { return m_table; }
    TrackDetailsPanel *details() const { return m_details; }
    TrackChartsPanel *charts() const { return m_charts; }
    std::uint64_t selectedObject() const;
    // Selects an object as the operator would in the table.
    void selectObject(std::uint64_t objectId);

private:
    void pictureChanged(const PictureChange &change);
    void showSelection(bool chartsToo);
    // The picture and objects as they stood at atUs, into the table.
    void showPast(TimeUs atUs);
    void returnToLive();
    void keepTableSelection();
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
    TimeUs m_nowUs = kTimeUnset; // the clock of what is shown: now, or the playhead looked back to
    int m_ticksSinceCharts = 0;
    // Looking back: the picture at the playhead, and the live objects as they stood then.
    // Rebuilt when the playhead moves (it steps in tenths of a second), never per batch.
    TimeUs m_pastAtUs = kTimeUnset;
    Picture m_pastPicture;
    TrackCorrelator m_pastObjects;
};

} // namespace cop
