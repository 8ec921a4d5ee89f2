// SPDX-License-Identifier: GPL-3.0-or-later
#include "alertengine.h"

#include "impactellipse.h"

#include <GeographicLib/Geodesic.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace cop {

namespace {

std::string mapKey(const TrackKey &key)
{
    std::string out = key.sourceId;
    out += '\x1f';
    out += key.trackId;
    return out;
}

QString latLonText(const GeoPosition &p)
{
    return QStringLiteral("%1°%2 %3°%4")
        .arg(std::abs(p.latDeg), 0, 'f', 2)
        .arg(p.latDeg >= 0 ? QLatin1Char('N') : QLatin1Char('S'))
        .arg(std::abs(p.lonDeg), 0, 'f', 2)
        .arg(p.lonDeg >= 0 ? QLatin1Char('E') : QLatin1Char('W'));
}

QString timeText(TimeUs timeUs)
{
    return formatUtc(timeUs).mid(11, 8) + QLatin1Char('Z'); // HH:MM:SSZ
}

QString nationsText(std::uint8_t mask)
{
    QStringList codes;
    for (const Nation nation : kAllNations) {
        if (mask & (1u << nationIndex(nation)))
            codes.append(QString::fromLatin1(nationCode(nation)));
    }
    return codes.join(QStringLiteral(", "));
}

double distanceM(const GeoPosition &a, const GeoPosition &b)
{
    double s12 = 0.0;
    GeographicLib::Geodesic::WGS84().Inverse(a.latDeg, a.lonDeg, b.latDeg, b.lonDeg, s12);
    return s12;
}

// Cheap closeness test for update throttling; exactness is not needed at a kilometre.
bool movedMoreThan(const GeoPosition &a, const GeoPosition &b, double metres)
{
    constexpr double kMetresPerDegree = 111'320.0;
    const double northM = (a.latDeg - b.latDeg) * kMetresPerDegree;
    double dLon = a.lonDeg - b.lonDeg;
    dLon -= 360.0 * std::round(dLon / 360.0);
    const double eastM = dLon * kMetresPerDegree * std::cos(a.latDeg * M_PI / 180.0);
    return std::hypot(northM, eastM) > metres;
}

} // namespace

AlertEngine::AlertEngine(std::shared_ptr<const ProtectedAreaSet> areas, AlertRules rules)
    : m_areas(areas ? std::move(areas) : std::make_shared<const ProtectedAreaSet>())
    , m_rules(rules)
{ }

AlertEngine::~AlertEngine() = default;

std::vector<AlertEvent> AlertEngine::update(const Picture &picture, const PictureChange &change,
                                            TimeUs nowUs)
{
    std::vector<AlertEvent> events;
    for (const TrackRecord *record : change.tracksChanged)
        applyTrack(picture, *record, nowUs, events);
    if (change.sensorsChanged)
        checkSensors(picture, nowUs, events);
    if (change.alertNoticesChanged)
        checkNotices(picture, nowUs, events);
    checkSources(picture, nowUs, events);
    checkTime(picture, nowUs, events);
    prune();
    return events;
}

std::vector<AlertEvent> AlertEngine::setAreas(std::shared_ptr<const ProtectedAreaSet> areas,
                                              TimeUs nowUs)
{
    std::vector<AlertEvent> events;
    for (auto &[id, launch] : m_launches) {
        for (auto *threats : {&launch.impactThreats, &launch.overflights}) {
            for (auto &[index, threat] : *threats)
                clear(threat.alertId, AlertEnding::AreasChanged, nowUs, events);
            threats->clear(); // keyed by index into the old set
        }
    }
    for (auto &[key, state] : m_tracks) {
        state.impactAreas.clear();
        state.impactAreasWide.clear();
        state.impactAreasCentre.clear();
        state.overflightAreas.clear();
        state.impactEvaluated = false;
        state.overflightEvaluated = false;
        state.evaluatedTimeUs = kTimeUnset; // the next update evaluates again
    }
    m_areas = areas ? std::move(areas) : std::make_shared<const ProtectedAreaSet>();
    return events;
}

std::optional<AlertEvent> AlertEngine::acknowledge(std::uint64_t alertId, const QString &by,
                                                   TimeUs atUs)
{
    Alert *alert = findAlert(alertId);
    if (!alert || alert->acknowledged)
        return std::nullopt;
    alert->acknowledged = true;
    alert->acknowledgedBy = by;
    alert->acknowledgedTimeUs = atUs;
    return AlertEvent {AlertEventType::Acknowledged, atUs, *alert};
}

const Alert *AlertEngine::alert(std::uint64_t alertId) const
{
    const auto it = m_alerts.find(alertId);
    return it == m_alerts.end() ? nullptr : &it->second;
}

std::size_t AlertEngine::activeCount() const
{
    return static_cast<std::size_t>(std::count_if(
        m_alerts.begin(), m_alerts.end(), [](const auto &entry) { return entry.second.active; }));
}

// --- tracks and launches -------------------------------------------------------------------

