// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

namespace cop::test {

// Starts a publisher (cop-simfeed, the example publisher, cop-replay) that prints
// "publishing on ENDPOINT" to stderr, and returns that endpoint, with the port the system
// chose for "tcp://127.0.0.1:*". Empty if it did not say so within five seconds.
QString startPublisher(QProcess &process, const QString &program, const QStringList &arguments);

} // namespace cop::test
