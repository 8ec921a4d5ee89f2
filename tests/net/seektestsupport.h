// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A recorded session with snapshots, and comparisons of pictures field by field: shared by
// the seek tests and the range export tests.
#include "core/picture.h"
#include "core/sessionreader.h"
#include "wiretestdata.h"

#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace cop::net::seektest {

constexpr TimeUs kEpochUs = test::kTestEpochUs;
constexpr TimeUs kSessionUs = 90 * kMicrosPerSecond;
constexpr TimeUs kRestartUs = 47 * kMicrosPerSecond + 300'000; // JP's publisher restarts here

// A session of three sources over 90 s: tracks that start, fly at 4 Hz and are dropped; sensor
// status, heartbeats, a national alert notice, a lost stretch (a sequence gap) and, at
// kRestartUs, JP's publisher restarting its sequence from 1. Snapshots every
// snapshotIntervalUs (0: none), each keeping 16 states per track.
std::string recordSession(const QTemporaryDir &dir, const std::string &name,
                          TimeUs snapshotIntervalUs, std::int64_t *snapshots = nullptr);
// The reference: every message from the start up to timeUs, then pruned as a rebuild is.
void buildFromStart(SessionReader &reader, TimeUs timeUs, Picture &picture);
void expectSamePosition(const GeoPosition &a, const GeoPosition &b);
void expectSameState(const TrackUpdate &a, const TrackUpdate &b);
void expectSameSource(const SourceRecord &a, const SourceRecord &b);
// Every field of the two pictures as of timeUs. The rebuilt picture's histories may be shorter
// (a snapshot keeps a tail), so each must be a tail of the reference's, at least tailStates
// long before the snapshot.
void expectSamePicture(const Picture &reference, const Picture &rebuilt, TimeUs timeUs,
                       std::size_t tailStates);
std::vector<TimeUs> snapshotTimes(const std::string &path);

} // namespace cop::net::seektest
