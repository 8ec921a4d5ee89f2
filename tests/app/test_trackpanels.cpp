// SPDX-License-Identifier: GPL-3.0-or-later
// The track panels in the assembled viewer on the demo feed: the ICBM becomes one object with
// Japan's, the US's and Korea's tracks; selecting it fills the details and the charts, and the
// selection is shared with the map both ways. Set COP_SCREENSHOT_DIR to keep a picture of it.
#include "app/feedpipeline.h"
#include "app/alertcenter.h"
#include "app/liverewind.h"
#include "app/protectedareacontroller.h"
#include "core/impactarea.h"
#include "app/mainwindow.h"
#include "app/simfeedrunner.h"
#include "app/trackpanels.h"
#include "widgets/mapview.h"
#include "widgets/trackchartspanel.h"
#include "widgets/trackdetailspanel.h"
#include "widgets/trackfilterproxy.h"
#include "widgets/tracktablemodel.h"
#include "widgets/tracktablepanel.h"

#include <QApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QImage>
#include <QLineSeries>
#include <QTableView>
#include <QTableWidget>

#include <gtest/gtest.h>

#include <set>

namespace cop {
namespace {

void runEventsFor(int ms, const std::function<bool()> &done = {})
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms && !(done && done()))
        QApplication::processEvents(QEventLoop::AllEvents, 20);
}

// The correlated object of the demo's ICBM once every nation reports it, or nullptr.
const CorrelatedObject *icbmObject(const TrackPanels &panels, const Picture &picture)
{
    for (const auto &[id, object] : panels.correlator().objects()) {
        const TrackRecord *record = picture.track(object.representative);
        if (record && record->latest().missileClass == MissileClass::Intercontinental && !object.ended
            && object.members.size() == 3)
            return &object;
    }
    return nullptr;
}

