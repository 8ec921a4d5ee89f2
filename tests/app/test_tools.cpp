// SPDX-License-Identifier: GPL-3.0-or-later
// cop-simfeed and cop-tap as a user runs them, in two processes over tcp loopback.
#include "app/publisherprocess.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace {

using cop::test::startPublisher;

TEST(Tools, TapPrintsSimFeedAsJsonLines)
{
    QProcess simfeed;
    // cop-simfeed names the endpoint it bound, with the port the system chose.
    const QString endpoint = startPublisher(simfeed, QStringLiteral(COP_SIMFEED_PATH),
                                            {QStringLiteral("--bind"), QStringLiteral("tcp://127.0.0.1:*"), QStringLiteral("--insecure"),
                                             QStringLiteral("--duration"), QStringLiteral("20")});
    ASSERT_FALSE(endpoint.isEmpty()) << simfeed.readAllStandardError().toStdString();

    QProcess tap;
    tap.start(QStringLiteral(COP_TAP_PATH), {QStringLiteral("--connect"), endpoint, QStringLiteral("--insecure"), QStringLiteral("--count"),
                                            QStringLiteral("30"), QStringLiteral("--duration"), QStringLiteral("15")});
    ASSERT_TRUE(tap.waitForFinished(20000));
    EXPECT_EQ(tap.exitCode(), 0) << tap.readAllStandardError().toStdString();
    const QList<QByteArray> lines = tap.readAllStandardOutput().split('\n');
    int parsed = 0;
    QSet<QString> kinds;
    for (const QByteArray &line : lines) {
        if (line.isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        ASSERT_EQ(error.error, QJsonParseError::NoError) << line.toStdString();
        const QJsonObject object = doc.object();
        EXPECT_TRUE(object.value(QStringLiteral("topic")).isString());
        EXPECT_GT(object.value(QStringLiteral("receive_time_us")).toDouble(), 1.6e15);
        const QJsonObject message = object.value(QStringLiteral("message")).toObject();
        EXPECT_EQ(message.value(QStringLiteral("protocol_version")).toInt(), 1);
        EXPECT_TRUE(message.contains(QStringLiteral("header")));
        kinds.insert(object.value(QStringLiteral("topic")).toString().section(QLatin1Char('.'), 0, 0));
        ++parsed;
    }
    EXPECT_EQ(parsed, 30);
    EXPECT_TRUE(kinds.contains(QStringLiteral("track"))) << "tracks are flying from the start";

    simfeed.terminate(); // SIGTERM: a clean stop that reports its count
    ASSERT_TRUE(simfeed.waitForFinished(5000));
    EXPECT_EQ(simfeed.exitCode(), 0);
    EXPECT_TRUE(simfeed.readAllStandardError().contains("messages published"));
}

// The example publisher in docs/protocol.md, which uses only ZeroMQ and the generated protobuf
// classes, must produce a feed the viewer accepts without a single refusal.
TEST(Tools, ExamplePublisherFeedIsAcceptedWhole)
{
    QProcess publisher;
    const QString endpoint = startPublisher(publisher, QStringLiteral(COP_EXAMPLE_PUBLISHER_PATH),
                                            {QStringLiteral("tcp://127.0.0.1:*"), QStringLiteral("20")});
    ASSERT_FALSE(endpoint.isEmpty());
    QProcess tap;
    tap.start(QStringLiteral(COP_TAP_PATH), {QStringLiteral("--connect"), endpoint, QStringLiteral("--insecure"), QStringLiteral("--count"),
                                            QStringLiteral("5"), QStringLiteral("--duration"), QStringLiteral("15")});
    ASSERT_TRUE(tap.waitForFinished(20000));
    const QByteArray err = tap.readAllStandardError();
    EXPECT_EQ(tap.readAllStandardOutput().count('\n'), 5);
    EXPECT_TRUE(err.contains(" 0 refused")) << err.toStdString();
    EXPECT_FALSE(err.contains("refused frame")) << err.toStdString();
    publisher.kill();
    publisher.waitForFinished(5000);
}

// A scenario file's malformed frames reach a subscriber, which refuses them and carries on.
TEST(Tools, ScenarioFileDrivesTheFeedAndItsMalformedFramesAreRefused)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("faults.json"));
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(R"({"format": "cop-scenario/1", "name": "malformed frames",
        "feedFaults": [{"source": "JP-JADGE", "kind": "malformed", "atS": 2, "count": 3, "repeatS": 2}]})");
    file.close();

    QProcess simfeed;
    const QString endpoint = startPublisher(simfeed, QStringLiteral(COP_SIMFEED_PATH),
                                            {QStringLiteral("--bind"), QStringLiteral("tcp://127.0.0.1:*"), QStringLiteral("--insecure"),
                                             QStringLiteral("--scenario"), path, QStringLiteral("--duration"),
                                             QStringLiteral("20")});
    ASSERT_FALSE(endpoint.isEmpty()) << simfeed.readAllStandardError().toStdString();
    QProcess tap;
    tap.start(QStringLiteral(COP_TAP_PATH), {QStringLiteral("--connect"), endpoint, QStringLiteral("--insecure"),
                                            QStringLiteral("--duration"), QStringLiteral("5")});
    ASSERT_TRUE(tap.waitForFinished(20000));
    const QByteArray err = tap.readAllStandardError();
    EXPECT_FALSE(err.contains(" 0 refused")) << err.toStdString();
    EXPECT_TRUE(err.contains("refused")) << err.toStdString();
    // The rest of the feed (heartbeats, sensor status) still arrives.
    EXPECT_GT(tap.readAllStandardOutput().count('\n'), 5);
    simfeed.terminate();
    ASSERT_TRUE(simfeed.waitForFinished(5000));
}

