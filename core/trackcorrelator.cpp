// SPDX-License-Identifier: GPL-3.0-or-later
#include "trackcorrelator.h"

#include <GeographicLib/Geocentric.hpp>
#include <GeographicLib/Geodesic.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <tuple>

namespace cop {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr double kGravityMps2 = 9.81;
// Objects further apart than this (plus what the time gap allows) are not gated at all: a
// cheap test on cached Earth-centred positions before the full Mahalanobis distance.
constexpr double kCoarseGateM = 150e3;

using Vec3 = std::array<double, 3>;
using Mat3 = std::array<std::array<double, 3>, 3>;

Mat3 toMatrix(const EnuCovariance3 &c)
{
    return {{{c.ee, c.en, c.eu}, {c.en, c.nn, c.nu}, {c.eu, c.nu, c.uu}}};
}

// Inverse of a symmetric 3×3 matrix; false if it is singular or not finite.
bool invert(const Mat3 &m, Mat3 &inv)
{
    const double a = m[1][1] * m[2][2] - m[1][2] * m[2][1];
    const double b = m[1][2] * m[2][0] - m[1][0] * m[2][2];
    const double c = m[1][0] * m[2][1] - m[1][1] * m[2][0];
    const double det = m[0][0] * a + m[0][1] * b + m[0][2] * c;
    if (!std::isfinite(det) || std::abs(det) < 1e-30)
        return false;
    inv[0][0] = a / det;
    inv[1][0] = b / det;
    inv[2][0] = c / det;
    inv[0][1] = (m[0][2] * m[2][1] - m[0][1] * m[2][2]) / det;
    inv[1][1] = (m[0][0] * m[2][2] - m[0][2] * m[2][0]) / det;
    inv[2][1] = (m[0][1] * m[2][0] - m[0][0] * m[2][1]) / det;
    inv[0][2] = (m[0][1] * m[1][2] - m[0][2] * m[1][1]) / det;
    inv[1][2] = (m[0][2] * m[1][0] - m[0][0] * m[1][2]) / det;
    inv[2][2] = (m[0][0] * m[1][1] - m[0][1] * m[1][0]) / det;
    return true;
}

double quadratic(const Mat3 &inv, const Vec3 &r)
{
    double sum = 0.0;
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j)
            sum += r[static_cast<std::size_t>(i)] * inv[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)]
                   * r[static_cast<std::size_t>(j)];
    return sum;
}

// Earth-centred position, and the rotation whose columns are east, north, up there.
struct Frame
{
    Vec3 ecef{};
    std::array<double, 9> enuToEcef{}; // row-major, GeographicLib's M
};

Frame frameAt(const GeoPosition &p)
{
    Frame f;
    GeographicLib::Geocentric::WGS84().Forward(p.latDeg, p.lonDeg, p.altitudeM, f.ecef[0], f.ecef[1],
                                               f.ecef[2]);
    // Columns east, north, up (geodetic vertical), as GeographicLib's rotation matrix.
    const double phi = p.latDeg * M_PI / 180.0, lambda = p.lonDeg * M_PI / 180.0;
    const double sp = std::sin(phi), cp = std::cos(phi), sl = std::sin(lambda), cl = std::cos(lambda);
    f.enuToEcef = {-sl, -cl * sp, cl * cp, //
                   cl, -sl * sp, sl * cp,  //
                   0.0, cp, sp};
    return f;
}

Vec3 ecefToEnu(const Frame &frame, const Vec3 &delta)
{
    const auto &m = frame.enuToEcef;
    return {m[0] * delta[0] + m[3] * delta[1] + m[6] * delta[2],
            m[1] * delta[0] + m[4] * delta[1] + m[7] * delta[2],
            m[2] * delta[0] + m[5] * delta[1] + m[8] * delta[2]};
}

Vec3 enuToEcef(const Frame &frame, const Vec3 &enu)
{
    const auto &m = frame.enuToEcef;
    return {m[0] * enu[0] + m[1] * enu[1] + m[2] * enu[2],
            m[3] * enu[0] + m[4] * enu[1] + m[5] * enu[2],
            m[6] * enu[0] + m[7] * enu[1] + m[8] * enu[2]};
}