void AlertEngine::applyTrack(const Picture &picture, const TrackRecord &record, TimeUs nowUs,
                             std::vector<AlertEvent> &events)
{
    const std::string key = mapKey(record.key);
    auto [it, inserted] = m_tracks.try_emplace(key);
    if (inserted) {
        it->second.key = record.key;
        it->second.launchId = launchFor(record, &it->second, nowUs, events);
    }
    TrackState &state = it->second;
    const TrackUpdate &latest = record.latest();
    const std::string healthKey = "track|" + key;

    if (record.dropTimeUs != kTimeUnset && record.dropReason == DropReason::Lost) {
        Alert lost;
        lost.kind = AlertKind::TrackLost;
        lost.severity = AlertSeverity::Warning;
        lost.track = record.key;
        lost.sourceId = record.key.sourceId;
        lost.nation = record.nation;
        lost.launchId = state.launchId;
        lost.hasPosition = true;
        lost.position = latest.position;
        lost.text = QStringLiteral("Track %1 of %2 lost")
                        .arg(QString::fromStdString(record.key.trackId),
                             QString::fromStdString(record.key.sourceId));
        raiseOrUpdate(healthKey, lost, nowUs, events);
        state.healthAlert = true;
    } else if (state.healthAlert && record.dropTimeUs == kTimeUnset) {
        clearKey(healthKey, AlertEnding::Recovered, nowUs, events);
        state.healthAlert = false;
    }

    const auto launchIt = m_launches.find(state.launchId);
    Launch *launch = launchIt == m_launches.end() ? nullptr : &launchIt->second;
    if (latest.timeUs != state.evaluatedTimeUs) {
        state.evaluatedTimeUs = latest.timeUs;
        evaluateGeometry(latest, state, launch);
    }
    if (!launch)
        return;
    evaluateTrackOfLaunch(picture, latest, *launch, nowUs, events);
}

void AlertEngine::evaluateTrackOfLaunch(const Picture &picture, const TrackUpdate &latest,
                                        Launch &launch, TimeUs nowUs,
                                        std::vector<AlertEvent> &events)
{
    if (launch.missileClass == MissileClass::Unknown
        && latest.missileClass != MissileClass::Unknown) {
        launch.missileClass = latest.missileClass;
        if (!launch.ended) {
            if (const Alert *launchAlert = alert(launch.alertId)) {
                Alert proposal = *launchAlert;
                proposal.text
                    = QStringLiteral("Launch detected: %1 from %2 at %3, reported by %4")
                          .arg(missileClassName(launch.missileClass),
                               latLonText(launch.launchPoint), timeText(launch.launchTimeUs),
                               nationsText(launch.nationMask));
                raiseOrUpdateById(launch.alertId, proposal, nowUs, events, true);
            }
        }
    }
    evaluateLaunch(picture, launch, nowUs, events);
}

bool AlertEngine::usableForImpact(const TrackUpdate &latest, double semiMajorM,
                                  const Launch *launch) const
{
    // Under thrust the predictor extrapolates a ballistic path from a missile that is still
    // accelerating: the point sweeps downrange until burnout, whatever its stated uncertainty.
    if (latest.phase == TrackPhase::Boost)
        return false;
    if (semiMajorM > m_rules.maxUsableSemiMajorM)
        return false;
    // A prediction much less certain than the best this launch has had cannot overturn it: a
    // ballistic missile's impact point does not move, only what is known about it.
    if (launch && launch->bestSemiMajorM > 0.0
        && semiMajorM > std::max(m_rules.supersededRatio * launch->bestSemiMajorM,
                                 m_rules.supersededFloorM))
        return false;
    return true;
}

