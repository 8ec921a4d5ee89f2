// SPDX-License-Identifier: GPL-3.0-or-later
#include "picturesnapshot.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>

namespace cop {

namespace {

// "COPP" and the layout version: a reader refuses anything else rather than misread it.
constexpr std::uint32_t kMagic = 0x50504F43; // bytes C O P P, little-endian
constexpr std::uint32_t kLayoutVersion = 1;
// Sanity bounds on counts read from a file, so a corrupt count cannot ask for gigabytes.
constexpr std::uint32_t kMaxCount = 10'000'000;
constexpr std::uint32_t kMaxStringBytes = 1 << 20;

class Writer
{
public:
    explicit Writer(std::string &out)
        : m_out(out)
    { }
    void u8(std::uint8_t value) { m_out.push_back(static_cast<char>(value)); }
    void u32(std::uint32_t value)
    {
        for (int i = 0; i < 4; ++i)
            u8(static_cast<std::uint8_t>(value >> (8 * i)));
    }
    void u64(std::uint64_t value)
    {
        for (int i = 0; i < 8; ++i)
            u8(static_cast<std::uint8_t>(value >> (8 * i)));
    }
    void i64(std::int64_t value) { u64(static_cast<std::uint64_t>(value)); }
    void f64(double value) { u64(std::bit_cast<std::uint64_t>(value)); }
    void f32(float value) { u32(std::bit_cast<std::uint32_t>(value)); }
    void boolean(bool value) { u8(value ? 1 : 0); }
    void string(const std::string &value)
    {
        u32(static_cast<std::uint32_t>(value.size()));
        m_out.append(value);
    }
    template<typename Enum> void enumeration(Enum value) { u8(static_cast<std::uint8_t>(value)); }

private:
    std::string &m_out;
};

class Reader
{
public:
    explicit Reader(std::string_view data)
        : m_data(data)
    { }
    bool ok() const { return m_ok; }
    bool atEnd() const { return m_pos == m_data.size(); }
    std::uint8_t u8()
    {
        if (!need(1))
            return 0;
        return static_cast<std::uint8_t>(m_data[m_pos++]);
    }
    std::uint32_t u32()
    {
        std::uint32_t value = 0;
        for (int i = 0; i < 4; ++i)
            value |= static_cast<std::uint32_t>(u8()) << (8 * i);
        return value;
    }
    std::uint64_t u64()
    {
        std::uint64_t value = 0;
        for (int i = 0; i < 8; ++i)
            value |= static_cast<std::uint64_t>(u8()) << (8 * i);
        return value;
    }
    std::int64_t i64() { return static_cast<std::int64_t>(u64()); }
    double f64() { return std::bit_cast<double>(u64()); }
    float f32() { return std::bit_cast<float>(u32()); }
    bool boolean() { return u8() != 0; }
    std::string string()
    {
        const std::uint32_t size = u32();
        if (size > kMaxStringBytes || !need(size)) {
            m_ok = false;
            return {};
        }
        std::string value(m_data.substr(m_pos, size));
        m_pos += size;
        return value;
    }
    std::uint32_t count()
    {
        const std::uint32_t value = u32();
        if (value > kMaxCount)
            m_ok = false;
        return m_ok ? value : 0;
    }
    // An enum stored as one byte; out of range marks the data corrupt.
    template<typename Enum> Enum enumeration(Enum last)
    {
        const std::uint8_t value = u8();
        if (value > static_cast<std::uint8_t>(last))
            m_ok = false;
        return static_cast<Enum>(value);
    }

private:
    bool need(std::size_t bytes)
    {
        if (!m_ok || m_data.size() - m_pos < bytes) {
            m_ok = false;
            return false;
        }
        return true;
    }
    std::string_view m_data;
    std::size_t m_pos = 0;
    bool m_ok = true;
};

void put(Writer &w, const GeoPosition &p)
{
    w.f64(p.latDeg);
    w.f64(p.lonDeg);
    w.f64(p.altitudeM);
}
void get(Reader &r, GeoPosition &p)
{
    p.latDeg = r.f64();
    p.lonDeg = r.f64();
    p.altitudeM = r.f64();
}

void putHeader(Writer &w, const MessageHeader &h)
{
    w.string(h.sourceId);
    w.enumeration(h.nation);
    w.u64(h.sequence);
    w.i64(h.sourceTimeUs);
    w.i64(h.receiveTimeUs);
}
void getHeader(Reader &r, MessageHeader &h)
{
    h.sourceId = r.string();
    h.nation = r.enumeration(Nation::Korea);
    h.sequence = r.u64();
    h.sourceTimeUs = r.i64();
    h.receiveTimeUs = r.i64();
}

void putTrackUpdate(Writer &w, const TrackUpdate &u)
{
    w.string(u.trackId);
    w.i64(u.timeUs);
    put(w, u.position);
    w.f64(u.velocity.eastMps);
    w.f64(u.velocity.northMps);
    w.f64(u.velocity.upMps);
    const EnuCovariance3 &c = u.positionCovarianceM2;
    for (double v : {c.ee, c.en, c.eu, c.nn, c.nu, c.uu})
        w.f64(v);
    w.enumeration(u.phase);
    w.enumeration(u.identity);
    w.enumeration(u.missileClass);
    w.boolean(u.hasLaunch);
    put(w, u.launchPoint);
    w.i64(u.launchTimeUs);
    w.boolean(u.hasImpact);
    put(w, u.impact.point);
    w.i64(u.impact.timeUs);
    w.f64(u.impact.covarianceM2.ee);
    w.f64(u.impact.covarianceM2.en);
    w.f64(u.impact.covarianceM2.nn);
    w.u32(static_cast<std::uint32_t>(u.contributingSensors.size()));
    for (const std::string &sensor : u.contributingSensors)
        w.string(sensor);
    w.f32(u.quality);
}
void getTrackUpdate(Reader &r, TrackUpdate &u)
{
    u.trackId = r.string();
    u.timeUs = r.i64();
    get(r, u.position);
    u.velocity.eastMps = r.f64();
    u.velocity.northMps = r.f64();
    u.velocity.upMps = r.f64();
    EnuCovariance3 &c = u.positionCovarianceM2;
    for (double *v : {&c.ee, &c.en, &c.eu, &c.nn, &c.nu, &c.uu})
        *v = r.f64();
    u.phase = r.enumeration(TrackPhase::Lost);
    u.identity = r.enumeration(Identity::Hostile);
    u.missileClass = r.enumeration(MissileClass::GlideVehicle);
    u.hasLaunch = r.boolean();
    get(r, u.launchPoint);
    u.launchTimeUs = r.i64();
    u.hasImpact = r.boolean();
    get(r, u.impact.point);
    u.impact.timeUs = r.i64();
    u.impact.covarianceM2.ee = r.f64();
    u.impact.covarianceM2.en = r.f64();
    u.impact.covarianceM2.nn = r.f64();
    const std::uint32_t sensors = r.count();
    u.contributingSensors.clear();
    for (std::uint32_t i = 0; i < sensors && r.ok(); ++i)
        u.contributingSensors.push_back(r.string());
    u.quality = r.f32();
}

void putSensorStatus(Writer &w, const SensorStatus &s)
{
    w.string(s.sensorId);
    w.string(s.name);
    w.enumeration(s.kind);
    put(w, s.site);
    w.f64(s.coverage.boresightAzimuthDeg);
    w.f64(s.coverage.azimuthHalfWidthDeg);
    w.f64(s.coverage.minElevationDeg);
    w.f64(s.coverage.maxElevationDeg);
    w.f64(s.coverage.maxRangeM);
    w.enumeration(s.state);
    w.i64(s.timeUs);
}
void getSensorStatus(Reader &r, SensorStatus &s)
{
    s.sensorId = r.string();
    s.name = r.string();
    s.kind = r.enumeration(SensorKind::Other);
    get(r, s.site);
    s.coverage.boresightAzimuthDeg = r.f64();
    s.coverage.azimuthHalfWidthDeg = r.f64();
    s.coverage.minElevationDeg = r.f64();
    s.coverage.maxElevationDeg = r.f64();
    s.coverage.maxRangeM = r.f64();
    s.state = r.enumeration(SensorState::Offline);
    s.timeUs = r.i64();
}

void putSource(Writer &w, const SourceRecord &s)
{
    w.string(s.sourceId);
    w.enumeration(s.nation);
    for (TimeUs t : {s.firstReceiveTimeUs, s.lastReceiveTimeUs, s.lastSourceTimeUs,
                     s.lastHeartbeatReceiveTimeUs, s.lastGapReceiveTimeUs, s.lastLatencyUs})
        w.i64(t);
    for (std::uint64_t n : {s.lastSequence, s.messageCount, s.gapCount, s.missedMessages,
                            s.outOfOrderCount, s.restartCount, s.tracksRefused})
        w.u64(n);
    w.u32(kMessageKindCount);
    for (std::uint64_t n : s.messageCountByKind)
        w.u64(n);
    w.f64(s.nominalUpdateRateHz);
}
void getSource(Reader &r, SourceRecord &s)
{
    s.sourceId = r.string();
    s.nation = r.enumeration(Nation::Korea);
    for (TimeUs *t : {&s.firstReceiveTimeUs, &s.lastReceiveTimeUs, &s.lastSourceTimeUs,
                      &s.lastHeartbeatReceiveTimeUs, &s.lastGapReceiveTimeUs, &s.lastLatencyUs})
        *t = r.i64();
    for (std::uint64_t *n : {&s.lastSequence, &s.messageCount, &s.gapCount, &s.missedMessages,
                             &s.outOfOrderCount, &s.restartCount, &s.tracksRefused})
        *n = r.u64();
    const std::uint32_t kinds = r.count();
    for (std::uint32_t i = 0; i < kinds && r.ok(); ++i) {
        const std::uint64_t n = r.u64();
        if (i < static_cast<std::uint32_t>(kMessageKindCount))
            s.messageCountByKind[i] = n; // a newer kind beyond ours is ignored
    }
    s.nominalUpdateRateHz = r.f64();
}

void putAlertNotice(Writer &w, const AlertNoticeRecord &a)
{
    putHeader(w, a.header);
    w.string(a.notice.alertId);
    w.i64(a.notice.timeUs);
    w.enumeration(a.notice.severity);
    w.string(a.notice.text);
    w.string(a.notice.areaName);
    w.u32(static_cast<std::uint32_t>(a.notice.areaPolygon.size()));
    for (const GeoPosition &p : a.notice.areaPolygon)
        put(w, p);
    w.string(a.notice.trackId);
}
void getAlertNotice(Reader &r, AlertNoticeRecord &a)
{
    getHeader(r, a.header);
    a.notice.alertId = r.string();
    a.notice.timeUs = r.i64();
    a.notice.severity = r.enumeration(AlertSeverity::Critical);
    a.notice.text = r.string();
    a.notice.areaName = r.string();
    const std::uint32_t points = r.count();
    for (std::uint32_t i = 0; i < points && r.ok(); ++i)
        get(r, a.notice.areaPolygon.emplace_back());
    a.notice.trackId = r.string();
}

template<typename History, typename Put>
void putHistoryTail(Writer &w, const History &history, std::size_t maxStates, Put put)
{
    const std::size_t count = std::min(history.size(), std::max<std::size_t>(maxStates, 1));
    w.u32(static_cast<std::uint32_t>(count));
    for (auto it = history.end() - static_cast<std::ptrdiff_t>(count); it != history.end(); ++it)
        put(w, *it);
}

} // namespace

std::string PictureSnapshot::encode(const Picture &picture, const PictureSnapshotOptions &options)
{
    std::string out;
    out.reserve(4096);
    Writer w(out);
    w.u32(kMagic);
    w.u32(kLayoutVersion);
    w.i64(picture.m_latestSourceTimeUs);
    w.u64(picture.m_messagesApplied);

    w.u32(static_cast<std::uint32_t>(picture.m_sources.size()));
    for (const auto &[id, source] : picture.m_sources)
        putSource(w, source);

    // Tracks in arrival order, so a restored picture lists them as the original did.
    const std::size_t trackCount = picture.m_tracks.size();
    const std::size_t statesPerTrack = trackCount == 0
        ? options.maxStatesPerTrack
        : std::clamp<std::size_t>(options.maxTrackStatesTotal / trackCount, 1,
                                  std::max<std::size_t>(options.maxStatesPerTrack, 1));
    w.u32(static_cast<std::uint32_t>(trackCount));
    for (const auto &record : picture.m_tracks) {
        w.string(record->key.sourceId);
        w.string(record->key.trackId);
        w.enumeration(record->nation);
        w.i64(record->lastReceiveTimeUs);
        w.i64(record->dropTimeUs);
        w.enumeration(record->dropReason);
        putHistoryTail(w, record->history, statesPerTrack, putTrackUpdate);
    }

    w.u32(static_cast<std::uint32_t>(picture.m_sensors.size()));
    for (const auto &[id, sensor] : picture.m_sensors) {
        w.string(id);
        w.enumeration(sensor.nation);
        w.i64(sensor.lastReceiveTimeUs);
        putHistoryTail(w, sensor.history, options.maxStatesPerSensor, putSensorStatus);
    }

    w.u32(static_cast<std::uint32_t>(picture.m_alertNotices.size()));
    for (const AlertNoticeRecord &notice : picture.m_alertNotices)
        putAlertNotice(w, notice);
    return out;
}

bool PictureSnapshot::decode(std::string_view data, Picture &picture, std::string *error)
{
    const auto fail = [&](const char *why) {
        picture.clear();
        if (error)
            *error = why;
        return false;
    };
    picture.clear();
    Reader r(data);
    if (r.u32() != kMagic)
        return fail("not a picture snapshot");
    if (const std::uint32_t version = r.u32(); version != kLayoutVersion)
        return fail(version > kLayoutVersion ? "picture snapshot of a newer version"
                                             : "picture snapshot of an unknown version");
    picture.m_latestSourceTimeUs = r.i64();
    picture.m_messagesApplied = r.u64();

    const std::uint32_t sources = r.count();
    for (std::uint32_t i = 0; i < sources && r.ok(); ++i) {
        SourceRecord source;
        getSource(r, source);
        picture.m_sources[source.sourceId] = std::move(source);
    }

    const std::uint32_t tracks = r.count();
    for (std::uint32_t i = 0; i < tracks && r.ok(); ++i) {
        auto record = std::make_unique<TrackRecord>();
        record->key.sourceId = r.string();
        record->key.trackId = r.string();
        record->nation = r.enumeration(Nation::Korea);
        record->lastReceiveTimeUs = r.i64();
        record->dropTimeUs = r.i64();
        record->dropReason = r.enumeration(DropReason::Cancelled);
        const std::uint32_t states = r.count();
        for (std::uint32_t s = 0; s < states && r.ok(); ++s)
            getTrackUpdate(r, record->history.emplace_back());
        if (record->history.empty())
            return fail("picture snapshot with a track of no state");
        auto &sourceTracks = picture.m_trackIndex[record->key.sourceId];
        if (!sourceTracks.emplace(record->key.trackId, record.get()).second)
            return fail("picture snapshot with a track twice");
        picture.m_tracks.push_back(std::move(record));
    }

    const std::uint32_t sensors = r.count();
    for (std::uint32_t i = 0; i < sensors && r.ok(); ++i) {
        const std::string id = r.string();
        SensorRecord &sensor = picture.m_sensors[id];
        sensor.nation = r.enumeration(Nation::Korea);
        sensor.lastReceiveTimeUs = r.i64();
        const std::uint32_t states = r.count();
        for (std::uint32_t s = 0; s < states && r.ok(); ++s)
            getSensorStatus(r, sensor.history.emplace_back());
        if (sensor.history.empty())
            return fail("picture snapshot with a sensor of no state");
    }

    const std::uint32_t notices = r.count();
    for (std::uint32_t i = 0; i < notices && r.ok(); ++i)
        getAlertNotice(r, picture.m_alertNotices.emplace_back());

    if (!r.ok())
        return fail("picture snapshot truncated or corrupt");
    if (!r.atEnd())
        return fail("picture snapshot with trailing bytes");
    return true;
}

} // namespace cop
