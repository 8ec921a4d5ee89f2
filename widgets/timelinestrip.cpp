// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelinestrip.h"

#include <QDateTime>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <array>
#include <cmath>

namespace cop {

namespace {
constexpr int kMargin = 8;
constexpr double kMarkerHitPx = 4.0;
constexpr double kDragThresholdPx = 4.0;
// Zoomed in no further than ten seconds across the strip: finer than a replay step.
constexpr TimeUs kMinViewUs = 10 * kMicrosPerSecond;
// One wheel notch (120 units) zooms by this factor.
constexpr double kZoomPerNotch = 0.8;

QColor markerColour(TimelineMarker::Kind kind)
{
    switch (kind) {
    case TimelineMarker::Kind::CriticalAlert:
        return QColor(0xe5, 0x39, 0x35);
    case TimelineMarker::Kind::Alert:
        return QColor(0xf5, 0x9e, 0x0b);
    case TimelineMarker::Kind::Bookmark:
        return QColor(0x42, 0xa5, 0xf5);
    case TimelineMarker::Kind::Launch:
        return QColor(0xd0, 0x5c, 0xe3);
    case TimelineMarker::Kind::Impact:
        return QColor(0xff, 0xff, 0xff);
    }
    return Qt::white;
}

// Drawn last, so what matters most is on top.
int markerLayer(TimelineMarker::Kind kind)
{
    switch (kind) {
    case TimelineMarker::Kind::Bookmark:
        return 0;
    case TimelineMarker::Kind::Alert:
        return 1;
    case TimelineMarker::Kind::Impact:
        return 2;
    case TimelineMarker::Kind::Launch:
        return 3;
    case TimelineMarker::Kind::CriticalAlert:
        return 4;
    }
    return 0;
}

// A tick step giving roughly one label per 100 px: 1 s up to 6 h.
TimeUs tickStepUs(TimeUs spanUs, double widthPx)
{
    static constexpr std::array<TimeUs, 12> kSteps {1,  2,   5,   10,  15,   30,
                                                    60, 120, 300, 600, 1800, 3600};
    const double wanted = static_cast<double>(spanUs) / std::max(1.0, widthPx / 100.0);
    for (TimeUs step : kSteps) {
        if (static_cast<double>(step * kMicrosPerSecond) >= wanted)
            return step * kMicrosPerSecond;
    }
    return 6 * 3600 * kMicrosPerSecond;
}
} // namespace

TimelineStrip::TimelineStrip(QWidget *parent)
    : QWidget(parent)
{
    setMinimumHeight(40);
    // As wide as it is given: a toolbar otherwise keeps it at its size hint.
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setCursor(Qt::PointingHandCursor);
    setMouseTracking(false);
}

QSize TimelineStrip::sizeHint() const
{
    return {600, 44};
}

void TimelineStrip::setSpan(TimeUs startUs, TimeUs endUs)
{
    if (startUs == m_startUs && endUs == m_endUs)
        return;
    const TimeUs oldEndUs = m_endUs;
    m_startUs = startUs;
    m_endUs = endUs;
    // A zoomed view showing the newest moment keeps showing it as the span grows (live).
    if (isZoomed() && m_viewFollowsEnd && oldEndUs != kTimeUnset)
        m_viewStartUs += endUs - oldEndUs;
    clampView();
    update();
}

void TimelineStrip::setMarkers(std::vector<TimelineMarker> markers)
{
    m_markers = std::move(markers);
    std::stable_sort(m_markers.begin(), m_markers.end(),
                     [](const TimelineMarker &a, const TimelineMarker &b) {
                         return markerLayer(a.kind) < markerLayer(b.kind);
                     });
    update();
}

void TimelineStrip::setPlayhead(TimeUs playheadUs)
{
    if (playheadUs == m_playheadUs)
        return;
    m_playheadUs = playheadUs;
    update();
}

void TimelineStrip::setLiveEdge(TimeUs liveEdgeUs)
{
    if (liveEdgeUs == m_liveEdgeUs)
        return;
    m_liveEdgeUs = liveEdgeUs;
    update();
}

void TimelineStrip::setShowLocalTime(bool show)
{
    m_showLocalTime = show;
    update();
}

namespace {
// The local zone's offset from UTC at a moment, which daylight saving time may change.
TimeUs localOffsetUs(TimeUs timeUs)
{
    return static_cast<TimeUs>(
               QDateTime::fromMSecsSinceEpoch(timeUs / 1000, Qt::LocalTime).offsetFromUtc())
        * kMicrosPerSecond;
}
} // namespace

QString TimelineStrip::zoneLabel(TimeUs timeUs) const
{
    if (!m_showLocalTime)
        return QStringLiteral("UTC");
    const TimeUs offsetUs = localOffsetUs(timeUs == kTimeUnset ? 0 : timeUs);
    const TimeUs minutes = std::abs(offsetUs) / (60 * kMicrosPerSecond);
    return QStringLiteral("local time, UTC%1%2:%3")
        .arg(offsetUs < 0 ? QLatin1Char('-') : QLatin1Char('+'))
        .arg(minutes / 60, 2, 10, QLatin1Char('0'))
        .arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

QString TimelineStrip::axisTimeLabel(TimeUs timeUs) const
{
    if (!m_showLocalTime)
        return formatUtc(timeUs).mid(11, 8);
    return QDateTime::fromMSecsSinceEpoch(timeUs / 1000, Qt::LocalTime)
        .toString(QStringLiteral("HH:mm:ss"));
}

TimeUs TimelineStrip::viewStartUs() const
{
    return isZoomed() ? m_viewStartUs : m_startUs;
}

TimeUs TimelineStrip::viewEndUs() const
{
    return isZoomed() ? m_viewStartUs + m_viewLengthUs : m_endUs;
}

void TimelineStrip::setView(TimeUs startUs, TimeUs endUs)
{
    if (m_startUs == kTimeUnset || endUs <= startUs)
        return;
    if (startUs <= m_startUs && endUs >= m_endUs) {
        resetView();
        return;
    }
    m_viewLengthUs = std::max(endUs - startUs, kMinViewUs);
    m_viewStartUs = startUs;
    clampView();
    update();
}

void TimelineStrip::resetView()
{
    m_viewStartUs = kTimeUnset;
    m_viewLengthUs = 0;
    m_viewFollowsEnd = false;
    update();
}

void TimelineStrip::clampView()
{
    if (!isZoomed() || m_startUs == kTimeUnset)
        return;
    const TimeUs spanUs = m_endUs - m_startUs;
    if (m_viewLengthUs >= spanUs) {
        resetView();
        return;
    }
    m_viewStartUs = std::clamp(m_viewStartUs, m_startUs, m_endUs - m_viewLengthUs);
    m_viewFollowsEnd = m_viewStartUs + m_viewLengthUs >= m_endUs;
}

void TimelineStrip::zoomBy(double factor, TimeUs aroundUs)
{
    if (m_startUs == kTimeUnset || !(factor > 0.0))
        return;
    const TimeUs startUs = viewStartUs();
    const TimeUs lengthUs = viewEndUs() - startUs;
    const auto newLengthUs = std::max<TimeUs>(
        kMinViewUs, static_cast<TimeUs>(std::llround(static_cast<double>(lengthUs) * factor)));
    aroundUs = std::clamp(aroundUs, startUs, startUs + lengthUs);
    // The time under the pointer stays under the pointer.
    const double fraction
        = lengthUs > 0 ? static_cast<double>(aroundUs - startUs) / static_cast<double>(lengthUs) : 0.5;
    const TimeUs newStartUs
        = aroundUs - static_cast<TimeUs>(std::llround(fraction * static_cast<double>(newLengthUs)));
    setView(newStartUs, newStartUs + newLengthUs);
}

void TimelineStrip::panBy(TimeUs deltaUs)
{
    if (!isZoomed())
        return;
    m_viewStartUs += deltaUs;
    clampView();
    update();
}

void TimelineStrip::setRange(TimeUs startUs, TimeUs endUs)
{
    if (startUs > endUs)
        std::swap(startUs, endUs);
    m_rangeStartUs = startUs;
    m_rangeEndUs = endUs;
    update();
    Q_EMIT rangeChanged(m_rangeStartUs, m_rangeEndUs);
}

void TimelineStrip::clearRange()
{
    if (m_rangeStartUs == kTimeUnset)
        return;
    m_rangeStartUs = m_rangeEndUs = kTimeUnset;
    m_looping = false;
    update();
    Q_EMIT rangeChanged(kTimeUnset, kTimeUnset);
}

void TimelineStrip::setLooping(bool looping)
{
    m_looping = looping;
    update();
}

QRectF TimelineStrip::axisRect() const
{
    return QRectF(kMargin, 2, std::max(1, width() - 2 * kMargin), height() - 4);
}

TimeUs TimelineStrip::timeAtX(double x) const
{
    if (m_startUs == kTimeUnset)
        return kTimeUnset;
    const QRectF axis = axisRect();
    const TimeUs startUs = viewStartUs();
    const double fraction = std::clamp((x - axis.left()) / axis.width(), 0.0, 1.0);
    return startUs
        + static_cast<TimeUs>(std::llround(fraction * static_cast<double>(viewEndUs() - startUs)));
}

double TimelineStrip::xAtTime(TimeUs timeUs) const
{
    const QRectF axis = axisRect();
    const TimeUs startUs = viewStartUs();
    const double spanUs = std::max<double>(1.0, static_cast<double>(viewEndUs() - startUs));
    return axis.left() + static_cast<double>(timeUs - startUs) / spanUs * axis.width();
}

void TimelineStrip::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), QColor(0x1c, 0x22, 0x2b));
    if (m_startUs == kTimeUnset)
        return;
    const QRectF axis = axisRect();
    const TimeUs viewStart = viewStartUs();
    const TimeUs viewEnd = viewEndUs();
    painter.setClipRect(axis.adjusted(-2, -2, 2, 2));
    painter.setRenderHint(QPainter::Antialiasing);

    // The selected range under everything else; amber when looped.
    if (m_rangeStartUs != kTimeUnset) {
        const double x0 = xAtTime(m_rangeStartUs);
        const double x1 = xAtTime(m_rangeEndUs);
        const QColor fill = m_looping ? QColor(0xf5, 0x9e, 0x0b, 70) : QColor(0x42, 0xa5, 0xf5, 60);
        painter.fillRect(QRectF(QPointF(x0, axis.top()), QPointF(x1, axis.bottom())), fill);
        const QColor edge = m_looping ? QColor(0xf5, 0x9e, 0x0b) : QColor(0x64, 0xb5, 0xf6);
        painter.setPen(QPen(edge, 1.5));
        painter.drawLine(QPointF(x0, axis.top()), QPointF(x0, axis.bottom()));
        painter.drawLine(QPointF(x1, axis.top()), QPointF(x1, axis.bottom()));
    }

    // Ticks at round times of the zone shown (UTC, or local time when asked), hh:mm:ss.
    const TimeUs stepUs = tickStepUs(viewEnd - viewStart, axis.width());
    const TimeUs offsetUs = m_showLocalTime ? localOffsetUs(viewStart) : 0;
    painter.setPen(QColor(0x8a, 0x96, 0xa6));
    QFont font = painter.font();
    font.setPointSizeF(font.pointSizeF() * 0.85);
    painter.setFont(font);
    for (TimeUs t = ((viewStart + offsetUs) / stepUs + 1) * stepUs - offsetUs; t <= viewEnd;
         t += stepUs) {
        const double x = xAtTime(t);
        painter.drawLine(QPointF(x, axis.bottom() - 6), QPointF(x, axis.bottom()));
        painter.drawText(QRectF(x - 60, axis.top() + 13, 120, 14), Qt::AlignCenter, axisTimeLabel(t));
    }
    painter.drawLine(QPointF(axis.left(), axis.bottom()), QPointF(axis.right(), axis.bottom()));
    // The zone in the corner, on the strip's own colour so that no tick runs through it.
    const QString zone = isZoomed() ? zoneLabel(viewStart) + QStringLiteral("  zoomed") : zoneLabel(viewStart);
    const QRectF zoneRect(axis.left(), axis.bottom() - 14, painter.fontMetrics().horizontalAdvance(zone) + 6, 13);
    painter.fillRect(zoneRect, QColor(0x1c, 0x22, 0x2b));
    painter.drawText(zoneRect, Qt::AlignLeft | Qt::AlignVCenter, zone);

    // The selected range's ends and length, inside it when it is wide enough: what Export range
    // and the loop will take.
    if (m_rangeStartUs != kTimeUnset) {
        const QString span = QStringLiteral("%1 – %2  (%3 s)")
                                 .arg(axisTimeLabel(m_rangeStartUs), axisTimeLabel(m_rangeEndUs))
                                 .arg(usToSeconds(m_rangeEndUs - m_rangeStartUs), 0, 'f', 1);
        const double x0 = std::max(xAtTime(m_rangeStartUs), axis.left());
        const double x1 = std::min(xAtTime(m_rangeEndUs), axis.right());
        const double textWidth = painter.fontMetrics().horizontalAdvance(span) + 8;
        if (x1 - x0 >= textWidth) {
            const QRectF spanRect(x1 - textWidth, axis.bottom() - 14, textWidth - 3, 13);
            painter.setPen(m_looping ? QColor(0xf5, 0x9e, 0x0b) : QColor(0x90, 0xca, 0xf9));
            painter.drawText(spanRect, Qt::AlignRight | Qt::AlignVCenter, span);
        }
    }

    // Markers: a short bar each, most important on top (they are sorted by layer).
    for (const TimelineMarker &marker : m_markers) {
        if (marker.timeUs < viewStart || marker.timeUs > viewEnd)
            continue;
        const double x = xAtTime(marker.timeUs);
        painter.setPen(QPen(markerColour(marker.kind), 3));
        painter.drawLine(QPointF(x, axis.top()), QPointF(x, axis.top() + 10));
    }

    if (m_liveEdgeUs != kTimeUnset && m_liveEdgeUs >= viewStart && m_liveEdgeUs <= viewEnd) {
        const double x = xAtTime(m_liveEdgeUs);
        painter.setPen(QPen(QColor(0x43, 0xa0, 0x47), 3));
        painter.drawLine(QPointF(x, axis.top()), QPointF(x, axis.bottom()));
        painter.drawText(QRectF(x - 34, axis.top(), 30, 12), Qt::AlignRight | Qt::AlignVCenter,
                         QStringLiteral("LIVE"));
    }
    if (m_playheadUs != kTimeUnset && m_playheadUs >= viewStart && m_playheadUs <= viewEnd) {
        const double x = xAtTime(m_playheadUs);
        painter.setPen(QPen(Qt::white, 2));
        painter.drawLine(QPointF(x, axis.top()), QPointF(x, axis.bottom()));
    }
}

