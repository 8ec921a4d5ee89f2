// SPDX-License-Identifier: GPL-3.0-or-later
// Ballistic flight model: flight times and apogees against public reports of real launches,
// impact on target, conservation of energy above the atmosphere, phases.
#include "core/ecef.h"
#include "core/earth.h"
#include "sim/flight.h"

#include <GeographicLib/Geodesic.hpp>
#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <ostream>
#include <string>

using namespace cop;
using namespace cop::sim;

namespace {

GeoPosition pointAlong(const GeoPosition &from, double azimuthDeg, double rangeKm)
{
    GeoPosition to;
    GeographicLib::Geodesic::WGS84().Direct(from.latDeg, from.lonDeg, azimuthDeg, rangeKm * 1e3,
                                            to.latDeg, to.lonDeg);
    return to;
}

double distanceM(const GeoPosition &a, const GeoPosition &b)
{
    double s = 0.0;
    GeographicLib::Geodesic::WGS84().Inverse(a.latDeg, a.lonDeg, b.latDeg, b.lonDeg, s);
    return s;
}

constexpr GeoPosition kSunan{39.20, 125.67, 0.0};
constexpr GeoPosition kKusong{39.98, 125.25, 0.0};
constexpr GeoPosition kWonsan{39.17, 127.48, 0.0};
constexpr TimeUs kLaunchUs = 1'689'120'000LL * kMicrosPerSecond; // 2023-07-12T00:00:00Z

struct FlightCase
{
    std::string name;
    GeoPosition launch;
    GeoPosition target;
    std::optional<double> apogeeAltitudeM; // empty: minimum energy
    double burnTimeS;
    MissileClass missileClass;
    double minFlightMin, maxFlightMin;     // expected flight time
    double minApogeeKm, maxApogeeKm;       // expected apogee, for minimum-energy cases

