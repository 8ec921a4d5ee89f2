// SPDX-License-Identifier: GPL-3.0-or-later
#include "wireencoder.h"

#include "net/protocol.h"
#include "net/wireenums.h"

#include "cop/wire/v1/feed.pb.h"

namespace cop::net {

namespace wire = cop::wire::v1;

namespace {

void setPoint(wire::GeoPoint *out, const GeoPosition &p)
{
    out->set_lat_deg(p.latDeg);
    out->set_lon_deg(p.lonDeg);
    out->set_altitude_m(p.altitudeM);
}

void encodeTrackUpdate(const TrackUpdate &in, wire::TrackUpdate *out)
{
    out->set_track_id(in.trackId);
    out->set_time_us(in.timeUs);
    setPoint(out->mutable_position(), in.position);
    auto *velocity = out->mutable_velocity();
    velocity->set_east_mps(in.velocity.eastMps);
    velocity->set_north_mps(in.velocity.northMps);
    velocity->set_up_mps(in.velocity.upMps);
    auto *cov = out->mutable_position_covariance_m2();
    const auto &c = in.positionCovarianceM2;
    cov->set_ee(c.ee);
    cov->set_en(c.en);
    cov->set_eu(c.eu);
    cov->set_nn(c.nn);
    cov->set_nu(c.nu);
    cov->set_uu(c.uu);
    out->set_phase(trackPhaseToWire(in.phase));
    out->set_identity(identityToWire(in.identity));
    out->set_missile_class(missileClassToWire(in.missileClass));
    if (in.hasLaunch)
        setPoint(out->mutable_launch_point(), in.launchPoint);
    out->set_launch_time_us(in.launchTimeUs == kTimeUnset ? 0 : in.launchTimeUs);
    if (in.hasImpact) {
        auto *impact = out->mutable_impact();
        setPoint(impact->mutable_point(), in.impact.point);
        impact->set_time_us(in.impact.timeUs == kTimeUnset ? 0 : in.impact.timeUs);
        auto *ic = impact->mutable_covariance_m2();
        ic->set_ee(in.impact.covarianceM2.ee);
        ic->set_en(in.impact.covarianceM2.en);
        ic->set_nn(in.impact.covarianceM2.nn);
    }
    for (const auto &sensor : in.contributingSensors)
        out->add_contributing_sensors(sensor);
    out->set_quality(in.quality);
    for (const StageDropZone &zone : in.stageDrops) {
        auto *drop = out->add_stage_drops();
        drop->set_stage(static_cast<std::uint32_t>(zone.stage));
        setPoint(drop->mutable_point(), zone.point);
        drop->set_time_us(zone.timeUs == kTimeUnset ? 0 : zone.timeUs);
        auto *dc = drop->mutable_covariance_m2();
        dc->set_ee(zone.covarianceM2.ee);
        dc->set_en(zone.covarianceM2.en);
        dc->set_nn(zone.covarianceM2.nn);
    }
}

void encodeSensorStatus(const SensorStatus &in, wire::SensorStatus *out)
{
    out->set_sensor_id(in.sensorId);
    out->set_name(in.name);
    out->set_kind(sensorKindToWire(in.kind));
    setPoint(out->mutable_site(), in.site);
    auto *coverage = out->mutable_coverage();
    coverage->set_boresight_azimuth_deg(in.coverage.boresightAzimuthDeg);
    coverage->set_azimuth_half_width_deg(in.coverage.azimuthHalfWidthDeg);
    coverage->set_min_elevation_deg(in.coverage.minElevationDeg);
    coverage->set_max_elevation_deg(in.coverage.maxElevationDeg);
    coverage->set_max_range_m(in.coverage.maxRangeM);
    out->set_state(sensorStateToWire(in.state));
    out->set_time_us(in.timeUs);
}

void encodeAlertNotice(const AlertNotice &in, wire::AlertNotice *out)
{
    out->set_alert_id(in.alertId);
    out->set_time_us(in.timeUs);
    out->set_severity(alertSeverityToWire(in.severity));
    out->set_text(in.text);
    out->set_area_name(in.areaName);
    for (const auto &point : in.areaPolygon)
        setPoint(out->add_area_polygon(), point);
    out->set_track_id(in.trackId);
}

} // namespace

struct WireEncoder::Impl
{
    wire::Envelope envelope;
};

WireEncoder::WireEncoder()
    : d(std::make_unique<Impl>())
{
}

WireEncoder::~WireEncoder() = default;

std::string WireEncoder::topic(const FeedMessage &message) const
{
    return makeTopic(message.kind(), message.header.nation, message.header.sourceId);
}

bool WireEncoder::encode(const FeedMessage &message, std::string &payload)
{
    wire::Envelope &envelope = d->envelope;
    envelope.Clear();
    envelope.set_protocol_version(kProtocolVersion);
    auto *header = envelope.mutable_header();
    header->set_source_id(message.header.sourceId);
    header->set_nation(nationToWire(message.header.nation));
    header->set_sequence(message.header.sequence);
    header->set_source_time_us(message.header.sourceTimeUs);

    std::visit(
        [&](const auto &body) {
            using Body = std::decay_t<decltype(body)>;
            if constexpr (std::is_same_v<Body, TrackUpdate>) {
                encodeTrackUpdate(body, envelope.mutable_track_update());
            } else if constexpr (std::is_same_v<Body, TrackDrop>) {
                auto *drop = envelope.mutable_track_drop();
                drop->set_track_id(body.trackId);
                drop->set_time_us(body.timeUs);
                drop->set_reason(dropReasonToWire(body.reason));
            } else if constexpr (std::is_same_v<Body, SensorStatus>) {
                encodeSensorStatus(body, envelope.mutable_sensor_status());
            } else if constexpr (std::is_same_v<Body, Heartbeat>) {
                auto *heartbeat = envelope.mutable_heartbeat();
                heartbeat->set_time_us(body.timeUs);
                heartbeat->set_update_rate_hz(body.updateRateHz);
            } else if constexpr (std::is_same_v<Body, AlertNotice>) {
                encodeAlertNotice(body, envelope.mutable_alert_notice());
            }
        },
        message.body);
    return envelope.SerializeToString(&payload);
}

} // namespace cop::net
