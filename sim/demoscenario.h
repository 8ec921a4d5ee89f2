// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/messages.h"
#include "sim/flight.h"
#include "sim/nationalsource.h"
#include "sim/scenario.h"
#include "sim/sensorcataloguefile.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cop::sim {

struct DemoScenarioOptions
{
    // Feed time at which the scenario starts: the wall clock for a live demo, a fixed epoch
    // in tests and recordings.
    TimeUs epochUs = 0;
    // What happens: launches, sensor events, feed faults (scenario.h). Empty means the built-in
    // demo (defaultDemoScenario()).
    std::shared_ptr<const Scenario> scenario;
    // Where in the scenario's timeline the epoch falls; empty takes the scenario's own
    // startOffsetS (the demo starts mid-loop, with several missiles already in flight, so the
    // picture is busy from the first second).
    std::optional<double> startOffsetS;
    std::uint64_t seed = 1;
    // Each nation's sensors; empty means the built-in notional laydown (sensorcatalogue.h). A
    // nation the catalogue does not list has no sensors.
    std::shared_ptr<const SensorCatalogue> sensorCatalogue;
};

// One launch of the scenario. Its flight is laid out with launch time 0; a looping scenario
// relaunches it every repeatPeriodUs.
struct ScheduledLaunch
{
    std::string name;
    MissileClass missileClass = MissileClass::Unknown;
    double loopOffsetS = 0.0;   // launch time in the scenario (within the loop, if it loops)
    TimeUs repeatPeriodUs = 0;  // a whole number of loops, longer than the flight; 0: once
    BallisticFlight flight;
};

// A frame the feed must publish undecodable, for testing a viewer's defences (a scenario's
// "malformed" feed fault). The runner that owns the socket makes the bytes.
struct MalformedFrame
{
    TimeUs timeUs = kTimeUnset;
    std::string sourceId;
    Nation nation = Nation::Japan;
    int index = 0; // which of the fault's frames, to vary the damage
};

// Plays a scenario (scenario.h) as the feed of Japanese, US and Korean sources through the real
// message types: flies its launches, applies its sensor events, and puts its feed faults into
// the stream. Deterministic for a seed. By default it plays the built-in demo: a looping
// scenario of North Korean launches — a short-range salvo and an SLBM into the Sea of Japan,
// an MRBM, an IRBM overflying northern Japan into the Pacific, a lofted ICBM landing in Japan's
// EEZ west of Hokkaido.
//
// In a looping scenario launches whose flights outlast the loop (IRBM, ICBM) repeat every
// whole number of loops instead, so one missile of each kind is in the air at a time.
class DemoScenario
{
public:
    // The built-in demo's loop.
    static constexpr double kLoopS = 600.0;

    // Flies every launch (the boost solver). Throws std::invalid_argument naming the launch
    // ("launches[3] 'ICBM': ...") if one cannot be flown.
    explicit DemoScenario(const DemoScenarioOptions &options = {});

    // All messages with source time in (previous call, nowUs] — the first call starts at
    // the epoch, inclusive — ordered by source time. receiveTimeUs is left unset.
    // Feed faults are applied: a silent or lossy source's messages are missing, a late one's
    // come in a later call, sequence numbers jump or restart.
    std::vector<FeedMessage> advanceTo(TimeUs nowUs);
    // Undecodable frames due up to the last advanceTo, oldest first; taking them clears them.
    std::vector<MalformedFrame> takeMalformedFrames();

    const DemoScenarioOptions &options() const { return m_options; }
    const Scenario &scenario() const { return *m_scenario; }
    double loopS() const { return m_scenario->loopS; }
    const std::vector<ScheduledLaunch> &launches() const { return m_launches; }
    const std::vector<NationalSource> &sources() const { return m_sources; }

    // Truth: every missile in the air, or awaiting its drop, at some time in [fromUs, toUs],
    // ordered by launch time.
    std::vector<MissileInstance> missilesBetween(TimeUs fromUs, TimeUs toUs) const;
    // Truth: missiles between launch and impact at timeUs.
    std::vector<MissileInstance> missilesInFlightAt(TimeUs timeUs) const;

    // Sensor health from the scenario's sensor events (the worse state where two overlap).
    SensorState sensorState(const std::string &sensorId, TimeUs timeUs) const;

    // Scenario time (seconds from the scenario's start) of a feed time.
    double scenarioTimeS(TimeUs feedTimeUs) const;

private:
    TimeUs scenarioTimeUs(TimeUs feedTimeUs) const;
    void applyFeedFaults(std::vector<FeedMessage> &messages, TimeUs nowUs);

    // A fault's state as the stream goes by: the next instant it fires (gap, restart,
    // malformed), in scenario seconds.
    struct FaultProgress
    {
        double nextAtS = 0.0;
    };

    DemoScenarioOptions m_options;
    std::shared_ptr<const Scenario> m_scenario;
    TimeUs m_startOffsetUs = 0;
    std::vector<ScheduledLaunch> m_launches;
    std::vector<NationalSource> m_sources;
    TimeUs m_lastUs = 0;
    std::vector<FaultProgress> m_faultProgress; // one per scenario feed fault
    std::map<std::string, std::int64_t> m_sequenceOffset; // per source, from gaps and restarts
    std::vector<std::pair<TimeUs, FeedMessage>> m_delayed; // held by a latency fault, by release
    std::vector<MalformedFrame> m_malformed;
};

} // namespace cop::sim
