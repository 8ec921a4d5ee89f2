// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain.h"
#include "sessionrecords.h"
#include "sqlite.h"
#include "timeus.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace cop {

struct SessionSource
{
    std::string sourceId;
    std::string nation; // code as stored: JP, US, KR
    TimeUs firstReceiveTimeUs = kTimeUnset;
    TimeUs lastReceiveTimeUs = kTimeUnset;
    std::int64_t messageCount = 0;
};

// What a session holds, read when it is opened.
struct SessionInfo
{
    std::map<std::string, std::string> metadata;
    int formatVersion = 0;
    TimeUs firstReceiveTimeUs = kTimeUnset; // of the messages actually present
    TimeUs lastReceiveTimeUs = kTimeUnset;
    std::int64_t messageCount = 0; // from the sources table (counting rows is O(n))
    std::vector<SessionSource> sources;
    bool closedCleanly = false; // false after a crash or while still recording
};

// Something an analyst jumps to: an alert raised, or an operator's bookmark.
struct SessionEvent
{
    // Alert: an alert raised (alertKind says which, e.g. "launch-detected"); Impact: an alert
    // that ended because its missile came down (one per moment, however many alerts ended).
    enum class Kind : std::uint8_t { Alert, Bookmark, Impact };
    Kind kind = Kind::Alert;
    TimeUs timeUs = kTimeUnset;
    std::string severity; // alerts: info, advisory, warning, critical
    std::string alertKind; // alerts and impacts: the alert's kind code
    std::string text; // the alert's one line, or the bookmark's note
};

// One stored message as its raw row. The views are valid only during the visit.
struct StoredMessage
{
    std::int64_t id = 0;
    TimeUs receiveTimeUs = kTimeUnset;
    TimeUs sourceTimeUs = kTimeUnset;
    std::string_view kind;
    std::string_view nation;
    std::string_view sourceId;
    std::int64_t sequence = 0;
    std::string_view topic;
    std::string_view payload;
};

// Where a sequential read stands: after this message, in (receive time, id) order.
struct SessionPosition
{
    TimeUs receiveTimeUs = kTimeUnset;
    std::int64_t id = 0;
};

// A picture snapshot as stored: the picture after the message (timeUs, lastMessageId) in
// replay order. Decoded by PictureSnapshot when format is kPictureSnapshotFormat.
struct StoredSnapshot
{
    TimeUs timeUs = kTimeUnset;
    std::int64_t lastMessageId = 0;
    std::string format;
    std::string data;
    SessionPosition position() const { return {timeUs, lastMessageId}; }
};

struct SessionReadResult
{
    std::size_t count = 0;
    SessionPosition last; // of the last message visited; unchanged if none
    bool damaged = false; // the file stopped making sense part way: error says where
    std::string error;
};

// Reads a session file: raw rows only (the network layer decodes payloads), so core stays free
// of the wire format. Never crashes on a bad file: a missing, foreign, newer or damaged file
// gives a clear message; a partly damaged one opens with warnings and reads what it can.
// Memory stays bounded: messages are read in windows, never all at once.
class SessionReader
{
public:
    SessionReader() = default;
    SessionReader(const SessionReader &) = delete;
    SessionReader &operator=(const SessionReader &) = delete;

    bool open(const std::string &path, std::string *error = nullptr);
    void close();
    bool isOpen() const { return m_db != nullptr; }

    const SessionInfo &info() const { return m_info; }
    // Problems found that did not stop the file from opening (truncated, damaged).
    const std::vector<std::string> &warnings() const { return m_warnings; }

    // Alerts raised, impacts and bookmarks, in time order, at most maxEvents. A damaged or missing
    // table gives what could be read.
    std::vector<SessionEvent> readEvents(std::size_t maxEvents = 10'000);

    // Visits, in (receive time, id) order, up to maxMessages messages after `after` whose
    // receive time is before endUs. Reading stops early, with damaged set, where the file is
    // damaged; what was visited until then stays good.
    SessionReadResult read(SessionPosition after, TimeUs endUs, std::size_t maxMessages,
                           const std::function<void(const StoredMessage &)> &visit);

    // The newest snapshot as of timeUs or earlier. False if there is none: a version 1 file,
    // a time before the first snapshot, or a damaged snapshots table (replay from the start).
    bool readSnapshotAtOrBefore(TimeUs timeUs, StoredSnapshot &snapshot);
    std::int64_t snapshotCount();

    // The rows beside the messages whose time is in [fromUs, toUs], in time order (then id),
    // one at a time so memory stays bounded. False with SQLite's message if the table is
    // missing or damaged; what was visited until then stays good.
    // Alert events by their time; operator actions by the moment they concern (the playhead
    // they were made at, or their time when made live); snapshots by the time they are as of.
    bool readAlertRecords(TimeUs fromUs, TimeUs toUs,
                          const std::function<void(const AlertRecord &)> &visit,
                          std::string *error = nullptr);
    bool readOperatorActions(TimeUs fromUs, TimeUs toUs,
                             const std::function<void(const OperatorAction &)> &visit,
                             std::string *error = nullptr);
    bool readSnapshots(TimeUs fromUs, TimeUs toUs,
                       const std::function<void(const StoredSnapshot &)> &visit,
                       std::string *error = nullptr);

private:
    bool readInfo(std::string *error);

    sqlite::Database m_db;
    sqlite::Statement m_readAfter;
    sqlite::Statement m_snapshotAt;
    std::string m_repairedCopy; // a truncated file is read from a padded copy, deleted on close
    SessionInfo m_info;
    std::vector<std::string> m_warnings;
};

// Why a file is not a readable session, from its first bytes alone, or empty if it may be one.
// Also notes in truncatedBytes how many bytes short of its own stated size the file is.
std::string checkSessionFileHeader(const std::string &path, std::int64_t *missingBytes);

} // namespace cop
