// SPDX-License-Identifier: GPL-3.0-or-later
#include "liverewind.h"

#include "core/picture.h"
#include "widgets/mapview.h"

#include <QAction>
#include <QKeySequence>
#include <QLabel>
#include <QMenu>

#include <algorithm>

namespace cop {

LiveRewind::LiveRewind(MapView &map, QWidget *parent)
    : QObject(parent)
    , m_map(map)
    , m_badge(new QLabel(parent))
{
    m_badge->setObjectName(QStringLiteral("liveRewindBadge"));
    m_badge->setTextFormat(Qt::RichText);
    refreshBadge();
}

void LiveRewind::addActionsTo(QMenu &menu)
{
    const auto add = [&](const QString &text, const QKeySequence &shortcut, auto slot) {
        QAction *action = menu.addAction(text);
        action->setShortcut(shortcut);
        connect(action, &QAction::triggered, this, slot);
        return action;
    };
    add(QStringLiteral("Rewind 10 s"), QKeySequence(Qt::CTRL | Qt::Key_Left),
        [this] { stepBy(-kSmallStepUs); });
    add(QStringLiteral("Rewind 1 min"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Left),
        [this] { stepBy(-kLargeStepUs); });
    add(QStringLiteral("Forward 10 s"), QKeySequence(Qt::CTRL | Qt::Key_Right),
        [this] { stepBy(kSmallStepUs); });
    add(QStringLiteral("Back to live"), QKeySequence(Qt::Key_End), [this] { returnToLive(); });
}

void LiveRewind::stepBy(TimeUs deltaUs)
{
    setOffset(m_offsetUs - deltaUs);
}

void LiveRewind::returnToLive()
{
    setOffset(0);
}

void LiveRewind::setOffset(TimeUs offsetUs)
{
    m_offsetUs = std::clamp<TimeUs>(offsetUs, 0, kMaxOffsetUs);
    refreshBadge();
    m_map.markDirty();
}

void LiveRewind::tick(TimeUs nowUs)
{
    // Whole tenths of a second: the rewound picture moves with the clock without a repaint
    // on every frame.
    constexpr TimeUs kStepUs = 100 * kMicrosPerMillisecond;
    m_map.setPlayhead(isLive() ? kTimeLive : (nowUs - m_offsetUs) / kStepUs * kStepUs);
}

void LiveRewind::refreshBadge()
{
    if (isLive()) {
        m_badge->setText(QStringLiteral("<span style='background:#2e4a35;color:#f0f0f0;font-weight:bold'>"
                                        "&nbsp;LIVE&nbsp;</span>"));
        m_badge->setToolTip(QStringLiteral("The map shows the picture now. Ctrl+Left looks back."));
        return;
    }
    const qint64 seconds = m_offsetUs / kMicrosPerSecond;
    m_badge->setText(QStringLiteral("<span style='background:#8a6d00;color:#ffffff;font-weight:bold'>"
                                    "&nbsp;REWIND −%1:%2 · End: live&nbsp;</span>")
                         .arg(seconds / 60, 2, 10, QLatin1Char('0'))
                         .arg(seconds % 60, 2, 10, QLatin1Char('0')));
    m_badge->setToolTip(QStringLiteral("The map shows the picture as it was %1 s ago; the feed, "
                                       "alerts and recording carry on live.")
                            .arg(seconds));
}

} // namespace cop
