// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain.h"
#include "core/geo.h"

#include <optional>
#include <string>
#include <vector>

namespace cop::sim {

// A scenario as an analyst or trainer writes it (JSON, docs/sim-scenario-files.md): launches,
// sensor outages and degradations, and faults of the feed itself. Plain data, kept as authored
// (a target given by azimuth and range stays that way) so a file reads back unchanged.

enum class TrajectoryShape : std::uint8_t {
    MinimumEnergy, // the least-energy conic to the target
    Lofted,        // steeper, to the given apogee (above the minimum-energy one)
    Depressed,     // flatter, to the given apogee (below the minimum-energy one)
};

struct ScenarioLaunch
{
    std::string name;
    MissileClass missileClass = MissileClass::Unknown;
    std::string siteName; // a named site (launchsites.h); empty when given by coordinates
    GeoPosition site;     // resolved position of the pad
    double timeS = 0.0;   // launch time in the scenario (within the loop, if it loops)
    // Target: a point, or an azimuth and range from the site.
    bool targetByBearing = false;
    GeoPosition target;
    double azimuthDeg = 0.0;
    double rangeKm = 0.0;
    TrajectoryShape shape = TrajectoryShape::MinimumEnergy;
    std::optional<double> apogeeKm; // required for lofted and depressed
    std::optional<double> burnTimeS; // empty: the class's typical burn (defaultBurnTimeS)
    friend bool operator==(const ScenarioLaunch &, const ScenarioLaunch &) = default;
};

// A time window in the scenario, repeated every repeatS (0: once).
struct ScenarioWindow
{
    double fromS = 0.0;
    double untilS = 0.0;
    double repeatS = 0.0;
    bool contains(double scenarioS) const;
    friend bool operator==(const ScenarioWindow &, const ScenarioWindow &) = default;
};

// A sensor degraded or offline for a while.
struct SensorEvent
{
    std::string sensorId;
    SensorState state = SensorState::Offline;
    ScenarioWindow window;
    friend bool operator==(const SensorEvent &, const SensorEvent &) = default;
};

enum class FeedFaultKind : std::uint8_t {
    Silent,          // the source sends nothing, not even heartbeats
    Loss,            // a fraction of its messages is lost (sequence gaps)
    SequenceGap,     // its sequence counter jumps forward by `skip` at the window's start
    SequenceRestart, // its sequence counter starts again at 1 (a restarted publisher)
    Latency,         // its messages arrive latencyS late
    Malformed,       // `count` undecodable frames are published under its name
};

struct FeedFault
{
    FeedFaultKind kind = FeedFaultKind::Silent;
    std::string sourceId;
    ScenarioWindow window; // instantaneous kinds (gap, restart, malformed) use fromS only
    double lossFraction = 0.0; // Loss
    double latencyS = 0.0;     // Latency
    int skip = 0;              // SequenceGap
    int count = 0;             // Malformed
    friend bool operator==(const FeedFault &, const FeedFault &) = default;
};

struct Scenario
{
    std::string name;
    std::string note;
    // Length of the loop, seconds; 0: the scenario plays once. In a loop each launch repeats
    // every whole number of loops longer than its flight.
    double loopS = 0.0;
    // Where in the scenario the feed starts (a demo starts mid-loop, with missiles in the air).
    double startOffsetS = 0.0;
    std::vector<ScenarioLaunch> launches;
    std::vector<SensorEvent> sensorEvents;
    std::vector<FeedFault> feedFaults;
    friend bool operator==(const Scenario &, const Scenario &) = default;
};

// The burn time a launch of this class has when its file does not say (public figures: about
// 60 s for a solid SRBM, 100 s for an MRBM, 150 s for an IRBM, 300 s for a two-stage ICBM).
double defaultBurnTimeS(MissileClass missileClass);

// The built-in demo as a Scenario; resources/scenarios/demo.json is the same as a file (a test
// keeps the two identical).
Scenario defaultDemoScenario();

} // namespace cop::sim
