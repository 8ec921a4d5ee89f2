// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sim/matrix.h"
#include "sim/measurement.h"

namespace cop::sim {

// How much the tracker trusts its gravity-only motion model: the power spectral density of
// the white-noise acceleration it allows for, m²/s³. Over a step dt the velocity variance
// grows by q·dt.
struct ProcessNoise
{
    // Under thrust the acceleration (tens of m/s², rising and changing at staging) is unknown.
    static constexpr double kBoostM2PerS3 = 2500.0;
    // Above the atmosphere the model (J2 gravity on the rotating Earth) is the truth's own;
    // what is left (higher harmonics, the thin air at a few hundred km) is below 1e-3 m/s².
    static constexpr double kBallisticM2PerS3 = 1e-4;
    // Re-entry drag decelerates by up to tens of g with an unknown ballistic coefficient.
    static constexpr double kReentryM2PerS3 = 10000.0;

    // What a tracker allows at its estimated height and speed: the boost level while space-based
    // infrared reports a plume; otherwise the ballistic level plus the drag a body of the
    // assumed ballistic coefficient would feel there, held for about ten seconds (the model has
    // no drag, so all of it is unmodelled), capped at the re-entry level.
    static double forFlight(bool boosting, double altitudeM, double speedMps,
                            double ballisticCoefficientKgPerM2);
};

// A national tracker's filter for one missile: an extended Kalman filter on Earth-fixed
// position and velocity. The prediction integrates J2 gravity with the Coriolis and
// centrifugal terms of the rotating frame (Runge–Kutta, steps of at most 1 s) and propagates
// the covariance with the linearised dynamics; the update takes converted position
// measurements (measurement.h) from any of the nation's sensors, in time order.
class BallisticTracker
{
public:
    bool isInitialized() const { return m_initialized; }
    double timeS() const { return m_timeS; }
    Vec3 positionM() const { return {m_x(0, 0), m_x(1, 0), m_x(2, 0)}; }
    Vec3 velocityMps() const { return {m_x(3, 0), m_x(4, 0), m_x(5, 0)}; }
    const Matrix6 &covariance() const { return m_p; }

    // Starts the track on one measurement, with velocity unknown to velocitySigmaMps.
    void initialize(const Measurement &z, double timeS, double velocitySigmaMps);
    // Moves the estimate forward to timeS (never back).
    void predict(double timeS, double processNoiseM2PerS3);
    // Folds in a measurement valid at the current time; returns its normalised innovation
    // squared (chi-square with 3 degrees of freedom when the filter is consistent).
    double update(const Measurement &z);

    // The Earth-fixed acceleration the motion model assumes: J2 gravity, Coriolis and
    // centrifugal terms.
    static Vec3 modelAcceleration(const Vec3 &positionM, const Vec3 &velocityMps);

private:
    bool m_initialized = false;
    double m_timeS = 0.0;
    Vector6 m_x;
    Matrix6 m_p;
};

} // namespace cop::sim
