// SPDX-License-Identifier: GPL-3.0-or-later
#include "protectedarea.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace cop {

namespace {

constexpr double kTurnDeg = 360.0;
// Area polygons may carry longitudes past 180 (the basemap's continuous rings); a point is
// tried in each frame a whole turn apart.
constexpr double kLonShiftsDeg[] = {0.0, kTurnDeg, -kTurnDeg};

QRectF ringBounds(const GeoRing &ring)
{
    double west = ring.front().lonDeg, east = west;
    double south = ring.front().latDeg, north = south;
    for (const LatLonDeg &p : ring) {
        west = std::min(west, p.lonDeg);
        east = std::max(east, p.lonDeg);
        south = std::min(south, p.latDeg);
        north = std::max(north, p.latDeg);
    }
    return QRectF(west, south, east - west, north - south);
}

// QRectF::intersects is false for zero-width rectangles; bounds of a point or a line are valid.
bool boxesMeet(const QRectF &a, const QRectF &b)
{
    return a.left() <= b.right() && b.left() <= a.right() && a.top() <= b.bottom()
        && b.top() <= a.bottom();
}

bool boxContains(const QRectF &box, double x, double y)
{
    return x >= box.left() && x <= box.right() && y >= box.top() && y <= box.bottom();
}

std::optional<AlertSeverity> severityFromName(const QString &name)
{
    if (name == QLatin1String("critical"))
        return AlertSeverity::Critical;
    if (name == QLatin1String("warning"))
        return AlertSeverity::Warning;
    if (name == QLatin1String("advisory"))
        return AlertSeverity::Advisory;
    if (name == QLatin1String("info"))
        return AlertSeverity::Info;
    return std::nullopt;
}

std::optional<ProtectedAreaKind> kindFromName(const QString &name)
{
    if (name == QLatin1String("territory"))
        return ProtectedAreaKind::Territory;
    if (name == QLatin1String("eez"))
        return ProtectedAreaKind::Eez;
    if (name == QLatin1String("other") || name.isEmpty())
        return ProtectedAreaKind::Other;
    return std::nullopt;
}

// One GeoJSON linear ring: [[lon, lat], ...], closed by repeating the first position.
bool parseRing(const QJsonValue &value, GeoRing &ring, QString &why)
{
    if (!value.isArray()) {
        why = QStringLiteral("a ring is not an array");
        return false;
    }
    const QJsonArray positions = value.toArray();
    ring.clear();
    ring.reserve(static_cast<std::size_t>(positions.size()));
    double previousLonDeg = 0.0;
    for (const QJsonValue &position : positions) {
        const QJsonArray pair = position.toArray();
        if (pair.size() < 2 || !pair.at(0).isDouble() || !pair.at(1).isDouble()) {
            why = QStringLiteral("a position is not [longitude, latitude]");
            return false;
        }
        const double lonDeg = pair.at(0).toDouble();
        const double latDeg = pair.at(1).toDouble();
        if (!std::isfinite(lonDeg) || !std::isfinite(latDeg) || latDeg < -90.0 || latDeg > 90.0
            || lonDeg < -540.0 || lonDeg > 540.0) {
            why = QStringLiteral("position out of range: %1, %2").arg(lonDeg).arg(latDeg);
            return false;
        }
        // Keep longitudes continuous along the ring, as the basemap does, so a ring that
        // crosses the antimeridian is not read as one that goes round the world.
        double continuousLonDeg = lonDeg;
        if (!ring.empty()) {
            while (continuousLonDeg - previousLonDeg > 180.0)
                continuousLonDeg -= kTurnDeg;
            while (continuousLonDeg - previousLonDeg < -180.0)
                continuousLonDeg += kTurnDeg;
        }
        previousLonDeg = continuousLonDeg;
        ring.push_back({latDeg, continuousLonDeg});
    }
    if (ring.size() >= 2 && ring.front().latDeg == ring.back().latDeg
        && ring.front().lonDeg == ring.back().lonDeg)
        ring.pop_back();
    if (ring.size() < 3) {
        why = QStringLiteral("a ring has fewer than three distinct positions");
        return false;
    }
    return true;
}

bool parsePolygon(const QJsonValue &value, GeoPolygon &polygon, QString &why)
{
    if (!value.isArray() || value.toArray().isEmpty()) {
        why = QStringLiteral("a polygon has no rings");
        return false;
    }
    polygon.rings.clear();
    for (const QJsonValue &ringValue : value.toArray()) {
        GeoRing ring;
        if (!parseRing(ringValue, ring, why))
            return false;
        polygon.rings.push_back(std::move(ring));
    }
    polygon.boundsDeg = ringBounds(polygon.rings.front());
    return true;
}

QRectF unionBounds(const std::vector<GeoPolygon> &polygons)
{
    QRectF bounds = polygons.front().boundsDeg;
    for (const GeoPolygon &polygon : polygons) {
        const double west = std::min(bounds.left(), polygon.boundsDeg.left());
        const double east = std::max(bounds.right(), polygon.boundsDeg.right());
        const double south = std::min(bounds.top(), polygon.boundsDeg.top());
        const double north = std::max(bounds.bottom(), polygon.boundsDeg.bottom());
        bounds = QRectF(west, south, east - west, north - south);
    }
    return bounds;
}

std::optional<ProtectedArea> parseFeature(const QJsonObject &feature, int index,
                                          const QString &origin, QString &why)
{
    const QJsonObject geometry = feature.value(QLatin1String("geometry")).toObject();
    const QJsonObject properties = feature.value(QLatin1String("properties")).toObject();
    const QString type = geometry.value(QLatin1String("type")).toString();
    ProtectedArea area;
    if (type == QLatin1String("Polygon")) {
        GeoPolygon polygon;
        if (!parsePolygon(geometry.value(QLatin1String("coordinates")), polygon, why))
            return std::nullopt;
        area.polygons.push_back(std::move(polygon));
    } else if (type == QLatin1String("MultiPolygon")) {
        for (const QJsonValue &value : geometry.value(QLatin1String("coordinates")).toArray()) {
            GeoPolygon polygon;
            if (!parsePolygon(value, polygon, why))
                return std::nullopt;
            area.polygons.push_back(std::move(polygon));
        }
        if (area.polygons.empty()) {
            why = QStringLiteral("empty MultiPolygon");
            return std::nullopt;
        }
    } else {
        why = type.isEmpty()
            ? QStringLiteral("no geometry")
            : QStringLiteral("geometry %1 is not a Polygon or MultiPolygon").arg(type);
        return std::nullopt;
    }
    area.boundsDeg = unionBounds(area.polygons);

    const QString kindName = properties.value(QLatin1String("kind")).toString();
    const auto kind = kindFromName(kindName);
    if (!kind) {
        why = QStringLiteral("unknown kind '%1'").arg(kindName);
        return std::nullopt;
    }
    area.kind = *kind;
    area.severity
        = area.kind == ProtectedAreaKind::Eez ? AlertSeverity::Warning : AlertSeverity::Critical;
    if (properties.contains(QLatin1String("severity"))) {
        const QString severityName = properties.value(QLatin1String("severity")).toString();
        const auto severity = severityFromName(severityName);
        if (!severity) {
            why = QStringLiteral("unknown severity '%1'").arg(severityName);
            return std::nullopt;
        }
        area.severity = *severity;
    }
    if (properties.contains(QLatin1String("nation"))) {
        const QString code = properties.value(QLatin1String("nation")).toString();
        area.nation = nationFromCode(code.toStdString());
        if (!area.nation) {
            why = QStringLiteral("unknown nation '%1' (JP, US or KR)").arg(code);
            return std::nullopt;
        }
    }
    area.name = properties.value(QLatin1String("name")).toString();
    if (area.name.isEmpty())
        area.name = QStringLiteral("%1 area %2").arg(origin).arg(index + 1);
    const QString id = properties.value(QLatin1String("id")).toString();
    area.id
        = (id.isEmpty() ? QStringLiteral("%1:%2").arg(origin).arg(index + 1) : id).toStdString();
    return area;
}

} // namespace

