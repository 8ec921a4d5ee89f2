// SPDX-License-Identifier: GPL-3.0-or-later
#include "sessionpaths.h"

#include "core/sessionformat.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace cop {

QString defaultSessionDirectory()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("sessions"));
}

QString newSessionPath(const QString &directory, const QDateTime &startUtc)
{
    const QString stem = QStringLiteral("session-")
        + startUtc.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    const QString suffix = QString::fromLatin1(kSessionFileSuffix);
    const QDir dir(directory);
    QString path = dir.filePath(stem + suffix);
    for (int n = 2; QFileInfo::exists(path); ++n)
        path = dir.filePath(QStringLiteral("%1-%2%3").arg(stem).arg(n).arg(suffix));
    return path;
}

} // namespace cop