    FlightSpec spec() const
    {
        FlightSpec s;
        s.launchPoint = launch;
        s.launchTimeUs = kLaunchUs;
        s.target = target;
        s.apogeeAltitudeM = apogeeAltitudeM;
        s.burnTimeS = burnTimeS;
        s.missileClass = missileClass;
        return s;
    }
};

void PrintTo(const FlightCase &c, std::ostream *os)
{
    *os << c.name << " (" << c.launch.latDeg << "," << c.launch.lonDeg << " -> "
        << c.target.latDeg << "," << c.target.lonDeg << ", apogee "
        << (c.apogeeAltitudeM ? std::to_string(*c.apogeeAltitudeM / 1e3) + " km" : "min-energy")
        << ")";
}

const FlightCase kCases[] = {
    // KN-23-class SRBM, depressed: ~600 km, apogee ~80 km; public reports give ~5 min.
    {"Srbm600kmDepressed", kWonsan, pointAlong(kWonsan, 75.0, 600.0), 80e3, 60.0,
     MissileClass::ShortRange, 4.5, 6.5, 0, 0},
    // ~1,000 km minimum energy: 8–10 minutes, apogee ~ a quarter of the range.
    {"Mrbm1000kmMinimumEnergy", kSunan, pointAlong(kSunan, 78.0, 1000.0), std::nullopt, 100.0,
     MissileClass::MediumRange, 8.0, 10.0, 220.0, 260.0},
    // IRBM over northern Japan, ~4,500 km (Hwasong-12, 4 Oct 2022: 4,600 km, ~970 km, 22 min).
    {"Irbm4500kmOverJapan", kKusong, pointAlong(kKusong, 80.0, 4500.0), std::nullopt, 150.0,
     MissileClass::IntermediateRange, 19.0, 23.0, 850.0, 1000.0},
    // Hwasong-17, 18 Nov 2022: apogee ~6,100 km, ~1,000 km, 69 min.
    {"IcbmLofted6100km", kSunan, GeoPosition{41.50, 136.97, 0.0}, 6100e3, 300.0,
     MissileClass::Intercontinental, 66.0, 72.0, 0, 0},
    // Hwasong-18, 12 Jul 2023: apogee ~6,650 km, ~1,000 km, 74 min.
    {"IcbmLofted6650km", kSunan, GeoPosition{41.50, 136.97, 0.0}, 6650e3, 300.0,
     MissileClass::Intercontinental, 70.0, 78.0, 0, 0},
};

class FlightTest : public testing::TestWithParam<FlightCase>
{};

TEST_P(FlightTest, FlightTimeIsRealistic)
{
    const BallisticFlight flight(GetParam().spec());
    const double minutes = flight.flightDurationS() / 60.0;
    EXPECT_GE(minutes, GetParam().minFlightMin);
    EXPECT_LE(minutes, GetParam().maxFlightMin);
    EXPECT_EQ(flight.impactTimeUs() - flight.launchTimeUs(), secondsToUs(flight.flightDurationS()));
}

TEST_P(FlightTest, ApogeeAsRequested)
{
    const FlightCase &c = GetParam();
    const BallisticFlight flight(c.spec());
    if (c.apogeeAltitudeM) {
        EXPECT_NEAR(flight.apogeeAltitudeM(), *c.apogeeAltitudeM, 0.02 * *c.apogeeAltitudeM);
    } else {
        EXPECT_GE(flight.apogeeAltitudeM() / 1e3, c.minApogeeKm);
        EXPECT_LE(flight.apogeeAltitudeM() / 1e3, c.maxApogeeKm);
    }
    // The reported apogee is the highest point actually flown.
    double highestM = 0.0;
    for (double t = 0.0; t < flight.flightDurationS(); t += 5.0)
        highestM = std::max(highestM, flight.stateAfterLaunch(t).position.altitudeM);
    EXPECT_LE(highestM, flight.apogeeAltitudeM() + 1.0);
    EXPECT_GE(highestM, flight.apogeeAltitudeM() * 0.999);
}

TEST_P(FlightTest, ImpactsOnTarget)
{
    const FlightCase &c = GetParam();
    const BallisticFlight flight(c.spec());
    EXPECT_LT(distanceM(flight.impactPoint(), c.target), 1000.0);
    const FlightState landed = flight.stateAt(flight.impactTimeUs() + kMicrosPerSecond);
    EXPECT_EQ(landed.phase, TrackPhase::Impacted);
    EXPECT_LT(distanceM(landed.position, c.target), 1000.0);
    // Just before impact it is low and falling.
    const FlightState last = flight.stateAfterLaunch(flight.flightDurationS() - 0.5);
    EXPECT_LT(last.position.altitudeM, 5000.0);
    EXPECT_LT(last.velocity.upMps, 0.0);
}

TEST_P(FlightTest, EnergyConservedAboveTheAtmosphere)
{
    // In the inertial frame the J2 field is static, so v²/2 + U is conserved once the engines
    // stop and the air is too thin to matter (drag at 300 km changes it by < 1e-8 per hour).
    const BallisticFlight flight(GetParam().spec());
    const auto energy = [&](double t) {
        const TrajectorySample s = flight.inertialStateAfterLaunch(t);
        return 0.5 * dot(s.velocityMps, s.velocityMps) + gravityPotential(s.positionM, true);
    };
    const auto heightAt = [&](double t) { return flight.stateAfterLaunch(t).position.altitudeM; };
    const double burnoutS = flight.spec().burnTimeS;
    if (flight.apogeeAltitudeM() < 400e3) {
        // Inside the atmosphere all the way: drag only ever takes energy away.
        double previous = energy(burnoutS + 1.0);
        for (double t = burnoutS + 2.0; t < flight.flightDurationS() - 1.0; t += 3.0) {
            ASSERT_LE(energy(t), previous + 1e-6 * std::abs(previous)) << "at " << t << " s";
            previous = energy(t);
        }
        return;
    }
    double firstS = burnoutS + 1.0;
    while (heightAt(firstS) < 300e3)
        firstS += 1.0;
    const double reference = energy(firstS);
    int checked = 0;
    for (double t = firstS; t < flight.flightDurationS(); t += 7.3) {
        if (heightAt(t) < 300e3)
            continue;
        ASSERT_NEAR(energy(t), reference, 1e-7 * std::abs(reference)) << "at " << t << " s";
        ++checked;
    }
    EXPECT_GT(checked, 20);
    // During the boost the missile gains energy; re-entry takes some away.
    EXPECT_LT(energy(0.5 * burnoutS), reference);
    EXPECT_LT(energy(flight.flightDurationS() - 0.5), reference);
}

TEST_P(FlightTest, PhasesFollowTheFlight)
{
    const BallisticFlight flight(GetParam().spec());
    const double burnS = flight.spec().burnTimeS;
    const double durationS = flight.flightDurationS();
    EXPECT_EQ(flight.stateAfterLaunch(-1.0).phase, TrackPhase::Unknown);
    EXPECT_EQ(flight.stateAfterLaunch(1.0).phase, TrackPhase::Boost);
    EXPECT_EQ(flight.stateAfterLaunch(burnS - 0.1).phase, TrackPhase::Boost);
    EXPECT_EQ(flight.stateAfterLaunch(durationS - 2.0).phase, TrackPhase::Terminal);
    EXPECT_EQ(flight.stateAfterLaunch(durationS + 1.0).phase, TrackPhase::Impacted);
    if (flight.apogeeAltitudeM() > BallisticFlight::kTerminalAltitudeM) {
        EXPECT_EQ(flight.stateAfterLaunch(flight.apogeeTimeAfterLaunchS()).phase,
                  TrackPhase::Midcourse);
    }
}

TEST_P(FlightTest, StateContinuousAtBurnout)
{
    const BallisticFlight flight(GetParam().spec());
    const double burnS = flight.spec().burnTimeS;
    const FlightState before = flight.stateAfterLaunch(burnS - 1e-3);
    const FlightState after = flight.stateAfterLaunch(burnS + 1e-3);
    EXPECT_LT((after.ecefPositionM - before.ecefPositionM).norm(), 20.0);
    EXPECT_LT((after.ecefVelocityMps - before.ecefVelocityMps).norm(), 1.0);
    // Starts from rest on the pad.
    EXPECT_LT(flight.stateAfterLaunch(0.0).velocity.speedMps(), 1e-6);
    EXPECT_NEAR(flight.stateAfterLaunch(0.0).position.altitudeM, 0.0, 1.0);
}

INSTANTIATE_TEST_SUITE_P(PublicReports, FlightTest, testing::ValuesIn(kCases),
                         [](const testing::TestParamInfo<FlightCase> &info) {
                             return info.param.name;
                         });

TEST(Flight, MinimumEnergyNeedsTheLeastThrust)
{
    // Same vehicle, same target: the solver's exhaust speed measures the energy each shape
    // costs, and the minimum-energy shape costs least.
    FlightSpec spec = kCases[1].spec();
    spec.apogeeAltitudeM.reset();
    const BallisticFlight minimum(spec);
    for (double factor : {0.5, 0.8, 1.25, 2.0}) {
        spec.apogeeAltitudeM = factor * minimum.apogeeAltitudeM();
        const BallisticFlight other(spec);
        EXPECT_GT(other.steering().exhaustSpeedMps, minimum.steering().exhaustSpeedMps)
            << "apogee factor " << factor;
    }
}

TEST(Flight, RelaunchShiftsTimeOnly)
{
    const BallisticFlight flight(kCases[1].spec());
    const TimeUs laterUs = kLaunchUs + 600 * kMicrosPerSecond;
    const BallisticFlight again = flight.relaunchedAt(laterUs);
    EXPECT_EQ(again.launchTimeUs(), laterUs);
    EXPECT_EQ(again.impactTimeUs() - laterUs, flight.impactTimeUs() - kLaunchUs);
    const FlightState a = flight.stateAt(kLaunchUs + 123 * kMicrosPerSecond);
    const FlightState b = again.stateAt(laterUs + 123 * kMicrosPerSecond);
    EXPECT_EQ(a.position, b.position);
    EXPECT_EQ(a.velocity, b.velocity);
}

TEST(Flight, RejectsImpossibleSpecs)
{
    FlightSpec spec = kCases[0].spec();
    spec.apogeeAltitudeM = -5.0;
    EXPECT_THROW(BallisticFlight{spec}, std::invalid_argument);
    spec = kCases[0].spec();
    spec.target = spec.launchPoint;
    EXPECT_THROW(BallisticFlight{spec}, std::invalid_argument);
    spec = kCases[0].spec();
    spec.launchPoint.latDeg = 95.0;
    EXPECT_THROW(BallisticFlight{spec}, std::invalid_argument);
}

} // namespace
