// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/launchsites.h"

#include <GeographicLib/Geodesic.hpp>

#include <algorithm>
#include <array>
#include <cctype>

namespace cop::sim {

namespace {

constexpr std::array kSites {
    LaunchSite {"Sunan", {39.20, 125.67, 0.0}}, // Pyongyang international airport
    LaunchSite {"Sohae", {39.66, 124.71, 0.0}}, // Sohae satellite launching station
    LaunchSite {"Tongchang-ri", {39.66, 124.71, 0.0}}, // the village that names Sohae
    LaunchSite {"Kusong", {39.98, 125.25, 0.0}},
    LaunchSite {"Panghyon", {39.93, 125.21, 0.0}}, // airfield near Kusong
    LaunchSite {"Pyongsong", {39.25, 125.87, 0.0}},
    LaunchSite {"Mupyong-ni", {40.61, 126.43, 0.0}}, // Jagang province
    LaunchSite {"Wonsan", {39.17, 127.48, 0.0}},
    LaunchSite {"Sinpo", {39.95, 128.35, 0.0}}, // offshore test area, notional
    LaunchSite {"Tonghae", {40.86, 129.67, 0.0}}, // Musudan-ri
    LaunchSite {"Hamhung", {39.92, 127.54, 0.0}},
};

bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x))
                   == std::tolower(static_cast<unsigned char>(y));
           });
}

} // namespace

std::span<const LaunchSite> launchSites()
{
    return kSites;
}

std::optional<GeoPosition> findLaunchSite(std::string_view name)
{
    for (const LaunchSite &site : kSites) {
        if (equalsIgnoringCase(site.name, name))
            return site.position;
    }
    return std::nullopt;
}

GeoPosition pointAlong(const GeoPosition &from, double azimuthDeg, double rangeM)
{
    GeoPosition to;
    GeographicLib::Geodesic::WGS84().Direct(from.latDeg, from.lonDeg, azimuthDeg, rangeM, to.latDeg,
                                            to.lonDeg);
    return to;
}

} // namespace cop::sim
