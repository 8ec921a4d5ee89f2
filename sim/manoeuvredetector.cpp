// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/manoeuvredetector.h"

#include <algorithm>
#include <cmath>

namespace cop::sim {

void ManoeuvreDetector::addResidual(double nis, int degreesOfFreedom)
{
    if (!std::isfinite(nis) || nis < 0.0)
        return;
    m_fadedNis = kFadingFactor * m_fadedNis + nis;
    m_fadedDof = kFadingFactor * m_fadedDof + degreesOfFreedom;
    // The faded sum has mean d (its faded degrees of freedom). Its 99.9% level would be about
    // d + 3.1·√(2d), but converted radar measurements at long range and sensor hand-overs give
    // residuals heavier tails than the chi-square: a manoeuvre has to push the sum to several
    // times its mean (a glide vehicle's pull-up drives single NIS values into the hundreds).
    const double mean = m_fadedDof;
    const double upper = kThresholdFactor * mean;
    if (m_fadedNis > upper) {
        m_level = std::min(m_level + 1, kMaxLevel);
        m_quietUpdates = 0;
        // Start the window afresh so the next step up needs new evidence at the new level.
        m_fadedNis = mean;
    } else if (m_fadedNis < mean) {
        // Residuals inside what the inflated noise allows for long enough: the manoeuvre has
        // ended (a glide vehicle turns and skips for minutes, so one quiet update is not enough).
        if (m_level > 0 && ++m_quietUpdates >= kQuietUpdatesToStepDown) {
            --m_level;
            m_quietUpdates = 0;
        }
    } else {
        m_quietUpdates = 0;
    }
}

double ManoeuvreDetector::processNoiseM2PerS3() const
{
    if (m_level == 0)
        return 0.0;
    return kFirstLevelM2PerS3 * std::pow(kLevelFactor, m_level - 1);
}

} // namespace cop::sim
