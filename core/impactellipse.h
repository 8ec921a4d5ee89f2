// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "basemap.h"
#include "geo.h"
#include "protectedarea.h"

#include <vector>

namespace cop {

// 95% confidence, chi-square with 2 degrees of freedom.
inline constexpr double kImpactEllipseK95 = 5.991;
// 50% confidence, chi-square with 2 degrees of freedom.
inline constexpr double kImpactEllipseK50 = 1.386;

// The confidence ellipse of a predicted impact point on the ellipsoid. Built from the 2×2
// east/north covariance (semi-axes √(k·λᵢ)) in an azimuthal equidistant plane centred on the
// predicted point, where distances and azimuths from the centre are exact on WGS-84.
class ImpactEllipse
{
public:
    // Enough outline points that an island wider than their spacing cannot slip between two
    // of them unnoticed (smaller ones are caught by the vertex-in-ellipse test); drawing asks
    // for more so that a large early ellipse still looks round.
    static constexpr int kDefaultOutlinePoints = 48;

    ImpactEllipse(const GeoPosition &centre, const EnuCovariance2 &covarianceM2,
                  double k = kImpactEllipseK95, int outlinePoints = kDefaultOutlinePoints);

    const GeoPosition &centre() const { return m_centre; }
    double semiMajorM() const { return m_semiMajorM; }
    double semiMinorM() const { return m_semiMinorM; }
    double majorAzimuthDeg() const { return m_majorAzimuthDeg; } // clockwise from north

    bool contains(double latDeg, double lonDeg) const;
    // Points on the outline, longitudes continuous around the centre's longitude. Built on
    // first use: each point is a geodesic problem, and most rule evaluations never need them.
    const std::vector<LatLonDeg> &outline() const;
    // Bounds of the outline: x = longitude, y = latitude.
    const QRectF &boundsDeg() const;
    // A box sure to hold the whole ellipse (the circle of the semi-major axis, with margin),
    // longitudes continuous around the centre's; costs no geodesic problem.
    QRectF reachBoundsDeg() const;

    // True when the ellipse and the area share any point: the centre or an outline point lies
    // in the area, or a vertex of an outer ring of the area lies in the ellipse. Uses the
    // area's index and cheap rejects (bounding boxes, boundary-free cells, distance bounds)
    // before any geodesic problem; the answer is always meetsBruteForce's.
    bool meets(const ProtectedArea &area) const;
    // The same test by definition, every polygon and vertex in turn: the reference the
    // indexed test is checked against.
    bool meetsBruteForce(const ProtectedArea &area) const;

private:
    void buildOutline() const;

    GeoPosition m_centre;
    double m_semiMajorM = 0.0;
    double m_semiMinorM = 0.0;
    double m_majorAzimuthDeg = 0.0;
    int m_outlinePoints = kDefaultOutlinePoints;
    mutable bool m_outlineBuilt = false;
    mutable std::vector<LatLonDeg> m_outline;
    mutable QRectF m_boundsDeg;
};

// Points every stepM along the geodesic from one point to another, both ends included.
std::vector<LatLonDeg> sampleGeodesic(const GeoPosition &from, const GeoPosition &to, double stepM);

} // namespace cop
