// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/picture.h"

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace cop {

// Tuning of the cross-nation gate. The defaults suit the national trackers of the feed: 1-2 Hz
// updates, position errors of hundreds of metres, velocity errors of tens of metres a second
// (more in the boost). See docs/correlation.md for why each value is what it is.
struct CorrelationOptions
{
    // A track joins an object when its squared Mahalanobis distance to the object's other
    // members is below this: chi-square, 6 degrees of freedom (position and velocity), 99%.
    double joinGate = 16.81;
    // It leaves only after leaveAfterMisses consecutive updates beyond this looser gate
    // (chi-square, 6 dof, 99.99%): hysteresis, so a noisy update does not split an object.
    double leaveGate = 27.86;
    int leaveAfterMisses = 3;
    // Errors the reported covariances do not hold: sensor biases, time-tagging, the trackers'
    // different models. Added to every track's position variance (per axis), metres.
    double positionFloorM = 500.0;
    // The wire carries no velocity covariance, so a velocity error per axis is assumed: the
    // largest of a floor, a fraction of the speed (more under thrust, which the trackers'
    // ballistic models lag), and the position error over a tracking time constant (a track
    // coasting without measurements grows both together). A velocity of exactly zero is a
    // tracker that has no estimate yet: only positions are compared.
    double velocitySigmaMps = 60.0;
    double velocitySigmaFraction = 0.05;
    double boostVelocitySigmaFraction = 0.2;
    double velocityTimeConstantS = 4.0;
    // Members are compared at a common time; states further apart than this are not compared.
    TimeUs maxTimeGapUs = 5 * kMicrosPerSecond;
    // Unmodelled acceleration while propagating to the common time (thrust, drag), m/s².
    double accelerationSigmaMps2 = 30.0;
};

// One missile as the nations see it: their national tracks grouped together.
struct CorrelatedObject
{
    std::uint64_t id = 0; // assigned in order of creation, never reused
    // Member tracks, ordered by nation then source then track id. At most one per source.
    std::vector<TrackKey> members;
    std::vector<Nation> memberNations; // parallel to members
    // The members' states combined at the newest member's time: positions weighted by their
    // inverse covariance (cross-correlations between nations' errors are ignored).
    TimeUs timeUs = kTimeUnset;
    GeoPosition position;
    EnuVelocity velocity;
    EnuCovariance3 positionCovarianceM2;
    // Of the best-quality live member: what the table shows for class, phase and impact.
    TrackKey representative;
    // Greatest distance between two members' predicted impact points; NaN with fewer than two.
    double impactSpreadKm = 0.0;
    bool ended = false; // every member dropped
    TimeUs firstTimeUs = kTimeUnset;
    // Earth-centred position of the fused state, metres: a cheap first gate before the full one.
    std::array<double, 3> ecefM{};

    bool hasMember(const TrackKey &key) const;
};

// What one update changed, by object id: each id at most once in one of the lists.
struct CorrelationChange
{
    std::vector<std::uint64_t> added;
    std::vector<std::uint64_t> changed;
    std::vector<std::uint64_t> removed;
    bool isEmpty() const { return added.empty() && changed.empty() && removed.empty(); }
};

// Groups the national tracks of one missile, reported by different nations' sources, into one
// correlated object. Driven only by the Picture and its changes (message time, never the wall
// clock), so the same messages always give the same objects. Tracks of the same source are
// never merged (a source already knows its own tracks apart). GUI thread; not thread-safe.
class TrackCorrelator
{
public:
    explicit TrackCorrelator(CorrelationOptions options = {});

    // Applies one batch. Call with the batch's change while its pointers are valid (before the
    // Picture is pruned); tracks the Picture no longer holds leave their objects here too.
    CorrelationChange update(const Picture &picture, const PictureChange &change);
    void clear();
    // Replaces these objects with source's (same ids, same grouping) as they stood in
    // picture, a picture of an earlier moment (Picture::assignTracksAsOf): members not reported
    // yet are left out, objects with none are left out, and each object's fused state,
    // representative and impact spread are those of its members' states then. The grouping is
    // what the correlator knows now, so an object keeps its name when the operator looks back.
    void assignAsOf(const TrackCorrelator &source, const Picture &picture);

    // Objects by id (ascending: oldest first).
    const std::map<std::uint64_t, CorrelatedObject> &objects() const { return m_objects; }
    const CorrelatedObject *object(std::uint64_t id) const;
    // The object a national track belongs to, or nullptr.
    const CorrelatedObject *objectOf(const TrackKey &key) const;
    const CorrelationOptions &options() const { return m_options; }

    // Squared Mahalanobis distance between two track states compared at the later one's time,
    // position and velocity (6 dof); infinity if they cannot be compared (time gap, bad data).
    double distance(const TrackUpdate &a, const TrackUpdate &b) const;

private:
    struct Membership
    {
        TrackKey key;
        Nation nation = Nation::Japan;
        std::uint64_t objectId = 0;
        int misses = 0; // consecutive updates beyond the leave gate
    };
    using KeyString = std::string;
    static KeyString keyString(const TrackKey &key);

    void assign(const Picture &picture, const TrackRecord &record, std::vector<std::uint64_t> &touched);
    double distanceToObject(const Picture &picture, const TrackUpdate &state, const TrackKey &self,
                            const CorrelatedObject &object) const;
    // Nearest other live member's distance; negative when no other member can be compared.
    double nearestInObject(const Picture &picture, const TrackUpdate &state, const TrackKey &self,
                           const CorrelatedObject &object) const;
    std::uint64_t createObject(Membership &membership, std::vector<std::uint64_t> &touched);
    void moveTo(Membership &membership, std::uint64_t objectId, std::vector<std::uint64_t> &touched);
    void removeMember(Membership &membership, std::vector<std::uint64_t> &touched);
    void refreshObject(const Picture &picture, CorrelatedObject &object) const;
    void forgetMissing(const Picture &picture, std::vector<std::uint64_t> &touched);

    CorrelationOptions m_options;
    std::map<std::uint64_t, CorrelatedObject> m_objects;
    std::unordered_map<KeyString, Membership> m_memberships;
    std::uint64_t m_nextId = 1;
    std::size_t m_knownTrackCount = 0;
};

} // namespace cop
