// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alert.h"
#include "feedhealth.h"
#include "picture.h"
#include "protectedarea.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace cop {

// Thresholds of the rules. Every time here is receive-time (feed) time, never the wall clock.
struct AlertRules
{
    double impactConfidenceK = 5.991; // 95%, chi-square 2 dof: raises
    double keepConfidenceK = 9.210; // 99%, chi-square 2 dof: keeps an active alert
    // Hysteresis: a threat must stay out of an area this long before the all-clear, so a
    // prediction wobbling on a boundary raises one alert, not one per wobble.
    TimeUs allClearHoldUs = 10 * kMicrosPerSecond;
    // A launch whose predicted impact time passed this long ago with no drop has come down.
    TimeUs impactGraceUs = 60 * kMicrosPerSecond;
    // National tracks belong to one launch when their launch points and times are this close.
    // National launch-time estimates differ by a few seconds; salvos from one site are usually
    // tens of seconds apart.
    double launchCorrelationDistanceM = 30'000.0;
    TimeUs launchCorrelationTimeUs = 8 * kMicrosPerSecond;
    // Stale after this many update periods (the source's stated rate, else 1 Hz), at least
    // minStaleUs; lost after lostAfterUs without an update.
    double staleUpdatePeriods = 3.0;
    TimeUs minStaleUs = 3 * kMicrosPerSecond;
    TimeUs lostAfterUs = 30 * kMicrosPerSecond;
    TimeUs sourceSilentUs = kSourceSilentAfterUs; // as the status bar, health panel and map
    TimeUs latencyRaiseUs = 2 * kMicrosPerSecond;
    TimeUs latencyClearUs = 1 * kMicrosPerSecond;
    TimeUs gapClearUs = 30 * kMicrosPerSecond; // no new gap this long: recovered
    double overflightSampleM = 20'000.0;
    // A track's geometry is evaluated again only when its predicted point moves this far or
    // its covariance changes by reevaluateCovarianceRatio (overflight: when the track or the
    // point moves overflightSampleM / 2). Predictions jitter by metres between updates; the
    // answer cannot change, and this is what keeps rule evaluation cheap per update.
    double reevaluateImpactMoveM = 500.0;
    double reevaluateCovarianceRatio = 0.05;
    // An update event is sent when the predicted impact time moves by this much or the point by
    // by impactPointChangeM, at most once per minUpdateIntervalUs (escalation at once).
    TimeUs impactTimeChangeUs = 2 * kMicrosPerSecond;
    double impactPointChangeM = 5'000.0;
    TimeUs minUpdateIntervalUs = 5 * kMicrosPerSecond;
    // A prediction whose 95% ellipse is longer than this (semi-major axis) says little about
    // any one area: early in boost it can span the Sea of Japan. It raises no new impact or
    // overflight alert and clears none; the launch alert is already up.
    double maxUsableSemiMajorM = 100'000.0;
    // A prediction whose 95% semi-major axis is more than supersededRatio times the smallest
    // one the launch has had (and more than supersededFloorM) is superseded: it neither raises
    // nor clears. Late in flight a tracker whose sensors lose the missile below their horizon
    // coasts with a growing ellipse; it knows less than it did, not something new.
    double supersededRatio = 3.0;
    double supersededFloorM = 5'000.0;
    // A threat whose predicted point lies outside the area (only the 95% ellipse's fringe
    // reaches in) is raised after it has held this long; a predicted point inside raises at once.
    TimeUs raiseConfirmUs = 10 * kMicrosPerSecond;
    // The ground track is known far better than the impact point (its direction is fixed by
    // launch point and position), so overflight tolerates a longer ellipse.
    double maxOverflightSemiMajorM = 250'000.0;
    std::size_t maxAlerts = 5000; // oldest ended alerts are forgotten beyond this
};

