// SPDX-License-Identifier: GPL-3.0-or-later
#include "wiredecoder.h"

#include "net/protocol.h"
#include "net/wireenums.h"

#include "cop/wire/v1/feed.pb.h"

#include <google/protobuf/arena.h>
#include <google/protobuf/stubs/logging.h>
#include <google/protobuf/util/json_util.h>

#include <array>
#include <cmath>
#include <cstddef>
#include <mutex>

namespace cop::net {

namespace wire = cop::wire::v1;

namespace {

// Physical limits; a value beyond these is a corrupt or hostile message, not a missile.
constexpr double kMinAltitudeM = -12'000.0;      // below the deepest ocean trench
constexpr double kMaxAltitudeM = 40'000'000.0;   // geostationary orbit and a margin
constexpr double kMaxSpeedMps = 20'000.0;        // above Earth escape velocity
constexpr double kMaxVarianceM2 = 1.0e14;        // 1σ of 10,000 km
constexpr double kMaxSensorRangeM = 50'000'000.0;
constexpr double kMaxUpdateRateHz = 1000.0;
constexpr double kMinUpdateRateHz = 0.01; // once in 100 s; slower is not a track feed
// 1σ of 2,000 km: beyond that a 95% ellipse spans a hemisphere and means "anywhere".
constexpr double kMaxImpactVarianceM2 = 4.0e12;

// Protobuf logs parse failures (for example invalid UTF-8) to stderr; a hostile sender could
// flood the log that way. Failures are counted by reason instead.
void silenceProtobufLogging()
{
    static std::once_flag once;
    std::call_once(once, [] { google::protobuf::SetLogHandler(nullptr); });
}

// Validation steps return false after filling the rejection, so decode() reads top-down.
class Checker
{
public:
    explicit Checker(WireDecoder::Rejection &rejection) : m_rejection(rejection) {}

    bool fail(RejectReason reason, std::string detail)
    {
        m_rejection.reason = reason;
        m_rejection.detail = std::move(detail);
        return false;
    }

    bool finite(double value, const char *field)
    {
        return std::isfinite(value) ? true : fail(RejectReason::NonFinite, field);
    }

    bool inRange(double value, double low, double high, const char *field)
    {
        if (!finite(value, field))
            return false;
        if (value < low || value > high)
            return fail(RejectReason::OutOfRange, std::string(field) + " = " + std::to_string(value));
        return true;
    }

    bool timestamp(std::int64_t timeUs, const char *field)
    {
        if (timeUs < kEarliestValidTimeUs || timeUs >= kLatestValidTimeUs)
            return fail(RejectReason::BadTimestamp, std::string(field) + " = " + std::to_string(timeUs));
        return true;
    }

    bool identifier(const std::string &id, std::size_t maxBytes, const char *field, bool required = true)
    {
        if (id.empty())
            return required ? fail(RejectReason::BadIdentifier, std::string(field) + " is empty") : true;
        if (id.size() > maxBytes)
            return fail(RejectReason::OversizedMessage, std::string(field) + " is too long");
        for (const unsigned char c : id) {
            if (c < 0x20 || c == 0x7f)
                return fail(RejectReason::BadIdentifier, std::string(field) + " has a control character");
        }
        return true;
    }

    bool geoPoint(const wire::GeoPoint &p, const char *field, GeoPosition &out)
    {
        if (!inRange(p.lat_deg(), -90.0, 90.0, field) || !inRange(p.lon_deg(), -180.0, 180.0, field)
            || !inRange(p.altitude_m(), kMinAltitudeM, kMaxAltitudeM, field))
            return false;
        out = {p.lat_deg(), p.lon_deg(), p.altitude_m()};
        return true;
    }

