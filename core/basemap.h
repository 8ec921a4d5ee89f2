// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QRectF>
#include <QString>

#include <optional>
#include <vector>

namespace cop {

// Levels of detail of the embedded basemap (Natural Earth 1:110m, 1:50m, 1:10m).
enum class BasemapDetail { Coarse, Medium, Fine };

struct LatLonDeg
{
    double latDeg = 0.0;
    double lonDeg = 0.0;
};

// One ring of a polygon: closed implicitly (last point connects to the first). Outer rings run
// counterclockwise in (longitude, latitude), holes clockwise. Longitudes are continuous along a
// ring, so a ring crossing the antimeridian carries longitudes past 180 (Chukotka, Fiji, the
// Aleutians up to about 192); every ring lies within [-180, 540).
using GeoRing = std::vector<LatLonDeg>;

// A polygon: first ring the outer boundary, any further rings holes.
struct GeoPolygon
{
    std::vector<GeoRing> rings;
    QRectF boundsDeg; // x = longitude, y = latitude, in the rings' unwrapped longitudes
};

// A country's land at one level of detail. Territorial alerts use these polygons, so the
// names and codes are kept, not just the outlines.
struct BasemapCountry
{
    QString name;   // English short name, e.g. "Japan"
    QString isoA2;  // ISO 3166-1 alpha-2 where one exists ("JP"), else empty
    // The state the land belongs to: "US" for Guam, "CN" for Hong Kong, else isoA2. Territorial
    // alerts ask this, not isoA2, so a dependency counts as its sovereign's territory.
    QString sovereignIsoA2;
    int isoNumeric = -1;
    std::vector<GeoPolygon> polygons;
    QRectF boundsDeg;
    LatLonDeg labelPoint; // where a name label sits, inside the largest polygon; lon in [-180, 180)
};

// The embedded world basemap: land and country polygons at three levels of detail.
// Loaded once, read-only afterwards, safe to share between threads.
class Basemap
{
public:
    // Parses the compact binary produced by tools/basemap; nullopt and a reason on bad data.
    static std::optional<Basemap> fromData(const QByteArray &data, QString *error = nullptr);
    // The copy compiled into the executable (needs cop_resources linked in).
    static std::optional<Basemap> loadEmbedded(QString *error = nullptr);

    const std::vector<BasemapCountry> &countries(BasemapDetail detail) const;
    // The country whose Fine polygon contains the point, or nullptr (sea).
    const BasemapCountry *countryAt(double latDeg, double lonDeg) const;
    const BasemapCountry *countryByIsoA2(const QString &isoA2, BasemapDetail detail) const;

    // Even-odd test over all rings (holes included); lonDeg in the polygon's frame.
    static bool polygonContains(const GeoPolygon &polygon, double latDeg, double lonDeg);

private:
    std::vector<BasemapCountry> m_levels[3];
};

} // namespace cop
