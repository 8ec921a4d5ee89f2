// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sim/flight.h"
#include "sim/sensor.h"

#include <vector>

namespace cop::sim {

// When a sensor measures one flight: not before its first-detection delay has passed since the
// flight first came into its line of sight (search and confirmation take time), then once per
// revisit interval on a grid from that instant, at those instants it can still see the flight.
// Geometry only: sensor health is applied by the caller at each measurement's time.
class SensorSchedule
{
public:
    SensorSchedule(const Sensor &sensor, const BallisticFlight &flight);

    // Seconds after launch at which the sensor first has the flight in view (to a millisecond);
    // infinity if it never does.
    double firstLineOfSightS() const { return m_firstLineOfSightS; }
    // Seconds after launch of its first possible measurement.
    double firstMeasurementS() const;
    // Seconds after launch of its measurements in (afterS, untilS], in order.
    std::vector<double> measurementTimesS(double afterS, double untilS) const;

    // The first line of sight alone, for callers that cache it per launch.
    static double firstLineOfSightS(const Sensor &sensor, const BallisticFlight &flight);
    // The same, from a cached first line of sight.
    SensorSchedule(const Sensor &sensor, const BallisticFlight &flight, double firstLineOfSightS);

private:
    const Sensor *m_sensor;
    const BallisticFlight *m_flight;
    double m_firstLineOfSightS;
};

} // namespace cop::sim
