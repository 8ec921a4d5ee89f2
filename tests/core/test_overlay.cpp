// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/overlay.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <cmath>

using namespace cop;
using Kind = OverlayFeature::Kind;

namespace {

const char kCollection[] = R"({
  "type": "FeatureCollection",
  "features": [
    {"type": "Feature", "properties": {"name": "Base"},
     "geometry": {"type": "Point", "coordinates": [127.5, 36.9]}},
    {"type": "Feature", "properties": {"name": "Two posts"},
     "geometry": {"type": "MultiPoint", "coordinates": [[130, 33], [131, 34]]}},
    {"type": "Feature", "properties": {"name": "Route"},
     "geometry": {"type": "LineString", "coordinates": [[129, 35], [135, 35], [140, 38]]}},
    {"type": "Feature", "properties": {},
     "geometry": {"type": "MultiLineString", "coordinates": [[[129, 30], [130, 31]], [[131, 30], [132, 31]]]}},
    {"type": "Feature", "properties": {"name": "Zone"},
     "geometry": {"type": "Polygon", "coordinates": [
        [[130, 30], [140, 30], [140, 40], [130, 40], [130, 30]],
        [[134, 34], [136, 34], [136, 36], [134, 34]]]}},
    {"type": "Feature", "properties": {"name": "Islands"},
     "geometry": {"type": "MultiPolygon", "coordinates": [
        [[[120, 20], [121, 20], [121, 21], [120, 20]]],
        [[[122, 20], [123, 20], [123, 21], [122, 20]]]]}}
  ]
})";

} // namespace

TEST(OverlayGeoJson, ReadsEveryGeometryTypeWithNames)
{
    const OverlayParseResult result = parseOverlay(QByteArray(kCollection), QStringLiteral("plan.geojson"));
    ASSERT_TRUE(result) << result.error.toStdString();
    const Overlay &overlay = *result.overlay;
    EXPECT_EQ(overlay.name, QStringLiteral("plan"));
    EXPECT_EQ(overlay.skippedFeatures, 0u);
    // Point, 2 from MultiPoint, line, 2 from MultiLineString, polygon, 2 from MultiPolygon.
    ASSERT_EQ(overlay.features.size(), 9u);
    EXPECT_EQ(overlay.features[0].kind, Kind::Point);
    EXPECT_EQ(overlay.features[0].name, QStringLiteral("Base"));
    EXPECT_DOUBLE_EQ(overlay.features[0].rings[0][0].latDeg, 36.9);
    EXPECT_DOUBLE_EQ(overlay.features[0].rings[0][0].lonDeg, 127.5);
    EXPECT_EQ(overlay.features[2].name, QStringLiteral("Two posts"));
    EXPECT_EQ(overlay.features[3].kind, Kind::Line);
    EXPECT_EQ(overlay.features[3].rings[0].size(), 3u);
    EXPECT_EQ(overlay.features[5].kind, Kind::Line);
    EXPECT_TRUE(overlay.features[5].name.isEmpty());
    const OverlayFeature &zone = overlay.features[6];
    EXPECT_EQ(zone.kind, Kind::Polygon);
    ASSERT_EQ(zone.rings.size(), 2u); // outer and one hole
    EXPECT_EQ(zone.rings[0].size(), 4u) << "the repeated closing point is dropped";
    EXPECT_EQ(zone.rings[1].size(), 3u);
    EXPECT_EQ(overlay.features[8].kind, Kind::Polygon);
    EXPECT_EQ(overlay.features[8].name, QStringLiteral("Islands"));
}

TEST(OverlayGeoJson, SkipsAndCountsFeaturesWithBadCoordinates)
{
    const QByteArray json = R"({"type": "FeatureCollection", "features": [
      {"type": "Feature", "properties": {"name": "ok"}, "geometry": {"type": "Point", "coordinates": [130, 35]}},
      {"type": "Feature", "properties": {"name": "north of the pole"}, "geometry": {"type": "Point", "coordinates": [130, 95]}},
      {"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": [[130, 35], [200, 35]]}},
      {"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": [[130, 35], ["x", 35]]}},
      {"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": [[130, 35]]}},
      {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[[130, 35], [131, 35], [130, 35]]]}},
      {"type": "Feature", "properties": {}, "geometry": null},
      {"type": "Feature", "properties": {}, "geometry": {"type": "Circle", "coordinates": [130, 35]}},
      {"type": "Banana"}
    ]})";
    const OverlayParseResult result = parseOverlay(json, QStringLiteral("mixed.geojson"));
    ASSERT_TRUE(result) << result.error.toStdString();
    ASSERT_EQ(result.overlay->features.size(), 1u);
    EXPECT_EQ(result.overlay->features[0].name, QStringLiteral("ok"));
    EXPECT_EQ(result.overlay->skippedFeatures, 8u);
    ASSERT_EQ(result.overlay->warnings.size(), 8);
    EXPECT_EQ(result.overlay->warnings[0], QStringLiteral("feature 2: latitude 95 out of range"));
    EXPECT_EQ(result.overlay->warnings[1], QStringLiteral("feature 3: longitude 200 out of range"));
    EXPECT_TRUE(result.overlay->warnings[4].contains(QStringLiteral("polygon ring needs at least 3")));
    EXPECT_TRUE(result.overlay->warnings[6].contains(QStringLiteral("Circle")));
    // A number JSON cannot hold is a syntax error of the file, reported with its line.
    const OverlayParseResult overflow = parseOverlay(
        QByteArray("{\"type\": \"Point\",\n \"coordinates\": [1e999, 35]}"), QStringLiteral("big.geojson"));
    ASSERT_FALSE(overflow);
    EXPECT_TRUE(overflow.error.startsWith(QStringLiteral("big.geojson: line 2:"))) << overflow.error.toStdString();
}

