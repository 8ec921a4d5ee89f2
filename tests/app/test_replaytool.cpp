// SPDX-License-Identifier: GPL-3.0-or-later
// cop-replay as a user runs it: a recorded session published again over tcp loopback arrives
// at a subscriber complete, in order and byte for byte valid; bad input is refused clearly.
#include "core/sessionformat.h"
#include "core/sessionreader.h"
#include "core/sessionwriter.h"
#include "net/feedsubscriber.h"
#include "net/wireencoder.h"

#include "core/csvwriter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QXmlStreamReader>
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

// Two tracks with the same id from two sources, 20 states each at 1 Hz, climbing; an alert
// raised, acknowledged by "sato" and cleared, with a comma and quotes in its text.
std::string recordTracksAndAlerts(const QTemporaryDir &dir)
{
    const std::string path = dir.filePath(QStringLiteral("tracks.copsession")).toStdString();
    SessionWriter writer;
    EXPECT_TRUE(writer.open(path, {"cop-test", "1", "replay tool exports"}));
    net::WireEncoder encoder;
    std::string payload;
    std::uint64_t sequence = 0;
    for (int i = 0; i < 20; ++i) {
        for (const auto &[source, nation] : {std::pair {"JP-JADGE", Nation::Japan}, std::pair {"KR-KAMD", Nation::Korea}}) {
            FeedMessage message;
            message.header.sourceId = source;
            message.header.nation = nation;
            message.header.sequence = ++sequence;
            message.header.sourceTimeUs = kEpochUs + i * kMicrosPerSecond;
            message.header.receiveTimeUs = message.header.sourceTimeUs + 800;
            TrackUpdate track;
            track.trackId = "T1";
            track.timeUs = message.header.sourceTimeUs;
            track.position = {39.0 + 0.01 * i, 128.0 + (nation == Nation::Korea ? 0.5 : 0.0), 2000.0 * i};
            track.phase = TrackPhase::Boost;
            track.hasLaunch = true;
            track.launchPoint = {39.0, 128.0, 0.0};
            track.launchTimeUs = kEpochUs;
            track.hasImpact = true;
            track.impact.point = {41.0, 134.0 + 0.01 * i, 0.0};
            track.impact.timeUs = kEpochUs + 400 * kMicrosPerSecond;
            message.body = track;
            EXPECT_TRUE(encoder.encode(message, payload));
            writer.append(encoder.topic(message), payload, message);
        }
    }
    const std::string detail = R"({"kind":"launch-detected","text":"Launch, \"T1\"","nation":"JP"})";
    writer.appendAlertRecord({kEpochUs + 2 * kMicrosPerSecond, "7", "raise", "warning", detail});
    writer.appendAlertRecord({kEpochUs + 5 * kMicrosPerSecond, "7", "acknowledge", "warning", detail});
    writer.appendOperatorAction({kEpochUs + 5 * kMicrosPerSecond, kTimeUnset, "acknowledge", "sato", "7", ""});
    writer.appendAlertRecord({kEpochUs + 19 * kMicrosPerSecond, "7", "clear", "warning", detail});
    writer.close();
    return path;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << path.toStdString();
    return file.readAll();
}

