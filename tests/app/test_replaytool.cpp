// SPDX-License-Identifier: GPL-3.0-or-later
// cop-replay as a user runs it: a recorded session published again over tcp loopback arrives
// at a subscriber complete, in order and byte for byte valid; bad input is refused clearly.
#include "core/sessionformat.h"
#include "core/sessionreader.h"
#include "core/sessionwriter.h"
#include "net/feedsubscriber.h"
#include "net/wireencoder.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace cop {
namespace {

constexpr TimeUs kEpochUs = 1'689'123'600'000'000; // 2023-07-12T01:00:00Z

// n heartbeats from one source, 5 ms apart in receive time.
std::string recordHeartbeats(const QTemporaryDir &dir, int n)
{
    const std::string path = dir.filePath(QStringLiteral("room.copsession")).toStdString();
    SessionWriter writer;
    EXPECT_TRUE(writer.open(path, {"cop-test", "1", "replay tool"}));
    net::WireEncoder encoder;
    std::string payload;
    for (int i = 0; i < n; ++i) {
        FeedMessage message;
        message.header.sourceId = "KR-KAMD";
        message.header.nation = Nation::Korea;
        message.header.sequence = static_cast<std::uint64_t>(i + 1);
        message.header.sourceTimeUs = kEpochUs + i * 5'000;
        message.header.receiveTimeUs = message.header.sourceTimeUs + 800;
        message.body = Heartbeat {message.header.sourceTimeUs, 1.0};
        EXPECT_TRUE(encoder.encode(message, payload));
        writer.append(encoder.topic(message), payload, message.header, message.kind());
    }
    return path;
}

QString waitForEndpoint(QProcess &process)
{
    process.setReadChannel(QProcess::StandardError);
    const QRegularExpression bound(QStringLiteral("publishing on (tcp://[0-9.]+:[0-9]+)"));
    for (int i = 0; i < 100; ++i) {
        process.waitForReadyRead(100);
        const auto match = bound.match(QString::fromUtf8(process.peek(4096)));
        if (match.hasMatch())
            return match.captured(1);
    }
    return {};
}

TEST(ReplayTool, RepublishesTheSessionCompleteAndInOrder)
{
    QTemporaryDir dir;
    const std::string session = recordHeartbeats(dir, 300); // 1.5 s of feed
    QProcess replay;
    replay.start(QStringLiteral(COP_REPLAY_PATH),
                 {QString::fromStdString(session), QStringLiteral("--bind"),
                  QStringLiteral("tcp://127.0.0.1:*"), QStringLiteral("--insecure"), QStringLiteral("--speed"),
                  QStringLiteral("5"), QStringLiteral("--delay"), QStringLiteral("1.5")});
    const QString endpoint = waitForEndpoint(replay);
    ASSERT_FALSE(endpoint.isEmpty()) << replay.readAllStandardError().toStdString();

    zmq::context_t context(1);
    net::SubscriberOptions options;
    options.endpoints = {endpoint.toStdString()};
    net::FeedSubscriber subscriber(context, options);
    ASSERT_TRUE(subscriber.start());
    FeedBatch all;
    FeedBatch batch;
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (all.size() < 300 && std::chrono::steady_clock::now() < until) {
        if (subscriber.takeBatch(batch) > 0)
            all.insert(all.end(), batch.begin(), batch.end());
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ASSERT_TRUE(replay.waitForFinished(20000));
    EXPECT_EQ(replay.exitCode(), 0) << replay.readAllStandardError().toStdString();
    ASSERT_EQ(all.size(), 300u);
    for (std::size_t i = 0; i < all.size(); ++i)
        EXPECT_EQ(all[i].header.sequence, i + 1);
    EXPECT_EQ(subscriber.rejects().total(), 0u);
}

// Runs cop-replay to completion; its exit code, stderr in err.
int runReplay(const QStringList &arguments, QString *err)
{
    QProcess replay;
    replay.start(QStringLiteral(COP_REPLAY_PATH), arguments);
    EXPECT_TRUE(replay.waitForFinished(20000));
    *err = QString::fromUtf8(replay.readAllStandardError());
    return replay.exitCode();
}

TEST(ReplayTool, ExportsARangeGivenInSecondsOrUtc)
{
    QTemporaryDir dir;
    // Heartbeat i is received at 01:00:00.000800 + 5 ms * i.
    const QString session = QString::fromStdString(recordHeartbeats(dir, 300));
    const struct
    {
        QString range;
        std::int64_t messages;
    } cases[] = {
        {QStringLiteral("0.5/1"), 101}, // seconds from the first message: i = 100..200
        {QStringLiteral("+0.5/1.0"), 101},
        {QStringLiteral("2023-07-12T01:00:00.500Z/2023-07-12T01:00:01Z"), 100}, // i = 100..199
        {QStringLiteral("2023-07-12T01:00:00.500/2023-07-12T01:00:01.000"), 100},
    };
    int n = 0;
    for (const auto &c : cases) {
        SCOPED_TRACE(c.range.toStdString());
        const QString out = dir.filePath(QStringLiteral("cut%1.copsession").arg(++n));
        QString err;
        ASSERT_EQ(runReplay({session, QStringLiteral("--export-range"), c.range, QStringLiteral("--out"), out},
                            &err),
                  0)
            << err.toStdString();
        EXPECT_TRUE(err.contains(QStringLiteral("%1 messages").arg(c.messages))) << err.toStdString();
        SessionReader reader;
        std::string error;
        ASSERT_TRUE(reader.open(out.toStdString(), &error)) << error;
        EXPECT_EQ(reader.info().messageCount, c.messages);
        EXPECT_EQ(reader.info().metadata.at(sessionkey::kExportedFrom), "room.copsession");
        EXPECT_EQ(reader.info().metadata.at(sessionkey::kApplication), "cop-replay");
    }
}

struct BadRunCase
{
    const char *name;
    QStringList arguments; // the session path is substituted for "SESSION"
    int exitCode;
    const char *message;
};

void PrintTo(const BadRunCase &c, std::ostream *os)
{
    *os << c.name;
}

class ReplayToolRefuses : public ::testing::TestWithParam<BadRunCase>
{
};

TEST_P(ReplayToolRefuses, WithTheRightExitCodeAndAReason)
{
    const BadRunCase &c = GetParam();
    QTemporaryDir dir;
    const QString session = QString::fromStdString(recordHeartbeats(dir, 3));
    const QString notASession = dir.filePath(QStringLiteral("notes.txt"));
    QFile text(notASession);
    ASSERT_TRUE(text.open(QIODevice::WriteOnly));
    text.write("not a session\n");
    text.close();
    QStringList arguments = c.arguments;
    arguments.replaceInStrings(QStringLiteral("SESSION"), session);
    arguments.replaceInStrings(QStringLiteral("TEXTFILE"), notASession);
    QProcess replay;
    replay.setWorkingDirectory(dir.path()); // where a relative --out would go
    replay.start(QStringLiteral(COP_REPLAY_PATH), arguments);
    ASSERT_TRUE(replay.waitForFinished(10000));
    EXPECT_EQ(replay.exitCode(), c.exitCode);
    const QString err = QString::fromUtf8(replay.readAllStandardError());
    EXPECT_TRUE(err.contains(QLatin1String(c.message))) << err.toStdString();
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ReplayToolRefuses,
    ::testing::Values(BadRunCase {"NoSession",
                                  {QStringLiteral("--bind"), QStringLiteral("tcp://127.0.0.1:*")},
                                  2,
                                  "exactly one SESSION"},
                      BadRunCase {"NoBind", {QStringLiteral("SESSION")}, 2, "--bind"},
                      BadRunCase {"BadSpeed",
                                  {QStringLiteral("SESSION"), QStringLiteral("--bind"),
                                   QStringLiteral("tcp://127.0.0.1:*"), QStringLiteral("--insecure"), QStringLiteral("--speed"),
                                   QStringLiteral("500")},
                                  2,
                                  "--speed"},
                      BadRunCase {"RangeWithoutOut",
                                  {QStringLiteral("SESSION"), QStringLiteral("--export-range"), QStringLiteral("0/1")},
                                  2,
                                  "--export-range needs --out"},
                      BadRunCase {"OutWithoutRange",
                                  {QStringLiteral("SESSION"), QStringLiteral("--out"), QStringLiteral("x.copsession")},
                                  2,
                                  "give both"},
                      BadRunCase {"RangeNotARange",
                                  {QStringLiteral("SESSION"), QStringLiteral("--export-range"), QStringLiteral("5"),
                                   QStringLiteral("--out"), QStringLiteral("x.copsession")},
                                  2,
                                  "not a range FROM/TO"},
                      BadRunCase {"RangeBadTime",
                                  {QStringLiteral("SESSION"), QStringLiteral("--export-range"),
                                   QStringLiteral("2023-07-12T01:00:00+09:00/2023-07-12T02:00:00Z"),
                                   QStringLiteral("--out"), QStringLiteral("x.copsession")},
                                  2,
                                  "give UTC times"},
                      BadRunCase {"RangeNotATime",
                                  {QStringLiteral("SESSION"), QStringLiteral("--export-range"), QStringLiteral("soon/later"),
                                   QStringLiteral("--out"), QStringLiteral("x.copsession")},
                                  2,
                                  "neither a UTC time"},
                      BadRunCase {"RangeBackwards",
                                  {QStringLiteral("SESSION"), QStringLiteral("--export-range"), QStringLiteral("9/1"),
                                   QStringLiteral("--out"), QStringLiteral("x.copsession")},
                                  2,
                                  "ends before it starts"},
                      BadRunCase {"RangeOverAnotherFile",
                                  {QStringLiteral("SESSION"), QStringLiteral("--export-range"), QStringLiteral("0/1"),
                                   QStringLiteral("--out"), QStringLiteral("TEXTFILE")},
                                  1,
                                  "already exists"},
                      BadRunCase {"RangeEmpty",
                                  {QStringLiteral("SESSION"), QStringLiteral("--export-range"), QStringLiteral("60/70"),
                                   QStringLiteral("--out"), QStringLiteral("x.copsession")},
                                  1,
                                  "no message was received"},
                      BadRunCase {"ExportAndBind",
                                  {QStringLiteral("SESSION"), QStringLiteral("--export-range"), QStringLiteral("0/1"),
                                   QStringLiteral("--out"), QStringLiteral("x.copsession"), QStringLiteral("--bind"),
                                   QStringLiteral("tcp://127.0.0.1:*")},
                                  2,
                                  "leave out --bind"},
                      BadRunCase {"NotASession",
                                  {QStringLiteral("TEXTFILE"), QStringLiteral("--bind"),
                                   QStringLiteral("tcp://127.0.0.1:*"), QStringLiteral("--insecure")},
                                  1,
                                  "not a session file"}),
    [](const auto &info) { return std::string(info.param.name); });

} // namespace
} // namespace cop
