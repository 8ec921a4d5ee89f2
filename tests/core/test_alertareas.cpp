// SPDX-License-Identifier: GPL-3.0-or-later
// Protected areas: territory from the basemap, the embedded approximate EEZs, and user GeoJSON
// that may be corrupt.
#include "core/impactellipse.h"
#include "core/protectedarea.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <random>

namespace cop {
namespace {

const Basemap &basemap()
{
    static const std::optional<Basemap> loaded = Basemap::loadEmbedded();
    return *loaded;
}

const ProtectedAreaSet &standardAreas()
{
    static const ProtectedAreaSet set
        = ProtectedAreaSet::standard(basemap(), {kAllNations.begin(), kAllNations.end()});
    return set;
}

struct PlaceCase
{
    const char *name;
    double latDeg;
    double lonDeg;
    const char *expectedAreaId; // nullptr: in no protected area
};
void PrintTo(const PlaceCase &c, std::ostream *os)
{
    *os << c.name;
}

class ProtectedPlaces : public ::testing::TestWithParam<PlaceCase>
{
};

TEST_P(ProtectedPlaces, FallInTheRightArea)
{
    const PlaceCase &c = GetParam();
    std::vector<std::string> ids;
    for (const ProtectedArea &area : standardAreas().areas()) {
        if (area.contains(c.latDeg, c.lonDeg))
            ids.push_back(area.id);
    }
    if (!c.expectedAreaId) {
        EXPECT_TRUE(ids.empty()) << ids.front();
    } else {
        EXPECT_NE(std::find(ids.begin(), ids.end(), std::string(c.expectedAreaId)), ids.end())
            << "in " << ids.size() << " areas";
    }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ProtectedPlaces,
    ::testing::Values(PlaceCase {"Tokyo", 35.68, 139.77, "territory:JP"},
                      PlaceCase {"Seoul", 37.57, 126.98, "territory:KR"},
                      PlaceCase {"GuamIsUs", 13.45, 144.78, "territory:GU"},
                      PlaceCase {"Honolulu", 21.31, -157.86, "territory:US"},
                      PlaceCase {"Anchorage", 61.2, -149.9, "territory:US"},
                      PlaceCase {"Pyongyang", 39.03, 125.75, nullptr},
                      PlaceCase {"WestOfHokkaidoInJapanEez", 41.50, 136.97, "eez:JP"},
                      PlaceCase {"EastOfUlleungdoInKoreaEez", 37.5, 131.5, "eez:KR"},
                      PlaceCase {"OffGuamInUsEez", 12.0, 145.5, "eez:US"},
                      PlaceCase {"AleutiansAcrossTheAntimeridian", 52.0, -175.0, "eez:US"},
                      PlaceCase {"MidSeaOfJapanNobodys", 40.5, 134.3, nullptr},
                      PlaceCase {"YellowSeaNearerChina", 36.0, 124.0, nullptr}),
    [](const auto &info) { return std::string(info.param.name); });

TEST(ProtectedAreas, GuamCountsAsUnitedStatesTerritory)
{
    const auto areas = territoryAreas(basemap(), Nation::UnitedStates);
    const auto guam = std::find_if(areas.begin(), areas.end(),
                                   [](const ProtectedArea &a) { return a.id == "territory:GU"; });
    ASSERT_NE(guam, areas.end());
    EXPECT_EQ(guam->nation, Nation::UnitedStates);
    EXPECT_EQ(guam->severity, AlertSeverity::Critical);
    EXPECT_EQ(guam->name, QStringLiteral("Guam"));
}

TEST(ProtectedAreas, EmbeddedEezsLoadCleanly)
{
    const AreaLoadResult result = loadEmbeddedEezAreas();
    EXPECT_TRUE(result.errors.isEmpty()) << result.errors.join(QLatin1Char('\n')).toStdString();
    ASSERT_EQ(result.areas.size(), 3u);
    for (const ProtectedArea &area : result.areas) {
        EXPECT_EQ(area.kind, ProtectedAreaKind::Eez);
        EXPECT_EQ(area.severity, AlertSeverity::Warning);
        EXPECT_TRUE(area.name.contains(QStringLiteral("approx."))) << area.name.toStdString();
    }
}

struct GeoJsonCase
{
    const char *name;
    const char *json;
    int areas;
    int refused;
    bool anyError;
};
void PrintTo(const GeoJsonCase &c, std::ostream *os)
{
    *os << c.name;
}

class GeoJsonAreas : public ::testing::TestWithParam<GeoJsonCase>
{
};

TEST_P(GeoJsonAreas, LoadWhatIsGoodAndCountWhatIsNot)
{
    const GeoJsonCase &c = GetParam();
    const AreaLoadResult result
        = loadAreasFromGeoJson(QByteArray(c.json), QStringLiteral("test.geojson"));
    EXPECT_EQ(static_cast<int>(result.areas.size()), c.areas);
    EXPECT_EQ(result.featuresRefused, c.refused);
    EXPECT_EQ(!result.errors.isEmpty(), c.anyError)
        << result.errors.join(QLatin1Char('\n')).toStdString();
}

#define SQUARE "[[[135,35],[136,35],[136,36],[135,36],[135,35]]]"
INSTANTIATE_TEST_SUITE_P(
    Cases, GeoJsonAreas,
    ::testing::Values(
        GeoJsonCase {"Empty", "", 0, 0, true},
        GeoJsonCase {"NotJson", "{\"type\": \"FeatureCollection\", \"features\": [", 0, 0, true},
        GeoJsonCase {"Binary", "\x01\x02\xff\xfe", 0, 0, true},
        GeoJsonCase {"WrongRoot", "[1,2,3]", 0, 0, true},
        GeoJsonCase {
            "OneGoodFeature",
            "{\"type\":\"Feature\",\"properties\":{\"name\":\"Kyoto prefecture\",\"nation\":\"JP\","
            "\"kind\":\"territory\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE
            "}}",
            1, 0, false},
        GeoJsonCase {
            "GoodAndBad",
            "{\"type\":\"FeatureCollection\",\"features\":["
            "{\"type\":\"Feature\",\"properties\":{\"name\":\"A\"},\"geometry\":{\"type\":"
            "\"Polygon\","
            "\"coordinates\":" SQUARE "}},"
            "{\"type\":\"Feature\",\"properties\":{\"name\":\"B\"},\"geometry\":{\"type\":"
            "\"Point\","
            "\"coordinates\":[1,2]}},"
            "{\"type\":\"Feature\",\"properties\":{\"name\":\"C\"},\"geometry\":{\"type\":"
            "\"Polygon\","
            "\"coordinates\":[[[135,95],[136,35],[136,36]]]}},"
            "{\"type\":\"Feature\",\"properties\":{\"nation\":\"CN\"},\"geometry\":{\"type\":"
            "\"Polygon\","
            "\"coordinates\":" SQUARE "}},"
            "{\"type\":\"Feature\",\"properties\":{\"severity\":\"dire\"},\"geometry\":{\"type\":"
            "\"Polygon\","
            "\"coordinates\":" SQUARE "}},"
            "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[1,2],[3,4]"
            "]]}},"
            "{\"type\":\"Feature\",\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":\"x\"}},"
            "7]}",
            1, 7, true}),
    [](const auto &info) { return std::string(info.param.name); });
#undef SQUARE

TEST(ProtectedAreas, AntimeridianRingFromGeoJsonStaysContinuous)
{
    const AreaLoadResult result = loadAreasFromGeoJson(
        "{\"type\":\"Feature\",\"properties\":{\"name\":\"Dateline "
        "box\"},\"geometry\":{\"type\":\"Polygon\","
        "\"coordinates\":[[[179,10],[-179,10],[-179,12],[179,12],[179,10]]]}}",
        QStringLiteral("t"));
    ASSERT_EQ(result.areas.size(), 1u);
    const ProtectedArea &area = result.areas.front();
    EXPECT_TRUE(area.contains(11.0, 179.5));
    EXPECT_TRUE(area.contains(11.0, -179.5));
    EXPECT_FALSE(area.contains(11.0, 0.0)) << "not a box around the world";
}

TEST(ImpactEllipse, SemiAxesFollowTheCovariance)
{
    // σ east 2 km, σ north 1 km: 95% semi-axes √5.991·2 km and √5.991·1 km, major axis east-west.
    const ImpactEllipse ellipse({40.0, 135.0, 0.0}, {4e6, 0.0, 1e6});
    EXPECT_NEAR(ellipse.semiMajorM(), std::sqrt(5.991) * 2000.0, 1e-6);
    EXPECT_NEAR(ellipse.semiMinorM(), std::sqrt(5.991) * 1000.0, 1e-6);
    EXPECT_NEAR(std::fmod(ellipse.majorAzimuthDeg() + 360.0, 180.0), 90.0, 1e-9);
    // 4.5 km east is inside (major ~4.9 km), 4.5 km north is not (minor ~2.4 km).
    EXPECT_TRUE(
        ellipse.contains(40.0, 135.0 + 4500.0 / (111'320.0 * std::cos(40.0 * M_PI / 180.0))));
    EXPECT_FALSE(ellipse.contains(40.0 + 4500.0 / 111'000.0, 135.0));
}

// The indexed test (bounding boxes, boundary-free cells, distance bounds, the outline built only
// when needed) must answer exactly as the definition applied to every vertex and polygon. The
// ellipses are drawn where the answer is hard: centred near a vertex of an area's boundary, from
// a kilometre to 300 km long (past the flat-frame shortcuts' limit), in every orientation, and
// a few across the antimeridian and at high latitude.
TEST(ImpactEllipse, IndexedAndBruteForceAgreeOnRandomEllipses)
{
    const auto &areas = standardAreas().areas();
    std::mt19937 random(20261125);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    int met = 0, missed = 0;
    for (int i = 0; i < 400; ++i) {
        const ProtectedArea &from = areas[random() % areas.size()];
        const GeoPolygon &polygon = from.polygons[random() % from.polygons.size()];
        const LatLonDeg &vertex = polygon.rings.front()[random() % polygon.rings.front().size()];
        const double semiMajorM = 1'000.0 * std::pow(300.0, unit(random)); // 1 to 300 km
        const double semiMinorM = semiMajorM * (0.05 + 0.95 * unit(random));
        const double azimuthRad = M_PI * unit(random);
        // Up to one and a half semi-major axes from the vertex, so about half of them miss.
        const double offsetM = 1.5 * semiMajorM * unit(random);
        const double bearingRad = 2.0 * M_PI * unit(random);
        const double latDeg = std::clamp(
            vertex.latDeg + offsetM * std::cos(bearingRad) / 111'000.0, -89.0, 89.0);
        double lonDeg = vertex.lonDeg
            + offsetM * std::sin(bearingRad)
                / (111'000.0 * std::max(0.05, std::cos(latDeg * M_PI / 180.0)));
        lonDeg = std::remainder(lonDeg, 360.0); // the centre as a feed would send it
        const double a2 = semiMajorM * semiMajorM / kImpactEllipseK95;
        const double b2 = semiMinorM * semiMinorM / kImpactEllipseK95;
        const double s = std::sin(azimuthRad), c = std::cos(azimuthRad);
        const EnuCovariance2 covariance {a2 * s * s + b2 * c * c, (a2 - b2) * s * c,
                                         a2 * c * c + b2 * s * s};
        const ImpactEllipse ellipse({latDeg, lonDeg, 0.0}, covariance);
        // The area it was drawn from, and one other.
        for (const ProtectedArea *area : {&from, &areas[random() % areas.size()]}) {
            const bool indexed = ellipse.meets(*area);
            ASSERT_EQ(indexed, ellipse.meetsBruteForce(*area))
                << area->id << " ellipse at " << latDeg << ", " << lonDeg << " semi-axes "
                << semiMajorM << " / " << semiMinorM << " m, azimuth "
                << ellipse.majorAzimuthDeg();
            (indexed ? met : missed) += 1;
        }
    }
    // Both answers well represented, or the comparison proves little.
    EXPECT_GT(met, 150);
    EXPECT_GT(missed, 150);
}

} // namespace
} // namespace cop
