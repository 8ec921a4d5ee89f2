// SPDX-License-Identifier: GPL-3.0-or-later
#include "seektestsupport.h"

#include "core/sessionwriter.h"
#include "core/sqlite.h"
#include "net/wiredecoder.h"
#include "net/wireencoder.h"
#include "wiretestdata.h"

#include <gtest/gtest.h>

namespace cop::net::seektest {
namespace {

struct SourceFeed
{
    std::string sourceId;
    Nation nation;
    std::uint64_t sequence = 0;
};

} // namespace

// A session of three sources over 90 s: tracks that start, fly at 4 Hz and are dropped; sensor
// status, heartbeats, a national alert notice, a lost stretch (a sequence gap) and, at
// kRestartUs, JP's publisher restarting its sequence from 1. Snapshots every second.
std::string recordSession(const QTemporaryDir &dir, const std::string &name,
                          TimeUs snapshotIntervalUs, std::int64_t *snapshots)
{
    const std::string path = dir.filePath(QString::fromStdString(name)).toStdString();
    SessionWriterOptions options;
    options.snapshotIntervalUs = snapshotIntervalUs;
    options.snapshot.maxStatesPerTrack = 16; // fewer than a track's states: tails are tested
    options.commitIntervalMs = 5; // many batches, so snapshots fall inside and between them
    SessionWriter writer(options);
    EXPECT_TRUE(writer.open(path, {"cop-test", "1", "seek test"}));
    WireEncoder encoder;
    std::string payload;
    std::vector<SourceFeed> sources = {{"JP-JADGE", Nation::Japan},
                                       {"US-C2BMC", Nation::UnitedStates},
                                       {"KR-KAMD", Nation::Korea}};
    bool restarted = false;
    const auto send = [&](SourceFeed &source, FeedMessage message, TimeUs atUs) {
        message.header.sourceId = source.sourceId;
        message.header.nation = source.nation;
        message.header.sequence = ++source.sequence;
        message.header.sourceTimeUs = atUs;
        message.header.receiveTimeUs = atUs + 3 * kMicrosPerMillisecond;
        ASSERT_TRUE(encoder.encode(message, payload));
        ASSERT_TRUE(writer.append(encoder.topic(message), payload, message));
    };
    for (TimeUs t = 0; t < kSessionUs; t += 250 * kMicrosPerMillisecond) {
        const TimeUs atUs = kEpochUs + t;
        if (!restarted && t >= kRestartUs) {
            restarted = true;
            sources[0].sequence = 0;
        }
        if (t == 30 * kMicrosPerSecond)
            sources[1].sequence += 17; // messages lost before the recorder
        for (int s = 0; s < 3; ++s) {
            SourceFeed &source = sources[static_cast<std::size_t>(s)];
            // Track k of this source flies from 10 s * k to 10 s * k + 40 s.
            for (int k = 0; k < 9; ++k) {
                const TimeUs startUs = k * 10 * kMicrosPerSecond + s * kMicrosPerSecond;
                if (t < startUs || t > startUs + 40 * kMicrosPerSecond)
                    continue;
                const std::string trackId
                    = std::string(nationCode(source.nation)) + "-" + std::to_string(k);
                if (t
                    == startUs + 40 * kMicrosPerSecond
                        - (startUs % (250 * kMicrosPerMillisecond))) {
                    FeedMessage drop = test::sampleTrackDrop();
                    auto &body = std::get<TrackDrop>(drop.body);
                    body.trackId = trackId;
                    body.timeUs = atUs;
                    body.reason = DropReason::Impacted;
                    send(source, drop, atUs);
                    continue;
                }
                FeedMessage update = test::sampleTrackUpdate();
                auto &track = std::get<TrackUpdate>(update.body);
                track.trackId = trackId;
                track.timeUs = atUs;
                const double flownS = static_cast<double>(t - startUs) / 1e6;
                track.position.latDeg = 39.0 + 0.01 * flownS + 0.1 * k;
                track.position.lonDeg = 127.0 + 0.02 * flownS + 0.05 * s;
                track.position.altitudeM = 1000.0 * flownS;
                track.velocity.upMps = 1000.0 - 10.0 * flownS;
                track.quality = static_cast<float>(0.5 + 0.01 * flownS);
                track.phase = flownS < 10 ? TrackPhase::Boost : TrackPhase::Midcourse;
                track.impact.timeUs = kEpochUs + startUs + 40 * kMicrosPerSecond;
                track.impact.point.latDeg = 40.0 + 0.001 * flownS;
                send(source, update, atUs);
            }
            if (t % kMicrosPerSecond == 0) {
                FeedMessage heartbeat = test::sampleHeartbeat();
                std::get<Heartbeat>(heartbeat.body).timeUs = atUs;
                send(source, heartbeat, atUs);
            }
            if (t % (7 * kMicrosPerSecond) == 0) {
                FeedMessage sensor = test::sampleSensorStatus();
                auto &status = std::get<SensorStatus>(sensor.body);
                status.sensorId = source.sourceId + "-R1";
                status.timeUs = atUs;
                status.state = (t / kMicrosPerSecond) % 2 == 0 ? SensorState::Operational
                                                               : SensorState::Degraded;
                send(source, sensor, atUs);
            }
            if (s == 2 && t == 22 * kMicrosPerSecond) {
                FeedMessage notice = test::sampleAlertNotice();
                std::get<AlertNotice>(notice.body).timeUs = atUs;
                send(source, notice, atUs);
            }
        }
    }
    writer.close();
    if (snapshots)
        *snapshots = static_cast<std::int64_t>(writer.counters().snapshotsWritten.load());
    return path;
}

// The reference: every message from the start up to timeUs, then pruned as a rebuild is.
void buildFromStart(SessionReader &reader, TimeUs timeUs, Picture &picture)
{
    picture.clear();
    WireDecoder decoder;
    WireDecoder::Rejection rejection;
    FeedBatch batch;
    const SessionReadResult result
        = reader.read({}, timeUs + 1, 10'000'000, [&](const StoredMessage &stored) {
              FeedMessage &message = batch.emplace_back();
              ASSERT_TRUE(decoder.decode(stored.topic, stored.payload, message, rejection));
              message.header.receiveTimeUs = stored.receiveTimeUs;
          });
    ASSERT_TRUE(result.error.empty()) << result.error;
    picture.applyBatch(batch);
    picture.pruneDroppedTracks();
}

void expectSamePosition(const GeoPosition &a, const GeoPosition &b)
{
    EXPECT_EQ(a.latDeg, b.latDeg);
    EXPECT_EQ(a.lonDeg, b.lonDeg);
    EXPECT_EQ(a.altitudeM, b.altitudeM);
}

void expectSameState(const TrackUpdate &a, const TrackUpdate &b)
{
    EXPECT_EQ(a.trackId, b.trackId);
    EXPECT_EQ(a.timeUs, b.timeUs);
    expectSamePosition(a.position, b.position);
    EXPECT_EQ(a.velocity.eastMps, b.velocity.eastMps);
    EXPECT_EQ(a.velocity.northMps, b.velocity.northMps);
    EXPECT_EQ(a.velocity.upMps, b.velocity.upMps);
    EXPECT_EQ(a.positionCovarianceM2, b.positionCovarianceM2);
    EXPECT_EQ(a.phase, b.phase);
    EXPECT_EQ(a.identity, b.identity);
    EXPECT_EQ(a.missileClass, b.missileClass);
    EXPECT_EQ(a.hasLaunch, b.hasLaunch);
    expectSamePosition(a.launchPoint, b.launchPoint);
    EXPECT_EQ(a.launchTimeUs, b.launchTimeUs);
    EXPECT_EQ(a.hasImpact, b.hasImpact);
    expectSamePosition(a.impact.point, b.impact.point);
    EXPECT_EQ(a.impact.timeUs, b.impact.timeUs);
    EXPECT_EQ(a.impact.covarianceM2, b.impact.covarianceM2);
    EXPECT_EQ(a.contributingSensors, b.contributingSensors);
    EXPECT_EQ(a.quality, b.quality);
}

void expectSameSource(const SourceRecord &a, const SourceRecord &b)
{
    SCOPED_TRACE(a.sourceId);
    EXPECT_EQ(a.sourceId, b.sourceId);
    EXPECT_EQ(a.nation, b.nation);
    EXPECT_EQ(a.firstReceiveTimeUs, b.firstReceiveTimeUs);
    EXPECT_EQ(a.lastReceiveTimeUs, b.lastReceiveTimeUs);
    EXPECT_EQ(a.lastSourceTimeUs, b.lastSourceTimeUs);
    EXPECT_EQ(a.lastHeartbeatReceiveTimeUs, b.lastHeartbeatReceiveTimeUs);
    EXPECT_EQ(a.lastSequence, b.lastSequence);
    EXPECT_EQ(a.messageCount, b.messageCount);
    EXPECT_EQ(a.gapCount, b.gapCount);
    EXPECT_EQ(a.missedMessages, b.missedMessages);
    EXPECT_EQ(a.outOfOrderCount, b.outOfOrderCount);
    EXPECT_EQ(a.restartCount, b.restartCount);
    EXPECT_EQ(a.tracksRefused, b.tracksRefused);
    EXPECT_EQ(a.lastGapReceiveTimeUs, b.lastGapReceiveTimeUs);
    for (int k = 0; k < kMessageKindCount; ++k)
        EXPECT_EQ(a.messageCountByKind[k], b.messageCountByKind[k]) << "kind " << k;
    EXPECT_EQ(a.nominalUpdateRateHz, b.nominalUpdateRateHz);
    EXPECT_EQ(a.lastLatencyUs, b.lastLatencyUs);
}

// Every field of the two pictures as of timeUs. The rebuilt picture's histories may be shorter
// (a snapshot keeps a tail), so each must be a tail of the reference's, at least tailStates
// long before the snapshot.
void expectSamePicture(const Picture &reference, const Picture &rebuilt, TimeUs timeUs,
                       std::size_t tailStates)
{
    EXPECT_EQ(rebuilt.messagesApplied(), reference.messagesApplied());
    EXPECT_EQ(rebuilt.latestSourceTimeUs(), reference.latestSourceTimeUs());
    ASSERT_EQ(rebuilt.tracks().size(), reference.tracks().size());
    EXPECT_EQ(rebuilt.trackCountAt(timeUs), reference.trackCountAt(timeUs));
    for (std::size_t i = 0; i < reference.tracks().size(); ++i) {
        const TrackRecord &a = *reference.tracks()[i];
        const TrackRecord &b = *rebuilt.tracks()[i];
        SCOPED_TRACE(a.key.sourceId + "/" + a.key.trackId);
        EXPECT_EQ(b.key, a.key);
        EXPECT_EQ(b.nation, a.nation);
        EXPECT_EQ(b.lastReceiveTimeUs, a.lastReceiveTimeUs);
        EXPECT_EQ(b.dropTimeUs, a.dropTimeUs);
        EXPECT_EQ(b.dropReason, a.dropReason);
        EXPECT_EQ(b.stateAt(timeUs) == nullptr, a.stateAt(timeUs) == nullptr);
        if (a.stateAt(timeUs) && b.stateAt(timeUs))
            expectSameState(*a.stateAt(timeUs), *b.stateAt(timeUs));
        ASSERT_LE(b.history.size(), a.history.size());
        EXPECT_GE(b.history.size(), std::min(a.history.size(), tailStates));
        const std::size_t offset = a.history.size() - b.history.size();
        for (std::size_t s = 0; s < b.history.size(); ++s)
            expectSameState(a.history[offset + s], b.history[s]);
        EXPECT_EQ(rebuilt.track(a.key), &b);
    }
    ASSERT_EQ(rebuilt.sources().size(), reference.sources().size());
    for (const auto &[id, source] : reference.sources()) {
        ASSERT_TRUE(rebuilt.sources().contains(id)) << id;
        expectSameSource(source, rebuilt.sources().at(id));
    }
    std::size_t sensors = 0;
    reference.forEachSensorAt(timeUs, [&](const SensorRecord &record, const SensorStatus &status) {
        ++sensors;
        const SensorRecord *other = rebuilt.sensor(status.sensorId);
        ASSERT_NE(other, nullptr) << status.sensorId;
        EXPECT_EQ(other->nation, record.nation);
        EXPECT_EQ(other->lastReceiveTimeUs, record.lastReceiveTimeUs);
        const SensorStatus &mine = other->latest();
        EXPECT_EQ(mine.name, status.name);
        EXPECT_EQ(mine.kind, status.kind);
        EXPECT_EQ(mine.state, status.state);
        EXPECT_EQ(mine.timeUs, status.timeUs);
        expectSamePosition(mine.site, status.site);
        EXPECT_EQ(mine.coverage.maxRangeM, status.coverage.maxRangeM);
        EXPECT_EQ(mine.coverage.boresightAzimuthDeg, status.coverage.boresightAzimuthDeg);
    });
    std::size_t rebuiltSensors = 0;
    rebuilt.forEachSensorAt(timeUs,
                            [&](const SensorRecord &, const SensorStatus &) { ++rebuiltSensors; });
    EXPECT_EQ(rebuiltSensors, sensors);
    ASSERT_EQ(rebuilt.alertNotices().size(), reference.alertNotices().size());
    for (std::size_t i = 0; i < reference.alertNotices().size(); ++i) {
        const AlertNoticeRecord &a = reference.alertNotices()[i];
        const AlertNoticeRecord &b = rebuilt.alertNotices()[i];
        EXPECT_EQ(b.header.sourceId, a.header.sourceId);
        EXPECT_EQ(b.header.sequence, a.header.sequence);
        EXPECT_EQ(b.header.receiveTimeUs, a.header.receiveTimeUs);
        EXPECT_EQ(b.notice.alertId, a.notice.alertId);
        EXPECT_EQ(b.notice.text, a.notice.text);
        EXPECT_EQ(b.notice.severity, a.notice.severity);
        EXPECT_EQ(b.notice.areaPolygon.size(), a.notice.areaPolygon.size());
    }
}

std::vector<TimeUs> snapshotTimes(const std::string &path)
{
    sqlite3 *raw = nullptr;
    EXPECT_EQ(sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite::Database db(raw);
    sqlite::Statement query(db.get(), "SELECT time_us FROM snapshots ORDER BY time_us");
    std::vector<TimeUs> times;
    while (query.step() == SQLITE_ROW)
        times.push_back(query.columnInt64(0));
    return times;
}

} // namespace cop::net::seektest
