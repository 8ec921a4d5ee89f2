// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "basemap.h"
#include "domain.h"

#include <QByteArray>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <cmath>
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
    // Every edge of every ring, filed under each cell of a grid over boundsDeg that its bounds
    // touch. A box whose cells hold no edge lies wholly inside or wholly outside the area, so an
    // impact ellipse there is decided by its centre alone; one with a few edges is decided by
    // their distance from the centre, with no geodesic problem.
    struct EdgeGrid
    {
        double westDeg = 0.0;
        double southDeg = 0.0;
        double cellDeg = 1.0;
        int columns = 0;
        int rows = 0;
        std::vector<std::vector<Edge>> cells; // row-major
    };
    std::shared_ptr<const EdgeGrid> edgeGrid;

    // Calls visit(edge) for every edge filed in a cell the box (in the polygons' frame)
    // touches, until visit returns false; an edge may come more than once. Needs buildIndex().
    template<typename Visit>
    void forEachEdgeNear(const QRectF &boxDeg, Visit &&visit) const
    {
        if (!edgeGrid || boxDeg.left() > boundsDeg.right() || boxDeg.right() < boundsDeg.left()
            || boxDeg.top() > boundsDeg.bottom() || boxDeg.bottom() < boundsDeg.top())
            return;
        const EdgeGrid &g = *edgeGrid;
        const auto cellOf = [&g](double value, double origin, int count) {
            const double cell = std::floor((value - origin) / g.cellDeg);
            return cell < 0.0 ? 0 : cell >= count ? count - 1 : static_cast<int>(cell);
        };
        const int row1 = cellOf(boxDeg.bottom(), g.southDeg, g.rows);
        const int column0 = cellOf(boxDeg.left(), g.westDeg, g.columns);
        const int column1 = cellOf(boxDeg.right(), g.westDeg, g.columns);
        for (int row = cellOf(boxDeg.top(), g.southDeg, g.rows); row <= row1; ++row) {
            for (int column = column0; column <= column1; ++column) {
                for (const Edge &edge : g.cells[static_cast<std::size_t>(row * g.columns + column)]) {
                    if (!visit(edge))
                        return;
                }
            }
        }
    }
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
