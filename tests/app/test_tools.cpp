// SPDX-License-Identifier: GPL-3.0-or-later
// cop-simfeed and cop-tap as a user runs them, in two processes over tcp loopback.
#include "app/publisherprocess.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <gtest/gtest.h>

namespace {

using cop::test::startPublisher;

TEST(Tools, TapPrintsSimFeedAsJsonLines)
{
    QProcess simfeed;
    // cop-simfeed names the endpoint it bound, with the port the system chose.
    const QString endpoint = startPublisher(simfeed, QStringLiteral(COP_SIMFEED_PATH),
                                            {QStringLiteral("--bind"), QStringLiteral("tcp://127.0.0.1:*"),
                                             QStringLiteral("--duration"), QStringLiteral("20")});
    ASSERT_FALSE(endpoint.isEmpty()) << simfeed.readAllStandardError().toStdString();

    QProcess tap;
    tap.start(QStringLiteral(COP_TAP_PATH), {QStringLiteral("--connect"), endpoint, QStringLiteral("--count"),
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
    tap.start(QStringLiteral(COP_TAP_PATH), {QStringLiteral("--connect"), endpoint, QStringLiteral("--count"),
                                            QStringLiteral("5"), QStringLiteral("--duration"), QStringLiteral("15")});
    ASSERT_TRUE(tap.waitForFinished(20000));
    const QByteArray err = tap.readAllStandardError();
    EXPECT_EQ(tap.readAllStandardOutput().count('\n'), 5);
    EXPECT_TRUE(err.contains(" 0 refused")) << err.toStdString();
    EXPECT_FALSE(err.contains("refused frame")) << err.toStdString();
    publisher.kill();
    publisher.waitForFinished(5000);
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
                      BadArgumentsCase{COP_SIMFEED_PATH, {QStringLiteral("--bind"), QStringLiteral("tcp://*:5"), QStringLiteral("--speed"), QStringLiteral("nan")}},
                      BadArgumentsCase{COP_TAP_PATH, {}},
                      BadArgumentsCase{COP_TAP_PATH, {QStringLiteral("--connect"), QStringLiteral("tcp://x:1"), QStringLiteral("--count"), QStringLiteral("-4")}},
                      BadArgumentsCase{COP_VIEWER_PATH, {QStringLiteral("--connect"), QStringLiteral("bogus")}},
                      BadArgumentsCase{COP_VIEWER_PATH, {QStringLiteral("--demo"), QStringLiteral("--areas"), QStringLiteral("/nonexistent/areas.geojson")}}),
    [](const auto &info) {
        QString program = QString::fromUtf8(info.param.program).section(QLatin1Char('/'), -1);
        return program.remove(QLatin1Char('-')).toStdString() + "_" + std::to_string(info.index);
    });

} // namespace
