// SPDX-License-Identifier: GPL-3.0-or-later
// The editable sensor catalogue: the shipped file is the built-in laydown, a scenario can use
// an edited one, and a broken file gets a clear one-line error, never a crash.
#include "sim/demoscenario.h"
#include "sim/sensorcatalogue.h"
#include "sim/sensorcataloguefile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

#include <string>

using namespace cop;
using namespace cop::sim;

namespace {

const char *const kShippedCatalogue = ":/sensors/catalogue.json";

TEST(SensorCatalogueFile, ShippedFileIsTheBuiltInLaydown)
{
    std::string error;
    const std::optional<SensorCatalogue> catalogue
        = loadSensorCatalogue(QString::fromLatin1(kShippedCatalogue), &error);
    ASSERT_TRUE(catalogue) << error;
    for (Nation nation : kAllNations) {
        const std::vector<SensorSpec> builtIn = notionalSensors(nation);
        ASSERT_TRUE(catalogue->sensors.contains(nation)) << nationCode(nation);
        const std::vector<SensorSpec> &read = catalogue->sensors.at(nation);
        ASSERT_EQ(read.size(), builtIn.size()) << nationCode(nation);
        for (std::size_t i = 0; i < read.size(); ++i) {
            EXPECT_EQ(read[i].sensorId, builtIn[i].sensorId);
            EXPECT_EQ(read[i].name, builtIn[i].name);
            EXPECT_EQ(read[i].kind, builtIn[i].kind);
            EXPECT_EQ(read[i].site, builtIn[i].site);
            // The file rounds boresights to a tenth of a degree.
            EXPECT_NEAR(read[i].coverage.boresightAzimuthDeg,
                        builtIn[i].coverage.boresightAzimuthDeg, 0.05);
            EXPECT_EQ(read[i].coverage.azimuthHalfWidthDeg,
                      builtIn[i].coverage.azimuthHalfWidthDeg);
            EXPECT_EQ(read[i].coverage.minElevationDeg, builtIn[i].coverage.minElevationDeg);
            EXPECT_EQ(read[i].coverage.maxElevationDeg, builtIn[i].coverage.maxElevationDeg);
            EXPECT_DOUBLE_EQ(read[i].coverage.maxRangeM, builtIn[i].coverage.maxRangeM);
            EXPECT_EQ(read[i].rangeSigmaM, builtIn[i].rangeSigmaM);
            EXPECT_NEAR(read[i].angleSigmaRad, builtIn[i].angleSigmaRad, 1e-9);
        }
    }
}

TEST(SensorCatalogueFile, RoundTripsThroughJson)
{
    SensorCatalogue catalogue;
    catalogue.sensors[Nation::Korea] = notionalSensors(Nation::Korea);
    std::string error;
    const auto again
        = parseSensorCatalogue(sensorCatalogueToJson(catalogue, QStringLiteral("x")), &error);
    ASSERT_TRUE(again) << error;
    ASSERT_EQ(again->sensors.size(), 1u);
    EXPECT_EQ(again->sensors.at(Nation::Korea).size(), catalogue.sensors.at(Nation::Korea).size());
}

TEST(SensorCatalogueFile, ScenarioUsesTheCatalogueItIsGiven)
{
    // Japan without its Sado radar: that sensor is never reported.
    auto catalogue = std::make_shared<SensorCatalogue>();
    for (Nation nation : kAllNations)
        catalogue->sensors[nation] = notionalSensors(nation);
    std::erase_if(catalogue->sensors[Nation::Japan],
                  [](const SensorSpec &s) { return s.sensorId == "JP-FPS5-SADO"; });
    DemoScenarioOptions options;
    options.epochUs = 1'700'000'000'000'000;
    options.sensorCatalogue = catalogue;
    DemoScenario scenario(options);
    int japaneseStatuses = 0;
    for (const FeedMessage &m : scenario.advanceTo(options.epochUs + 25 * kMicrosPerSecond)) {
        if (const auto *s = std::get_if<SensorStatus>(&m.body)) {
            EXPECT_NE(s->sensorId, "JP-FPS5-SADO");
            japaneseStatuses += m.header.nation == Nation::Japan;
        }
    }
    EXPECT_EQ(japaneseStatuses, 3 * 3); // three radars, a status every 10 s
}

// A valid one-sensor catalogue with one field replaced by the given JSON text.
QByteArray catalogueWith(const char *key, const char *valueJson)
{
    QByteArray sensor = R"({"id": "X-1", "name": "Test radar", "kind": "ground-radar",
        "site": {"latDeg": 38.0, "lonDeg": 138.3, "altitudeM": 0},
        "boresightAzimuthDeg": 280, "azimuthHalfWidthDeg": 60, "minElevationDeg": 1,
        "maxElevationDeg": 90, "maxRangeKm": 2000, "rangeSigmaM": 60, "angleSigmaMrad": 2})";
    QJsonObject object = QJsonDocument::fromJson(sensor).object();
    if (key)
        object.insert(QLatin1String(key),
                      QJsonDocument::fromJson(QByteArray("[") + valueJson + "]").array().at(0));
    QJsonObject root {
        {QStringLiteral("format"), QLatin1String(kSensorCatalogueFormat)},
        {QStringLiteral("nations"),
         QJsonArray {QJsonObject {{QStringLiteral("nation"), QStringLiteral("JP")},
                                  {QStringLiteral("sensors"), QJsonArray {object}}}}}};
    return QJsonDocument(root).toJson();
}

