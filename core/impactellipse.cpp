// SPDX-License-Identifier: GPL-3.0-or-later
#include "impactellipse.h"

#include <GeographicLib/AzimuthalEquidistant.hpp>
#include <GeographicLib/Geodesic.hpp>
#include <GeographicLib/GeodesicLine.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace cop {

namespace {

// A prediction with no stated uncertainty is still a point, not nothing.
constexpr double kMinSemiAxisM = 1.0;

const GeographicLib::AzimuthalEquidistant &azimuthalEquidistant()
{
    static const GeographicLib::AzimuthalEquidistant projection(GeographicLib::Geodesic::WGS84());
    return projection;
}

} // namespace

ImpactEllipse::ImpactEllipse(const GeoPosition &centre, const EnuCovariance2 &c, double k,
                             int outlinePoints)
    : m_centre(centre)
    , m_outlinePoints(std::max(outlinePoints, 8))
{
    // Eigen-decomposition of the symmetric 2×2 covariance.
    const double mean = 0.5 * (c.ee + c.nn);
    const double radius = std::hypot(0.5 * (c.ee - c.nn), c.en);
    const double majorVariance = std::max(mean + radius, 0.0);
    const double minorVariance = std::max(mean - radius, 0.0);
    m_semiMajorM = std::max(std::sqrt(k * majorVariance), kMinSemiAxisM);
    m_semiMinorM = std::max(std::sqrt(k * minorVariance), kMinSemiAxisM);
    const double majorFromEastRad = 0.5 * std::atan2(2.0 * c.en, c.ee - c.nn);
    m_majorAzimuthDeg
        = std::atan2(std::cos(majorFromEastRad), std::sin(majorFromEastRad)) * 180.0 / M_PI;
}

const std::vector<LatLonDeg> &ImpactEllipse::outline() const
{
    buildOutline();
    return m_outline;
}

const QRectF &ImpactEllipse::boundsDeg() const
{
    buildOutline();
    return m_boundsDeg;
}

void ImpactEllipse::buildOutline() const
{
    if (m_outlineBuilt)
        return;
    m_outlineBuilt = true;
    const double azRad = m_majorAzimuthDeg * M_PI / 180.0;
    const double sinAz = std::sin(azRad), cosAz = std::cos(azRad);
    m_outline.reserve(static_cast<std::size_t>(m_outlinePoints));
    double west = m_centre.lonDeg, east = m_centre.lonDeg;
    double south = m_centre.latDeg, north = m_centre.latDeg;
    for (int i = 0; i < m_outlinePoints; ++i) {
        const double t = 2.0 * M_PI * i / m_outlinePoints;
        const double u = m_semiMajorM * std::cos(t);
        const double v = m_semiMinorM * std::sin(t);
        const double eastM = u * sinAz + v * cosAz;
        const double northM = u * cosAz - v * sinAz;
        double latDeg = 0.0, lonDeg = 0.0, azimuth = 0.0, scale = 0.0;
        azimuthalEquidistant().Reverse(m_centre.latDeg, m_centre.lonDeg, eastM, northM, latDeg,
                                       lonDeg, azimuth, scale);
        while (lonDeg - m_centre.lonDeg > 180.0)
            lonDeg -= 360.0;
        while (lonDeg - m_centre.lonDeg < -180.0)
            lonDeg += 360.0;
        m_outline.push_back({latDeg, lonDeg});
        west = std::min(west, lonDeg);
        east = std::max(east, lonDeg);
        south = std::min(south, latDeg);
        north = std::max(north, latDeg);
    }
    m_boundsDeg = QRectF(west, south, east - west, north - south);
}

QRectF ImpactEllipse::reachBoundsDeg() const
{
    // No point of the ellipse is further than the semi-major axis from the centre (distance in
    // the azimuthal equidistant plane is geodesic distance). Along a meridian a metre is at
    // most 1 / (a (1 - e²)) radians of latitude; along any path, at most 1 / (a cos φ) radians
    // of longitude, φ the highest latitude reachable. A thousandth of margin on both.
    constexpr double kMinMeridionalRadiusM = 6'335'439.0; // WGS-84 a (1 - e²)
    constexpr double kEquatorialRadiusM = 6'378'137.0;
    constexpr double kDeg = 180.0 / M_PI;
    const double reachM = m_semiMajorM * 1.001 + 1.0;
    const double dLatDeg = reachM / kMinMeridionalRadiusM * kDeg;
    const double south = m_centre.latDeg - dLatDeg;
    const double north = m_centre.latDeg + dLatDeg;
    const double highestLatDeg = std::max(std::abs(south), std::abs(north));
    double dLonDeg = 180.0;
    if (highestLatDeg < 89.0) {
        dLonDeg = std::min(
            180.0, reachM / (kEquatorialRadiusM * std::cos(highestLatDeg / kDeg)) * kDeg);
    }
    return QRectF(m_centre.lonDeg - dLonDeg, std::max(south, -90.0), 2.0 * dLonDeg,
                  std::min(north, 90.0) - std::max(south, -90.0));
}

