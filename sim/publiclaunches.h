// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain.h"

#include <span>
#include <string_view>

namespace cop::sim {

// A launch as publicly reported: what the flight model is checked against. Ranges and apogees
// are the launching state's or the Japanese Ministry of Defense's figures as cited; the
// azimuth only orients the flight (the reports give the impact area, not a bearing) and burn
// times are notional, from the stage counts in public descriptions.
struct PublicLaunch
{
    std::string_view name; // identifier used in tests and tables
    std::string_view missile; // e.g. "Hwasong-18"
    std::string_view date; // ISO 8601, local date of the launch
    std::string_view site; // a name known to launchSites()
    MissileClass missileClass = MissileClass::Unknown;
    double apogeeKm = 0.0; // reported
    double rangeKm = 0.0; // reported
    double flightTimeMin = 0.0; // reported
    double azimuthDeg = 90.0; // notional
    double burnTimeS = 0.0; // notional
    std::string_view source; // who reported the figures
};

// Lofted ICBM tests and IRBM flights over or towards Japan, 2017–2024.
std::span<const PublicLaunch> publicLaunches();

} // namespace cop::sim
