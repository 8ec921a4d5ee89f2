// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain.h"
#include "geo.h"
#include "timeus.h"

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace cop {

// The decoded, validated feed messages. Live ZeroMQ, a recorded session and the built-in
// simulator all produce these, so everything downstream of decoding is one pipeline.

// Fields common to every message: who sent it, in what order, and when.
struct MessageHeader
{
    std::string sourceId;      // publishing system, unique across the feed
    Nation nation = Nation::Japan;
    std::uint64_t sequence = 0; // per source, +1 per message; a jump reveals loss
    TimeUs sourceTimeUs = kTimeUnset;
    TimeUs receiveTimeUs = kTimeUnset; // stamped by the viewer, not sent on the wire
};

// Predicted impact: where and when, and how sure.
struct ImpactPrediction
{
    GeoPosition point;           // altitude is the ground height used (usually 0)
    TimeUs timeUs = kTimeUnset;  // predicted time of impact
    EnuCovariance2 covarianceM2; // east/north, square metres
};

// Where a spent stage is predicted to fall (a space launcher drops its stages along its path).
struct StageDropZone
{
    int stage = 1; // 1 = first stage
    GeoPosition point;
    TimeUs timeUs = kTimeUnset; // predicted time of impact
    EnuCovariance2 covarianceM2;
    friend bool operator==(const StageDropZone &, const StageDropZone &) = default;
};

// Full state of one track as one source sees it. Full state every time, never a delta, so
// a late joiner converges within one update period.
struct TrackUpdate
{
    std::string trackId; // unique within its source
    TimeUs timeUs = kTimeUnset; // time of validity of the state
    GeoPosition position;
    EnuVelocity velocity;
    EnuCovariance3 positionCovarianceM2;
    TrackPhase phase = TrackPhase::Unknown;
    Identity identity = Identity::Unknown;
    MissileClass missileClass = MissileClass::Unknown;
    bool hasLaunch = false;
    GeoPosition launchPoint;
    TimeUs launchTimeUs = kTimeUnset;
    bool hasImpact = false;
    ImpactPrediction impact;
    std::vector<std::string> contributingSensors;
    float quality = 0.0f; // 0 (poor) .. 1 (excellent)
    std::vector<StageDropZone> stageDrops; // spent stages separated so far, by stage number
};

struct TrackDrop
{
    std::string trackId;
    TimeUs timeUs = kTimeUnset;
    DropReason reason = DropReason::Unknown;
};

// Where a sensor can see: a sector of azimuths and elevations out to a maximum range.
struct SensorCoverage
{
    double boresightAzimuthDeg = 0.0;
    double azimuthHalfWidthDeg = 180.0; // 180 = all round
    double minElevationDeg = 0.0;
    double maxElevationDeg = 90.0;
    double maxRangeM = 0.0;
};

struct SensorStatus
{
    std::string sensorId;
    std::string name;
    SensorKind kind = SensorKind::Unknown;
    GeoPosition site;
    SensorCoverage coverage;
    SensorState state = SensorState::Unknown;
    TimeUs timeUs = kTimeUnset;
};

struct Heartbeat
{
    TimeUs timeUs = kTimeUnset;
    double updateRateHz = 0.0; // the source's nominal track update rate, if it states one
};

// A warning issued by a national system, shown beside the viewer's own alerts.
struct AlertNotice
{
    std::string alertId;
    TimeUs timeUs = kTimeUnset;
    AlertSeverity severity = AlertSeverity::Info;
    std::string text;
    std::string areaName;
    std::vector<GeoPosition> areaPolygon; // optional outline, closed implicitly
    std::string trackId;                  // optional: the track it concerns
};

using MessageBody = std::variant<TrackUpdate, TrackDrop, SensorStatus, Heartbeat, AlertNotice>;

// One decoded message. The variant's index order matches MessageKind.
struct FeedMessage
{
    MessageHeader header;
    MessageBody body;

    MessageKind kind() const { return static_cast<MessageKind>(body.index()); }
};

using FeedBatch = std::vector<FeedMessage>;

} // namespace cop
