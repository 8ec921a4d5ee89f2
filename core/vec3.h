// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cmath>

namespace cop {

// A Cartesian 3-vector for Earth-centred (ECEF) and local east/north/up arithmetic in the
// simulator. Deliberately tiny: the flight and sensor models need sums, dot and cross products,
// nothing more.
struct Vec3
{
    double x = 0.0;
    double y = 0.0;
    double z = 0.0;

    friend Vec3 operator+(const Vec3 &a, const Vec3 &b) { return {a.x + b.x, a.y + b.y, a.z + b.z}; }
    friend Vec3 operator-(const Vec3 &a, const Vec3 &b) { return {a.x - b.x, a.y - b.y, a.z - b.z}; }
    friend Vec3 operator-(const Vec3 &a) { return {-a.x, -a.y, -a.z}; }
    friend Vec3 operator*(double s, const Vec3 &a) { return {s * a.x, s * a.y, s * a.z}; }
    friend Vec3 operator*(const Vec3 &a, double s) { return s * a; }
    friend Vec3 operator/(const Vec3 &a, double s) { return {a.x / s, a.y / s, a.z / s}; }
    friend bool operator==(const Vec3 &, const Vec3 &) = default;

    double norm() const { return std::sqrt(x * x + y * y + z * z); }
    Vec3 normalized() const { return *this / norm(); }
};

inline double dot(const Vec3 &a, const Vec3 &b)
{
    return a.x * b.x + a.y * b.y + a.z * b.z;
}

inline Vec3 cross(const Vec3 &a, const Vec3 &b)
{
    return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}

} // namespace cop
