// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace cop {

// For the console tools: Ctrl-C or SIGTERM asks for a clean stop (sockets closed, counts
// printed) instead of killing the process mid-message.
void installStopSignalHandlers();
bool stopRequested();
// Sleeps until a stop signal arrives or durationS seconds pass (durationS <= 0: no limit).
void waitForStop(double durationS);

} // namespace cop
