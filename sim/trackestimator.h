// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/messages.h"
#include "sim/flight.h"
#include "sim/noise.h"

#include <cstdint>

namespace cop::sim {

// What a national tracker reports about one missile at one time.
struct TrackEstimate
{
    GeoPosition position;
    EnuVelocity velocity;
    EnuCovariance3 positionCovarianceM2;
    ImpactPrediction impact;
    GeoPosition launchPoint;
    TimeUs launchTimeUs = kTimeUnset;
};

// Identifies the random draws of one track so that every error is reproducible.
struct TrackNoiseKey
{
    std::uint64_t source = 0;
    std::uint64_t launch = 0;
    std::uint64_t repeat = 0;
};

// Stand-in for the parts of a national tracker not yet modelled: truth plus errors of the
// right size and shape. The national sources still take from it the launch point and time,
// the impact prediction during the boost (a class template, before the ballistic state is
// known), and the whole estimate while a track has had no measurement yet. Position and
// velocity errors are drawn afresh each update; launch-point, launch-time and impact-point
// errors are fixed per track (an estimate drifts slowly, it does not jump), the impact error
// shrinking as the flight proceeds.
class TrackEstimator
{
public:
    // Impact-point 1σ along the flight path: large just after launch, small near impact
    // (illustrative values, not a particular system's performance).
    static constexpr double kImpactSigmaAtLaunchM = 150e3;
    static constexpr double kImpactSigmaNearImpactM = 2e3;
    static constexpr double kCrossRangeRatio = 0.4;    // cross-track / along-track error
    static constexpr double kLaunchPointSigmaM = 1500.0;
    static constexpr double kLaunchTimeSigmaS = 1.5;
    static constexpr double kVelocitySigmaMps = 15.0;

    explicit TrackEstimator(std::uint64_t seed)
        : m_noise(seed)
    {}

    TrackEstimate estimate(const BallisticFlight &flight, const FlightState &truth,
                           const EnuCovariance3 &positionCovarianceM2, double velocitySigmaMps,
                           TrackNoiseKey key, TimeUs updateTimeUs) const;

    // 1σ along-track impact error at a time of validity: log-linear in the fraction of the
    // flight still to go, so it falls steadily and never rises.
    static double impactSigmaM(const BallisticFlight &flight, TimeUs timeUs);

private:
    ImpactPrediction predictImpact(const BallisticFlight &flight, TimeUs timeUs, TrackNoiseKey key,
                                   TimeUs updateTimeUs) const;

    CounterNoise m_noise;
};

// Offsets a geodetic position by metres in its local east/north/up frame.
GeoPosition offsetEnu(const GeoPosition &position, double eastM, double northM, double upM);

} // namespace cop::sim
