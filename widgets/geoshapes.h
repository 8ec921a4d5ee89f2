// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/basemap.h"
#include "core/geo.h"

#include <QPainterPath>

#include <vector>

namespace cop {

class Projection;

// Shapes the map draws, built on the WGS-84 ellipsoid (GeographicLib geodesics) and densified
// so they stay correct once projected: at thousands of kilometres a sphere or a flat
// approximation puts a coverage edge or an impact ellipse tens of kilometres off.

// Impact ellipses come from core/impactellipse.h (ImpactEllipse::outline()), the same shape
// the alert rules test against protected areas.

// A sensor's coverage fan: the site, out along the first edge bearing, round the arc at
// maxRangeM, back along the second edge. A half width of 180° or more gives a full circle
// (no site vertex). Closed implicitly.
GeoRing coverageFan(const GeoPosition &site, double boresightAzimuthDeg, double halfWidthDeg,
                    double maxRangeM, double arcStepDeg = 1.0);

// Points along the geodesic from a to b, including both ends, at most stepM apart.
GeoRing geodesicPolyline(const LatLonDeg &a, const LatLonDeg &b, double stepM);

// Projects a ring or polyline into a path in projected metres. A point the projection cannot
// show breaks the path, and so does a jump longer than maxSegmentM between neighbours (a ring
// wrapping round the back of the projection), so no long false segment is ever drawn.
// Returns whether the result has no break; only unbroken rings are closed.
struct ProjectedPath
{
    QPainterPath path;
    bool unbroken = true;
};
ProjectedPath projectPolyline(const Projection &projection, const GeoRing &points, bool closed,
                              double maxSegmentM);

} // namespace cop
