// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/picture.h"
#include "core/sessionreader.h"
#include "net/rejectreason.h"

#include <cstddef>
#include <string>

namespace cop::net {

class WireDecoder;

// What a rebuild did, for the caller's position and for benchmarks and tests.
struct PictureRebuild
{
    SessionPosition position; // the last message in the picture: replay continues after it
    bool fromSnapshot = false;
    TimeUs snapshotTimeUs = kTimeUnset;
    std::size_t messagesReplayed = 0; // after the snapshot (or from the start)
    std::string warning; // a snapshot that could not be used; the rebuild fell back
    std::string error; // the file is damaged before timeUs; the picture is what could be read
};

// The picture as of timeUs (receive time, inclusive) of a recorded session, fast: the newest
// snapshot at or before timeUs, then the messages after it, decoded by the live decoder. Without
// a usable snapshot (a version 1 file, or a time before the first snapshot) it replays from the
// start. picture is replaced. Runs on the caller's thread; memory is one read window.
PictureRebuild rebuildPictureAt(SessionReader &reader, WireDecoder &decoder, TimeUs timeUs,
                                Picture &picture, RejectCounters *rejects = nullptr,
                                std::size_t readWindowMessages = 8'192);

} // namespace cop::net