void AlertEngine::evaluateGeometry(const TrackUpdate &latest, TrackState &state, Launch *launch)
{
    const bool predicts = latest.hasImpact && latest.phase != TrackPhase::Impacted
        && latest.impact.point.isValidLatLon();
    if (!predicts) {
        state.impactAreas.clear();
        state.impactAreasWide.clear();
        state.impactAreasCentre.clear();
        state.overflightAreas.clear();
        state.impactEvaluated = false;
        state.overflightEvaluated = false;
        return;
    }
    const EnuCovariance2 &c = latest.impact.covarianceM2;
    const EnuCovariance2 &e = state.evaluatedCovarianceM2;
    const double traceM2 = std::max(e.ee + e.nn, 1.0);
    const bool impactMoved = !state.impactEvaluated
        || movedMoreThan(state.evaluatedImpactPoint, latest.impact.point,
                         m_rules.reevaluateImpactMoveM)
        || std::abs((c.ee + c.nn) - (e.ee + e.nn)) > m_rules.reevaluateCovarianceRatio * traceM2
        || std::abs(c.en - e.en) > m_rules.reevaluateCovarianceRatio * traceM2;
    const double pathMoveM = m_rules.overflightSampleM / 2.0;
    const bool pathMoved = !state.overflightEvaluated
        || movedMoreThan(state.evaluatedOverflightFrom, latest.position, pathMoveM)
        || movedMoreThan(state.evaluatedOverflightTo, latest.impact.point, pathMoveM);
    if (!impactMoved && !pathMoved)
        return;
    const ImpactEllipse ellipse(latest.impact.point, latest.impact.covarianceM2,
                                m_rules.impactConfidenceK);
    // Not usable (boost, too uncertain, superseded): it moves no area in or out, the track
    // keeps what it had.
    if (impactMoved && usableForImpact(latest, ellipse.semiMajorM(), launch)) {
        if (launch
            && (launch->bestSemiMajorM <= 0.0 || ellipse.semiMajorM() < launch->bestSemiMajorM))
            launch->bestSemiMajorM = ellipse.semiMajorM();
        state.impactEvaluated = true;
        state.evaluatedImpactPoint = latest.impact.point;
        state.evaluatedCovarianceM2 = latest.impact.covarianceM2;
        state.impactAreas.clear();
        state.impactAreasWide.clear();
        state.impactAreasCentre.clear();
        // The 99% ellipse holds the 95% one: it is tested only where the 95% one misses, and
        // its reach (no geodesic problem) picks the candidate areas.
        const ImpactEllipse wide(latest.impact.point, latest.impact.covarianceM2,
                                 m_rules.keepConfidenceK);
        const QRectF box = wide.reachBoundsDeg();
        const auto &areas = m_areas->areas();
        for (const std::size_t index :
             m_areas->candidates(box.top(), box.left(), box.bottom(), box.right())) {
            if (areas[index].contains(latest.impact.point.latDeg, latest.impact.point.lonDeg)) {
                state.impactAreasCentre.push_back(index);
                state.impactAreas.push_back(index);
                state.impactAreasWide.push_back(index);
            } else if (ellipse.meets(areas[index])) {
                state.impactAreas.push_back(index);
                state.impactAreasWide.push_back(index);
            } else if (wide.meets(areas[index])) {
                state.impactAreasWide.push_back(index);
            }
        }
    }
    if (pathMoved && ellipse.semiMajorM() <= m_rules.maxOverflightSemiMajorM) {
        state.overflightEvaluated = true;
        state.evaluatedOverflightFrom = latest.position;
        state.evaluatedOverflightTo = latest.impact.point;
        state.overflightAreas = overflownAreas(latest);
    }
}

std::vector<std::size_t> AlertEngine::overflownAreas(const TrackUpdate &latest) const
{
    // The ground track still ahead, from here to the predicted impact.
    std::vector<std::size_t> out;
    const auto &areas = m_areas->areas();
    const std::vector<LatLonDeg> path
        = sampleGeodesic(latest.position, latest.impact.point, m_rules.overflightSampleM);
    double south = 90.0, north = -90.0, west = 1e9, east = -1e9;
    double previousLon = path.front().lonDeg;
    std::vector<LatLonDeg> continuous;
    continuous.reserve(path.size());
    for (LatLonDeg p : path) {
        while (p.lonDeg - previousLon > 180.0)
            p.lonDeg -= 360.0;
        while (p.lonDeg - previousLon < -180.0)
            p.lonDeg += 360.0;
        previousLon = p.lonDeg;
        continuous.push_back(p);
        south = std::min(south, p.latDeg);
        north = std::max(north, p.latDeg);
        west = std::min(west, p.lonDeg);
        east = std::max(east, p.lonDeg);
    }
    for (const std::size_t index : m_areas->candidates(south, west, north, east)) {
        const ProtectedArea &area = areas[index];
        if (area.kind != ProtectedAreaKind::Territory
            || area.contains(latest.impact.point.latDeg, latest.impact.point.lonDeg))
            continue; // an impact inside is the impact threat's business
        if (std::any_of(continuous.begin(), continuous.end(),
                        [&](const LatLonDeg &p) { return area.contains(p.latDeg, p.lonDeg); }))
            out.push_back(index);
    }
    return out;
}

