// SPDX-License-Identifier: GPL-3.0-or-later
// A glide vehicle manoeuvres after re-entry: a ballistic prediction made at re-entry misses its
// impact by far, and the national trackers, which cannot know the manoeuvre in advance, keep
// the track and widen their impact ellipse so it still covers the truth.
#include "core/ballisticpropagator.h"
#include "core/ecef.h"
#include "sim/demoscenario.h"
#include "sim/flight.h"
#include "sim/launchsites.h"
#include "sim/manoeuvredetector.h"
#include "sim/scenariofile.h"

#include <GeographicLib/Geodesic.hpp>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

using namespace cop;
using namespace cop::sim;

namespace {

constexpr TimeUs kEpochUs = 1'700'000'000LL * kMicrosPerSecond;

double distanceM(const GeoPosition &a, const GeoPosition &b)
{
    double s = 0.0;
    GeographicLib::Geodesic::WGS84().Inverse(a.latDeg, a.lonDeg, b.latDeg, b.lonDeg, s);
    return s;
}

FlightSpec glideSpec()
{
    FlightSpec spec;
    spec.launchPoint = *findLaunchSite("Wonsan");
    spec.target = pointAlong(spec.launchPoint, 80.0, 700e3);
    spec.missileClass = MissileClass::GlideVehicle;
    spec.burnTimeS = 80.0;
    spec.apogeeAltitudeM = 60e3;
    return spec;
}

TEST(ManoeuvreDetector, StepsUpOnSustainedResidualsAndBackDownWhenQuiet)
{
    ManoeuvreDetector detector;
    // Residuals that fit the model (NIS at its mean, and one outlier) raise nothing.
    for (int i = 0; i < 50; ++i)
        detector.addResidual(i == 25 ? 12.0 : 3.0);
    EXPECT_FALSE(detector.isManoeuvring());
    EXPECT_EQ(detector.processNoiseM2PerS3(), 0.0);
    // A pull-up: residuals far outside the model climb the levels to the top.
    for (int i = 0; i < 10; ++i)
        detector.addResidual(500.0);
    EXPECT_EQ(detector.level(), ManoeuvreDetector::kMaxLevel);
    const double manoeuvringQ = detector.processNoiseM2PerS3();
    EXPECT_GT(manoeuvringQ, 10'000.0);
    // Quiet again: it steps down one level per run of quiet updates, not at once.
    for (int i = 0; i < ManoeuvreDetector::kQuietUpdatesToStepDown + 5; ++i)
        detector.addResidual(1.0);
    EXPECT_EQ(detector.level(), ManoeuvreDetector::kMaxLevel - 1);
    for (int i = 0; i < 10 * ManoeuvreDetector::kQuietUpdatesToStepDown; ++i)
        detector.addResidual(1.0);
    EXPECT_FALSE(detector.isManoeuvring());
    // Garbage in changes nothing.
    detector.addResidual(std::nan(""));
    detector.addResidual(-1.0);
    EXPECT_FALSE(detector.isManoeuvring());
}

TEST(GlideVehicle, GlidesOntoItsTargetFarFromTheBallisticPrediction)
{
    const BallisticFlight flight(glideSpec());
    EXPECT_LT(distanceM(flight.impactPoint(), flight.spec().target), BallisticFlight::kGlideAimToleranceM);
    // The boost aims well short: the glide adds range.
    EXPECT_GT(distanceM(flight.ballisticAimPoint(), flight.spec().target), 100e3);

    // Re-entry: the first descent through 100 km. A ballistic prediction from the true state
    // there (the best any ballistic predictor can do) falls far from the real impact.
    double entryS = 0.0;
    for (double t = flight.apogeeTimeAfterLaunchS(); t < flight.flightDurationS(); t += 0.5) {
        if (flight.stateAfterLaunch(t).position.altitudeM < 100e3) {
            entryS = t;
            break;
        }
    }
    ASSERT_GT(entryS, 0.0);
    const FlightState entry = flight.stateAfterLaunch(entryS);
    const PropagatedFlight ballistic = propagateBallistic(
        entry.ecefPositionM, entry.ecefVelocityMps, flight.spec().target.altitudeM,
        nominalBallisticCoefficientKgPerM2(MissileClass::GlideVehicle));
    const double missM = distanceM(ballistic.impactPoint, flight.impactPoint());
    std::printf("entry %.0f s after launch, impact %.0f s; ballistic prediction at entry misses by %.0f km\n",
                entryS, flight.flightDurationS(), missM / 1e3);
    EXPECT_GT(missM, 100e3);

    // The glide holds the vehicle in the upper atmosphere: it stays between 20 and 60 km for
    // a minute or more after pulling up.
    double glidingS = 0.0;
    for (double t = entryS; t < flight.flightDurationS(); t += 1.0) {
        const FlightState s = flight.stateAfterLaunch(t);
        if (s.position.altitudeM > 20e3 && s.position.altitudeM < 60e3)
            glidingS += 1.0;
        EXPECT_EQ(s.phase, TrackPhase::Terminal) << t;
    }
    std::printf("glide: %.0f s between 20 and 60 km\n", glidingS);
    EXPECT_GT(glidingS, 60.0);
}

} // namespace

namespace {

std::shared_ptr<const Scenario> glideScenario()
{
    ScenarioParseResult file = loadScenario(QStringLiteral(":/scenarios/glide-vehicle.json"));
    EXPECT_TRUE(file) << file.error().toString();
    return std::make_shared<const Scenario>(file.value());
}

// Mahalanobis distance squared of a point from an impact prediction's ellipse centre.
double impactNis(const ImpactPrediction &impact, const GeoPosition &truth)
{
    const EnuFrame frame = enuFrameAt(impact.point.latDeg, impact.point.lonDeg);
    const Vec3 d = frame.toEnu(toEcef({truth.latDeg, truth.lonDeg, impact.point.altitudeM})
                               - toEcef(impact.point));
    const EnuCovariance2 &c = impact.covarianceM2;
    const double det = c.ee * c.nn - c.en * c.en;
    return (c.nn * d.x * d.x - 2.0 * c.en * d.x * d.y + c.ee * d.y * d.y) / det;
}

TEST(GlideVehicle, TrackersKeepTheTrackAndTheirImpactEllipsesCoverTheTruthLate)
{
    DemoScenarioOptions options;
    options.epochUs = kEpochUs;
    options.scenario = glideScenario();
    DemoScenario scenario(options);
    ASSERT_EQ(scenario.launches().size(), 1u);
    const std::vector<MissileInstance> missiles
        = scenario.missilesBetween(kEpochUs, kEpochUs + 60 * kMicrosPerSecond);
    ASSERT_EQ(missiles.size(), 1u);
    const BallisticFlight flight = missiles.front().flight;
    const GeoPosition truthImpact = flight.impactPoint();
    const TimeUs impactUs = flight.impactTimeUs();

    // Coverage by the 95% ellipse, per nation, over the last minute before impact; and the
    // trackers' position errors, which must stay bounded (the track is kept).
    int late = 0, lateCovered = 0;
    int updates = 0, all = 0, allCovered = 0;
    double worstPositionErrorM = 0.0;
    for (TimeUs t = kEpochUs; t <= impactUs + 5 * kMicrosPerSecond; t += kMicrosPerSecond) {
        for (const FeedMessage &m : scenario.advanceTo(t)) {
            const auto *u = std::get_if<TrackUpdate>(&m.body);
            if (!u || !u->hasImpact || u->phase != TrackPhase::Terminal)
                continue;
            ++updates;
            const FlightState truth = flight.stateAt(u->timeUs);
            // While its sensors see it, a nation keeps the glide vehicle's track.
            if (!u->contributingSensors.empty())
                worstPositionErrorM = std::max(
                    worstPositionErrorM, (toEcef(u->position) - truth.ecefPositionM).norm());
            const double toGoS = usToSeconds(impactUs - u->timeUs);
            const double nis = impactNis(u->impact, truthImpact);
            ++all;
            allCovered += nis <= 5.991 ? 1 : 0;
            if (toGoS < 60.0) {
                ++late;
                lateCovered += nis <= 5.991 ? 1 : 0; // 95%, chi-square 2 dof
            }
        }
    }
    std::printf("95%% impact ellipses covering the true impact: %d of %d in the terminal phase, "
                "%d of %d in the last minute; worst position error while seen %.1f km\n",
                allCovered, all, lateCovered, late, worstPositionErrorM / 1e3);
    ASSERT_GT(late, 20);
    EXPECT_GT(lateCovered, late / 2);
    EXPECT_LT(worstPositionErrorM, 10e3);
}

} // namespace
