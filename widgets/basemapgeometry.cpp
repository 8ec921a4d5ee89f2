// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/basemapgeometry.h"

#include "core/projection.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <unordered_map>

namespace cop {
namespace {

// Points are compared after rounding to a micro-degree (about 0.1 m): neighbouring
// countries share vertices exactly in the source data, and this absorbs float noise.
std::uint64_t pointKey(const LatLonDeg &p)
{
    const auto lat = static_cast<std::int32_t>(std::lround(p.latDeg * 1e6));
    const auto lon = static_cast<std::int32_t>(std::lround(p.lonDeg * 1e6));
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(lat)) << 32)
           | static_cast<std::uint32_t>(lon);
}

struct EdgeKey
{
    std::uint64_t a = 0;
    std::uint64_t b = 0;
    friend bool operator==(const EdgeKey &, const EdgeKey &) = default;
};

struct EdgeKeyHash
{
    std::size_t operator()(const EdgeKey &k) const noexcept
    {
        return static_cast<std::size_t>(k.a * 0x9E3779B97F4A7C15ull ^ (k.b + 0x632BE59BD9B4E019ull));
    }
};

EdgeKey edgeKey(const LatLonDeg &p, const LatLonDeg &q)
{
    const std::uint64_t a = pointKey(p);
    const std::uint64_t b = pointKey(q);
    return a < b ? EdgeKey{a, b} : EdgeKey{b, a};
}

struct EdgeUse
{
    int firstCountry = -1;
    int count = 0;
    bool severalCountries = false;
    bool emitted = false; // a border is drawn from the first country that reaches it
};

enum class EdgeClass { Coast, Border, Skip };

// Projects a ring; empty if any point is unprojectable or two neighbours are a wrap apart.
std::vector<QPointF> projectWholeRing(const Projection &projection, const GeoRing &ring)
{
    std::vector<QPointF> points;
    points.reserve(ring.size());
    const double max2 = kMaxProjectedSegmentM * kMaxProjectedSegmentM;
    for (const LatLonDeg &p : ring) {
        QPointF pointM;
        if (!projection.forward(p.latDeg, p.lonDeg, pointM))
            return {};
        if (!points.empty()) {
            const QPointF d = pointM - points.back();
            if (d.x() * d.x() + d.y() * d.y() > max2)
                return {};
        }
        points.push_back(pointM);
    }
    if (points.size() >= 3) {
        const QPointF d = points.front() - points.back();
        if (d.x() * d.x() + d.y() * d.y() > max2)
            return {};
    }
    return points;
}

double signedArea(const std::vector<QPointF> &points)
{
    double twiceArea = 0.0;
    for (std::size_t i = 0, n = points.size(); i < n; ++i) {
        const QPointF &p = points[i];
        const QPointF &q = points[(i + 1) % n];
        twiceArea += p.x() * q.y() - q.x() * p.y();
    }
    return 0.5 * twiceArea;
}

// Pieces of one polyline in projected metres, broken at unprojectable points and wraps.
std::vector<std::vector<QPointF>> projectPieces(const Projection &projection,
                                                const std::vector<LatLonDeg> &line)
{
    std::vector<std::vector<QPointF>> pieces;
    std::vector<QPointF> current;
    const double max2 = kMaxProjectedSegmentM * kMaxProjectedSegmentM;
    auto flush = [&] {
        if (current.size() >= 2)
            pieces.push_back(std::move(current));
        current.clear();
    };
    for (const LatLonDeg &p : line) {
        QPointF pointM;
        if (!projection.forward(p.latDeg, p.lonDeg, pointM)) {
            flush();
            continue;
        }
        if (!current.empty()) {
            const QPointF d = pointM - current.back();
            if (d.x() * d.x() + d.y() * d.y() > max2)
                flush();
        }
        current.push_back(pointM);
    }
    flush();
    return pieces;
}

ProjectedLines projectLines(const Projection &projection, const std::vector<GeoRing> &lines)
{
    // Chunks of neighbouring lines, so a view culls most of the world with a few rectangle
    // tests and still strokes only a handful of paths.
    constexpr int kMaxChunkElements = 4000;
    constexpr double kChunkReachM = 800'000.0;
    ProjectedLines out;
    ProjectedLines::Chunk chunk;
    auto flush = [&] {
        if (!chunk.pathM.isEmpty()) {
            chunk.boundsM = chunk.pathM.boundingRect();
            out.chunks.push_back(std::move(chunk));
        }
        chunk = {};
    };
    for (const GeoRing &line : lines) {
        for (const std::vector<QPointF> &piece : projectPieces(projection, line)) {
            QRectF pieceBounds;
            for (const QPointF &p : piece)
                pieceBounds |= QRectF(p, QSizeF(1.0, 1.0));
            const QRectF reach = chunk.pathM.isEmpty()
                                     ? pieceBounds
                                     : chunk.boundsM.adjusted(-kChunkReachM, -kChunkReachM,
                                                              kChunkReachM, kChunkReachM);
            if (chunk.pathM.elementCount() > kMaxChunkElements || !reach.contains(pieceBounds))
                flush();
            chunk.pathM.moveTo(piece.front());
            for (std::size_t i = 1; i < piece.size(); ++i)
                chunk.pathM.lineTo(piece[i]);
            chunk.boundsM |= pieceBounds;
        }
    }
    flush();
    return out;
}

} // namespace

