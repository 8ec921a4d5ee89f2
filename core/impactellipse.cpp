// SPDX-License-Identifier: GPL-3.0-or-later
#include "impactellipse.h"

#include <GeographicLib/AzimuthalEquidistant.hpp>
#include <GeographicLib/Geodesic.hpp>
#include <GeographicLib/GeodesicLine.hpp>

#include <algorithm>
#include <cmath>

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
{
    const int kOutlinePoints = std::max(outlinePoints, 8);
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

    const double azRad = m_majorAzimuthDeg * M_PI / 180.0;
    const double sinAz = std::sin(azRad), cosAz = std::cos(azRad);
    m_outline.reserve(kOutlinePoints);
    double west = centre.lonDeg, east = centre.lonDeg, south = centre.latDeg, north = centre.latDeg;
    for (int i = 0; i < kOutlinePoints; ++i) {
        const double t = 2.0 * M_PI * i / kOutlinePoints;
        const double u = m_semiMajorM * std::cos(t);
        const double v = m_semiMinorM * std::sin(t);
        const double eastM = u * sinAz + v * cosAz;
        const double northM = u * cosAz - v * sinAz;
        double latDeg = 0.0, lonDeg = 0.0, azimuth = 0.0, scale = 0.0;
        azimuthalEquidistant().Reverse(centre.latDeg, centre.lonDeg, eastM, northM, latDeg, lonDeg,
                                       azimuth, scale);
        while (lonDeg - centre.lonDeg > 180.0)
            lonDeg -= 360.0;
        while (lonDeg - centre.lonDeg < -180.0)
            lonDeg += 360.0;
        m_outline.push_back({latDeg, lonDeg});
        west = std::min(west, lonDeg);
        east = std::max(east, lonDeg);
        south = std::min(south, latDeg);
        north = std::max(north, latDeg);
    }
    m_boundsDeg = QRectF(west, south, east - west, north - south);
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

bool ImpactEllipse::meets(const ProtectedArea &area) const
{
    if (area.contains(m_centre.latDeg, m_centre.lonDeg))
        return true;
    for (const LatLonDeg &p : m_outline) {
        if (area.contains(p.latDeg, p.lonDeg))
            return true;
    }
    // An island smaller than the outline spacing, or wholly inside the ellipse.
    for (const double shiftDeg : {0.0, 360.0, -360.0}) {
        const QRectF box = m_boundsDeg.translated(shiftDeg, 0.0);
        for (const GeoPolygon &polygon : area.polygons) {
            const QRectF &pb = polygon.boundsDeg;
            if (pb.left() > box.right() || pb.right() < box.left() || pb.top() > box.bottom()
                || pb.bottom() < box.top())
                continue;
            for (const LatLonDeg &vertex : polygon.rings.front()) {
                if (vertex.lonDeg >= box.left() && vertex.lonDeg <= box.right()
                    && vertex.latDeg >= box.top() && vertex.latDeg <= box.bottom()
                    && contains(vertex.latDeg, vertex.lonDeg))
                    return true;
            }
        }
    }
    return false;
}

std::vector<LatLonDeg> sampleGeodesic(const GeoPosition &from, const GeoPosition &to, double stepM)
{
    const GeographicLib::Geodesic &geodesic = GeographicLib::Geodesic::WGS84();
    const GeographicLib::GeodesicLine line
        = geodesic.InverseLine(from.latDeg, from.lonDeg, to.latDeg, to.lonDeg);
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