void TimelineStrip::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || m_startUs == kTimeUnset)
        return;
    m_pressPos = event->position();
    m_pressTimeUs = timeAtX(m_pressPos.x());
    m_pressViewStartUs = viewStartUs();
    m_drag = (event->modifiers() & Qt::ShiftModifier) ? Drag::Range : Drag::Pending;
}

void TimelineStrip::mouseMoveEvent(QMouseEvent *event)
{
    if (m_drag == Drag::None)
        return;
    const double dx = event->position().x() - m_pressPos.x();
    if (m_drag == Drag::Range) {
        if (std::abs(dx) >= kDragThresholdPx)
            setRange(m_pressTimeUs, timeAtX(event->position().x()));
        return;
    }
    if (m_drag == Drag::Pending && std::abs(dx) >= kDragThresholdPx)
        m_drag = Drag::Pan;
    if (m_drag == Drag::Pan && isZoomed()) {
        const double usPerPx
            = static_cast<double>(viewEndUs() - viewStartUs()) / axisRect().width();
        m_viewStartUs = m_pressViewStartUs - static_cast<TimeUs>(std::llround(dx * usPerPx));
        clampView();
        update();
    }
}

void TimelineStrip::mouseReleaseEvent(QMouseEvent *event)
{
    const Drag drag = m_drag;
    m_drag = Drag::None;
    if (event->button() != Qt::LeftButton)
        return;
    if (drag == Drag::Pending)
        Q_EMIT seekRequested(timeAtX(event->position().x()));
    else if (drag == Drag::Range && std::abs(event->position().x() - m_pressPos.x()) < kDragThresholdPx)
        clearRange(); // a Shift+click without a drag clears the range
}

