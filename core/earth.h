// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/vec3.h"

namespace cop {

// The Earth as the flight model sees it: WGS-84 gravity with the J2 oblateness term, a rotating
// Earth-fixed frame, and a standard atmosphere for drag. Flights are integrated in an inertial
// frame (ECI) whose axes coincide with ECEF at the instant of launch, so Coriolis and
// centrifugal effects come out of the frame change instead of being added as forces.

// WGS-84 defining parameters (NIMA TR8350.2, 3rd edition, table 3.1 and 3.3).
inline constexpr double kEarthEquatorialRadiusM = 6'378'137.0;
inline constexpr double kEarthRotationRadPerS = 7.292115e-5;
// Second zonal harmonic, from the WGS-84 EGM96 normalised C20 = -4.84166774985e-4 (J2 = -√5 C20).
inline constexpr double kEarthJ2 = 1.082629821313e-3;

// Which forces act on a body in flight; tests switch parts off to check conservation laws.
struct ForceModel
{
    bool j2 = true; // oblateness; off means point-mass gravity
    bool drag = true; // atmospheric drag (needs a ballistic coefficient)
};

// Gravitational acceleration at an inertial (or Earth-fixed: J2 is symmetric about the spin
// axis) position.
Vec3 gravityAcceleration(const Vec3 &positionM, bool withJ2);

// Gravitational potential energy per unit mass, consistent with gravityAcceleration (so that
// v²/2 + potential is conserved in vacuum in the inertial frame).
double gravityPotential(const Vec3 &positionM, bool withJ2);

// Air density at a geometric height, kg/m³: the piecewise-exponential fit to the US Standard
// Atmosphere 1976 tabulated by Vallado (Fundamentals of Astrodynamics and Applications, 4th ed.,
// table 8-4). Zero above 1,000 km; below sea level the sea-level value.
double airDensityKgPerM3(double altitudeM);

// Frame change between the inertial frame (aligned with ECEF at t = 0) and ECEF at time t.
Vec3 inertialToEcefPosition(const Vec3 &positionM, double timeS);
Vec3 inertialToEcefVelocity(const Vec3 &positionM, const Vec3 &velocityMps, double timeS);
// The inertial velocity of a point at rest on the ground at t = 0 (the launch pad).
Vec3 groundVelocityInertial(const Vec3 &positionM);

} // namespace cop
