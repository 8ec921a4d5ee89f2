// SPDX-License-Identifier: GPL-3.0-or-later
// Round trip of every message kind through the wire encoder and decoder.
#include "net/wiretestdata.h"

#include "net/protocol.h"
#include "net/wiredecoder.h"
#include "net/wireencoder.h"

#include <gtest/gtest.h>

#include <functional>

namespace cop {

// Readable failures for the domain types.
void PrintTo(const MessageHeader &h, std::ostream *os)
{
    *os << h.sourceId << "/" << nationCode(h.nation) << " #" << h.sequence << " @" << h.sourceTimeUs;
}

bool operator==(const ImpactPrediction &a, const ImpactPrediction &b)
{
    return a.point == b.point && a.timeUs == b.timeUs && a.covarianceM2 == b.covarianceM2;
}
bool operator==(const TrackUpdate &a, const TrackUpdate &b)
{
    return a.trackId == b.trackId && a.timeUs == b.timeUs && a.position == b.position
           && a.velocity == b.velocity && a.positionCovarianceM2 == b.positionCovarianceM2
           && a.phase == b.phase && a.identity == b.identity && a.missileClass == b.missileClass
           && a.hasLaunch == b.hasLaunch && a.launchPoint == b.launchPoint
           && a.launchTimeUs == b.launchTimeUs && a.hasImpact == b.hasImpact
           && a.impact == b.impact && a.contributingSensors == b.contributingSensors
           && a.quality == b.quality && a.stageDrops == b.stageDrops;
}
bool operator==(const TrackDrop &a, const TrackDrop &b)
{
    return a.trackId == b.trackId && a.timeUs == b.timeUs && a.reason == b.reason;
}
bool operator==(const SensorCoverage &a, const SensorCoverage &b)
{
    return a.boresightAzimuthDeg == b.boresightAzimuthDeg
           && a.azimuthHalfWidthDeg == b.azimuthHalfWidthDeg && a.minElevationDeg == b.minElevationDeg
           && a.maxElevationDeg == b.maxElevationDeg && a.maxRangeM == b.maxRangeM;
}
bool operator==(const SensorStatus &a, const SensorStatus &b)
{
    return a.sensorId == b.sensorId && a.name == b.name && a.kind == b.kind && a.site == b.site
           && a.coverage == b.coverage && a.state == b.state && a.timeUs == b.timeUs;
}
bool operator==(const Heartbeat &a, const Heartbeat &b)
{
    return a.timeUs == b.timeUs && a.updateRateHz == b.updateRateHz;
}
bool operator==(const AlertNotice &a, const AlertNotice &b)
{
    return a.alertId == b.alertId && a.timeUs == b.timeUs && a.severity == b.severity
           && a.text == b.text && a.areaName == b.areaName && a.areaPolygon == b.areaPolygon
           && a.trackId == b.trackId;
}

namespace {

struct RoundTripCase
{
    const char *name;
    std::function<FeedMessage()> make;
    const char *expectedTopic;
};

class CodecRoundTrip : public ::testing::TestWithParam<RoundTripCase>
{
};

TEST_P(CodecRoundTrip, DecodesWhatWasEncoded)
{
    const FeedMessage original = GetParam().make();
    net::WireEncoder encoder;
    std::string payload;
    ASSERT_TRUE(encoder.encode(original, payload));
    const std::string topic = encoder.topic(original);
    EXPECT_EQ(topic, GetParam().expectedTopic);

    net::WireDecoder decoder;
    net::WireDecoder::Rejection rejection;
    FeedMessage decoded;
    ASSERT_TRUE(decoder.decode(topic, payload, decoded, rejection)) << rejection.detail;
    EXPECT_EQ(decoded.header.sourceId, original.header.sourceId);
    EXPECT_EQ(decoded.header.nation, original.header.nation);
    EXPECT_EQ(decoded.header.sequence, original.header.sequence);
    EXPECT_EQ(decoded.header.sourceTimeUs, original.header.sourceTimeUs);
    EXPECT_EQ(decoded.kind(), original.kind());
    EXPECT_TRUE(decoded.body == original.body);
    EXPECT_FALSE(net::payloadToJson(payload).empty());
}

INSTANTIATE_TEST_SUITE_P(
    AllKinds, CodecRoundTrip,
    ::testing::Values(RoundTripCase{"track", [] { return test::sampleTrackUpdate(); }, "track.JP.JP-JADGE"},
                      RoundTripCase{"spaceLaunch", [] { return test::sampleSpaceLaunchUpdate(); }, "track.JP.JP-JADGE"},
                      RoundTripCase{"drop", [] { return test::sampleTrackDrop(); }, "drop.JP.JP-JADGE"},
                      RoundTripCase{"sensor", [] { return test::sampleSensorStatus(); }, "sensor.JP.JP-JADGE"},
                      RoundTripCase{"heartbeat", [] { return test::sampleHeartbeat(); }, "heartbeat.JP.JP-JADGE"},
                      RoundTripCase{"alert", [] { return test::sampleAlertNotice(); }, "alert.JP.JP-JADGE"}),
    [](const auto &info) { return std::string(info.param.name); });

TEST(Codec, TrackWithoutLaunchOrImpactRoundTrips)
{
    FeedMessage message = test::sampleTrackUpdate();
    auto &track = std::get<TrackUpdate>(message.body);
    track.hasLaunch = false;
    track.launchTimeUs = kTimeUnset;
    track.hasImpact = false;
    track.contributingSensors.clear();
    net::WireEncoder encoder;
    std::string payload;
    ASSERT_TRUE(encoder.encode(message, payload));
    net::WireDecoder decoder;
    net::WireDecoder::Rejection rejection;
    FeedMessage decoded;
    ASSERT_TRUE(decoder.decode(encoder.topic(message), payload, decoded, rejection)) << rejection.detail;
    const auto &out = std::get<TrackUpdate>(decoded.body);
    EXPECT_FALSE(out.hasLaunch);
    EXPECT_EQ(out.launchTimeUs, kTimeUnset);
    EXPECT_FALSE(out.hasImpact);
    EXPECT_TRUE(out.contributingSensors.empty());
}

TEST(Codec, RecycledMessageDropsTheLastTracksStageDrops)
{
    net::WireEncoder encoder;
    net::WireDecoder decoder;
    net::WireDecoder::Rejection rejection;
    FeedMessage decoded;
    std::string payload;
    const FeedMessage launcher = test::sampleSpaceLaunchUpdate(1);
    ASSERT_TRUE(encoder.encode(launcher, payload));
    ASSERT_TRUE(decoder.decode(encoder.topic(launcher), payload, decoded, rejection)) << rejection.detail;
    ASSERT_EQ(std::get<TrackUpdate>(decoded.body).stageDrops.size(), 2u);
    EXPECT_EQ(std::get<TrackUpdate>(decoded.body).stageDrops[1].stage, 2);
    const FeedMessage missile = test::sampleTrackUpdate(2);
    ASSERT_TRUE(encoder.encode(missile, payload));
    ASSERT_TRUE(decoder.decode(encoder.topic(missile), payload, decoded, rejection)) << rejection.detail;
    EXPECT_TRUE(std::get<TrackUpdate>(decoded.body).stageDrops.empty());
}

TEST(Codec, DecoderReusedAcrossKindsKeepsNoStaleFields)
{
    net::WireEncoder encoder;
    net::WireDecoder decoder;
    net::WireDecoder::Rejection rejection;
    FeedMessage decoded;
    std::string payload;
    for (const auto &message : {test::sampleTrackUpdate(), test::sampleHeartbeat(), test::sampleTrackUpdate()}) {
        ASSERT_TRUE(encoder.encode(message, payload));
        ASSERT_TRUE(decoder.decode(encoder.topic(message), payload, decoded, rejection));
        EXPECT_TRUE(decoded.body == message.body);
    }
}

} // namespace
} // namespace cop

