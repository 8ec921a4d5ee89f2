// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordingstatus.h"

#include <QFileInfo>
#include <QLocale>

namespace cop {

RecordingStatus::RecordingStatus(QWidget *parent)
    : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    refresh({});
}

void RecordingStatus::show(const QString &text, const QString &background, const QString &tooltip)
{
    setText(text);
    setToolTip(tooltip);
    setStyleSheet(background.isEmpty()
                      ? QString()
                      : QStringLiteral("QLabel { background: %1; color: white; padding: 1px 6px;"
                                       " border-radius: 3px; }")
                            .arg(background));
}

void RecordingStatus::refresh(const RecordingHealth &health)
{
    const QLocale locale;
    const QString name = QFileInfo(health.path).fileName();
    m_error = !health.startError.isEmpty() || health.messagesLost > 0 || health.writeErrors > 0;
    if (!health.startError.isEmpty()) {
        show(QStringLiteral("NOT RECORDING: %1").arg(health.startError), QStringLiteral("#b3261e"),
             health.startError);
    } else if (!health.recording) {
        show(
            QStringLiteral("not recording"), QString(),
            QStringLiteral(
                "This session is not being recorded (--no-record, or the demo without --record)."));
    } else if (m_error) {
        show(QStringLiteral("REC %1 · %2 LOST")
                 .arg(name, locale.toString(qulonglong(health.messagesLost))),
             QStringLiteral("#b3261e"),
             QStringLiteral("%1\n%2 messages recorded, %3 lost, %4 write errors\nlast error: %5")
                 .arg(health.path, locale.toString(qulonglong(health.messagesWritten)),
                      locale.toString(qulonglong(health.messagesLost)),
                      locale.toString(qulonglong(health.writeErrors)), health.lastError));
    } else {
        show(QStringLiteral("● REC %1 · %2")
                 .arg(name, locale.toString(qulonglong(health.messagesWritten))),
             QStringLiteral("#5c2b29"),
             QStringLiteral("Recording to %1\n%2 messages on disk")
                 .arg(health.path, locale.toString(qulonglong(health.messagesWritten))));
    }
}

void RecordingStatus::showReplay(const QString &path)
{
    m_error = false;
    show(QStringLiteral("session %1").arg(QFileInfo(path).fileName()), QString(), path);
}

} // namespace cop
