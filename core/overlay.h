// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/basemap.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace cop {

// Geometry an operator brings to the map: range fans drawn by a planner, no-fly zones, bases,
// routes. Read from GeoJSON (RFC 7946) or KML 2.2 files; drawn by widgets/overlaylayer.h.

// One drawable shape. Multi-geometries (MultiPolygon, KML MultiGeometry...) are split into
// one feature per part, all carrying the name of what they came from.
struct OverlayFeature
{
    enum class Kind { Point, Line, Polygon };
    Kind kind = Kind::Point;
    QString name; // empty when the source has none
    // Point: one ring of one position. Line: one ring, the polyline (open). Polygon: the outer
    // boundary first, then holes; rings closed implicitly (no repeated first point).
    std::vector<GeoRing> rings;
    // Colours the file gives the feature (KML LineStyle and PolyStyle), as 0xAARRGGBB. Unset:
    // the layer's colour, chosen in the layer list, is used.
    std::optional<std::uint32_t> lineArgb = std::nullopt;
    std::optional<std::uint32_t> fillArgb = std::nullopt;
};

struct Overlay
{
    QString name; // what the layer list shows: the file's base name
    std::vector<OverlayFeature> features;
    // Features left out because a coordinate was NaN, infinite or outside [-90, 90] ×
    // [-180, 180], or a shape had too few points. The rest of the file still loads.
    std::size_t skippedFeatures = 0;
    // Why, for the first few skipped features ("feature 3: latitude 95 out of range").
    QStringList warnings;
};

enum class OverlayFormat { GeoJson, Kml };

// Either the overlay or why there is none ("corrupt.geojson: line 4: unterminated object").
struct OverlayParseResult
{
    std::optional<Overlay> overlay;
    QString error;
    explicit operator bool() const { return overlay.has_value(); }
};

// Larger files are refused before being read: an overlay is reference geometry, not a
// data set, and a multi-gigabyte file would freeze the window while parsing.
constexpr qint64 kMaxOverlayFileBytes = 64LL * 1024 * 1024;
// At most this many skip reasons are kept; the count covers them all.
constexpr int kMaxOverlayWarnings = 10;

// The format from the file name (.kml; .geojson / .json), else from the first character of
// the content ('<' is KML, '{' is GeoJSON). nullopt when neither tells.
std::optional<OverlayFormat> detectOverlayFormat(const QString &fileName, const QByteArray &bytes);

// Parses bytes already read. fileName names the source in messages and the overlay.
OverlayParseResult parseOverlay(const QByteArray &bytes, const QString &fileName);
OverlayParseResult parseGeoJsonOverlay(const QByteArray &bytes, const QString &fileName);
OverlayParseResult parseKmlOverlay(const QByteArray &bytes, const QString &fileName);

// Reads and parses a file, refusing missing, unreadable and too large ones.
OverlayParseResult loadOverlayFile(const QString &path);

} // namespace cop
