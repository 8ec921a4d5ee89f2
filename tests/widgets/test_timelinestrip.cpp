// SPDX-License-Identifier: GPL-3.0-or-later
// The replay timeline: pixels map to session time and back, a click asks for that moment, and
// markers are painted in their kind's colour where their time is.
#include "widgets/timelinestrip.h"

#include <QImage>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

namespace cop {
namespace {

constexpr TimeUs kStartUs = 1'689'123'600'000'000; // 2023-07-12T01:00:00Z
constexpr TimeUs kSpanUs = 600 * kMicrosPerSecond;

TEST(TimelineStrip, MapsPixelsToSessionTimeAndBack)
{
    TimelineStrip strip;
    strip.resize(616, 36); // 600 px of axis between 8 px margins
    strip.setSpan(kStartUs, kStartUs + kSpanUs);
    EXPECT_EQ(strip.timeAtX(8), kStartUs);
    EXPECT_EQ(strip.timeAtX(608), kStartUs + kSpanUs);
    EXPECT_EQ(strip.timeAtX(308), kStartUs + kSpanUs / 2);
    EXPECT_EQ(strip.timeAtX(-50), kStartUs) << "clamped to the session";
    EXPECT_DOUBLE_EQ(strip.xAtTime(kStartUs + kSpanUs / 4), 158.0);
}

TEST(TimelineStrip, AClickAsksForThatMoment)
{
    TimelineStrip strip;
    strip.resize(616, 36);
    strip.setSpan(kStartUs, kStartUs + kSpanUs);
    QSignalSpy seeks(&strip, &TimelineStrip::seekRequested);
    QTest::mouseClick(&strip, Qt::LeftButton, {}, QPoint(458, 18));
    ASSERT_EQ(seeks.size(), 1);
    EXPECT_EQ(seeks.at(0).at(0).value<TimeUs>(), kStartUs + kSpanUs * 3 / 4);
}

TEST(TimelineStrip, PaintsMarkersInTheirColoursAtTheirTimes)
{
    TimelineStrip strip;
    strip.resize(616, 36);
    strip.setSpan(kStartUs, kStartUs + kSpanUs);
    strip.setMarkers(
        {{TimelineMarker::Kind::CriticalAlert, kStartUs + kSpanUs / 4, QStringLiteral("impact")},
         {TimelineMarker::Kind::Bookmark, kStartUs + kSpanUs / 2, QStringLiteral("note")}});
    QImage image(strip.size(), QImage::Format_ARGB32);
    strip.render(&image);
    const QColor critical = image.pixelColor(158, 7);
    const QColor bookmark = image.pixelColor(308, 7);
    const QColor empty = image.pixelColor(400, 7);
    EXPECT_GT(critical.red(), 200) << "critical alerts are red";
    EXPECT_LT(critical.blue(), 100);
    EXPECT_GT(bookmark.blue(), 200) << "bookmarks are blue";
    EXPECT_LT(empty.red(), 60) << "no marker, background";
}

} // namespace
} // namespace cop
