// SPDX-License-Identifier: GPL-3.0-or-later
#include "sessionreader.h"

#include "sessionformat.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <array>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>

#include <stdlib.h>
#include <unistd.h>

namespace cop {

namespace {

std::uint32_t bigEndian32(const unsigned char *bytes)
{
    return (std::uint32_t(bytes[0]) << 24) | (std::uint32_t(bytes[1]) << 16)
        | (std::uint32_t(bytes[2]) << 8) | std::uint32_t(bytes[3]);
}

bool isDamage(int rc)
{
    const int primary = rc & 0xff;
    return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB || primary == SQLITE_IOERR
        || primary == SQLITE_FORMAT;
}

// A private copy of a truncated file, padded with zeros to the size its header states.
std::string makePaddedCopy(const std::string &path, std::int64_t missingBytes, std::string *error)
{
    std::error_code ec;
    std::string pattern
        = (std::filesystem::temp_directory_path(ec) / "cop-session-XXXXXX").string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) {
        *error = "no temporary file";
        return {};
    }
    ::close(fd);
    std::filesystem::copy_file(path, pattern, std::filesystem::copy_options::overwrite_existing,
                               ec);
    if (!ec)
        std::filesystem::resize_file(pattern, std::filesystem::file_size(pattern) + missingBytes,
                                     ec);
    if (ec) {
        *error = ec.message();
        std::filesystem::remove(pattern, ec);
        return {};
    }
    return pattern;
}

} // namespace

std::string checkSessionFileHeader(const std::string &path, std::int64_t *missingBytes)
{
    if (missingBytes)
        *missingBytes = 0;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return std::filesystem::exists(path, ec) ? "'" + path + "' is not a file"
                                                 : "'" + path + "' does not exist";
    const auto size = static_cast<std::int64_t>(std::filesystem::file_size(path, ec));
    // A crash before the first checkpoint may leave everything in the write-ahead log.
    const bool hasWal = std::filesystem::exists(path + "-wal", ec);
    if (size == 0)
        return hasWal ? std::string() : "'" + path + "' is empty: not a session file";

    std::array<unsigned char, 100> header {};
    std::ifstream in(path, std::ios::binary);
    in.read(reinterpret_cast<char *>(header.data()), header.size());
    const auto got = in.gcount();
    static constexpr char kMagic[] = "SQLite format 3"; // and its terminating NUL: 16 bytes
    if (got < 16 || std::memcmp(header.data(), kMagic, sizeof kMagic) != 0)
        return "'" + path + "' is not a session file (not an SQLite database)";
    if (got < static_cast<std::streamsize>(header.size()))
        return "'" + path + "' is truncated: " + std::to_string(got)
            + " bytes, not even the 100-byte database header";

    // Page size 1 means 65536 (SQLite file format, section 1.3.2).
    std::uint32_t pageSize = (std::uint32_t(header[16]) << 8) | header[17];
    if (pageSize == 1)
        pageSize = 65536;
    if (pageSize < 512 || (pageSize & (pageSize - 1)) != 0)
        return "'" + path + "' is not a session file (its SQLite header is damaged)";
    const std::uint32_t changeCounter = bigEndian32(&header[24]);
    const std::uint32_t pageCount = bigEndian32(&header[28]);
    const std::uint32_t validFor = bigEndian32(&header[92]);
    // The stated page count is trustworthy only when it was written with the change counter,
    // and only without a write-ahead log: a recorder killed in the middle of a checkpoint
    // leaves a file shorter than its new header states while the log still holds every page,
    // and SQLite reads them from there.
    const bool walHoldsPages = hasWal && std::filesystem::file_size(path + "-wal", ec) > 0 && !ec;
    if (validFor == changeCounter && pageCount > 0 && missingBytes && !walHoldsPages) {
        const std::int64_t statedBytes = std::int64_t(pageCount) * pageSize;
        if (statedBytes > size)
            *missingBytes = statedBytes - size;
    }
    return {};
}

