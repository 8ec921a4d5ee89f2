// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "picture.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace cop {

// Name stored in the snapshots table's format column for this encoding.
inline constexpr const char *kPictureSnapshotFormat = "cop-picture-1";

// How much history a snapshot keeps. A snapshot is written every few seconds, so it carries
// only the newest states of each track and sensor: the full bounded history of every track
// would make snapshots larger than the messages they summarise. Everything else in the
// Picture (drop state, every source's sequence accounting, national alert notices) is kept
// whole, so a picture restored from a snapshot and then fed the following messages shows the
// same tracks, states and source health as one built from the start; only trails reach less
// far back (see docs/session-format.md).
struct PictureSnapshotOptions
{
    std::size_t maxStatesPerTrack = 64;
    std::size_t maxStatesPerSensor = 4;
    // Budget of track states over the whole snapshot: with very many tracks each keeps fewer
    // (never less than its newest), so a snapshot stays a few megabytes at most.
    std::size_t maxTrackStatesTotal = 16'384;
};

// Serialises a Picture into a compact, versioned little-endian binary (layout in
// docs/session-format.md), and restores one. Pure core: no wire format, no SQLite.
class PictureSnapshot
{
public:
    static std::string encode(const Picture &picture, const PictureSnapshotOptions &options = {});
    // Replaces picture's content with the snapshot. False with a message (and an empty
    // picture) if the data is truncated, corrupt or of a newer version.
    static bool decode(std::string_view data, Picture &picture, std::string *error = nullptr);
};

} // namespace cop
