// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "geo.h"

#include <QPointF>
#include <QString>

#include <memory>

namespace cop {

enum class ProjectionKind { AzimuthalEquidistant, Equirectangular, Mercator };
QString projectionKindName(ProjectionKind kind);

// Map projection from WGS-84 latitude/longitude to a plane in metres (x east, y north), on the
// ellipsoid (GeographicLib), not a sphere: ranges here are thousands of kilometres.
// The default, azimuthal equidistant centred on the theatre (38°N 132°E), keeps scale error
// over Korea, Japan and the surrounding seas under 2%. Every kind maps the centre to (0, 0)
// and wraps longitudes about the centre longitude, so rings stored with longitudes past 180
// (see basemap.h) project like any other.
class Projection
{
public:
    static constexpr double kTheatreCentreLatDeg = 38.0;
    static constexpr double kTheatreCentreLonDeg = 132.0;
    // Azimuthal equidistant shows the hemisphere about the centre: a quarter meridian, about
    // 10,000 km. Beyond it the scale along circles about the centre passes π/2 and the far side of
    // the globe folds into a ring round the map's edge (the antipode becomes a circle), which
    // reads wrongly; re-centre the projection to look further.
    static constexpr double kAzimuthalMaxRangeM = 10'000'000.0;
    // Mercator's scale is infinite at the poles; 85° is the usual cut (web maps use 85.05°).
    static constexpr double kMercatorMaxLatDeg = 85.0;

    explicit Projection(ProjectionKind kind = ProjectionKind::AzimuthalEquidistant,
                        double centreLatDeg = kTheatreCentreLatDeg,
                        double centreLonDeg = kTheatreCentreLonDeg);
    ~Projection();
    Projection(const Projection &other);
    Projection &operator=(const Projection &other);

    ProjectionKind kind() const;
    double centreLatDeg() const;
    double centreLonDeg() const;

    // False where the point cannot be shown (beyond the usable hemisphere of the azimuthal
    // projection, or near the poles in Mercator); out is then unchanged.
    bool forward(double latDeg, double lonDeg, QPointF &outM) const;
    // inverse() returns longitudes in [-180, 180).
    bool inverse(const QPointF &pointM, double &latDeg, double &lonDeg) const;

    // lonDeg moved by whole turns into [centre - 180, centre + 180), the range forward() maps
    // to one continuous sheet. Renderers use it to spot ring edges that cross the seam.
    double wrapLonDeg(double lonDeg) const;
    // lonDeg moved by whole turns into [aboutLonDeg - 180, aboutLonDeg + 180).
    static double wrapDeg(double lonDeg, double aboutLonDeg);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace cop
