// SPDX-License-Identifier: GPL-3.0-or-later
// The predicted ballistic path of a track state: physics checks that need no simulator (vacuum
// energy, the drag-free vertical shot, rejection of states that cannot be propagated).
#include "core/ballisticpropagator.h"
#include "core/earth.h"
#include "core/ecef.h"

#include <GeographicLib/Geodesic.hpp>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace cop;

namespace {

constexpr TimeUs kT0 = 1'700'000'000LL * kMicrosPerSecond;

TrackUpdate stateAt(GeoPosition position, EnuVelocity velocity,
                    MissileClass missileClass = MissileClass::Intercontinental)
{
    TrackUpdate u;
    u.trackId = "T1";
    u.timeUs = kT0;
    u.position = position;
    u.velocity = velocity;
    u.phase = TrackPhase::Midcourse;
    u.missileClass = missileClass;
    return u;
}

double distanceM(const GeoPosition &a, const GeoPosition &b)
{
    double s = 0.0;
    GeographicLib::Geodesic::WGS84().Inverse(a.latDeg, a.lonDeg, b.latDeg, b.lonDeg, s);
    return s;
}

TEST(BallisticPropagator, PathStartsAtTheStateAndEndsOnTheGroundAtTheImpactTime)
{
    const TrackUpdate state = stateAt({40.0, 130.0, 300e3}, {2500.0, 500.0, 1000.0});
    PathPredictionOptions options;
    options.sampleIntervalS = 5.0;
    const auto path = predictBallisticPath(state, options);
    ASSERT_TRUE(path);
    ASSERT_GE(path->points.size(), 3u);
    ASSERT_EQ(path->points.size(), path->timesUs.size());
    EXPECT_NEAR(path->points.front().latDeg, 40.0, 1e-6);
    EXPECT_NEAR(path->points.front().lonDeg, 130.0, 1e-6);
    EXPECT_NEAR(path->points.front().altitudeM, 300e3, 1.0);
    EXPECT_EQ(path->timesUs.front(), kT0);
    EXPECT_EQ(path->timesUs.back(), path->impactTimeUs);
    EXPECT_EQ(path->points.back(), path->impactPoint);
    EXPECT_DOUBLE_EQ(path->impactPoint.altitudeM, 0.0);
    for (std::size_t i = 1; i < path->timesUs.size(); ++i) {
        EXPECT_GT(path->timesUs[i], path->timesUs[i - 1]);
        EXPECT_LE(path->timesUs[i] - path->timesUs[i - 1], secondsToUs(5.0));
    }
    // Heading east-north-east and climbing at 1 km/s from 300 km: apogee higher, impact east.
    EXPECT_GT(path->apogeeAltitudeM, 300e3);
    EXPECT_GT(path->impactPoint.lonDeg, 130.0);
    EXPECT_GT(path->impactTimeUs, kT0 + secondsToUs(120.0));
}

TEST(BallisticPropagator, VacuumPropagationConservesEnergyInTheInertialFrame)
{
    const Vec3 r = toEcef({38.0, 127.0, 200e3});
    const EnuFrame f = enuFrameAt(38.0, 127.0);
    const Vec3 v = f.toEcef({3000.0, 2000.0, 2500.0});
    const PropagatedFlight flight = propagateBallistic(r, v, 0.0, 0.0, 20.0);
    const auto energy = [](const TrajectorySample &s) {
        return 0.5 * dot(s.velocityMps, s.velocityMps) + gravityPotential(s.positionM, true);
    };
    const double e0 = energy(flight.trajectory.samples().front());
    for (const TrajectorySample &s : flight.trajectory.samples())
        EXPECT_NEAR(energy(s), e0, 1.0) << "at t = " << s.timeS; // J/kg, of ~ -5.5e7
}

TEST(BallisticPropagator, VerticalShotFallsBackNearItsStartAfterTwiceTheRiseTime)
{
    // Straight up at 1 km/s from 1 km in vacuum: up about 51 km and down in about 2·v/g ≈ 204 s.
    // The Earth turns underneath (Coriolis), so it lands a few hundred metres west.
    const TrackUpdate state = stateAt({35.0, 135.0, 1000.0}, {0.0, 0.0, 1000.0});
    PathPredictionOptions options;
    options.withDrag = false;
    const auto path = predictBallisticPath(state, options);
    ASSERT_TRUE(path);
    const double flightS = usToSeconds(path->impactTimeUs - kT0);
    EXPECT_NEAR(flightS, 2.0 * 1000.0 / 9.80 + 0.45, 3.0);
    EXPECT_NEAR(path->apogeeAltitudeM, 1000.0 + 1000.0 * 1000.0 / (2 * 9.80), 2e3);
    EXPECT_LT(distanceM(path->impactPoint, state.position), 2e3);
    EXPECT_LT(path->impactPoint.lonDeg, 135.0); // Coriolis: westward for an upward shot
}

TEST(BallisticPropagator, DragShortensTheFlightOfALightBody)
{
    const TrackUpdate state = stateAt({39.0, 128.0, 60e3}, {1500.0, 0.0, -200.0},
                                      MissileClass::ShortRange);
    PathPredictionOptions vacuum;
    vacuum.withDrag = false;
    PathPredictionOptions light;
    light.ballisticCoefficientKgPerM2 = 1000.0;
    const auto inVacuum = predictBallisticPath(state, vacuum);
    const auto withDrag = predictBallisticPath(state, light);
    ASSERT_TRUE(inVacuum && withDrag);
    EXPECT_LT(distanceM(state.position, withDrag->impactPoint),
              distanceM(state.position, inVacuum->impactPoint) - 5e3);
}

TEST(BallisticPropagator, NoPathForStatesThatCannotFallOrAreNotFinite)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    EXPECT_FALSE(predictBallisticPath(stateAt({nan, 130.0, 1e5}, {0, 0, 0})));
    EXPECT_FALSE(predictBallisticPath(stateAt({40.0, 130.0, 1e5}, {nan, 0, 0})));
    EXPECT_FALSE(predictBallisticPath(stateAt({95.0, 130.0, 1e5}, {0, 0, 0})));
    EXPECT_FALSE(predictBallisticPath(stateAt({40.0, 130.0, -10.0}, {0, 0, -10})));
    EXPECT_FALSE(predictBallisticPath(stateAt({40.0, 130.0, 0.0}, {100, 0, -10})));
    TrackUpdate impacted = stateAt({40.0, 130.0, 1e5}, {0, 0, 0});
    impacted.phase = TrackPhase::Impacted;
    EXPECT_FALSE(predictBallisticPath(impacted));
    // Circular orbital speed at 400 km: it never comes down within the horizon.
    EXPECT_FALSE(predictBallisticPath(stateAt({0.0, 130.0, 400e3}, {7670.0, 0.0, 0.0})));
    // Escape speed: gone.
    EXPECT_FALSE(predictBallisticPath(stateAt({40.0, 130.0, 400e3}, {0.0, 0.0, 12000.0})));
    // Nonsense options.
    PathPredictionOptions badInterval;
    badInterval.sampleIntervalS = 0.0;
    EXPECT_FALSE(predictBallisticPath(stateAt({40.0, 130.0, 1e5}, {1000, 0, 0}), badInterval));
}

TEST(BallisticPropagator, NominalBallisticCoefficientsArePositivePerClass)
{
    for (MissileClass c : {MissileClass::Unknown, MissileClass::ShortRange, MissileClass::MediumRange,
                           MissileClass::IntermediateRange, MissileClass::Intercontinental,
                           MissileClass::SubmarineLaunched, MissileClass::SpaceLaunch,
                           MissileClass::GlideVehicle})
        EXPECT_GT(nominalBallisticCoefficientKgPerM2(c), 0.0);
    EXPECT_GT(nominalBallisticCoefficientKgPerM2(MissileClass::Intercontinental),
              nominalBallisticCoefficientKgPerM2(MissileClass::SpaceLaunch));
}

} // namespace
