// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QGeoCoordinate>

#include <cmath>

namespace cop {

// A WGS-84 geodetic position. A plain value rather than QGeoCoordinate inside the picture
// because QGeoCoordinate allocates (it is implicitly shared) and the feed carries hundreds of
// thousands of positions a second; convert at API surfaces with toQGeoCoordinate().
struct GeoPosition
{
    double latDeg = 0.0;
    double lonDeg = 0.0;
    double altitudeM = 0.0; // height above the WGS-84 ellipsoid

    bool isFinite() const
    {
        return std::isfinite(latDeg) && std::isfinite(lonDeg) && std::isfinite(altitudeM);
    }
    bool isValidLatLon() const
    {
        return isFinite() && latDeg >= -90.0 && latDeg <= 90.0 && lonDeg >= -180.0
               && lonDeg <= 180.0;
    }
    QGeoCoordinate toQGeoCoordinate() const { return {latDeg, lonDeg, altitudeM}; }
    static GeoPosition fromQGeoCoordinate(const QGeoCoordinate &c)
    {
        return {c.latitude(), c.longitude(), std::isnan(c.altitude()) ? 0.0 : c.altitude()};
    }
    friend bool operator==(const GeoPosition &, const GeoPosition &) = default;
};

// Velocity in the local east/north/up frame at the position it belongs to, metres per second.
struct EnuVelocity
{
    double eastMps = 0.0;
    double northMps = 0.0;
    double upMps = 0.0;

    double groundSpeedMps() const { return std::hypot(eastMps, northMps); }
    double speedMps() const { return std::sqrt(eastMps * eastMps + northMps * northMps + upMps * upMps); }
    // Course over ground, degrees clockwise from true north, in [0, 360).
    double headingDeg() const
    {
        const double deg = std::atan2(eastMps, northMps) * 180.0 / M_PI;
        return deg < 0.0 ? deg + 360.0 : deg;
    }
    bool isFinite() const
    {
        return std::isfinite(eastMps) && std::isfinite(northMps) && std::isfinite(upMps);
    }
    friend bool operator==(const EnuVelocity &, const EnuVelocity &) = default;
};

// Symmetric 3×3 position covariance in the local east/north/up frame, square metres.
struct EnuCovariance3
{
    double ee = 0.0, en = 0.0, eu = 0.0, nn = 0.0, nu = 0.0, uu = 0.0;
    friend bool operator==(const EnuCovariance3 &, const EnuCovariance3 &) = default;
};

// Symmetric 2×2 horizontal covariance (east/north), square metres: the impact-point uncertainty.
struct EnuCovariance2
{
    double ee = 0.0, en = 0.0, nn = 0.0;
    friend bool operator==(const EnuCovariance2 &, const EnuCovariance2 &) = default;
};

} // namespace cop
