// SPDX-License-Identifier: GPL-3.0-or-later
#include "wiretestdata.h"

namespace cop::test {

namespace {
MessageHeader header(std::uint64_t sequence, TimeUs offsetUs = 0)
{
    return {"JP-JADGE", Nation::Japan, sequence, kTestEpochUs + offsetUs, kTimeUnset};
}
} // namespace

FeedMessage sampleTrackUpdate(std::uint64_t sequence)
{
    TrackUpdate track;
    track.trackId = "JP-0042";
    track.timeUs = kTestEpochUs;
    track.position = {40.5, 131.2, 812'000.0};
    track.velocity = {2100.0, 400.0, -150.0};
    track.positionCovarianceM2 = {250'000.0, 1'000.0, 0.0, 300'000.0, 0.0, 400'000.0};
    track.phase = TrackPhase::Midcourse;
    track.identity = Identity::Hostile;
    track.missileClass = MissileClass::IntermediateRange;
    track.hasLaunch = true;
    track.launchPoint = {39.2, 125.67, 0.0};
    track.launchTimeUs = kTestEpochUs - 240 * kMicrosPerSecond;
    track.hasImpact = true;
    track.impact.point = {41.3, 148.9, 0.0};
    track.impact.timeUs = kTestEpochUs + 900 * kMicrosPerSecond;
    track.impact.covarianceM2 = {4.0e8, 1.0e7, 9.0e8};
    track.contributingSensors = {"JP-FPS5-SADO", "US-TPY2-SHARIKI"};
    track.quality = 0.75f;
    return {header(sequence), std::move(track)};
}

FeedMessage sampleSpaceLaunchUpdate(std::uint64_t sequence)
{
    FeedMessage message = sampleTrackUpdate(sequence);
    auto &track = std::get<TrackUpdate>(message.body);
    track.missileClass = MissileClass::SpaceLaunch;
    track.phase = TrackPhase::Boost;
    track.stageDrops = {
        {1, {36.9, 124.2, 0.0}, kTestEpochUs - 60 * kMicrosPerSecond, {9.0e7, 1.0e6, 2.5e8}},
        {2, {20.5, 128.6, 0.0}, kTestEpochUs + 420 * kMicrosPerSecond, {4.0e8, -2.0e7, 1.6e9}},
    };
    return message;
}

FeedMessage sampleTrackDrop(std::uint64_t sequence)
{
    return {header(sequence, kMicrosPerSecond),
            TrackDrop{"JP-0042", kTestEpochUs + kMicrosPerSecond, DropReason::Impacted}};
}

FeedMessage sampleSensorStatus(std::uint64_t sequence)
{
    SensorStatus sensor;
    sensor.sensorId = "JP-FPS5-SADO";
    sensor.name = "FPS-5 Sado";
    sensor.kind = SensorKind::GroundRadar;
    sensor.site = {38.0, 138.3, 400.0};
    sensor.coverage = {280.0, 60.0, 1.0, 90.0, 1'500'000.0};
    sensor.state = SensorState::Operational;
    sensor.timeUs = kTestEpochUs;
    return {header(sequence), std::move(sensor)};
}

FeedMessage sampleHeartbeat(std::uint64_t sequence)
{
    return {header(sequence), Heartbeat{kTestEpochUs, 2.0}};
}

FeedMessage sampleAlertNotice(std::uint64_t sequence)
{
    AlertNotice notice;
    notice.alertId = "J-ALERT-0001";
    notice.timeUs = kTestEpochUs;
    notice.severity = AlertSeverity::Critical;
    notice.text = "Missile launch. Take shelter.";
    notice.areaName = "Hokkaido";
    notice.areaPolygon = {{41.4, 140.0, 0.0}, {45.5, 141.6, 0.0}, {43.3, 145.8, 0.0}};
    notice.trackId = "JP-0042";
    return {header(sequence), std::move(notice)};
}

} // namespace cop::test
