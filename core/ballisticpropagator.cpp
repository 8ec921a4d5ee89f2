// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/ballisticpropagator.h"

#include "core/earth.h"
#include "core/ecef.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

namespace cop {

namespace {

// Above this height drag is negligible over a step of any length used here.
constexpr double kVacuumAltitudeM = 300e3;
constexpr double kCoarseStepS = 1.0;
// WGS-84 flattening (NIMA TR8350.2, table 3.1).
constexpr double kFlattening = 1.0 / 298.257223563;

bool isFinite(const Vec3 &v)
{
    return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z);
}

} // namespace

double approximateAltitudeM(const Vec3 &r)
{
    const double radius = r.norm();
    const double sinLat = r.z / radius;
    return radius - kEarthEquatorialRadiusM * (1.0 - kFlattening * sinLat * sinLat);
}

Vec3 dragAcceleration(const Vec3 &r, const Vec3 &v, double ballisticCoefficientKgPerM2)
{
    if (!(ballisticCoefficientKgPerM2 > 0.0))
        return {};
    const double rho = airDensityKgPerM3(approximateAltitudeM(r));
    if (rho <= 0.0)
        return {};
    // Relative to the air, which turns with the Earth.
    const Vec3 vAir = v - groundVelocityInertial(r);
    return -(0.5 * rho * vAir.norm() / ballisticCoefficientKgPerM2) * vAir;
}

PropagatedFlight propagateToGround(const TrajectorySample &start,
                                   const Trajectory::AccelerationFunction &acceleration,
                                   double burnoutS, const PropagationStepPlan &plan,
                                   double groundHeightM, double maxDurationS)
{
    if (!isFinite(start.positionM) || !isFinite(start.velocityMps) || start.positionM.norm() < 1e6)
        throw std::runtime_error("state to propagate is not a finite position above the Earth");
    PropagatedFlight profile;
    profile.burnoutTimeS = burnoutS;
    std::vector<TrajectorySample> samples {start};
    samples.reserve(static_cast<std::size_t>(std::max(burnoutS, 600.0) * 2));
    const auto exactHeightOf = [](const TrajectorySample &s) {
        return toGeodetic(inertialToEcefPosition(s.positionM, s.timeS)).altitudeM;
    };
    const auto heightOf = [&](const TrajectorySample &s) {
        if (plan.approximateHeights) {
            const double approximateM = approximateAltitudeM(s.positionM);
            if (approximateM > groundHeightM + 5e3)
                return approximateM;
        }
        return exactHeightOf(s);
    };
    double height = heightOf(start);
    profile.apogeeAltitudeM = height;
    profile.apogeeTimeS = start.timeS;
    while (samples.back().timeS < maxDurationS) {
        const TrajectorySample &last = samples.back();
        const bool descending = dot(last.positionM, last.velocityMps) < 0.0;
        double h = (descending && height < plan.fineBelowAltitudeM) ? plan.fineStepS : kCoarseStepS;
        if (height > kVacuumAltitudeM && last.timeS >= burnoutS)
            h = plan.vacuumStepS;
        for (double event : plan.events) {
            if (event > last.timeS + 1e-9 && event < last.timeS + h) {
                h = event - last.timeS;
                break;
            }
        }
        const TrajectorySample next = Trajectory::rk4Step(last, h, acceleration);
        if (!isFinite(next.positionM) || !isFinite(next.velocityMps))
            throw std::runtime_error("propagation diverged");
        const double nextHeight = heightOf(next);
        const bool falling = dot(next.positionM, next.velocityMps) < 0.0;
        if (falling && nextHeight <= groundHeightM) {
            // Bisect the interpolated step for the ground crossing, to a millisecond.
            const TrajectorySample prev = last;
            double lo = prev.timeS, hi = next.timeS;
            while (hi - lo > 1e-3) {
                const double mid = 0.5 * (lo + hi);
                (heightOf(Trajectory::hermite(prev, next, mid)) > groundHeightM ? lo : hi) = mid;
            }
            samples.push_back(Trajectory::hermite(prev, next, hi));
            const TrajectorySample &end = samples.back();
            profile.impactEcefM = inertialToEcefPosition(end.positionM, end.timeS);
            profile.impactPoint = toGeodetic(profile.impactEcefM);
            profile.trajectory = Trajectory(std::move(samples));
            return profile;
        }
        if (nextHeight > profile.apogeeAltitudeM) {
            profile.apogeeAltitudeM = nextHeight;
            profile.apogeeTimeS = next.timeS;
        }
        height = nextHeight;
        samples.push_back(next);
    }
    throw std::runtime_error("flight did not return to the ground");
}