// The alert rule engine: a pure function of the feed. Driven by the Picture's change per batch
// and a receive-time clock, so a replay of a session raises exactly the alerts the live run
// raised. Not thread-safe; lives beside the Picture.
//
// Launch correlation: national tracks with launch points within launchCorrelationDistanceM and
// launch times within launchCorrelationTimeUs of a known launch join it; a track without a
// launch estimate uses its first reported position and time instead.
class AlertEngine
{
public:
    explicit AlertEngine(std::shared_ptr<const ProtectedAreaSet> areas, AlertRules rules = {});
    ~AlertEngine();
    AlertEngine(const AlertEngine &) = delete;
    AlertEngine &operator=(const AlertEngine &) = delete;

    // Launches remembered after they end, so a late message from a slow source joins its
    // launch rather than raising a new one.
    static constexpr TimeUs kEndedLaunchRetentionUs = 15 * 60 * kMicrosPerSecond;

    // Applies what one batch changed, then the time-driven rules (stale, silent, all-clear
    // hysteresis) at nowUs: the newest receive time in a replay, the wall clock live. Call with
    // an empty change to advance time alone.
    std::vector<AlertEvent> update(const Picture &picture, const PictureChange &change,
                                   TimeUs nowUs);

    // Records who acknowledged and when; the acknowledgement survives every later update.
    std::optional<AlertEvent> acknowledge(std::uint64_t alertId, const QString &by, TimeUs atUs);

    const Alert *alert(std::uint64_t alertId) const;
    // Every alert still remembered, oldest first (bounded by AlertRules::maxAlerts).
    const std::map<std::uint64_t, Alert> &alerts() const { return m_alerts; }
    std::size_t activeCount() const;
    std::size_t launchCount() const { return m_launches.size(); }
    const ProtectedAreaSet &areas() const { return *m_areas; }
    std::shared_ptr<const ProtectedAreaSet> sharedAreas() const { return m_areas; }

    // Protects a new set of areas from now on. Every active impact-threat and overflight alert
    // ends with AlertEnding::AreasChanged (it was judged against areas no longer watched); the
    // next update of each track judges it afresh against the new set, which raises new alerts
    // where threats remain. Launch and health alerts are untouched.
    std::vector<AlertEvent> setAreas(std::shared_ptr<const ProtectedAreaSet> areas, TimeUs nowUs);
    const AlertRules &rules() const { return m_rules; }

private:
    struct Threat
    {
        std::uint64_t alertId = 0;
        TimeUs outsideSinceUs = kTimeUnset; // active, but the ellipse left the area
        TimeUs insideSinceUs = kTimeUnset; // all-cleared, but the ellipse is back
    };
    struct TrackState;
    struct Launch
    {
        std::uint64_t id = 0;
        std::uint64_t alertId = 0;
        MissileClass missileClass = MissileClass::Unknown;
        GeoPosition launchPoint;
        TimeUs launchTimeUs = kTimeUnset;
        std::vector<TrackKey> tracks;
        std::vector<TrackState *> trackStates; // parallel to tracks; owned by m_tracks
        std::uint8_t nationMask = 0; // nations reporting it, bit per nationIndex
        TimeUs predictedImpactTimeUs = kTimeUnset;
        double bestSemiMajorM = 0.0; // smallest usable 95% semi-major axis so far; 0: none yet
        bool ended = false;
        TimeUs endedTimeUs = kTimeUnset;
        std::map<std::size_t, Threat> impactThreats; // by area index
        std::map<std::size_t, Threat> overflights;
    };
    struct TrackState
    {
        TrackKey key;
        std::uint64_t launchId = 0;
        std::vector<std::size_t> impactAreas; // the 95% ellipse meets them
        std::vector<std::size_t> impactAreasWide; // the 99% ellipse meets them
        std::vector<std::size_t> impactAreasCentre; // the predicted point lies in them
        std::vector<std::size_t> overflightAreas;
        TimeUs evaluatedTimeUs = kTimeUnset; // state time of the last evaluation
        // What the area lists were computed from; a prediction that barely moved keeps them.
        bool impactEvaluated = false;
        GeoPosition evaluatedImpactPoint;
        EnuCovariance2 evaluatedCovarianceM2;
        bool overflightEvaluated = false;
        GeoPosition evaluatedOverflightFrom;
        GeoPosition evaluatedOverflightTo;
        bool healthAlert = false;
    };
    struct SourceState
    {
        std::uint64_t gapCount = 0;
        std::uint64_t missedMessages = 0;
        TimeUs lastGapUs = kTimeUnset;
    };