void TimelineStrip::wheelEvent(QWheelEvent *event)
{
    if (m_startUs == kTimeUnset)
        return;
    const QPoint delta = event->angleDelta();
    if (delta.x() != 0 && delta.y() == 0) {
        // Sideways (a trackpad, or Shift+wheel on some systems): pan.
        panBy(-static_cast<TimeUs>(static_cast<double>(delta.x()) / 120.0 * 0.1
                                   * static_cast<double>(viewEndUs() - viewStartUs())));
    } else if (delta.y() != 0) {
        zoomBy(std::pow(kZoomPerNotch, static_cast<double>(delta.y()) / 120.0),
               timeAtX(event->position().x()));
    }
    event->accept();
}

bool TimelineStrip::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        QStringList lines;
        for (const TimelineMarker &marker : m_markers) {
            if (std::abs(xAtTime(marker.timeUs) - help->pos().x()) <= kMarkerHitPx)
                lines << QStringLiteral("%1  %2").arg(axisTimeLabel(marker.timeUs), marker.text);
        }
        if (lines.isEmpty())
            QToolTip::showText(help->globalPos(),
                               QStringLiteral("Click: move the playhead. Wheel: zoom. Drag: pan. "
                                              "Shift+drag: select a range."),
                               this);
        else
            QToolTip::showText(help->globalPos(), lines.mid(0, 12).join(QLatin1Char('\n')), this);
        return true;
    }
    return QWidget::event(event);
}

} // namespace cop