QString protectedAreaKindName(ProtectedAreaKind kind)
{
    switch (kind) {
    case ProtectedAreaKind::Territory:
        return QStringLiteral("territory");
    case ProtectedAreaKind::Eez:
        return QStringLiteral("EEZ");
    case ProtectedAreaKind::Other:
        return QStringLiteral("area");
    }
    return QStringLiteral("area");
}

namespace {

// Even-odd crossing test over the edges of one band, a ray running east from the point; the
// same rule as Basemap::polygonContains.
bool bandContains(const ProtectedArea::PolygonIndex &index, double latDeg, double lonDeg)
{
    const auto band = static_cast<std::ptrdiff_t>((latDeg - index.southDeg) / index.bandDeg);
    if (band < 0 || band >= static_cast<std::ptrdiff_t>(index.bands.size()))
        return false;
    bool inside = false;
    for (const ProtectedArea::Edge &e : index.bands[static_cast<std::size_t>(band)]) {
        if ((e.lat1Deg > latDeg) != (e.lat2Deg > latDeg)
            && lonDeg < (e.lon2Deg - e.lon1Deg) * (latDeg - e.lat1Deg) / (e.lat2Deg - e.lat1Deg)
                    + e.lon1Deg)
            inside = !inside;
    }
    return inside;
}

} // namespace

