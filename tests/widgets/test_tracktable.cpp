// SPDX-License-Identifier: GPL-3.0-or-later
// The track table (model, sort and filter proxy, panel selection), the details panel and the
// charts of the selected object, offscreen, on a Picture fed with known tracks.
#include "core/trackcorrelator.h"
#include "widgets/trackchartdata.h"
#include "widgets/trackchartspanel.h"
#include "widgets/trackdetailspanel.h"
#include "widgets/trackfilterproxy.h"
#include "widgets/tracktablemodel.h"
#include "widgets/tracktablepanel.h"

#include <GeographicLib/LocalCartesian.hpp>
#include <QAbstractItemModelTester>
#include <QLineSeries>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <gtest/gtest.h>

#include <cmath>

namespace cop {
namespace {

constexpr TimeUs kEpochUs = 1'700'000'000'000'000;

const char *sourceOf(Nation nation)
{
    switch (nation) {
    case Nation::Japan: return "JP-JADGE";
    case Nation::UnitedStates: return "US-C2BMC";
    case Nation::Korea: return "KR-KAMD";
    }
    return "";
}

// A missile climbing straight north-east from a launch point at 39°N 127°E: at t seconds it is
// at altitude 1 km·t, moving 1 km/s east and north and climbing 1 km/s.
struct Missile
{
    double eastM = 0.0; // offset of the whole trajectory, to place missiles apart
    MissileClass missileClass = MissileClass::Intercontinental;
    TimeUs launchUs = kEpochUs;
};

FeedMessage trackMessage(Nation nation, const std::string &trackId, TimeUs timeUs, const Missile &m,
                         TrackPhase phase = TrackPhase::Midcourse)
{
    static const GeographicLib::LocalCartesian frame(39.0, 127.0, 0.0);
    const double t = usToSeconds(timeUs - m.launchUs);
    FeedMessage message;
    message.header.sourceId = sourceOf(nation);
    message.header.nation = nation;
    message.header.sourceTimeUs = timeUs;
    message.header.receiveTimeUs = timeUs;
    TrackUpdate u;
    u.trackId = trackId;
    u.timeUs = timeUs;
    frame.Reverse(m.eastM + 1000.0 * t, 1000.0 * t, 1000.0 * t, u.position.latDeg, u.position.lonDeg,
                  u.position.altitudeM);
    u.velocity = {1000.0, 1000.0, 1000.0};
    u.positionCovarianceM2 = {90000, 0, 0, 90000, 0, 90000};
    u.phase = phase;
    u.missileClass = m.missileClass;
    u.quality = nation == Nation::UnitedStates ? 0.9f : 0.7f;
    u.hasLaunch = true;
    frame.Reverse(m.eastM, 0, 0, u.launchPoint.latDeg, u.launchPoint.lonDeg, u.launchPoint.altitudeM);
    u.launchPoint.altitudeM = 0.0;
    u.launchTimeUs = m.launchUs;
    u.hasImpact = true;
    u.impact.point = {41.5, 137.0 + 0.1 * nationIndex(nation), 0.0};
    u.impact.timeUs = m.launchUs + 600 * kMicrosPerSecond;
    // 95% semi-major axis √(5.991·1e8) m = 24.48 km, shrinking with time.
    const double shrink = 1.0 / (1.0 + t / 100.0);
    u.impact.covarianceM2 = {1e8 * shrink, 0, 0.25e8 * shrink};
    u.contributingSensors = {std::string(sourceOf(nation)) + "-RADAR"};
    message.body = u;
    return message;
}

// A picture and correlator fed batch by batch, with a model under the Qt model tester.
struct Feed
{
    Picture picture;
    TrackCorrelator correlator;
    TrackTableModel model;
    QAbstractItemModelTester tester{&model, QAbstractItemModelTester::FailureReportingMode::Fatal};