    // Variances non-negative and bounded; each correlation within ±1 (Cauchy–Schwarz), which is
    // the cheap necessary condition for positive semi-definiteness.
    bool variance(double v, const char *field, double maxM2 = kMaxVarianceM2)
    {
        if (!finite(v, field))
            return false;
        if (v < 0.0 || v > maxM2)
            return fail(RejectReason::BadCovariance, std::string(field) + " variance out of range");
        return true;
    }
    bool correlated(double c, double va, double vb, const char *field)
    {
        if (!finite(c, field))
            return false;
        if (c * c > va * vb * (1.0 + 1e-9) + 1e-9)
            return fail(RejectReason::BadCovariance, std::string(field) + " not positive semi-definite");
        return true;
    }

private:
    WireDecoder::Rejection &m_rejection;
};

bool decodeTrackUpdate(const wire::TrackUpdate &in, Checker &check, TrackUpdate &out)
{
    if (!check.identifier(in.track_id(), kMaxIdBytes, "track_id")
        || !check.timestamp(in.time_us(), "track.time_us"))
        return false;
    if (!in.has_position())
        return check.fail(RejectReason::MissingField, "track.position");
    if (!check.geoPoint(in.position(), "track.position", out.position))
        return false;

    const auto &v = in.velocity();
    if (!check.inRange(v.east_mps(), -kMaxSpeedMps, kMaxSpeedMps, "velocity.east")
        || !check.inRange(v.north_mps(), -kMaxSpeedMps, kMaxSpeedMps, "velocity.north")
        || !check.inRange(v.up_mps(), -kMaxSpeedMps, kMaxSpeedMps, "velocity.up"))
        return false;
    out.velocity = {v.east_mps(), v.north_mps(), v.up_mps()};
    if (out.velocity.speedMps() > kMaxSpeedMps)
        return check.fail(RejectReason::OutOfRange, "speed above 20 km/s");

    const auto &c = in.position_covariance_m2();
    if (!check.variance(c.ee(), "cov.ee") || !check.variance(c.nn(), "cov.nn")
        || !check.variance(c.uu(), "cov.uu") || !check.correlated(c.en(), c.ee(), c.nn(), "cov.en")
        || !check.correlated(c.eu(), c.ee(), c.uu(), "cov.eu")
        || !check.correlated(c.nu(), c.nn(), c.uu(), "cov.nu"))
        return false;
    out.positionCovarianceM2 = {c.ee(), c.en(), c.eu(), c.nn(), c.nu(), c.uu()};

    const auto phase = trackPhaseFromWire(in.phase());
    const auto identity = identityFromWire(in.identity());
    const auto missileClass = missileClassFromWire(in.missile_class());
    if (!phase || !identity || !missileClass)
        return check.fail(RejectReason::BadEnum, "track phase, identity or class");
    out.phase = *phase;
    out.identity = *identity;
    out.missileClass = *missileClass;

    out.trackId = in.track_id();
    out.timeUs = in.time_us();

    // Parts a message leaves out are reset, since out may be a reused message holding an
    // earlier track's values.
    out.hasLaunch = in.has_launch_point();
    if (out.hasLaunch) {
        if (!check.geoPoint(in.launch_point(), "launch_point", out.launchPoint))
            return false;
    } else {
        out.launchPoint = {};
    }
    out.launchTimeUs = kTimeUnset;
    if (in.launch_time_us() != 0) {
        if (!check.timestamp(in.launch_time_us(), "launch_time_us"))
            return false;
        if (in.launch_time_us() > in.time_us())
            return check.fail(RejectReason::BadTimestamp, "launch after the track's time");
        out.launchTimeUs = in.launch_time_us();
    }

    out.hasImpact = in.has_impact();
    if (out.hasImpact) {
        const auto &impact = in.impact();
        if (!impact.has_point())
            return check.fail(RejectReason::MissingField, "impact.point");
        if (!check.geoPoint(impact.point(), "impact.point", out.impact.point))
            return false;
        // A point without a time is still worth showing: 0 means the time is not known.
        out.impact.timeUs = kTimeUnset;
        if (impact.time_us() != 0) {
            if (!check.timestamp(impact.time_us(), "impact.time_us"))
                return false;
            if (out.launchTimeUs != kTimeUnset && impact.time_us() < out.launchTimeUs)
                return check.fail(RejectReason::BadTimestamp, "impact before launch");
            out.impact.timeUs = impact.time_us();
        }
        const auto &ic = impact.covariance_m2();
        if (!check.variance(ic.ee(), "impact.cov.ee", kMaxImpactVarianceM2)
            || !check.variance(ic.nn(), "impact.cov.nn", kMaxImpactVarianceM2)
            || !check.correlated(ic.en(), ic.ee(), ic.nn(), "impact.cov.en"))
            return false;
        out.impact.covarianceM2 = {ic.ee(), ic.en(), ic.nn()};
    } else {
        out.impact = {};
    }

    if (in.contributing_sensors_size() > kMaxContributingSensors)
        return check.fail(RejectReason::TooManyItems, "contributing_sensors");
    out.contributingSensors.resize(static_cast<std::size_t>(in.contributing_sensors_size()));
    for (int i = 0; i < in.contributing_sensors_size(); ++i) {
        if (!check.identifier(in.contributing_sensors(i), kMaxIdBytes, "contributing_sensors"))
            return false;
        out.contributingSensors[static_cast<std::size_t>(i)] = in.contributing_sensors(i);
    }
    if (!check.inRange(in.quality(), 0.0, 1.0, "quality"))
        return false;
    out.quality = in.quality();

    if (in.stage_drops_size() > kMaxStageDrops)
        return check.fail(RejectReason::TooManyItems, "stage_drops");
    out.stageDrops.resize(static_cast<std::size_t>(in.stage_drops_size()));
    for (int i = 0; i < in.stage_drops_size(); ++i) {
        const auto &drop = in.stage_drops(i);
        StageDropZone &zone = out.stageDrops[static_cast<std::size_t>(i)];
        if (drop.stage() < 1 || drop.stage() > static_cast<std::uint32_t>(kMaxStageDrops))
            return check.fail(RejectReason::OutOfRange, "stage_drops.stage");
        zone.stage = static_cast<int>(drop.stage());
        if (!drop.has_point())
            return check.fail(RejectReason::MissingField, "stage_drops.point");
        if (!check.geoPoint(drop.point(), "stage_drops.point", zone.point))
            return false;
        zone.timeUs = kTimeUnset;
        if (drop.time_us() != 0) {
            if (!check.timestamp(drop.time_us(), "stage_drops.time_us"))
                return false;
            if (out.launchTimeUs != kTimeUnset && drop.time_us() < out.launchTimeUs)
                return check.fail(RejectReason::BadTimestamp, "stage drop before launch");
            zone.timeUs = drop.time_us();
        }
        const auto &dc = drop.covariance_m2();
        if (!check.variance(dc.ee(), "stage_drops.cov.ee", kMaxImpactVarianceM2)
            || !check.variance(dc.nn(), "stage_drops.cov.nn", kMaxImpactVarianceM2)
            || !check.correlated(dc.en(), dc.ee(), dc.nn(), "stage_drops.cov.en"))
            return false;
        zone.covarianceM2 = {dc.ee(), dc.en(), dc.nn()};
    }
    return true;
}

bool decodeTrackDrop(const wire::TrackDrop &in, Checker &check, TrackDrop &out)
{
    if (!check.identifier(in.track_id(), kMaxIdBytes, "track_id")
        || !check.timestamp(in.time_us(), "drop.time_us"))
        return false;
    const auto reason = dropReasonFromWire(in.reason());
    if (!reason)
        return check.fail(RejectReason::BadEnum, "drop.reason");
    out = {in.track_id(), in.time_us(), *reason};
    return true;
}

bool decodeSensorStatus(const wire::SensorStatus &in, Checker &check, SensorStatus &out)
{
    if (!check.identifier(in.sensor_id(), kMaxIdBytes, "sensor_id")
        || !check.identifier(in.name(), kMaxNameBytes, "sensor.name", false)
        || !check.timestamp(in.time_us(), "sensor.time_us"))
        return false;
    if (!in.has_site())
        return check.fail(RejectReason::MissingField, "sensor.site");
    if (!in.has_coverage())
        return check.fail(RejectReason::MissingField, "sensor.coverage");
    if (!check.geoPoint(in.site(), "sensor.site", out.site))
        return false;
    const auto kind = sensorKindFromWire(in.kind());
    const auto state = sensorStateFromWire(in.state());
    if (!kind || !state || in.state() == wire::SENSOR_STATE_UNSPECIFIED)
        return check.fail(RejectReason::BadEnum, "sensor kind or state");
    const auto &cov = in.coverage();
    if (!check.inRange(cov.boresight_azimuth_deg(), 0.0, 360.0, "coverage.boresight_azimuth_deg")
        || !check.inRange(cov.azimuth_half_width_deg(), 0.0, 180.0, "coverage.azimuth_half_width_deg")
        || !check.inRange(cov.min_elevation_deg(), -90.0, 90.0, "coverage.min_elevation_deg")
        || !check.inRange(cov.max_elevation_deg(), cov.min_elevation_deg(), 90.0,
                          "coverage.max_elevation_deg")
        || !check.inRange(cov.max_range_m(), 0.0, kMaxSensorRangeM, "coverage.max_range_m"))
        return false;
    if (cov.azimuth_half_width_deg() <= 0.0 || cov.max_range_m() <= 0.0)
        return check.fail(RejectReason::OutOfRange, "coverage width and range must be positive");
    out.sensorId = in.sensor_id();
    out.name = in.name();
    out.kind = *kind;
    out.state = *state;
    out.timeUs = in.time_us();
    out.coverage = {cov.boresight_azimuth_deg(), cov.azimuth_half_width_deg(),
                    cov.min_elevation_deg(), cov.max_elevation_deg(), cov.max_range_m()};
    return true;
}

bool decodeHeartbeat(const wire::Heartbeat &in, Checker &check, Heartbeat &out)
{
    if (!check.timestamp(in.time_us(), "heartbeat.time_us")
        || !check.inRange(in.update_rate_hz(), 0.0, kMaxUpdateRateHz, "heartbeat.update_rate_hz"))
        return false;
    // 0 means "not stated"; a tiny positive rate would turn "several update periods" into
    // centuries downstream.
    if (in.update_rate_hz() != 0.0 && in.update_rate_hz() < kMinUpdateRateHz)
        return check.fail(RejectReason::OutOfRange, "heartbeat.update_rate_hz below 0.01");
    out = {in.time_us(), in.update_rate_hz()};
    return true;
}

bool decodeAlertNotice(const wire::AlertNotice &in, Checker &check, AlertNotice &out)
{
    if (!check.identifier(in.alert_id(), kMaxIdBytes, "alert_id")
        || !check.timestamp(in.time_us(), "alert.time_us")
        || !check.identifier(in.area_name(), kMaxNameBytes, "alert.area_name", false)
        || !check.identifier(in.track_id(), kMaxIdBytes, "alert.track_id", false))
        return false;
    if (in.text().empty())
        return check.fail(RejectReason::MissingField, "alert.text");
    if (in.text().size() > kMaxAlertTextBytes)
        return check.fail(RejectReason::OversizedMessage, "alert.text");
    const auto severity = alertSeverityFromWire(in.severity());
    if (!severity)
        return check.fail(RejectReason::BadEnum, "alert.severity");
    if (in.area_polygon_size() > kMaxAreaPolygonPoints)
        return check.fail(RejectReason::TooManyItems, "alert.area_polygon");
    out.areaPolygon.resize(static_cast<std::size_t>(in.area_polygon_size()));
    for (int i = 0; i < in.area_polygon_size(); ++i) {
        if (!check.geoPoint(in.area_polygon(i), "alert.area_polygon", out.areaPolygon[static_cast<std::size_t>(i)]))
            return false;
    }
    out.alertId = in.alert_id();
    out.timeUs = in.time_us();
    out.severity = *severity;
    out.text = in.text();
    out.areaName = in.area_name();
    out.trackId = in.track_id();
    return true;
}

MessageKind kindOfBody(wire::Envelope::BodyCase body)
{
    switch (body) {
    case wire::Envelope::kTrackDrop: return MessageKind::TrackDrop;
    case wire::Envelope::kSensorStatus: return MessageKind::SensorStatus;
    case wire::Envelope::kHeartbeat: return MessageKind::Heartbeat;
    case wire::Envelope::kAlertNotice: return MessageKind::AlertNotice;
    default: return MessageKind::TrackUpdate;
    }
}

// Reuses the variant's current alternative when it already holds the right kind, so that a
// steady stream of track updates keeps its string and vector capacity between messages.
template<typename Body>
Body &bodyAs(FeedMessage &message)
{
    if (!std::holds_alternative<Body>(message.body))
        message.body.emplace<Body>();
    return std::get<Body>(message.body);
}

} // namespace

// The Envelope lives in an arena that is reset before each parse. A heap Envelope frees its
// oneof body, with every sub-message and string in it, on each Clear() and allocates them
// again on the next parse: about fifteen allocations per track update on the receive thread.
// From the arena's own first block the steady state allocates nothing; a rare large message
// takes extra blocks, which the next reset gives back.
struct WireDecoder::Impl
{
    static constexpr std::size_t kFirstBlockBytes = 16 * 1024; // several track updates' worth

