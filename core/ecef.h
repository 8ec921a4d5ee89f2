// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/geo.h"
#include "core/vec3.h"

namespace cop {

// Conversions between WGS-84 geodetic positions and Earth-centred, Earth-fixed Cartesian
// coordinates, and the local east/north/up frame at a point. The simulator does its dynamics in
// ECEF and reports in geodetic/ENU, like the feed.

// Unit vectors of the local east/north/up frame at a point, expressed in ECEF.
struct EnuFrame
{
    Vec3 east;
    Vec3 north;
    Vec3 up;

    Vec3 toEnu(const Vec3 &ecef) const { return {dot(ecef, east), dot(ecef, north), dot(ecef, up)}; }
    Vec3 toEcef(const Vec3 &enu) const { return enu.x * east + enu.y * north + enu.z * up; }
};

Vec3 toEcef(const GeoPosition &position);
GeoPosition toGeodetic(const Vec3 &ecefM);
// Geodetic position and the ENU frame there, from one conversion.
GeoPosition toGeodetic(const Vec3 &ecefM, EnuFrame &frame);
EnuFrame enuFrameAt(double latDeg, double lonDeg);

// Earth's gravitational constant including the atmosphere, WGS-84 (NIMA TR8350.2), m^3/s^2.
inline constexpr double kEarthGmM3PerS2 = 3.986004418e14;

} // namespace cop