std::uint64_t AlertEngine::launchFor(const TrackRecord &record, TrackState *state, TimeUs nowUs,
                                     std::vector<AlertEvent> &events)
{
    const TrackUpdate &latest = record.latest();
    const GeoPosition point
        = latest.hasLaunch ? latest.launchPoint : record.history.front().position;
    const TimeUs timeUs = latest.hasLaunch ? latest.launchTimeUs : record.history.front().timeUs;
    const std::uint8_t nationBit = static_cast<std::uint8_t>(1u << nationIndex(record.nation));

    Launch *best = nullptr;
    double bestScore = std::numeric_limits<double>::infinity();
    for (auto &[id, launch] : m_launches) {
        const TimeUs dtUs = std::abs(launch.launchTimeUs - timeUs);
        if (dtUs > m_rules.launchCorrelationTimeUs)
            continue;
        const double dM = distanceM(launch.launchPoint, point);
        if (dM > m_rules.launchCorrelationDistanceM)
            continue;
        const double score = dM / m_rules.launchCorrelationDistanceM
            + static_cast<double>(dtUs) / static_cast<double>(m_rules.launchCorrelationTimeUs);
        if (score < bestScore) {
            bestScore = score;
            best = &launch;
        }
    }
    if (best) {
        best->tracks.push_back(record.key);
        best->trackStates.push_back(state);
        if (!(best->nationMask & nationBit)) {
            best->nationMask |= nationBit;
            if (!best->ended) {
                if (const Alert *launchAlert = alert(best->alertId)) {
                    Alert proposal = *launchAlert;
                    proposal.text
                        = QStringLiteral("Launch detected: %1 from %2 at %3, reported by %4")
                              .arg(missileClassName(best->missileClass),
                                   latLonText(best->launchPoint), timeText(best->launchTimeUs),
                                   nationsText(best->nationMask));
                    raiseOrUpdateById(best->alertId, proposal, nowUs, events, true);
                }
            }
        }
        return best->id;
    }

    Launch launch;
    launch.id = m_nextLaunchId++;
    launch.launchPoint = point;
    launch.launchTimeUs = timeUs;
    launch.missileClass = latest.missileClass;
    launch.tracks.push_back(record.key);
    launch.trackStates.push_back(state);
    launch.nationMask = nationBit;
    Alert proposal;
    proposal.kind = AlertKind::LaunchDetected;
    proposal.severity = AlertSeverity::Warning;
    proposal.launchId = launch.id;
    proposal.track = record.key;
    proposal.sourceId = record.key.sourceId;
    proposal.nation = record.nation;
    proposal.hasPosition = true;
    proposal.position = point;
    proposal.text = QStringLiteral("Launch detected: %1 from %2 at %3, reported by %4")
                        .arg(missileClassName(launch.missileClass), latLonText(point),
                             timeText(timeUs), nationsText(launch.nationMask));
    launch.alertId = raiseOrUpdateById(0, proposal, nowUs, events, false);
    const std::uint64_t id = launch.id;
    m_launches.emplace(id, std::move(launch));
    return id;
}

void AlertEngine::evaluateLaunch(const Picture &picture, Launch &launch, TimeUs nowUs,
                                 std::vector<AlertEvent> &events)
{
    if (launch.ended)
        return;
    bool anyLive = false;
    bool impacted = false;
    const TrackUpdate *best = nullptr;
    // Scratch lists kept between calls: this runs on every track update.
    std::vector<std::size_t> &impactAreas = m_scratchImpactAreas;
    std::vector<std::size_t> &impactAreasWide = m_scratchImpactAreasWide;
    std::vector<std::size_t> &overflightAreas = m_scratchOverflightAreas;
    std::vector<std::size_t> &centreAreas = m_scratchCentreAreas;
    std::vector<const TrackUpdate *> &candidates = m_scratchPredictions;
    candidates.clear();
    centreAreas.clear();
    impactAreas.clear();
    impactAreasWide.clear();
    overflightAreas.clear();
    for (std::size_t i = 0; i < launch.tracks.size(); ++i) {
        const TrackRecord *record = picture.track(launch.tracks[i]);
        if (!record)
            continue;
        const TrackUpdate &latest = record->latest();
        if (record->dropTimeUs != kTimeUnset) {
            impacted = impacted || record->dropReason == DropReason::Impacted;
            continue;
        }
        if (latest.phase == TrackPhase::Impacted) {
            impacted = true;
            continue;
        }
        anyLive = true;
        if (const TrackState *state = launch.trackStates[i]) {
            impactAreas.insert(impactAreas.end(), state->impactAreas.begin(),
                               state->impactAreas.end());
            impactAreasWide.insert(impactAreasWide.end(), state->impactAreasWide.begin(),
                                   state->impactAreasWide.end());
            overflightAreas.insert(overflightAreas.end(), state->overflightAreas.begin(),
                                   state->overflightAreas.end());
            centreAreas.insert(centreAreas.end(), state->impactAreasCentre.begin(),
                               state->impactAreasCentre.end());
        }
        if (latest.hasImpact && latest.phase != TrackPhase::Boost)
            candidates.push_back(&latest);
    }
    // The countdown and the point shown come from the most certain current prediction: the
    // smallest 95% ellipse among the tracks updated within a few seconds of the newest.
    constexpr TimeUs kCurrentUs = 5 * kMicrosPerSecond;
    TimeUs newestUs = kTimeUnset;
    for (const TrackUpdate *c : candidates)
        newestUs = std::max(newestUs, c->timeUs);
    double bestSpreadM2 = std::numeric_limits<double>::infinity();
    for (const TrackUpdate *c : candidates) {
        const double spreadM2 = c->impact.covarianceM2.ee + c->impact.covarianceM2.nn;
        if (newestUs - c->timeUs <= kCurrentUs && spreadM2 < bestSpreadM2) {
            bestSpreadM2 = spreadM2;
            best = c;
        }
    }
    if (!anyLive) {
        endLaunch(launch, impacted ? AlertEnding::Impact : AlertEnding::Ended, nowUs, events);
        return;
    }
    if (best)
        launch.predictedImpactTimeUs = best->impact.timeUs;
    for (auto *areas : {&impactAreas, &impactAreasWide, &overflightAreas, &centreAreas}) {
        std::sort(areas->begin(), areas->end());
        areas->erase(std::unique(areas->begin(), areas->end()), areas->end());
    }
    evaluateThreats(launch, launch.impactThreats, impactAreas, impactAreasWide, centreAreas,
                    AlertKind::ImpactThreat, best, nowUs, events);
    // The ground track is not a spread of possibilities: a crossing is raised at once.
    evaluateThreats(launch, launch.overflights, overflightAreas, overflightAreas,
                    overflightAreas, AlertKind::Overflight, best, nowUs, events);
}

