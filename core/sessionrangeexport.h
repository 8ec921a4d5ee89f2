// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sessionreader.h"
#include "timeus.h"

#include <cstdint>
#include <optional>
#include <string>

namespace cop {

// What to cut out of a session, and where to put it.
struct SessionRangeExportRequest
{
    std::string outputPath;
    TimeUs fromUs = kTimeUnset; // receive time, inclusive
    TimeUs toUs = kTimeUnset; // receive time, inclusive
    std::string sourcePath; // the open session's file: its name goes into the metadata
    std::string application; // the program cutting, e.g. "cop-replay"
    std::string applicationVersion;
    // The picture just before fromUs (every message received before it), so that seeking in
    // the new file shows what the original shows. Unset when nothing was received before
    // fromUs: the new file then starts from an empty picture, as the original did.
    std::optional<StoredSnapshot> startSnapshot;
    bool replaceExisting = false; // the caller asked the user; otherwise an existing file stays
};

struct SessionRangeExportResult
{
    bool ok = false;
    std::string error;
    std::int64_t messages = 0;
    std::int64_t alertEvents = 0;
    std::int64_t operatorActions = 0;
    std::int64_t snapshots = 0; // copied from the original, plus the start snapshot
};

// Cuts [fromUs, toUs] of an open session into a new, complete session file: the messages
// (with their ids, so copied snapshots stay exact), alert events, operator actions and
// snapshots of the range, the sources table recounted for it, and metadata naming the file
// and range it was cut from (docs/session-format.md, "Range exports"). Written to a temporary
// file beside the output and renamed when complete, so a failed export leaves nothing behind.
// Core only: the caller builds startSnapshot (it takes the wire decoder).
SessionRangeExportResult exportSessionRange(SessionReader &source,
                                            const SessionRangeExportRequest &request);

} // namespace cop
