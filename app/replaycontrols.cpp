// SPDX-License-Identifier: GPL-3.0-or-later
#include "replaycontrols.h"

#include "app/alertcenter.h"
#include "app/sessiontimeargument.h"
#include "core/sessionbookmark.h"
#include "net/sessionplayer.h"
#include "widgets/timelinestrip.h"
#include "widgets/transportbar.h"

#include <QAction>
#include <QInputDialog>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>

namespace cop {

namespace {
// Arrow keys step the playhead by a second, Shift+arrows by ten.
constexpr TimeUs kSmallStepUs = kMicrosPerSecond;
constexpr TimeUs kLargeStepUs = 10 * kMicrosPerSecond;

TimelineMarker::Kind markerKind(const SessionEvent &event)
{
    switch (event.kind) {
    case SessionEvent::Kind::Bookmark:
        return TimelineMarker::Kind::Bookmark;
    case SessionEvent::Kind::Impact:
        return TimelineMarker::Kind::Impact;
    case SessionEvent::Kind::Alert:
        break;
    }
    if (event.alertKind == "launch-detected")
        return TimelineMarker::Kind::Launch;
    return event.severity == "critical" ? TimelineMarker::Kind::CriticalAlert
                                        : TimelineMarker::Kind::Alert;
}
} // namespace

ReplayControls::ReplayControls(net::SessionPlayer &player, const QString &sessionPath,
                               QMainWindow &window)
    : QObject(&window)
    , m_player(player)
    , m_sessionPath(sessionPath)
    , m_window(window)
{
    auto *controls = new QWidget(&window);
    auto *layout = new QVBoxLayout(controls);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_timeline = new TimelineStrip(controls);
    m_timeline->setObjectName(QStringLiteral("replayTimeline"));
    std::vector<TimelineMarker> markers;
    for (const SessionEvent &event : player.events())
        markers.push_back({markerKind(event), event.timeUs, QString::fromStdString(event.text)});
    m_timeline->setMarkers(std::move(markers));
    m_transport = new TransportBar(controls);
    layout->addWidget(m_timeline);
    layout->addWidget(m_transport);
    auto *bar = new QToolBar(QStringLiteral("Replay"), &window);
    bar->setObjectName(QStringLiteral("replayToolBar"));
    bar->setMovable(false);
    bar->addWidget(controls);
    window.addToolBar(Qt::BottomToolBarArea, bar);

    net::SessionPlayer *p = &m_player;
    connect(m_timeline, &TimelineStrip::seekRequested, this,
            [p](TimeUs timeUs) { p->seek(timeUs); });
    connect(m_timeline, &TimelineStrip::rangeChanged, this, [this](TimeUs startUs, TimeUs) {
        // A new range replaces the loop's; clearing the range ends the loop.
        if (startUs == kTimeUnset || m_loop->isChecked())
            setLooping(startUs != kTimeUnset && m_loop->isChecked());
        m_loop->setEnabled(startUs != kTimeUnset);
    });
    connect(m_transport, &TransportBar::playRequested, this,
            [p](bool playing) { p->setPlaying(playing); });
    connect(m_transport, &TransportBar::speedRequested, this,
            [p](double speed) { p->setSpeed(speed); });
    connect(m_transport, &TransportBar::seekRequested, this,
            [p](TimeUs timeUs) { p->seek(timeUs); });
    buildMenu(window);
    refresh();
}

void ReplayControls::stepSpeed(int direction)
{
    const auto &speeds = TransportBar::speeds();
    const double now = m_player.state().speed;
    if (direction > 0) {
        const auto next = std::upper_bound(speeds.begin(), speeds.end(), now * 1.001);
        m_player.setSpeed(next == speeds.end() ? speeds.back() : *next);
    } else {
        const auto below = std::lower_bound(speeds.begin(), speeds.end(), now * 0.999);
        m_player.setSpeed(below == speeds.begin() ? speeds.front() : *std::prev(below));
    }
}

void ReplayControls::jumpToEvent(int direction)
{
    const net::PlayerState state = m_player.state();
    const auto &events = m_player.events();
    if (direction > 0) {
        const auto next
            = std::upper_bound(events.begin(), events.end(), state.playheadUs,
                               [](TimeUs t, const SessionEvent &e) { return t < e.timeUs; });
        if (next != events.end())
            m_player.seek(next->timeUs);
    } else {
        // A second's grace, so that pressing again steps past the event just jumped to.
        const auto before
            = std::lower_bound(events.begin(), events.end(), state.playheadUs - kMicrosPerSecond,
                               [](const SessionEvent &e, TimeUs t) { return e.timeUs < t; });
        if (before != events.begin())
            m_player.seek(std::prev(before)->timeUs);
    }
}

bool ReplayControls::addBookmark(TimeUs atUs, const QString &note, QString *error)
{
    OperatorAction bookmark;
    bookmark.timeUs = wallClockNowUs(); // when the analyst acted; the playhead says what at
    bookmark.playheadTimeUs = atUs;
    bookmark.action = "bookmark";
    bookmark.operatorName = AlertCenter::operatorName().toStdString();
    bookmark.note = note.toStdString();
    std::string why;
    if (!appendSessionBookmark(m_sessionPath.toStdString(), bookmark, &why)) {
        if (error)
            *error = QString::fromStdString(why);
        return false;
    }
    SessionEvent event;
    event.kind = SessionEvent::Kind::Bookmark;
    event.timeUs = atUs;
    event.text = bookmark.note;
    m_player.addEvent(event);
    std::vector<TimelineMarker> markers = m_timeline->markers();
    markers.push_back({TimelineMarker::Kind::Bookmark, atUs, note});
    m_timeline->setMarkers(std::move(markers));
    return true;
}

void ReplayControls::showRange(TimeUs fromUs, TimeUs toUs)
{
    m_timeline->setRange(fromUs, toUs);
    const TimeUs marginUs = std::max<TimeUs>((toUs - fromUs) / 2, kMicrosPerSecond);
    m_timeline->setView(fromUs - marginUs, toUs + marginUs);
}

bool ReplayControls::applyStartOptions(const QString &at, const QString &range, QString *error)
{
    const TimeUs startUs = m_player.info().firstReceiveTimeUs;
    // The timeline learns the session's span on its first refresh; a zoom needs it now.
    refresh();
    if (!range.isEmpty()) {
        TimeUs fromUs = kTimeUnset;
        TimeUs toUs = kTimeUnset;
        if (!parseSessionRange(range, startUs, &fromUs, &toUs, error)) {
            *error = QStringLiteral("--range: %1").arg(*error);
            return false;
        }
        showRange(fromUs, toUs);
    }
    if (!at.isEmpty()) {
        const TimeUs atUs = parseSessionTime(at, startUs, error);
        if (atUs == kTimeUnset) {
            *error = QStringLiteral("--at: %1").arg(*error);
            return false;
        }
        m_player.seek(atUs);
    }
    return true;
}

void ReplayControls::askForBookmark()
{
    const TimeUs atUs = m_player.state().playheadUs;
    bool ok = false;
    const QString note = QInputDialog::getText(
        &m_window, QStringLiteral("Bookmark"),
        QStringLiteral("Note for %1 UTC:").arg(formatUtc(atUs)), QLineEdit::Normal, QString(), &ok);
    if (!ok)
        return;
    QString error;
    if (!addBookmark(atUs, note, &error))
        QMessageBox::warning(&m_window, QStringLiteral("Bookmark"),
                             QStringLiteral("The bookmark was not saved: %1").arg(error));
}

void ReplayControls::setLooping(bool looping)
{
    m_loop->setChecked(looping);
    m_timeline->setLooping(looping);
    if (looping && m_timeline->rangeStartUs() != kTimeUnset) {
        m_player.setLoop(m_timeline->rangeStartUs(), m_timeline->rangeEndUs());
        m_player.setPlaying(true);
    } else {
        m_player.clearLoop();
    }
}

void ReplayControls::buildMenu(QMainWindow &window)
{
    net::SessionPlayer *p = &m_player;
    QMenu *menu = window.menuBar()->addMenu(QStringLiteral("&Replay"));
    const auto add = [&](const QString &text, const QKeySequence &shortcut, auto slot) {
        QAction *action = menu->addAction(text);
        action->setShortcut(shortcut);
        connect(action, &QAction::triggered, this, slot);
        return action;
    };
    // Keys of video editors: space plays or pauses, J slower, K pause, L faster.
    add(QStringLiteral("&Play / pause"), Qt::Key_Space,
        [p] { p->setPlaying(!p->state().playing); });
    add(QStringLiteral("&Slower"), Qt::Key_J, [this] { stepSpeed(-1); });
    add(QStringLiteral("Pa&use"), Qt::Key_K, [p] { p->setPlaying(false); });
    add(QStringLiteral("&Faster"), Qt::Key_L, [this, p] {
        if (p->state().playing)
            stepSpeed(+1);
        else
            p->setPlaying(true);
    });
    menu->addSeparator();
    const auto step = [p](TimeUs deltaUs) {
        const net::PlayerState state = p->state();
        p->seek(std::clamp(state.playheadUs + deltaUs, state.startUs, state.endUs));
    };
    add(QStringLiteral("Back 1 s"), Qt::Key_Left, [step] { step(-kSmallStepUs); });
    add(QStringLiteral("Forward 1 s"), Qt::Key_Right, [step] { step(kSmallStepUs); });
    add(QStringLiteral("Back 10 s"), QKeySequence(Qt::SHIFT | Qt::Key_Left),
        [step] { step(-kLargeStepUs); });
    add(QStringLiteral("Forward 10 s"), QKeySequence(Qt::SHIFT | Qt::Key_Right),
        [step] { step(kLargeStepUs); });
    add(QStringLiteral("&Back to the start"), QKeySequence(Qt::CTRL | Qt::Key_Home),
        [p] { p->seek(p->state().startUs); });
    add(QStringLiteral("To the &end"), QKeySequence(Qt::CTRL | Qt::Key_End),
        [p] { p->seek(p->state().endUs); });
    menu->addSeparator();
    // Launches, alerts, impacts and bookmarks alike.
    add(QStringLiteral("&Next event"), Qt::Key_N, [this] { jumpToEvent(+1); });
    add(QStringLiteral("Pre&vious event"), QKeySequence(Qt::SHIFT | Qt::Key_N),
        [this] { jumpToEvent(-1); });
    m_bookmark = add(QStringLiteral("&Bookmark this moment…"), QKeySequence(Qt::CTRL | Qt::Key_B),
                     [this] { askForBookmark(); });
    m_bookmark->setToolTip(QStringLiteral("A note at the playhead, kept in the session file"));
    menu->addSeparator();
    add(QStringLiteral("Zoom &in on the timeline"), QKeySequence(Qt::Key_Plus),
        [this, p] { m_timeline->zoomBy(0.5, p->state().playheadUs); });
    add(QStringLiteral("Zoom &out on the timeline"), QKeySequence(Qt::Key_Minus),
        [this, p] { m_timeline->zoomBy(2.0, p->state().playheadUs); });
    add(QStringLiteral("&Whole session on the timeline"), QKeySequence(Qt::Key_0),
        [this] { m_timeline->resetView(); });
    m_loop = add(QStringLiteral("L&oop the selected range"), QKeySequence(Qt::CTRL | Qt::Key_L),
                 [this] { setLooping(m_loop->isChecked()); });
    m_loop->setCheckable(true);
    m_loop->setEnabled(false);
    m_loop->setToolTip(QStringLiteral("Shift+drag on the timeline to select a range first"));
    add(QStringLiteral("&Clear the range"), QKeySequence(Qt::Key_Escape),
        [this] { m_timeline->clearRange(); });
}

void ReplayControls::refresh()
{
    const net::PlayerState state = m_player.state();
    TransportState shown;
    shown.playheadUs = state.playheadUs;
    shown.startUs = state.startUs;
    shown.endUs = state.endUs;
    shown.speed = state.speed;
    shown.playing = state.playing;
    shown.atEnd = state.atEnd;
    m_transport->setState(shown);
    m_timeline->setSpan(state.startUs, state.endUs);
    m_timeline->setPlayhead(state.playheadUs);
}

} // namespace cop
