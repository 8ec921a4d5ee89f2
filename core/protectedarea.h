// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "basemap.h"
#include "domain.h"

#include <QByteArray>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cop {

enum class ProtectedAreaKind : std::uint8_t { Territory, Eez, Other };
QString protectedAreaKindName(ProtectedAreaKind kind);

// A place the console protects: an impact ellipse meeting it raises an alert of its severity.
// Polygons are in the basemap's convention (outer ring first, holes after, longitudes continuous
// along a ring and possibly past 180).
struct ProtectedArea
{
    std::string id; // stable, e.g. "territory:GU", "eez:JP"
    QString name; // as the operator reads it: "Japan", "Guam", "Japan EEZ (approx.)"
    std::optional<Nation> nation;
    ProtectedAreaKind kind = ProtectedAreaKind::Other;
    AlertSeverity severity = AlertSeverity::Critical;
    std::vector<GeoPolygon> polygons;
    QRectF boundsDeg; // x = longitude, y = latitude, in the polygons' frame

    bool contains(double latDeg, double lonDeg) const;
    // Builds the latitude-band edge index that makes contains() cost a few dozen edges instead
    // of every vertex of a coastline; ProtectedAreaSet does it for every area it holds.
    void buildIndex();

    struct Edge
    {
        double lat1Deg, lon1Deg, lat2Deg, lon2Deg;
    };
    // Per polygon: its edges (all rings) sorted into latitude bands.
    struct PolygonIndex
    {
        double southDeg = 0.0;
        double bandDeg = 1.0;
        std::vector<std::vector<Edge>> bands;
    };
    std::shared_ptr<const std::vector<PolygonIndex>> index; // parallel to polygons
    // Which polygons touch each cell of a grid over boundsDeg: Japan alone is thousands of
    // islands, and a point should be tested against the few near it.
    struct PolygonGrid
    {
        double westDeg = 0.0;
        double southDeg = 0.0;
        double cellDeg = 1.0;
        int columns = 0;
        int rows = 0;
        std::vector<std::vector<std::uint32_t>> cells; // row-major
    };
    std::shared_ptr<const PolygonGrid> grid;
};

// What loading area definitions produced: the areas, and every feature refused with why.
struct AreaLoadResult
{
    std::vector<ProtectedArea> areas;
    QStringList errors;
    int featuresRead = 0;
    int featuresRefused = 0;
};

// Reads a GeoJSON FeatureCollection (or a single Feature) of Polygon / MultiPolygon features.
// Properties: "name"; optional "nation" (JP, US, KR), "kind" (territory, eez, other),
// "severity" (critical, warning, advisory, info), "id". Corrupt input yields errors, never a
// crash; a bad feature is refused alone.
AreaLoadResult loadAreasFromGeoJson(const QByteArray &json, const QString &origin);
AreaLoadResult loadAreasFromGeoJsonFile(const QString &path);

// The approximate EEZs embedded in the executable (needs cop_resources linked in).
AreaLoadResult loadEmbeddedEezAreas();

// Land territory of a nation from the basemap's country polygons, one area per basemap country
// whose sovereign is that nation (so Guam and the Northern Marianas count as US).
std::vector<ProtectedArea> territoryAreas(const Basemap &basemap, Nation nation);

// The set of areas the console protects, with a coarse spatial index so an impact ellipse is
// tested only against areas whose bounds it touches.
class ProtectedAreaSet
{
public:
    ProtectedAreaSet() = default;
    explicit ProtectedAreaSet(std::vector<ProtectedArea> areas);

    // Territory and approximate EEZ of each nation given, from the embedded data.
    static ProtectedAreaSet standard(const Basemap &basemap, const std::vector<Nation> &nations,
                                     QStringList *errors = nullptr);

    void add(ProtectedArea area);
    const std::vector<ProtectedArea> &areas() const { return m_areas; }
    const ProtectedArea *find(const std::string &id) const;
    bool isEmpty() const { return m_areas.empty(); }

    // Indices of areas whose bounds intersect the box (longitudes in [-180, 180), any span
    // below 360; the box may wrap the antimeridian by having eastLonDeg > 180).
    std::vector<std::size_t> candidates(double southLatDeg, double westLonDeg, double northLatDeg,
                                        double eastLonDeg) const;

private:
    std::vector<ProtectedArea> m_areas;
};

} // namespace cop
