// SPDX-License-Identifier: GPL-3.0-or-later
// Naming where a missile lands.
#include "core/impactarea.h"

#include <gtest/gtest.h>

namespace cop {
namespace {

TEST(ImpactAreaName, CountryThenSeaAreaThenSea)
{
    const std::optional<Basemap> basemap = Basemap::loadEmbedded();
    ASSERT_TRUE(basemap);
    const ProtectedAreaSet areas = ProtectedAreaSet::standard(*basemap, {Nation::Japan});
    EXPECT_EQ(impactAreaName(&*basemap, &areas, 35.68, 139.69), QStringLiteral("Japan")); // Tokyo
    // The demo ICBM's aim point, about 200 km west of Oshima-Oshima: Japan's EEZ.
    const QString eez = impactAreaName(&*basemap, &areas, 41.50, 136.97);
    EXPECT_TRUE(eez.contains(QStringLiteral("EEZ"))) << eez.toStdString();
    EXPECT_EQ(impactAreaName(&*basemap, &areas, 20.0, 170.0), QStringLiteral("Sea")); // mid-Pacific
    EXPECT_EQ(impactAreaName(nullptr, nullptr, 35.68, 139.69), QStringLiteral("Sea"));
}

} // namespace
} // namespace cop