void AlertEngine::evaluateThreats(Launch &launch, std::map<std::size_t, Threat> &threats,
                                  const std::vector<std::size_t> &raiseIn,
                                  const std::vector<std::size_t> &keepIn,
                                  const std::vector<std::size_t> &raiseAtOnceIn, AlertKind kind,
                                  const TrackUpdate *best, TimeUs nowUs,
                                  std::vector<AlertEvent> &events)
{
    const auto &areas = m_areas->areas();
    const auto proposalFor = [&](const ProtectedArea &area) {
        Alert proposal;
        proposal.kind = kind;
        proposal.severity
            = kind == AlertKind::ImpactThreat ? area.severity : AlertSeverity::Warning;
        proposal.launchId = launch.id;
        proposal.areaId = area.id;
        proposal.areaName = area.name;
        proposal.nation = area.nation.value_or(Nation::Japan);
        if (const Alert *launchAlert = alert(launch.alertId))
            proposal.track = launchAlert->track;
        if (best) {
            proposal.hasPosition = true;
            proposal.position = best->impact.point;
            proposal.predictedImpactTimeUs = best->impact.timeUs;
        }
        // No time in the text: it moves with every prediction and has its own field.
        proposal.text = kind == AlertKind::ImpactThreat
            ? QStringLiteral("Predicted impact in %1 (%2, launch %3)")
                  .arg(area.name, missileClassShortName(launch.missileClass))
                  .arg(launch.id)
            : QStringLiteral("Predicted ground track over %1 (%2, launch %3)")
                  .arg(area.name, missileClassShortName(launch.missileClass))
                  .arg(launch.id);
        return proposal;
    };
    // Hysteresis both ways: an active alert stays while the wider (99%) ellipse still meets the
    // area and clears only after allClearHoldUs outside it; an alert that was all-cleared is
    // raised again only after allClearHoldUs back inside the 95% ellipse.
    for (const std::size_t index : raiseIn)
        threats.try_emplace(index);
    for (auto &[index, threat] : threats) {
        const bool active = isActive(threat.alertId);
        const bool keep = std::binary_search(keepIn.begin(), keepIn.end(), index);
        const bool raise = std::binary_search(raiseIn.begin(), raiseIn.end(), index);
        if (active) {
            if (keep) {
                threat.outsideSinceUs = kTimeUnset;
                // Within the update interval nothing but an escalation is sent, and an area's
                // threat keeps its kind and severity: no proposal to build.
                const Alert *existing = alert(threat.alertId);
                if (existing && nowUs - existing->updatedTimeUs < m_rules.minUpdateIntervalUs)
                    continue;
                raiseOrUpdateById(threat.alertId, proposalFor(areas[index]), nowUs, events, false);
            } else if (threat.outsideSinceUs == kTimeUnset) {
                threat.outsideSinceUs = nowUs;
            }
            continue;
        }
        if (!raise) {
            threat.insideSinceUs = kTimeUnset;
            continue;
        }
        // Confirmation: a threat that was all-cleared comes back only after allClearHoldUs
        // inside again; a new one whose predicted point is outside the area (only the
        // ellipse's fringe reaches in) only after raiseConfirmUs, so that one early prediction
        // does not raise an alert its successors withdraw. A predicted point inside the area
        // raises at once.
        const bool returning = threat.alertId != 0 && alert(threat.alertId);
        const bool atOnce = std::binary_search(raiseAtOnceIn.begin(), raiseAtOnceIn.end(), index);
        const TimeUs confirmUs = returning ? std::max(m_rules.allClearHoldUs, m_rules.raiseConfirmUs)
                                 : atOnce  ? 0
                                           : m_rules.raiseConfirmUs;
        if (confirmUs > 0) {
            if (threat.insideSinceUs == kTimeUnset)
                threat.insideSinceUs = nowUs;
            if (nowUs - threat.insideSinceUs < confirmUs)
                continue;
        }
        threat.insideSinceUs = kTimeUnset;
        threat.outsideSinceUs = kTimeUnset;
        threat.alertId
            = raiseOrUpdateById(threat.alertId, proposalFor(areas[index]), nowUs, events, false);
    }
}

void AlertEngine::endLaunch(Launch &launch, AlertEnding ending, TimeUs nowUs,
                            std::vector<AlertEvent> &events)
{
    launch.ended = true;
    launch.endedTimeUs = nowUs;
    for (auto *threats : {&launch.impactThreats, &launch.overflights}) {
        for (auto &[index, threat] : *threats)
            clear(threat.alertId, ending, nowUs, events);
    }
    clear(launch.alertId, ending, nowUs, events);
    for (const TrackKey &key : launch.tracks) {
        auto it = m_tracks.find(mapKey(key));
        if (it != m_tracks.end() && it->second.healthAlert) {
            clearKey("track|" + it->first, AlertEnding::Ended, nowUs, events);
            it->second.healthAlert = false;
        }
    }
}