TEST(DemoTrackPanels, SelectingTheIcbmShowsThreeNationsDetailsAndCharts)
{
    QString error;
    auto loaded = Basemap::loadEmbedded(&error);
    ASSERT_TRUE(loaded) << error.toStdString();
    auto basemap = std::make_shared<const Basemap>(std::move(*loaded));
    // The demo scenario published over tcp loopback at four times real speed, so that Japan's
    // radars (the last to see the ICBM, about a minute after launch) report within seconds.
    zmq::context_t context(1);
    SimFeedOptions simOptions;
    simOptions.bindEndpoints = {"tcp://127.0.0.1:*"};
    // A screenshot for the documentation is taken at real speed, where the playhead (the
    // console's clock) and the feed's time agree.
    const bool forScreenshot = qEnvironmentVariableIsSet("COP_SCREENSHOT_DIR");
    simOptions.speed = forScreenshot ? 1.0 : 4.0;
    SimFeedRunner feed(context, simOptions);
    std::string why;
    ASSERT_TRUE(feed.start(&why)) << why;
    FeedPipeline pipeline;
    ASSERT_TRUE(pipeline.start(false, {QString::fromStdString(feed.boundEndpoint())}, 1, &error))
        << error.toStdString();
    MainWindow window(pipeline, basemap, false);
    window.resize(1600, 1000);
    window.show();
    TrackPanels *panels = window.trackPanels();
    ASSERT_NE(panels, nullptr);

    // Generous: a loaded machine running sanitizer builds in parallel is slow.
    runEventsFor(forScreenshot ? 110000 : 60000, [&] { return icbmObject(*panels, pipeline.picture()) != nullptr; });
    const CorrelatedObject *icbm = icbmObject(*panels, pipeline.picture());
    ASSERT_NE(icbm, nullptr) << "the ICBM as one object of three nations";
    const std::uint64_t id = icbm->id;
    EXPECT_EQ(icbm->memberNations, (std::vector<Nation>{Nation::Japan, Nation::UnitedStates, Nation::Korea}));

    // The table has one row for it, with three badges.
    TrackTableModel &model = panels->table()->model();
    const int row = model.rowOf(id);
    ASSERT_GE(row, 0);
    EXPECT_EQ(model.index(row, TrackTableModel::NationsColumn).data().toString(), QStringLiteral("JP US KR"));

    // Select it as the operator would, in the table.
    const QModelIndex proxyIndex = panels->table()->proxy().mapFromSource(model.index(row, 0));
    panels->table()->view()->selectionModel()->setCurrentIndex(
        proxyIndex, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    EXPECT_EQ(panels->selectedObject(), id);
    ASSERT_TRUE(window.mapView()->selectedTrack().has_value());
    EXPECT_TRUE(panels->correlator().object(id)->hasMember(*window.mapView()->selectedTrack()))
        << "the map highlights one of the object's national tracks";
    runEventsFor(1500);

    // Details: one column per nation, their impact predictions side by side.
    QTableWidget *fields = panels->details()->fieldTable();
    ASSERT_EQ(fields->columnCount(), 3);
    EXPECT_EQ(fields->horizontalHeaderItem(0)->text(), nationName(Nation::Japan));
    EXPECT_EQ(fields->horizontalHeaderItem(1)->text(), nationName(Nation::UnitedStates));
    EXPECT_EQ(fields->horizontalHeaderItem(2)->text(), nationName(Nation::Korea));
    EXPECT_GT(panels->details()->historyTable()->rowCount(), 0);
    EXPECT_FALSE(panels->details()->contributingSensors().isEmpty());

    // Charts: an altitude series per nation, climbing (the demo starts 50 s into the flight).
    icbm = panels->correlator().object(id);
    ASSERT_NE(icbm, nullptr);
    for (const TrackKey &key : icbm->members) {
        QLineSeries *altitude = panels->charts()->series(TrackChartsPanel::AltitudeChart, key);
        ASSERT_NE(altitude, nullptr) << key.sourceId;
        ASSERT_GE(altitude->count(), 2) << key.sourceId;
        EXPECT_GT(altitude->at(altitude->count() - 1).y(), altitude->at(0).y()) << key.sourceId;
        EXPECT_GT(altitude->at(altitude->count() - 1).y(), 50.0) << "km, " << key.sourceId;
        QLineSeries *profile = panels->charts()->series(TrackChartsPanel::ProfileChart, key);
        ASSERT_NE(profile, nullptr);
        EXPECT_EQ(profile->count(), altitude->count());
    }

    if (forScreenshot) {
        // The details tab as it opens, then the charts tab.
        const QDir dir(qEnvironmentVariable("COP_SCREENSHOT_DIR"));
        EXPECT_TRUE(window.grab().toImage().save(dir.filePath(QStringLiteral("tracks-details.png"))));
        auto *chartsDock = window.findChild<QDockWidget *>(QStringLiteral("trackChartsDock"));
        ASSERT_NE(chartsDock, nullptr);
        chartsDock->raise();
        runEventsFor(500);
        EXPECT_TRUE(window.grab().toImage().save(dir.filePath(QStringLiteral("tracks-charts.png"))));
    }

    // From the map: selecting another object's national track selects that object's row.
    for (const auto &[otherId, other] : panels->correlator().objects()) {
        if (otherId == id || other.ended)
            continue;
        Q_EMIT window.mapView()->trackSelected(other.members.back());
        EXPECT_EQ(panels->table()->selectedObject(), otherId);
        const QModelIndexList rows = panels->table()->view()->selectionModel()->selectedRows();
        ASSERT_EQ(rows.size(), 1);
        EXPECT_EQ(rows.front().data(TrackTableModel::ObjectIdRole).toULongLong(), otherId);
        break;
    }
    Q_EMIT window.mapView()->selectionCleared();
    EXPECT_EQ(panels->table()->selectedObject(), 0u);
    EXPECT_EQ(panels->details()->fieldTable()->columnCount(), 0);
}

// The newest state at or before timeUs, even of a track dropped since; nullptr before its first.
const TrackUpdate *stateAsOf(const TrackRecord &record, TimeUs timeUs)
{
    const TrackUpdate *found = nullptr;
    for (const TrackUpdate &state : record.history)
        if (state.timeUs <= timeUs)
            found = &state;
    return found;
}

// An operator looks back during the live demo: the table (and the details' and charts' clock)
// show the picture at the playhead, not the live one, and return to live with the map.
TEST(DemoTrackPanels, LookingBackShowsThePictureAtThePlayheadAndEndReturnsToLive)
{
    QString error;
    auto loaded = Basemap::loadEmbedded(&error);
    ASSERT_TRUE(loaded) << error.toStdString();
    auto basemap = std::make_shared<const Basemap>(std::move(*loaded));
    FeedPipeline pipeline;
    ASSERT_TRUE(pipeline.start(true, {}, 1, &error)) << error.toStdString();
    MainWindow window(pipeline, basemap, false);
    window.show();
    TrackPanels *panels = window.trackPanels();
    TrackTableModel &model = panels->table()->model();
    LiveRewind *rewind = window.liveRewind();
    ASSERT_NE(rewind, nullptr);

    // Some seconds of flight, so that looking back moves every missile.
    runEventsFor(30000, [&] { return model.rowCount() >= 3; });
    ASSERT_GE(model.rowCount(), 3);
    runEventsFor(8000);
    const std::size_t liveRows = static_cast<std::size_t>(model.rowCount());
    EXPECT_EQ(liveRows, panels->correlator().objects().size());

    // Select a live object: the selection must survive looking back and returning.
    const std::uint64_t selected = model.rowAt(0)->objectId;
    panels->selectObject(selected);
    ASSERT_EQ(panels->selectedObject(), selected);

    rewind->setOffset(6 * kMicrosPerSecond);
    runEventsFor(5000, [&] { return panels->isLookingBack() && model.now() == window.mapView()->playhead(); });
    ASSERT_TRUE(panels->isLookingBack());
    const TimeUs atUs = model.now();
    ASSERT_NE(atUs, kTimeLive);
    EXPECT_LT(atUs, pipeline.nowUs() - 5 * kMicrosPerSecond);
    EXPECT_EQ(panels->charts()->playhead(), atUs) << "the charts' playhead is where the map looks";

    // Exactly the live objects that had a member reported by then, each with its values then.
    const Picture &live = pipeline.picture();
    std::set<std::uint64_t> expected;
    for (const auto &[id, object] : panels->correlator().objects()) {
        for (const TrackKey &key : object.members) {
            const TrackRecord *record = live.track(key);
            if (record && stateAsOf(*record, atUs))
                expected.insert(id);
        }
    }
    std::set<std::uint64_t> shown;
    int movedRows = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        const TrackTableRow *past = model.rowAt(row);
        shown.insert(past->objectId);
        const CorrelatedObject *object = panels->correlator().object(past->objectId);
        ASSERT_NE(object, nullptr);
        // The fused altitude lies among the members' altitudes then (a few km of fusion
        // allowed), and each member's newest state then is what the past object holds.
        double lowM = 1e9, highM = -1e9;
        for (const TrackKey &key : object->members) {
            const TrackRecord *record = live.track(key);
            const TrackUpdate *state = record ? stateAsOf(*record, atUs) : nullptr;
            if (!state)
                continue;
            lowM = std::min(lowM, state->position.altitudeM);
            highM = std::max(highM, state->position.altitudeM);
            EXPECT_EQ(panels->shownPicture().track(key)->latest().timeUs, state->timeUs);
        }
        EXPECT_GE(past->altitudeM, lowM - 3000.0) << past->label.toStdString();
        EXPECT_LE(past->altitudeM, highM + 3000.0) << past->label.toStdString();
        EXPECT_LE(past->lastReceiveTimeUs, atUs);
        if (std::abs(past->altitudeM - object->position.altitudeM) > 100.0)
            ++movedRows;
    }
    EXPECT_EQ(shown, expected);
    EXPECT_GT(movedRows, 0) << "the table shows the past, not the live picture";
    EXPECT_EQ(panels->selectedObject(), expected.count(selected) ? selected : 0u);

    // The playhead moves on with the clock at the same offset: the table follows it.
    runEventsFor(3000, [&] { return model.now() > atUs + kMicrosPerSecond; });
    EXPECT_GT(model.now(), atUs + kMicrosPerSecond);
    EXPECT_TRUE(panels->isLookingBack());

    // End: live again, every live object back, the selection with it.
    rewind->returnToLive();
    runEventsFor(5000, [&] { return !panels->isLookingBack(); });
    ASSERT_FALSE(panels->isLookingBack());
    std::set<std::uint64_t> liveIds;
    for (const auto &[id, object] : panels->correlator().objects())
        liveIds.insert(id);
    shown.clear();
    for (int row = 0; row < model.rowCount(); ++row)
        shown.insert(model.rowAt(row)->objectId);
    EXPECT_EQ(shown, liveIds);
    EXPECT_GE(model.now(), pipeline.nowUs() - kMicrosPerSecond);
    EXPECT_EQ(panels->selectedObject(), selected);
    EXPECT_EQ(panels->table()->selectedObject(), selected);
    pipeline.stop();
}

