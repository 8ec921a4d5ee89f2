// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/coordinateformat.h"

#include <GeographicLib/MGRS.hpp>
#include <GeographicLib/UTMUPS.hpp>

#include <QStringList>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace cop {
namespace {

struct DmsCase
{
    const char *name;
    double latDeg, lonDeg;
    const char *expected;
};

void PrintTo(const DmsCase &c, std::ostream *os)
{
    *os << c.name;
}

class DegreesMinutesSeconds : public ::testing::TestWithParam<DmsCase>
{
};

TEST_P(DegreesMinutesSeconds, Formats)
{
    EXPECT_EQ(formatDegreesMinutesSeconds(GetParam().latDeg, GetParam().lonDeg).toStdString(),
              GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, DegreesMinutesSeconds,
    ::testing::Values(DmsCase{"Tokyo", 35.6812, 139.7671, "35°40′52.3″ N 139°46′01.6″ E"},
                      DmsCase{"SouthWest", -33.5, -70.25, "33°30′00.0″ S 70°15′00.0″ W"},
                      DmsCase{"RoundsUpIntoTheNextMinute", 10.0 + 59.0 / 60.0 + 59.99 / 3600.0, 0.0,
                              "11°00′00.0″ N 0°00′00.0″ E"}),
    [](const auto &info) { return std::string(info.param.name); });

TEST(DecimalDegrees, Formats)
{
    EXPECT_EQ(formatDecimalDegrees(39.0392, 125.7625).toStdString(), "39.0392° N 125.7625° E");
    EXPECT_EQ(formatDecimalDegrees(-13.45, -144.78, 2).toStdString(), "13.45° S 144.78° W");
}

// MGRS strings name the right zone and square and read back to within their precision.
struct MgrsCase
{
    const char *name;
    double latDeg, lonDeg;
    const char *zoneAndSquare;
};

void PrintTo(const MgrsCase &c, std::ostream *os)
{
    *os << c.name;
}

class Mgrs : public ::testing::TestWithParam<MgrsCase>
{
};

TEST_P(Mgrs, ZoneSquareAndRoundTrip)
{
    const QString text = formatMgrs(GetParam().latDeg, GetParam().lonDeg);
    ASSERT_FALSE(text.isEmpty());
    const QStringList parts = text.split(QLatin1Char(' '));
    ASSERT_EQ(parts.size(), 4) << text.toStdString();
    EXPECT_EQ((parts[0] + QLatin1Char(' ') + parts[1]).toStdString(), GetParam().zoneAndSquare);
    EXPECT_EQ(parts[2].size(), 5);
    EXPECT_EQ(parts[3].size(), 5);

    int zone = 0, precision = 0;
    bool northp = false;
    double x = 0.0, y = 0.0;
    GeographicLib::MGRS::Reverse(QString(text).remove(QLatin1Char(' ')).toStdString(), zone, northp, x, y,
                                 precision, true);
    double latDeg = 0.0, lonDeg = 0.0;
    GeographicLib::UTMUPS::Reverse(zone, northp, x, y, latDeg, lonDeg);
    EXPECT_NEAR(latDeg, GetParam().latDeg, 1e-4); // 1 m squares, centred: well under 10 m
    EXPECT_NEAR(lonDeg, GetParam().lonDeg, 1e-4);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, Mgrs,
    ::testing::Values(MgrsCase{"Tokyo", 35.6812, 139.7671, "54S UE"},
                      MgrsCase{"Pyongyang", 39.0392, 125.7625, "51S YD"},
                      MgrsCase{"Guam", 13.4443, 144.7937, "55P BQ"}),
    [](const auto &info) { return std::string(info.param.name); });

TEST(Mgrs, UndefinedInputGivesNothing)
{
    EXPECT_TRUE(formatMgrs(std::numeric_limits<double>::quiet_NaN(), 0.0).isEmpty());
    EXPECT_TRUE(formatMgrs(95.0, 0.0).isEmpty());
}

} // namespace
} // namespace cop