TEST(ReplayTool, ExportsTracksAsGeoJsonKmlAndCsvAndAlertsAsCsv)
{
    QTemporaryDir dir;
    const QString session = QString::fromStdString(recordTracksAndAlerts(dir));
    const QString geojson = dir.filePath(QStringLiteral("t.geojson"));
    const QString kml = dir.filePath(QStringLiteral("t.kml"));
    const QString csv = dir.filePath(QStringLiteral("t.csv"));
    const QString alerts = dir.filePath(QStringLiteral("alerts.csv"));
    QString err;
    // Every track, to GeoJSON, and the alerts in the same run.
    ASSERT_EQ(runReplay({session, QStringLiteral("--export-tracks"), geojson, QStringLiteral("--export-alerts"), alerts},
                        &err),
              0)
        << err.toStdString();
    EXPECT_TRUE(err.contains(QLatin1String("2 tracks, 40 states (GeoJSON)"))) << err.toStdString();
    const QJsonArray features = QJsonDocument::fromJson(readAll(geojson)).object().value(QStringLiteral("features")).toArray();
    ASSERT_EQ(features.size(), 6); // per track: line, launch, impact
    const QJsonArray line = features[0].toObject().value(QStringLiteral("geometry")).toObject().value(QStringLiteral("coordinates")).toArray();
    ASSERT_EQ(line.size(), 20);
    EXPECT_EQ(line[19].toArray(), (QJsonArray {128.0, 39.19, 38'000.0}));

    // One source's T1 to KML.
    ASSERT_EQ(runReplay({session, QStringLiteral("--export-tracks"), kml, QStringLiteral("--track"), QStringLiteral("KR-KAMD/T1")},
                        &err),
              0)
        << err.toStdString();
    QXmlStreamReader xml(readAll(kml));
    QStringList coordinates;
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("coordinates"))
            coordinates << xml.readElementText();
    }
    ASSERT_FALSE(xml.hasError()) << xml.errorString().toStdString();
    ASSERT_EQ(coordinates.size(), 3); // the line, launch, impact
    EXPECT_EQ(coordinates[0].split(QLatin1Char('\n')).size(), 20);
    EXPECT_TRUE(coordinates[0].startsWith(QLatin1String("128.5000000,39.0000000,0.0"))) << coordinates[0].toStdString();

    // T1 of both sources, by id alone, to CSV.
    ASSERT_EQ(runReplay({session, QStringLiteral("--export-tracks"), csv, QStringLiteral("--track"), QStringLiteral("T1")}, &err), 0)
        << err.toStdString();
    QList<QStringList> rows;
    ASSERT_TRUE(parseCsv(readAll(csv), &rows));
    ASSERT_EQ(rows.size(), 41);
    EXPECT_EQ(rows[0][0], QStringLiteral("source_id"));

    // The alert's life with who acknowledged it, its text read back whole.
    ASSERT_TRUE(parseCsv(readAll(alerts), &rows));
    ASSERT_EQ(rows.size(), 4);
    EXPECT_EQ(rows[1][1], QStringLiteral("raise"));
    EXPECT_EQ(rows[2][1], QStringLiteral("acknowledge"));
    EXPECT_EQ(rows[3][1], QStringLiteral("clear"));
    EXPECT_EQ(rows[1][rows[0].indexOf(QStringLiteral("text"))], QStringLiteral("Launch, \"T1\""));
    EXPECT_EQ(rows[2][rows[0].indexOf(QStringLiteral("acknowledged_by"))], QStringLiteral("sato"));

    // A track the session does not hold is an error, and so is an unknown format.
    EXPECT_EQ(runReplay({session, QStringLiteral("--export-tracks"), csv, QStringLiteral("--track"), QStringLiteral("US-9")}, &err), 1);
    EXPECT_TRUE(err.contains(QLatin1String("no track 'US-9'"))) << err.toStdString();
    EXPECT_EQ(runReplay({session, QStringLiteral("--export-tracks"), dir.filePath(QStringLiteral("t.kmz"))}, &err), 2);
    EXPECT_TRUE(err.contains(QLatin1String(".csv, .geojson or .kml"))) << err.toStdString();
    EXPECT_EQ(runReplay({session, QStringLiteral("--track"), QStringLiteral("T1")}, &err), 2);
    EXPECT_TRUE(err.contains(QLatin1String("--track chooses tracks for --export-tracks"))) << err.toStdString();
    EXPECT_EQ(runReplay({session, QStringLiteral("--export-tracks"), csv, QStringLiteral("--track"), QStringLiteral("/T1")}, &err), 2);
    EXPECT_TRUE(err.contains(QLatin1String("SOURCE-ID/TRACK-ID"))) << err.toStdString();
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
