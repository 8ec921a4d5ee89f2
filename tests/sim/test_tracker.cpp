// SPDX-License-Identifier: GPL-3.0-or-later
// Sensors and trackers: radar horizon and coverage geometry, measurement statistics, the
// Kalman filter's consistency over Monte Carlo runs (NEES within chi-square bounds), and the
// predicted impact converging on the true one.
#include "sim/ballistictracker.h"
#include "core/ecef.h"
#include "sim/flight.h"
#include "sim/impactpredictor.h"
#include "sim/launchsites.h"
#include "sim/measurement.h"
#include "sim/noise.h"
#include "sim/sensor.h"
#include "sim/vehicle.h"

#include <GeographicLib/Geodesic.hpp>
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

using namespace cop;
using namespace cop::sim;

namespace {

double distanceM(const GeoPosition &a, const GeoPosition &b)
{
    double s = 0.0;
    GeographicLib::Geodesic::WGS84().Inverse(a.latDeg, a.lonDeg, b.latDeg, b.lonDeg, s);
    return s;
}

FlightState stateAt(const GeoPosition &position, TrackPhase phase)
{
    FlightState s;
    s.timeUs = 0;
    s.phase = phase;
    s.position = position;
    s.ecefPositionM = toEcef(position);
    return s;
}

// A radar on the Sea of Japan coast looking west-north-west at the peninsula (notional).
SensorSpec radarSpec()
{
    SensorSpec spec;
    spec.sensorId = "TEST-RADAR";
    spec.kind = SensorKind::GroundRadar;
    spec.site = {38.0, 138.3, 0.0};
    spec.coverage = {280.0, 60.0, 1.0, 90.0, 2000e3};
    spec.rangeSigmaM = 20.0;
    spec.angleSigmaRad = 0.5e-3;
    return spec;
}

struct CoverageCase
{
    std::string name;
    double azimuthDeg; // from the radar site
    double rangeKm; // ground range from the radar site
    double altitudeKm;
    TrackPhase phase;
    bool visible;
};

void PrintTo(const CoverageCase &c, std::ostream *os)
{
    *os << c.name;
}

class RadarCoverageTest : public testing::TestWithParam<CoverageCase>
{
};

TEST_P(RadarCoverageTest, SeesOnlyAboveItsHorizonInRangeAndSector)
{
    const CoverageCase &c = GetParam();
    const Sensor radar(radarSpec());
    GeoPosition target = pointAlong(radarSpec().site, c.azimuthDeg, c.rangeKm * 1e3);
    target.altitudeM = c.altitudeKm * 1e3;
    EXPECT_EQ(radar.canSee(stateAt(target, c.phase)), c.visible);
}

// The geometric horizon for a 1° elevation mask: a target at height h is above it out to
// about R(√(sin²ε + 2h/R) − sin ε) ≈ 990 km for h = 100 km and ≈ 2,150 km for h = 500 km.
INSTANTIATE_TEST_SUITE_P(
    Geometry, RadarCoverageTest,
    testing::Values(
        CoverageCase {"OnBoresight", 280.0, 600.0, 100.0, TrackPhase::Midcourse, true},
        CoverageCase {"JustInsideHorizon", 280.0, 950.0, 100.0, TrackPhase::Midcourse, true},
        CoverageCase {"BelowHorizon", 280.0, 1100.0, 100.0, TrackPhase::Midcourse, false},
        CoverageCase {"HigherSoVisible", 280.0, 1100.0, 300.0, TrackPhase::Midcourse, true},
        CoverageCase {"BeyondMaxRange", 280.0, 1950.0, 800.0, TrackPhase::Midcourse, false},
        CoverageCase {"EdgeOfSector", 335.0, 600.0, 200.0, TrackPhase::Midcourse, true},
        CoverageCase {"OutsideSector", 350.0, 600.0, 200.0, TrackPhase::Midcourse, false},
        CoverageCase {"BehindTheRadar", 100.0, 300.0, 200.0, TrackPhase::Midcourse, false},
        CoverageCase {"BelowElevationMask", 280.0, 800.0, 10.0, TrackPhase::Midcourse, false},
        CoverageCase {"OnTheGroundAfterImpact", 280.0, 300.0, 0.0, TrackPhase::Impacted, false}),
    [](const testing::TestParamInfo<CoverageCase> &info) { return info.param.name; });

TEST(SpaceInfrared, SeesTheBoostAnywhereInTheTheatreButNothingElse)
{
    SensorSpec spec;
    spec.sensorId = "TEST-IR";
    spec.kind = SensorKind::SpaceInfrared;
    spec.site = {0.0, 130.0, 35'786e3};
    spec.coverage = {0.0, 180.0, -90.0, 0.0, 41'700e3};
    spec.rangeSigmaM = 5000.0;
    spec.angleSigmaRad = 30e-6;
    const Sensor infrared(spec);
    for (const GeoPosition &site :
         {GeoPosition {39.2, 125.67, 20e3}, GeoPosition {39.95, 128.35, 5e3},
          GeoPosition {40.86, 129.67, 80e3}}) {
        EXPECT_TRUE(infrared.canSee(stateAt(site, TrackPhase::Boost)));
        EXPECT_FALSE(infrared.canSee(stateAt(site, TrackPhase::Midcourse)));
    }
    // The far side of the Earth is hidden.
    EXPECT_FALSE(infrared.canSee(stateAt({0.0, -50.0, 50e3}, TrackPhase::Boost)));
}

// Chi-square quantile by the Wilson–Hilferty approximation (good to < 1% for dof ≥ 10).
double chiSquareQuantile(double dof, double z)
{
    const double a = 2.0 / (9.0 * dof);
    return dof * std::pow(1.0 - a + z * std::sqrt(a), 3.0);
}

TEST(Measurement, ConvertedErrorsMatchTheirCovariance)
{
    const Sensor radar(radarSpec());
    GeoPosition target = pointAlong(radarSpec().site, 280.0, 900.0e3);
    target.altitudeM = 400e3;
    const FlightState truth = stateAt(target, TrackPhase::Midcourse);
    const CounterNoise noise(7);
    constexpr int kRuns = 2000;
    double sum = 0.0;
    Vec3 meanError;
    for (std::uint64_t i = 0; i < kRuns; ++i) {
        const Measurement m = measure(
            radar, truth, {noise.gaussian({i, 0}), noise.gaussian({i, 1}), noise.gaussian({i, 2})});
        const Matrix<3, 1> e = column(m.ecefPositionM - truth.ecefPositionM);
        sum += (e.transposed() * *inverse(m.covarianceM2) * e)(0, 0);
        meanError = meanError + (1.0 / kRuns) * (m.ecefPositionM - truth.ecefPositionM);
    }
    // Mean NEES of 3-vectors over 2,000 draws: chi-square(6000)/2000, 99.9% two-sided.
    EXPECT_GT(sum / kRuns, chiSquareQuantile(3.0 * kRuns, -3.29) / kRuns);
    EXPECT_LT(sum / kRuns, chiSquareQuantile(3.0 * kRuns, 3.29) / kRuns);
    // Unbiased to within the sampling error (450 m cross-range σ / √2000 ≈ 10 m).
    EXPECT_LT(meanError.norm(), 40.0);
}

// An IRBM from Kusong over northern Japan, the common truth of the filter tests.
const BallisticFlight &irbm()
{
    static const BallisticFlight flight = [] {
        FlightSpec spec;
        spec.launchPoint = *findLaunchSite("Kusong");
        spec.target = pointAlong(spec.launchPoint, 80.0, 3500e3);
        spec.burnTimeS = 130.0;
        spec.missileClass = MissileClass::IntermediateRange;
        return BallisticFlight(spec);
    }();
    return flight;
}

// A notional radar under the flight path that sees the whole midcourse.
Sensor pathRadar()
{
    SensorSpec spec = radarSpec();
    spec.site = {40.9, 140.3, 0.0};
    spec.coverage = {0.0, 180.0, 0.0, 90.0, 6000e3};
    return Sensor(spec);
}

double nees(const BallisticTracker &tracker, const FlightState &truth)
{
    Vector6 e;
    const Vec3 dr = truth.ecefPositionM - tracker.positionM();
    const Vec3 dv = truth.ecefVelocityMps - tracker.velocityMps();
    e(0, 0) = dr.x, e(1, 0) = dr.y, e(2, 0) = dr.z, e(3, 0) = dv.x, e(4, 0) = dv.y, e(5, 0) = dv.z;
    return (e.transposed() * *inverse(tracker.covariance()) * e)(0, 0);
}

struct MonteCarloResult
{
    std::vector<double> checkTimesS;
    std::vector<double> averageNees; // over the runs, at each check time
    double averageNis = 0.0;
    int nisCount = 0;
};

constexpr int kRuns = 40;

// kRuns independent noise sequences on the IRBM's midcourse, one radar at 1 Hz.
MonteCarloResult runMonteCarlo(double processNoiseM2PerS3)
{
    const BallisticFlight &flight = irbm();
    const Sensor radar = pathRadar();
    const CounterNoise noise(11);
    const double startS = flight.spec().burnTimeS + 60.0;
    MonteCarloResult result;
    result.checkTimesS = {startS + 30.0, startS + 100.0, startS + 200.0, startS + 400.0};
    result.averageNees.assign(result.checkTimesS.size(), 0.0);
    double nisSum = 0.0;
    for (std::uint64_t run = 0; run < kRuns; ++run) {
        BallisticTracker tracker;
        for (double t = startS; t <= result.checkTimesS.back() + 1e-9; t += 1.0) {
            const FlightState truth = flight.stateAfterLaunch(t);
            EXPECT_TRUE(radar.canSee(truth)) << t;
            const auto tick = static_cast<std::uint64_t>(t);
            const Measurement z
                = measure(radar, truth,
                          {noise.gaussian({run, tick, 0}), noise.gaussian({run, tick, 1}),
                           noise.gaussian({run, tick, 2})});
            if (!tracker.isInitialized()) {
                tracker.initialize(z, t, 3000.0);
                continue;
            }
            tracker.predict(t, processNoiseM2PerS3);
            const double nis = tracker.update(z);
            if (t > startS + 20.0) {
                nisSum += nis;
                ++result.nisCount;
            }
            for (std::size_t k = 0; k < result.checkTimesS.size(); ++k) {
                if (std::abs(t - result.checkTimesS[k]) < 1e-9)
                    result.averageNees[k] += nees(tracker, truth) / kRuns;
            }
        }
    }
    result.averageNis = nisSum / result.nisCount;
    return result;
}

TEST(BallisticTracker, NeesWithinChiSquareBoundsOverMonteCarloRuns)
{
    // Above the atmosphere the truth moves exactly as the filter's model says, so the
    // model-matched filter (no process noise) must be consistent: average NEES over the runs
    // is chi-square(6·runs)/runs, checked against 99% two-sided bounds (Bar-Shalom, Li &
    // Kirubarajan, section 5.4.2), and the innovations' NIS likewise with 3 dof.
    const MonteCarloResult r = runMonteCarlo(0.0);
    const double lower = chiSquareQuantile(6.0 * kRuns, -2.576) / kRuns;
    const double upper = chiSquareQuantile(6.0 * kRuns, 2.576) / kRuns;
    for (std::size_t k = 0; k < r.checkTimesS.size(); ++k) {
        EXPECT_GT(r.averageNees[k], lower) << "at " << r.checkTimesS[k] << " s";
        EXPECT_LT(r.averageNees[k], upper) << "at " << r.checkTimesS[k] << " s";
    }
    EXPECT_GT(r.averageNis, chiSquareQuantile(3.0 * r.nisCount, -2.576) / r.nisCount);
    EXPECT_LT(r.averageNis, chiSquareQuantile(3.0 * r.nisCount, 2.576) / r.nisCount);
}

TEST(BallisticTracker, FieldedTuningIsConservativeNeverOverconfident)
{
    // With the small process noise the trackers run with in midcourse (margin for what the
    // model leaves out), the covariance may only be larger than the errors, within reason.
    const MonteCarloResult r = runMonteCarlo(ProcessNoise::kBallisticM2PerS3);
    const double upper = chiSquareQuantile(6.0 * kRuns, 2.576) / kRuns;
    for (std::size_t k = 0; k < r.checkTimesS.size(); ++k) {
        EXPECT_LT(r.averageNees[k], upper) << "at " << r.checkTimesS[k] << " s";
        EXPECT_GT(r.averageNees[k], 2.0) << "at " << r.checkTimesS[k] << " s";
    }
}

TEST(ImpactPrediction, ConvergesOnTheTrueImpactAsTheFlightGoesOn)
{
    const BallisticFlight &flight = irbm();
    const Sensor radar = pathRadar();
    const CounterNoise noise(5);
    const double betaKgPerM2
        = vehicleProfileFor(MissileClass::IntermediateRange, 130.0).ballisticCoefficientKgPerM2;
    BallisticTracker tracker;
    const double startS = flight.spec().burnTimeS + 10.0;
    std::vector<double> missesM;
    std::vector<double> sigmasM;
    for (double t = startS; t < flight.flightDurationS(); t += 1.0) {
        const FlightState truth = flight.stateAfterLaunch(t);
        if (truth.position.altitudeM < 150e3 && truth.velocity.upMps < 0.0)
            break; // re-entry: the gravity-only filter is no longer the right model
        const auto tick = static_cast<std::uint64_t>(t);
        const Measurement z = measure(
            radar, truth,
            {noise.gaussian({tick, 0}), noise.gaussian({tick, 1}), noise.gaussian({tick, 2})});
        if (!tracker.isInitialized()) {
            tracker.initialize(z, t, 3000.0);
            continue;
        }
        tracker.predict(t, ProcessNoise::kBallisticM2PerS3);
        tracker.update(z);
        if (static_cast<long>(t - startS) % 60 == 30) {
            const std::optional<ImpactEstimate> impact = predictImpact(
                tracker.positionM(), tracker.velocityMps(), tracker.covariance(), betaKgPerM2);
            ASSERT_TRUE(impact) << t;
            missesM.push_back(distanceM(impact->point, flight.impactPoint()));
            sigmasM.push_back(std::sqrt(impact->eastEastM2 + impact->northNorthM2));
            // Consistent: the truth lies inside the predicted spread (4σ, allowing for the
            // drag model and the sampled covariance).
            EXPECT_LT(missesM.back(), 4.0 * sigmasM.back() + 500.0) << "at " << t << " s";
            const double remainingS = flight.flightDurationS() - t;
            EXPECT_NEAR(impact->timeToImpactS, remainingS, 0.02 * remainingS + 5.0) << t;
        }
    }
    ASSERT_GE(missesM.size(), 6u);
    // The spread shrinks by an order of magnitude and the last prediction is within 2 km.
    EXPECT_LT(sigmasM.back(), 0.1 * sigmasM.front());
    EXPECT_LT(missesM.back(), 2000.0);
    EXPECT_LT(missesM.back(), missesM.front());
}

TEST(ImpactPrediction, NoImpactFromAnOrbit)
{
    const Vec3 r {7.0e6, 0.0, 0.0};
    const Vec3 v {0.0, std::sqrt(kEarthGmM3PerS2 / 7.0e6), 0.0};
    Matrix6 p;
    for (int i = 0; i < 6; ++i)
        p(i, i) = i < 3 ? 100.0 : 1.0;
    // An Earth-fixed velocity: subtract the frame's; the orbit never comes down.
    const Vec3 ecefV = v - cross(Vec3 {0, 0, kEarthRotationRadPerS}, r);
    EXPECT_FALSE(predictImpact(r, ecefV, p, 5000.0).has_value());
}

} // namespace