bool ProtectedArea::contains(double latDeg, double lonDeg) const
{
    for (const double shiftDeg : kLonShiftsDeg) {
        const double lon = lonDeg + shiftDeg;
        if (!boxContains(boundsDeg, lon, latDeg))
            continue;
        const auto test = [&](std::size_t i) {
            const GeoPolygon &polygon = polygons[i];
            if (!boxContains(polygon.boundsDeg, lon, latDeg))
                return false;
            return index ? bandContains((*index)[i], latDeg, lon)
                         : Basemap::polygonContains(polygon, latDeg, lon);
        };
        if (grid) {
            const int column = std::clamp(static_cast<int>((lon - grid->westDeg) / grid->cellDeg),
                                          0, grid->columns - 1);
            const int row = std::clamp(static_cast<int>((latDeg - grid->southDeg) / grid->cellDeg),
                                       0, grid->rows - 1);
            for (const std::uint32_t i :
                 grid->cells[static_cast<std::size_t>(row) * static_cast<std::size_t>(grid->columns)
                             + static_cast<std::size_t>(column)]) {
                if (test(i))
                    return true;
            }
            continue;
        }
        for (std::size_t i = 0; i < polygons.size(); ++i) {
            if (test(i))
                return true;
        }
    }
    return false;
}

void ProtectedArea::buildIndex()
{
    // About eight edges per band: a point test then reads a handful of edges.
    constexpr std::size_t kEdgesPerBand = 8;
    constexpr std::size_t kMaxBands = 4096;
    auto built = std::make_shared<std::vector<PolygonIndex>>();
    built->reserve(polygons.size());
    for (const GeoPolygon &polygon : polygons) {
        PolygonIndex polygonIndex;
        std::size_t edgeCount = 0;
        for (const GeoRing &ring : polygon.rings)
            edgeCount += ring.size();
        const std::size_t bandCount
            = std::clamp<std::size_t>(edgeCount / kEdgesPerBand, 1, kMaxBands);
        const double heightDeg = std::max(polygon.boundsDeg.height(), 1e-9);
        polygonIndex.southDeg = polygon.boundsDeg.top();
        polygonIndex.bandDeg = heightDeg / static_cast<double>(bandCount);
        polygonIndex.bands.resize(bandCount);
        for (const GeoRing &ring : polygon.rings) {
            for (std::size_t j = 0, k = ring.size() - 1; j < ring.size(); k = j++) {
                const Edge edge {ring[k].latDeg, ring[k].lonDeg, ring[j].latDeg, ring[j].lonDeg};
                const double south = std::min(edge.lat1Deg, edge.lat2Deg);
                const double north = std::max(edge.lat1Deg, edge.lat2Deg);
                const auto first = static_cast<std::size_t>(
                    std::clamp((south - polygonIndex.southDeg) / polygonIndex.bandDeg, 0.0,
                               static_cast<double>(bandCount - 1)));
                const auto last = static_cast<std::size_t>(
                    std::clamp((north - polygonIndex.southDeg) / polygonIndex.bandDeg, 0.0,
                               static_cast<double>(bandCount - 1)));
                for (std::size_t b = first; b <= last; ++b)
                    polygonIndex.bands[b].push_back(edge);
            }
        }
        built->push_back(std::move(polygonIndex));
    }
    index = std::move(built);

    // A grid of about a degree, coarser for areas spanning much of the globe.
    auto cells = std::make_shared<PolygonGrid>();
    const double spanDeg = std::max(boundsDeg.width(), boundsDeg.height());
    cells->cellDeg = std::max(1.0, spanDeg / 256.0);
    cells->westDeg = boundsDeg.left();
    cells->southDeg = boundsDeg.top();
    cells->columns = std::max(1, static_cast<int>(std::ceil(boundsDeg.width() / cells->cellDeg)));
    cells->rows = std::max(1, static_cast<int>(std::ceil(boundsDeg.height() / cells->cellDeg)));
    cells->cells.resize(static_cast<std::size_t>(cells->columns)
                        * static_cast<std::size_t>(cells->rows));
    const auto cellOf = [&](double value, double origin, int count) {
        return std::clamp(static_cast<int>((value - origin) / cells->cellDeg), 0, count - 1);
    };
    for (std::size_t i = 0; i < polygons.size(); ++i) {
        const QRectF &b = polygons[i].boundsDeg;
        for (int row = cellOf(b.top(), cells->southDeg, cells->rows);
             row <= cellOf(b.bottom(), cells->southDeg, cells->rows); ++row) {
            for (int column = cellOf(b.left(), cells->westDeg, cells->columns);
                 column <= cellOf(b.right(), cells->westDeg, cells->columns); ++column)
                cells
                    ->cells[static_cast<std::size_t>(row) * static_cast<std::size_t>(cells->columns)
                            + static_cast<std::size_t>(column)]
                    .push_back(static_cast<std::uint32_t>(i));
        }
    }
    grid = std::move(cells);

    // Cells of about a quarter of a degree (an impact ellipse worth evaluating spans a few),
    // coarser for areas spanning much of the globe.
    auto edges = std::make_shared<EdgeGrid>();
    edges->cellDeg = std::max(0.25, spanDeg / 512.0);
    edges->westDeg = boundsDeg.left();
    edges->southDeg = boundsDeg.top();
    edges->columns
        = std::max(1, static_cast<int>(std::ceil(boundsDeg.width() / edges->cellDeg)));
    edges->rows = std::max(1, static_cast<int>(std::ceil(boundsDeg.height() / edges->cellDeg)));
    edges->cells.resize(static_cast<std::size_t>(edges->columns)
                        * static_cast<std::size_t>(edges->rows));
    const auto edgeCellOf = [&](double value, double origin, int count) {
        return std::clamp(static_cast<int>(std::floor((value - origin) / edges->cellDeg)), 0,
                          count - 1);
    };
    for (const GeoPolygon &polygon : polygons) {
        for (const GeoRing &ring : polygon.rings) {
            for (std::size_t j = 0, k = ring.size() - 1; j < ring.size(); k = j++) {
                const Edge edge {ring[k].latDeg, ring[k].lonDeg, ring[j].latDeg, ring[j].lonDeg};
                const int row0 = edgeCellOf(std::min(edge.lat1Deg, edge.lat2Deg), edges->southDeg,
                                            edges->rows);
                const int row1 = edgeCellOf(std::max(edge.lat1Deg, edge.lat2Deg), edges->southDeg,
                                            edges->rows);
                const int column0 = edgeCellOf(std::min(edge.lon1Deg, edge.lon2Deg),
                                               edges->westDeg, edges->columns);
                const int column1 = edgeCellOf(std::max(edge.lon1Deg, edge.lon2Deg),
                                               edges->westDeg, edges->columns);
                for (int row = row0; row <= row1; ++row) {
                    for (int column = column0; column <= column1; ++column)
                        edges
                            ->cells[static_cast<std::size_t>(row)
                                        * static_cast<std::size_t>(edges->columns)
                                    + static_cast<std::size_t>(column)]
                            .push_back(edge);
                }
            }
        }
    }
    edgeGrid = std::move(edges);
}

