// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/timeus.h"

#include <QPointF>
#include <QString>
#include <QWidget>

#include <vector>

namespace cop {

// A marker on the timeline.
struct TimelineMarker
{
    enum class Kind { Alert, CriticalAlert, Bookmark, Launch, Impact };
    Kind kind = Kind::Alert;
    TimeUs timeUs = kTimeUnset;
    QString text; // tooltip
};

// The session along the bottom: a time axis in UTC (or local time on request), a marker
// per event coloured by kind (launch, alert, critical alert, impact, bookmark), the playhead,
// the live edge in a live session, and a selected range (looped when asked). The wheel zooms
// about the pointer (Ctrl+wheel too), a drag pans, Shift+drag selects a range, a click moves
// the playhead. Knows nothing of where the times come from: it asks by signal.
class TimelineStrip : public QWidget
{
    Q_OBJECT

public:
    explicit TimelineStrip(QWidget *parent = nullptr);

    // The whole extent (a session, or the live look-back window). The view stays inside it.
    void setSpan(TimeUs startUs, TimeUs endUs);
    TimeUs spanStartUs() const { return m_startUs; }
    TimeUs spanEndUs() const { return m_endUs; }
    void setMarkers(std::vector<TimelineMarker> markers);
    void setPlayhead(TimeUs playheadUs);
    // Live sessions: the newest moment, drawn as the live edge. kTimeUnset: none (a replay).
    void setLiveEdge(TimeUs liveEdgeUs);
    // Labels the axis in the computer's local time instead of UTC; the corner says which.
    void setShowLocalTime(bool show);
    bool showsLocalTime() const { return m_showLocalTime; }
    // What the axis is labelled in: "UTC", or "local time, UTC+09:00" (the offset at timeUs).
    QString zoneLabel(TimeUs timeUs) const;
    // A tick's label, hh:mm:ss in the zone the axis shows.
    QString axisTimeLabel(TimeUs timeUs) const;
    const std::vector<TimelineMarker> &markers() const { return m_markers; }

    // The visible part of the span: zoomed in, it follows the span's end while it shows it.
    TimeUs viewStartUs() const;
    TimeUs viewEndUs() const;
    void setView(TimeUs startUs, TimeUs endUs);
    void zoomBy(double factor, TimeUs aroundUs); // factor < 1 zooms in
    void panBy(TimeUs deltaUs);
    void resetView(); // the whole span
    bool isZoomed() const { return m_viewStartUs != kTimeUnset; }

    // The selected range, kTimeUnset when none.
    TimeUs rangeStartUs() const { return m_rangeStartUs; }
    TimeUs rangeEndUs() const { return m_rangeEndUs; }
    void setRange(TimeUs startUs, TimeUs endUs);
    void clearRange();
    void setLooping(bool looping); // paints the range as looped

    // The time under x (widget pixels), clamped to the view; and back.
    TimeUs timeAtX(double x) const;
    double xAtTime(TimeUs timeUs) const;

    QSize sizeHint() const override;

Q_SIGNALS:
    void seekRequested(cop::TimeUs timeUs);
    void rangeChanged(cop::TimeUs startUs, cop::TimeUs endUs); // kTimeUnset: cleared

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    bool event(QEvent *event) override; // tooltips of markers

private:
    enum class Drag { None, Pending, Pan, Range };
    QRectF axisRect() const;
    void clampView();

    TimeUs m_startUs = kTimeUnset;
    TimeUs m_endUs = kTimeUnset;
    // Zoomed view; unset means the whole span. Its length is kept while the span grows.
    TimeUs m_viewStartUs = kTimeUnset;
    TimeUs m_viewLengthUs = 0;
    bool m_viewFollowsEnd = false;
    TimeUs m_playheadUs = kTimeUnset;
    TimeUs m_liveEdgeUs = kTimeUnset;
    TimeUs m_rangeStartUs = kTimeUnset;
    TimeUs m_rangeEndUs = kTimeUnset;
    bool m_looping = false;
    bool m_showLocalTime = false;
    std::vector<TimelineMarker> m_markers;

    Drag m_drag = Drag::None;
    QPointF m_pressPos;
    TimeUs m_pressTimeUs = kTimeUnset;
    TimeUs m_pressViewStartUs = kTimeUnset;
};

} // namespace cop
