// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/trackcorrelator.h"

#include <QList>
#include <QPointF>
#include <QString>

#include <vector>

namespace cop {

// One nation's track of the selected object, as chart points. x is seconds since the
// object's launch; altitudes, ranges and axes in km, speeds in km/s.
struct TrackChartSeries
{
    TrackKey key;
    Nation nation = Nation::Japan;
    QString name; // "JP JP-0003"
    QList<QPointF> altitudeVsTime;
    QList<QPointF> altitudeVsDownrange; // the trajectory profile
    QList<QPointF> speedVsTime;
    QList<QPointF> semiMajorVsTime;     // 95% impact ellipse, only while a prediction exists
};

struct TrackChartData
{
    std::uint64_t objectId = 0;
    TimeUs originUs = kTimeUnset; // x = 0: the earliest launch time reported, else first state
    GeoPosition origin;           // where downrange is measured from
    std::vector<TrackChartSeries> series; // one per member, display order
};

// Chart points for an object from its members' histories in the Picture, each series thinned
// to at most maxPoints (evenly by index, newest point always kept) so a long flight costs the
// same to draw as a short one.
TrackChartData buildTrackChartData(const Picture &picture, const CorrelatedObject &object, int maxPoints = 400);

} // namespace cop
