// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/timeus.h"
#include "sim/flight.h"
#include "sim/matrix.h"
#include "sim/sensor.h"

#include <array>
#include <string>

namespace cop::sim {

// One sensor report of a target's position, as a tracker receives it: converted to an
// Earth-fixed position with the covariance the sensor's errors imply there. A radar measures
// range, azimuth and elevation; the errors are drawn in those coordinates, so the converted
// covariance is long across the line of sight at long range, as a real radar's is.
struct Measurement
{
    std::string sensorId;
    TimeUs timeUs = kTimeUnset;
    Vec3 ecefPositionM;
    Matrix3 covarianceM2; // ECEF
};

// Range, azimuth (clockwise from north) and elevation of a point seen from a site.
struct RadarAngles
{
    double rangeM = 0.0;
    double azimuthRad = 0.0;
    double elevationRad = 0.0;
};
RadarAngles radarAnglesOf(const Vec3 &siteEcefM, const EnuFrame &siteFrame,
                          const Vec3 &targetEcefM);

// A measurement of the target by the sensor with the given standard normal draws (one per
// measured coordinate). The caller has checked that the sensor can see the target.
Measurement measure(const Sensor &sensor, const FlightState &truth,
                    const std::array<double, 3> &standardNormals, double sigmaFactor = 1.0);

} // namespace cop::sim
