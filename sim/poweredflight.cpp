// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/poweredflight.h"

#include "sim/ecef.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace cop::sim {

namespace {

// Below this height on the way down the step shrinks: re-entry deceleration rises by orders of
// magnitude within a few scale heights (about 7 km, US-76).
constexpr double kReentryFineStepAltitudeM = 80e3;
constexpr double kCoarseStepS = 1.0;
constexpr double kFineStepS = 0.1;
// Share of the burn after the vertical rise spent turning over to the burnout pitch.
constexpr double kTurnFraction = 0.5;

// WGS-84 flattening; height above the ellipsoid to well under a kilometre from the geocentric
// radius, which is all the density model needs (a full geodetic conversion in every Runge–Kutta
// stage would double the cost).
constexpr double kFlattening = 1.0 / 298.257223563;

double approximateAltitudeM(const Vec3 &r)
{
    const double radius = r.norm();
    const double sinLat = r.z / radius;
    return radius - kEarthEquatorialRadiusM * (1.0 - kFlattening * sinLat * sinLat);
}

struct StepPlan
{
    std::vector<double> events; // times the integrator must land on exactly (staging)
    double vacuumStepS = kCoarseStepS; // above kVacuumAltitudeM
    double fineStepS = kFineStepS; // descending below fineBelowAltitudeM
    double fineBelowAltitudeM = kReentryFineStepAltitudeM;
    // Heights from the geocentric radius (tens of metres off at thousands of kilometres)
    // except near the ground: a third of the cost of a prediction otherwise.
    bool approximateHeights = false;
};

// Above this height drag is negligible over a step of any length used here.
constexpr double kVacuumAltitudeM = 300e3;

FlightProfile propagateToGround(const TrajectorySample &start,
                                const Trajectory::AccelerationFunction &acceleration,
                                double burnoutS, const StepPlan &plan, double groundHeightM,
                                double maxDurationS)
{
    FlightProfile profile;
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

} // namespace

FlightProfile flyPowered(const Vec3 &launchEcefM, double groundHeightM,
                         const VehicleProfile &vehicle, const Steering &steering,
                         const ForceModel &forces, double maxDurationS)
{
    // Flight plane, fixed in inertial space: through the launch point along the azimuth.
    const GeoPosition pad = toGeodetic(launchEcefM);
    const EnuFrame padFrame = enuFrameAt(pad.latDeg, pad.lonDeg);
    const Vec3 downrange0 = std::sin(steering.azimuthRad) * padFrame.east
        + std::cos(steering.azimuthRad) * padFrame.north;
    const Vec3 planeNormal = cross(launchEcefM, downrange0).normalized();
    const double burnoutS = vehicle.burnTimeS();
    const double riseS = std::min(vehicle.verticalRiseS, 0.5 * burnoutS);
    const double halfPi = 0.5 * std::numbers::pi;

    const Trajectory::AccelerationFunction acceleration = [&](double t, const Vec3 &r,
                                                              const Vec3 &v) {
        Vec3 a = gravityAcceleration(r, forces.j2);
        if (t < burnoutS) {
            const Vec3 up = r.normalized();
            const Vec3 ahead = cross(planeNormal, up).normalized();
            // Turn over during the first half of the remaining burn, then hold: a shorter
            // turn keeps depressed trajectories low without giving up the lofted ones.
            const double turnS = kTurnFraction * (burnoutS - riseS);
            double pitch = halfPi;
            if (t > riseS)
                pitch = halfPi
                    - (halfPi - steering.burnoutPitchRad) * std::min((t - riseS) / turnS, 1.0);
            a = a
                + vehicle.thrustAccelerationMps2(t, steering.exhaustSpeedMps)
                    * (std::cos(pitch) * ahead + std::sin(pitch) * up);
        } else if (forces.drag) {
            const double rho = airDensityKgPerM3(approximateAltitudeM(r));
            if (rho > 0.0) {
                // Relative to the air, which turns with the Earth.
                const Vec3 vAir = v - groundVelocityInertial(r);
                a = a - (0.5 * rho * vAir.norm() / vehicle.ballisticCoefficientKgPerM2) * vAir;
            }
        }
        return a;
    };

    std::vector<double> events = vehicle.stagingTimesS();
    events.push_back(riseS);
    std::sort(events.begin(), events.end());
    StepPlan plan;
    plan.events = std::move(events);
    return propagateToGround({0.0, launchEcefM, groundVelocityInertial(launchEcefM)}, acceleration,
                             burnoutS, plan, groundHeightM, maxDurationS);
}

FlightProfile flyBallistic(const Vec3 &ecefPositionM, const Vec3 &ecefVelocityMps,
                           double groundHeightM, double ballisticCoefficientKgPerM2,
                           double vacuumStepS, double maxDurationS)
{
    const Trajectory::AccelerationFunction acceleration
        = [&](double, const Vec3 &r, const Vec3 &v) {
              Vec3 a = gravityAcceleration(r, true);
              const double rho = airDensityKgPerM3(approximateAltitudeM(r));
              if (rho > 0.0) {
                  const Vec3 vAir = v - groundVelocityInertial(r);
                  a = a - (0.5 * rho * vAir.norm() / ballisticCoefficientKgPerM2) * vAir;
              }
              return a;
          };
    StepPlan plan;
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

} // namespace cop::sim
