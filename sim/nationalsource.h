// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/messages.h"
#include "sim/ballistictracker.h"
#include "sim/flight.h"
#include "sim/manoeuvredetector.h"
#include "sim/noise.h"
#include "sim/sensor.h"
#include "sim/trackestimator.h"

#include <compare>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace cop::sim {

// One missile of a scenario: which scheduled launch it is, which repetition, and its truth.
struct MissileInstance
{
    int launchIndex = 0;
    std::int64_t repeat = 0; // may be negative: launches before the scenario's start
    BallisticFlight flight;
    MissileClass missileClass = MissileClass::Unknown;
};

// How one nation's command-and-control system reports.
struct SourceConfig
{
    std::string sourceId;      // e.g. "JP-JADGE"
    Nation nation = Nation::Japan;
    double updateRateHz = 1.0; // track updates per second
    TimeUs phaseUs = 0;        // offset of this source's clock ticks after the epoch
    TimeUs latencyUs = 0;      // a track's time of validity lags the message by this much
    double detectionDelayS = 4.0; // from first sensor contact to first report
    std::vector<SensorSpec> sensors;
};

// Sensor health at a time, decided by the scenario.
using SensorStateFunction = std::function<SensorState(const std::string &sensorId, TimeUs timeUs)>;

// A simulated national source: owns its sensors, track numbering and message sequence, and
// turns missile truth into that nation's feed (track updates and drops, heartbeats once a
// second, sensor status every 10 s). Each track runs the nation's own Kalman filter
// (ballistictracker.h) on its own sensors' noisy measurements; the reported position,
// velocity and covariance are the filter's, and after the boost so is the impact prediction
// (impactpredictor.h). All timing is on a fixed grid from the epoch and all
// randomness is counter-based, so the output is identical however time is sliced.
class NationalSource
{
public:
    static constexpr TimeUs kHeartbeatPeriodUs = kMicrosPerSecond;
    static constexpr TimeUs kSensorStatusPeriodUs = 10 * kMicrosPerSecond;
    static constexpr TimeUs kDropDelayUs = 2 * kMicrosPerSecond; // impact to TrackDrop
    // How often a track's impact prediction (an unscented propagation to the ground) is redone;
    // between times the last one is reported.
    static constexpr TimeUs kImpactPredictionPeriodUs = 4 * kMicrosPerSecond;

    NationalSource(SourceConfig config, TimeUs epochUs, std::uint64_t seed, int sourceIndex);

    const SourceConfig &config() const { return m_config; }
    const std::vector<Sensor> &sensors() const { return m_sensors; }

    // Messages with source times in (afterUs, untilUs], in time order, sequenced. missiles must
    // hold every missile airborne (or awaiting its drop) in that interval.
    std::vector<FeedMessage> advance(TimeUs afterUs, TimeUs untilUs,
                                     const std::vector<MissileInstance> &missiles,
                                     const SensorStateFunction &sensorState);

private:
    struct InstanceKey
    {
        int launchIndex = 0;
        std::int64_t repeat = 0;
        auto operator<=>(const InstanceKey &) const = default;
    };
    struct TrackRecord
    {
        std::string trackId;
        TimeUs lastContactUs = kTimeUnset;
        TimeUs lastUpdateValidUs = kTimeUnset; // measurements up to here are in the filter
        double lastSigmaM = 0.0;
        BallisticTracker tracker;
        ManoeuvreDetector manoeuvre;       // from the tracker's residuals
        TimeUs boostEndUs = kTimeUnset;    // first update after the plume went out
        TimeUs lastPredictionUs = kTimeUnset;
        bool hasTrackerImpact = false;
        ImpactPrediction trackerImpact;    // refreshed every kImpactPredictionPeriodUs
        std::vector<StageDropZone> stageDrops; // predicted once, when each stage separates
    };

    void emitTracks(TimeUs tickUs, const std::vector<MissileInstance> &missiles,
                    const SensorStateFunction &sensorState, std::vector<FeedMessage> &out);
    TrackUpdate makeUpdate(const MissileInstance &missile, TrackRecord &record, TimeUs tickUs,
                           const SensorStateFunction &sensorState);
    // When the first sensor can measure the missile (line of sight plus detection delay).
    double firstContactAfterLaunchS(const MissileInstance &missile);
    double firstLineOfSightS(const MissileInstance &missile, std::size_t sensorIndex);
    void push(std::vector<FeedMessage> &out, TimeUs timeUs, MessageBody body);

    SourceConfig m_config;
    std::vector<Sensor> m_sensors;
    TimeUs m_epochUs = 0;
    TimeUs m_updatePeriodUs = kMicrosPerSecond;
    int m_sourceIndex = 0;
    TrackEstimator m_estimator;
    CounterNoise m_measurementNoise;
    std::uint64_t m_sequence = 0;
    int m_nextTrackNumber = 1;
    std::map<InstanceKey, TrackRecord> m_tracks;
    // Per scheduled launch and sensor: geometry repeats each loop.
    std::map<std::pair<int, std::size_t>, double> m_firstLineOfSightS;
    std::vector<SensorState> m_reportedStates; // per sensor, as last published
};

} // namespace cop::sim