PropagatedFlight propagateBallistic(const Vec3 &ecefPositionM, const Vec3 &ecefVelocityMps,
                                    double groundHeightM, double ballisticCoefficientKgPerM2,
                                    double vacuumStepS, double maxDurationS)
{
    const Trajectory::AccelerationFunction acceleration
        = [&](double, const Vec3 &r, const Vec3 &v) {
              return gravityAcceleration(r, true) + dragAcceleration(r, v, ballisticCoefficientKgPerM2);
          };
    PropagationStepPlan plan;
    plan.vacuumStepS = vacuumStepS;
    // Drag decelerates by more than a few m/s² only in the last tens of kilometres.
    plan.fineStepS = 0.5;
    plan.fineBelowAltitudeM = 40e3;
    plan.approximateHeights = true;
    // The inertial frame of the prediction is aligned with ECEF at the state's own time.
    return propagateToGround(
        {0.0, ecefPositionM, ecefVelocityMps + groundVelocityInertial(ecefPositionM)}, acceleration,
        0.0, plan, groundHeightM, maxDurationS);
}

double nominalBallisticCoefficientKgPerM2(MissileClass missileClass)
{
    switch (missileClass) {
    case MissileClass::ShortRange:
    case MissileClass::SubmarineLaunched:
        // The KN-23 re-enters without separating: a heavy, dense body.
        return 8000.0;
    case MissileClass::MediumRange:
        return 6000.0;
    case MissileClass::IntermediateRange:
        return 7000.0;
    case MissileClass::Intercontinental:
        return 10000.0;
    case MissileClass::SpaceLaunch:
        return 3000.0;
    case MissileClass::GlideVehicle:
    case MissileClass::Unknown:
        break;
    }
    return 5000.0;
}

std::optional<PredictedPath> predictBallisticPath(const TrackUpdate &state,
                                                  const PathPredictionOptions &options)
{
    if (state.phase == TrackPhase::Impacted || state.timeUs == kTimeUnset
        || !state.position.isValidLatLon() || !state.velocity.isFinite()
        || !(options.sampleIntervalS > 0.0) || !std::isfinite(options.groundHeightM)
        || !(options.maxDurationS > 0.0))
        return std::nullopt;
    if (state.position.altitudeM < options.groundHeightM
        || (state.position.altitudeM == options.groundHeightM && state.velocity.upMps <= 0.0))
        return std::nullopt;
    const Vec3 r = toEcef(state.position);
    const EnuFrame frame = enuFrameAt(state.position.latDeg, state.position.lonDeg);
    const Vec3 v = frame.toEcef({state.velocity.eastMps, state.velocity.northMps, state.velocity.upMps});
    double beta = 0.0;
    if (options.withDrag) {
        beta = options.ballisticCoefficientKgPerM2 > 0.0
            ? options.ballisticCoefficientKgPerM2
            : nominalBallisticCoefficientKgPerM2(state.missileClass);
    }
    PropagatedFlight flight;
    try {
        flight = propagateBallistic(r, v, options.groundHeightM, beta, 20.0, options.maxDurationS);
    } catch (const std::runtime_error &) {
        return std::nullopt;
    }
    PredictedPath path;
    path.startTimeUs = state.timeUs;
    path.impactPoint = flight.impactPoint;
    path.impactPoint.altitudeM = options.groundHeightM;
    path.impactTimeUs = state.timeUs + secondsToUs(flight.durationS());
    path.apogeeAltitudeM = flight.apogeeAltitudeM;
    const double durationS = flight.durationS();
    const auto count = static_cast<std::size_t>(std::ceil(durationS / options.sampleIntervalS));
    path.points.reserve(count + 1);
    path.timesUs.reserve(count + 1);
    for (std::size_t i = 0; i < count; ++i) {
        const double t = static_cast<double>(i) * options.sampleIntervalS;
        const TrajectorySample s = flight.trajectory.stateAt(t);
        path.points.push_back(toGeodetic(inertialToEcefPosition(s.positionM, s.timeS)));
        path.timesUs.push_back(state.timeUs + secondsToUs(t));
    }
    path.points.push_back(path.impactPoint);
    path.timesUs.push_back(path.impactTimeUs);
    return path;
}

} // namespace cop
