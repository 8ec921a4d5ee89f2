// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/trackestimator.h"

#include "core/ecef.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace cop::sim {

namespace {

// Which error a draw is for, so the streams never coincide.
enum Stream : std::uint64_t {
    PositionError = 1,
    VelocityError,
    ImpactFixed,
    ImpactJitter,
    LaunchFixed,
};

// Lower-triangular Cholesky factor of a symmetric positive semi-definite 3×3 covariance,
// so that L z with z ~ N(0, I) has exactly that covariance.
struct Lower3
{
    double l11 = 0, l21 = 0, l22 = 0, l31 = 0, l32 = 0, l33 = 0;
};

Lower3 cholesky(const EnuCovariance3 &c)
{
    Lower3 l;
    l.l11 = std::sqrt(std::max(c.ee, 0.0));
    l.l21 = l.l11 > 0 ? c.en / l.l11 : 0.0;
    l.l31 = l.l11 > 0 ? c.eu / l.l11 : 0.0;
    l.l22 = std::sqrt(std::max(c.nn - l.l21 * l.l21, 0.0));
    l.l32 = l.l22 > 0 ? (c.nu - l.l31 * l.l21) / l.l22 : 0.0;
    l.l33 = std::sqrt(std::max(c.uu - l.l31 * l.l31 - l.l32 * l.l32, 0.0));
    return l;
}

} // namespace

GeoPosition offsetEnu(const GeoPosition &position, double eastM, double northM, double upM)
{
    const EnuFrame frame = enuFrameAt(position.latDeg, position.lonDeg);
    return toGeodetic(toEcef(position) + frame.toEcef({eastM, northM, upM}));
}

double TrackEstimator::impactSigmaM(const BallisticFlight &flight, TimeUs timeUs)
{
    const double remainingS = std::max(usToSeconds(flight.impactTimeUs() - timeUs), 0.0);
    const double fraction = std::clamp(remainingS / flight.flightDurationS(), 0.0, 1.0);
    return kImpactSigmaNearImpactM
           * std::pow(kImpactSigmaAtLaunchM / kImpactSigmaNearImpactM, fraction);
}

TrackEstimate TrackEstimator::estimate(const BallisticFlight &flight, const FlightState &truth,
                                       const EnuCovariance3 &positionCovarianceM2,
                                       double velocitySigmaMps, TrackNoiseKey key,
                                       TimeUs updateTimeUs) const
{
    const auto draw = [&](Stream stream, std::uint64_t component) {
        return m_noise.gaussian({key.source, key.launch, key.repeat, stream,
                                 static_cast<std::uint64_t>(updateTimeUs), component});
    };
    const auto fixedDraw = [&](Stream stream, std::uint64_t component) {
        return m_noise.gaussian({key.source, key.launch, key.repeat, stream, component});
    };

    TrackEstimate out;
    const Lower3 l = cholesky(positionCovarianceM2);
    const double z1 = draw(PositionError, 0), z2 = draw(PositionError, 1),
                 z3 = draw(PositionError, 2);
    out.position = offsetEnu(truth.position, l.l11 * z1, l.l21 * z1 + l.l22 * z2,
                             l.l31 * z1 + l.l32 * z2 + l.l33 * z3);
    // A tracker constrains its estimate to be above the sea surface.
    out.position.altitudeM = std::max(out.position.altitudeM, 0.0);
    out.positionCovarianceM2 = positionCovarianceM2;
    out.velocity = {truth.velocity.eastMps + velocitySigmaMps * draw(VelocityError, 0),
                    truth.velocity.northMps + velocitySigmaMps * draw(VelocityError, 1),
                    truth.velocity.upMps + velocitySigmaMps * draw(VelocityError, 2)};

    const FlightSpec &spec = flight.spec();
    out.launchPoint = offsetEnu(spec.launchPoint, kLaunchPointSigmaM * fixedDraw(LaunchFixed, 0),
                                kLaunchPointSigmaM * fixedDraw(LaunchFixed, 1), 0.0);
    out.launchPoint.altitudeM = spec.launchPoint.altitudeM;
    // Bounded at 2σ so the estimate never falls after the first report (the earliest comes
    // 3 s after launch).
    out.launchTimeUs = spec.launchTimeUs
                       + secondsToUs(kLaunchTimeSigmaS
                                     * std::clamp(fixedDraw(LaunchFixed, 2), -2.0, 2.0));
    out.impact = predictImpact(flight, truth.timeUs, key, updateTimeUs);
    return out;
}

ImpactPrediction TrackEstimator::predictImpact(const BallisticFlight &flight, TimeUs timeUs,
                                               TrackNoiseKey key, TimeUs updateTimeUs) const
{
    const auto fixedDraw = [&](std::uint64_t component) {
        return m_noise.gaussian({key.source, key.launch, key.repeat, ImpactFixed, component});
    };
    const auto jitter = [&](std::uint64_t component) {
        return m_noise.gaussian({key.source, key.launch, key.repeat, ImpactJitter,
                                 static_cast<std::uint64_t>(updateTimeUs), component});
    };
    // The error ellipse is long along the flight path: range errors dominate ballistic
    // impact prediction.
    const double alongSigmaM = impactSigmaM(flight, timeUs);
    const double crossSigmaM = kCrossRangeRatio * alongSigmaM;
    const EnuVelocity finalVelocity =
        flight.stateAfterLaunch(std::max(flight.flightDurationS() - 1.0, 0.0)).velocity;
    const double headingRad = finalVelocity.headingDeg() * std::numbers::pi / 180.0;
    const double alongE = std::sin(headingRad), alongN = std::cos(headingRad);
    const double crossE = std::cos(headingRad), crossN = -std::sin(headingRad);

    // A fixed error per track, scaled by the shrinking σ, plus a little per-update jitter.
    const double along = alongSigmaM * (fixedDraw(0) + 0.15 * jitter(0));
    const double across = crossSigmaM * (fixedDraw(1) + 0.15 * jitter(1));

    ImpactPrediction impact;
    impact.point = offsetEnu(flight.impactPoint(), along * alongE + across * crossE,
                             along * alongN + across * crossN, 0.0);
    impact.point.altitudeM = flight.impactPoint().altitudeM;
    // Half a second of impact-time error per kilometre of range error (illustrative), bounded
    // at 2σ so even the shortest flight's first prediction lands after its launch.
    impact.timeUs = flight.impactTimeUs()
                    + secondsToUs(0.5e-3 * alongSigmaM * std::clamp(fixedDraw(2), -2.0, 2.0));
    const double a2 = alongSigmaM * alongSigmaM, c2 = crossSigmaM * crossSigmaM;
    impact.covarianceM2 = {a2 * alongE * alongE + c2 * crossE * crossE,
                           a2 * alongE * alongN + c2 * crossE * crossN,
                           a2 * alongN * alongN + c2 * crossN * crossN};
    return impact;
}

} // namespace cop::sim
