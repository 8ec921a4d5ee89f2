// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/maptooltip.h"

#include "core/coordinateformat.h"
#include "core/impactellipse.h"
#include "core/trackage.h"
#include "widgets/tracklayer.h"

#include <GeographicLib/Geodesic.hpp>

#include <cmath>
#include <vector>

namespace cop {

namespace {

QString sourceText(const std::string &id)
{
    return QString::fromStdString(id).toHtmlEscaped();
}

// "Midcourse · altitude 231 km · speed 5.18 km/s · heading 85°"
QString kinematicsText(const TrackUpdate &state)
{
    return QStringLiteral("%1 · altitude %2 km · speed %3 km/s · heading %4°")
        .arg(trackPhaseName(state.phase))
        .arg(state.position.altitudeM / 1000.0, 0, 'f', 0)
        .arg(state.velocity.speedMps() / 1000.0, 0, 'f', 2)
        .arg(state.velocity.headingDeg(), 0, 'f', 0);
}

QString staleText(const MapRenderContext &context, const TrackRecord &record, const TrackUpdate &state)
{
    if (!isTrackStale(record, state, context.playheadUs, context.liveNowUs))
        return {};
    return QStringLiteral("<br><i>stale: no update for %1 s</i>")
        .arg(trackAgeUs(record, state, context.playheadUs, context.liveNowUs) / kMicrosPerSecond);
}

QString nationalTrackToolTip(const MapRenderContext &context, const TrackKey &key)
{
    const TrackRecord *record = context.picture->track(key);
    const TrackUpdate *state = record ? record->stateAt(context.playheadUs) : nullptr;
    if (!state)
        return {};
    QString text = QStringLiteral("<b>%1</b> %2 — %3<br>")
                       .arg(sourceText(key.trackId), missileClassName(state->missileClass),
                            identityName(state->identity));
    text += QStringLiteral("reported by %1 (%2)<br>").arg(nationName(record->nation), sourceText(key.sourceId));
    text += kinematicsText(*state);
    const TimeUs referenceUs = context.referenceTimeUs();
    if (state->hasImpact && state->impact.timeUs != kTimeUnset && referenceUs != kTimeUnset)
        text += QStringLiteral("<br>impact in %1").arg(formatCountdown(state->impact.timeUs - referenceUs));
    return text + staleText(context, *record, *state);
}

// The object of several nations' tracks: its state is its representative's (the symbol's), and
// each member's own track id and impact prediction follow, so that a difference between the
// nations is seen without opening the details.
QString objectToolTip(const MapRenderContext &context, const MapTrackGroup &group)
{
    const Picture &picture = *context.picture;
    const TrackRecord *shown = nullptr;
    const TrackUpdate *shownState = nullptr;
    // The representative, or the first member on the map at the playhead if it is not.
    std::vector<TrackKey> order{group.representative};
    order.insert(order.end(), group.members.begin(), group.members.end());
    for (const TrackKey &key : order) {
        const TrackRecord *record = picture.track(key);
        if (const TrackUpdate *state = record ? record->stateAt(context.playheadUs) : nullptr) {
            shown = record;
            shownState = state;
            break;
        }
    }
    if (!shownState)
        return {};
    QStringList nations;
    for (Nation nation : group.memberNations)
        nations << nationName(nation);
    QString text = QStringLiteral("<b>C%1</b> %2 — %3<br>")
                       .arg(group.objectId)
                       .arg(missileClassName(shownState->missileClass), identityName(shownState->identity));
    text += QStringLiteral("one object reported by %1<br>").arg(nations.join(QStringLiteral(", ")));
    text += kinematicsText(*shownState);

    const TimeUs referenceUs = context.referenceTimeUs();
    std::vector<const ImpactPrediction *> impacts;
    text += QStringLiteral("<table cellspacing='0' cellpadding='1'>");
    for (std::size_t i = 0; i < group.members.size(); ++i) {
        const TrackKey &key = group.members[i];
        const TrackRecord *record = picture.track(key);
        const TrackUpdate *state = record ? record->stateAt(context.playheadUs) : nullptr;
        QString impact;
        if (!state) {
            impact = QStringLiteral("<i>no state at this time</i>");
        } else if (!state->hasImpact || !state->impact.point.isValidLatLon()) {
            impact = QStringLiteral("no impact prediction");
        } else {
            impacts.push_back(&state->impact);
            impact = QStringLiteral("impact %1").arg(formatDecimalDegrees(state->impact.point.latDeg,
                                                                          state->impact.point.lonDeg, 2));
            if (state->impact.timeUs != kTimeUnset && referenceUs != kTimeUnset)
                impact += QStringLiteral(" in %1").arg(formatCountdown(state->impact.timeUs - referenceUs));
            impact += QStringLiteral(", ±%1 km (95%)")
                          .arg(ImpactEllipse(state->impact.point, state->impact.covarianceM2, kImpactEllipseK95)
                                       .semiMajorM()
                                   / 1e3,
                               0, 'f', 0);
        }
        text += QStringLiteral("<tr><td>%1&nbsp;</td><td>%2 (%3)&nbsp;</td><td>%4</td></tr>")
                    .arg(nationName(group.memberNations[i]), sourceText(key.trackId), sourceText(key.sourceId), impact);
    }
    text += QStringLiteral("</table>");
    if (impacts.size() >= 2) {
        // The farthest pair, as the correlator and the details panel measure it.
        double spreadM = 0.0;
        for (std::size_t i = 0; i < impacts.size(); ++i) {
            for (std::size_t j = i + 1; j < impacts.size(); ++j) {
                double distanceM = 0.0;
                GeographicLib::Geodesic::WGS84().Inverse(impacts[i]->point.latDeg, impacts[i]->point.lonDeg,
                                                         impacts[j]->point.latDeg, impacts[j]->point.lonDeg,
                                                         distanceM);
                spreadM = std::max(spreadM, distanceM);
            }
        }
        text += QStringLiteral("impact predictions up to %1 km apart").arg(spreadM / 1e3, 0, 'f', 1);
    }
    return text + staleText(context, *shown, *shownState);
}

} // namespace

QString trackToolTip(const MapRenderContext &context, const TrackKey &key)
{
    if (!context.picture)
        return {};
    if (context.trackGroups) {
        if (const MapTrackGroup *group = context.trackGroups->groupOf(key))
            return objectToolTip(context, *group);
    }
    return nationalTrackToolTip(context, key);
}

QString sensorToolTip(const MapRenderContext &context, const std::string &sensorId)
{
    const SensorRecord *record = context.picture ? context.picture->sensor(sensorId) : nullptr;
    const SensorStatus *status = record ? record->stateAt(context.playheadUs) : nullptr;
    if (!status)
        return {};
    return QStringLiteral("<b>%1</b><br>%2 of %3 — %4<br>range %5 km, sector %6° ± %7°")
        .arg(QString::fromStdString(status->name.empty() ? status->sensorId : status->name).toHtmlEscaped(),
             sensorKindName(status->kind), nationName(record->nation), sensorStateName(status->state))
        .arg(status->coverage.maxRangeM / 1000.0, 0, 'f', 0)
        .arg(status->coverage.boresightAzimuthDeg, 0, 'f', 0)
        .arg(status->coverage.azimuthHalfWidthDeg, 0, 'f', 0);
}

} // namespace cop