TEST(OverlayGeoJson, CorruptFilesGiveTheFileLineAndReason)
{
    const OverlayParseResult truncated
        = parseOverlay(QByteArray("{\"type\": \"FeatureCollection\",\n\"features\": [\n{\"type\": "),
                       QStringLiteral("/some/where/cut.geojson"));
    ASSERT_FALSE(truncated);
    EXPECT_TRUE(truncated.error.startsWith(QStringLiteral("cut.geojson: line 3:")))
        << truncated.error.toStdString();

    const OverlayParseResult array = parseOverlay(QByteArray("[1, 2]"), QStringLiteral("a.json"));
    ASSERT_FALSE(array);
    EXPECT_EQ(array.error, QStringLiteral("a.json: not a GeoJSON object"));

    const OverlayParseResult allBad = parseOverlay(
        QByteArray(R"({"type": "Feature", "geometry": {"type": "Point", "coordinates": [0, -91]}})"),
        QStringLiteral("bad.geojson"));
    ASSERT_FALSE(allBad);
    EXPECT_EQ(allBad.error, QStringLiteral("bad.geojson: no drawable feature (1 skipped; first: "
                                           "feature 1: latitude -91 out of range)"));

    const OverlayParseResult empty = parseOverlay(QByteArray(), QStringLiteral("empty"));
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error, QStringLiteral("empty: neither GeoJSON nor KML"));

    // Random bytes: an error, never a crash.
    QByteArray noise(4096, '\0');
    for (int i = 0; i < noise.size(); ++i)
        noise[i] = static_cast<char>((i * 7919 + 13) % 251);
    EXPECT_FALSE(parseOverlay(noise, QStringLiteral("noise.geojson")));
    EXPECT_FALSE(parseOverlay(noise, QStringLiteral("noise.kml")));
}

TEST(OverlayGeoJson, DeeplyNestedGeometryCollectionsAreRefused)
{
    QByteArray json = R"({"type": "Point", "coordinates": [130, 35]})";
    for (int i = 0; i < 20; ++i)
        json = R"({"type": "GeometryCollection", "geometries": [)" + json + "]}";
    const OverlayParseResult result = parseOverlay(json, QStringLiteral("deep.geojson"));
    ASSERT_FALSE(result);
    EXPECT_TRUE(result.error.contains(QStringLiteral("nested too deeply"))) << result.error.toStdString();
}

