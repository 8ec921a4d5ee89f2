// SPDX-License-Identifier: GPL-3.0-or-later
#include "projection.h"

#include <GeographicLib/AzimuthalEquidistant.hpp>
#include <GeographicLib/Constants.hpp>
#include <GeographicLib/Geodesic.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace cop {

namespace {

constexpr double kDegToRad = std::numbers::pi / 180.0;
constexpr double kRadToDeg = 180.0 / std::numbers::pi;

// Isometric latitude ψ of the ellipsoidal normal Mercator (Snyder, Map Projections: A Working
// Manual, eq. 7-7): y = a·ψ.
double isometricLatitude(double latRad, double e)
{
    const double s = std::sin(latRad);
    return std::atanh(s) - e * std::atanh(e * s);
}

// Inverse of isometricLatitude by fixed-point iteration (Snyder eq. 7-9); converges to double
// precision in a handful of steps for any latitude short of the poles.
double latitudeFromIsometric(double psi, double e)
{
    const double t = std::exp(-psi);
    double lat = std::numbers::pi / 2.0 - 2.0 * std::atan(t);
    for (int i = 0; i < 20; ++i) {
        const double es = e * std::sin(lat);
        const double next = std::numbers::pi / 2.0
                            - 2.0 * std::atan(t * std::pow((1.0 - es) / (1.0 + es), e / 2.0));
        if (std::abs(next - lat) < 1e-14)
            return next;
        lat = next;
    }
    return lat;
}

} // namespace

QString projectionKindName(ProjectionKind kind)
{
    switch (kind) {
    case ProjectionKind::AzimuthalEquidistant:
        return QStringLiteral("Azimuthal equidistant");
    case ProjectionKind::Equirectangular:
        return QStringLiteral("Equirectangular");
    case ProjectionKind::Mercator:
        return QStringLiteral("Mercator");
    }
    return {};
}

struct Projection::Impl
{
    ProjectionKind kind = ProjectionKind::AzimuthalEquidistant;
    double centreLatDeg = kTheatreCentreLatDeg;
    double centreLonDeg = kTheatreCentreLonDeg;
    double equatorialRadiusM = GeographicLib::Constants::WGS84_a();
    double eccentricity = std::sqrt(GeographicLib::Constants::WGS84_f()
                                    * (2.0 - GeographicLib::Constants::WGS84_f()));
    double centreIsometricLat = 0.0; // Mercator: ψ at the centre, so the centre maps to y = 0
    GeographicLib::AzimuthalEquidistant azimuthal{GeographicLib::Geodesic::WGS84()};
};

Projection::Projection(ProjectionKind kind, double centreLatDeg, double centreLonDeg)
    : d(std::make_unique<Impl>())
{
    d->kind = kind;
    const double centreLimitDeg = kind == ProjectionKind::Mercator ? kMercatorMaxLatDeg : 90.0;
    d->centreLatDeg = std::clamp(std::isfinite(centreLatDeg) ? centreLatDeg : kTheatreCentreLatDeg,
                                 -centreLimitDeg, centreLimitDeg);
    d->centreLonDeg
        = std::isfinite(centreLonDeg) ? wrapDeg(centreLonDeg, 0.0) : kTheatreCentreLonDeg;
    d->centreIsometricLat = isometricLatitude(d->centreLatDeg * kDegToRad, d->eccentricity);
}

Projection::~Projection() = default;
Projection::Projection(const Projection &other)
    : d(std::make_unique<Impl>(*other.d))
{
}
Projection &Projection::operator=(const Projection &other)
{
    if (this != &other)
        *d = *other.d;
    return *this;
}

ProjectionKind Projection::kind() const
{
    return d->kind;
}
double Projection::centreLatDeg() const
{
    return d->centreLatDeg;
}
double Projection::centreLonDeg() const
{
    return d->centreLonDeg;
}

double Projection::wrapDeg(double lonDeg, double aboutLonDeg)
{
    double delta = std::fmod(lonDeg - aboutLonDeg, 360.0);
    if (delta < -180.0)
        delta += 360.0;
    else if (delta >= 180.0)
        delta -= 360.0;
    return aboutLonDeg + delta;
}

double Projection::wrapLonDeg(double lonDeg) const
{
    return wrapDeg(lonDeg, d->centreLonDeg);
}

bool Projection::forward(double latDeg, double lonDeg, QPointF &outM) const
{
    if (!std::isfinite(latDeg) || !std::isfinite(lonDeg) || std::abs(latDeg) > 90.0)
        return false;
    const double dLonRad = (wrapLonDeg(lonDeg) - d->centreLonDeg) * kDegToRad;
    switch (d->kind) {
    case ProjectionKind::AzimuthalEquidistant: {
        double xM = 0.0, yM = 0.0, aziDeg = 0.0, rk = 0.0;
        d->azimuthal.Forward(d->centreLatDeg, d->centreLonDeg, latDeg, lonDeg, xM, yM, aziDeg, rk);
        if (!std::isfinite(xM) || !std::isfinite(yM) || std::hypot(xM, yM) > kAzimuthalMaxRangeM)
            return false;
        outM = QPointF(xM, yM);
        return true;
    }
    case ProjectionKind::Equirectangular:
        outM = QPointF(d->equatorialRadiusM * dLonRad,
                       d->equatorialRadiusM * (latDeg - d->centreLatDeg) * kDegToRad);
        return true;
    case ProjectionKind::Mercator:
        if (std::abs(latDeg) > kMercatorMaxLatDeg)
            return false;
        outM = QPointF(
            d->equatorialRadiusM * dLonRad,
            d->equatorialRadiusM
                * (isometricLatitude(latDeg * kDegToRad, d->eccentricity) - d->centreIsometricLat));
        return true;
    }
    return false;
}

bool Projection::inverse(const QPointF &pointM, double &latDeg, double &lonDeg) const
{
    const double xM = pointM.x(), yM = pointM.y();
    if (!std::isfinite(xM) || !std::isfinite(yM))
        return false;
    double lat = 0.0, lon = 0.0;
    switch (d->kind) {
    case ProjectionKind::AzimuthalEquidistant: {
        if (std::hypot(xM, yM) > kAzimuthalMaxRangeM)
            return false;
        double aziDeg = 0.0, rk = 0.0;
        d->azimuthal.Reverse(d->centreLatDeg, d->centreLonDeg, xM, yM, lat, lon, aziDeg, rk);
        break;
    }
    case ProjectionKind::Equirectangular:
        lat = d->centreLatDeg + yM / d->equatorialRadiusM * kRadToDeg;
        lon = d->centreLonDeg + xM / d->equatorialRadiusM * kRadToDeg;
        if (std::abs(lat) > 90.0 || std::abs(lon - d->centreLonDeg) > 180.0)
            return false;
        break;
    case ProjectionKind::Mercator:
        lat = latitudeFromIsometric(yM / d->equatorialRadiusM + d->centreIsometricLat,
                                    d->eccentricity)
              * kRadToDeg;
        lon = d->centreLonDeg + xM / d->equatorialRadiusM * kRadToDeg;
        if (std::abs(lat) > kMercatorMaxLatDeg || std::abs(lon - d->centreLonDeg) > 180.0)
            return false;
        break;
    }
    if (!std::isfinite(lat) || !std::isfinite(lon))
        return false;
    latDeg = lat;
    lonDeg = wrapDeg(lon, 0.0);
    return true;
}

} // namespace cop
