// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>

namespace cop {

// The session file: one SQLite database per recorded session, laid out so that an analyst can
// read it with the sqlite3 command line (docs/session-format.md describes every table).

// PRAGMA application_id of every session file: "COPS" in ASCII. Tells a session from any
// other SQLite database before a table is read.
inline constexpr std::int32_t kSessionApplicationId = 0x434F5053;
// PRAGMA user_version: the schema version this build writes and the newest it reads.
// 2: the snapshots table is written (version 1 files have it empty and still open).
inline constexpr int kSessionFormatVersion = 2;
inline constexpr const char *kSessionFileSuffix = ".copsession";

// Keys of the metadata table.
namespace sessionkey {
inline constexpr const char *kFormat = "format"; // always "cop-session"
inline constexpr const char *kFormatVersion = "format_version";
inline constexpr const char *kApplication = "application";
inline constexpr const char *kApplicationVersion = "application_version";
inline constexpr const char *kCreatedUtc = "created_utc";
inline constexpr const char *kStartTimeUs = "start_time_us"; // first receive time
inline constexpr const char *kEndTimeUs = "end_time_us"; // last receive time so far
inline constexpr const char *kScenario = "scenario";
inline constexpr const char *kClosedCleanly = "closed_cleanly"; // "1" once closed
inline constexpr const char *kPart = "part"; // 1, 2... of a rotated session
inline constexpr const char *kContinuesFrom = "continues_from"; // file name of the part before
// A range exported from another session: its file name and the receive-time range cut.
inline constexpr const char *kExportedFrom = "exported_from";
inline constexpr const char *kExportedRangeStartUs = "exported_range_start_us";
inline constexpr const char *kExportedRangeEndUs = "exported_range_end_us";
} // namespace sessionkey
inline constexpr const char *kSessionFormatName = "cop-session";

// Sets the connection up for recording: WAL, synchronous=NORMAL (a commit survives a crash of
// the process; only a power cut may lose the last commits), then creates every table and index
// if missing and stamps application_id and user_version. False with SQLite's message.
bool initialiseSessionSchema(sqlite3 *db, std::string *error);

} // namespace cop