// Gravity bends a coasting missile's path; under thrust the track's own velocity says more.
double gravityOf(const TrackUpdate &state)
{
    return state.phase == TrackPhase::Boost ? 0.0 : kGravityMps2;
}

bool isUsable(const TrackUpdate &state)
{
    return state.timeUs != kTimeUnset && state.position.isValidLatLon() && state.velocity.isFinite();
}

// A tracker's first report may carry no velocity yet (all zero): nothing to compare.
bool hasVelocityEstimate(const TrackUpdate &state)
{
    return state.velocity.eastMps != 0.0 || state.velocity.northMps != 0.0 || state.velocity.upMps != 0.0;
}

double impactDistanceKm(const ImpactPrediction &a, const ImpactPrediction &b)
{
    double distanceM = 0.0;
    GeographicLib::Geodesic::WGS84().Inverse(a.point.latDeg, a.point.lonDeg, b.point.latDeg,
                                             b.point.lonDeg, distanceM);
    return distanceM / 1e3;
}

} // namespace

bool CorrelatedObject::hasMember(const TrackKey &key) const
{
    return std::find(members.begin(), members.end(), key) != members.end();
}

TrackCorrelator::TrackCorrelator(CorrelationOptions options)
    : m_options(options)
{
}

TrackCorrelator::KeyString TrackCorrelator::keyString(const TrackKey &key)
{
    KeyString s;
    s.reserve(key.sourceId.size() + key.trackId.size() + 1);
    s += key.sourceId;
    s += '\x1f'; // unit separator: cannot occur in a validated id
    s += key.trackId;
    return s;
}

void TrackCorrelator::clear()
{
    m_objects.clear();
    m_memberships.clear();
    m_knownTrackCount = 0;
}

void TrackCorrelator::assignAsOf(const TrackCorrelator &source, const Picture &picture)
{
    clear();
    m_options = source.m_options;
    m_nextId = source.m_nextId;
    for (const auto &[id, from] : source.m_objects) {
        CorrelatedObject object;
        object.id = id;
        for (std::size_t i = 0; i < from.members.size(); ++i) {
            if (!picture.track(from.members[i]))
                continue;
            object.members.push_back(from.members[i]);
            object.memberNations.push_back(from.memberNations[i]);
        }
        if (object.members.empty())
            continue;
        refreshObject(picture, object);
        for (std::size_t i = 0; i < object.members.size(); ++i)
            m_memberships.emplace(keyString(object.members[i]),
                                  Membership{object.members[i], object.memberNations[i], id, 0});
        m_objects.emplace(id, std::move(object));
    }
    m_knownTrackCount = m_memberships.size();
}

const CorrelatedObject *TrackCorrelator::object(std::uint64_t id) const
{
    const auto it = m_objects.find(id);
    return it == m_objects.end() ? nullptr : &it->second;
}

const CorrelatedObject *TrackCorrelator::objectOf(const TrackKey &key) const
{
    const auto it = m_memberships.find(keyString(key));
    return it == m_memberships.end() ? nullptr : object(it->second.objectId);
}

