// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/timeus.h"

#include <QWidget>

#include <vector>

class QComboBox;
class QLabel;
class QSlider;
class QToolButton;

namespace cop {

// Where a replay stands, as the transport bar shows it. Times are the session's receive-time
// clock.
struct TransportState
{
    TimeUs playheadUs = kTimeUnset;
    TimeUs startUs = kTimeUnset;
    TimeUs endUs = kTimeUnset;
    double speed = 1.0;
    bool playing = false;
    bool atEnd = false;
};

// The replay transport: a REPLAY badge that cannot be mistaken for live, play/pause, speed,
// a position slider over the whole session, and the playhead's UTC time. Knows nothing of
// where the replay comes from: it shows a TransportState and asks for changes by signal.
class TransportBar : public QWidget
{
    Q_OBJECT

public:
    explicit TransportBar(QWidget *parent = nullptr);

    // Speeds offered, 0.1x to 100x.
    static const std::vector<double> &speeds();

    void setState(const TransportState &state);
    const TransportState &state() const { return m_state; }
    QString timeText() const;

Q_SIGNALS:
    void playRequested(bool playing);
    void speedRequested(double speed);
    void seekRequested(cop::TimeUs timeUs);

private:
    void seekToSlider();

    TransportState m_state;
    QLabel *m_badge = nullptr;
    QToolButton *m_play = nullptr;
    QComboBox *m_speed = nullptr;
    QSlider *m_position = nullptr;
    QLabel *m_time = nullptr;
};

} // namespace cop
