// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/sensorschedule.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace cop::sim {

namespace {

// Coarse scan for the first sight, then bisection: a target comes into view at the horizon or
// at the edge of a sector, not for a moment in between.
constexpr double kScanStepS = 1.0;
constexpr double kResolutionS = 1e-3;

} // namespace

double SensorSchedule::firstLineOfSightS(const Sensor &sensor, const BallisticFlight &flight)
{
    const double durationS = flight.flightDurationS();
    double unseenS = 0.0;
    for (double t = 0.0; t < durationS; t += kScanStepS) {
        if (sensor.canSee(flight.stateAfterLaunch(t))) {
            if (t == 0.0)
                return 0.0;
            double lo = unseenS, hi = t;
            while (hi - lo > kResolutionS) {
                const double mid = 0.5 * (lo + hi);
                (sensor.canSee(flight.stateAfterLaunch(mid)) ? hi : lo) = mid;
            }
            return hi;
        }
        unseenS = t;
    }
    return std::numeric_limits<double>::infinity();
}

SensorSchedule::SensorSchedule(const Sensor &sensor, const BallisticFlight &flight)
    : SensorSchedule(sensor, flight, firstLineOfSightS(sensor, flight))
{}

SensorSchedule::SensorSchedule(const Sensor &sensor, const BallisticFlight &flight,
                               double firstLineOfSightS)
    : m_sensor(&sensor)
    , m_flight(&flight)
    , m_firstLineOfSightS(firstLineOfSightS)
{}

double SensorSchedule::firstMeasurementS() const
{
    return m_firstLineOfSightS + m_sensor->spec().firstDetectionDelayS;
}

std::vector<double> SensorSchedule::measurementTimesS(double afterS, double untilS) const
{
    std::vector<double> times;
    const double startS = firstMeasurementS();
    if (!std::isfinite(startS))
        return times;
    untilS = std::min(untilS, m_flight->flightDurationS());
    const double revisitS = m_sensor->spec().revisitIntervalS;
    // The first grid instant after afterS (and not before the first measurement).
    double k = std::max(std::floor((afterS - startS) / revisitS) + 1.0, 0.0);
    for (double t = startS + k * revisitS; t <= untilS; k += 1.0, t = startS + k * revisitS) {
        if (t > afterS && m_sensor->canSee(m_flight->stateAfterLaunch(t)))
            times.push_back(t);
    }
    return times;
}

} // namespace cop::sim