bool SessionReader::open(const std::string &path, std::string *error)
{
    close();
    const auto fail = [&](const std::string &why) {
        if (error)
            *error = why;
        close();
        return false;
    };
    std::int64_t missingBytes = 0;
    if (std::string why = checkSessionFileHeader(path, &missingBytes); !why.empty())
        return fail(why);
    std::string openPath = path;
    if (missingBytes > 0) {
        // SQLite refuses a file shorter than its header says outright. A copy padded back to
        // the stated size opens, and reads up to the first page that was cut off.
        std::string why;
        openPath = makePaddedCopy(path, missingBytes, &why);
        if (openPath.empty())
            return fail("'" + path + "' is truncated and cannot be repaired for reading: " + why);
        m_repairedCopy = openPath;
        m_warnings.push_back(
            "the file is truncated (" + std::to_string(missingBytes)
            + " bytes missing at the end): messages from the missing part are lost");
    }

    // Read-write if allowed, so that a session left by a crash gets its write-ahead log
    // recovered; read-only otherwise. Nothing is ever written.
    sqlite3 *db = nullptr;
    int rc = sqlite3_open_v2(openPath.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                             nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_close_v2(db);
        db = nullptr;
        rc = sqlite3_open_v2(openPath.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                             nullptr);
    }
    m_db.reset(db);
    if (rc != SQLITE_OK)
        return fail("cannot open '" + path + "': " + sqlite::lastError(db));

    sqlite::Statement identity(m_db.get(),
                               "SELECT * FROM pragma_application_id, pragma_user_version");
    if (!identity.isValid() || identity.step() != SQLITE_ROW) {
        const int code = sqlite3_errcode(m_db.get());
        if (code == SQLITE_NOTADB)
            return fail("'" + path + "' is not a session file (not an SQLite database)");
        return fail("'" + path + "' is damaged beyond reading: " + sqlite::lastError(m_db.get()));
    }
    const auto applicationId = static_cast<std::int32_t>(identity.columnInt64(0));
    m_info.formatVersion = static_cast<int>(identity.columnInt64(1));
    if (applicationId != kSessionApplicationId)
        return fail("'" + path
                    + "' is an SQLite database of another application, not a COP session");
    if (m_info.formatVersion > kSessionFormatVersion)
        return fail("'" + path + "' was written by a newer COP Viewer (session format "
                    + std::to_string(m_info.formatVersion) + "; this one reads up to "
                    + std::to_string(kSessionFormatVersion) + ")");

    std::string why;
    if (!readInfo(&why))
        return fail("'" + path + "' is damaged beyond reading: " + why);
    return true;
}

void SessionReader::close()
{
    m_readAfter = {};
    m_snapshotAt = {};
    m_db.reset();
    m_info = {};
    m_warnings.clear();
    if (!m_repairedCopy.empty()) {
        std::error_code ec;
        std::filesystem::remove(m_repairedCopy, ec);
        m_repairedCopy.clear();
    }
}

bool SessionReader::readInfo(std::string *error)
{
    sqlite3 *db = m_db.get();
    // The messages are what matter; the rest is helpful but a damaged part is only a warning.
    m_readAfter = sqlite::Statement(
        db,
        "SELECT id, receive_time_us, source_time_us, kind, nation, source_id, sequence, topic,"
        " payload FROM messages WHERE receive_time_us >= ?1 AND receive_time_us < ?3"
        " AND (receive_time_us > ?1 OR id > ?2) ORDER BY receive_time_us, id LIMIT ?4");
    if (!m_readAfter.isValid()) {
        *error = "no messages table: " + sqlite::lastError(db);
        return false;
    }

    sqlite::Statement metadata(db, "SELECT key, value FROM metadata");
    if (metadata.isValid()) {
        int rc = SQLITE_ROW;
        while ((rc = metadata.step()) == SQLITE_ROW)
            m_info.metadata.emplace(metadata.columnText(0), metadata.columnText(1));
        if (rc != SQLITE_DONE)
            m_warnings.push_back("the metadata table is damaged: " + sqlite::lastError(db));
    } else {
        m_warnings.push_back("the metadata table is missing: " + sqlite::lastError(db));
    }
    const auto found = m_info.metadata.find(sessionkey::kClosedCleanly);
    m_info.closedCleanly = found != m_info.metadata.end() && found->second == "1";

    sqlite::Statement range(db, "SELECT min(receive_time_us), max(receive_time_us) FROM messages");
    if (range.isValid() && range.step() == SQLITE_ROW) {
        if (!range.columnIsNull(0)) {
            m_info.firstReceiveTimeUs = range.columnInt64(0);
            m_info.lastReceiveTimeUs = range.columnInt64(1);
        }
    } else {
        m_warnings.push_back("the time index is damaged: " + sqlite::lastError(db));
    }

    sqlite::Statement sources(
        db,
        "SELECT source_id, nation, first_receive_time_us,"
        " last_receive_time_us, message_count FROM sources ORDER BY source_id");
    if (sources.isValid()) {
        int rc = SQLITE_ROW;
        while ((rc = sources.step()) == SQLITE_ROW) {
            SessionSource source;
            source.sourceId = sources.columnText(0);
            source.nation = sources.columnText(1);
            source.firstReceiveTimeUs = sources.columnInt64(2);
            source.lastReceiveTimeUs = sources.columnInt64(3);
            source.messageCount = sources.columnInt64(4);
            m_info.messageCount += source.messageCount;
            m_info.sources.push_back(std::move(source));
        }
        if (rc != SQLITE_DONE)
            m_warnings.push_back("the sources table is damaged: " + sqlite::lastError(db));
    }
    return true;
}

