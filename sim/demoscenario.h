// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/messages.h"
#include "sim/flight.h"
#include "sim/nationalsource.h"
#include "sim/sensorcataloguefile.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace cop::sim {

struct DemoScenarioOptions
{
    // Feed time at which the scenario starts: the wall clock for a live demo, a fixed epoch
    // in tests and recordings.
    TimeUs epochUs = 0;
    // Where in the scenario's timeline the epoch falls. The default starts mid-loop, with
    // several missiles already in flight, so the picture is busy from the first second.
    double startOffsetS = 290.0;
    std::uint64_t seed = 1;
    // Each nation's sensors; empty means the built-in notional laydown (sensorcatalogue.h). A
    // nation the catalogue does not list has no sensors.
    std::shared_ptr<const SensorCatalogue> sensorCatalogue;
};

// One launch of the scenario's loop. Its flight is laid out with launch time 0; the scenario
// relaunches it every repeatPeriodUs.
struct ScheduledLaunch
{
    std::string name;
    MissileClass missileClass = MissileClass::Unknown;
    double loopOffsetS = 0.0;   // launch time within the loop
    TimeUs repeatPeriodUs = 0;  // a whole number of loops, longer than the flight
    BallisticFlight flight;
};

// The built-in demo: a looping, deterministic scenario of North Korean launches — a
// short-range salvo and an SLBM into the Sea of Japan, an MRBM, an IRBM overflying northern
// Japan into the Pacific, a lofted ICBM landing in Japan's EEZ west of Hokkaido — reported by
// Japanese, US and Korean sources through the real message types.
//
// The loop is ten minutes. Launches whose flights outlast it (IRBM, ICBM) repeat every
// whole number of loops instead, so one missile of each kind is in the air at a time.
class DemoScenario
{
public:
    static constexpr double kLoopS = 600.0;

    explicit DemoScenario(const DemoScenarioOptions &options = {});

    // All messages with source time in (previous call, nowUs] — the first call starts at
    // the epoch, inclusive — ordered by source time. receiveTimeUs is left unset.
    std::vector<FeedMessage> advanceTo(TimeUs nowUs);

    const DemoScenarioOptions &options() const { return m_options; }
    const std::vector<ScheduledLaunch> &launches() const { return m_launches; }
    const std::vector<NationalSource> &sources() const { return m_sources; }

    // Truth: every missile in the air, or awaiting its drop, at some time in [fromUs, toUs],
    // ordered by launch time.
    std::vector<MissileInstance> missilesBetween(TimeUs fromUs, TimeUs toUs) const;
    // Truth: missiles between launch and impact at timeUs.
    std::vector<MissileInstance> missilesInFlightAt(TimeUs timeUs) const;

    // Sensor health: one sensor goes degraded for a minute each loop, so the viewer's health
    // display has something to show.
    SensorState sensorState(const std::string &sensorId, TimeUs timeUs) const;

private:
    TimeUs scenarioTimeUs(TimeUs feedTimeUs) const;

    DemoScenarioOptions m_options;
    TimeUs m_startOffsetUs = 0;
    std::vector<ScheduledLaunch> m_launches;
    std::vector<NationalSource> m_sources;
    TimeUs m_lastUs = 0;
};

} // namespace cop::sim
