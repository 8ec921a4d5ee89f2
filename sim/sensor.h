// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/messages.h"
#include "core/ecef.h"
#include "sim/flight.h"

#include <string>

namespace cop::sim {

// A sensor as the simulator models it: where it is, what it covers, how well it measures.
struct SensorSpec
{
    std::string sensorId;
    std::string name;
    SensorKind kind = SensorKind::GroundRadar;
    GeoPosition site;
    SensorCoverage coverage;
    double rangeSigmaM = 50.0;      // 1σ error along the line of sight
    double angleSigmaRad = 1.5e-3;  // 1σ angular error, across the line of sight
    // How often it measures a target it holds, and how long after the target first comes into
    // its line of sight it needs to detect it (search and confirmation); sensorschedule.h.
    double revisitIntervalS = 1.0;
    double firstDetectionDelayS = 0.0;
};

// One sensor with its geometry precomputed: decides whether it sees a missile and with what
// measurement error. Radars need line of sight inside their coverage sector; space-based
// infrared sees only the hot boost plume, from anywhere above the missile's horizon.
class Sensor
{
public:
    explicit Sensor(SensorSpec spec);

    const SensorSpec &spec() const { return m_spec; }
    const std::string &sensorId() const { return m_spec.sensorId; }

    bool canSee(const FlightState &target) const;
    // Measurement error covariance in the target's local ENU frame: small along the line of
    // sight (range), growing with range across it (angle).
    EnuCovariance3 measurementCovariance(const FlightState &target) const;
    SensorStatus status(SensorState state, TimeUs timeUs) const;

private:
    SensorSpec m_spec;
    Vec3 m_siteEcefM;
    EnuFrame m_siteFrame;
};

} // namespace cop::sim
