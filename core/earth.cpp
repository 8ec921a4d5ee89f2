// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/earth.h"

#include "core/ecef.h"

#include <array>
#include <cmath>
#include <iterator>

namespace cop {

namespace {

struct AtmosphereLayer
{
    double baseAltitudeKm;
    double baseDensityKgPerM3;
    double scaleHeightKm;
};

// Below 25 km: layers fitted between the US Standard Atmosphere 1976 densities at 5 km
// intervals (Vallado's single 0-25 km layer is 25% light at 10 km, where re-entry drag peaks).
// From 25 km: Vallado, table 8-4 (exponential atmosphere from US-76 / CIRA-72).
constexpr std::array<AtmosphereLayer, 32> kAtmosphere {{
    {0, 1.225, 9.825},        {5, 0.7364, 8.664},        {10, 0.4135, 6.643},
    {15, 0.1948, 6.375},      {20, 8.891e-2, 6.276},     {25, 3.899e-2, 6.349},
    {30, 1.774e-2, 6.682},    {40, 3.972e-3, 7.554},     {50, 1.057e-3, 8.382},
    {60, 3.206e-4, 7.714},    {70, 8.770e-5, 6.549},     {80, 1.905e-5, 5.799},
    {90, 3.396e-6, 5.382},    {100, 5.297e-7, 5.877},    {110, 9.661e-8, 7.263},
    {120, 2.438e-8, 9.473},   {130, 8.484e-9, 12.636},   {140, 3.845e-9, 16.149},
    {150, 2.070e-9, 22.523},  {180, 5.464e-10, 29.740},  {200, 2.789e-10, 37.105},
    {250, 7.248e-11, 45.546}, {300, 2.418e-11, 53.628},  {350, 9.518e-12, 53.298},
    {400, 3.725e-12, 58.515}, {450, 1.585e-12, 60.828},  {500, 6.967e-13, 63.822},
    {600, 1.454e-13, 71.835}, {700, 3.614e-14, 88.667},  {800, 1.170e-14, 124.64},
    {900, 5.245e-15, 181.05}, {1000, 3.019e-15, 268.00},
}};

} // namespace

Vec3 gravityAcceleration(const Vec3 &positionM, bool withJ2)
{
    const double r2 = dot(positionM, positionM);
    const double r = std::sqrt(r2);
    const double muOverR3 = kEarthGmM3PerS2 / (r2 * r);
    Vec3 a = -muOverR3 * positionM;
    if (withJ2) {
        // Gradient of the J2 term of the geopotential (Vallado, eq. 8-30).
        const double k = 1.5 * kEarthJ2 * (kEarthEquatorialRadiusM * kEarthEquatorialRadiusM) / r2;
        const double z2r2 = positionM.z * positionM.z / r2;
        a.x += -muOverR3 * positionM.x * k * (1.0 - 5.0 * z2r2);
        a.y += -muOverR3 * positionM.y * k * (1.0 - 5.0 * z2r2);
        a.z += -muOverR3 * positionM.z * k * (3.0 - 5.0 * z2r2);
    }
    return a;
}

double gravityPotential(const Vec3 &positionM, bool withJ2)
{
    const double r = positionM.norm();
    double u = -kEarthGmM3PerS2 / r;
    if (withJ2) {
        const double sinPhi = positionM.z / r;
        const double ratio = kEarthEquatorialRadiusM / r;
        u += kEarthGmM3PerS2 / r * kEarthJ2 * ratio * ratio * 0.5 * (3.0 * sinPhi * sinPhi - 1.0);
    }
    return u;
}

double airDensityKgPerM3(double altitudeM)
{
    const double hKm = altitudeM / 1e3;
    if (hKm >= 1000.0)
        return 0.0;
    if (hKm <= 0.0)
        return kAtmosphere.front().baseDensityKgPerM3;
    auto layer = std::prev(kAtmosphere.end());
    while (layer->baseAltitudeKm > hKm)
        --layer;
    return layer->baseDensityKgPerM3
        * std::exp(-(hKm - layer->baseAltitudeKm) / layer->scaleHeightKm);
}

Vec3 inertialToEcefPosition(const Vec3 &p, double timeS)
{
    const double angle = kEarthRotationRadPerS * timeS;
    const double c = std::cos(angle), s = std::sin(angle);
    return {c * p.x + s * p.y, -s * p.x + c * p.y, p.z};
}

Vec3 inertialToEcefVelocity(const Vec3 &p, const Vec3 &v, double timeS)
{
    // v_ecef = R(t) (v_eci − ω × r_eci)
    const Vec3 omega {0.0, 0.0, kEarthRotationRadPerS};
    return inertialToEcefPosition(v - cross(omega, p), timeS);
}

Vec3 groundVelocityInertial(const Vec3 &positionM)
{
    return cross(Vec3 {0.0, 0.0, kEarthRotationRadPerS}, positionM);
}

} // namespace cop
