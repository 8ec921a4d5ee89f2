// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/projection.h"

#include <GeographicLib/Geodesic.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <ostream>

namespace cop {

void PrintTo(ProjectionKind kind, std::ostream *os)
{
    *os << projectionKindName(kind).toStdString();
}

namespace {

struct Place
{
    const char *name;
    double latDeg;
    double lonDeg;
};

constexpr Place kPlaces[] = {
    {"Pyongyang", 39.0392, 125.7625},
    {"Seoul", 37.5665, 126.9780},
    {"Tokyo", 35.6762, 139.6503},
    {"Guam", 13.4443, 144.7937},
    {"Vladivostok", 43.1155, 131.8855},
    {"Okinawa", 26.2124, 127.6809},
    {"Beijing", 39.9042, 116.4074},
    {"Anchorage", 61.2181, -149.9003},
    {"Honolulu", 21.3069, -157.8583},
    {"Adak (past 180)", 51.88, -176.66},
    {"Centre", 38.0, 132.0},
};

class ProjectionRoundTrip : public ::testing::TestWithParam<ProjectionKind>
{
};

TEST_P(ProjectionRoundTrip, ForwardThenInverseReturnsThePoint)
{
    const Projection projection(GetParam());
    for (const Place &place : kPlaces) {
        SCOPED_TRACE(place.name);
        QPointF xyM;
        ASSERT_TRUE(projection.forward(place.latDeg, place.lonDeg, xyM));
        double latDeg = 0.0, lonDeg = 0.0;
        ASSERT_TRUE(projection.inverse(xyM, latDeg, lonDeg));
        EXPECT_NEAR(latDeg, place.latDeg, 1e-9);
        EXPECT_NEAR(lonDeg, place.lonDeg, 1e-9);
    }
}

TEST_P(ProjectionRoundTrip, CentreMapsToOrigin)
{
    const Projection projection(GetParam());
    QPointF xyM(1.0, 1.0);
    ASSERT_TRUE(projection.forward(38.0, 132.0, xyM));
    EXPECT_NEAR(xyM.x(), 0.0, 1e-6);
    EXPECT_NEAR(xyM.y(), 0.0, 1e-6);
}

TEST_P(ProjectionRoundTrip, LongitudesWrapAboutTheCentre)
{
    // The same place written as -170 or 190 must land on the same spot, east of the centre.
    const Projection projection(GetParam());
    QPointF west, east;
    ASSERT_TRUE(projection.forward(60.0, -170.0, west));
    ASSERT_TRUE(projection.forward(60.0, 190.0, east));
    EXPECT_NEAR(west.x(), east.x(), 1e-6);
    EXPECT_NEAR(west.y(), east.y(), 1e-6);
    EXPECT_GT(west.x(), 0.0);
}

INSTANTIATE_TEST_SUITE_P(AllKinds, ProjectionRoundTrip,
                         ::testing::Values(ProjectionKind::AzimuthalEquidistant,
                                           ProjectionKind::Equirectangular,
                                           ProjectionKind::Mercator));

TEST(AzimuthalEquidistant, DistanceFromCentreIsTheGeodesicDistance)
{
    const Projection projection;
    const auto &geodesic = GeographicLib::Geodesic::WGS84();
    for (const Place &place : kPlaces) {
        SCOPED_TRACE(place.name);
        double s12M = 0.0;
        geodesic.Inverse(38.0, 132.0, place.latDeg, place.lonDeg, s12M);
        QPointF xyM;
        ASSERT_TRUE(projection.forward(place.latDeg, place.lonDeg, xyM));
        EXPECT_NEAR(std::hypot(xyM.x(), xyM.y()), s12M, 1e-3);
    }
}

TEST(AzimuthalEquidistant, ScaleErrorOverTheTheatreIsUnderTwoPercent)
{
    // Korea, Japan, the Ryukyus and the seas around them: lat 24..46, lon 122..148.
    const Projection projection;
    const auto &geodesic = GeographicLib::Geodesic::WGS84();
    constexpr double kStepM = 1000.0;
    double worst = 0.0;
    for (double latDeg = 24.0; latDeg <= 46.0; latDeg += 2.0) {
        for (double lonDeg = 122.0; lonDeg <= 148.0; lonDeg += 2.0) {
            QPointF origin;
            ASSERT_TRUE(projection.forward(latDeg, lonDeg, origin));
            for (const double aziDeg : {0.0, 45.0, 90.0, 135.0}) {
                double lat2 = 0.0, lon2 = 0.0;
                geodesic.Direct(latDeg, lonDeg, aziDeg, kStepM, lat2, lon2);
                QPointF moved;
                ASSERT_TRUE(projection.forward(lat2, lon2, moved));
                const double scale
                    = std::hypot(moved.x() - origin.x(), moved.y() - origin.y()) / kStepM;
                worst = std::max(worst, std::abs(scale - 1.0));
            }
        }
    }
    EXPECT_LT(worst, 0.02);
    EXPECT_GT(worst, 0.001); // sanity: a real projection, not a typo'd identity
}

TEST(AzimuthalEquidistant, RefusesTheFarHemisphere)
{
    const Projection projection;
    QPointF xyM(7.0, 7.0);
    EXPECT_FALSE(projection.forward(-38.0, -48.0, xyM)); // antipode of the centre
    EXPECT_FALSE(projection.forward(-40.0, -60.0, xyM)); // Argentina
    EXPECT_EQ(xyM, QPointF(7.0, 7.0));                   // out left unchanged on refusal
    double latDeg = 0.0, lonDeg = 0.0;
    EXPECT_FALSE(
        projection.inverse(QPointF(Projection::kAzimuthalMaxRangeM + 1.0, 0.0), latDeg, lonDeg));
    EXPECT_TRUE(projection.forward(21.3, -157.9, xyM)); // Honolulu, about 6,400 km
}

TEST(Mercator, RefusesThePoles)
{
    const Projection projection(ProjectionKind::Mercator);
    QPointF xyM;
    EXPECT_FALSE(projection.forward(90.0, 0.0, xyM));
    EXPECT_FALSE(projection.forward(-90.0, 0.0, xyM));
    EXPECT_FALSE(projection.forward(85.1, 132.0, xyM));
    EXPECT_TRUE(projection.forward(84.9, 132.0, xyM));
    double latDeg = 0.0, lonDeg = 0.0;
    EXPECT_FALSE(projection.inverse(QPointF(0.0, 1e8), latDeg, lonDeg));
}

TEST(Mercator, IsConformalOnTheEllipsoid)
{
    // East and north scale agree (conformal) and match the ellipsoidal factor
    // k = sqrt(1 - e² sin²φ) / cos φ at 40°N.
    const Projection projection(ProjectionKind::Mercator, 0.0, 132.0);
    const auto &geodesic = GeographicLib::Geodesic::WGS84();
    QPointF origin, east, north;
    double lat2 = 0.0, lon2 = 0.0;
    ASSERT_TRUE(projection.forward(40.0, 130.0, origin));
    geodesic.Direct(40.0, 130.0, 90.0, 100.0, lat2, lon2);
    ASSERT_TRUE(projection.forward(lat2, lon2, east));
    geodesic.Direct(40.0, 130.0, 0.0, 100.0, lat2, lon2);
    ASSERT_TRUE(projection.forward(lat2, lon2, north));
    const double kEast = std::hypot(east.x() - origin.x(), east.y() - origin.y()) / 100.0;
    const double kNorth = std::hypot(north.x() - origin.x(), north.y() - origin.y()) / 100.0;
    const double f = geodesic.Flattening();
    const double e2 = f * (2.0 - f);
    const double phi = 40.0 * M_PI / 180.0;
    const double expected = std::sqrt(1.0 - e2 * std::sin(phi) * std::sin(phi)) / std::cos(phi);
    EXPECT_NEAR(kEast, expected, 1e-5);
    EXPECT_NEAR(kNorth, expected, 1e-5);
}

TEST(Projection, RejectsNonFiniteInput)
{
    const Projection projection;
    QPointF xyM;
    EXPECT_FALSE(projection.forward(std::nan(""), 132.0, xyM));
    EXPECT_FALSE(projection.forward(38.0, INFINITY, xyM));
    EXPECT_FALSE(projection.forward(91.0, 132.0, xyM));
    double latDeg = 0.0, lonDeg = 0.0;
    EXPECT_FALSE(projection.inverse(QPointF(std::nan(""), 0.0), latDeg, lonDeg));
}

TEST(Projection, CopiesAreIndependent)
{
    Projection a(ProjectionKind::Mercator, 10.0, 20.0);
    const Projection b = a;
    a = Projection();
    EXPECT_EQ(b.kind(), ProjectionKind::Mercator);
    EXPECT_DOUBLE_EQ(b.centreLatDeg(), 10.0);
    EXPECT_DOUBLE_EQ(b.centreLonDeg(), 20.0);
    EXPECT_EQ(a.kind(), ProjectionKind::AzimuthalEquidistant);
}

TEST(Projection, WrapLonDeg)
{
    const Projection projection;
    EXPECT_DOUBLE_EQ(projection.wrapLonDeg(-170.0), 190.0);
    EXPECT_DOUBLE_EQ(projection.wrapLonDeg(132.0), 132.0);
    EXPECT_DOUBLE_EQ(projection.wrapLonDeg(-48.0), -48.0);
    EXPECT_DOUBLE_EQ(projection.wrapLonDeg(312.0), -48.0);
    EXPECT_DOUBLE_EQ(Projection::wrapDeg(540.0, 0.0), -180.0);
}

} // namespace
} // namespace cop