bool ImpactEllipse::contains(double latDeg, double lonDeg) const
{
    double eastM = 0.0, northM = 0.0, azimuth = 0.0, scale = 0.0;
    azimuthalEquidistant().Forward(m_centre.latDeg, m_centre.lonDeg, latDeg, lonDeg, eastM, northM,
                                   azimuth, scale);
    const double azRad = m_majorAzimuthDeg * M_PI / 180.0;
    const double u = eastM * std::sin(azRad) + northM * std::cos(azRad);
    const double v = eastM * std::cos(azRad) - northM * std::sin(azRad);
    const double a = u / m_semiMajorM, b = v / m_semiMinorM;
    return a * a + b * b <= 1.0;
}

bool ImpactEllipse::meetsBruteForce(const ProtectedArea &area) const
{
    const auto inArea = [&area](double latDeg, double lonDeg) {
        for (const double shiftDeg : {0.0, 360.0, -360.0}) {
            for (const GeoPolygon &polygon : area.polygons) {
                if (Basemap::polygonContains(polygon, latDeg, lonDeg + shiftDeg))
                    return true;
            }
        }
        return false;
    };
    if (inArea(m_centre.latDeg, m_centre.lonDeg))
        return true;
    for (const LatLonDeg &p : outline()) {
        if (inArea(p.latDeg, p.lonDeg))
            return true;
    }
    for (const GeoPolygon &polygon : area.polygons) {
        for (const LatLonDeg &vertex : polygon.rings.front()) {
            if (contains(vertex.latDeg, vertex.lonDeg))
                return true;
        }
    }
    return false;
}

namespace {

// Local flat frame around a point, in metres, scaled so that distances in it are never more
// than about 0.5% above the geodesic distance within a few hundred kilometres: east scaled
// by the cosine of the highest latitude in reach, north by the smallest meridional radius.
struct LocalFrame
{
    double lat0Deg, lon0Deg, metresPerDegEast, metresPerDegNorth;

    void toLocal(double latDeg, double lonDeg, double &x, double &y) const
    {
        x = (lonDeg - lon0Deg) * metresPerDegEast;
        y = (latDeg - lat0Deg) * metresPerDegNorth;
    }
};

// The ellipse drawn in a flat frame at the centre (the local radii of curvature), grown by a
// tenth of the semi-major axis and a kilometre on both axes: within 200 km of the centre and
// away from the poles the azimuthal equidistant plane departs from that frame by a few percent
// of the distance, far less than the growth, so a point or an edge outside the grown ellipse
// is outside the ellipse. Coordinates are scaled so that the grown ellipse is the unit circle.
struct GrownEllipse
{
    bool usable = false;
    double lat0Deg = 0.0, lon0Deg = 0.0, eastPerDeg = 0.0, northPerDeg = 0.0;
    double sinAz = 0.0, cosAz = 0.0, a = 1.0, b = 1.0;

    GrownEllipse(const GeoPosition &centre, double semiMajorM, double semiMinorM, double azDeg)
    {
        constexpr double kMaxSemiMajorM = 200'000.0;
        constexpr double kMaxLatDeg = 70.0;
        if (semiMajorM > kMaxSemiMajorM || std::abs(centre.latDeg) > kMaxLatDeg)
            return;
        constexpr double kA = 6'378'137.0, kE2 = 0.00669437999014;
        constexpr double kDegToRad = M_PI / 180.0;
        const double sinLat = std::sin(centre.latDeg * kDegToRad);
        const double w = std::sqrt(1.0 - kE2 * sinLat * sinLat);
        usable = true;
        lat0Deg = centre.latDeg;
        lon0Deg = centre.lonDeg;
        eastPerDeg = kA / w * std::cos(centre.latDeg * kDegToRad) * kDegToRad;
        northPerDeg = kA * (1.0 - kE2) / (w * w * w) * kDegToRad;
        sinAz = std::sin(azDeg * kDegToRad);
        cosAz = std::cos(azDeg * kDegToRad);
        a = semiMajorM * 1.1 + 1'000.0;
        b = semiMinorM + 0.1 * semiMajorM + 1'000.0;
    }
    void toUnit(double latDeg, double lonDeg, double &p, double &q) const
    {
        const double x = (lonDeg - lon0Deg) * eastPerDeg;
        const double y = (latDeg - lat0Deg) * northPerDeg;
        p = (x * sinAz + y * cosAz) / a;
        q = (x * cosAz - y * sinAz) / b;
    }
};

double segmentDistance(double px, double py, double ax, double ay, double bx, double by)
{
    const double dx = bx - ax, dy = by - ay;
    const double lengthSq = dx * dx + dy * dy;
    double t = lengthSq > 0.0 ? ((px - ax) * dx + (py - ay) * dy) / lengthSq : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    return std::hypot(px - (ax + t * dx), py - (ay + t * dy));
}

} // namespace