// --- time-driven rules ---------------------------------------------------------------------

void AlertEngine::checkTime(const Picture &picture, TimeUs nowUs, std::vector<AlertEvent> &events)
{
    for (auto it = m_launches.begin(); it != m_launches.end();) {
        Launch &launch = it->second;
        if (launch.ended) {
            if (nowUs - launch.endedTimeUs > kEndedLaunchRetentionUs) {
                for (const TrackKey &key : launch.tracks)
                    m_tracks.erase(mapKey(key));
                it = m_launches.erase(it);
                continue;
            }
            ++it;
            continue;
        }
        if (launch.predictedImpactTimeUs != kTimeUnset
            && nowUs > launch.predictedImpactTimeUs + m_rules.impactGraceUs) {
            endLaunch(launch, AlertEnding::Impact, nowUs, events);
            ++it;
            continue;
        }
        for (auto *threats : {&launch.impactThreats, &launch.overflights}) {
            for (auto &[index, threat] : *threats) {
                if (threat.outsideSinceUs != kTimeUnset
                    && nowUs - threat.outsideSinceUs >= m_rules.allClearHoldUs) {
                    clear(threat.alertId, AlertEnding::AllClear, nowUs, events);
                    threat.outsideSinceUs = kTimeUnset;
                }
            }
        }
        ++it;
    }

    for (auto &[key, state] : m_tracks) {
        const auto launchIt = m_launches.find(state.launchId);
        if (launchIt == m_launches.end() || launchIt->second.ended)
            continue;
        const TrackRecord *record = picture.track(state.key);
        if (!record || record->dropTimeUs != kTimeUnset || record->lastReceiveTimeUs == kTimeUnset)
            continue;
        const TrackUpdate &latest = record->latest();
        if (latest.phase == TrackPhase::Impacted
            || (latest.hasImpact && nowUs > latest.impact.timeUs))
            continue;
        double rateHz = 1.0;
        const auto sourceIt = picture.sources().find(state.key.sourceId);
        if (sourceIt != picture.sources().end() && sourceIt->second.nominalUpdateRateHz > 0.0)
            rateHz = sourceIt->second.nominalUpdateRateHz;
        const TimeUs staleUs
            = std::max(m_rules.minStaleUs, secondsToUs(m_rules.staleUpdatePeriods / rateHz));
        const TimeUs ageUs = nowUs - record->lastReceiveTimeUs;
        if (ageUs <= staleUs)
            continue;
        const bool lost = ageUs > m_rules.lostAfterUs;
        Alert proposal;
        proposal.kind = lost ? AlertKind::TrackLost : AlertKind::TrackStale;
        proposal.severity = lost ? AlertSeverity::Warning : AlertSeverity::Advisory;
        proposal.track = state.key;
        proposal.sourceId = state.key.sourceId;
        proposal.nation = record->nation;
        proposal.launchId = state.launchId;
        proposal.hasPosition = true;
        proposal.position = latest.position;
        proposal.text
            = QStringLiteral("Track %1 of %2 %3")
                  .arg(QString::fromStdString(state.key.trackId),
                       QString::fromStdString(state.key.sourceId),
                       lost
                           ? QStringLiteral("lost: no update for %1 s")
                                 .arg(usToSeconds(m_rules.lostAfterUs))
                           : QStringLiteral("stale: no update for %1 s").arg(usToSeconds(staleUs)));
        raiseOrUpdate("track|" + key, proposal, nowUs, events);
        state.healthAlert = true;
    }
}

void AlertEngine::checkSensors(const Picture &picture, TimeUs nowUs,
                               std::vector<AlertEvent> &events)
{
    picture.forEachSensorAt(kTimeLive, [&](const SensorRecord &record, const SensorStatus &status) {
        const std::string key = "sensor|" + status.sensorId;
        if (status.state == SensorState::Operational) {
            clearKey(key, AlertEnding::Recovered, nowUs, events);
            return;
        }
        if (status.state != SensorState::Degraded && status.state != SensorState::Offline)
            return;
        const bool offline = status.state == SensorState::Offline;
        Alert proposal;
        proposal.kind = offline ? AlertKind::SensorOffline : AlertKind::SensorDegraded;
        proposal.severity = offline ? AlertSeverity::Warning : AlertSeverity::Advisory;
        proposal.sensorId = status.sensorId;
        proposal.nation = record.nation;
        proposal.hasPosition = true;
        proposal.position = status.site;
        const QString name
            = QString::fromStdString(status.name.empty() ? status.sensorId : status.name);
        proposal.text
            = QStringLiteral("Sensor %1 %2").arg(name, sensorStateName(status.state).toLower());
        raiseOrUpdate(key, proposal, nowUs, events);
    });
}

