// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/geo.h"

#include <optional>
#include <span>
#include <string_view>

namespace cop::sim {

// A named launch site, as analysts refer to them.
struct LaunchSite
{
    std::string_view name;
    GeoPosition position;
};

// North Korean launch sites named in public reporting (Japan Ministry of Defense and ROK JCS
// press releases, CSIS Missile Threat, 38 North). Coordinates are approximate, to about a
// kilometre for the fixed sites; the Sinpo entry is a notional point offshore where the
// submarine-launched tests took place.
std::span<const LaunchSite> launchSites();

// Case-insensitive lookup by name; empty if unknown.
std::optional<GeoPosition> findLaunchSite(std::string_view name);

// The point at a geodesic azimuth and range from another, on the WGS-84 ellipsoid.
GeoPosition pointAlong(const GeoPosition &from, double azimuthDeg, double rangeM);

} // namespace cop::sim