    Impl()
        : arena(firstBlock.data(), firstBlock.size())
    {
    }

    wire::Envelope &freshEnvelope()
    {
        arena.Reset();
        return *google::protobuf::Arena::CreateMessage<wire::Envelope>(&arena);
    }

    alignas(std::max_align_t) std::array<char, kFirstBlockBytes> firstBlock{};
    google::protobuf::Arena arena;
};

WireDecoder::WireDecoder()
    : d(std::make_unique<Impl>())
{
    silenceProtobufLogging();
}

WireDecoder::~WireDecoder() = default;

bool WireDecoder::decode(std::string_view topic, std::string_view payload, FeedMessage &out,
                         Rejection &rejection)
{
    Checker check(rejection);
    if (payload.size() > kMaxPayloadBytes || topic.size() > kMaxTopicBytes)
        return check.fail(RejectReason::OversizedMessage, "frame larger than the protocol allows");
    const auto parsedTopic = parseTopic(topic);
    if (!parsedTopic)
        return check.fail(RejectReason::MalformedTopic, "topic is not <kind>.<NATION>.<source>");

    wire::Envelope &envelope = d->freshEnvelope();
    if (!envelope.ParseFromArray(payload.data(), static_cast<int>(payload.size())))
        return check.fail(RejectReason::ParseError, "payload is not a protocol v1 Envelope");
    if (envelope.protocol_version() != kProtocolVersion)
        return check.fail(RejectReason::UnsupportedVersion,
                          "protocol_version " + std::to_string(envelope.protocol_version()));
    if (!envelope.has_header())
        return check.fail(RejectReason::MissingField, "header");
    if (envelope.body_case() == wire::Envelope::BODY_NOT_SET)
        return check.fail(RejectReason::MissingField, "body");

    const wire::Header &header = envelope.header();
    if (!isValidSourceId(header.source_id()))
        return check.fail(RejectReason::BadIdentifier, "source_id");
    const auto nation = nationFromWire(header.nation());
    if (!nation)
        return check.fail(RejectReason::BadEnum, "header.nation");
    if (header.sequence() == 0)
        return check.fail(RejectReason::OutOfRange, "sequence starts at 1");
    if (!check.timestamp(header.source_time_us(), "source_time_us"))
        return false;
    const MessageKind kind = kindOfBody(envelope.body_case());
    if (kind != parsedTopic->kind || *nation != parsedTopic->nation
        || header.source_id() != parsedTopic->sourceId)
        return check.fail(RejectReason::TopicMismatch, std::string(topic));

    out.header.sourceId = header.source_id();
    out.header.nation = *nation;
    out.header.sequence = header.sequence();
    out.header.sourceTimeUs = header.source_time_us();

    switch (envelope.body_case()) {
    case wire::Envelope::kTrackUpdate:
        return decodeTrackUpdate(envelope.track_update(), check, bodyAs<TrackUpdate>(out));
    case wire::Envelope::kTrackDrop:
        return decodeTrackDrop(envelope.track_drop(), check, bodyAs<TrackDrop>(out));
    case wire::Envelope::kSensorStatus:
        return decodeSensorStatus(envelope.sensor_status(), check, bodyAs<SensorStatus>(out));
    case wire::Envelope::kHeartbeat:
        return decodeHeartbeat(envelope.heartbeat(), check, bodyAs<Heartbeat>(out));
    case wire::Envelope::kAlertNotice:
        return decodeAlertNotice(envelope.alert_notice(), check, bodyAs<AlertNotice>(out));
    case wire::Envelope::BODY_NOT_SET:
        break;
    }
    return check.fail(RejectReason::MissingField, "body");
}

std::string payloadToJson(std::string_view payload)
{
    silenceProtobufLogging();
    wire::Envelope envelope;
    if (payload.size() > kMaxPayloadBytes
        || !envelope.ParseFromArray(payload.data(), static_cast<int>(payload.size())))
        return {};
    std::string json;
    google::protobuf::util::JsonPrintOptions options;
    options.preserve_proto_field_names = true;
    if (!google::protobuf::util::MessageToJsonString(envelope, &json, options).ok())
        return {};
    return json;
}

} // namespace cop::net