    CorrelationChange apply(const FeedBatch &batch)
    {
        const PictureChange change = picture.applyBatch(batch);
        const CorrelationChange correlation = correlator.update(picture, change);
        model.apply(picture, correlator, correlation);
        return correlation;
    }
    // Every nation reports each missile at second `step` after kEpochUs.
    CorrelationChange step(int step, const std::vector<std::pair<std::string, Missile>> &missiles,
                           const std::vector<Nation> &nations = {kAllNations.begin(), kAllNations.end()})
    {
        FeedBatch batch;
        for (const auto &[name, missile] : missiles)
            for (Nation nation : nations)
                batch.push_back(trackMessage(nation, name, kEpochUs + step * kMicrosPerSecond
                                                               + 100'000 * nationIndex(nation), missile));
        return apply(batch);
    }
    int rowOfTrack(const std::string &sourceId, const std::string &trackId) const
    {
        const CorrelatedObject *object = correlator.objectOf({sourceId, trackId});
        return object ? model.rowOf(object->id) : -1;
    }
};

TEST(TrackTableModel, OneRowPerCorrelatedObjectWithItsNations)
{
    Feed feed;
    feed.model.setAreaNamer([](double, double lonDeg) {
        return lonDeg < 137.05 ? QStringLiteral("Japan EEZ (approx.)") : QStringLiteral("Sea");
    });
    feed.model.setNow(kEpochUs + 10 * kMicrosPerSecond);
    feed.step(10, {{"A", Missile{}}, {"B", Missile{200e3}}});
    ASSERT_EQ(feed.model.rowCount(), 2);
    ASSERT_EQ(feed.model.columnCount(), TrackTableModel::ColumnCount);
    const int row = feed.rowOfTrack("KR-KAMD", "A");
    ASSERT_GE(row, 0);
    const auto cell = [&](int column, int role = Qt::DisplayRole) { return feed.model.index(row, column).data(role); };
    EXPECT_EQ(cell(TrackTableModel::NationsColumn).toString(), QStringLiteral("JP US KR"));
    EXPECT_EQ(cell(0, TrackTableModel::NationMaskRole).toInt(), 0b111);
    EXPECT_EQ(cell(TrackTableModel::ClassColumn).toString(), missileClassShortName(MissileClass::Intercontinental));
    EXPECT_EQ(cell(TrackTableModel::PhaseColumn).toString(), trackPhaseName(TrackPhase::Midcourse));
    // Fused at the newest report (Korea's, 10.2 s after launch): 10.2 km up, speed √3 km/s,
    // about 14 km downrange.
    EXPECT_NEAR(cell(TrackTableModel::AltitudeColumn, TrackTableModel::SortRole).toDouble(), 10.2e3, 100.0);
    EXPECT_NEAR(cell(TrackTableModel::SpeedColumn, TrackTableModel::SortRole).toDouble(), 1732.0, 2.0);
    EXPECT_NEAR(cell(TrackTableModel::RangeColumn, TrackTableModel::SortRole).toDouble(), 14.4, 0.5);
    // The representative is the US track (best quality): its impact prediction is at 137.1°E.
    EXPECT_EQ(cell(TrackTableModel::ImpactAreaColumn).toString(), QStringLiteral("Sea"));
    // Impact at launch + 600 s; now is launch + 10 s.
    EXPECT_EQ(cell(TrackTableModel::TimeToImpactColumn).toString(), QStringLiteral("T−09:50"));
    EXPECT_EQ(cell(TrackTableModel::QualityColumn).toString(), QStringLiteral("0.90"));
    const QString tip = feed.model.index(row, 0).data(Qt::ToolTipRole).toString();
    EXPECT_TRUE(tip.contains(QStringLiteral("JP A"))) << tip.toStdString();
    EXPECT_TRUE(tip.contains(QStringLiteral("km apart"))) << tip.toStdString();
}

TEST(TrackTableModel, ATrackJustBelowTheEllipsoidReadsZeroNotMinusZero)
{
    Feed feed;
    FeedMessage landed = trackMessage(Nation::Japan, "A", kEpochUs, Missile{}, TrackPhase::Impacted);
    std::get<TrackUpdate>(landed.body).position.altitudeM = -30.0; // the ground below the ellipsoid
    feed.apply({landed});
    ASSERT_EQ(feed.model.rowCount(), 1);
    EXPECT_EQ(feed.model.index(0, TrackTableModel::AltitudeColumn).data().toString(), QStringLiteral("0.0 km"));
}

TEST(TrackTableModel, UpdatesInPlaceNeverResets)
{
    Feed feed;
    QSignalSpy resets(&feed.model, &QAbstractItemModel::modelReset);
    QSignalSpy inserts(&feed.model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removes(&feed.model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changes(&feed.model, &QAbstractItemModel::dataChanged);

    feed.step(1, {{"A", Missile{}}, {"B", Missile{200e3}}, {"C", Missile{400e3}}});
    EXPECT_EQ(inserts.count(), 1) << "one insertion for the batch";
    EXPECT_EQ(feed.model.rowCount(), 3);

    // Only B moves on: one row changes, nothing is inserted or removed.
    inserts.clear();
    changes.clear();
    feed.step(2, {{"B", Missile{200e3}}});
    EXPECT_EQ(inserts.count(), 0);
    EXPECT_EQ(removes.count(), 0);
    ASSERT_EQ(changes.count(), 1);
    const int rowB = feed.rowOfTrack("JP-JADGE", "B");
    EXPECT_EQ(changes.at(0).at(0).toModelIndex().row(), rowB);
    EXPECT_EQ(changes.at(0).at(1).toModelIndex().row(), rowB);
    EXPECT_NEAR(feed.model.index(rowB, TrackTableModel::AltitudeColumn).data(TrackTableModel::SortRole).toDouble(),
                feed.picture.track({"KR-KAMD", "B"})->latest().position.altitudeM, 100.0);

    // Coalescing (as the viewer runs it): rows change at once, the announcement waits for
    // the clock tick, and comes once however many frames touched the row.
    feed.model.setCoalesceChanges(true);
    changes.clear();
    feed.step(3, {{"B", Missile{200e3}}});
    feed.step(4, {{"B", Missile{200e3}}, {"C", Missile{400e3}}});
    EXPECT_EQ(changes.count(), 0);
    EXPECT_NEAR(feed.model.index(rowB, TrackTableModel::AltitudeColumn).data(TrackTableModel::SortRole).toDouble(),
                feed.picture.track({"KR-KAMD", "B"})->latest().position.altitudeM, 100.0);
    feed.model.flushChanges();
    ASSERT_EQ(changes.count(), 1) << "B and C are neighbouring rows: one run";
    EXPECT_EQ(changes.at(0).at(1).toModelIndex().row() - changes.at(0).at(0).toModelIndex().row(), 1);
    feed.model.flushChanges();
    EXPECT_EQ(changes.count(), 1) << "nothing more to announce";
    feed.model.setCoalesceChanges(false);

    // The clock repaints the two clock columns only.
    changes.clear();
    feed.model.setNow(kEpochUs + 5 * kMicrosPerSecond);
    ASSERT_EQ(changes.count(), 2);
    for (const QList<QVariant> &args : changes) {
        const QModelIndex from = args.at(0).toModelIndex(), to = args.at(1).toModelIndex();
        EXPECT_EQ(from.column(), to.column());
        EXPECT_TRUE(from.column() == TrackTableModel::TimeToImpactColumn || from.column() == TrackTableModel::AgeColumn);
        EXPECT_EQ(from.row(), 0);
        EXPECT_EQ(to.row(), 2);
    }
    // Age is measured from the newest arrival: B arrived at 4.2 s.
    EXPECT_EQ(feed.model.index(rowB, TrackTableModel::AgeColumn).data().toString(), QStringLiteral("0.8 s"));
    EXPECT_EQ(resets.count(), 0);
}

TEST(TrackTableModel, LoneTrackJoiningAnObjectRemovesItsRow)
{
    Feed feed;
    feed.step(1, {{"A", Missile{}}}, {Nation::Japan});
    ASSERT_EQ(feed.model.rowCount(), 1);
    // Korea's track arrives later in its own batch and joins Japan's object: still one row.
    QSignalSpy inserts(&feed.model, &QAbstractItemModel::rowsInserted);
    feed.step(1, {{"A", Missile{}}}, {Nation::Korea});
    EXPECT_EQ(feed.model.rowCount(), 1);
    EXPECT_EQ(inserts.count(), 0);
    EXPECT_EQ(feed.model.index(0, TrackTableModel::NationsColumn).data().toString(), QStringLiteral("JP KR"));
}

TEST(TrackFilterProxy, SortsNumericallyAndFiltersByNationPhaseAndText)
{
    Feed feed;
    // Three missiles launched 0, 20 and 100 s before the step: different altitudes.
    Missile young{0.0}, middle{200e3}, old{400e3, MissileClass::ShortRange};
    young.launchUs = kEpochUs + 95 * kMicrosPerSecond;
    middle.launchUs = kEpochUs + 80 * kMicrosPerSecond;
    old.launchUs = kEpochUs;
    feed.step(100, {{"Y", young}, {"M", middle}, {"O", old}});
    // A fourth object only Japan reports.
    feed.step(100, {{"J", Missile{800e3}}}, {Nation::Japan});
    ASSERT_EQ(feed.model.rowCount(), 4);

    TrackFilterProxy proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    proxy.setSourceModel(&feed.model);
    proxy.sort(TrackTableModel::AltitudeColumn, Qt::DescendingOrder);
    std::vector<double> altitudes;
    for (int r = 0; r < proxy.rowCount(); ++r)
        altitudes.push_back(proxy.index(r, TrackTableModel::AltitudeColumn).data(TrackTableModel::SortRole).toDouble());
    ASSERT_EQ(altitudes.size(), 4u);
    EXPECT_TRUE(std::is_sorted(altitudes.rbegin(), altitudes.rend()));
    EXPECT_GT(altitudes.front(), 99e3); // "O" and "J": 100 s after launch
    EXPECT_LT(altitudes.back(), 6e3);   // "Y": 5 s

    // Nations: with Korea alone on, the Japan-only object goes.
    proxy.setNationVisible(Nation::Japan, false);
    proxy.setNationVisible(Nation::UnitedStates, false);
    EXPECT_EQ(proxy.rowCount(), 3);
    proxy.setNationVisible(Nation::Korea, false);
    EXPECT_EQ(proxy.rowCount(), 0);
    proxy.setNationVisible(Nation::Japan, true);
    EXPECT_EQ(proxy.rowCount(), 4);

    // Text: a class, a nation's track id.
    proxy.setText(QStringLiteral("SRBM"));
    ASSERT_EQ(proxy.rowCount(), 1);
    EXPECT_EQ(proxy.index(0, TrackTableModel::ClassColumn).data().toString(), missileClassShortName(MissileClass::ShortRange));
    proxy.setText(QStringLiteral("KR M"));
    EXPECT_EQ(proxy.rowCount(), 1);
    proxy.setText({});

    // Phase: "O" ends (every nation drops it).
    FeedBatch drops;
    for (Nation nation : kAllNations) {
        FeedMessage m;
        m.header.sourceId = sourceOf(nation);
        m.header.nation = nation;
        m.header.sourceTimeUs = kEpochUs + 101 * kMicrosPerSecond;
        m.header.receiveTimeUs = m.header.sourceTimeUs;
        m.body = TrackDrop{"O", m.header.sourceTimeUs, DropReason::Impacted};
        drops.push_back(m);
    }
    feed.apply(drops);
    proxy.setPhaseFilter(TrackFilterProxy::PhaseFilter::Ended);
    ASSERT_EQ(proxy.rowCount(), 1);
    EXPECT_EQ(proxy.index(0, TrackTableModel::PhaseColumn).data().toString(), trackPhaseName(TrackPhase::Impacted));
    proxy.setPhaseFilter(TrackFilterProxy::PhaseFilter::InFlight);
    EXPECT_EQ(proxy.rowCount(), 3);
    proxy.setPhaseFilter(TrackFilterProxy::PhaseFilter::Boost);
    EXPECT_EQ(proxy.rowCount(), 0);

    // A sorted, filtered view follows an update without a reset.
    proxy.setPhaseFilter(TrackFilterProxy::PhaseFilter::All);
    QSignalSpy resets(&proxy, &QAbstractItemModel::modelReset);
    feed.step(400, {{"Y", young}});
    EXPECT_EQ(resets.count(), 0);
    EXPECT_EQ(proxy.index(0, TrackTableModel::ObjectColumn).data().toString(),
              feed.model.index(feed.rowOfTrack("JP-JADGE", "Y"), TrackTableModel::ObjectColumn).data().toString())
        << "Y climbed highest and sorts first";
}

TEST(TrackTablePanel, SelectionGoesBothWaysWithoutEcho)
{
    TrackTablePanel panel;
    Picture picture;
    TrackCorrelator correlator;
    FeedBatch batch;
    for (const char *name : {"A", "B"})
        for (Nation nation : kAllNations)
            batch.push_back(trackMessage(nation, name, kEpochUs + kMicrosPerSecond, Missile{name[0] == 'A' ? 0.0 : 300e3}));
    panel.model().apply(picture, correlator, correlator.update(picture, picture.applyBatch(batch)));
    panel.resize(900, 300);
    panel.show();
    const std::uint64_t idB = correlator.objectOf({"KR-KAMD", "B"})->id;

    QSignalSpy selected(&panel, &TrackTablePanel::objectSelected);
    QSignalSpy cleared(&panel, &TrackTablePanel::selectionCleared);
    // From elsewhere (the map): the row is selected, nothing is echoed back.
    panel.selectObject(idB);
    EXPECT_EQ(selected.count(), 0);
    const QModelIndexList rows = panel.view()->selectionModel()->selectedRows();
    ASSERT_EQ(rows.size(), 1);
    EXPECT_EQ(rows.front().data(TrackTableModel::ObjectIdRole).toULongLong(), idB);

    // The operator picks the other row.
    const QModelIndex other = panel.proxy().index(rows.front().row() == 0 ? 1 : 0, 0);
    panel.view()->selectionModel()->setCurrentIndex(other, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    ASSERT_EQ(selected.count(), 1);
    EXPECT_EQ(selected.at(0).at(0).toULongLong(), correlator.objectOf({"KR-KAMD", "A"})->id);
    panel.view()->clearSelection();
    EXPECT_EQ(cleared.count(), 1);
}

TEST(TrackChartData, OneSeriesPerNationWithTheFlightsProfile)
{
    Feed feed;
    for (int s = 1; s <= 60; ++s)
        feed.step(s, {{"A", Missile{}}});
    ASSERT_EQ(feed.correlator.objects().size(), 1u);
    const CorrelatedObject &object = feed.correlator.objects().begin()->second;
    const TrackChartData data = buildTrackChartData(feed.picture, object, 400);
    EXPECT_EQ(data.originUs, kEpochUs);
    ASSERT_EQ(data.series.size(), 3u);
    EXPECT_EQ(data.series[0].nation, Nation::Japan);
    EXPECT_EQ(data.series[2].name, QStringLiteral("KR A"));
    const TrackChartSeries &us = data.series[1];
    ASSERT_EQ(us.altitudeVsTime.size(), 60);
    // US reports at s + 0.1 s: altitude 1 km per second since launch.
    EXPECT_NEAR(us.altitudeVsTime[9].x(), 10.1, 1e-9);
    EXPECT_NEAR(us.altitudeVsTime[9].y(), 10.1, 0.1);
    EXPECT_NEAR(us.speedVsTime[9].y(), std::sqrt(3.0), 1e-6);
    // Downrange: √2 km per second along the ground.
    // Downrange: √2 km per second along a plane tangent at the launch point, so a little less
    // along the ground and a little higher above it (the Earth curves away by d²/2R).
    EXPECT_NEAR(us.altitudeVsDownrange[59].x(), 60.1 * std::sqrt(2.0), 1.0);
    EXPECT_NEAR(us.altitudeVsDownrange[59].y(), 60.1 + std::pow(60.1 * std::sqrt(2.0), 2) / (2 * 6371.0), 0.1);
    // 95% semi-major axis: √(5.991·1e8/(1 + t/100)) m.
    EXPECT_NEAR(us.semiMajorVsTime[0].y(), std::sqrt(5.991e8 / (1.0 + 1.1 / 100.0)) / 1e3, 1e-3);
    EXPECT_NEAR(us.semiMajorVsTime[59].y(), std::sqrt(5.991e8 / (1.0 + 60.1 / 100.0)) / 1e3, 1e-3);

    // Bounded: 60 states thinned to at most 25 points, the newest kept.
    const TrackChartData thin = buildTrackChartData(feed.picture, object, 25);
    EXPECT_LE(thin.series[1].altitudeVsTime.size(), 25);
    EXPECT_GE(thin.series[1].altitudeVsTime.size(), 20);
    EXPECT_EQ(thin.series[1].altitudeVsTime.back(), us.altitudeVsTime.back());
}

TEST(TrackChartsPanel, SeriesReplacedAndPlayheadFollows)
{
    Feed feed;
    for (int s = 1; s <= 30; ++s)
        feed.step(s, {{"A", Missile{}}});
    const CorrelatedObject &object = feed.correlator.objects().begin()->second;
    TrackChartsPanel panel;
    panel.resize(800, 600);
    panel.setData(buildTrackChartData(feed.picture, object));
    panel.setPlayhead(kEpochUs + 20 * kMicrosPerSecond);
    panel.show();
    for (const TrackKey &key : object.members) {
        QLineSeries *altitude = panel.series(TrackChartsPanel::AltitudeChart, key);
        ASSERT_NE(altitude, nullptr);
        EXPECT_EQ(altitude->count(), 30);
        EXPECT_NEAR(altitude->at(29).y(), 30.0 + 0.1 * nationIndex(object.memberNations[0]), 0.5);
    }
    QLineSeries *us = panel.series(TrackChartsPanel::EllipseChart, {"US-C2BMC", "A"});
    ASSERT_NE(us, nullptr);
    EXPECT_EQ(us->pen().color(), QColor(0xff, 0xc0, 0x3a)) << "the US's colour";
    // One legend above the charts, every member in its nation's colour.
    const QString legend = panel.legendText();
    for (const TrackKey &key : object.members)
        EXPECT_TRUE(legend.contains(QString::fromStdString(key.trackId))) << legend.toStdString();
    EXPECT_TRUE(legend.contains(QColor(0xff, 0xc0, 0x3a).name())) << legend.toStdString();
    QLineSeries *playhead = panel.playheadLine(TrackChartsPanel::SpeedChart);
    ASSERT_EQ(playhead->count(), 2);
    EXPECT_DOUBLE_EQ(playhead->at(0).x(), 20.0);
    EXPECT_DOUBLE_EQ(playhead->at(1).x(), 20.0);
    EXPECT_EQ(panel.playheadLine(TrackChartsPanel::ProfileChart), nullptr) << "no time on the profile's axes";

    // More data for the same members: same series objects, new points.
    QLineSeries *before = panel.series(TrackChartsPanel::AltitudeChart, {"JP-JADGE", "A"});
    feed.step(31, {{"A", Missile{}}});
    panel.setData(buildTrackChartData(feed.picture, object));
    EXPECT_EQ(panel.series(TrackChartsPanel::AltitudeChart, {"JP-JADGE", "A"}), before);
    EXPECT_EQ(before->count(), 31);
    // Nothing selected: no series.
    panel.setData({});
    EXPECT_EQ(panel.series(TrackChartsPanel::AltitudeChart, {"JP-JADGE", "A"}), nullptr);
}

TEST(TrackDetailsPanel, EveryNationsFieldsSideBySideAndThePredictionHistory)
{
    Feed feed;
    for (int s = 1; s <= 12; ++s)
        feed.step(s, {{"A", Missile{}}});
    const CorrelatedObject &object = feed.correlator.objects().begin()->second;
    TrackDetailsPanel panel;
    panel.showObject(feed.picture, &object, kEpochUs + 13 * kMicrosPerSecond,
                     [](double, double) { return QStringLiteral("Japan EEZ (approx.)"); });
    QTableWidget *fields = panel.fieldTable();
    ASSERT_EQ(fields->columnCount(), 3);
    EXPECT_EQ(fields->horizontalHeaderItem(0)->text(), nationName(Nation::Japan));
    EXPECT_EQ(fields->horizontalHeaderItem(2)->text(), nationName(Nation::Korea));
    const auto field = [&](const QString &name, int column) {
        for (int r = 0; r < fields->rowCount(); ++r)
            if (fields->verticalHeaderItem(r)->text() == name)
                return fields->item(r, column)->text();
        return QStringLiteral("(no such field)");
    };
    EXPECT_EQ(field(QStringLiteral("Source"), 1), QStringLiteral("US-C2BMC"));
    // Every cell carries its whole text as a tooltip, for when the column cuts it short.
    for (int r = 0; r < fields->rowCount(); ++r)
        for (int c = 0; c < fields->columnCount(); ++c)
            if (const QTableWidgetItem *item = fields->item(r, c))
                EXPECT_EQ(item->toolTip(), item->text()) << r << "," << c;
    EXPECT_EQ(field(QStringLiteral("Track id"), 2), QStringLiteral("A"));
    EXPECT_EQ(field(QStringLiteral("Impact area"), 0), QStringLiteral("Japan EEZ (approx.)"));
    EXPECT_EQ(field(QStringLiteral("Contributing sensors"), 2), QStringLiteral("KR-KAMD-RADAR"));
    EXPECT_EQ(field(QStringLiteral("States held"), 0), QStringLiteral("12"));
    EXPECT_TRUE(field(QStringLiteral("Launch time (UTC)"), 0).startsWith(formatUtc(kEpochUs).mid(11, 8)));
    EXPECT_TRUE(field(QStringLiteral("Impact ellipse 95%"), 1).contains(QStringLiteral(" km"))) ;
    EXPECT_EQ(panel.contributingSensors(),
              (QStringList{QStringLiteral("JP-JADGE-RADAR"), QStringLiteral("KR-KAMD-RADAR"), QStringLiteral("US-C2BMC-RADAR")}));
    EXPECT_TRUE(panel.summaryText().contains(QStringLiteral("km</b> apart"))) << panel.summaryText().toStdString();

    // History: 12 updates × 3 nations, each a new prediction (the ellipse shrinks), newest
    // first: Korea's of 12.2 s after launch.
    QTableWidget *history = panel.historyTable();
    ASSERT_EQ(history->rowCount(), 36);
    EXPECT_EQ(history->item(0, 1)->text(), QStringLiteral("KR"));
    EXPECT_EQ(history->item(0, 4)->text(),
              QStringLiteral("%1 km").arg(std::sqrt(5.991e8 / (1.0 + 12.2 / 100.0)) / 1e3, 0, 'f', 1));
    EXPECT_EQ(history->item(35, 1)->text(), QStringLiteral("JP"));

    // A tracker repeating its last prediction adds no row.
    FeedMessage repeat = trackMessage(Nation::Japan, "A", kEpochUs + 13 * kMicrosPerSecond, Missile{});
    std::get<TrackUpdate>(repeat.body).impact = feed.picture.track({"JP-JADGE", "A"})->latest().impact;
    feed.apply({repeat});
    panel.showObject(feed.picture, &feed.correlator.objects().begin()->second, kEpochUs + 13 * kMicrosPerSecond);
    EXPECT_EQ(history->rowCount(), 36);

    panel.showObject(feed.picture, nullptr, kTimeUnset);
    EXPECT_EQ(fields->columnCount(), 0);
    EXPECT_EQ(history->rowCount(), 0);
}

} // namespace
} // namespace cop
