// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

namespace cop {

// Where live sessions are recorded unless the command line says otherwise: the user's data
// directory (QStandardPaths::AppDataLocation), folder "sessions".
QString defaultSessionDirectory();

// A new session file name in directory, from the UTC start time:
// "session-20230712T010000Z.copsession", with "-2", "-3"... if that name is taken.
QString newSessionPath(const QString &directory, const QDateTime &startUtc);

} // namespace cop
