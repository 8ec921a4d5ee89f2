// SPDX-License-Identifier: GPL-3.0-or-later
#include "trackchartdata.h"

#include "core/impactellipse.h"

#include <GeographicLib/Geodesic.hpp>

#include <algorithm>
#include <limits>

namespace cop {

TrackChartData buildTrackChartData(const Picture &picture, const CorrelatedObject &object, int maxPoints)
{
    TrackChartData data;
    data.objectId = object.id;
    std::vector<const TrackRecord *> records;
    for (const TrackKey &key : object.members)
        if (const TrackRecord *record = picture.track(key))
            records.push_back(record);
    // Origin: the earliest launch any nation reports; without one, the earliest state.
    TimeUs originUs = std::numeric_limits<TimeUs>::max();
    for (const TrackRecord *record : records) {
        const TrackUpdate &s = record->latest();
        if (s.hasLaunch && s.launchTimeUs != kTimeUnset && s.launchTimeUs < originUs) {
            originUs = s.launchTimeUs;
            data.origin = s.launchPoint;
        }
    }
    if (originUs == std::numeric_limits<TimeUs>::max()) {
        for (const TrackRecord *record : records) {
            if (record->firstTimeUs() < originUs) {
                originUs = record->firstTimeUs();
                data.origin = record->history.front().position;
            }
        }
    }
    if (records.empty())
        return data;
    data.originUs = originUs;

    const GeographicLib::Geodesic &geodesic = GeographicLib::Geodesic::WGS84();
    const std::size_t limit = static_cast<std::size_t>(std::max(maxPoints, 2));
    for (std::size_t m = 0; m < object.members.size(); ++m) {
        const TrackRecord *record = picture.track(object.members[m]);
        if (!record)
            continue;
        TrackChartSeries &series = data.series.emplace_back();
        series.key = record->key;
        series.nation = object.memberNations[m];
        const std::string_view code = nationCode(series.nation);
        series.name = QStringLiteral("%1 %2").arg(QString::fromLatin1(code.data(), static_cast<qsizetype>(code.size())),
                                                  QString::fromStdString(record->key.trackId));
        const std::size_t n = record->history.size();
        const std::size_t stride = (n + limit - 1) / limit;
        const auto add = [&](const TrackUpdate &s) {
            const double t = usToSeconds(s.timeUs - originUs);
            const double altitudeKm = s.position.altitudeM / 1e3;
            double downrangeM = 0.0;
            geodesic.Inverse(data.origin.latDeg, data.origin.lonDeg, s.position.latDeg, s.position.lonDeg, downrangeM);
            series.altitudeVsTime.append({t, altitudeKm});
            series.altitudeVsDownrange.append({downrangeM / 1e3, altitudeKm});
            series.speedVsTime.append({t, s.velocity.speedMps() / 1e3});
            if (s.hasImpact)
                series.semiMajorVsTime.append({t, ImpactEllipse(s.impact.point, s.impact.covarianceM2, kImpactEllipseK95).semiMajorM() / 1e3});
        };
        for (std::size_t i = 0; i < n; i += stride)
            add(record->history[i]);
        if ((n - 1) % stride != 0)
            add(record->history.back());
    }
    return data;
}

} // namespace cop
