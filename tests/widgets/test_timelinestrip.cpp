// SPDX-License-Identifier: GPL-3.0-or-later
// The replay timeline: pixels map to session time and back, a click asks for that moment, and
// markers are painted in their kind's colour where their time is.
#include "widgets/timelinestrip.h"

#include <QImage>
#include <QApplication>
#include <QMouseEvent>
#include <QWheelEvent>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

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

void sendMouse(QWidget &widget, QEvent::Type type, QPointF at, Qt::MouseButtons buttons,
               Qt::KeyboardModifiers modifiers = {})
{
    QMouseEvent event(type, at, widget.mapToGlobal(at), Qt::LeftButton, buttons, modifiers);
    QApplication::sendEvent(&widget, &event);
}

TEST(TimelineStrip, WheelZoomsAboutThePointerAndTheViewStaysInTheSpan)
{
    TimelineStrip strip;
    strip.resize(616, 40);
    strip.setSpan(kStartUs, kStartUs + kSpanUs);
    const QPointF at(158, 20); // a quarter of the way
    const TimeUs underPointer = strip.timeAtX(at.x());
    QWheelEvent wheel(at, strip.mapToGlobal(at), {}, QPoint(0, 240), Qt::NoButton, {},
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(&strip, &wheel);
    EXPECT_TRUE(strip.isZoomed());
    EXPECT_NEAR(double(strip.viewEndUs() - strip.viewStartUs()), 0.64 * double(kSpanUs), 1e6);
    EXPECT_NEAR(double(strip.timeAtX(at.x())), double(underPointer), 1e6) << "the pointer's time stays put";
    EXPECT_GE(strip.viewStartUs(), kStartUs);
    // Zooming out past the whole span shows the whole span again.
    strip.zoomBy(10.0, underPointer);
    EXPECT_FALSE(strip.isZoomed());
    EXPECT_EQ(strip.viewStartUs(), kStartUs);
    EXPECT_EQ(strip.viewEndUs(), kStartUs + kSpanUs);
}

TEST(TimelineStrip, DragPansAZoomedViewWithoutSeeking)
{
    TimelineStrip strip;
    strip.resize(616, 40);
    strip.setSpan(kStartUs, kStartUs + kSpanUs);
    strip.setView(kStartUs + 200 * kMicrosPerSecond, kStartUs + 260 * kMicrosPerSecond); // 60 s
    QSignalSpy seeks(&strip, &TimelineStrip::seekRequested);
    sendMouse(strip, QEvent::MouseButtonPress, {308, 20}, Qt::LeftButton);
    sendMouse(strip, QEvent::MouseMove, {208, 20}, Qt::LeftButton); // 100 px left = 10 s later
    sendMouse(strip, QEvent::MouseButtonRelease, {208, 20}, Qt::NoButton);
    EXPECT_EQ(seeks.size(), 0) << "a drag pans, it does not move the playhead";
    EXPECT_EQ(strip.viewStartUs(), kStartUs + 210 * kMicrosPerSecond);
    EXPECT_EQ(strip.viewEndUs(), kStartUs + 270 * kMicrosPerSecond);
    // A pan stops at the span's end.
    strip.panBy(kSpanUs);
    EXPECT_EQ(strip.viewEndUs(), kStartUs + kSpanUs);
}

TEST(TimelineStrip, ShiftDragSelectsARangeAndShiftClickClearsIt)
{
    TimelineStrip strip;
    strip.resize(616, 40);
    strip.setSpan(kStartUs, kStartUs + kSpanUs);
    QSignalSpy ranges(&strip, &TimelineStrip::rangeChanged);
    sendMouse(strip, QEvent::MouseButtonPress, {458, 20}, Qt::LeftButton, Qt::ShiftModifier);
    sendMouse(strip, QEvent::MouseMove, {158, 20}, Qt::LeftButton, Qt::ShiftModifier);
    sendMouse(strip, QEvent::MouseButtonRelease, {158, 20}, Qt::NoButton, Qt::ShiftModifier);
    EXPECT_EQ(strip.rangeStartUs(), kStartUs + kSpanUs / 4) << "ordered, whichever way dragged";
    EXPECT_EQ(strip.rangeEndUs(), kStartUs + kSpanUs * 3 / 4);
    ASSERT_GE(ranges.size(), 1);
    QImage image(strip.size(), QImage::Format_ARGB32);
    strip.render(&image);
    const QColor inside = image.pixelColor(300, 30);
    const QColor outside = image.pixelColor(100, 30);
    EXPECT_GT(inside.blue(), outside.blue() + 20) << "the range is shaded";
    sendMouse(strip, QEvent::MouseButtonPress, {300, 20}, Qt::LeftButton, Qt::ShiftModifier);
    sendMouse(strip, QEvent::MouseButtonRelease, {300, 20}, Qt::NoButton, Qt::ShiftModifier);
    EXPECT_EQ(strip.rangeStartUs(), kTimeUnset);
    EXPECT_EQ(ranges.last().at(0).value<TimeUs>(), kTimeUnset);
}

TEST(TimelineStrip, LiveEdgeIsGreenAndAZoomedViewFollowsIt)
{
    TimelineStrip strip;
    strip.resize(616, 40);
    strip.setSpan(kStartUs, kStartUs + kSpanUs);
    strip.setLiveEdge(kStartUs + kSpanUs);
    strip.setMarkers({{TimelineMarker::Kind::Launch, kStartUs + kSpanUs / 2, QStringLiteral("launch")}});
    QImage image(strip.size(), QImage::Format_ARGB32);
    strip.render(&image);
    const QColor edge = image.pixelColor(607, 30);
    EXPECT_GT(edge.green(), edge.red() + 40) << "the live edge is green";
    const QColor launch = image.pixelColor(308, 7);
    EXPECT_GT(launch.red(), 150);
    EXPECT_GT(launch.blue(), 150) << "launches are violet";
    // Zoomed on the newest minute, the view slides with the live edge.
    strip.setView(kStartUs + kSpanUs - 60 * kMicrosPerSecond, kStartUs + kSpanUs);
    strip.setSpan(kStartUs + 5 * kMicrosPerSecond, kStartUs + kSpanUs + 5 * kMicrosPerSecond);
    EXPECT_EQ(strip.viewEndUs(), kStartUs + kSpanUs + 5 * kMicrosPerSecond);
}

// Runs the test body with the process in another time zone, and back.
class LocalZone
{
public:
    explicit LocalZone(const char *tz)
        : m_old(qgetenv("TZ"))
        , m_hadOld(qEnvironmentVariableIsSet("TZ"))
    {
        qputenv("TZ", tz);
        tzset();
    }
    ~LocalZone()
    {
        if (m_hadOld)
            qputenv("TZ", m_old);
        else
            qunsetenv("TZ");
        tzset();
    }

private:
    QByteArray m_old;
    bool m_hadOld;
};

TEST(TimelineStrip, LocalTimeLabelsTheAxisInTheLocalZoneAndSaysWhich)
{
    const LocalZone tokyo("Asia/Tokyo"); // UTC+9, no daylight saving time
    TimelineStrip strip;
    strip.resize(616, 44);
    strip.setSpan(kStartUs, kStartUs + kSpanUs);
    EXPECT_FALSE(strip.showsLocalTime()); // UTC by default
    EXPECT_EQ(strip.zoneLabel(kStartUs), QStringLiteral("UTC"));
    EXPECT_EQ(strip.axisTimeLabel(kStartUs + 90 * kMicrosPerSecond), QStringLiteral("01:01:30"));
    strip.setShowLocalTime(true);
    EXPECT_EQ(strip.zoneLabel(kStartUs), QStringLiteral("local time, UTC+09:00"));
    EXPECT_EQ(strip.axisTimeLabel(kStartUs + 90 * kMicrosPerSecond), QStringLiteral("10:01:30"));
    {
        const LocalZone newfoundland("America/St_Johns"); // UTC-2:30 in July
        EXPECT_EQ(strip.zoneLabel(kStartUs), QStringLiteral("local time, UTC-02:30"));
        EXPECT_EQ(strip.axisTimeLabel(kStartUs), QStringLiteral("22:30:00"));
    }
    // Paints without trouble either way.
    QImage image(strip.size(), QImage::Format_ARGB32);
    strip.render(&image);
    strip.setShowLocalTime(false);
    strip.render(&image);
}

} // namespace
} // namespace cop