struct BadCatalogue
{
    std::string name;
    QByteArray json;
    std::string errorMentions;
};

void PrintTo(const BadCatalogue &c, std::ostream *os)
{
    *os << c.name;
}

class BadCatalogueTest : public testing::TestWithParam<BadCatalogue>
{
};

TEST_P(BadCatalogueTest, RefusedWithAClearError)
{
    std::string error;
    EXPECT_FALSE(parseSensorCatalogue(GetParam().json, &error));
    EXPECT_NE(error.find(GetParam().errorMentions), std::string::npos) << error;
    EXPECT_EQ(error.find('\n'), std::string::npos) << "one line: " << error;
}

INSTANTIATE_TEST_SUITE_P(
    Files, BadCatalogueTest,
    testing::Values(
        BadCatalogue {"Empty", "", "not JSON"},
        BadCatalogue {"Truncated", catalogueWith(nullptr, nullptr).left(120), "not JSON"},
        BadCatalogue {"NotAnObject", "[1, 2]", "must be a JSON object"},
        BadCatalogue {"WrongFormat", R"({"format": "v0", "nations": []})", "format"},
        BadCatalogue {"NationsNotArray", R"({"format": "cop-sensor-catalogue/1", "nations": {}})",
                      "nations"},
        BadCatalogue {
            "UnknownNation",
            R"({"format": "cop-sensor-catalogue/1", "nations": [{"nation": "XX", "sensors": []}]})",
            "nations[0].nation"},
        BadCatalogue {
            "NationTwice",
            R"({"format": "cop-sensor-catalogue/1", "nations": [{"nation": "JP", "sensors": []}, {"nation": "JP", "sensors": []}]})",
            "listed twice"},
        BadCatalogue {"LatitudeOutOfRange",
                      catalogueWith("site", R"({"latDeg": 95, "lonDeg": 1, "altitudeM": 0})"),
                      "nations[0].sensors[0].site.latDeg"},
        BadCatalogue {"RangeAsString", catalogueWith("maxRangeKm", R"("far")"),
                      "nations[0].sensors[0].maxRangeKm"},
        BadCatalogue {"NegativeSigma", catalogueWith("rangeSigmaM", "-3"), "rangeSigmaM"},
        BadCatalogue {"UnknownKind", catalogueWith("kind", R"("sonar")"), "sonar"},
        BadCatalogue {"MissingId", catalogueWith("id", "null"), ".id"},
        BadCatalogue {"ElevationsCrossed", catalogueWith("minElevationDeg", "95"),
                      "minElevationDeg"}),
    [](const testing::TestParamInfo<BadCatalogue> &info) { return info.param.name; });

TEST(SensorCatalogueFile, MissingFileNamesThePath)
{
    std::string error;
    EXPECT_FALSE(loadSensorCatalogue(QStringLiteral("/nonexistent/catalogue.json"), &error));
    EXPECT_NE(error.find("/nonexistent/catalogue.json"), std::string::npos) << error;
}

TEST(SensorCatalogueFile, DuplicateSensorIdsRefused)
{
    SensorCatalogue catalogue;
    catalogue.sensors[Nation::Japan] = notionalSensors(Nation::Japan);
    catalogue.sensors[Nation::Korea] = notionalSensors(Nation::Japan);
    std::string error;
    EXPECT_FALSE(parseSensorCatalogue(sensorCatalogueToJson(catalogue, {}), &error));
    EXPECT_NE(error.find("used twice"), std::string::npos) << error;
}

} // namespace
