// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared by the GeoJSON and KML overlay readers; not part of the public interface.

#include "core/overlay.h"

#include <QFileInfo>

#include <cmath>

namespace cop::overlay_detail {

// A position as read: checked here so both formats reject the same things.
inline bool validPosition(double latDeg, double lonDeg, QString *why)
{
    if (!std::isfinite(latDeg) || !std::isfinite(lonDeg)) {
        *why = QStringLiteral("coordinate is not a finite number");
        return false;
    }
    if (latDeg < -90.0 || latDeg > 90.0) {
        *why = QStringLiteral("latitude %1 out of range").arg(latDeg);
        return false;
    }
    if (lonDeg < -180.0 || lonDeg > 180.0) {
        *why = QStringLiteral("longitude %1 out of range").arg(lonDeg);
        return false;
    }
    return true;
}

// Rings in both formats repeat their first point at the end; GeoRing does not.
inline void dropClosingPoint(GeoRing &ring)
{
    if (ring.size() > 1 && ring.front().latDeg == ring.back().latDeg
        && ring.front().lonDeg == ring.back().lonDeg)
        ring.pop_back();
}

// Checks the sizes of a finished shape; false with the reason if too few points.
inline bool shapeComplete(const OverlayFeature &feature, QString *why)
{
    if (feature.rings.empty()) {
        *why = QStringLiteral("empty geometry");
        return false;
    }
    for (const GeoRing &ring : feature.rings) {
        const std::size_t needed = feature.kind == OverlayFeature::Kind::Polygon ? 3
                                   : feature.kind == OverlayFeature::Kind::Line  ? 2
                                                                                 : 1;
        if (ring.size() < needed) {
            *why = QStringLiteral("%1 needs at least %2 positions")
                       .arg(feature.kind == OverlayFeature::Kind::Polygon ? QStringLiteral("polygon ring")
                            : feature.kind == OverlayFeature::Kind::Line  ? QStringLiteral("line")
                                                                          : QStringLiteral("point"))
                       .arg(needed);
            return false;
        }
    }
    return true;
}

inline void noteSkipped(Overlay &overlay, const QString &where, const QString &why)
{
    ++overlay.skippedFeatures;
    if (overlay.warnings.size() < kMaxOverlayWarnings)
        overlay.warnings.push_back(where + QStringLiteral(": ") + why);
}

inline QString displayName(const QString &fileName)
{
    const QString base = QFileInfo(fileName).completeBaseName();
    return base.isEmpty() ? fileName : base;
}

inline OverlayParseResult failure(const QString &fileName, const QString &reason)
{
    OverlayParseResult result;
    result.error = QFileInfo(fileName).fileName() + QStringLiteral(": ") + reason;
    return result;
}

// A parsed overlay with nothing to draw is an error, so nobody believes a layer is shown
// when it is empty.
inline OverlayParseResult finish(Overlay overlay, const QString &fileName)
{
    if (overlay.features.empty()) {
        QString reason = QStringLiteral("no drawable feature");
        if (overlay.skippedFeatures > 0)
            reason += QStringLiteral(" (%1 skipped; first: %2)")
                          .arg(overlay.skippedFeatures)
                          .arg(overlay.warnings.value(0));
        return failure(fileName, reason);
    }
    overlay.name = displayName(fileName);
    OverlayParseResult result;
    result.overlay = std::move(overlay);
    return result;
}

} // namespace cop::overlay_detail
