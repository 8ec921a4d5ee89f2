// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

namespace cop {

class AlertModel;

// The strip across the top of the window while any critical alert is unacknowledged: the
// newest one's text and countdown, flashing, with an audible cue that can be switched off.
// Driven by the window's frame clock through tick() (no timer of its own, none per alert).
class AlertBanner : public QWidget
{
    Q_OBJECT

public:
    explicit AlertBanner(const AlertModel &model, QWidget *parent = nullptr);

    void setSoundEnabled(bool enabled) { m_soundEnabled = enabled; }
    bool soundEnabled() const { return m_soundEnabled; }
    // Banner and sound stay quiet until this monotonic time (ms), unless a new critical alert
    // arrives; the alerts themselves are untouched.
    void silenceUntil(qint64 monotonicMs) { m_silencedUntilMs = monotonicMs; }
    bool isSilenced(qint64 monotonicMs) const { return monotonicMs < m_silencedUntilMs; }

    // Called by the frame clock: refreshes text and flash phase, beeps when due.
    void tick(qint64 monotonicMs);
    // A critical alert was raised (or raised again): ends any silence and sounds at once.
    void criticalRaised();

    QSize sizeHint() const override;

Q_SIGNALS:
    void acknowledgeRequested();

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    const AlertModel &m_model;
    QString m_text;
    bool m_flashOn = false;
    bool m_soundEnabled = true;
    bool m_soundDue = false;
    qint64 m_silencedUntilMs = 0;
    qint64 m_lastBeepMs = 0;
};

} // namespace cop
