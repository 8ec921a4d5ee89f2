// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "timeus.h"

#include <string>

namespace cop {

// The rows a session keeps beside the messages, as the writer records them and the reader
// gives them back (docs/session-format.md, tables operator_actions and alert_events).

// An operator's action, recorded beside the messages.
struct OperatorAction
{
    TimeUs timeUs = kTimeUnset;
    TimeUs playheadTimeUs = kTimeUnset; // kTimeUnset: recorded as NULL
    std::string action; // "acknowledge" or "bookmark"
    std::string operatorName;
    std::string alertId;
    std::string note;
};

// One event of an alert's life, with the alert as JSON (see alertjson.h).
struct AlertRecord
{
    TimeUs timeUs = kTimeUnset;
    std::string alertId;
    std::string event;
    std::string severity;
    std::string detailJson;
};

} // namespace cop
