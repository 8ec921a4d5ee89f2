// SPDX-License-Identifier: GPL-3.0-or-later
// Alert lives as CSV: every event of each alert together, in time order, who acknowledged and
// when, and free text with commas, quotes and line breaks read back exactly.
#include "core/alertexport.h"
#include "core/csvwriter.h"

#include <gtest/gtest.h>

namespace cop {
namespace {

constexpr TimeUs kEpochUs = 1'689'123'600'000'000; // 2023-07-12T01:00:00Z

AlertRecord record(TimeUs atS, const char *id, const char *event, const char *severity,
                   const std::string &detail)
{
    return {kEpochUs + atS * kMicrosPerSecond, id, event, severity, detail};
}

TEST(AlertExport, EachAlertsLifeTogetherWithWhoAcknowledgedAndQuotedText)
{
    const std::string launch
        = R"({"kind":"launch-detected","nation":"JP","text":"Launch, \"KN-23\"\nfrom Sinpo","active":true,"track":{"source":"JP-JADGE","id":"JP-0001"}})";
    const std::string launchAcked
        = R"({"kind":"launch-detected","nation":"JP","text":"Launch, \"KN-23\"\nfrom Sinpo","active":true,"acknowledged_by":"sato","acknowledged_time":"2023-07-12T01:00:20.000Z"})";
    const std::string threat
        = R"({"kind":"impact-threat","nation":"JP","text":"Impact threat to Japan EEZ","area":"Japan EEZ","predicted_impact_time":"2023-07-12T01:09:00.000Z","active":true})";
    const std::string threatCleared
        = R"({"kind":"impact-threat","nation":"JP","text":"Impact threat to Japan EEZ","area":"Japan EEZ","active":false,"ending":"impact"})";
    // Recorded in time order: the two alerts' events interleave.
    const std::vector<AlertRecord> records = {
        record(10, "1", "raise", "warning", launch),
        record(15, "2", "raise", "critical", threat),
        record(20, "1", "acknowledge", "warning", launchAcked),
        record(30, "2", "update", "critical", threat),
        record(40, "2", "acknowledge", "critical", threat), // the record does not say who
        record(540, "2", "clear", "critical", threatCleared),
    };
    const std::vector<OperatorAction> actions = {
        {kEpochUs + 40 * kMicrosPerSecond, kTimeUnset, "acknowledge", "kim", "2", ""},
        {kEpochUs + 50 * kMicrosPerSecond, kTimeUnset, "bookmark", "kim", "", "not an ack"},
    };
    QList<QStringList> rows;
    ASSERT_TRUE(parseCsv(alertLivesToCsv(records, actions), &rows));
    ASSERT_EQ(rows.size(), 7);
    const QStringList header = rows[0];
    const auto at = [&](int row, const char *column) {
        const auto index = header.indexOf(QLatin1String(column));
        EXPECT_GE(index, 0) << column;
        return rows[row].value(index);
    };
    for (const QStringList &row : rows)
        EXPECT_EQ(row.size(), header.size());
    // Alert 1's life, then alert 2's.
    const char *expected[][2] = {{"1", "raise"},  {"1", "acknowledge"}, {"2", "raise"},
                                 {"2", "update"}, {"2", "acknowledge"}, {"2", "clear"}};
    for (int i = 0; i < 6; ++i) {
        EXPECT_EQ(at(i + 1, "alert_id"), QLatin1String(expected[i][0])) << i;
        EXPECT_EQ(at(i + 1, "event"), QLatin1String(expected[i][1])) << i;
    }
    EXPECT_EQ(at(1, "text"), QStringLiteral("Launch, \"KN-23\"\nfrom Sinpo"));
    EXPECT_EQ(at(1, "time_utc"), QStringLiteral("2023-07-12T01:00:10.000Z"));
    EXPECT_EQ(at(1, "time_us").toLongLong(), kEpochUs + 10 * kMicrosPerSecond);
    EXPECT_EQ(at(1, "source_id"), QStringLiteral("JP-JADGE"));
    EXPECT_EQ(at(1, "track_id"), QStringLiteral("JP-0001"));
    EXPECT_EQ(at(1, "acknowledged_by"), QString());
    EXPECT_EQ(at(2, "acknowledged_by"), QStringLiteral("sato"));
    EXPECT_EQ(at(2, "acknowledged_utc"), QStringLiteral("2023-07-12T01:00:20.000Z"));
    EXPECT_EQ(at(3, "severity"), QStringLiteral("critical"));
    EXPECT_EQ(at(3, "area"), QStringLiteral("Japan EEZ"));
    EXPECT_EQ(at(3, "predicted_impact_utc"), QStringLiteral("2023-07-12T01:09:00.000Z"));
    // Who acknowledged alert 2 comes from the operator's action.
    EXPECT_EQ(at(5, "acknowledged_by"), QStringLiteral("kim"));
    EXPECT_EQ(at(5, "acknowledged_utc"), QStringLiteral("2023-07-12T01:00:40.000Z"));
    EXPECT_EQ(at(6, "active"), QStringLiteral("false"));
    EXPECT_EQ(at(6, "ending"), QStringLiteral("impact"));
}

TEST(AlertExport, NoAlertsIsAHeaderOnly)
{
    QList<QStringList> rows;
    ASSERT_TRUE(parseCsv(alertLivesToCsv({}, {}), &rows));
    ASSERT_EQ(rows.size(), 1);
    EXPECT_EQ(rows[0].first(), QStringLiteral("alert_id"));
}

} // namespace
} // namespace cop
