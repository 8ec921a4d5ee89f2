// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/alert.h"
#include "core/sessionwriter.h"

#include <QString>

#include <vector>

namespace cop {

// Adds alert events to the session being recorded: every event of an alert's life goes into
// alert_events with the whole alert as JSON, and each acknowledgement also into
// operator_actions, so an analyst finds who acknowledged what, and when, in one place.
void recordAlertEvents(SessionWriter &recorder, const std::vector<AlertEvent> &events);

// An operator's bookmark with a note, at timeUs (receive-time clock).
void recordBookmark(SessionWriter &recorder, TimeUs timeUs, const QString &operatorName,
                    const QString &note);

} // namespace cop
