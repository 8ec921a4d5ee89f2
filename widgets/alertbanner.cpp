// SPDX-License-Identifier: GPL-3.0-or-later
#include "alertbanner.h"

#include "widgets/alertmodel.h"

#include <QApplication>
#include <QMouseEvent>
#include <QPainter>

namespace cop {

namespace {
constexpr qint64 kFlashPeriodMs = 1000; // on half, off half: noticeable, not a strobe
constexpr qint64 kBeepRepeatMs = 10'000; // while unacknowledged and not silenced
} // namespace

AlertBanner::AlertBanner(const AlertModel &model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    setVisible(false);
    setCursor(Qt::PointingHandCursor);
    setToolTip(QStringLiteral("Click to acknowledge"));
    QFont bold = font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.3);
    setFont(bold);
}

QSize AlertBanner::sizeHint() const
{
    return {600, fontMetrics().height() * 2};
}

void AlertBanner::criticalRaised()
{
    m_silencedUntilMs = 0;
    m_soundDue = true;
}

void AlertBanner::tick(qint64 monotonicMs)
{
    const Alert *alert = m_model.newestUnacknowledgedCritical();
    const bool show = alert && !isSilenced(monotonicMs);
    if (!show) {
        setVisible(false);
        m_soundDue = false;
        return;
    }
    const int others = m_model.unacknowledgedCount(AlertSeverity::Critical) - 1;
    QString text = QStringLiteral("CRITICAL  %1").arg(alert->text);
    if (alert->predictedImpactTimeUs != kTimeUnset) {
        const QModelIndex countdown
            = m_model.index(m_model.rowOf(alert->id), AlertModel::CountdownColumn);
        text += QStringLiteral("   impact %1").arg(m_model.data(countdown).toString());
    }
    if (others > 0)
        text += QStringLiteral("   (+%1 more)").arg(others);
    const bool flashOn = (monotonicMs / (kFlashPeriodMs / 2)) % 2 == 0;
    if (text != m_text || flashOn != m_flashOn || !isVisible()) {
        m_text = text;
        m_flashOn = flashOn;
        setVisible(true);
        update();
    }
    if (m_soundEnabled && (m_soundDue || monotonicMs - m_lastBeepMs >= kBeepRepeatMs)) {
        QApplication::beep();
        m_lastBeepMs = monotonicMs;
    }
    m_soundDue = false;
}

void AlertBanner::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QColor red(0xc0, 0x10, 0x10);
    painter.fillRect(rect(), m_flashOn ? red : red.darker(220));
    painter.setPen(Qt::white);
    painter.drawText(rect().adjusted(12, 0, -12, 0), Qt::AlignVCenter | Qt::AlignLeft,
                     fontMetrics().elidedText(m_text, Qt::ElideRight, width() - 24));
}

void AlertBanner::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        Q_EMIT acknowledgeRequested();
}

} // namespace cop