std::vector<SessionEvent> SessionReader::readEvents(std::size_t maxEvents)
{
    std::vector<SessionEvent> events;
    if (!m_db)
        return events;
    sqlite::Statement query(
        m_db.get(),
        "SELECT 0, time_us, severity, detail FROM alert_events WHERE event = 'raise'"
        " UNION ALL SELECT 2, time_us, severity, detail FROM alert_events WHERE event = 'clear'"
        " AND detail LIKE '%\"ending\":\"impact\"%'"
        " UNION ALL SELECT 1, coalesce(playhead_time_us, time_us), '', coalesce(note, '')"
        " FROM operator_actions WHERE action = 'bookmark' ORDER BY 2 LIMIT ?1");
    if (!query.isValid())
        return events;
    query.bindInt64(1, static_cast<std::int64_t>(std::min<std::size_t>(maxEvents, 1'000'000)));
    // Every alert about one missile ends at its impact: one impact event per few seconds.
    constexpr TimeUs kSameImpactUs = 5 * kMicrosPerSecond;
    TimeUs lastImpactUs = kTimeUnset;
    while (query.step() == SQLITE_ROW) {
        const std::int64_t kind = query.columnInt64(0);
        const TimeUs timeUs = query.columnInt64(1);
        if (kind == 2) {
            if (lastImpactUs != kTimeUnset && timeUs - lastImpactUs < kSameImpactUs)
                continue;
            lastImpactUs = timeUs;
        }
        SessionEvent &event = events.emplace_back();
        event.kind = kind == 0 ? SessionEvent::Kind::Alert
            : kind == 2        ? SessionEvent::Kind::Impact
                               : SessionEvent::Kind::Bookmark;
        event.timeUs = timeUs;
        event.severity = query.columnText(2);
        if (event.kind != SessionEvent::Kind::Bookmark) {
            // The alert's own line, from the JSON the recorder kept.
            const std::string_view detail = query.columnText(3);
            const QJsonObject alert
                = QJsonDocument::fromJson(QByteArray(detail.data(), qsizetype(detail.size())))
                      .object();
            event.text = alert.value(QStringLiteral("text")).toString().toStdString();
            event.alertKind = alert.value(QStringLiteral("kind")).toString().toStdString();
            if (event.kind == SessionEvent::Kind::Impact)
                event.text = "impact: " + event.text;
        } else {
            event.text = query.columnText(3);
        }
    }
    return events;
}

bool SessionReader::readSnapshotAtOrBefore(TimeUs timeUs, StoredSnapshot &snapshot)
{
    if (!m_db)
        return false;
    if (!m_snapshotAt.isValid()) {
        m_snapshotAt = sqlite::Statement(m_db.get(),
                                         "SELECT time_us, last_message_id, format, data FROM snapshots"
                                         " WHERE time_us <= ?1 ORDER BY time_us DESC, id DESC LIMIT 1");
        if (!m_snapshotAt.isValid())
            return false; // no such table: a file of another build; seek from the start
    }
    m_snapshotAt.bindInt64(1, timeUs);
    bool found = false;
    if (m_snapshotAt.step() == SQLITE_ROW) {
        snapshot.timeUs = m_snapshotAt.columnInt64(0);
        snapshot.lastMessageId = m_snapshotAt.columnInt64(1);
        snapshot.format = m_snapshotAt.columnText(2);
        snapshot.data = m_snapshotAt.columnBlob(3);
        found = true;
    }
    m_snapshotAt.reset();
    return found;
}

std::int64_t SessionReader::snapshotCount()
{
    if (!m_db)
        return 0;
    sqlite::Statement count(m_db.get(), "SELECT count(*) FROM snapshots");
    return count.isValid() && count.step() == SQLITE_ROW ? count.columnInt64(0) : 0;
}

namespace {

// Steps a bound query to its end, visiting each row; false with SQLite's message otherwise.
bool visitRows(sqlite3 *db, sqlite::Statement &query, const std::function<void()> &visitRow,
               std::string *error)
{
    if (!query.isValid()) {
        if (error)
            *error = sqlite::lastError(db);
        return false;
    }
    int rc = SQLITE_ROW;
    while ((rc = query.step()) == SQLITE_ROW)
        visitRow();
    if (rc != SQLITE_DONE) {
        if (error)
            *error = sqlite::lastError(db);
        return false;
    }
    return true;
}

} // namespace

