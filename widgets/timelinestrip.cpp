// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelinestrip.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <array>
#include <cmath>

namespace cop {

namespace {
constexpr int kMargin = 8;
constexpr double kMarkerHitPx = 4.0;

QColor markerColour(TimelineMarker::Kind kind)
{
    switch (kind) {
    case TimelineMarker::Kind::CriticalAlert:
        return QColor(0xe5, 0x39, 0x35);
    case TimelineMarker::Kind::Alert:
        return QColor(0xf5, 0x9e, 0x0b);
    case TimelineMarker::Kind::Bookmark:
        return QColor(0x42, 0xa5, 0xf5);
    }
    return Qt::white;
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
    setMinimumHeight(34);
    setCursor(Qt::PointingHandCursor);
    setToolTip(QStringLiteral("Click to move the playhead"));
}

QSize TimelineStrip::sizeHint() const
{
    return {600, 36};
}

void TimelineStrip::setSpan(TimeUs startUs, TimeUs endUs)
{
    if (startUs == m_startUs && endUs == m_endUs)
        return;
    m_startUs = startUs;
    m_endUs = endUs;
    update();
}

void TimelineStrip::setMarkers(std::vector<TimelineMarker> markers)
{
    m_markers = std::move(markers);
    update();
}

void TimelineStrip::setPlayhead(TimeUs playheadUs)
{
    if (playheadUs == m_playheadUs)
        return;
    m_playheadUs = playheadUs;
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
    const double fraction = std::clamp((x - axis.left()) / axis.width(), 0.0, 1.0);
    return m_startUs
        + static_cast<TimeUs>(std::llround(fraction * static_cast<double>(m_endUs - m_startUs)));
}

double TimelineStrip::xAtTime(TimeUs timeUs) const
{
    const QRectF axis = axisRect();
    const double spanUs = std::max<double>(1.0, static_cast<double>(m_endUs - m_startUs));
    return axis.left() + static_cast<double>(timeUs - m_startUs) / spanUs * axis.width();
}

void TimelineStrip::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), QColor(0x1c, 0x22, 0x2b));
    if (m_startUs == kTimeUnset)
        return;
    const QRectF axis = axisRect();
    painter.setRenderHint(QPainter::Antialiasing);

    // UTC ticks at round times, labelled hh:mm:ss.
    const TimeUs stepUs = tickStepUs(m_endUs - m_startUs, axis.width());
    painter.setPen(QColor(0x8a, 0x96, 0xa6));
    QFont font = painter.font();
    font.setPointSizeF(font.pointSizeF() * 0.85);
    painter.setFont(font);
    for (TimeUs t = (m_startUs / stepUs + 1) * stepUs; t <= m_endUs; t += stepUs) {
        const double x = xAtTime(t);
        painter.drawLine(QPointF(x, axis.bottom() - 6), QPointF(x, axis.bottom()));
        painter.drawText(QRectF(x - 40, axis.top() + 12, 80, 14), Qt::AlignCenter,
                         formatUtc(t).mid(11, 8));
    }
    painter.drawLine(QPointF(axis.left(), axis.bottom()), QPointF(axis.right(), axis.bottom()));

    // Markers: a short bar each; critical ones on top.
    for (int pass = 0; pass < 2; ++pass) {
        for (const TimelineMarker &marker : m_markers) {
            if ((marker.kind == TimelineMarker::Kind::CriticalAlert) != (pass == 1))
                continue;
            const double x = xAtTime(marker.timeUs);
            painter.setPen(QPen(markerColour(marker.kind), 3));
            painter.drawLine(QPointF(x, axis.top()), QPointF(x, axis.top() + 10));
        }
    }

    if (m_playheadUs != kTimeUnset) {
        const double x = xAtTime(m_playheadUs);
        painter.setPen(QPen(Qt::white, 2));
        painter.drawLine(QPointF(x, axis.top()), QPointF(x, axis.bottom()));
    }
}

void TimelineStrip::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && m_startUs != kTimeUnset)
        Q_EMIT seekRequested(timeAtX(event->position().x()));
}

bool TimelineStrip::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        QStringList lines;
        for (const TimelineMarker &marker : m_markers) {
            if (std::abs(xAtTime(marker.timeUs) - help->pos().x()) <= kMarkerHitPx)
                lines << QStringLiteral("%1  %2").arg(formatUtc(marker.timeUs).mid(11, 8),
                                                      marker.text);
        }
        if (lines.isEmpty())
            QToolTip::showText(help->globalPos(), QStringLiteral("Click to move the playhead"),
                               this);
        else
            QToolTip::showText(help->globalPos(), lines.mid(0, 12).join(QLatin1Char('\n')), this);
        return true;
    }
    return QWidget::event(event);
}

} // namespace cop