void AlertEngine::checkSources(const Picture &picture, TimeUs nowUs,
                               std::vector<AlertEvent> &events)
{
    for (const auto &[sourceId, source] : picture.sources()) {
        const QString name = QString::fromStdString(sourceId);
        // A health alert about this source: what kind, how serious, what to tell the operator.
        // Captured by name: clang before 16 cannot capture structured bindings.
        const auto sourceAlert = [&id = sourceId, nation = source.nation](
                                     AlertKind kind, AlertSeverity severity, QString text) {
            Alert proposal;
            proposal.kind = kind;
            proposal.severity = severity;
            proposal.sourceId = id;
            proposal.nation = nation;
            proposal.text = std::move(text);
            return proposal;
        };
        if (source.lastReceiveTimeUs != kTimeUnset) {
            const std::string key = "silent|" + sourceId;
            if (nowUs - source.lastReceiveTimeUs > m_rules.sourceSilentUs) {
                raiseOrUpdate(key,
                              sourceAlert(AlertKind::SourceSilent, AlertSeverity::Warning,
                                          QStringLiteral("Source %1 silent: no message for more than %2 s")
                                              .arg(name)
                                              .arg(usToSeconds(m_rules.sourceSilentUs))),
                              nowUs, events);
            } else {
                clearKey(key, AlertEnding::Recovered, nowUs, events);
            }
        }

        SourceState &state = m_sources[sourceId];
        const std::string gapKey = "gap|" + sourceId;
        if (source.gapCount > state.gapCount) {
            state.gapCount = source.gapCount;
            state.missedMessages = source.missedMessages;
            state.lastGapUs = nowUs;
            raiseOrUpdate(gapKey,
                          sourceAlert(AlertKind::SequenceGap, AlertSeverity::Advisory,
                                      QStringLiteral("Source %1: %2 messages missed in %3 sequence gaps")
                                          .arg(name)
                                          .arg(source.missedMessages)
                                          .arg(source.gapCount)),
                          nowUs, events);
        } else if (state.lastGapUs != kTimeUnset && nowUs - state.lastGapUs >= m_rules.gapClearUs) {
            clearKey(gapKey, AlertEnding::Recovered, nowUs, events);
            state.lastGapUs = kTimeUnset;
        }

        const std::string latencyKey = "latency|" + sourceId;
        if (source.lastLatencyUs > m_rules.latencyRaiseUs) {
            raiseOrUpdate(latencyKey,
                          sourceAlert(AlertKind::HighLatency, AlertSeverity::Advisory,
                                      QStringLiteral("Source %1: messages arrive more than %2 s late")
                                          .arg(name)
                                          .arg(usToSeconds(m_rules.latencyRaiseUs))),
                          nowUs, events);
        } else if (source.lastLatencyUs < m_rules.latencyClearUs) {
            clearKey(latencyKey, AlertEnding::Recovered, nowUs, events);
        }
    }
}

void AlertEngine::checkNotices(const Picture &picture, TimeUs nowUs,
                               std::vector<AlertEvent> &events)
{
    std::uint64_t total = 0;
    for (const auto &[sourceId, source] : picture.sources())
        total += source.messageCountByKind[static_cast<int>(MessageKind::AlertNotice)];
    const std::uint64_t fresh = total - std::min(total, m_noticesSeen);
    m_noticesSeen = total;
    const auto &notices = picture.alertNotices();
    const std::size_t count
        = static_cast<std::size_t>(std::min<std::uint64_t>(fresh, notices.size()));
    for (std::size_t i = notices.size() - count; i < notices.size(); ++i) {
        const AlertNoticeRecord &record = notices[i];
        const AlertNotice &notice = record.notice;
        Alert proposal;
        proposal.kind = AlertKind::NationalNotice;
        proposal.severity = notice.severity;
        proposal.sourceId = record.header.sourceId;
        proposal.nation = record.header.nation;
        proposal.areaName = QString::fromStdString(notice.areaName);
        if (!notice.trackId.empty())
            proposal.track = {record.header.sourceId, notice.trackId};
        if (!notice.areaPolygon.empty()) {
            GeoPosition centre {0.0, 0.0, 0.0};
            for (const GeoPosition &p : notice.areaPolygon) {
                centre.latDeg += p.latDeg;
                centre.lonDeg += p.lonDeg;
            }
            centre.latDeg /= static_cast<double>(notice.areaPolygon.size());
            centre.lonDeg /= static_cast<double>(notice.areaPolygon.size());
            proposal.hasPosition = true;
            proposal.position = centre;
        }
        proposal.text = QString::fromStdString(notice.text); // as sent
        raiseOrUpdate("notice|" + record.header.sourceId + '\x1f' + notice.alertId, proposal, nowUs,
                      events, true);
    }
}

// --- alert bookkeeping ---------------------------------------------------------------------

std::uint64_t AlertEngine::raiseOrUpdate(const std::string &key, Alert proposal, TimeUs nowUs,
                                         std::vector<AlertEvent> &events, bool forceUpdate)
{
    std::uint64_t &id = m_alertByKey[key];
    id = raiseOrUpdateById(id, std::move(proposal), nowUs, events, forceUpdate);
    return id;
}

