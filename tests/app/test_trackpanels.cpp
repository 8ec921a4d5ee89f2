// SPDX-License-Identifier: GPL-3.0-or-later
// The track panels in the assembled viewer on the demo feed: the ICBM becomes one object with
// Japan's, the US's and Korea's tracks; selecting it fills the details and the charts, and the
// selection is shared with the map both ways. Set COP_SCREENSHOT_DIR to keep a picture of it.
#include "app/feedpipeline.h"
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
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QImage>
#include <QLineSeries>
#include <QTableView>
#include <QTableWidget>

#include <gtest/gtest.h>

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

} // namespace
} // namespace cop
