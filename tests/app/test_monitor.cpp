// SPDX-License-Identifier: GPL-3.0-or-later
// cop-monitor as a server runs it: cop-simfeed publishing, cop-monitor printing alert events as
// JSON lines, in separate processes over tcp loopback.
#include "app/publisherprocess.h"
#include "core/alertengine.h"
#include "core/basemap.h"
#include "core/sessionreader.h"
#include "net/wiredecoder.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <optional>

namespace {

QString startSimFeed(QProcess &process)
{
    return cop::test::startPublisher(process, QStringLiteral(COP_SIMFEED_PATH),
                                     {QStringLiteral("--bind"), QStringLiteral("tcp://127.0.0.1:*"), QStringLiteral("--insecure"),
                                      QStringLiteral("--duration"), QStringLiteral("30")});
}

TEST(Monitor, PrintsLaunchAlertsOfTheSimFeedAsJsonLines)
{
    QProcess simfeed;
    const QString endpoint = startSimFeed(simfeed);
    ASSERT_FALSE(endpoint.isEmpty()) << simfeed.readAllStandardError().toStdString();

    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString areasPath = dir.filePath(QStringLiteral("areas.geojson"));
    QFile areas(areasPath);
    ASSERT_TRUE(areas.open(QIODevice::WriteOnly));
    areas.write(
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
        "{\"name\":\"Test sea\",\"severity\":\"advisory\"},\"geometry\":{\"type\":\"Polygon\","
        "\"coordinates\":[[[128,35],[140,35],[140,45],[128,45],[128,35]]]}}]}");
    areas.close();

    const QString sessionPath = dir.filePath(QStringLiteral("monitor.copsession"));
    QProcess monitor;
    monitor.start(QStringLiteral(COP_MONITOR_PATH),
                  {QStringLiteral("--connect"), endpoint, QStringLiteral("--insecure"), QStringLiteral("--duration"),
                   QStringLiteral("6"), QStringLiteral("--areas"), areasPath,
                   QStringLiteral("--record"), sessionPath});
    ASSERT_TRUE(monitor.waitForFinished(20000));
    const QByteArray err = monitor.readAllStandardError();
    EXPECT_EQ(monitor.exitCode(), 0) << err.toStdString();
    EXPECT_TRUE(err.contains("protecting")) << err.toStdString();
    EXPECT_TRUE(err.contains(" 0 refused")) << err.toStdString();

    int lines = 0;
    int launchRaises = 0;
    QSet<double> ids;
    for (const QByteArray &line : monitor.readAllStandardOutput().split('\n')) {
        if (line.isEmpty())
            continue;
        QJsonParseError error;
        const QJsonObject event = QJsonDocument::fromJson(line, &error).object();
        ASSERT_EQ(error.error, QJsonParseError::NoError) << line.toStdString();
        ++lines;
        EXPECT_TRUE(event.value(QStringLiteral("id")).isDouble()) << line.toStdString();
        EXPECT_TRUE(event.value(QStringLiteral("time")).toString().endsWith(QLatin1Char('Z')));
        EXPECT_FALSE(event.value(QStringLiteral("text")).toString().isEmpty());
        const QString type = event.value(QStringLiteral("event")).toString();
        EXPECT_TRUE(type == QLatin1String("raise") || type == QLatin1String("update")
                    || type == QLatin1String("clear"))
            << line.toStdString();
        if (type == QLatin1String("raise")
            && event.value(QStringLiteral("kind")).toString() == QLatin1String("launch-detected")) {
            ++launchRaises;
            const double id = event.value(QStringLiteral("id")).toDouble();
            EXPECT_FALSE(ids.contains(id)) << "an alert is raised once";
            ids.insert(id);
            EXPECT_TRUE(event.contains(QStringLiteral("position")));
        }
    }
    // The demo starts mid-loop with several missiles in the air.
    EXPECT_GE(launchRaises, 2) << lines << " lines";

    // --record: the messages and the alert events are in a session file an analyst can open.
    cop::SessionReader session;
    std::string why;
    ASSERT_TRUE(session.open(sessionPath.toStdString(), &why)) << why;
    EXPECT_TRUE(session.info().closedCleanly);
    EXPECT_GT(session.info().messageCount, 50);
    EXPECT_EQ(session.info().metadata.at("application"), "cop-monitor");
    std::size_t alertsRecorded = 0;
    for (const cop::SessionEvent &event : session.readEvents())
        alertsRecorded += event.kind == cop::SessionEvent::Kind::Alert ? 1 : 0;
    EXPECT_GE(alertsRecorded, static_cast<std::size_t>(launchRaises));
    simfeed.terminate();
    simfeed.waitForFinished(5000);
}

class MonitorRefuses : public ::testing::TestWithParam<QStringList>
{
};

TEST_P(MonitorRefuses, BadArgumentsWithExitCodeTwoAndAReason)
{
    QProcess process;
    process.start(QStringLiteral(COP_MONITOR_PATH), GetParam());
    ASSERT_TRUE(process.waitForFinished(10000));
    EXPECT_EQ(process.exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(process.exitCode(), 2);
    EXPECT_TRUE(process.readAllStandardError().startsWith("cop-monitor: "));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, MonitorRefuses,
    ::testing::Values(QStringList {},
                      QStringList {QStringLiteral("--connect"), QStringLiteral("nowhere")},
                      QStringList {QStringLiteral("--connect"), QStringLiteral("tcp://127.0.0.1:1"), QStringLiteral("--insecure"),
                                   QStringLiteral("--duration"), QStringLiteral("nan")},
                      QStringList {QStringLiteral("--connect"), QStringLiteral("tcp://127.0.0.1:1"), QStringLiteral("--insecure"),
                                   QStringLiteral("--protect"), QStringLiteral("JP,XX")},
                      QStringList {QStringLiteral("--connect"), QStringLiteral("tcp://127.0.0.1:1"), QStringLiteral("--insecure"),
                                   QStringLiteral("--areas"),
                                   QStringLiteral("/nonexistent/areas.geojson")},
                      QStringList {QStringLiteral("--connect"), QStringLiteral("tcp://127.0.0.1:1"), QStringLiteral("--insecure"),
                                   QStringLiteral("extra")}));

} // namespace

namespace {

// The threat and launch alerts a JSON line stream raised, as "kind area launch severity".
struct RaisedAlert
{
    std::string what;
    cop::TimeUs timeUs;
};

// cop-monitor prints the alerts the viewer raises: the messages it recorded, replayed through
// the viewer's rules (Picture + AlertEngine with the same areas, in 100 ms batches of receive
// time, as the viewer's AlertCenter runs them), raise the same launch, impact-threat and
// overflight alerts for the same launches and areas, with the same severities. Raises in the last second are left out:
// the two clocks tick at different instants.
TEST(Monitor, PrintsTheSameAlertsAsTheViewersRules)
{
    QProcess simfeed;
    const QString endpoint = startSimFeed(simfeed);
    ASSERT_FALSE(endpoint.isEmpty()) << simfeed.readAllStandardError().toStdString();
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString sessionPath = dir.filePath(QStringLiteral("monitor.copsession"));
    QProcess monitor;
    monitor.start(QStringLiteral(COP_MONITOR_PATH),
                  {QStringLiteral("--connect"), endpoint, QStringLiteral("--insecure"),
                   QStringLiteral("--duration"), QStringLiteral("8"), QStringLiteral("--record"),
                   sessionPath});
    ASSERT_TRUE(monitor.waitForFinished(30000));
    ASSERT_EQ(monitor.exitCode(), 0) << monitor.readAllStandardError().toStdString();
    simfeed.terminate();
    simfeed.waitForFinished(5000);

    const auto relevant = [](cop::AlertKind kind) {
        return kind == cop::AlertKind::LaunchDetected || kind == cop::AlertKind::ImpactThreat
            || kind == cop::AlertKind::Overflight;
    };
    std::vector<RaisedAlert> printed;
    for (const QByteArray &line : monitor.readAllStandardOutput().split('\n')) {
        const QJsonObject event = QJsonDocument::fromJson(line).object();
        if (event.value(QStringLiteral("event")).toString() != QLatin1String("raise"))
            continue;
        const QString kind = event.value(QStringLiteral("kind")).toString();
        if (kind != QLatin1String("launch-detected") && kind != QLatin1String("impact-threat")
            && kind != QLatin1String("overflight"))
            continue;
        printed.push_back(
            {QStringLiteral("%1 %2 launch %3 %4")
                 .arg(kind, event.value(QStringLiteral("area_id")).toString())
                 .arg(event.value(QStringLiteral("launch")).toInt())
                 .arg(event.value(QStringLiteral("severity")).toString())
                 .toStdString(),
             static_cast<cop::TimeUs>(event.value(QStringLiteral("time_us")).toDouble())});
    }

    // The viewer's rules on the recorded messages.
    const std::optional<cop::Basemap> basemap = cop::Basemap::loadEmbedded();
    ASSERT_TRUE(basemap);
    cop::Picture picture;
    cop::AlertEngine engine(std::make_shared<const cop::ProtectedAreaSet>(cop::ProtectedAreaSet::standard(
        *basemap, {cop::kAllNations.begin(), cop::kAllNations.end()})));
    cop::SessionReader session;
    std::string why;
    ASSERT_TRUE(session.open(sessionPath.toStdString(), &why)) << why;
    cop::net::WireDecoder decoder;
    cop::net::WireDecoder::Rejection rejection;
    std::vector<cop::FeedMessage> messages;
    session.read({}, std::numeric_limits<cop::TimeUs>::max(), 1'000'000,
                 [&](const cop::StoredMessage &stored) {
                     cop::FeedMessage message;
                     if (decoder.decode(stored.topic, stored.payload, message, rejection)) {
                         message.header.receiveTimeUs = stored.receiveTimeUs;
                         messages.push_back(std::move(message));
                     }
                 });
    ASSERT_GT(messages.size(), 50u);
    std::vector<RaisedAlert> replayed;
    constexpr cop::TimeUs kBatchUs = 100'000;
    std::size_t next = 0;
    const cop::TimeUs lastUs = messages.back().header.receiveTimeUs;
    for (cop::TimeUs endUs = messages.front().header.receiveTimeUs + kBatchUs;
         next < messages.size(); endUs += kBatchUs) {
        cop::FeedBatch batch;
        while (next < messages.size() && messages[next].header.receiveTimeUs < endUs)
            batch.push_back(messages[next++]);
        const cop::PictureChange change = picture.applyBatch(batch);
        for (const cop::AlertEvent &e : engine.update(picture, change, endUs)) {
            if (e.type != cop::AlertEventType::Raised || !relevant(e.alert.kind))
                continue;
            replayed.push_back(
                {QStringLiteral("%1 %2 launch %3 %4")
                     .arg(QString::fromLatin1(cop::alertKindCode(e.alert.kind)),
                          QString::fromStdString(e.alert.areaId))
                     .arg(e.alert.launchId)
                     .arg(cop::alertSeverityName(e.alert.severity).toLower())
                     .toStdString(),
                 e.timeUs});
        }
        picture.pruneDroppedTracks();
    }
    const auto settled = [&](const std::vector<RaisedAlert> &raised) {
        std::vector<std::string> out;
        for (const RaisedAlert &r : raised) {
            if (r.timeUs < lastUs - cop::kMicrosPerSecond)
                out.push_back(r.what);
        }
        std::sort(out.begin(), out.end());
        return out;
    };
    const std::vector<std::string> fromMonitor = settled(printed);
    EXPECT_GE(fromMonitor.size(), 2u) << "the demo starts with missiles in the air";
    EXPECT_EQ(fromMonitor, settled(replayed));
}

} // namespace