bool ImpactEllipse::meets(const ProtectedArea &area) const
{
    if (!area.edgeGrid)
        return meetsBruteForce(area);
    const QRectF reach = reachBoundsDeg();
    // Beyond its bounds in every frame: no point of the ellipse can be in the area.
    bool near = false;
    for (const double shiftDeg : {0.0, 360.0, -360.0}) {
        const QRectF box = reach.translated(shiftDeg, 0.0);
        near = near
            || (box.left() <= area.boundsDeg.right() && area.boundsDeg.left() <= box.right()
                && box.top() <= area.boundsDeg.bottom() && area.boundsDeg.top() <= box.bottom());
    }
    if (!near)
        return false;
    if (area.contains(m_centre.latDeg, m_centre.lonDeg))
        return true;

    // The centre is outside. Unless some edge of the area comes within reach of the centre,
    // the whole ellipse is on the centre's side of the boundary: outside. The flat distance is
    // a lower bound on the geodesic one only within a few hundred kilometres, with margin.
    constexpr double kFlatReachLimitM = 600'000.0;
    constexpr double kMargin = 0.97;
    constexpr double kDegToRad = M_PI / 180.0;
    const double reachM = m_semiMajorM;
    const double highestLatDeg = std::min(
        89.0, std::max(std::abs(reach.top()), std::abs(reach.bottom())));
    const LocalFrame frame {m_centre.latDeg, m_centre.lonDeg,
                            6'378'137.0 * std::cos(highestLatDeg * kDegToRad) * kDegToRad,
                            6'335'439.0 * kDegToRad};
    const GrownEllipse grown(m_centre, m_semiMajorM, m_semiMinorM, m_majorAzimuthDeg);
    bool edgeWithinReach = false;
    for (const double shiftDeg : {0.0, 360.0, -360.0}) {
        const QRectF box = reach.translated(shiftDeg, 0.0);
        area.forEachEdgeNear(box, [&](const ProtectedArea::Edge &e) {
            if (m_semiMajorM > kFlatReachLimitM) {
                edgeWithinReach = true; // too far for the flat bound: do it properly
                return false;
            }
            double ax, ay, bx, by;
            frame.toLocal(e.lat1Deg, e.lon1Deg - shiftDeg, ax, ay);
            frame.toLocal(e.lat2Deg, e.lon2Deg - shiftDeg, bx, by);
            if (segmentDistance(0.0, 0.0, ax, ay, bx, by) * kMargin > reachM + 1.0)
                return true;
            if (grown.usable) {
                grown.toUnit(e.lat1Deg, e.lon1Deg - shiftDeg, ax, ay);
                grown.toUnit(e.lat2Deg, e.lon2Deg - shiftDeg, bx, by);
                if (segmentDistance(0.0, 0.0, ax, ay, bx, by) > 1.0)
                    return true;
            }
            edgeWithinReach = true;
            return false;
        });
        if (edgeWithinReach)
            break;
    }
    if (!edgeWithinReach)
        return false;

    // A vertex of an outer ring inside the ellipse: those beyond reach by flat distance are
    // skipped, the rest get the exact test. Only polygons filed in cells the box touches.
    const double innerM = m_semiMinorM * 0.999;
    // Largest radius of curvature on WGS-84 (at the poles) over the frame's smallest ones.
    const double lowestLatDeg = reach.top() <= 0.0 && reach.bottom() >= 0.0
        ? 0.0
        : std::min(std::abs(reach.top()), std::abs(reach.bottom()));
    const double eastRatio = 6'399'594.0 * std::cos(lowestLatDeg * kDegToRad)
        / (6'378'137.0 * std::cos(highestLatDeg * kDegToRad));
    const double northRatio = 6'399'594.0 / 6'335'439.0;
    const double upperScaleSq = std::max(eastRatio * eastRatio, northRatio * northRatio) * 1.001;
    std::vector<std::uint32_t> nearby;
    for (const double shiftDeg : {0.0, 360.0, -360.0}) {
        const QRectF box = reach.translated(shiftDeg, 0.0);
        if (!(box.left() <= area.boundsDeg.right() && area.boundsDeg.left() <= box.right()
              && box.top() <= area.boundsDeg.bottom() && area.boundsDeg.top() <= box.bottom()))
            continue;
        nearby.clear();
        if (area.grid) {
            const ProtectedArea::PolygonGrid &g = *area.grid;
            const auto cellOf = [&g](double value, double origin, int count) {
                return std::clamp(static_cast<int>((value - origin) / g.cellDeg), 0, count - 1);
            };
            const int row1 = cellOf(box.bottom(), g.southDeg, g.rows);
            const int column0 = cellOf(box.left(), g.westDeg, g.columns);
            const int column1 = cellOf(box.right(), g.westDeg, g.columns);
            for (int row = cellOf(box.top(), g.southDeg, g.rows); row <= row1; ++row) {
                for (int column = column0; column <= column1; ++column) {
                    const auto &cell = g.cells[static_cast<std::size_t>(row * g.columns + column)];
                    nearby.insert(nearby.end(), cell.begin(), cell.end());
                }
            }
            std::sort(nearby.begin(), nearby.end());
            nearby.erase(std::unique(nearby.begin(), nearby.end()), nearby.end());
        } else {
            for (std::size_t i = 0; i < area.polygons.size(); ++i)
                nearby.push_back(static_cast<std::uint32_t>(i));
        }
        for (const std::uint32_t index : nearby) {
            const GeoPolygon &polygon = area.polygons[index];
            const QRectF &pb = polygon.boundsDeg;
            if (pb.left() > box.right() || pb.right() < box.left() || pb.top() > box.bottom()
                || pb.bottom() < box.top())
                continue;
            for (const LatLonDeg &vertex : polygon.rings.front()) {
                if (vertex.lonDeg < box.left() || vertex.lonDeg > box.right()
                    || vertex.latDeg < box.top() || vertex.latDeg > box.bottom())
                    continue;
                if (m_semiMajorM <= kFlatReachLimitM) {
                    double x, y;
                    frame.toLocal(vertex.latDeg, vertex.lonDeg - shiftDeg, x, y);
                    const double flatSq = x * x + y * y;
                    if (flatSq * kMargin * kMargin > (reachM + 1.0) * (reachM + 1.0))
                        continue;
                    // Within the inscribed circle by an upper bound on the distance (the path
                    // straight in latitude and longitude, at the largest radii of curvature):
                    // inside the ellipse with no geodesic problem.
                    if (flatSq * upperScaleSq < innerM * innerM)
                        return true;
                }
                if (grown.usable) {
                    double p, q;
                    grown.toUnit(vertex.latDeg, vertex.lonDeg - shiftDeg, p, q);
                    if (p * p + q * q > 1.0)
                        continue;
                }
                if (contains(vertex.latDeg, vertex.lonDeg))
                    return true;
            }
        }
    }
    // Last, the outline: the costly part, needed only near the boundary.
    for (const LatLonDeg &p : outline()) {
        if (area.contains(p.latDeg, p.lonDeg))
            return true;
    }
    return false;
}

std::vector<LatLonDeg> sampleGeodesic(const GeoPosition &from, const GeoPosition &to, double stepM)
{
    const GeographicLib::Geodesic &geodesic = GeographicLib::Geodesic::WGS84();
    const GeographicLib::GeodesicLine line
        = geodesic.InverseLine(from.latDeg, from.lonDeg, to.latDeg, to.lonDeg,
                               GeographicLib::Geodesic::LATITUDE | GeographicLib::Geodesic::LONGITUDE
                                   | GeographicLib::Geodesic::DISTANCE_IN);
    const double lengthM = line.Distance();
    const int steps = std::max(1, static_cast<int>(std::ceil(lengthM / std::max(stepM, 1.0))));
    std::vector<LatLonDeg> points;
    points.reserve(static_cast<std::size_t>(steps) + 1);
    for (int i = 0; i <= steps; ++i) {
        double latDeg = 0.0, lonDeg = 0.0;
        line.Position(lengthM * i / steps, latDeg, lonDeg);
        points.push_back({latDeg, lonDeg});
    }
    return points;
}

} // namespace cop
