// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sessionrecords.h"

#include <string>

namespace cop {

// Adds an analyst's bookmark, made while replaying, to the session file itself (table
// operator_actions, with the playhead it was made at), so the next replay, a range export and
// the sqlite3 command line all see it. Opens its own connection for the one insert, beside the
// replay's reader. False with a message if the file is not a session or cannot be written
// (read-only media, a copy without write permission).
bool appendSessionBookmark(const std::string &sessionPath, const OperatorAction &bookmark,
                           std::string *error);

} // namespace cop
