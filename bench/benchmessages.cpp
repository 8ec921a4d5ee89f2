// SPDX-License-Identifier: GPL-3.0-or-later
#include "benchmessages.h"

#include <array>
#include <string>

namespace cop::bench {

namespace {

struct SourceInfo
{
    const char *id;
    Nation nation;
    const char *trackPrefix;
    std::array<const char *, 3> sensors;
};

const std::array<SourceInfo, kSourceCount> kSources = {{
    {"JP-JADGE", Nation::Japan, "JP-", {"JP-FPS5-SADO", "JP-FPS5-SHIMOKOSHIKI", "JP-DDG-KONGO"}},
    {"US-C2BMC",
     Nation::UnitedStates,
     "US-",
     {"US-TPY2-SHARIKI", "US-TPY2-KYOGAMISAKI", "US-SBIRS-GEO1"}},
    {"KR-KAMD", Nation::Korea, "KR-", {"KR-GREENPINE-B", "KR-GREENPINE-C", "KR-DDG-SEJONG"}},
}};

MessageHeader header(int source, std::uint64_t sequence, TimeUs timeUs)
{
    return {kSources[static_cast<std::size_t>(source)].id,
            kSources[static_cast<std::size_t>(source)].nation, sequence, timeUs, kTimeUnset};
}

} // namespace

const char *sourceId(int source)
{
    return kSources[static_cast<std::size_t>(source)].id;
}

Nation sourceNation(int source)
{
    return kSources[static_cast<std::size_t>(source)].nation;
}

FeedMessage makeTrackUpdate(int source, int trackIndex, std::uint64_t sequence, TimeUs timeUs)
{
    const SourceInfo &info = kSources[static_cast<std::size_t>(source)];
    // Seconds since launch, spread over the tracks so they are in different parts of flight.
    const double flightS = 30.0 + static_cast<double>(trackIndex % 600)
        + static_cast<double>((timeUs - kBenchEpochUs) % 60'000'000) / 1e6;
    TrackUpdate track;
    track.trackId = std::string(info.trackPrefix) + std::to_string(10'000 + trackIndex);
    track.timeUs = timeUs;
    track.position
        = {39.0 + 0.004 * flightS, 125.7 + 0.02 * flightS, 150'000.0 + 1'000.0 * flightS};
    track.velocity = {2'100.0 + trackIndex % 100, 400.0, -150.0 + trackIndex % 300};
    track.positionCovarianceM2 = {250'000.0, 1'000.0, 500.0, 300'000.0, 200.0, 400'000.0};
    track.phase = TrackPhase::Midcourse;
    track.identity = Identity::Hostile;
    track.missileClass = MissileClass::IntermediateRange;
    track.hasLaunch = true;
    track.launchPoint = {39.2, 125.67, 0.0};
    track.launchTimeUs = timeUs - static_cast<TimeUs>(flightS * 1e6);
    track.hasImpact = true;
    track.impact.point = {41.3 + 0.001 * (trackIndex % 50), 148.9, 0.0};
    track.impact.timeUs = timeUs + 900 * kMicrosPerSecond;
    track.impact.covarianceM2 = {4.0e8, 1.0e7, 9.0e8};
    const std::size_t sensorCount = trackIndex % 2 == 0 ? 2 : 3;
    for (std::size_t i = 0; i < sensorCount; ++i)
        track.contributingSensors.emplace_back(info.sensors[i]);
    track.quality = 0.75f;
    return {header(source, sequence, timeUs), std::move(track)};
}

FeedMessage makeTrackDrop(int source, int trackIndex, std::uint64_t sequence, TimeUs timeUs)
{
    const SourceInfo &info = kSources[static_cast<std::size_t>(source)];
    return {header(source, sequence, timeUs),
            TrackDrop {std::string(info.trackPrefix) + std::to_string(10'000 + trackIndex), timeUs,
                       DropReason::Impacted}};
}

FeedMessage makeSensorStatus(int source, std::uint64_t sequence, TimeUs timeUs)
{
    SensorStatus sensor;
    sensor.sensorId = kSources[static_cast<std::size_t>(source)].sensors[0];
    sensor.name = "FPS-5 Sado";
    sensor.kind = SensorKind::GroundRadar;
    sensor.site = {38.0, 138.3, 400.0};
    sensor.coverage = {280.0, 60.0, 1.0, 90.0, 1'500'000.0};
    sensor.state = SensorState::Operational;
    sensor.timeUs = timeUs;
    return {header(source, sequence, timeUs), std::move(sensor)};
}

FeedMessage makeHeartbeat(int source, std::uint64_t sequence, TimeUs timeUs)
{
    return {header(source, sequence, timeUs), Heartbeat {timeUs, 10.0}};
}

FeedMessage makeAlertNotice(int source, std::uint64_t sequence, TimeUs timeUs)
{
    AlertNotice notice;
    notice.alertId = "J-ALERT-0001";
    notice.timeUs = timeUs;
    notice.severity = AlertSeverity::Critical;
    notice.text = "Missile launch. Take shelter in a building or underground.";
    notice.areaName = "Hokkaido";
    notice.areaPolygon
        = {{41.4, 140.0, 0.0}, {45.5, 141.6, 0.0}, {43.3, 145.8, 0.0}, {42.0, 143.0, 0.0}};
    notice.trackId = "JP-10042";
    return {header(source, sequence, timeUs), std::move(notice)};
}

} // namespace cop::bench
