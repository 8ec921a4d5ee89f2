// SPDX-License-Identifier: GPL-3.0-or-later
// Naming where a missile lands, and the impact ellipse's axes without its outline.
#include "core/impactarea.h"
#include "core/impactellipse.h"

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

TEST(ImpactEllipseAxes, SameAsTheEllipse)
{
    for (const EnuCovariance2 c : {EnuCovariance2{4e6, 1e6, 1e6}, EnuCovariance2{1e6, 0, 9e6}, EnuCovariance2{2.5e7, -3e6, 4e6}}) {
        const ImpactEllipse ellipse({41.0, 137.0, 0.0}, c);
        const ImpactEllipseAxes axes = impactEllipseAxes(c);
        EXPECT_DOUBLE_EQ(axes.semiMajorM, ellipse.semiMajorM());
        EXPECT_DOUBLE_EQ(axes.semiMinorM, ellipse.semiMinorM());
        EXPECT_DOUBLE_EQ(axes.majorAzimuthDeg, ellipse.majorAzimuthDeg());
    }
    // North-south 3 km 1σ: 95% semi-major √5.991 · 3 km along 0° (or 180°).
    const ImpactEllipseAxes axes = impactEllipseAxes({1e6, 0, 9e6});
    EXPECT_NEAR(axes.semiMajorM, std::sqrt(5.991) * 3000.0, 1e-6);
    EXPECT_NEAR(std::fmod(axes.majorAzimuthDeg + 360.0, 180.0), 0.0, 1e-9);
}

} // namespace
} // namespace cop
