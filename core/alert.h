// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain.h"
#include "geo.h"
#include "picture.h"
#include "timeus.h"

#include <QString>

#include <cstdint>
#include <string>

namespace cop {

// What an alert is about. One word per idea, shared by the panel, cop-monitor and the session.
enum class AlertKind : std::uint8_t {
    LaunchDetected, // once per launch, however many nations track it
    ImpactThreat, // the 95% impact ellipse meets a protected area
    Overflight, // the predicted ground track crosses protected territory
    TrackStale, // no update for several update periods
    TrackLost, // dropped as lost, or silent long past stale
    SensorDegraded,
    SensorOffline,
    SourceSilent, // no message from a source for 3 s of receive time
    SequenceGap, // messages from a source went missing
    HighLatency, // a source's messages arrive late
    NationalNotice, // an AlertNotice from a national system, shown as sent
};
QString alertKindName(AlertKind kind);
std::string_view alertKindCode(AlertKind kind); // "launch-detected", for JSON and logs

enum class AlertEventType : std::uint8_t { Raised, Updated, Cleared, Acknowledged };
std::string_view alertEventTypeCode(AlertEventType type); // "raise", "update", ...

// How an alert ended; an operator must never be left guessing whether a threat is over.
enum class AlertEnding : std::uint8_t {
    None, // still active
    AllClear, // the threat left the area (after hysteresis)
    Impact, // the missile came down
    Recovered, // track, sensor or source is healthy again
    Ended, // its subject went away without either (e.g. the launch's tracks were dropped)
    AreasChanged, // the operator changed the protected areas; the rules judge afresh
};
QString alertEndingName(AlertEnding ending);
std::string_view alertEndingCode(AlertEnding ending);

// One alert, with its whole life so far. Updated in place: the id never changes.
struct Alert
{
    std::uint64_t id = 0;
    AlertKind kind = AlertKind::LaunchDetected;
    AlertSeverity severity = AlertSeverity::Info;
    bool active = true;
    AlertEnding ending = AlertEnding::None;
    QString text; // one line for the operator

    std::uint64_t launchId = 0; // 0 when not about a launch
    std::string areaId; // protected area, if any
    QString areaName;
    TrackKey track; // the national track it concerns, if any
    std::string sourceId; // publishing source, for feed health and national notices
    std::string sensorId;
    Nation nation = Nation::Japan; // of the area, source or sensor concerned

    bool hasPosition = false; // where the map should centre
    GeoPosition position;
    TimeUs predictedImpactTimeUs = kTimeUnset;

    TimeUs raisedTimeUs = kTimeUnset;
    TimeUs updatedTimeUs = kTimeUnset;
    TimeUs clearedTimeUs = kTimeUnset;
    std::uint32_t updateCount = 0;

    bool acknowledged = false;
    QString acknowledgedBy;
    TimeUs acknowledgedTimeUs = kTimeUnset;
};

// What happened to an alert, with a snapshot of it afterwards.
struct AlertEvent
{
    AlertEventType type = AlertEventType::Raised;
    TimeUs timeUs = kTimeUnset; // receive-time clock of the engine when it happened
    Alert alert;
};

} // namespace cop
