// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace cop::sim {

// Notices from a tracker's residuals that its target is manoeuvring (a glide vehicle pulling
// up or turning, which a ballistic motion model cannot follow) and says how much process noise
// to add so the filter stays consistent: adjustable process noise (Bar-Shalom, Li &
// Kirubarajan, "Estimation with Applications to Tracking and Navigation", 2001, §11.2.2).
//
// Each update's normalised innovation squared (NIS, chi-square with 3 degrees of freedom while
// the model fits) goes into a fading-memory sum. When the sum passes five times its mean
// the noise steps up by a factor; when it has stayed under its mean for a while, it steps down again. Sustained
// manoeuvres keep it up; a single outlier barely moves it.
class ManoeuvreDetector
{
public:
    static constexpr double kFadingFactor = 0.7;     // memory of about three updates
    static constexpr double kThresholdFactor = 5.0;  // faded NIS over its mean to step up
    static constexpr double kFirstLevelM2PerS3 = 300.0; // about 5 m/s² held for 10 s
    static constexpr double kLevelFactor = 4.0;
    static constexpr int kQuietUpdatesToStepDown = 20; // residuals under their mean
    static constexpr int kMaxLevel = 4; // 300 · 4³ ≈ 19,000 m²/s³: tens of m/s² sideways

    // Folds in one update's NIS with its degrees of freedom.
    void addResidual(double nis, int degreesOfFreedom = 3);
    // The white-noise acceleration density to add to the motion model's own, m²/s³; 0 while
    // the residuals fit the ballistic model.
    double processNoiseM2PerS3() const;
    bool isManoeuvring() const { return m_level > 0; }
    int level() const { return m_level; }

private:
    double m_fadedNis = 0.0;
    double m_fadedDof = 0.0;
    int m_level = 0;
    int m_quietUpdates = 0;
};

} // namespace cop::sim
