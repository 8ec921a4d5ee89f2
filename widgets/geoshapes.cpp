// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/geoshapes.h"

#include "core/projection.h"

#include <GeographicLib/Geodesic.hpp>
#include <GeographicLib/GeodesicLine.hpp>

#include <algorithm>
#include <cmath>

namespace cop {
namespace {

constexpr double kDegToRad = M_PI / 180.0;

const GeographicLib::Geodesic &wgs84()
{
    return GeographicLib::Geodesic::WGS84();
}

LatLonDeg direct(const GeoPosition &from, double azimuthDeg, double distanceM)
{
    LatLonDeg out;
    wgs84().Direct(from.latDeg, from.lonDeg, azimuthDeg, distanceM, out.latDeg, out.lonDeg);
    return out;
}

} // namespace

GeoRing coverageFan(const GeoPosition &site, double boresightAzimuthDeg, double halfWidthDeg,
                    double maxRangeM, double arcStepDeg)
{
    GeoRing ring;
    if (!(maxRangeM > 0.0))
        return ring;
    arcStepDeg = std::max(arcStepDeg, 0.1);
    const bool fullCircle = halfWidthDeg >= 180.0;
    const double startDeg = fullCircle ? 0.0 : boresightAzimuthDeg - halfWidthDeg;
    const double spanDeg = fullCircle ? 360.0 : 2.0 * std::max(halfWidthDeg, 0.0);
    const int arcSteps = std::max(1, static_cast<int>(std::ceil(spanDeg / arcStepDeg)));
    // Edges are densified about as finely as the arc, so they curve correctly when projected.
    const double edgeStepM = std::max(maxRangeM * arcStepDeg * kDegToRad, 1000.0);
    const int edgeSteps = std::max(1, static_cast<int>(std::ceil(maxRangeM / edgeStepM)));

    if (!fullCircle) {
        ring.push_back({site.latDeg, site.lonDeg});
        for (int i = 1; i < edgeSteps; ++i)
            ring.push_back(direct(site, startDeg, maxRangeM * i / edgeSteps));
    }
    const int lastArc = fullCircle ? arcSteps - 1 : arcSteps;
    for (int i = 0; i <= lastArc; ++i)
        ring.push_back(direct(site, startDeg + spanDeg * i / arcSteps, maxRangeM));
    if (!fullCircle) {
        const double endDeg = startDeg + spanDeg;
        for (int i = edgeSteps - 1; i >= 1; --i)
            ring.push_back(direct(site, endDeg, maxRangeM * i / edgeSteps));
    }
    return ring;
}

GeoRing geodesicPolyline(const LatLonDeg &a, const LatLonDeg &b, double stepM)
{
    const GeographicLib::GeodesicLine line
        = wgs84().InverseLine(a.latDeg, a.lonDeg, b.latDeg, b.lonDeg);
    const double distanceM = line.Distance();
    const int steps = std::max(1, static_cast<int>(std::ceil(distanceM / std::max(stepM, 1.0))));
    GeoRing points;
    points.reserve(static_cast<std::size_t>(steps) + 1);
    for (int i = 0; i <= steps; ++i) {
        LatLonDeg p;
        line.Position(distanceM * i / steps, p.latDeg, p.lonDeg);
        points.push_back(p);
    }
    return points;
}

ProjectedPath projectPolyline(const Projection &projection, const GeoRing &points, bool closed,
                              double maxSegmentM)
{
    ProjectedPath result;
    bool penDown = false;
    QPointF previousM;
    const double maxSegmentM2 = maxSegmentM * maxSegmentM;
    for (const LatLonDeg &p : points) {
        QPointF pointM;
        if (!projection.forward(p.latDeg, p.lonDeg, pointM)) {
            penDown = false;
            result.unbroken = false;
            continue;
        }
        const QPointF d = pointM - previousM;
        if (penDown && d.x() * d.x() + d.y() * d.y() > maxSegmentM2) {
            penDown = false;
            result.unbroken = false;
        }
        if (penDown)
            result.path.lineTo(pointM);
        else
            result.path.moveTo(pointM);
        penDown = true;
        previousM = pointM;
    }
    if (closed && result.unbroken && !points.empty()) {
        // The closing segment gets the same jump test as every other one.
        const QPointF firstM = result.path.elementCount() > 0
                                   ? QPointF(result.path.elementAt(0))
                                   : QPointF();
        const QPointF d = firstM - previousM;
        if (d.x() * d.x() + d.y() * d.y() <= maxSegmentM2)
            result.path.closeSubpath();
        else
            result.unbroken = false;
    }
    return result;
}

} // namespace cop
