// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace cop {

// A quick sanity check of a ZeroMQ endpoint string ("tcp://host:port", "ipc://path",
// "inproc://name") so a typo gets a clear message at start-up rather than a silent feed.
// ZeroMQ itself has the final word when the socket connects or binds.
bool isPlausibleEndpoint(const QString &endpoint, QString *why = nullptr);

} // namespace cop