namespace cop {
namespace {

// The subscriber decodes into recycled messages: a track without launch or impact decoded into
// a message that held them before must not inherit them.
TEST(Codec, RecycledMessageDoesNotKeepOptionalPartsOfTheLastOne)
{
    net::WireEncoder encoder;
    net::WireDecoder decoder;
    net::WireDecoder::Rejection rejection;
    std::string payload;

    FeedMessage full = test::sampleTrackUpdate(1);
    ASSERT_TRUE(encoder.encode(full, payload));
    FeedMessage recycled;
    ASSERT_TRUE(decoder.decode(encoder.topic(full), payload, recycled, rejection));
    ASSERT_TRUE(std::get<TrackUpdate>(recycled.body).hasImpact);

    FeedMessage bare = test::sampleTrackUpdate(2);
    auto &track = std::get<TrackUpdate>(bare.body);
    track.hasLaunch = false;
    track.launchPoint = {};
    track.launchTimeUs = kTimeUnset;
    track.hasImpact = false;
    track.impact = {};
    track.contributingSensors.clear();
    ASSERT_TRUE(encoder.encode(bare, payload));
    ASSERT_TRUE(decoder.decode(encoder.topic(bare), payload, recycled, rejection)) << rejection.detail;
    const auto &out = std::get<TrackUpdate>(recycled.body);
    EXPECT_FALSE(out.hasLaunch);
    EXPECT_EQ(out.launchTimeUs, kTimeUnset);
    EXPECT_FALSE(out.hasImpact);
    EXPECT_EQ(out.impact.timeUs, kTimeUnset);
    EXPECT_TRUE(out.contributingSensors.empty());
    EXPECT_TRUE(out == track);
}

} // namespace
} // namespace cop
