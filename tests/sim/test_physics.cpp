// SPDX-License-Identifier: GPL-3.0-or-later
// The physics under the flight model: gravity, atmosphere, the rotating frame, the integrator
// against Kepler and energy conservation, and the boost solver.
#include "sim/boostsolver.h"
#include "core/earth.h"
#include "core/ecef.h"
#include "sim/launchsites.h"
#include "sim/poweredflight.h"
#include "core/trajectory.h"

#include <GeographicLib/Geodesic.hpp>
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <optional>
#include <string>

using namespace cop;
using namespace cop::sim;

namespace {

constexpr double kPi = std::numbers::pi;

double distanceM(const GeoPosition &a, const GeoPosition &b)
{
    double s = 0.0;
    GeographicLib::Geodesic::WGS84().Inverse(a.latDeg, a.lonDeg, b.latDeg, b.lonDeg, s);
    return s;
}

TEST(EarthGravity, SurfaceGravityMatchesWgs84)
{
    // WGS-84 normal gravity is 9.7803 m/s² at the equator and 9.8322 m/s² at the poles
    // (NIMA TR8350.2 table 3.4); it includes the centrifugal term, added back here.
    const Vec3 equator = toEcef({0.0, 0.0, 0.0});
    const Vec3 pole = toEcef({90.0, 0.0, 0.0});
    const double centrifugal = kEarthRotationRadPerS * kEarthRotationRadPerS * equator.norm();
    EXPECT_NEAR(gravityAcceleration(equator, true).norm() - centrifugal, 9.7803, 2e-3);
    EXPECT_NEAR(gravityAcceleration(pole, true).norm(), 9.8322, 2e-3);
    // Without J2 the field is the same in every direction.
    const Vec3 up = (1e7 / equator.norm()) * equator;
    const Vec3 over = Vec3 {0.0, 0.0, 1e7};
    EXPECT_NEAR(gravityAcceleration(up, false).norm(), gravityAcceleration(over, false).norm(),
                1e-12);
}

TEST(EarthGravity, AccelerationIsMinusTheGradientOfThePotential)
{
    const Vec3 r {4.1e6, -3.3e6, 3.9e6};
    const double h = 1.0;
    const Vec3 dx {h, 0, 0}, dy {0, h, 0}, dz {0, 0, h};
    const auto d = [&](const Vec3 &step) {
        return -(gravityPotential(r + step, true) - gravityPotential(r - step, true)) / (2 * h);
    };
    const Vec3 numeric {d(dx), d(dy), d(dz)};
    EXPECT_LT((numeric - gravityAcceleration(r, true)).norm(), 1e-6);
}

struct DensityCase
{
    double altitudeKm;
    double densityKgPerM3; // US Standard Atmosphere 1976
    double tolerance; // relative
};

TEST(Atmosphere, DensityFollowsTheStandardAtmosphere)
{
    const DensityCase cases[] = {
        {0.0, 1.225, 1e-9},     {10.0, 0.4135, 1e-3},   {30.0, 1.841e-2, 0.05},
        {50.0, 1.027e-3, 0.05}, {80.0, 1.846e-5, 0.05}, {100.0, 5.604e-7, 0.1},
    };
    for (const DensityCase &c : cases) {
        EXPECT_NEAR(airDensityKgPerM3(c.altitudeKm * 1e3), c.densityKgPerM3,
                    c.tolerance * c.densityKgPerM3)
            << c.altitudeKm << " km";
    }
    double previous = airDensityKgPerM3(-100.0);
    for (double h = 0.0; h < 1200e3; h += 500.0) {
        ASSERT_LE(airDensityKgPerM3(h), previous) << h;
        previous = airDensityKgPerM3(h);
    }
    EXPECT_EQ(airDensityKgPerM3(1001e3), 0.0);
}

TEST(RotatingFrame, PadIsAtRestAndADayLaterBackInPlace)
{
    const Vec3 pad = toEcef({39.2, 125.67, 0.0});
    const Vec3 v = groundVelocityInertial(pad);
    EXPECT_NEAR(v.norm(), kEarthRotationRadPerS * std::hypot(pad.x, pad.y), 1e-9);
    EXPECT_LT(inertialToEcefVelocity(pad, v, 0.0).norm(), 1e-12);
    const double siderealDayS = 2.0 * kPi / kEarthRotationRadPerS;
    // A point fixed on the Earth comes back to the same inertial position.
    EXPECT_LT((inertialToEcefPosition(pad, siderealDayS) - pad).norm(), 1e-6);
    // Six hours on, the Earth has turned a quarter: an inertially fixed point has moved west.
    const GeoPosition later = toGeodetic(inertialToEcefPosition(pad, siderealDayS / 4.0));
    EXPECT_NEAR(later.lonDeg, 125.67 - 90.0, 1e-6);
}

struct OrbitCase
{
    std::string name;
    double perigeeRadiusM;
    double apogeeRadiusM;
    double inclinationDeg;
};

class OrbitTest : public testing::TestWithParam<OrbitCase>
{
protected:
    // Starts at perigee on the x axis with the speed vis-viva gives.
    static void initialState(const OrbitCase &c, Vec3 &r, Vec3 &v, double &periodS)
    {
        const double a = 0.5 * (c.perigeeRadiusM + c.apogeeRadiusM);
        const double speed = std::sqrt(kEarthGmM3PerS2 * (2.0 / c.perigeeRadiusM - 1.0 / a));
        const double inc = c.inclinationDeg * kPi / 180.0;
        r = {c.perigeeRadiusM, 0.0, 0.0};
        v = {0.0, speed * std::cos(inc), speed * std::sin(inc)};
        periodS = 2.0 * kPi * std::sqrt(a * a * a / kEarthGmM3PerS2);
    }
};

TEST_P(OrbitTest, KeplerPeriodClosesTheOrbit)
{
    Vec3 r, v;
    double periodS = 0.0;
    initialState(GetParam(), r, v, periodS);
    const Trajectory orbit = Trajectory::propagateFree(r, v, periodS, false, 1.0);
    const TrajectorySample end = orbit.samples().back();
    EXPECT_NEAR(end.timeS, periodS, 1e-9);
    EXPECT_LT((end.positionM - r).norm(), 5.0) << "after one period of " << periodS << " s";
    EXPECT_LT((end.velocityMps - v).norm(), 0.01);
    // Halfway round it is at apogee.
    EXPECT_NEAR(orbit.stateAt(0.5 * periodS).positionM.norm(), GetParam().apogeeRadiusM, 5.0);
}

TEST_P(OrbitTest, EnergyConservedInVacuumWithJ2)
{
    Vec3 r, v;
    double periodS = 0.0;
    initialState(GetParam(), r, v, periodS);
    const Trajectory orbit = Trajectory::propagateFree(r, v, 2.0 * periodS, true, 1.0);
    const auto energy = [](const TrajectorySample &s) {
        return 0.5 * dot(s.velocityMps, s.velocityMps) + gravityPotential(s.positionM, true);
    };
    const double reference = energy(orbit.samples().front());
    for (const TrajectorySample &s : orbit.samples())
        ASSERT_NEAR(energy(s), reference, 1e-9 * std::abs(reference)) << "at " << s.timeS << " s";
    // Polar angular momentum is conserved too (the J2 field is symmetric about the z axis).
    const auto hz = [](const TrajectorySample &s) { return cross(s.positionM, s.velocityMps).z; };
    EXPECT_NEAR(hz(orbit.samples().back()), hz(orbit.samples().front()),
                1e-9 * std::abs(hz(orbit.samples().front())));
}

INSTANTIATE_TEST_SUITE_P(Orbits, OrbitTest,
                         testing::Values(OrbitCase {"LowCircular", 6.778e6, 6.778e6, 51.6},
                                         OrbitCase {"Molniya", 6.9e6, 46.4e6, 63.4},
                                         OrbitCase {"Equatorial", 7.0e6, 12.0e6, 0.0}),
                         [](const testing::TestParamInfo<OrbitCase> &info) {
                             return info.param.name;
                         });

TEST(PoweredFlight, VerticalLaunchLandsWestOfThePad)
{
    // Coriolis: a sounding rocket fired straight up in the northern hemisphere comes down to
    // the west, because the ground turns east under it.
    VehicleProfile vehicle = vehicleProfileFor(MissileClass::ShortRange, 60.0);
    const GeoPosition pad {39.2, 125.67, 0.0};
    Steering steering;
    steering.burnoutPitchRad = 0.5 * kPi;
    steering.exhaustSpeedMps = 2000.0;
    const FlightProfile flight = flyPowered(toEcef(pad), 0.0, vehicle, steering);
    EXPECT_GT(flight.apogeeAltitudeM, 100e3);
    EXPECT_LT(flight.impactPoint.lonDeg, pad.lonDeg);
    EXPECT_GT(distanceM(flight.impactPoint, pad), 1e3);
    EXPECT_LT(distanceM(flight.impactPoint, pad), 100e3);
}

TEST(PoweredFlight, DragShortensTheFlightAndSlowsTheImpact)
{
    VehicleProfile vehicle = vehicleProfileFor(MissileClass::ShortRange, 60.0);
    const Vec3 pad = toEcef({39.17, 127.48, 0.0});
    Steering steering {75.0 * kPi / 180.0, 30.0 * kPi / 180.0, 2500.0};
    ForceModel vacuum;
    vacuum.drag = false;
    const FlightProfile withAir = flyPowered(pad, 0.0, vehicle, steering);
    const FlightProfile without = flyPowered(pad, 0.0, vehicle, steering, vacuum);
    const auto impactSpeed = [](const FlightProfile &p) {
        const TrajectorySample s = p.trajectory.samples().back();
        return inertialToEcefVelocity(s.positionM, s.velocityMps, s.timeS).norm();
    };
    EXPECT_LT(impactSpeed(withAir), impactSpeed(without) - 100.0);
    const GeoPosition launch {39.17, 127.48, 0.0};
    EXPECT_LT(distanceM(launch, withAir.impactPoint), distanceM(launch, without.impactPoint));
    // The boost is identical: drag only acts after burnout.
    EXPECT_EQ(withAir.trajectory.stateAt(30.0).positionM,
              without.trajectory.stateAt(30.0).positionM);
}

struct SolverCase
{
    std::string name;
    std::string site;
    double azimuthDeg;
    double rangeKm;
    std::optional<double> apogeeKm; // empty: minimum energy
    MissileClass missileClass;
    double burnTimeS;
};

class BoostSolverTest : public testing::TestWithParam<SolverCase>
{
};

TEST_P(BoostSolverTest, HitsTheTargetWithTheRequestedApogee)
{
    const SolverCase &c = GetParam();
    BoostRequest request;
    request.launchPoint = *findLaunchSite(c.site);
    request.target = pointAlong(request.launchPoint, c.azimuthDeg, c.rangeKm * 1e3);
    if (c.apogeeKm)
        request.apogeeAltitudeM = *c.apogeeKm * 1e3;
    request.vehicle = vehicleProfileFor(c.missileClass, c.burnTimeS);
    const BoostSolution solution = solveBoost(request);
    EXPECT_LT(solution.missM, 50.0);
    EXPECT_LT(distanceM(solution.profile.impactPoint, request.target), 60.0);
    if (c.apogeeKm) {
        EXPECT_NEAR(solution.profile.apogeeAltitudeM / 1e3, *c.apogeeKm, 2e-4 * *c.apogeeKm + 0.01);
    }
    EXPECT_LE(solution.iterations, 15);
    // Westward flights fight the Earth's rotation and need more energy than the same range
    // flown east: check the solver found a sensible, finite one.
    EXPECT_GT(solution.steering.exhaustSpeedMps, 500.0);
    EXPECT_LT(solution.steering.exhaustSpeedMps, 15'000.0);
}

INSTANTIATE_TEST_SUITE_P(
    Shapes, BoostSolverTest,
    testing::Values(SolverCase {"SrbmDepressed", "Wonsan", 80.0, 450.0, 50.0,
                                MissileClass::ShortRange, 50.0},
                    SolverCase {"SrbmMinimumEnergy", "Wonsan", 80.0, 450.0, std::nullopt,
                                MissileClass::ShortRange, 50.0},
                    SolverCase {"SlbmLofted", "Sinpo", 95.0, 450.0, 900.0,
                                MissileClass::SubmarineLaunched, 60.0},
                    SolverCase {"MrbmSouthward", "Sunan", 170.0, 1000.0, std::nullopt,
                                MissileClass::MediumRange, 100.0},
                    SolverCase {"IrbmWestward", "Sunan", 270.0, 3000.0, std::nullopt,
                                MissileClass::IntermediateRange, 140.0},
                    SolverCase {"IcbmMinimumEnergy", "Sunan", 30.0, 9000.0, std::nullopt,
                                MissileClass::Intercontinental, 300.0},
                    SolverCase {"IcbmLofted", "Sunan", 95.0, 1000.0, 6648.0,
                                MissileClass::Intercontinental, 300.0}),
    [](const testing::TestParamInfo<SolverCase> &info) { return info.param.name; });

TEST(BoostSolver, RejectsImpossibleRequests)
{
    BoostRequest request;
    request.launchPoint = {39.2, 125.67, 0.0};
    request.target = pointAlong(request.launchPoint, 90.0, 1000e3);
    request.vehicle = vehicleProfileFor(MissileClass::MediumRange, 100.0);
    BoostRequest bad = request;
    bad.apogeeAltitudeM = -1.0;
    EXPECT_THROW(solveBoost(bad), std::invalid_argument);
    bad = request;
    bad.vehicle.stages.clear();
    EXPECT_THROW(solveBoost(bad), std::invalid_argument);
    bad = request;
    bad.target.latDeg = 91.0;
    EXPECT_THROW(solveBoost(bad), std::invalid_argument);
}

} // namespace