BasemapOutlines classifyOutlines(const std::vector<BasemapCountry> &countries)
{
    std::unordered_map<EdgeKey, EdgeUse, EdgeKeyHash> uses;
    for (int c = 0; c < static_cast<int>(countries.size()); ++c) {
        for (const GeoPolygon &polygon : countries[static_cast<std::size_t>(c)].polygons) {
            for (const GeoRing &ring : polygon.rings) {
                for (std::size_t i = 0, n = ring.size(); i < n; ++i) {
                    const EdgeKey key = edgeKey(ring[i], ring[(i + 1) % n]);
                    if (key.a == key.b)
                        continue;
                    EdgeUse &use = uses[key];
                    if (use.count == 0)
                        use.firstCountry = c;
                    else if (use.firstCountry != c)
                        use.severalCountries = true;
                    ++use.count;
                }
            }
        }
    }

    BasemapOutlines out;
    for (const BasemapCountry &country : countries) {
        for (const GeoPolygon &polygon : country.polygons) {
            for (const GeoRing &ring : polygon.rings) {
                GeoRing run;
                EdgeClass runClass = EdgeClass::Skip;
                auto flush = [&] {
                    if (run.size() >= 2) {
                        if (runClass == EdgeClass::Coast)
                            out.coastlines.push_back(std::move(run));
                        else if (runClass == EdgeClass::Border)
                            out.borders.push_back(std::move(run));
                    }
                    run.clear();
                };
                for (std::size_t i = 0, n = ring.size(); i < n; ++i) {
                    const LatLonDeg &p = ring[i];
                    const LatLonDeg &q = ring[(i + 1) % n];
                    const auto found = uses.find(edgeKey(p, q));
                    if (found == uses.end())
                        continue; // zero-length edge
                    EdgeUse &use = found->second;
                    EdgeClass edgeClass = EdgeClass::Skip;
                    if (use.count == 1)
                        edgeClass = EdgeClass::Coast;
                    else if (use.severalCountries && !use.emitted)
                        edgeClass = EdgeClass::Border;
                    if (edgeClass == EdgeClass::Border)
                        use.emitted = true;
                    if (edgeClass != runClass) {
                        flush();
                        runClass = edgeClass;
                    }
                    if (edgeClass == EdgeClass::Skip)
                        continue;
                    if (run.empty())
                        run.push_back(p);
                    run.push_back(q);
                }
                flush();
            }
        }
    }
    return out;
}

ProjectedBasemap projectBasemap(const std::vector<BasemapCountry> &countries,
                                const BasemapOutlines &outlines, const Projection &projection)
{
    ProjectedBasemap out;
    out.countries.reserve(countries.size());
    for (const BasemapCountry &country : countries) {
        ProjectedCountry projected;
        projected.name = country.name;
        projected.landM.setFillRule(Qt::WindingFill);
        for (const GeoPolygon &polygon : country.polygons) {
            for (std::size_t r = 0; r < polygon.rings.size(); ++r) {
                std::vector<QPointF> points = projectWholeRing(projection, polygon.rings[r]);
                if (points.size() < 3)
                    continue;
                // Outer rings counter-clockwise (positive area, y up), holes clockwise, so a
                // single winding fill keeps holes open and an enclave inside a hole filled.
                const bool wantPositive = r == 0;
                if ((signedArea(points) > 0.0) != wantPositive)
                    std::reverse(points.begin(), points.end());
                projected.landM.moveTo(points.front());
                for (std::size_t i = 1; i < points.size(); ++i)
                    projected.landM.lineTo(points[i]);
                projected.landM.closeSubpath();
            }
        }
        projected.boundsM = projected.landM.boundingRect();
        projected.labelVisible = projection.forward(country.labelPoint.latDeg,
                                                    country.labelPoint.lonDeg, projected.labelM);
        out.countries.push_back(std::move(projected));
    }
    out.coastlines = projectLines(projection, outlines.coastlines);
    out.borders = projectLines(projection, outlines.borders);
    return out;
}

std::vector<GraticuleLine> projectGraticule(const Projection &projection, double spacingDeg)
{
    constexpr double kStepDeg = 0.5;  // densified so lines curve smoothly once projected
    constexpr double kMaxLatDeg = 80.0; // meridians stop short of the poles, where they converge
    std::vector<GraticuleLine> lines;
    for (double latDeg = -kMaxLatDeg; latDeg <= kMaxLatDeg + 1e-9; latDeg += spacingDeg) {
        std::vector<LatLonDeg> line;
        for (double lonDeg = -180.0; lonDeg <= 180.0 + 1e-9; lonDeg += kStepDeg)
            line.push_back({latDeg, lonDeg});
        lines.push_back({true, latDeg, projectPieces(projection, line)});
    }
    for (double lonDeg = -180.0; lonDeg < 180.0 - 1e-9; lonDeg += spacingDeg) {
        std::vector<LatLonDeg> line;
        for (double latDeg = -kMaxLatDeg; latDeg <= kMaxLatDeg + 1e-9; latDeg += kStepDeg)
            line.push_back({latDeg, lonDeg});
        lines.push_back({false, lonDeg, projectPieces(projection, line)});
    }
    return lines;
}

QString graticuleLabel(bool isParallel, double valueDeg)
{
    const int value = static_cast<int>(std::lround(valueDeg));
    if (value == 0)
        return QStringLiteral("0°");
    if (!isParallel && (value == 180 || value == -180))
        return QStringLiteral("180°");
    const QChar hemisphere = isParallel ? (value > 0 ? QLatin1Char('N') : QLatin1Char('S'))
                                        : (value > 0 ? QLatin1Char('E') : QLatin1Char('W'));
    return QStringLiteral("%1°%2").arg(std::abs(value)).arg(hemisphere);
}

} // namespace cop
