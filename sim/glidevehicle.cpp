// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/glidevehicle.h"

#include "core/ballisticpropagator.h"
#include "core/earth.h"
#include "core/ecef.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <utility>

namespace cop::sim {

namespace {

constexpr double kRadPerDeg = std::numbers::pi / 180.0;

} // namespace

GlideCommand glideCommand(const GlideManoeuvre &m, double beta, const Vec3 &targetEcefM,
                          double targetHeightM, double timeS, double glideS, const Vec3 &r,
                          const Vec3 &v, bool diving)
{
    GlideCommand out;
    out.diving = diving;
    const double heightM = approximateAltitudeM(r);
    const double rho = airDensityKgPerM3(heightM);
    const Vec3 vAir = v - groundVelocityInertial(r);
    const double speed = vAir.norm();
    if (rho <= 0.0 || speed < 1.0)
        return out;
    const Vec3 along = vAir / speed;
    const Vec3 up = r.normalized();
    // Lift acts across the velocity: "up" in the vertical plane of the flight, and sideways.
    const Vec3 liftUp = (up - dot(up, along) * along).normalized();
    const Vec3 liftSide = cross(along, liftUp);
    const double maxLiftMps2 = m.liftToDrag * 0.5 * rho * speed * speed / beta;

    // The target turns with the Earth: where it is now in the flight's inertial frame.
    const Vec3 toTarget = inertialToEcefPosition(targetEcefM, -timeS) - r;
    const Vec3 toTargetLevel = toTarget - dot(toTarget, up) * up;
    const double distanceM = toTargetLevel.norm();
    const double aboveTargetM = std::max(heightM - targetHeightM, 0.0);
    // Nosing over takes distance: turning through the dive angle at the rate gravity and the
    // most lift allow, (g + L)/v, covers about v²·Δγ/(2(g + L)) over the ground.
    const double diveRad = m.diveAngleDeg * kRadPerDeg;
    const double turnLeadM = 0.5 * speed * speed * diveRad / (9.8 + maxLiftMps2);
    if (speed < m.diveSpeedMps
        || (m.steersForTarget && distanceM < aboveTargetM / std::tan(diveRad) + turnLeadM))
        out.diving = true;

    const double gamma = std::asin(std::clamp(dot(up, along), -1.0, 1.0));
    const double commandRad = out.diving
        ? (m.steersForTarget ? std::atan2(-aboveTargetM, distanceM) // straight at the target
                             : -m.diveAngleDeg * kRadPerDeg)
        : m.skipAmplitudeDeg * kRadPerDeg * std::sin(2.0 * std::numbers::pi * glideS / m.skipPeriodS);
    // dγ/dt = (a_up − (g − v²/r) cos γ) / v: cancel the net weight, then steer γ to the command.
    const double netWeightMps2 = gravityAcceleration(r, true).norm() - speed * speed / r.norm();
    const double upMps2 = std::clamp(netWeightMps2 * std::cos(gamma)
                                         + speed * (commandRad - gamma) / m.pathAngleTimeConstantS,
                                     -maxLiftMps2, maxLiftMps2);

    // Heading: the bearing to the target, offset by the dog-leg early in the glide; ψ > 0
    // means the target lies to the lift's side.
    const Vec3 alongLevel = (along - dot(along, up) * up).normalized();
    const double headingErrorRad = std::atan2(dot(toTargetLevel, liftSide), dot(toTargetLevel, alongLevel));
    const double offsetRad = !out.diving && glideS < m.doglegS ? m.doglegDeg * kRadPerDeg : 0.0;
    double sideMps2 = speed * (headingErrorRad - offsetRad) / m.headingTimeConstantS;
    if (!out.diving)
        sideMps2 += m.weaveAccelerationMps2 * std::sin(2.0 * std::numbers::pi * glideS / m.weavePeriodS);
    // What lift is left after the vertical plane's needs goes into the lateral manoeuvre.
    const double spareMps2 = std::sqrt(std::max(maxLiftMps2 * maxLiftMps2 - upMps2 * upMps2, 0.0));
    if (!m.steersForTarget) {
        out.liftMps2 = upMps2 * liftUp + (out.diving ? 0.0 : m.lateralLiftShare * spareMps2) * liftSide;
        return out;
    }
    out.liftMps2 = upMps2 * liftUp + std::clamp(sideMps2, -spareMps2, spareMps2) * liftSide;
    return out;
}

GlideManoeuvre footprintManoeuvre(double lateralLiftShare)
{
    GlideManoeuvre m;
    m.steersForTarget = false;
    m.lateralLiftShare = lateralLiftShare;
    m.skipAmplitudeDeg = 0.0;
    m.weaveAccelerationMps2 = 0.0;
    m.doglegDeg = 0.0;
    // Once slow, it stretches its glide down the best glide slope (tan γ = 1/(L/D)) for the
    // longest reach, as a vehicle homing on a distant target does.
    m.diveAngleDeg = std::atan(1.0 / m.liftToDrag) / kRadPerDeg;
    return m;
}

PropagatedFlight flyGlideFromState(const Vec3 &r, const Vec3 &v, const GlideManoeuvre &manoeuvre,
                                   double beta, double groundHeightM, double maxDurationS)
{
    bool diving = false;
    const Vec3 noTarget {};
    const Trajectory::AccelerationFunction acceleration = [&](double t, const Vec3 &rr, const Vec3 &vv) {
        const GlideCommand command
            = glideCommand(manoeuvre, beta, noTarget, groundHeightM, t, t, rr, vv, diving);
        diving = command.diving;
        return gravityAcceleration(rr, true) + dragAcceleration(rr, vv, beta) + command.liftMps2;
    };
    PropagationStepPlan plan;
    plan.vacuumStepS = 10.0;
    plan.fineStepS = 0.5;
    plan.fineBelowAltitudeM = manoeuvre.entryAltitudeM;
    plan.approximateHeights = true;
    // The inertial frame is aligned with ECEF at the state's own time.
    return propagateToGround({0.0, r, v + groundVelocityInertial(r)}, acceleration, 0.0, plan,
                             groundHeightM, maxDurationS);
}

FlightProfile flyGlide(const FlightProfile &ballistic, const GeoPosition &target,
                       const GlideManoeuvre &manoeuvre, double beta, double maxDurationS)
{
    // The entry: the first descent through the entry height after burnout.
    const std::vector<TrajectorySample> &samples = ballistic.trajectory.samples();
    std::size_t entry = samples.size();
    for (std::size_t i = 1; i < samples.size(); ++i) {
        const TrajectorySample &s = samples[i];
        if (s.timeS > ballistic.burnoutTimeS && dot(s.positionM, s.velocityMps) < 0.0
            && approximateAltitudeM(s.positionM) < manoeuvre.entryAltitudeM) {
            entry = i;
            break;
        }
    }
    if (entry == samples.size())
        throw std::runtime_error("glide vehicle never descends to its entry height");
    const double entryS = samples[entry].timeS;
    const Vec3 targetEcefM = toEcef(target);

    // The dive latches; the integrator evaluates in time order, so the latch is deterministic.
    bool diving = false;
    const Trajectory::AccelerationFunction acceleration = [&](double t, const Vec3 &r, const Vec3 &v) {
        const GlideCommand command = glideCommand(manoeuvre, beta, targetEcefM, target.altitudeM,
                                                  t, t - entryS, r, v, diving);
        diving = command.diving;
        return gravityAcceleration(r, true) + dragAcceleration(r, v, beta) + command.liftMps2;
    };
    PropagationStepPlan plan;
    plan.vacuumStepS = 1.0;
    // The glide holds the dense air for minutes; 0.2 s keeps the controller's loop smooth.
    plan.fineStepS = 0.2;
    plan.fineBelowAltitudeM = manoeuvre.entryAltitudeM;
    PropagatedFlight glide = propagateToGround(samples[entry], acceleration, 0.0, plan,
                                               target.altitudeM, maxDurationS);

    // One table: the ballistic flight up to the entry, then the glide (which starts there).
    std::vector<TrajectorySample> joined(samples.begin(), samples.begin() + static_cast<long>(entry));
    joined.insert(joined.end(), glide.trajectory.samples().begin(), glide.trajectory.samples().end());
    FlightProfile out;
    out.trajectory = Trajectory(std::move(joined));
    out.burnoutTimeS = ballistic.burnoutTimeS;
    out.apogeeAltitudeM = ballistic.apogeeAltitudeM;
    out.apogeeTimeS = ballistic.apogeeTimeS;
    out.impactEcefM = glide.impactEcefM;
    out.impactPoint = glide.impactPoint;
    return out;
}

} // namespace cop::sim