AreaLoadResult loadAreasFromGeoJson(const QByteArray &json, const QString &origin)
{
    AreaLoadResult result;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.errors.append(QStringLiteral("%1: not JSON: %2 at offset %3")
                                 .arg(origin, parseError.errorString())
                                 .arg(parseError.offset));
        return result;
    }
    const QJsonObject root = document.object();
    QJsonArray features;
    const QString rootType = root.value(QLatin1String("type")).toString();
    if (rootType == QLatin1String("FeatureCollection")) {
        features = root.value(QLatin1String("features")).toArray();
    } else if (rootType == QLatin1String("Feature")) {
        features.append(root);
    } else {
        result.errors.append(
            QStringLiteral("%1: expected a GeoJSON FeatureCollection or Feature").arg(origin));
        return result;
    }
    for (int i = 0; i < features.size(); ++i) {
        ++result.featuresRead;
        QString why;
        auto area = parseFeature(features.at(i).toObject(), i, origin, why);
        if (area) {
            result.areas.push_back(std::move(*area));
        } else {
            ++result.featuresRefused;
            result.errors.append(
                QStringLiteral("%1: feature %2 refused: %3").arg(origin).arg(i + 1).arg(why));
        }
    }
    return result;
}

AreaLoadResult loadAreasFromGeoJsonFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        AreaLoadResult result;
        result.errors.append(QStringLiteral("%1: cannot open: %2").arg(path, file.errorString()));
        return result;
    }
    return loadAreasFromGeoJson(file.readAll(), path);
}

