// SPDX-License-Identifier: GPL-3.0-or-later
#include "trackpanels.h"

#include "app/feedpipeline.h"
#include "core/impactarea.h"
#include "widgets/mapview.h"
#include "widgets/trackchartdata.h"
#include "widgets/trackchartspanel.h"
#include "widgets/trackdetailspanel.h"
#include "widgets/tracktablemodel.h"
#include "widgets/tracktablepanel.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>
#include <QSignalBlocker>

namespace cop {

namespace {
// Charts redraw at most this often (in ticks of the caller's clock, about 250 ms): a chart of
// a whole flight gains nothing from more.
constexpr int kTicksPerChartRefresh = 4;
} // namespace

TrackPanels::TrackPanels(FeedPipeline &pipeline, MapView &map, std::shared_ptr<const Basemap> basemap,
                         std::shared_ptr<const ProtectedAreaSet> areas, bool darkTheme, QMainWindow &window)
    : QObject(&window)
    , m_pipeline(pipeline)
    , m_map(map)
    , m_basemap(std::move(basemap))
    , m_areas(std::move(areas))
{
    m_table = new TrackTablePanel(&window);
    m_table->model().setCoalesceChanges(true); // announced on the clock tick, below
    m_table->model().setAreaNamer([this](double latDeg, double lonDeg) { return areaName(latDeg, lonDeg); });
    m_details = new TrackDetailsPanel(&window);
    m_charts = new TrackChartsPanel(&window);
    m_charts->setDarkTheme(darkTheme);

    m_tableDock = m_table->createDock(&window);
    m_detailsDock = m_details->createDock(&window);
    m_chartsDock = m_charts->createDock(&window);
    // The table beside the alerts along the bottom; the selected object's details and its
    // charts share one column on the right (tabs), so the map keeps most of the window.
    window.addDockWidget(Qt::BottomDockWidgetArea, m_tableDock);
    window.addDockWidget(Qt::RightDockWidgetArea, m_detailsDock);
    window.tabifyDockWidget(m_detailsDock, m_chartsDock);
    m_detailsDock->raise();
    window.resizeDocks({m_detailsDock}, {480}, Qt::Horizontal);
    window.resizeDocks({m_tableDock}, {760}, Qt::Horizontal);
    window.resizeDocks({m_tableDock}, {220}, Qt::Vertical);

    connect(&m_pipeline, &FeedPipeline::pictureChanged, this, &TrackPanels::pictureChanged);
    connect(m_table, &TrackTablePanel::objectSelected, this, [this](quint64 id) { selectObject(id); });
    connect(m_table, &TrackTablePanel::selectionCleared, this, [this] {
        m_selectedTrack.reset();
        m_map.setSelectedTrack(std::nullopt);
        showSelection(true);
    });
    connect(&m_map, &MapView::trackSelected, this, [this](const TrackKey &key) {
        m_selectedTrack = key;
        const CorrelatedObject *object = shownObjects().objectOf(key);
        m_table->selectObject(object ? object->id : 0);
        showSelection(true);
    });
    connect(&m_map, &MapView::selectionCleared, this, [this] {
        m_selectedTrack.reset();
        m_table->selectObject(0);
        showSelection(true);
    });
}

TrackPanels::~TrackPanels() = default;

void TrackPanels::addActionsTo(QMenu &viewMenu) const
{
    viewMenu.addAction(m_tableDock->toggleViewAction());
    viewMenu.addAction(m_detailsDock->toggleViewAction());
    viewMenu.addAction(m_chartsDock->toggleViewAction());
}

void TrackPanels::setAreas(std::shared_ptr<const ProtectedAreaSet> areas)
{
    m_areas = std::move(areas);
    m_table->model().renameImpactAreas();
    showSelection(false);
}

QString TrackPanels::areaName(double latDeg, double lonDeg) const
{
    return impactAreaName(m_basemap.get(), m_areas.get(), latDeg, lonDeg);
}

const Picture &TrackPanels::shownPicture() const
{
    return isLookingBack() ? m_pastPicture : m_pipeline.picture();
}

const TrackCorrelator &TrackPanels::shownObjects() const
{
    return isLookingBack() ? m_pastObjects : m_correlator;
}

std::uint64_t TrackPanels::selectedObject() const
{
    const CorrelatedObject *object = m_selectedTrack ? shownObjects().objectOf(*m_selectedTrack) : nullptr;
    return object ? object->id : 0;
}

void TrackPanels::selectObject(std::uint64_t objectId)
{
    const CorrelatedObject *object = shownObjects().object(objectId);
    if (!object || object->members.empty()) {
        m_selectedTrack.reset();
        m_map.setSelectedTrack(std::nullopt);
    } else {
        // The map highlights the object's best national track.
        m_selectedTrack = object->representative.sourceId.empty() ? object->members.front() : object->representative;
        m_map.setSelectedTrack(m_selectedTrack);
    }
    if (m_table->selectedObject() != selectedObject())
        m_table->selectObject(selectedObject());
    showSelection(true);
}

void TrackPanels::pictureChanged(const PictureChange &change)
{
    const Picture &picture = m_pipeline.picture();
    if (isLookingBack()) {
        // The live objects carry on (the map draws their groups); the table shows the past,
        // rebuilt on the clock tick.
        m_mapGroupsDirty = m_mapGroupsDirty || !m_correlator.update(picture, change).isEmpty();
        return;
    }
    const std::uint64_t selectedBefore = selectedObject();
    const CorrelationChange correlation = m_correlator.update(picture, change);
    m_table->model().apply(picture, m_correlator, correlation);
    m_mapGroupsDirty = m_mapGroupsDirty || !correlation.isEmpty();
    if (!correlation.added.empty() || !correlation.removed.empty())
        m_table->updateSummary();
    if (m_selectedTrack) {
        const std::uint64_t selected = selectedObject();
        if (selected != selectedBefore) {
            // The selected track's object merged into another, or the track is gone.
            m_table->selectObject(selected);
            m_selectionDirty = true;
            if (selected == 0)
                m_selectedTrack.reset();
        } else {
            const auto touches = [selected](const std::vector<std::uint64_t> &ids) {
                return std::find(ids.begin(), ids.end(), selected) != ids.end();
            };
            m_selectionDirty = m_selectionDirty || touches(correlation.changed) || touches(correlation.added);
        }
    }
}

void TrackPanels::tick(TimeUs nowUs)
{
    // The map's playhead says which picture the operator is looking at.
    const TimeUs playheadUs = m_map.playhead();
    if (playheadUs != kTimeLive && playheadUs != m_pastAtUs)
        showPast(playheadUs);
    else if (playheadUs == kTimeLive && isLookingBack())
        returnToLive();
    m_nowUs = isLookingBack() ? m_pastAtUs : nowUs;
    m_table->model().flushChanges();
    m_table->model().setNow(m_nowUs);
    if (m_mapGroupsDirty)
        updateMapGroups();
    const bool chartsDue = ++m_ticksSinceCharts >= kTicksPerChartRefresh;
    // The details show ages and countdowns, so they follow the clock even with no update.
    showSelection(chartsDue && m_selectionDirty);
    m_charts->setPlayhead(m_nowUs);
}

void TrackPanels::showPast(TimeUs atUs)
{
    m_pastAtUs = atUs;
    m_pastPicture.assignTracksAsOf(m_pipeline.picture(), atUs);
    m_pastObjects.assignAsOf(m_correlator, m_pastPicture);
    // Rows of objects not yet seen then go, the others take their values of then: still no
    // reset, so scrolling survives. A selected row that goes must not end the selection: it
    // follows its national track, and comes back with it.
    {
        const QSignalBlocker quiet(m_table);
        m_table->model().sync(m_pastPicture, m_pastObjects);
    }
    m_table->updateSummary();
    keepTableSelection();
    m_selectionDirty = true;
}

void TrackPanels::returnToLive()
{
    m_pastAtUs = kTimeUnset;
    m_pastPicture.clear();
    m_pastObjects.clear();
    {
        const QSignalBlocker quiet(m_table);
        m_table->model().sync(m_pipeline.picture(), m_correlator);
    }
    m_table->updateSummary();
    keepTableSelection();
    m_selectionDirty = true;
}

void TrackPanels::keepTableSelection()
{
    // The selection follows its national track, which may not have existed at the playhead.
    if (m_table->selectedObject() != selectedObject())
        m_table->selectObject(selectedObject());
}

void TrackPanels::updateMapGroups()
{
    // Rebuilt on the clock tick rather than per batch: a few hundred objects at most, and the
    // map repaints at the tick anyway.
    auto groups = std::make_shared<MapTrackGroups>();
    for (const auto &[id, object] : m_correlator.objects()) {
        if (object.ended || object.members.size() < 2)
            continue; // a lone national track is drawn as itself
        MapTrackGroup group;
        group.objectId = id;
        group.representative = object.representative.sourceId.empty() ? object.members.front()
                                                                       : object.representative;
        group.members = object.members;
        group.memberNations = object.memberNations;
        groups->add(std::move(group));
    }
    m_map.setTrackGroups(std::move(groups));
    m_mapGroupsDirty = false;
}

void TrackPanels::showSelection(bool chartsToo)
{
    const Picture &picture = shownPicture();
    const CorrelatedObject *object = shownObjects().object(selectedObject());
    m_details->showObject(picture, object, m_nowUs,
                          [this](double latDeg, double lonDeg) { return areaName(latDeg, lonDeg); });
    if (chartsToo) {
        m_charts->setData(object ? buildTrackChartData(picture, *object) : TrackChartData{});
        m_ticksSinceCharts = 0;
        m_selectionDirty = false;
    }
}

} // namespace cop
