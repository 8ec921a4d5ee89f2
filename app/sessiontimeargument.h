// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/timeus.h"

#include <QString>

namespace cop {

// A moment of a session as a user writes it on a command line: UTC ISO 8601
// ("2023-07-12T01:02:03Z", "2023-07-12T01:02:03.250Z"; the Z may be left out, it is UTC
// anyway) or seconds from the session's first message ("90", "90.5", "+90"). kTimeUnset with
// a message in why otherwise.
TimeUs parseSessionTime(const QString &text, TimeUs sessionStartUs, QString *why);

// A range "FROM/TO" (ISO 8601's interval notation), each end as parseSessionTime reads it.
// False with a message if either end is unreadable or the range ends before it starts.
bool parseSessionRange(const QString &text, TimeUs sessionStartUs, TimeUs *fromUs, TimeUs *toUs,
                       QString *why);

} // namespace cop
