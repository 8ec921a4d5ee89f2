// SPDX-License-Identifier: GPL-3.0-or-later
// Every kind of malformed input is refused with its own counted reason, never a crash.
#include "net/wiretestdata.h"

#include "net/protocol.h"
#include "net/wiredecoder.h"
#include "net/wireencoder.h"

#include "cop/wire/v1/feed.pb.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <random>

namespace cop::net {
namespace {

namespace wire = cop::wire::v1;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// A valid envelope of the given sample, as protobuf, so a case can break any field.
wire::Envelope envelopeOf(const FeedMessage &message)
{
    WireEncoder encoder;
    std::string payload;
    EXPECT_TRUE(encoder.encode(message, payload));
    wire::Envelope envelope;
    EXPECT_TRUE(envelope.ParseFromString(payload));
    return envelope;
}

struct BadInputCase
{
    const char *name;
    std::function<FeedMessage()> sample;
    std::function<void(wire::Envelope &)> breakIt;
    RejectReason expected;
};

class RejectsMalformed : public ::testing::TestWithParam<BadInputCase>
{
};

TEST_P(RejectsMalformed, WithItsReason)
{
    const FeedMessage message = GetParam().sample();
    wire::Envelope envelope = envelopeOf(message);
    GetParam().breakIt(envelope);
    const std::string payload = envelope.SerializeAsString();
    const std::string topic = WireEncoder().topic(message);

    WireDecoder decoder;
    WireDecoder::Rejection rejection;
    FeedMessage out;
    EXPECT_FALSE(decoder.decode(topic, payload, out, rejection));
    EXPECT_EQ(rejection.reason, GetParam().expected)
        << "got " << rejectReasonName(rejection.reason) << ": " << rejection.detail;
    EXPECT_FALSE(rejection.detail.empty());
}

const auto track = [] { return test::sampleTrackUpdate(); };
const auto sensor = [] { return test::sampleSensorStatus(); };
const auto alert = [] { return test::sampleAlertNotice(); };
const auto heartbeat = [] { return test::sampleHeartbeat(); };
const auto drop = [] { return test::sampleTrackDrop(); };
const auto launcher = [] { return test::sampleSpaceLaunchUpdate(); };

INSTANTIATE_TEST_SUITE_P(
    Cases, RejectsMalformed,
    ::testing::Values(
        BadInputCase{"FutureVersion", track, [](auto &e) { e.set_protocol_version(2); }, RejectReason::UnsupportedVersion},
        BadInputCase{"VersionZero", track, [](auto &e) { e.set_protocol_version(0); }, RejectReason::UnsupportedVersion},
        BadInputCase{"NoHeader", track, [](auto &e) { e.clear_header(); }, RejectReason::MissingField},
        BadInputCase{"NoBody", track, [](auto &e) { e.clear_track_update(); }, RejectReason::MissingField},
        BadInputCase{"SequenceZero", track, [](auto &e) { e.mutable_header()->set_sequence(0); }, RejectReason::OutOfRange},
        BadInputCase{"UnknownNation", track, [](auto &e) { e.mutable_header()->set_nation(static_cast<wire::Nation>(9)); }, RejectReason::BadEnum},
        BadInputCase{"OtherNationThanTopic", track, [](auto &e) { e.mutable_header()->set_nation(wire::NATION_KR); }, RejectReason::TopicMismatch},
        BadInputCase{"OtherSourceThanTopic", track, [](auto &e) { e.mutable_header()->set_source_id("KR-KAMD"); }, RejectReason::TopicMismatch},
        BadInputCase{"OtherKindThanTopic", track, [](auto &e) { e.mutable_heartbeat()->set_time_us(test::kTestEpochUs); }, RejectReason::TopicMismatch},
        BadInputCase{"SourceIdWithSpace", track, [](auto &e) { e.mutable_header()->set_source_id("JP JADGE"); }, RejectReason::BadIdentifier},
        BadInputCase{"SourceTimeBefore2000", track, [](auto &e) { e.mutable_header()->set_source_time_us(1); }, RejectReason::BadTimestamp},
        BadInputCase{"SourceTimeAfter2100", track, [](auto &e) { e.mutable_header()->set_source_time_us(5'000'000'000'000'000); }, RejectReason::BadTimestamp},
        BadInputCase{"EmptyTrackId", track, [](auto &e) { e.mutable_track_update()->set_track_id(""); }, RejectReason::BadIdentifier},
        BadInputCase{"LongTrackId", track, [](auto &e) { e.mutable_track_update()->set_track_id(std::string(65, 'x')); }, RejectReason::OversizedMessage},
        BadInputCase{"ControlCharTrackId", track, [](auto &e) { e.mutable_track_update()->set_track_id(std::string("a\x01", 2)); }, RejectReason::BadIdentifier},
        BadInputCase{"NoPosition", track, [](auto &e) { e.mutable_track_update()->clear_position(); }, RejectReason::MissingField},
        BadInputCase{"LatitudeNaN", track, [](auto &e) { e.mutable_track_update()->mutable_position()->set_lat_deg(kNaN); }, RejectReason::NonFinite},
        BadInputCase{"LatitudeOver90", track, [](auto &e) { e.mutable_track_update()->mutable_position()->set_lat_deg(90.5); }, RejectReason::OutOfRange},
        BadInputCase{"LongitudeInfinite", track, [](auto &e) { e.mutable_track_update()->mutable_position()->set_lon_deg(kInf); }, RejectReason::NonFinite},
        BadInputCase{"AltitudeBeyondOrbit", track, [](auto &e) { e.mutable_track_update()->mutable_position()->set_altitude_m(1e9); }, RejectReason::OutOfRange},
        BadInputCase{"VelocityNaN", track, [](auto &e) { e.mutable_track_update()->mutable_velocity()->set_up_mps(kNaN); }, RejectReason::NonFinite},
        BadInputCase{"SpeedTooHigh", track, [](auto &e) { e.mutable_track_update()->mutable_velocity()->set_east_mps(15'000); e.mutable_track_update()->mutable_velocity()->set_north_mps(15'000); }, RejectReason::OutOfRange},
        BadInputCase{"NegativeVariance", track, [](auto &e) { e.mutable_track_update()->mutable_position_covariance_m2()->set_nn(-1.0); }, RejectReason::BadCovariance},
        BadInputCase{"CovarianceNotPsd", track, [](auto &e) { e.mutable_track_update()->mutable_position_covariance_m2()->set_en(1e9); }, RejectReason::BadCovariance},
        BadInputCase{"UnknownPhase", track, [](auto &e) { e.mutable_track_update()->set_phase(static_cast<wire::TrackPhase>(42)); }, RejectReason::BadEnum},
        BadInputCase{"UnknownClass", track, [](auto &e) { e.mutable_track_update()->set_missile_class(static_cast<wire::MissileClass>(-3)); }, RejectReason::BadEnum},
        BadInputCase{"LaunchAfterState", track, [](auto &e) { e.mutable_track_update()->set_launch_time_us(test::kTestEpochUs + 1); }, RejectReason::BadTimestamp},
        BadInputCase{"ImpactBeforeLaunch", track, [](auto &e) { e.mutable_track_update()->mutable_impact()->set_time_us(test::kTestEpochUs - 3'600'000'000LL); }, RejectReason::BadTimestamp},
        BadInputCase{"ImpactWithoutPoint", track, [](auto &e) { e.mutable_track_update()->mutable_impact()->clear_point(); }, RejectReason::MissingField},
        BadInputCase{"ImpactCovarianceNaN", track, [](auto &e) { e.mutable_track_update()->mutable_impact()->mutable_covariance_m2()->set_ee(kNaN); }, RejectReason::NonFinite},
        BadInputCase{"TooManySensors", track, [](auto &e) { for (int i = 0; i < 40; ++i) e.mutable_track_update()->add_contributing_sensors("S"); }, RejectReason::TooManyItems},
        BadInputCase{"StageZero", launcher, [](auto &e) { e.mutable_track_update()->mutable_stage_drops(0)->set_stage(0); }, RejectReason::OutOfRange},
        BadInputCase{"StageTen", launcher, [](auto &e) { e.mutable_track_update()->mutable_stage_drops(1)->set_stage(10); }, RejectReason::OutOfRange},
        BadInputCase{"StageDropWithoutPoint", launcher, [](auto &e) { e.mutable_track_update()->mutable_stage_drops(0)->clear_point(); }, RejectReason::MissingField},
        BadInputCase{"StageDropLatitudeNaN", launcher, [](auto &e) { e.mutable_track_update()->mutable_stage_drops(0)->mutable_point()->set_lat_deg(kNaN); }, RejectReason::NonFinite},
        BadInputCase{"StageDropBeforeLaunch", launcher, [](auto &e) { e.mutable_track_update()->mutable_stage_drops(0)->set_time_us(test::kTestEpochUs - 3'600'000'000LL); }, RejectReason::BadTimestamp},
        BadInputCase{"StageDropCovarianceNotPsd", launcher, [](auto &e) { e.mutable_track_update()->mutable_stage_drops(1)->mutable_covariance_m2()->set_en(1e10); }, RejectReason::BadCovariance},
        BadInputCase{"TooManyStageDrops", launcher, [](auto &e) { for (int i = 0; i < 9; ++i) *e.mutable_track_update()->add_stage_drops() = e.track_update().stage_drops(0); }, RejectReason::TooManyItems},
        BadInputCase{"QualityAboveOne", track, [](auto &e) { e.mutable_track_update()->set_quality(1.5f); }, RejectReason::OutOfRange},
        BadInputCase{"DropUnknownReason", drop, [](auto &e) { e.mutable_track_drop()->set_reason(static_cast<wire::DropReason>(77)); }, RejectReason::BadEnum},
        BadInputCase{"SensorWithoutSite", sensor, [](auto &e) { e.mutable_sensor_status()->clear_site(); }, RejectReason::MissingField},
        BadInputCase{"SensorStateUnspecified", sensor, [](auto &e) { e.mutable_sensor_status()->set_state(wire::SENSOR_STATE_UNSPECIFIED); }, RejectReason::BadEnum},
        BadInputCase{"SensorNegativeRange", sensor, [](auto &e) { e.mutable_sensor_status()->mutable_coverage()->set_max_range_m(-5.0); }, RejectReason::OutOfRange},
        BadInputCase{"SensorElevationsInverted", sensor, [](auto &e) { e.mutable_sensor_status()->mutable_coverage()->set_max_elevation_deg(-5.0); }, RejectReason::OutOfRange},
        BadInputCase{"SensorAzimuthNaN", sensor, [](auto &e) { e.mutable_sensor_status()->mutable_coverage()->set_boresight_azimuth_deg(kNaN); }, RejectReason::NonFinite},
        BadInputCase{"HeartbeatRateInfinite", heartbeat, [](auto &e) { e.mutable_heartbeat()->set_update_rate_hz(kInf); }, RejectReason::NonFinite},
        BadInputCase{"AlertWithoutSeverity", alert, [](auto &e) { e.mutable_alert_notice()->set_severity(wire::ALERT_SEVERITY_UNSPECIFIED); }, RejectReason::BadEnum},
        BadInputCase{"AlertEmptyText", alert, [](auto &e) { e.mutable_alert_notice()->set_text(""); }, RejectReason::MissingField},
        BadInputCase{"AlertHugeText", alert, [](auto &e) { e.mutable_alert_notice()->set_text(std::string(2000, 'a')); }, RejectReason::OversizedMessage},
        BadInputCase{"AlertPolygonTooLong", alert, [](auto &e) { for (int i = 0; i < 600; ++i) e.mutable_alert_notice()->add_area_polygon()->set_lat_deg(1.0); }, RejectReason::TooManyItems}),
    [](const auto &info) { return std::string(info.param.name); });

TEST(RejectsMalformed, GarbagePayload)
{
    WireDecoder decoder;
    WireDecoder::Rejection rejection;
    FeedMessage out;
    EXPECT_FALSE(decoder.decode("track.JP.JP-JADGE", "\xff\xff\xff\xff\x0f garbage", out, rejection));
    EXPECT_EQ(rejection.reason, RejectReason::ParseError);
}

TEST(RejectsMalformed, OversizedPayload)
{
    WireDecoder decoder;
    WireDecoder::Rejection rejection;
    FeedMessage out;
    const std::string huge(kMaxPayloadBytes + 1, '\0');
    EXPECT_FALSE(decoder.decode("track.JP.JP-JADGE", huge, out, rejection));
    EXPECT_EQ(rejection.reason, RejectReason::OversizedMessage);
}

TEST(RejectsMalformed, MalformedTopic)
{
    WireEncoder encoder;
    std::string payload;
    ASSERT_TRUE(encoder.encode(test::sampleTrackUpdate(), payload));
    WireDecoder decoder;
    WireDecoder::Rejection rejection;
    FeedMessage out;
    EXPECT_FALSE(decoder.decode("nonsense", payload, out, rejection));
    EXPECT_EQ(rejection.reason, RejectReason::MalformedTopic);
}

TEST(RejectsMalformed, InvalidUtf8InString)
{
    wire::Envelope envelope = envelopeOf(test::sampleAlertNotice());
    // Bypass the setter's checks by writing the raw bytes through the reflection-free path.
    envelope.mutable_alert_notice()->set_text(std::string("\xc3\x28 bad", 6));
    std::string payload;
    envelope.SerializePartialToString(&payload);
    WireDecoder decoder;
    WireDecoder::Rejection rejection;
    FeedMessage out;
    EXPECT_FALSE(decoder.decode("alert.JP.JP-JADGE", payload, out, rejection));
    EXPECT_EQ(rejection.reason, RejectReason::ParseError);
}

// Random mutations of valid payloads: each either decodes to a valid message or is refused,
// and never crashes (run under ASan/UBSan too).
TEST(RejectsMalformed, RandomByteFlipsNeverCrash)
{
    WireEncoder encoder;
    WireDecoder decoder;
    WireDecoder::Rejection rejection;
    FeedMessage out;
    std::mt19937 rng(20231118);
    int accepted = 0;
    int refused = 0;
    for (const auto &message : {test::sampleTrackUpdate(), test::sampleSensorStatus(), test::sampleAlertNotice()}) {
        std::string payload;
        ASSERT_TRUE(encoder.encode(message, payload));
        const std::string topic = encoder.topic(message);
        for (int round = 0; round < 3000; ++round) {
            std::string mutated = payload;
            const int flips = 1 + static_cast<int>(rng() % 4);
            for (int i = 0; i < flips; ++i)
                mutated[rng() % mutated.size()] = static_cast<char>(rng() & 0xff);
            if (rng() % 8 == 0)
                mutated.resize(rng() % mutated.size());
            if (decoder.decode(topic, mutated, out, rejection))
                ++accepted;
            else
                ++refused;
        }
    }
    EXPECT_GT(refused, 0);
    EXPECT_EQ(accepted + refused, 9000);
}

} // namespace
} // namespace cop::net

namespace cop::net {
namespace {

TEST(Validation, ImpactWithoutTimeKeepsTheTrack)
{
    wire::Envelope envelope = envelopeOf(test::sampleTrackUpdate());
    envelope.mutable_track_update()->mutable_impact()->set_time_us(0);
    WireDecoder decoder;
    WireDecoder::Rejection rejection;
    FeedMessage out;
    ASSERT_TRUE(decoder.decode("track.JP.JP-JADGE", envelope.SerializeAsString(), out, rejection))
        << rejection.detail;
    const auto &track = std::get<TrackUpdate>(out.body);
    EXPECT_TRUE(track.hasImpact);
    EXPECT_EQ(track.impact.timeUs, kTimeUnset);
}

struct RefusedValueCase
{
    const char *name;
    std::function<FeedMessage()> sample;
    std::function<void(wire::Envelope &)> breakIt;
};

class RefusesPhysicallyMeaningless : public ::testing::TestWithParam<RefusedValueCase>
{
};

TEST_P(RefusesPhysicallyMeaningless, Value)
{
    const FeedMessage message = GetParam().sample();
    wire::Envelope envelope = envelopeOf(message);
    GetParam().breakIt(envelope);
    WireDecoder decoder;
    WireDecoder::Rejection rejection;
    FeedMessage out;
    EXPECT_FALSE(decoder.decode(WireEncoder().topic(message), envelope.SerializeAsString(), out, rejection));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, RefusesPhysicallyMeaningless,
    ::testing::Values(
        RefusedValueCase{"HemisphereWideImpactEllipse", track, [](auto &e) { e.mutable_track_update()->mutable_impact()->mutable_covariance_m2()->set_ee(1e13); }},
        RefusedValueCase{"TinyHeartbeatRate", heartbeat, [](auto &e) { e.mutable_heartbeat()->set_update_rate_hz(1e-300); }}),
    [](const auto &info) { return std::string(info.param.name); });

} // namespace
} // namespace cop::net