bool SessionReader::readAlertRecords(TimeUs fromUs, TimeUs toUs,
                                     const std::function<void(const AlertRecord &)> &visit,
                                     std::string *error)
{
    if (!m_db) {
        if (error)
            *error = "no session open";
        return false;
    }
    sqlite::Statement query(m_db.get(),
                            "SELECT time_us, alert_id, event, severity, detail FROM alert_events"
                            " WHERE time_us >= ?1 AND time_us <= ?2 ORDER BY time_us, id");
    query.bindInt64(1, fromUs);
    query.bindInt64(2, toUs);
    AlertRecord record;
    return visitRows(m_db.get(), query, [&] {
        record.timeUs = query.columnInt64(0);
        record.alertId = query.columnText(1);
        record.event = query.columnText(2);
        record.severity = query.columnText(3);
        record.detailJson = query.columnText(4);
        visit(record);
    }, error);
}

bool SessionReader::readOperatorActions(TimeUs fromUs, TimeUs toUs,
                                        const std::function<void(const OperatorAction &)> &visit,
                                        std::string *error)
{
    if (!m_db) {
        if (error)
            *error = "no session open";
        return false;
    }
    sqlite::Statement query(
        m_db.get(),
        "SELECT time_us, playhead_time_us, action, operator, alert_id, note FROM operator_actions"
        " WHERE coalesce(playhead_time_us, time_us) BETWEEN ?1 AND ?2"
        " ORDER BY coalesce(playhead_time_us, time_us), id");
    query.bindInt64(1, fromUs);
    query.bindInt64(2, toUs);
    OperatorAction action;
    return visitRows(m_db.get(), query, [&] {
        action.timeUs = query.columnInt64(0);
        action.playheadTimeUs = query.columnIsNull(1) ? kTimeUnset : query.columnInt64(1);
        action.action = query.columnText(2);
        action.operatorName = query.columnText(3);
        action.alertId = query.columnText(4);
        action.note = query.columnText(5);
        visit(action);
    }, error);
}

bool SessionReader::readSnapshots(TimeUs fromUs, TimeUs toUs,
                                  const std::function<void(const StoredSnapshot &)> &visit,
                                  std::string *error)
{
    if (!m_db) {
        if (error)
            *error = "no session open";
        return false;
    }
    sqlite::Statement query(m_db.get(),
                            "SELECT time_us, last_message_id, format, data FROM snapshots"
                            " WHERE time_us >= ?1 AND time_us <= ?2 ORDER BY time_us, id");
    query.bindInt64(1, fromUs);
    query.bindInt64(2, toUs);
    StoredSnapshot snapshot;
    return visitRows(m_db.get(), query, [&] {
        snapshot.timeUs = query.columnInt64(0);
        snapshot.lastMessageId = query.columnInt64(1);
        snapshot.format = query.columnText(2);
        snapshot.data = query.columnBlob(3);
        visit(snapshot);
    }, error);
}

SessionReadResult SessionReader::read(SessionPosition after, TimeUs endUs, std::size_t maxMessages,
                                      const std::function<void(const StoredMessage &)> &visit)
{
    SessionReadResult result;
    result.last = after;
    if (!m_db) {
        result.error = "no session open";
        return result;
    }
    sqlite::Statement &query = m_readAfter;
    query.bindInt64(1, after.receiveTimeUs);
    query.bindInt64(2, after.id);
    query.bindInt64(3, endUs);
    query.bindInt64(4,
                    maxMessages > std::size_t(std::numeric_limits<std::int64_t>::max())
                        ? std::numeric_limits<std::int64_t>::max()
                        : static_cast<std::int64_t>(maxMessages));
    StoredMessage message;
    int rc = SQLITE_ROW;
    while ((rc = query.step()) == SQLITE_ROW) {
        message.id = query.columnInt64(0);
        message.receiveTimeUs = query.columnInt64(1);
        message.sourceTimeUs = query.columnInt64(2);
        message.kind = query.columnText(3);
        message.nation = query.columnText(4);
        message.sourceId = query.columnText(5);
        message.sequence = query.columnInt64(6);
        message.topic = query.columnText(7);
        message.payload = query.columnBlob(8);
        visit(message);
        ++result.count;
        result.last = {message.receiveTimeUs, message.id};
    }
    if (rc != SQLITE_DONE) {
        result.damaged = isDamage(rc);
        result.error = "the session file is damaged after " + std::to_string(result.count)
            + " messages of this read: " + sqlite::lastError(m_db.get());
    }
    query.reset();
    return result;
}

} // namespace cop