// Alerts → Protected areas…, changed while missiles fly: the table names impact areas after the
// new areas at once, not after those of the start.
TEST(DemoTrackPanels, ImpactAreasFollowTheProtectedAreasChoice)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("COP Viewer test"));
    QSettings().clear();
    QString error;
    auto loaded = Basemap::loadEmbedded(&error);
    ASSERT_TRUE(loaded) << error.toStdString();
    auto basemap = std::make_shared<const Basemap>(std::move(*loaded));
    FeedPipeline pipeline;
    ASSERT_TRUE(pipeline.start(true, {}, 1, &error)) << error.toStdString();
    MainWindow window(pipeline, basemap, false);
    window.show();
    TrackTableModel &model = window.trackPanels()->table()->model();
    const QString japanEez = QStringLiteral("Japan EEZ (approx.)");
    // The demo starts mid-loop with missiles heading for Japan's EEZ.
    const auto rowNamed = [&](const QString &area) {
        for (int row = 0; row < model.rowCount(); ++row)
            if (model.rowAt(row)->hasImpact && model.rowAt(row)->impactArea == area)
                return row;
        return -1;
    };
    runEventsFor(30000, [&] { return rowNamed(japanEez) >= 0; });
    const int row = rowNamed(japanEez);
    ASSERT_GE(row, 0);
    const std::uint64_t objectId = model.rowAt(row)->objectId;

    // Korea only: the point is no longer in a protected area.
    QString problem;
    ASSERT_TRUE(window.protectedAreas()->apply({QStringLiteral("KR"), {}}, &problem)) << problem.toStdString();
    const TrackTableRow *after = model.rowAt(model.rowOf(objectId));
    ASSERT_NE(after, nullptr);
    const QString expected = impactAreaName(basemap.get(), window.alertCenter()->areas().get(),
                                            after->impactLatDeg, after->impactLonDeg);
    EXPECT_NE(expected, japanEez);
    EXPECT_EQ(after->impactArea, expected);
    EXPECT_EQ(model.index(model.rowOf(objectId), TrackTableModel::ImpactAreaColumn).data().toString(), expected);
    // And later updates keep naming after the new areas.
    runEventsFor(2000);
    EXPECT_EQ(rowNamed(japanEez), -1);

    // Every nation again: Japan's EEZ is back.
    ASSERT_TRUE(window.protectedAreas()->apply({QStringLiteral("JP,US,KR"), {}}, &problem)) << problem.toStdString();
    runEventsFor(30000, [&] { return rowNamed(japanEez) >= 0; });
    EXPECT_GE(rowNamed(japanEez), 0);
    QSettings().clear();
    pipeline.stop();
}

} // namespace
} // namespace cop