double TrackCorrelator::distance(const TrackUpdate &a, const TrackUpdate &b) const
{
    if (!isUsable(a) || !isUsable(b))
        return kInfinity;
    const TimeUs commonUs = std::max(a.timeUs, b.timeUs);
    if (commonUs - std::min(a.timeUs, b.timeUs) > m_options.maxTimeGapUs)
        return kInfinity;
    const double dtA = usToSeconds(commonUs - a.timeUs);
    const double dtB = usToSeconds(commonUs - b.timeUs);

    const Frame frameA = frameAt(a.position);
    const Frame frameB = frameAt(b.position);
    const Vec3 delta{frameB.ecef[0] - frameA.ecef[0], frameB.ecef[1] - frameA.ecef[1],
                     frameB.ecef[2] - frameA.ecef[2]};
    const double rangeM = std::sqrt(delta[0] * delta[0] + delta[1] * delta[1] + delta[2] * delta[2]);
    if (rangeM > kCoarseGateM + 8000.0 * (dtA + dtB))
        return kInfinity;
    // Both states moved on to the common time, compared in b's local frame. The two frames
    // differ by well under a degree for anything the gate could accept.
    const Vec3 d = ecefToEnu(frameB, delta);
    const double gA = gravityOf(a), gB = gravityOf(b);
    const Vec3 r{d[0] + b.velocity.eastMps * dtB - a.velocity.eastMps * dtA,
                 d[1] + b.velocity.northMps * dtB - a.velocity.northMps * dtA,
                 d[2] + (b.velocity.upMps - 0.5 * gB * dtB) * dtB - (a.velocity.upMps - 0.5 * gA * dtA) * dtA};
    const Vec3 rv{b.velocity.eastMps - a.velocity.eastMps, b.velocity.northMps - a.velocity.northMps,
                  (b.velocity.upMps - gB * dtB) - (a.velocity.upMps - gA * dtA)};

    const auto velocitySigma = [this](const TrackUpdate &s) {
        const double fraction = s.phase == TrackPhase::Boost ? m_options.boostVelocitySigmaFraction
                                                             : m_options.velocitySigmaFraction;
        const EnuCovariance3 &c = s.positionCovarianceM2;
        const double positionSigmaM = std::sqrt(std::max(0.0, (c.ee + c.nn + c.uu) / 3.0));
        return std::max({m_options.velocitySigmaMps, fraction * s.velocity.speedMps(),
                         positionSigmaM / m_options.velocityTimeConstantS});
    };
    const double svA = velocitySigma(a), svB = velocitySigma(b);
    const bool velocitiesKnown = hasVelocityEstimate(a) && hasVelocityEstimate(b);
    const double q = m_options.accelerationSigmaMps2;
    // Per-axis variance added to position: the floor for each track, what an uncertain velocity
    // and unmodelled acceleration do over the propagation.
    const double floorM2 = m_options.positionFloorM * m_options.positionFloorM;
    const double addedPosM2 = 2.0 * floorM2 + svA * svA * dtA * dtA + svB * svB * dtB * dtB
                              + std::pow(0.5 * q * dtA * dtA, 2) + std::pow(0.5 * q * dtB * dtB, 2);
    Mat3 s = toMatrix(a.positionCovarianceM2);
    const Mat3 sb = toMatrix(b.positionCovarianceM2);
    for (std::size_t i = 0; i < 3; ++i) {
        for (std::size_t j = 0; j < 3; ++j)
            s[i][j] += sb[i][j];
        s[i][i] += addedPosM2;
    }
    Mat3 inverse;
    if (!invert(s, inverse))
        return kInfinity;
    const double velocityVariance = svA * svA + svB * svB + q * q * (dtA * dtA + dtB * dtB);
    double d2 = quadratic(inverse, r);
    if (velocitiesKnown)
        d2 += (rv[0] * rv[0] + rv[1] * rv[1] + rv[2] * rv[2]) / velocityVariance;
    else
        d2 *= 2.0; // position alone: 3 dof scaled to the 6-dof gate's mean
    return std::isfinite(d2) ? d2 : kInfinity;
}

double TrackCorrelator::distanceToObject(const Picture &picture, const TrackUpdate &state,
                                         const TrackKey &self, const CorrelatedObject &object) const
{
    // Average linkage: the candidate's mean distance to the other members it can be compared
    // with. Stricter than the nearest member (a chain of near neighbours cannot pull two
    // missiles into one object), more forgiving than the farthest (one member coasting on a
    // poor velocity estimate does not keep a good third nation out).
    double sum = 0.0;
    int compared = 0;
    for (const TrackKey &key : object.members) {
        if (key == self)
            continue;
        if (key.sourceId == self.sourceId)
            return kInfinity; // never two tracks of one source
        const TrackRecord *other = picture.track(key);
        if (!other || other->dropTimeUs != kTimeUnset)
            continue;
        const double d2 = distance(state, other->latest());
        if (d2 == kInfinity)
            return kInfinity;
        sum += d2;
        ++compared;
    }
    return compared == 0 ? kInfinity : sum / compared;
}

