// SPDX-License-Identifier: GPL-3.0-or-later
#include "publisherprocess.h"

#include <QRegularExpression>

namespace cop::test {

QString startPublisher(QProcess &process, const QString &program, const QStringList &arguments)
{
    process.setReadChannel(QProcess::StandardError);
    process.start(program, arguments);
    if (!process.waitForStarted(5000))
        return {};
    const QRegularExpression bound(QStringLiteral("publishing on (tcp://[0-9.]+:[0-9]+)"));
    for (int i = 0; i < 50; ++i) {
        process.waitForReadyRead(100);
        const auto match = bound.match(QString::fromUtf8(process.peek(4096)));
        if (match.hasMatch())
            return match.captured(1);
    }
    return {};
}

} // namespace cop::test
