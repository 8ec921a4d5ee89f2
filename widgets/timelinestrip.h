// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/timeus.h"

#include <QString>
#include <QWidget>

#include <vector>

namespace cop {

// A marker on the timeline.
struct TimelineMarker
{
    enum class Kind { Alert, CriticalAlert, Bookmark };
    Kind kind = Kind::Alert;
    TimeUs timeUs = kTimeUnset;
    QString text; // tooltip
};

// The session along the bottom: a UTC time axis over the whole session, a marker per alert
// raised (red when critical) and per bookmark (blue), and the playhead. A click moves the
// playhead there. Knows nothing of where the times come from.
class TimelineStrip : public QWidget
{
    Q_OBJECT

public:
    explicit TimelineStrip(QWidget *parent = nullptr);

    void setSpan(TimeUs startUs, TimeUs endUs);
    void setMarkers(std::vector<TimelineMarker> markers);
    void setPlayhead(TimeUs playheadUs);
    const std::vector<TimelineMarker> &markers() const { return m_markers; }

    // The time under x (widget pixels), clamped to the span; and back.
    TimeUs timeAtX(double x) const;
    double xAtTime(TimeUs timeUs) const;

    QSize sizeHint() const override;

Q_SIGNALS:
    void seekRequested(cop::TimeUs timeUs);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override; // tooltips of markers

private:
    QRectF axisRect() const;

    TimeUs m_startUs = kTimeUnset;
    TimeUs m_endUs = kTimeUnset;
    TimeUs m_playheadUs = kTimeUnset;
    std::vector<TimelineMarker> m_markers;
};

} // namespace cop