double TrackCorrelator::nearestInObject(const Picture &picture, const TrackUpdate &state,
                                        const TrackKey &self, const CorrelatedObject &object) const
{
    // Single linkage: a member stays while it is close to any other member.
    double best = kInfinity;
    bool comparable = false;
    for (const TrackKey &key : object.members) {
        if (key == self)
            continue;
        const TrackRecord *other = picture.track(key);
        if (!other || other->dropTimeUs != kTimeUnset)
            continue;
        comparable = true;
        best = std::min(best, distance(state, other->latest()));
    }
    return comparable ? best : -1.0;
}

std::uint64_t TrackCorrelator::createObject(Membership &membership, std::vector<std::uint64_t> &touched)
{
    const std::uint64_t id = m_nextId++;
    CorrelatedObject &object = m_objects[id];
    object.id = id;
    object.members.push_back(membership.key);
    object.memberNations.push_back(membership.nation);
    membership.objectId = id;
    membership.misses = 0;
    touched.push_back(id);
    return id;
}

void TrackCorrelator::removeMember(Membership &membership, std::vector<std::uint64_t> &touched)
{
    const auto it = m_objects.find(membership.objectId);
    if (it == m_objects.end())
        return;
    CorrelatedObject &object = it->second;
    const auto pos = std::find(object.members.begin(), object.members.end(), membership.key);
    if (pos != object.members.end()) {
        object.memberNations.erase(object.memberNations.begin() + (pos - object.members.begin()));
        object.members.erase(pos);
    }
    touched.push_back(object.id);
    membership.objectId = 0;
}

void TrackCorrelator::moveTo(Membership &membership, std::uint64_t objectId, std::vector<std::uint64_t> &touched)
{
    removeMember(membership, touched);
    CorrelatedObject &object = m_objects.at(objectId);
    // Keep members ordered by nation, then source, then track id: the display order.
    auto pos = object.members.begin();
    while (pos != object.members.end()) {
        const Nation n = object.memberNations[static_cast<std::size_t>(pos - object.members.begin())];
        if (std::tie(n, pos->sourceId, pos->trackId)
            > std::tie(membership.nation, membership.key.sourceId, membership.key.trackId))
            break;
        ++pos;
    }
    const auto index = pos - object.members.begin();
    object.members.insert(pos, membership.key);
    object.memberNations.insert(object.memberNations.begin() + index, membership.nation);
    membership.objectId = objectId;
    membership.misses = 0;
    touched.push_back(objectId);
}

void TrackCorrelator::assign(const Picture &picture, const TrackRecord &record,
                             std::vector<std::uint64_t> &touched)
{
    const KeyString keyS = keyString(record.key);
    auto [it, inserted] = m_memberships.try_emplace(keyS);
    Membership &membership = it->second;
    if (inserted) {
        membership.key = record.key;
        membership.nation = record.nation;
        createObject(membership, touched);
    } else {
        touched.push_back(membership.objectId);
    }
    const TrackUpdate &state = record.latest();
    // A dropped track keeps its object, so what the nations said stays together to the end.
    if (record.dropTimeUs != kTimeUnset || !isUsable(state))
        return;

    const Frame here = frameAt(state.position);
    CorrelatedObject *own = &m_objects.at(membership.objectId);
    if (inserted)
        own->ecefM = here.ecef; // until the object is refreshed at the end of the update
    if (own->members.size() > 1) {
        // Hysteresis: only repeated misses of the looser gate take a member out.
        const double d2 = nearestInObject(picture, state, record.key, *own);
        if (d2 >= 0.0 && d2 > m_options.leaveGate) {
            if (++membership.misses < m_options.leaveAfterMisses)
                return;
            removeMember(membership, touched);
            createObject(membership, touched);
            own = &m_objects.at(membership.objectId);
            own->ecefM = here.ecef;
        } else if (d2 >= 0.0) {
            membership.misses = 0;
            return;
        }
        // Otherwise every other member has ended: as good as alone, so it looks around.
    }

    // Alone: look for the object of the same missile among the others, nearest first.
    std::uint64_t bestId = 0;
    double bestD2 = m_options.joinGate;
    for (const auto &[id, candidate] : m_objects) {
        if (id == own->id || candidate.ended || candidate.members.empty())
            continue;
        const double dx = candidate.ecefM[0] - here.ecef[0];
        const double dy = candidate.ecefM[1] - here.ecef[1];
        const double dz = candidate.ecefM[2] - here.ecef[2];
        if (dx * dx + dy * dy + dz * dz > 4.0 * kCoarseGateM * kCoarseGateM)
            continue;
        const double d2 = distanceToObject(picture, state, record.key, candidate);
        if (d2 < bestD2) {
            bestD2 = d2;
            bestId = id;
        }
    }
    if (bestId == 0)
        return;
    CorrelatedObject &target = m_objects.at(bestId);
    if (target.members.size() == 1 && own->id < target.id) {
        // Two lone tracks meet: the older object keeps its id, so a row does not change name.
        auto other = m_memberships.find(keyString(target.members.front()));
        if (other != m_memberships.end()) {
            const std::uint64_t oldId = target.id;
            moveTo(other->second, own->id, touched);
            m_objects.erase(oldId);
            return;
        }
    }
    const std::uint64_t oldId = own->id;
    moveTo(membership, bestId, touched);
    if (m_objects.at(oldId).members.empty())
        m_objects.erase(oldId);
}

