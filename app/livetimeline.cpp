// SPDX-License-Identifier: GPL-3.0-or-later
#include "livetimeline.h"

#include "app/liverewind.h"
#include "widgets/timelinestrip.h"

#include <QAction>
#include <QKeySequence>
#include <QMainWindow>
#include <QToolBar>

#include <algorithm>

namespace cop {

LiveTimeline::LiveTimeline(LiveRewind &rewind, QMainWindow &window)
    : QObject(&window)
    , m_rewind(rewind)
{
    m_timeline = new TimelineStrip(&window);
    m_timeline->setObjectName(QStringLiteral("liveTimeline"));
    m_bar = new QToolBar(QStringLiteral("Timeline"), &window);
    m_bar->setObjectName(QStringLiteral("liveTimelineToolBar"));
    m_bar->setMovable(false);
    m_bar->addWidget(m_timeline);
    window.addToolBar(Qt::BottomToolBarArea, m_bar);
    m_bar->hide();
    QAction *toggle = m_bar->toggleViewAction();
    toggle->setText(QStringLiteral("&Timeline"));
    toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    // Scrubbing back rewinds the live picture; the feed, alerts and recording carry on.
    connect(m_timeline, &TimelineStrip::seekRequested, this, [this](TimeUs timeUs) {
        if (m_nowUs != kTimeUnset)
            m_rewind.setOffset(m_nowUs - timeUs);
    });
}

QAction *LiveTimeline::toggleAction() const
{
    return m_bar->toggleViewAction();
}

void LiveTimeline::addAlertEvents(const std::vector<AlertEvent> &events)
{
    for (const AlertEvent &event : events) {
        TimelineMarker marker;
        marker.timeUs = event.timeUs;
        marker.text = event.alert.text;
        if (event.type == AlertEventType::Raised) {
            marker.kind = event.alert.kind == AlertKind::LaunchDetected ? TimelineMarker::Kind::Launch
                : event.alert.severity == AlertSeverity::Critical     ? TimelineMarker::Kind::CriticalAlert
                                                                      : TimelineMarker::Kind::Alert;
        } else if (event.type == AlertEventType::Cleared && event.alert.ending == AlertEnding::Impact) {
            marker.kind = TimelineMarker::Kind::Impact;
            marker.text = QStringLiteral("impact: ") + event.alert.text;
        } else {
            continue;
        }
        m_markers.push_back(std::move(marker));
        m_markersChanged = true;
    }
}

void LiveTimeline::addBookmark(TimeUs timeUs, const QString &note)
{
    m_markers.push_back({TimelineMarker::Kind::Bookmark, timeUs, note});
    m_markersChanged = true;
}

void LiveTimeline::tick(TimeUs nowUs)
{
    m_nowUs = nowUs;
    // Looking back starts: the timeline shows where, and how far from live.
    if (m_wasLive && !m_rewind.isLive())
        m_bar->show();
    m_wasLive = m_rewind.isLive();
    const TimeUs windowStartUs = nowUs - LiveRewind::kMaxOffsetUs;
    // Markers that slid out of the window are forgotten: the list stays bounded.
    const auto firstKept = std::find_if(m_markers.begin(), m_markers.end(),
                                        [&](const TimelineMarker &m) { return m.timeUs >= windowStartUs; });
    if (firstKept != m_markers.begin()) {
        m_markers.erase(m_markers.begin(), firstKept);
        m_markersChanged = true;
    }
    if (m_markersChanged) {
        m_markersChanged = false;
        m_timeline->setMarkers(m_markers);
    }
    // Whole tenths of a second, as the rewound map: no repaint on every frame for nothing.
    constexpr TimeUs kStepUs = 100 * kMicrosPerMillisecond;
    const TimeUs edgeUs = nowUs / kStepUs * kStepUs;
    m_timeline->setSpan(edgeUs - LiveRewind::kMaxOffsetUs, edgeUs);
    m_timeline->setLiveEdge(edgeUs);
    m_timeline->setPlayhead(edgeUs - m_rewind.offsetUs());
}

} // namespace cop
