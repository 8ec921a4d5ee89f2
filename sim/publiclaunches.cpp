// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/publiclaunches.h"

#include <array>

namespace cop::sim {

namespace {

using MC = MissileClass;

// Figures as published at the time; see docs/sim-fidelity.md for the comparison.
constexpr std::array kLaunches {
    PublicLaunch {"Hwasong12_2017_05_14", "Hwasong-12", "2017-05-14", "Kusong",
                  MC::IntermediateRange, 2111.5, 787.0, 30.0, 100.0, 130.0,
                  "KCNA; Japan MoD (about 30 min)"},
    PublicLaunch {"Hwasong14_2017_07_04", "Hwasong-14", "2017-07-04", "Panghyon",
                  MC::Intercontinental, 2802.0, 933.0, 39.0, 95.0, 230.0,
                  "KCNA; Japan MoD (about 40 min)"},
    PublicLaunch {"Hwasong14_2017_07_28", "Hwasong-14", "2017-07-28", "Mupyong-ni",
                  MC::Intercontinental, 3724.9, 998.0, 47.2, 105.0, 230.0,
                  "KCNA; Japan MoD (about 45 min)"},
    PublicLaunch {"Hwasong12_2017_08_29", "Hwasong-12", "2017-08-29", "Sunan",
                  MC::IntermediateRange, 550.0, 2700.0, 14.0, 72.0, 130.0,
                  "Japan MoD (over Hokkaido)"},
    PublicLaunch {"Hwasong12_2017_09_15", "Hwasong-12", "2017-09-15", "Sunan",
                  MC::IntermediateRange, 770.0, 3700.0, 19.0, 75.0, 130.0,
                  "Japan MoD (over Hokkaido)"},
    PublicLaunch {"Hwasong15_2017_11_29", "Hwasong-15", "2017-11-29", "Pyongsong",
                  MC::Intercontinental, 4475.0, 950.0, 53.0, 95.0, 270.0,
                  "KCNA; Japan MoD (about 53 min)"},
    PublicLaunch {"Hwasong12_2022_10_04", "Hwasong-12", "2022-10-04", "Mupyong-ni",
                  MC::IntermediateRange, 970.0, 4600.0, 22.0, 85.0, 130.0,
                  "Japan MoD (over Aomori); ROK JCS (970 km apogee)"},
    PublicLaunch {"Hwasong17_2022_11_18", "Hwasong-17", "2022-11-18", "Sunan", MC::Intercontinental,
                  6040.9, 999.2, 68.9, 95.0, 300.0, "KCNA (4,135 s); Japan MoD (about 69 min)"},
    PublicLaunch {"Hwasong15_2023_02_18", "Hwasong-15", "2023-02-18", "Sunan", MC::Intercontinental,
                  5768.5, 989.0, 66.9, 95.0, 270.0, "KCNA (4,015 s); Japan MoD (about 66 min)"},
    PublicLaunch {"Hwasong18_2023_07_12", "Hwasong-18", "2023-07-12", "Sunan", MC::Intercontinental,
                  6648.4, 1001.2, 74.85, 95.0, 250.0, "KCNA (4,491 s); Japan MoD (about 74 min)"},
    PublicLaunch {"Hwasong18_2023_12_18", "Hwasong-18", "2023-12-18", "Sunan", MC::Intercontinental,
                  6518.2, 1002.3, 73.6, 95.0, 250.0, "KCNA (4,415 s); Japan MoD (about 73 min)"},
    PublicLaunch {"Hwasong19_2024_10_31", "Hwasong-19", "2024-10-31", "Sunan", MC::Intercontinental,
                  7687.5, 1001.2, 85.9, 95.0, 260.0, "KCNA (5,156 s); Japan MoD (about 86 min)"},
};

} // namespace

std::span<const PublicLaunch> publicLaunches()
{
    return kLaunches;
}

} // namespace cop::sim