    void applyTrack(const Picture &picture, const TrackRecord &record, TimeUs nowUs,
                    std::vector<AlertEvent> &events);
    void evaluateGeometry(const TrackUpdate &latest, TrackState &state, Launch *launch);
    bool usableForImpact(const TrackUpdate &latest, double semiMajorM, const Launch *launch) const;
    void evaluateTrackOfLaunch(const Picture &picture, const TrackUpdate &latest, Launch &launch,
                               TimeUs nowUs, std::vector<AlertEvent> &events);
    std::uint64_t launchFor(const TrackRecord &record, TrackState *state, TimeUs nowUs,
                            std::vector<AlertEvent> &events);
    void evaluateLaunch(const Picture &picture, Launch &launch, TimeUs nowUs,
                        std::vector<AlertEvent> &events);
    std::vector<std::size_t> overflownAreas(const TrackUpdate &latest) const;
    void evaluateThreats(Launch &launch, std::map<std::size_t, Threat> &threats,
                         const std::vector<std::size_t> &raiseIn,
                         const std::vector<std::size_t> &keepIn,
                         const std::vector<std::size_t> &raiseAtOnceIn, AlertKind kind,
                         const TrackUpdate *best, TimeUs nowUs, std::vector<AlertEvent> &events);
    void endLaunch(Launch &launch, AlertEnding ending, TimeUs nowUs,
                   std::vector<AlertEvent> &events);
    void checkTime(const Picture &picture, TimeUs nowUs, std::vector<AlertEvent> &events);
    void checkSensors(const Picture &picture, TimeUs nowUs, std::vector<AlertEvent> &events);
    void checkSources(const Picture &picture, TimeUs nowUs, std::vector<AlertEvent> &events);
    void checkNotices(const Picture &picture, TimeUs nowUs, std::vector<AlertEvent> &events);

    // Raises a new alert, or re-raises / updates the one under key. Returns its id.
    std::uint64_t raiseOrUpdate(const std::string &key, Alert proposal, TimeUs nowUs,
                                std::vector<AlertEvent> &events, bool forceUpdate = false);
    std::uint64_t raiseOrUpdateById(std::uint64_t alertId, Alert proposal, TimeUs nowUs,
                                    std::vector<AlertEvent> &events, bool forceUpdate);
    void clear(std::uint64_t alertId, AlertEnding ending, TimeUs nowUs,
               std::vector<AlertEvent> &events);
    void clearKey(const std::string &key, AlertEnding ending, TimeUs nowUs,
                  std::vector<AlertEvent> &events);
    Alert *findAlert(std::uint64_t alertId);
    bool isActive(std::uint64_t alertId) const;
    void prune();

    std::shared_ptr<const ProtectedAreaSet> m_areas;
    AlertRules m_rules;
    std::map<std::uint64_t, Alert> m_alerts;
    std::unordered_map<std::string, std::uint64_t> m_alertByKey;
    std::uint64_t m_nextAlertId = 1;
    std::map<std::uint64_t, Launch> m_launches; // ended ones forgotten after a while
    std::uint64_t m_nextLaunchId = 1;
    std::unordered_map<std::string, TrackState> m_tracks; // by source + '\x1f' + track id
    std::unordered_map<std::string, SourceState> m_sources;
    std::uint64_t m_noticesSeen = 0;
    std::vector<std::size_t> m_scratchImpactAreas, m_scratchImpactAreasWide,
        m_scratchOverflightAreas, m_scratchCentreAreas;
    std::vector<const TrackUpdate *> m_scratchPredictions;
};

} // namespace cop