TEST(Tools, SimFeedTruthOfAScenarioFile)
{
    QProcess simfeed;
    simfeed.start(QStringLiteral(COP_SIMFEED_PATH), {QStringLiteral("--truth"), QStringLiteral("--scenario"),
                                                    QStringLiteral(COP_SOURCE_DIR "/resources/scenarios/feed-faults.json")});
    ASSERT_TRUE(simfeed.waitForFinished(20000));
    EXPECT_EQ(simfeed.exitCode(), 0) << simfeed.readAllStandardError().toStdString();
    const QByteArray out = simfeed.readAllStandardOutput();
    EXPECT_TRUE(out.contains("IRBM over northern Japan")) << out.toStdString();
    EXPECT_TRUE(out.contains("range         4500.0 km")) << out.toStdString();
}

struct BadArgumentsCase
{
    const char *program;
    QStringList arguments;
};

void PrintTo(const BadArgumentsCase &c, std::ostream *os)
{
    *os << c.program << " " << c.arguments.join(QLatin1Char(' ')).toStdString();
}

class ToolsRefuse : public ::testing::TestWithParam<BadArgumentsCase>
{
};

TEST_P(ToolsRefuse, BadArgumentsWithExitCodeTwoAndAReason)
{
    QProcess process;
    process.start(QString::fromUtf8(GetParam().program), GetParam().arguments);
    ASSERT_TRUE(process.waitForFinished(10000));
    EXPECT_EQ(process.exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(process.exitCode(), 2);
    EXPECT_FALSE(process.readAllStandardError().isEmpty());
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ToolsRefuse,
    ::testing::Values(BadArgumentsCase{COP_SIMFEED_PATH, {}},
                      BadArgumentsCase{COP_SIMFEED_PATH, {QStringLiteral("--bind"), QStringLiteral("nowhere")}},
                      BadArgumentsCase{COP_SIMFEED_PATH, {QStringLiteral("--bind"), QStringLiteral("tcp://*:5"), QStringLiteral("--insecure"), QStringLiteral("--speed"), QStringLiteral("nan")}},
                      BadArgumentsCase{COP_SIMFEED_PATH, {QStringLiteral("--bind"), QStringLiteral("tcp://127.0.0.1:*"), QStringLiteral("--insecure"), QStringLiteral("--scenario"), QStringLiteral("/nonexistent/scenario.json")}},
                      BadArgumentsCase{COP_SIMFEED_PATH, {QStringLiteral("--truth"), QStringLiteral("--scenario"), QStringLiteral("/nonexistent/scenario.json")}},
                      BadArgumentsCase{COP_VIEWER_PATH, {QStringLiteral("--demo"), QStringLiteral("--scenario"), QStringLiteral("/nonexistent/scenario.json")}},
                      BadArgumentsCase{COP_TAP_PATH, {}},
                      BadArgumentsCase{COP_TAP_PATH, {QStringLiteral("--connect"), QStringLiteral("tcp://x:1"), QStringLiteral("--insecure"), QStringLiteral("--count"), QStringLiteral("-4")}},
                      BadArgumentsCase{COP_VIEWER_PATH, {QStringLiteral("--connect"), QStringLiteral("bogus")}},
                      BadArgumentsCase{COP_VIEWER_PATH, {QStringLiteral("--demo"), QStringLiteral("--areas"), QStringLiteral("/nonexistent/areas.geojson")}}),
    [](const auto &info) {
        QString program = QString::fromUtf8(info.param.program).section(QLatin1Char('/'), -1);
        return program.remove(QLatin1Char('-')).toStdString() + "_" + std::to_string(info.index);
    });

} // namespace
