// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/basemap.h"

#include <QPainterPath>
#include <QPointF>
#include <QRectF>
#include <QString>

#include <vector>

namespace cop {

class Projection;

// Basemap outlines split by what they are: a coastline (land meets sea) is drawn solid and a
// land border (two countries share the edge) dashed, yet the data holds only country
// polygons. An edge used by two different countries is a border; an edge used once is a
// coast; an edge two polygons of the same country share (a seam where the source data was
// cut, e.g. at the antimeridian) is neither and is not drawn.
struct BasemapOutlines
{
    std::vector<GeoRing> coastlines; // open polylines
    std::vector<GeoRing> borders;    // open polylines, each shared edge once
};
BasemapOutlines classifyOutlines(const std::vector<BasemapCountry> &countries);

// One country's geometry in projected metres, with bounds so the layer draws only what the
// view shows.
struct ProjectedCountry
{
    QString name;
    QPainterPath landM;      // winding fill: outer rings counter-clockwise, holes clockwise
    QRectF boundsM;
    QPointF labelM;
    bool labelVisible = false; // label point projectable
};

// Pieces of outline in projected metres, grouped into chunks with bounds for culling.
struct ProjectedLines
{
    struct Chunk
    {
        QPainterPath pathM;
        QRectF boundsM;
    };
    std::vector<Chunk> chunks;
};

// The basemap at one level of detail projected with one projection. Rings or lines the
// projection cannot show whole are broken (never joined by a long false segment); a broken
// ring is outlined but not filled, because closing it would draw a chord across the map.
struct ProjectedBasemap
{
    std::vector<ProjectedCountry> countries;
    ProjectedLines coastlines;
    ProjectedLines borders;
};
ProjectedBasemap projectBasemap(const std::vector<BasemapCountry> &countries,
                                const BasemapOutlines &outlines, const Projection &projection);

// Graticule lines (parallels and meridians every spacingDeg) in projected metres, each with
// the value it stands for so the layer can label it where it meets the edge of the view.
struct GraticuleLine
{
    bool isParallel = true;
    double valueDeg = 0.0;
    std::vector<std::vector<QPointF>> piecesM; // broken where unprojectable
};
std::vector<GraticuleLine> projectGraticule(const Projection &projection, double spacingDeg);
QString graticuleLabel(bool isParallel, double valueDeg);

// Segments longer than this between neighbouring projected points are treated as a wrap
// round the projection and broken. No basemap or graticule segment is anywhere near it.
inline constexpr double kMaxProjectedSegmentM = 2'000'000.0;

} // namespace cop