TEST(OverlayKml, ReadsPlacemarksPolygonsWithHolesAndMultiGeometry)
{
    const QByteArray kml = R"(<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2">
<Document><name>Exercise</name>
 <Folder>
  <Placemark><name>Command post</name><Point><coordinates>127.0,37.5,0</coordinates></Point></Placemark>
  <Placemark><name>Corridor</name>
   <LineString><coordinates>
     129,35 133,36
     138,37
   </coordinates></LineString></Placemark>
  <Placemark><name>Keep out</name>
   <Polygon>
    <innerBoundaryIs><LinearRing><coordinates>134,34 136,34 136,36 134,34</coordinates></LinearRing></innerBoundaryIs>
    <outerBoundaryIs><LinearRing><coordinates>130,30 140,30 140,40 130,40 130,30</coordinates></LinearRing></outerBoundaryIs>
   </Polygon></Placemark>
  <Placemark><name>Pair</name><MultiGeometry>
    <Point><coordinates>131,33</coordinates></Point>
    <Polygon><outerBoundaryIs><LinearRing><coordinates>120,20 121,20 121,21 120,20</coordinates></LinearRing></outerBoundaryIs></Polygon>
  </MultiGeometry></Placemark>
 </Folder>
</Document></kml>)";
    const OverlayParseResult result = parseOverlay(kml, QStringLiteral("exercise.kml"));
    ASSERT_TRUE(result) << result.error.toStdString();
    const Overlay &overlay = *result.overlay;
    EXPECT_EQ(overlay.skippedFeatures, 0u);
    ASSERT_EQ(overlay.features.size(), 5u);
    EXPECT_EQ(overlay.features[0].kind, Kind::Point);
    EXPECT_EQ(overlay.features[0].name, QStringLiteral("Command post"));
    EXPECT_DOUBLE_EQ(overlay.features[0].rings[0][0].latDeg, 37.5);
    EXPECT_EQ(overlay.features[1].kind, Kind::Line);
    EXPECT_EQ(overlay.features[1].rings[0].size(), 3u);
    const OverlayFeature &keepOut = overlay.features[2];
    EXPECT_EQ(keepOut.kind, Kind::Polygon);
    ASSERT_EQ(keepOut.rings.size(), 2u);
    EXPECT_EQ(keepOut.rings[0].size(), 4u) << "outer boundary first, closing point dropped";
    EXPECT_DOUBLE_EQ(keepOut.rings[0][1].lonDeg, 140.0);
    EXPECT_EQ(keepOut.rings[1].size(), 3u);
    EXPECT_EQ(overlay.features[3].kind, Kind::Point);
    EXPECT_EQ(overlay.features[4].kind, Kind::Polygon);
    EXPECT_EQ(overlay.features[4].name, QStringLiteral("Pair"));
}

TEST(OverlayKml, StyleColoursAreHonouredInlineSharedAndThroughAStyleMap)
{
    // KML colours are aabbggrr. The shared style is defined after the placemark using it.
    const QByteArray kml = R"(<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2">
<Document>
 <StyleMap id="zoneMap">
  <Pair><key>normal</key><styleUrl>#zone</styleUrl></Pair>
  <Pair><key>highlight</key><styleUrl>#other</styleUrl></Pair>
 </StyleMap>
 <Placemark><name>Zone</name><styleUrl>#zone</styleUrl>
  <Polygon><outerBoundaryIs><LinearRing><coordinates>130,30 131,30 131,31 130,30</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
 <Placemark><name>Mapped</name><styleUrl>#zoneMap</styleUrl>
  <Polygon><outerBoundaryIs><LinearRing><coordinates>132,30 133,30 133,31 132,30</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
 <Placemark><name>Route</name>
  <Style><IconStyle><color>ffffffff</color></IconStyle><LineStyle><color>ff00ff00</color><width>3</width></LineStyle></Style>
  <LineString><coordinates>129,35 133,36</coordinates></LineString></Placemark>
 <Placemark><name>Hollow</name>
  <Style><PolyStyle><color>80ff0000</color><fill>0</fill></PolyStyle></Style>
  <Polygon><outerBoundaryIs><LinearRing><coordinates>134,30 135,30 135,31 134,30</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
 <Placemark><name>Plain</name><styleUrl>#missing</styleUrl><Point><coordinates>127,37</coordinates></Point></Placemark>
 <Style id="zone"><LineStyle><color>ff0000ff</color></LineStyle><PolyStyle><color>4000ffff</color></PolyStyle></Style>
 <Style id="other"><LineStyle><color>ffffffff</color></LineStyle></Style>
</Document></kml>)";
    const OverlayParseResult result = parseOverlay(kml, QStringLiteral("styled.kml"));
    ASSERT_TRUE(result) << result.error.toStdString();
    const Overlay &overlay = *result.overlay;
    ASSERT_EQ(overlay.features.size(), 5u);
    EXPECT_EQ(overlay.skippedFeatures, 0u);
    const OverlayFeature &zone = overlay.features[0];
    EXPECT_EQ(zone.name, QStringLiteral("Zone"));
    ASSERT_TRUE(zone.lineArgb);
    EXPECT_EQ(*zone.lineArgb, 0xffff0000u) << "ff0000ff (aabbggrr) is opaque red";
    ASSERT_TRUE(zone.fillArgb);
    EXPECT_EQ(*zone.fillArgb, 0x40ffff00u) << "4000ffff is a quarter-opaque yellow";
    const OverlayFeature &mapped = overlay.features[1];
    ASSERT_TRUE(mapped.lineArgb) << "the StyleMap's normal pair";
    EXPECT_EQ(*mapped.lineArgb, 0xffff0000u);
    const OverlayFeature &route = overlay.features[2];
    ASSERT_TRUE(route.lineArgb);
    EXPECT_EQ(*route.lineArgb, 0xff00ff00u);
    EXPECT_FALSE(route.fillArgb);
    const OverlayFeature &hollow = overlay.features[3];
    ASSERT_TRUE(hollow.fillArgb);
    EXPECT_EQ(*hollow.fillArgb, 0u) << "<fill>0</fill>: not filled at all";
    EXPECT_FALSE(hollow.lineArgb);
    const OverlayFeature &plain = overlay.features[4];
    EXPECT_FALSE(plain.lineArgb) << "an unknown style leaves the layer's colour";
    EXPECT_FALSE(plain.fillArgb);
}

