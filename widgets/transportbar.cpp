// SPDX-License-Identifier: GPL-3.0-or-later
#include "transportbar.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QToolButton>

#include <algorithm>
#include <cmath>

namespace cop {

namespace {
constexpr int kSliderSteps = 10'000; // fine enough for an hour: one step is 0.36 s

QString speedText(double speed)
{
    return QStringLiteral("%1×").arg(speed, 0, 'g', 3);
}

QString durationText(TimeUs us)
{
    const qint64 totalS = us / kMicrosPerSecond;
    return QStringLiteral("%1:%2:%3")
        .arg(totalS / 3600)
        .arg(totalS / 60 % 60, 2, 10, QLatin1Char('0'))
        .arg(totalS % 60, 2, 10, QLatin1Char('0'));
}
} // namespace

const std::vector<double> &TransportBar::speeds()
{
    static const std::vector<double> kSpeeds {0.1, 0.25, 0.5,  1.0,  2.0,
                                              5.0, 10.0, 25.0, 50.0, 100.0};
    return kSpeeds;
}

TransportBar::TransportBar(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);

    m_badge = new QLabel(QStringLiteral("REPLAY"), this);
    m_badge->setStyleSheet(
        QStringLiteral("QLabel { background: #b26a00; color: white; font-weight: bold;"
                       " padding: 2px 8px; border-radius: 3px; }"));
    m_badge->setToolTip(QStringLiteral("A recorded session, not the live feed"));
    layout->addWidget(m_badge);

    m_play = new QToolButton(this);
    m_play->setToolTip(QStringLiteral("Play or pause (Space)"));
    m_play->setMinimumWidth(70);
    layout->addWidget(m_play);
    connect(m_play, &QToolButton::clicked, this,
            [this] { Q_EMIT playRequested(!m_state.playing); });

    m_speed = new QComboBox(this);
    for (double speed : speeds())
        m_speed->addItem(speedText(speed), speed);
    m_speed->setToolTip(QStringLiteral("Replay speed (J slower, L faster)"));
    layout->addWidget(m_speed);
    connect(m_speed, &QComboBox::activated, this,
            [this](int index) { Q_EMIT speedRequested(m_speed->itemData(index).toDouble()); });

    m_position = new QSlider(Qt::Horizontal, this);
    m_position->setRange(0, kSliderSteps);
    m_position->setToolTip(QStringLiteral("Drag to move the playhead through the session"));
    layout->addWidget(m_position, 1);
    connect(m_position, &QSlider::sliderReleased, this, &TransportBar::seekToSlider);
    // A click on the groove or a key moves the slider without a drag: seek then too.
    connect(m_position, &QSlider::actionTriggered, this, [this](int action) {
        if (action != QAbstractSlider::SliderMove)
            QMetaObject::invokeMethod(this, &TransportBar::seekToSlider, Qt::QueuedConnection);
    });

    m_time = new QLabel(this);
    m_time->setMinimumWidth(330);
    layout->addWidget(m_time);

    setState(m_state);
}

void TransportBar::seekToSlider()
{
    if (m_state.startUs == kTimeUnset)
        return;
    const double fraction = static_cast<double>(m_position->sliderPosition()) / kSliderSteps;
    const TimeUs spanUs = m_state.endUs - m_state.startUs;
    Q_EMIT seekRequested(
        m_state.startUs
        + static_cast<TimeUs>(std::llround(fraction * static_cast<double>(spanUs))));
}

QString TransportBar::timeText() const
{
    return m_time->text();
}

void TransportBar::setState(const TransportState &state)
{
    m_state = state;
    m_play->setText(state.playing ? QStringLiteral("❚❚ Pause") : QStringLiteral("▶ Play"));

    // The nearest offered speed; never fight a list the user has open.
    if (!m_speed->view()->isVisible()) {
        const auto &offered = speeds();
        const auto nearest
            = std::min_element(offered.begin(), offered.end(), [&](double a, double b) {
                  return std::abs(std::log(a / state.speed)) < std::abs(std::log(b / state.speed));
              });
        const QSignalBlocker blocker(m_speed);
        m_speed->setCurrentIndex(static_cast<int>(nearest - offered.begin()));
    }

    if (state.startUs == kTimeUnset || state.playheadUs == kTimeUnset) {
        m_time->setText(QStringLiteral("empty session"));
        m_position->setEnabled(false);
        return;
    }
    m_position->setEnabled(true);
    const TimeUs spanUs = std::max<TimeUs>(1, state.endUs - state.startUs);
    if (!m_position->isSliderDown()) {
        const QSignalBlocker blocker(m_position);
        m_position->setValue(
            static_cast<int>(std::llround(static_cast<double>(state.playheadUs - state.startUs)
                                          / static_cast<double>(spanUs) * kSliderSteps)));
    }
    m_time->setText(
        QStringLiteral("%1 UTC  %2 / %3%4")
            .arg(formatUtc(state.playheadUs).left(21).replace(QLatin1Char('T'), QLatin1Char(' ')),
                 durationText(state.playheadUs - state.startUs),
                 durationText(state.endUs - state.startUs),
                 state.atEnd ? QStringLiteral("  END") : QString()));
}

} // namespace cop
