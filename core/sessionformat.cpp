// SPDX-License-Identifier: GPL-3.0-or-later
#include "sessionformat.h"

#include "sqlite.h"

#include <string>

namespace cop {

namespace {

// Times are integers, microseconds since the Unix epoch, UTC, like the rest of the code base;
// the *_readable views show them as ISO 8601 for people.
constexpr const char *kSchemaSql = R"sql(
CREATE TABLE IF NOT EXISTS metadata (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS messages (
    id              INTEGER PRIMARY KEY,  -- order of arrival
    receive_time_us INTEGER NOT NULL,     -- stamped by the recording console
    source_time_us  INTEGER NOT NULL,     -- stamped by the source
    kind            TEXT NOT NULL,        -- track, drop, sensor, heartbeat, alert
    nation          TEXT NOT NULL,        -- JP, US, KR
    source_id       TEXT NOT NULL,
    sequence        INTEGER NOT NULL,     -- per source, +1 per message
    topic           TEXT NOT NULL,        -- the wire topic frame, as received
    payload         BLOB NOT NULL         -- the wire payload frame (protobuf), as received
);
CREATE INDEX IF NOT EXISTS messages_by_receive_time ON messages (receive_time_us);
CREATE INDEX IF NOT EXISTS messages_by_source_time ON messages (source_time_us);

CREATE TABLE IF NOT EXISTS sources (
    source_id             TEXT PRIMARY KEY,
    nation                TEXT NOT NULL,
    first_receive_time_us INTEGER NOT NULL,
    last_receive_time_us  INTEGER NOT NULL,
    message_count         INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS alert_events (
    id       INTEGER PRIMARY KEY,
    time_us  INTEGER NOT NULL,  -- receive-time clock of the alert engine
    alert_id TEXT NOT NULL,
    event    TEXT NOT NULL,     -- raised, updated, cleared, ...
    severity TEXT NOT NULL,
    detail   TEXT NOT NULL      -- the whole alert as JSON (the same object cop-monitor prints)
);
CREATE INDEX IF NOT EXISTS alert_events_by_time ON alert_events (time_us);

CREATE TABLE IF NOT EXISTS operator_actions (
    id               INTEGER PRIMARY KEY,
    time_us          INTEGER NOT NULL,  -- when the operator acted, receive-time clock
    playhead_time_us INTEGER,           -- the moment the operator was looking at
    action           TEXT NOT NULL,     -- acknowledge, bookmark
    operator         TEXT NOT NULL,
    alert_id         TEXT,              -- for acknowledge
    note             TEXT               -- for bookmark
);
CREATE INDEX IF NOT EXISTS operator_actions_by_time ON operator_actions (time_us);

CREATE TABLE IF NOT EXISTS snapshots (
    id              INTEGER PRIMARY KEY,
    time_us         INTEGER NOT NULL,   -- receive time the picture is as of
    last_message_id INTEGER NOT NULL,   -- messages.id applied last
    format          TEXT NOT NULL,
    data            BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS snapshots_by_time ON snapshots (time_us);

CREATE VIEW IF NOT EXISTS messages_readable AS
SELECT id,
       strftime('%Y-%m-%dT%H:%M:%fZ', receive_time_us / 1e6, 'unixepoch') AS received_utc,
       strftime('%Y-%m-%dT%H:%M:%fZ', source_time_us / 1e6, 'unixepoch') AS source_utc,
       (receive_time_us - source_time_us) / 1000.0 AS latency_ms,
       kind, nation, source_id, sequence, length(payload) AS payload_bytes
FROM messages;
)sql";

} // namespace

bool initialiseSessionSchema(sqlite3 *db, std::string *error)
{
    // journal_mode returns a row; exec ignores it. WAL must be set outside a transaction.
    if (!sqlite::execute(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", error))
        return false;
    const std::string stamp = "PRAGMA application_id=" + std::to_string(kSessionApplicationId)
        + "; PRAGMA user_version=" + std::to_string(kSessionFormatVersion) + ";";
    return sqlite::execute(db, "BEGIN", error) && sqlite::execute(db, kSchemaSql, error)
        && sqlite::execute(db, stamp.c_str(), error) && sqlite::execute(db, "COMMIT", error);
}

} // namespace cop