TEST(OverlayKml, BadPlacemarksAreSkippedWithTheirLine)
{
    const QByteArray kml = "<kml>\n"
                           "<Placemark><name>good</name><Point><coordinates>130,35</coordinates></Point></Placemark>\n"
                           "<Placemark><name>far</name><Point><coordinates>130,-95</coordinates></Point></Placemark>\n"
                           "<Placemark><Point><coordinates>nan,35</coordinates></Point></Placemark>\n"
                           "<Placemark><name>nothing</name></Placemark>\n"
                           "</kml>\n";
    const OverlayParseResult result = parseOverlay(kml, QStringLiteral("x.kml"));
    ASSERT_TRUE(result) << result.error.toStdString();
    EXPECT_EQ(result.overlay->features.size(), 1u);
    EXPECT_EQ(result.overlay->skippedFeatures, 3u);
    ASSERT_EQ(result.overlay->warnings.size(), 3);
    EXPECT_EQ(result.overlay->warnings[0], QStringLiteral("line 3: placemark \"far\": latitude -95 out of range"));
    EXPECT_TRUE(result.overlay->warnings[1].startsWith(QStringLiteral("line 4: placemark:")));
    EXPECT_TRUE(result.overlay->warnings[2].contains(QStringLiteral("no Point")));
}

TEST(OverlayKml, MalformedXmlGivesTheLine)
{
    const OverlayParseResult result = parseOverlay(
        QByteArray("<kml>\n<Placemark>\n<name>x</nam>\n</Placemark></kml>"), QStringLiteral("broken.kml"));
    ASSERT_FALSE(result);
    EXPECT_TRUE(result.error.startsWith(QStringLiteral("broken.kml: line 3:"))) << result.error.toStdString();
}

TEST(OverlayFile, FormatFromNameOrContentAndFileErrors)
{
    EXPECT_EQ(detectOverlayFormat(QStringLiteral("a.KML"), "{"), OverlayFormat::Kml);
    EXPECT_EQ(detectOverlayFormat(QStringLiteral("a.json"), "<"), OverlayFormat::GeoJson);
    EXPECT_EQ(detectOverlayFormat(QStringLiteral("a.txt"), "\xEF\xBB\xBF  <kml/>"), OverlayFormat::Kml);
    EXPECT_EQ(detectOverlayFormat(QStringLiteral("a"), " \n{}"), OverlayFormat::GeoJson);
    EXPECT_EQ(detectOverlayFormat(QStringLiteral("a"), "hello"), std::nullopt);

    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString good = dir.filePath(QStringLiteral("route.dat"));
    QFile file(good);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(kCollection);
    file.close();
    const OverlayParseResult loaded = loadOverlayFile(good);
    ASSERT_TRUE(loaded) << loaded.error.toStdString();
    EXPECT_EQ(loaded.overlay->name, QStringLiteral("route"));
    EXPECT_EQ(loaded.overlay->features.size(), 9u);

    const OverlayParseResult missing = loadOverlayFile(dir.filePath(QStringLiteral("none.kml")));
    ASSERT_FALSE(missing);
    EXPECT_TRUE(missing.error.startsWith(QStringLiteral("none.kml: "))) << missing.error.toStdString();

    // Over the size limit: refused from the size alone (a sparse file, nothing is read).
    const QString huge = dir.filePath(QStringLiteral("huge.geojson"));
    QFile big(huge);
    ASSERT_TRUE(big.open(QIODevice::WriteOnly));
    ASSERT_TRUE(big.resize(kMaxOverlayFileBytes + 1));
    big.close();
    const OverlayParseResult tooBig = loadOverlayFile(huge);
    ASSERT_FALSE(tooBig);
    EXPECT_TRUE(tooBig.error.contains(QStringLiteral("limit"))) << tooBig.error.toStdString();
}

TEST(OverlayFile, TheShippedExamplesLoad)
{
    for (const char *name : {"overlay-exercise.geojson", "overlay-exercise.kml"}) {
        const OverlayParseResult result
            = loadOverlayFile(QStringLiteral(COP_SOURCE_DIR "/docs/examples/") + QLatin1String(name));
        ASSERT_TRUE(result) << result.error.toStdString();
        EXPECT_GE(result.overlay->features.size(), 3u) << name;
        EXPECT_EQ(result.overlay->skippedFeatures, 0u) << name;
    }
}
