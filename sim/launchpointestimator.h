// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/geo.h"
#include "core/vec3.h"

#include <optional>
#include <vector>

namespace cop::sim {

// Where and when a missile was launched, from the measurements of its early boost: a tracker's
// estimate, not the truth. Height, east and north are each fitted with a quadratic in time
// over the first 20 s of measurements (launched from rest under a steady acceleration vector),
// and the launch is where the fitted velocity vanishes. Measured on the demo (US tracks, cued
// by space-based infrared): the point within about 4 km, but the time 6-17 s late, because the
// thrust acceleration grows as propellant burns; not yet published.
class LaunchPointEstimator
{
public:
    struct Estimate
    {
        GeoPosition point; // on the ellipsoid
        double timeS = 0.0; // on the caller's clock
        int samples = 0;
    };

    // Measurements are used from this height (below it the noise swamps √h) ...
    static constexpr double kMinHeightM = 2e3;
    // ... for this long after the first one (the boost's early, nearly vertical part).
    static constexpr double kWindowS = 20.0;
    static constexpr int kMinSamples = 4;
    // A track first measured higher than this (a radar that saw it only after it rose over its
    // horizon) has missed the early boost: the fit would extrapolate too far to be trusted.
    static constexpr double kMaxFirstHeightM = 20e3;

    // A measured Earth-fixed position at a time (seconds, any clock), in time order.
    void addMeasurement(double timeS, const Vec3 &ecefPositionM);
    // Empty until enough measurements have been added.
    std::optional<Estimate> estimate() const;
    bool isComplete() const { return m_complete; }

private:
    struct Sample
    {
        double timeS;
        double heightM;
        double eastM;
        double northM;
    };
    std::vector<Sample> m_samples;
    std::optional<Vec3> m_originEcefM;
    bool m_complete = false;
};

} // namespace cop::sim
