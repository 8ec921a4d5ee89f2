// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/sessionrangeexport.h"

#include <optional>
#include <string>

namespace cop {

// The picture of an open session just before fromUs (every message received before it), as a
// snapshot positioned after the last of those messages: the start of a range cut at fromUs.
// Unset when nothing was received before fromUs, or when the file is damaged before fromUs
// (error then says where).
std::optional<StoredSnapshot> buildRangeStartSnapshot(SessionReader &reader, TimeUs fromUs,
                                                      std::string *error);

// Opens request.sourcePath, builds the start snapshot and cuts the range into a new session
// file (exportSessionRange). Runs on the caller's thread.
SessionRangeExportResult exportSessionRangeFile(SessionRangeExportRequest request);

} // namespace cop