void TrackCorrelator::refreshObject(const Picture &picture, CorrelatedObject &object) const
{
    // Representative: the best live member; with none live, the newest.
    const TrackRecord *representative = nullptr;
    std::vector<const TrackRecord *> records;
    records.reserve(object.members.size());
    bool anyLive = false;
    for (const TrackKey &key : object.members) {
        const TrackRecord *record = picture.track(key);
        if (!record)
            continue;
        records.push_back(record);
        const bool live = record->dropTimeUs == kTimeUnset;
        anyLive = anyLive || live;
    }
    for (const TrackRecord *record : records) {
        const bool live = record->dropTimeUs == kTimeUnset;
        if (anyLive && !live)
            continue;
        if (!representative
            || (anyLive ? record->latest().quality > representative->latest().quality
                        : record->latest().timeUs > representative->latest().timeUs))
            representative = record;
    }
    object.ended = !anyLive;
    if (!representative)
        return;
    object.representative = representative->key;

    // Fusion at the newest member's time, in the representative's local frame.
    TimeUs newestUs = kTimeUnset;
    TimeUs firstUs = std::numeric_limits<TimeUs>::max();
    for (const TrackRecord *record : records) {
        newestUs = std::max(newestUs, record->latest().timeUs);
        firstUs = std::min(firstUs, record->firstTimeUs());
    }
    object.firstTimeUs = firstUs;
    const Frame reference = frameAt(representative->latest().position);
    Mat3 information{};
    Vec3 weighted{};
    Vec3 velocitySum{};
    int fused = 0;
    const double floorM2 = m_options.positionFloorM * m_options.positionFloorM;
    for (const TrackRecord *record : records) {
        const TrackUpdate &s = record->latest();
        if (!isUsable(s) || (anyLive && record->dropTimeUs != kTimeUnset))
            continue;
        const double dt = usToSeconds(newestUs - s.timeUs);
        const Frame own = frameAt(s.position);
        const Vec3 moved = enuToEcef(own, {s.velocity.eastMps * dt, s.velocity.northMps * dt,
                                           (s.velocity.upMps - 0.5 * gravityOf(s) * dt) * dt});
        const Vec3 enu = ecefToEnu(reference, {own.ecef[0] + moved[0] - reference.ecef[0],
                                               own.ecef[1] + moved[1] - reference.ecef[1],
                                               own.ecef[2] + moved[2] - reference.ecef[2]});
        Mat3 covariance = toMatrix(s.positionCovarianceM2);
        for (std::size_t i = 0; i < 3; ++i)
            covariance[i][i] += floorM2;
        Mat3 inverse;
        if (!invert(covariance, inverse))
            continue;
        for (std::size_t i = 0; i < 3; ++i) {
            for (std::size_t j = 0; j < 3; ++j) {
                information[i][j] += inverse[i][j];
                weighted[i] += inverse[i][j] * enu[j];
            }
        }
        velocitySum[0] += s.velocity.eastMps;
        velocitySum[1] += s.velocity.northMps;
        velocitySum[2] += s.velocity.upMps - gravityOf(s) * dt;
        ++fused;
    }
    Mat3 fusedCovariance;
    if (fused == 0 || !invert(information, fusedCovariance)) {
        const TrackUpdate &s = representative->latest();
        object.timeUs = s.timeUs;
        object.position = s.position;
        object.velocity = s.velocity;
        object.positionCovarianceM2 = s.positionCovarianceM2;
    } else {
        Vec3 enu{};
        for (std::size_t i = 0; i < 3; ++i)
            for (std::size_t j = 0; j < 3; ++j)
                enu[i] += fusedCovariance[i][j] * weighted[j];
        const Vec3 offset = enuToEcef(reference, enu);
        GeoPosition p;
        GeographicLib::Geocentric::WGS84().Reverse(reference.ecef[0] + offset[0], reference.ecef[1] + offset[1],
                                                   reference.ecef[2] + offset[2], p.latDeg, p.lonDeg, p.altitudeM);
        object.timeUs = newestUs;
        object.position = p;
        object.velocity = {velocitySum[0] / fused, velocitySum[1] / fused, velocitySum[2] / fused};
        object.positionCovarianceM2 = {fusedCovariance[0][0], fusedCovariance[0][1], fusedCovariance[0][2],
                                       fusedCovariance[1][1], fusedCovariance[1][2], fusedCovariance[2][2]};
    }
    const Frame at = frameAt(object.position);
    object.ecefM = at.ecef;

    // Spread of the nations' impact predictions: the farthest pair.
    std::vector<const ImpactPrediction *> impacts;
    for (const TrackRecord *record : records)
        if (record->latest().hasImpact && record->latest().impact.point.isValidLatLon())
            impacts.push_back(&record->latest().impact);
    object.impactSpreadKm = std::numeric_limits<double>::quiet_NaN();
    if (impacts.size() >= 2) {
        double spread = 0.0;
        for (std::size_t i = 0; i < impacts.size(); ++i)
            for (std::size_t j = i + 1; j < impacts.size(); ++j)
                spread = std::max(spread, impactDistanceKm(*impacts[i], *impacts[j]));
        object.impactSpreadKm = spread;
    }
}

