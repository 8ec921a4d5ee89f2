// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLabel>
#include <QString>

#include <cstdint>

namespace cop {

// What the recorder has done so far, gathered by the app from its SessionWriter.
struct RecordingHealth
{
    bool recording = false;
    QString path; // the session file
    QString startError; // why recording could not start, if it was asked for
    std::uint64_t messagesWritten = 0;
    std::uint64_t messagesLost = 0; // dropped from a full queue or lost to a write error
    std::uint64_t writeErrors = 0;
    QString lastError;
};

// The status bar's recording badge: "REC file · N messages" while all is well, and red the
// moment a message is lost or recording could not start. An operator must never believe a
// session is on disk when it is not.
class RecordingStatus : public QLabel
{
    Q_OBJECT

public:
    explicit RecordingStatus(QWidget *parent = nullptr);

    void refresh(const RecordingHealth &health);
    // Replaying a session: shows its name instead of recording state.
    void showReplay(const QString &path);

    bool isShowingError() const { return m_error; }

private:
    void show(const QString &text, const QString &background, const QString &tooltip);

    bool m_error = false;
};

} // namespace cop
