// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/ecef.h"

#include <GeographicLib/Geocentric.hpp>

#include <numbers>

namespace cop {

Vec3 toEcef(const GeoPosition &position)
{
    Vec3 r;
    GeographicLib::Geocentric::WGS84().Forward(position.latDeg, position.lonDeg,
                                               position.altitudeM, r.x, r.y, r.z);
    return r;
}

GeoPosition toGeodetic(const Vec3 &ecefM)
{
    GeoPosition position;
    GeographicLib::Geocentric::WGS84().Reverse(ecefM.x, ecefM.y, ecefM.z, position.latDeg,
                                               position.lonDeg, position.altitudeM);
    return position;
}

GeoPosition toGeodetic(const Vec3 &ecefM, EnuFrame &frame)
{
    const GeoPosition position = toGeodetic(ecefM);
    frame = enuFrameAt(position.latDeg, position.lonDeg);
    return position;
}

// The ENU axes depend only on geodetic latitude and longitude (the up axis is the ellipsoid
// normal), so they are written out rather than taken from GeographicLib's heap-allocated matrix.
EnuFrame enuFrameAt(double latDeg, double lonDeg)
{
    constexpr double kRadPerDeg = std::numbers::pi / 180.0;
    const double sinLat = std::sin(latDeg * kRadPerDeg);
    const double cosLat = std::cos(latDeg * kRadPerDeg);
    const double sinLon = std::sin(lonDeg * kRadPerDeg);
    const double cosLon = std::cos(lonDeg * kRadPerDeg);
    return {{-sinLon, cosLon, 0.0},
            {-sinLat * cosLon, -sinLat * sinLon, cosLat},
            {cosLat * cosLon, cosLat * sinLon, sinLat}};
}

} // namespace cop