AreaLoadResult loadEmbeddedEezAreas()
{
    return loadAreasFromGeoJsonFile(QStringLiteral(":/areas/eez-approx.geojson"));
}

std::vector<ProtectedArea> territoryAreas(const Basemap &basemap, Nation nation)
{
    const QString code = QString::fromLatin1(nationCode(nation));
    std::vector<ProtectedArea> areas;
    for (const BasemapCountry &country : basemap.countries(BasemapDetail::Fine)) {
        if (country.sovereignIsoA2 != code || country.polygons.empty())
            continue;
        ProtectedArea area;
        const QString key = country.isoA2.isEmpty() ? country.name : country.isoA2;
        area.id = QStringLiteral("territory:%1").arg(key).toStdString();
        area.name = country.name;
        area.nation = nation;
        area.kind = ProtectedAreaKind::Territory;
        area.severity = AlertSeverity::Critical;
        area.polygons = country.polygons;
        area.boundsDeg = unionBounds(area.polygons);
        areas.push_back(std::move(area));
    }
    return areas;
}

ProtectedAreaSet::ProtectedAreaSet(std::vector<ProtectedArea> areas)
    : m_areas(std::move(areas))
{ }

ProtectedAreaSet ProtectedAreaSet::standard(const Basemap &basemap,
                                            const std::vector<Nation> &nations, QStringList *errors)
{
    ProtectedAreaSet set;
    for (const Nation nation : nations) {
        for (ProtectedArea &area : territoryAreas(basemap, nation))
            set.add(std::move(area));
    }
    AreaLoadResult eez = loadEmbeddedEezAreas();
    if (errors)
        *errors += eez.errors;
    for (ProtectedArea &area : eez.areas) {
        if (area.nation && std::find(nations.begin(), nations.end(), *area.nation) != nations.end())
            set.add(std::move(area));
    }
    return set;
}

void ProtectedAreaSet::add(ProtectedArea area)
{
    if (!area.index)
        area.buildIndex();
    m_areas.push_back(std::move(area));
}

const ProtectedArea *ProtectedAreaSet::find(const std::string &id) const
{
    for (const ProtectedArea &area : m_areas) {
        if (area.id == id)
            return &area;
    }
    return nullptr;
}

std::vector<std::size_t> ProtectedAreaSet::candidates(double southLatDeg, double westLonDeg,
                                                      double northLatDeg, double eastLonDeg) const
{
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < m_areas.size(); ++i) {
        for (const double shiftDeg : kLonShiftsDeg) {
            const QRectF box(westLonDeg + shiftDeg, southLatDeg, eastLonDeg - westLonDeg,
                             northLatDeg - southLatDeg);
            if (boxesMeet(box, m_areas[i].boundsDeg)) {
                out.push_back(i);
                break;
            }
        }
    }
    return out;
}

} // namespace cop
