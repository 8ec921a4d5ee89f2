// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alert.h"

#include <QByteArray>
#include <QJsonObject>

namespace cop {

// One alert event as a JSON object: what cop-monitor prints, one per line, and what a session
// record keeps. Field names are snake_case like the wire protocol's JSON mapping.
QJsonObject alertEventToJson(const AlertEvent &event);
QByteArray alertEventToJsonLine(const AlertEvent &event); // compact, no trailing newline

} // namespace cop
