// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/basemap.h"
#include "widgets/maplayer.h"

#include <QPainterPath>

#include <cstdint>
#include <optional>
#include <vector>

namespace cop {

// The operator's measuring tool, drawn over everything: a chain of geodesic legs between
// clicked points, each labelled with its length and initial bearing (true north), with the
// total; or range rings, geodesic circles at round distances about one clicked point. All on
// the WGS-84 ellipsoid (GeographicLib), never on the projected plane, which distorts
// distances away from the projection centre.
class MeasureLayer : public MapLayer
{
public:
    enum class Mode { Off, Distance, RangeRings };

    struct Leg
    {
        double distanceM = 0.0;
        double initialBearingDeg = 0.0; // clockwise from true north, [0, 360)
    };
    // Geodesic distance and initial bearing from a to b.
    static Leg measure(const LatLonDeg &a, const LatLonDeg &b);
    // Ring spacing for a view: a round 1, 2 or 5 × 10ⁿ km so that kRingCount rings span
    // about a third of the view's width.
    static double ringStepMFor(double viewWidthM);
    static constexpr int kRingCount = 5;

    MeasureLayer();
    ~MeasureLayer() override;

    QString id() const override { return QStringLiteral("measure"); }
    void paint(QPainter &painter, const MapViewport &viewport,
               const MapRenderContext &context) override;

    Mode mode() const { return m_mode; }
    // Changing mode clears what was measured.
    void setMode(Mode mode);
    // A click: the next point of the chain, or the centre of the rings (ringStepM from the view).
    void addPoint(const LatLonDeg &point, double ringStepM);
    // Esc: forgets the points; true if there was anything to forget.
    bool clear();

    const std::vector<LatLonDeg> &points() const { return m_points; }
    std::vector<Leg> legs() const;
    double totalDistanceM() const;
    double ringStepM() const { return m_ringStepM; }

private:
    void rebuild(const MapViewport &viewport);

    Mode m_mode = Mode::Off;
    std::vector<LatLonDeg> m_points;
    double m_ringStepM = 0.0;
    // Projected geometry in metres, rebuilt when the points or the projection change.
    std::uint64_t m_projectionRevision = 0;
    bool m_geometryValid = false;
    QPainterPath m_pathM;
};

QString formatDistance(double distanceM);

} // namespace cop