std::uint64_t AlertEngine::raiseOrUpdateById(std::uint64_t alertId, Alert proposal, TimeUs nowUs,
                                             std::vector<AlertEvent> &events, bool forceUpdate)
{
    Alert *existing = alertId ? findAlert(alertId) : nullptr;
    if (!existing) {
        proposal.id = m_nextAlertId++;
        proposal.active = true;
        proposal.ending = AlertEnding::None;
        proposal.raisedTimeUs = nowUs;
        proposal.updatedTimeUs = nowUs;
        proposal.clearedTimeUs = kTimeUnset;
        proposal.updateCount = 0;
        proposal.acknowledged = false;
        proposal.acknowledgedBy.clear();
        proposal.acknowledgedTimeUs = kTimeUnset;
        const std::uint64_t id = proposal.id;
        events.push_back({AlertEventType::Raised, nowUs, proposal});
        m_alerts.emplace(id, std::move(proposal));
        return id;
    }
    if (!existing->active) {
        // The threat came back after its all-clear: the same alert, raised again and needing a
        // fresh acknowledgement.
        proposal.id = existing->id;
        proposal.active = true;
        proposal.ending = AlertEnding::None;
        proposal.raisedTimeUs = nowUs;
        proposal.updatedTimeUs = nowUs;
        proposal.clearedTimeUs = kTimeUnset;
        proposal.updateCount = existing->updateCount + 1;
        *existing = std::move(proposal);
        events.push_back({AlertEventType::Raised, nowUs, *existing});
        return existing->id;
    }
    const bool escalated
        = existing->kind != proposal.kind || existing->severity != proposal.severity;
    const bool timeMoved = (existing->predictedImpactTimeUs == kTimeUnset)
            != (proposal.predictedImpactTimeUs == kTimeUnset)
        || std::abs(existing->predictedImpactTimeUs - proposal.predictedImpactTimeUs)
            >= m_rules.impactTimeChangeUs;
    const bool pointMoved = existing->hasPosition != proposal.hasPosition
        || (proposal.hasPosition
            && movedMoreThan(existing->position, proposal.position, m_rules.impactPointChangeM));
    const bool changed = existing->text != proposal.text || timeMoved || pointMoved;
    const bool material = escalated || forceUpdate
        || (changed && nowUs - existing->updatedTimeUs >= m_rules.minUpdateIntervalUs);
    if (!material)
        return existing->id;
    existing->kind = proposal.kind;
    existing->severity = proposal.severity;
    existing->text = proposal.text;
    existing->launchId = proposal.launchId;
    existing->areaId = proposal.areaId;
    existing->areaName = proposal.areaName;
    existing->track = proposal.track;
    existing->sourceId = proposal.sourceId;
    existing->sensorId = proposal.sensorId;
    existing->nation = proposal.nation;
    existing->hasPosition = proposal.hasPosition;
    existing->position = proposal.position;
    existing->predictedImpactTimeUs = proposal.predictedImpactTimeUs;
    existing->updatedTimeUs = nowUs;
    ++existing->updateCount;
    events.push_back({AlertEventType::Updated, nowUs, *existing});
    return existing->id;
}

void AlertEngine::clear(std::uint64_t alertId, AlertEnding ending, TimeUs nowUs,
                        std::vector<AlertEvent> &events)
{
    Alert *alert = findAlert(alertId);
    if (!alert || !alert->active)
        return;
    alert->active = false;
    alert->ending = ending;
    alert->clearedTimeUs = nowUs;
    events.push_back({AlertEventType::Cleared, nowUs, *alert});
}

void AlertEngine::clearKey(const std::string &key, AlertEnding ending, TimeUs nowUs,
                           std::vector<AlertEvent> &events)
{
    const auto it = m_alertByKey.find(key);
    if (it != m_alertByKey.end())
        clear(it->second, ending, nowUs, events);
}

Alert *AlertEngine::findAlert(std::uint64_t alertId)
{
    const auto it = m_alerts.find(alertId);
    return it == m_alerts.end() ? nullptr : &it->second;
}

bool AlertEngine::isActive(std::uint64_t alertId) const
{
    const Alert *a = alert(alertId);
    return a && a->active;
}

void AlertEngine::prune()
{
    if (m_alerts.size() <= m_rules.maxAlerts)
        return;
    // Forget a tenth at a time, oldest ended first, so pruning costs little per alert.
    const std::size_t target = m_rules.maxAlerts - m_rules.maxAlerts / 10;
    for (auto it = m_alerts.begin(); it != m_alerts.end() && m_alerts.size() > target;) {
        const bool forgettable = !it->second.active
            || (it->second.kind == AlertKind::NationalNotice && it->second.acknowledged);
        it = forgettable ? m_alerts.erase(it) : std::next(it);
    }
    for (auto it = m_alertByKey.begin(); it != m_alertByKey.end();)
        it = m_alerts.count(it->second) ? std::next(it) : m_alertByKey.erase(it);
}

} // namespace cop
