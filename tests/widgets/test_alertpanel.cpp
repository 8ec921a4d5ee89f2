// SPDX-License-Identifier: GPL-3.0-or-later
// The alert panel's model and banner, offscreen: rows appear newest first, update in place,
// stay bounded; the banner shows while a critical alert is unacknowledged.
#include "widgets/alertbanner.h"
#include "widgets/alertmodel.h"
#include "widgets/alertpanel.h"

#include <QSignalSpy>
#include <QTableView>

#include <gtest/gtest.h>

namespace cop {
namespace {

constexpr TimeUs kT0 = 1'700'000'000'000'000;
constexpr TimeUs kSecond = kMicrosPerSecond;

AlertEvent event(AlertEventType type, std::uint64_t id, AlertSeverity severity, TimeUs atUs,
                 bool active = true)
{
    AlertEvent e;
    e.type = type;
    e.timeUs = atUs;
    e.alert.id = id;
    e.alert.kind = AlertKind::ImpactThreat;
    e.alert.severity = severity;
    e.alert.active = active;
    e.alert.text = QStringLiteral("Predicted impact in Testland (MRBM, launch %1)").arg(id);
    e.alert.areaName = QStringLiteral("Testland");
    e.alert.raisedTimeUs = atUs;
    e.alert.predictedImpactTimeUs = kT0 + 300 * kSecond;
    e.alert.hasPosition = true;
    e.alert.position = {35.5, 135.5, 0.0};
    return e;
}

TEST(AlertModel, NewestFirstUpdatedInPlaceNeverReset)
{
    AlertModel model;
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    model.applyEvents({event(AlertEventType::Raised, 1, AlertSeverity::Warning, kT0)});
    model.applyEvents({event(AlertEventType::Raised, 2, AlertSeverity::Critical, kT0 + kSecond)});
    ASSERT_EQ(model.rowCount(), 2);
    EXPECT_EQ(model.alertAt(0)->id, 2u) << "newest first";
    AlertEvent moved = event(AlertEventType::Updated, 1, AlertSeverity::Warning, kT0 + 2 * kSecond);
    moved.alert.predictedImpactTimeUs = kT0 + 310 * kSecond;
    model.applyEvents({moved});
    EXPECT_EQ(model.rowCount(), 2);
    EXPECT_EQ(model.alertAt(1)->predictedImpactTimeUs, kT0 + 310 * kSecond);
    EXPECT_EQ(resets.count(), 0);
    EXPECT_EQ(inserts.count(), 2);
    EXPECT_GE(changes.count(), 1);

    model.setNow(kT0 + 10 * kSecond);
    EXPECT_EQ(model.index(0, AlertModel::CountdownColumn).data().toString(),
              QStringLiteral("T−04:50"));
    EXPECT_EQ(model.index(0, AlertModel::SeverityColumn).data().toString(),
              QStringLiteral("Critical"));
    EXPECT_EQ(model.index(0, AlertModel::AreaColumn).data().toString(), QStringLiteral("Testland"));
    EXPECT_EQ(model.index(0, 0).data(AlertModel::AlertIdRole).value<quint64>(), 2u);
    EXPECT_TRUE(model.index(0, 0).data(Qt::BackgroundRole).isValid()) << "coloured by severity";

    AlertEvent cleared
        = event(AlertEventType::Cleared, 2, AlertSeverity::Critical, kT0 + 20 * kSecond, false);
    cleared.alert.ending = AlertEnding::AllClear;
    model.applyEvents({cleared});
    EXPECT_EQ(model.index(0, AlertModel::CountdownColumn).data().toString(),
              QStringLiteral("All clear"));
}

TEST(AlertModel, BoundedOnScreenKeepingActiveAlerts)
{
    AlertModel model;
    model.setMaxRows(10);
    model.applyEvents(
        {event(AlertEventType::Raised, 1, AlertSeverity::Critical, kT0)}); // stays active
    for (std::uint64_t id = 2; id <= 40; ++id) {
        model.applyEvents({event(AlertEventType::Raised, id, AlertSeverity::Advisory,
                                 kT0 + static_cast<TimeUs>(id))});
        model.applyEvents({event(AlertEventType::Cleared, id, AlertSeverity::Advisory,
                                 kT0 + static_cast<TimeUs>(id), false)});
    }
    EXPECT_EQ(model.rowCount(), 10);
    EXPECT_GE(model.rowOf(1), 0) << "the active critical alert is never pushed off screen";
    EXPECT_EQ(model.alertAt(0)->id, 40u);
}

TEST(AlertPanel, BannerWhileCriticalUnacknowledgedAndAcknowledgeRequests)
{
    AlertPanel panel;
    panel.banner()->setSoundEnabled(false);
    panel.resize(1000, 300);
    panel.show();
    QSignalSpy acknowledge(&panel, &AlertPanel::acknowledgeRequested);
    QSignalSpy centre(&panel, &AlertPanel::centreRequested);

    panel.applyEvents({event(AlertEventType::Raised, 7, AlertSeverity::Warning, kT0)});
    panel.tick(kT0, 1000);
    EXPECT_FALSE(panel.banner()->isVisible()) << "a warning raises no banner";

    panel.applyEvents({event(AlertEventType::Raised, 8, AlertSeverity::Critical, kT0 + kSecond)});
    panel.tick(kT0 + kSecond, 2000);
    EXPECT_TRUE(panel.banner()->isVisible());

    panel.view()->selectRow(0);
    ASSERT_EQ(centre.count(), 1);
    EXPECT_DOUBLE_EQ(centre.at(0).at(0).toDouble(), 35.5);
    panel.acknowledgeSelected();
    ASSERT_EQ(acknowledge.count(), 1);
    EXPECT_EQ(acknowledge.at(0).at(0).value<quint64>(), 8u);

    AlertEvent acked
        = event(AlertEventType::Acknowledged, 8, AlertSeverity::Critical, kT0 + 2 * kSecond);
    acked.alert.acknowledged = true;
    acked.alert.acknowledgedBy = QStringLiteral("duty-officer");
    acked.alert.acknowledgedTimeUs = kT0 + 2 * kSecond;
    panel.applyEvents({acked});
    panel.tick(kT0 + 2 * kSecond, 3000);
    EXPECT_FALSE(panel.banner()->isVisible());
    EXPECT_TRUE(panel.model()
                    .index(0, AlertModel::AcknowledgedColumn)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("duty-officer")));

    // Silence hides the banner until a new critical alert arrives.
    panel.applyEvents(
        {event(AlertEventType::Raised, 9, AlertSeverity::Critical, kT0 + 3 * kSecond)});
    panel.banner()->silenceUntil(3000 + 60'000);
    panel.tick(kT0 + 3 * kSecond, 4000);
    EXPECT_FALSE(panel.banner()->isVisible());
    panel.applyEvents(
        {event(AlertEventType::Raised, 10, AlertSeverity::Critical, kT0 + 4 * kSecond)});
    panel.tick(kT0 + 4 * kSecond, 5000);
    EXPECT_TRUE(panel.banner()->isVisible());
}

} // namespace
} // namespace cop
