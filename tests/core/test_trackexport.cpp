// SPDX-License-Identifier: GPL-3.0-or-later
// Track exports read back: GeoJSON parses with QJsonDocument with every position as
// [lon, lat, altitude], KML is well-formed with one coordinate per state, CSV has its header,
// one row per state and the values written. And CSV quoting survives commas, quotes and line
// breaks.
#include "core/csvwriter.h"
#include "core/trackexport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include <gtest/gtest.h>

namespace cop {
namespace {

constexpr TimeUs kEpochUs = 1'689'123'600'000'000; // 2023-07-12T01:00:00Z

// Two tracks: JP's of n states climbing, with a launch point and, from its third state on, an
// impact prediction that moves; US's of one state, no launch, no impact.
std::vector<TrackHistory> sampleTracks(int n)
{
    std::vector<TrackHistory> tracks(2);
    TrackHistory &jp = tracks[0];
    jp.key = {"JP-JADGE", "JP-0001"};
    jp.nation = Nation::Japan;
    for (int i = 0; i < n; ++i) {
        TrackUpdate state;
        state.trackId = jp.key.trackId;
        state.timeUs = kEpochUs + i * 250'000;
        state.position = {39.0 + 0.01 * i, 127.5 + 0.02 * i, 1000.0 * i + 0.2};
        state.velocity = {300.0, 400.0, 1200.0}; // 1300 m/s
        state.phase = i < 3 ? TrackPhase::Boost : TrackPhase::Midcourse;
        state.missileClass = MissileClass::MediumRange;
        state.quality = 0.75f;
        state.hasLaunch = true;
        state.launchPoint = {39.0, 127.5, 12.0};
        state.launchTimeUs = kEpochUs - 5 * kMicrosPerSecond;
        state.hasImpact = i >= 2;
        state.impact.point = {40.0 + 0.001 * i, 135.0, 0.0};
        state.impact.timeUs = kEpochUs + 600 * kMicrosPerSecond + i;
        jp.states.push_back(state);
    }
    TrackHistory &us = tracks[1];
    us.key = {"US-C2BMC", "US-7"};
    us.nation = Nation::UnitedStates;
    TrackUpdate single;
    single.trackId = us.key.trackId;
    single.timeUs = kEpochUs;
    single.position = {38.0, 128.0, 55'000.0};
    us.states.push_back(single);
    return tracks;
}

TEST(TrackExport, FormatFollowsTheFileSuffix)
{
    EXPECT_EQ(trackExportFormatForPath(QStringLiteral("a/b.CSV")), TrackExportFormat::Csv);
    EXPECT_EQ(trackExportFormatForPath(QStringLiteral("t.geojson")), TrackExportFormat::GeoJson);
    EXPECT_EQ(trackExportFormatForPath(QStringLiteral("t.json")), TrackExportFormat::GeoJson);
    EXPECT_EQ(trackExportFormatForPath(QStringLiteral("t.kml")), TrackExportFormat::Kml);
    EXPECT_FALSE(trackExportFormatForPath(QStringLiteral("t.kmz")).has_value());
    EXPECT_FALSE(trackExportFormatForPath(QStringLiteral("tracks")).has_value());
    QString error;
    QTemporaryDir dir;
    EXPECT_FALSE(writeTrackExport(dir.filePath(QStringLiteral("t.txt")), sampleTracks(3), &error));
    EXPECT_TRUE(error.contains(QLatin1String(".csv, .geojson or .kml"))) << error.toStdString();
}

TEST(TrackExport, GeoJsonHasALineStringOfLonLatAltPerTrackAndLaunchAndImpactPoints)
{
    const std::vector<TrackHistory> tracks = sampleTracks(6);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(tracksToGeoJson(tracks), &parseError);
    ASSERT_EQ(parseError.error, QJsonParseError::NoError) << parseError.errorString().toStdString();
    const QJsonObject root = document.object();
    EXPECT_EQ(root.value(QStringLiteral("type")).toString(), QStringLiteral("FeatureCollection"));
    const QJsonArray features = root.value(QStringLiteral("features")).toArray();
    // JP: line, launch, impact. US: a point (one state), nothing else.
    ASSERT_EQ(features.size(), 4);

    const QJsonObject line = features[0].toObject();
    const QJsonObject geometry = line.value(QStringLiteral("geometry")).toObject();
    EXPECT_EQ(geometry.value(QStringLiteral("type")).toString(), QStringLiteral("LineString"));
    const QJsonArray coordinates = geometry.value(QStringLiteral("coordinates")).toArray();
    ASSERT_EQ(coordinates.size(), 6);
    for (int i = 0; i < 6; ++i) {
        const QJsonArray position = coordinates[i].toArray();
        ASSERT_EQ(position.size(), 3);
        const GeoPosition &expected = tracks[0].states[static_cast<std::size_t>(i)].position;
        EXPECT_DOUBLE_EQ(position[0].toDouble(), expected.lonDeg) << i;
        EXPECT_DOUBLE_EQ(position[1].toDouble(), expected.latDeg) << i;
        EXPECT_DOUBLE_EQ(position[2].toDouble(), expected.altitudeM) << i;
    }
    const QJsonObject properties = line.value(QStringLiteral("properties")).toObject();
    EXPECT_EQ(properties.value(QStringLiteral("source_id")).toString(), QStringLiteral("JP-JADGE"));
    EXPECT_EQ(properties.value(QStringLiteral("track_id")).toString(), QStringLiteral("JP-0001"));
    EXPECT_EQ(properties.value(QStringLiteral("nation")).toString(), QStringLiteral("JP"));
    EXPECT_EQ(properties.value(QStringLiteral("states")).toInt(), 6);
    EXPECT_EQ(properties.value(QStringLiteral("phase")).toString(),
              trackPhaseName(TrackPhase::Midcourse));
    // The last prediction, the sixth state's.
    EXPECT_DOUBLE_EQ(properties.value(QStringLiteral("impact_lat_deg")).toDouble(), 40.005);

    const QJsonObject launch = features[1].toObject();
    EXPECT_EQ(launch.value(QStringLiteral("properties"))
                  .toObject()
                  .value(QStringLiteral("kind"))
                  .toString(),
              QStringLiteral("launch"));
    const QJsonArray launchAt = launch.value(QStringLiteral("geometry"))
                                    .toObject()
                                    .value(QStringLiteral("coordinates"))
                                    .toArray();
    EXPECT_EQ(launchAt, (QJsonArray {127.5, 39.0, 12.0}));
    const QJsonObject impact = features[2].toObject();
    const QJsonObject impactProperties = impact.value(QStringLiteral("properties")).toObject();
    EXPECT_EQ(impactProperties.value(QStringLiteral("kind")).toString(),
              QStringLiteral("predicted-impact"));
    EXPECT_EQ(impactProperties.value(QStringLiteral("time_utc")).toString(),
              formatUtc(kEpochUs + 600 * kMicrosPerSecond + 5));
    const QJsonArray impactAt = impact.value(QStringLiteral("geometry"))
                                    .toObject()
                                    .value(QStringLiteral("coordinates"))
                                    .toArray();
    EXPECT_DOUBLE_EQ(impactAt[0].toDouble(), 135.0);
    EXPECT_DOUBLE_EQ(impactAt[1].toDouble(), 40.005);

    const QJsonObject single = features[3].toObject().value(QStringLiteral("geometry")).toObject();
    EXPECT_EQ(single.value(QStringLiteral("type")).toString(), QStringLiteral("Point"));
    EXPECT_EQ(single.value(QStringLiteral("coordinates")).toArray(),
              (QJsonArray {128.0, 38.0, 55'000.0}));
}

TEST(TrackExport, KmlIsWellFormedWithAnAbsoluteLineStringOfEveryState)
{
    const std::vector<TrackHistory> tracks = sampleTracks(7);
    const QByteArray kml = tracksToKml(tracks);
    QXmlStreamReader xml(kml);
    int lineStrings = 0;
    int placemarks = 0;
    QString element;
    QStringList lineCoordinates;
    QStringList altitudeModes;
    QStringList pointNames;
    QString lastName;
    bool inLineString = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            if (xml.name() == QLatin1String("kml")) {
                EXPECT_EQ(xml.namespaceUri(), QLatin1String("http://www.opengis.net/kml/2.2"));
            }
            if (xml.name() == QLatin1String("LineString")) {
                ++lineStrings;
                inLineString = true;
            }
            if (xml.name() == QLatin1String("Placemark"))
                ++placemarks;
            if (xml.name() == QLatin1String("name"))
                lastName = xml.readElementText();
            else if (xml.name() == QLatin1String("altitudeMode"))
                altitudeModes << xml.readElementText();
            else if (xml.name() == QLatin1String("coordinates")) {
                const QString text = xml.readElementText();
                if (inLineString)
                    lineCoordinates << text;
                else
                    pointNames << lastName + QLatin1Char('=') + text;
            }
        } else if (xml.isEndElement() && xml.name() == QLatin1String("LineString")) {
            inLineString = false;
        }
    }
    ASSERT_FALSE(xml.hasError()) << xml.errorString().toStdString();
    EXPECT_EQ(lineStrings, 2);
    EXPECT_EQ(placemarks, 4); // JP line, launch, impact; US line
    for (const QString &mode : altitudeModes)
        EXPECT_EQ(mode, QStringLiteral("absolute"));
    ASSERT_EQ(lineCoordinates.size(), 2);
    const QStringList jp
        = lineCoordinates[0].split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    ASSERT_EQ(jp.size(), 7);
    for (int i = 0; i < 7; ++i) {
        const QStringList parts = jp[i].split(QLatin1Char(','));
        ASSERT_EQ(parts.size(), 3);
        const GeoPosition &expected = tracks[0].states[static_cast<std::size_t>(i)].position;
        EXPECT_NEAR(parts[0].toDouble(), expected.lonDeg, 1e-7);
        EXPECT_NEAR(parts[1].toDouble(), expected.latDeg, 1e-7);
        EXPECT_NEAR(parts[2].toDouble(), expected.altitudeM, 0.051); // one decimal
    }
    // A track of one state still draws: its position twice.
    EXPECT_EQ(lineCoordinates[1]
                  .split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts)
                  .size(),
              2);
    ASSERT_EQ(pointNames.size(), 2);
    EXPECT_EQ(pointNames[0],
              QStringLiteral("Launch of JP-JADGE/JP-0001=127.5000000,39.0000000,12.0"));
    EXPECT_EQ(pointNames[1],
              QStringLiteral("Predicted impact of JP-JADGE/JP-0001=135.0000000,40.0060000,0.0"));
}

TEST(TrackExport, CsvHasAHeaderAndOneRowPerStateWithItsValues)
{
    const std::vector<TrackHistory> tracks = sampleTracks(5);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("tracks.csv"));
    QString error;
    ASSERT_TRUE(writeTrackExport(path, tracks, &error)) << error.toStdString();
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    QList<QStringList> rows;
    ASSERT_TRUE(parseCsv(file.readAll(), &rows));
    ASSERT_EQ(rows.size(), 1 + 5 + 1);
    const QStringList header = rows[0];
    EXPECT_EQ(header.first(), QStringLiteral("source_id"));
    const auto column = [&](const char *name) {
        const auto at = header.indexOf(QLatin1String(name));
        EXPECT_GE(at, 0) << name;
        return at;
    };
    for (const QStringList &row : rows)
        EXPECT_EQ(row.size(), header.size());
    const QStringList &third = rows[3]; // JP state 2: the first with an impact prediction
    EXPECT_EQ(third[column("track_id")], QStringLiteral("JP-0001"));
    EXPECT_EQ(third[column("nation")], QStringLiteral("JP"));
    EXPECT_EQ(third[column("time_utc")], QStringLiteral("2023-07-12T01:00:00.500Z"));
    EXPECT_EQ(third[column("time_us")].toLongLong(), kEpochUs + 500'000);
    EXPECT_DOUBLE_EQ(third[column("lat_deg")].toDouble(), 39.02);
    EXPECT_DOUBLE_EQ(third[column("lon_deg")].toDouble(), 127.54);
    EXPECT_DOUBLE_EQ(third[column("altitude_m")].toDouble(), 2000.2); // one decimal
    EXPECT_DOUBLE_EQ(third[column("speed_mps")].toDouble(), 1300.0);
    EXPECT_EQ(third[column("phase")], trackPhaseName(TrackPhase::Boost));
    EXPECT_DOUBLE_EQ(third[column("impact_lat_deg")].toDouble(), 40.002);
    EXPECT_TRUE(rows[2][column("impact_lat_deg")].isEmpty()); // no prediction yet
    EXPECT_EQ(rows[6][column("source_id")], QStringLiteral("US-C2BMC"));
}

TEST(Csv, QuotesCommasQuotesAndLineBreaksAndReadsThemBack)
{
    const QStringList awkward = {QStringLiteral("plain"),
                                 QStringLiteral("a, b"),
                                 QStringLiteral("say \"hi\""),
                                 QStringLiteral("two\nlines"),
                                 QStringLiteral("cr\r\nlf"),
                                 QStringLiteral(" padded "),
                                 QString(),
                                 QStringLiteral("日本, 東京")};
    CsvWriter csv;
    csv.addRow(awkward);
    csv.addRow({QStringLiteral("x"), QStringLiteral("y")});
    EXPECT_TRUE(csv.data().startsWith("plain,\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\""));
    QList<QStringList> rows;
    ASSERT_TRUE(parseCsv(csv.data(), &rows));
    ASSERT_EQ(rows.size(), 2);
    EXPECT_EQ(rows[0], awkward);
    EXPECT_EQ(rows[1], (QStringList {QStringLiteral("x"), QStringLiteral("y")}));
    EXPECT_FALSE(parseCsv("a,\"open", &rows));
}

} // namespace
} // namespace cop