void TrackCorrelator::forgetMissing(const Picture &picture, std::vector<std::uint64_t> &touched)
{
    for (auto it = m_memberships.begin(); it != m_memberships.end();) {
        if (picture.track(it->second.key)) {
            ++it;
            continue;
        }
        const std::uint64_t id = it->second.objectId;
        removeMember(it->second, touched);
        const auto object = m_objects.find(id);
        if (object != m_objects.end() && object->second.members.empty())
            m_objects.erase(object);
        it = m_memberships.erase(it);
    }
}

CorrelationChange TrackCorrelator::update(const Picture &picture, const PictureChange &change)
{
    const std::size_t before = m_objects.size();
    std::vector<std::uint64_t> existedBefore;
    existedBefore.reserve(before);
    for (const auto &entry : m_objects)
        existedBefore.push_back(entry.first);

    std::vector<std::uint64_t> touched;
    std::size_t newTracks = 0;
    for (const TrackRecord *record : change.tracksChanged)
        if (!m_memberships.contains(keyString(record->key)))
            ++newTracks;
    // The Picture forgot tracks (pruned, or cleared for a seek) since the last update.
    if (picture.tracks().size() != m_knownTrackCount + newTracks)
        forgetMissing(picture, touched);
    for (const TrackRecord *record : change.tracksChanged)
        assign(picture, *record, touched);
    m_knownTrackCount = picture.tracks().size();

    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    CorrelationChange result;
    for (const std::uint64_t id : touched) {
        const bool existed = std::binary_search(existedBefore.begin(), existedBefore.end(), id);
        auto it = m_objects.find(id);
        if (it == m_objects.end()) {
            if (existed)
                result.removed.push_back(id);
            continue;
        }
        refreshObject(picture, it->second);
        (existed ? result.changed : result.added).push_back(id);
    }
    return result;
}

} // namespace cop
