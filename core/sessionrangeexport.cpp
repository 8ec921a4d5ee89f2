// SPDX-License-Identifier: GPL-3.0-or-later
#include "sessionrangeexport.h"

#include "sessionformat.h"
#include "sqlite.h"

#include <QDateTime>

#include <filesystem>
#include <limits>
#include <map>

namespace cop {

namespace {

struct SourceCount
{
    std::string nation;
    TimeUs firstReceiveTimeUs = kTimeUnset;
    TimeUs lastReceiveTimeUs = kTimeUnset;
    std::int64_t messageCount = 0;
};

// The new file's connection and statements; removes the unfinished file unless committed.
class RangeFile
{
public:
    explicit RangeFile(std::string path)
        : m_path(std::move(path))
    { }
    ~RangeFile()
    {
        close();
        if (!m_kept)
            removeFiles();
    }

    bool open(std::string *error)
    {
        removeFiles(); // left by an export that was killed
        sqlite3 *db = nullptr;
        const int rc = sqlite3_open_v2(
            m_path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
            nullptr);
        m_db.reset(db);
        if (rc != SQLITE_OK) {
            *error = "cannot create '" + m_path + "': " + sqlite::lastError(db);
            return false;
        }
        std::string why;
        if (!initialiseSessionSchema(db, &why)) {
            *error = "cannot create '" + m_path + "': " + why;
            return false;
        }
        insertMessage = sqlite::Statement(
            db,
            "INSERT INTO messages (id, receive_time_us, source_time_us, kind, nation, source_id,"
            " sequence, topic, payload) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
        insertAlert = sqlite::Statement(
            db,
            "INSERT INTO alert_events (time_us, alert_id, event, severity, detail)"
            " VALUES (?1, ?2, ?3, ?4, ?5)");
        insertAction = sqlite::Statement(
            db,
            "INSERT INTO operator_actions (time_us, playhead_time_us, action, operator, alert_id,"
            " note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        insertSnapshot
            = sqlite::Statement(db,
                                "INSERT INTO snapshots (time_us, last_message_id, format, data)"
                                " VALUES (?1, ?2, ?3, ?4)");
        insertSource = sqlite::Statement(
            db,
            "INSERT INTO sources (source_id, nation, first_receive_time_us, last_receive_time_us,"
            " message_count) VALUES (?1, ?2, ?3, ?4, ?5)");
        setMetadata
            = sqlite::Statement(db, "INSERT OR REPLACE INTO metadata (key, value) VALUES (?1, ?2)");
        if (!insertMessage.isValid() || !insertAlert.isValid() || !insertAction.isValid()
            || !insertSnapshot.isValid() || !insertSource.isValid() || !setMetadata.isValid()) {
            *error = "cannot write '" + m_path + "': " + sqlite::lastError(db);
            return false;
        }
        return sqlite::execute(db, "BEGIN", error);
    }

    bool metadata(const char *key, const std::string &value)
    {
        setMetadata.bindText(1, key);
        setMetadata.bindText(2, value);
        return setMetadata.execute();
    }

    // Commits and folds the write-ahead log back, so the result is one self-contained file.
    bool commit(std::string *error)
    {
        if (!sqlite::execute(m_db.get(), "COMMIT", error))
            return false;
        sqlite::execute(m_db.get(), "PRAGMA wal_checkpoint(TRUNCATE)");
        close();
        return true;
    }

    void keep() { m_kept = true; }
    sqlite3 *db() const { return m_db.get(); }
    std::string lastError() const { return sqlite::lastError(m_db.get()); }

    sqlite::Statement insertMessage;
    sqlite::Statement insertAlert;
    sqlite::Statement insertAction;
    sqlite::Statement insertSnapshot;
    sqlite::Statement insertSource;
    sqlite::Statement setMetadata;

private:
    void close()
    {
        insertMessage = {};
        insertAlert = {};
        insertAction = {};
        insertSnapshot = {};
        insertSource = {};
        setMetadata = {};
        m_db.reset();
    }
    void removeFiles()
    {
        std::error_code ec;
        for (const char *suffix : {"", "-wal", "-shm", "-journal"})
            std::filesystem::remove(m_path + suffix, ec);
    }

    std::string m_path;
    sqlite::Database m_db;
    bool m_kept = false;
};

} // namespace

SessionRangeExportResult exportSessionRange(SessionReader &source,
                                            const SessionRangeExportRequest &request)
{
    SessionRangeExportResult result;
    const auto fail = [&](const std::string &why) {
        result.ok = false;
        result.error = why;
        return result;
    };
    if (!source.isOpen())
        return fail("no session open");
    if (request.fromUs == kTimeUnset || request.toUs == kTimeUnset || request.fromUs > request.toUs)
        return fail("the range must start before it ends");
    if (request.outputPath.empty())
        return fail("no output file given");
    std::error_code ec;
    if (std::filesystem::exists(request.outputPath, ec) && !request.replaceExisting)
        return fail("'" + request.outputPath + "' already exists; choose another file name");

    if (std::filesystem::exists(request.outputPath, ec)
        && std::filesystem::equivalent(request.outputPath, request.sourcePath, ec))
        return fail("the export cannot replace the session it is cut from");

    RangeFile file(request.outputPath + ".exporting");
    std::string why;
    if (!file.open(&why))
        return fail(why);

    // Messages of the range with their own ids: a copied snapshot's last_message_id stays right.
    std::map<std::string, SourceCount> sources;
    TimeUs firstUs = kTimeUnset;
    TimeUs lastUs = kTimeUnset;
    bool writeFailed = false;
    // Just before fromUs in (receive time, id) order: every message received at fromUs follows.
    SessionPosition position {request.fromUs - 1, std::numeric_limits<std::int64_t>::max()};
    constexpr std::size_t kWindow = 8'192;
    const TimeUs endUs
        = request.toUs == std::numeric_limits<TimeUs>::max() ? request.toUs : request.toUs + 1;
    for (;;) {
        const SessionReadResult read
            = source.read(position, endUs, kWindow, [&](const StoredMessage &message) {
                  if (writeFailed)
                      return;
                  sqlite::Statement &insert = file.insertMessage;
                  insert.bindInt64(1, message.id);
                  insert.bindInt64(2, message.receiveTimeUs);
                  insert.bindInt64(3, message.sourceTimeUs);
                  insert.bindText(4, message.kind);
                  insert.bindText(5, message.nation);
                  insert.bindText(6, message.sourceId);
                  insert.bindInt64(7, message.sequence);
                  insert.bindText(8, message.topic);
                  insert.bindBlob(9, message.payload);
                  if (!insert.execute()) {
                      writeFailed = true;
                      return;
                  }
                  SourceCount &count = sources[std::string(message.sourceId)];
                  if (count.messageCount == 0) {
                      count.nation = message.nation;
                      count.firstReceiveTimeUs = message.receiveTimeUs;
                  }
                  count.lastReceiveTimeUs = message.receiveTimeUs;
                  ++count.messageCount;
                  if (firstUs == kTimeUnset)
                      firstUs = message.receiveTimeUs;
                  lastUs = message.receiveTimeUs;
                  ++result.messages;
              });
        if (writeFailed)
            return fail("cannot write '" + request.outputPath + "': " + file.lastError());
        if (!read.error.empty())
            return fail("cannot read the session: " + read.error);
        position = read.last;
        if (read.count < kWindow)
            break;
    }
    if (result.messages == 0)
        return fail("no message was received between " + formatUtc(request.fromUs).toStdString()
                    + " and " + formatUtc(request.toUs).toStdString());

    const auto sourceFail = [&](const char *table) {
        return fail(std::string("cannot read the session's ") + table + ": " + why);
    };
    const auto writeFail
        = [&] { return fail("cannot write '" + request.outputPath + "': " + file.lastError()); };
    if (!source.readAlertRecords(
            request.fromUs, request.toUs,
            [&](const AlertRecord &record) {
                sqlite::Statement &insert = file.insertAlert;
                insert.bindInt64(1, record.timeUs);
                insert.bindText(2, record.alertId);
                insert.bindText(3, record.event);
                insert.bindText(4, record.severity);
                insert.bindText(5, record.detailJson);
                writeFailed = writeFailed || !insert.execute();
                ++result.alertEvents;
            },
            &why))
        return sourceFail("alert events");
    if (!source.readOperatorActions(
            request.fromUs, request.toUs,
            [&](const OperatorAction &action) {
                sqlite::Statement &insert = file.insertAction;
                insert.bindInt64(1, action.timeUs);
                if (action.playheadTimeUs != kTimeUnset)
                    insert.bindInt64(2, action.playheadTimeUs);
                insert.bindText(3, action.action);
                insert.bindText(4, action.operatorName);
                if (!action.alertId.empty())
                    insert.bindText(5, action.alertId);
                if (!action.note.empty())
                    insert.bindText(6, action.note);
                writeFailed = writeFailed || !insert.execute();
                ++result.operatorActions;
            },
            &why))
        return sourceFail("operator actions");
    const auto insertSnapshot = [&](const StoredSnapshot &snapshot) {
        sqlite::Statement &insert = file.insertSnapshot;
        insert.bindInt64(1, snapshot.timeUs);
        insert.bindInt64(2, snapshot.lastMessageId);
        insert.bindText(3, snapshot.format);
        insert.bindBlob(4, snapshot.data);
        writeFailed = writeFailed || !insert.execute();
        ++result.snapshots;
    };
    // The start snapshot lies before the first message: a seek anywhere in the range finds it
    // or a later, copied one.
    if (request.startSnapshot)
        insertSnapshot(*request.startSnapshot);
    // A snapshot of the original taken before the first message of the range would hold less
    // than the start snapshot; none is copied from before fromUs.
    if (!source.readSnapshots(request.fromUs, request.toUs, insertSnapshot, &why))
        return sourceFail("snapshots");
    if (writeFailed)
        return writeFail();

    for (const auto &[sourceId, count] : sources) {
        sqlite::Statement &insert = file.insertSource;
        insert.bindText(1, sourceId);
        insert.bindText(2, count.nation);
        insert.bindInt64(3, count.firstReceiveTimeUs);
        insert.bindInt64(4, count.lastReceiveTimeUs);
        insert.bindInt64(5, count.messageCount);
        if (!insert.execute())
            return writeFail();
    }

    const auto &original = source.info().metadata;
    const auto originalValue = [&](const char *key) {
        const auto found = original.find(key);
        return found == original.end() ? std::string() : found->second;
    };
    const std::string createdUtc
        = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toStdString();
    const bool metadataWritten = file.metadata(sessionkey::kFormat, kSessionFormatName)
        && file.metadata(sessionkey::kFormatVersion, std::to_string(kSessionFormatVersion))
        && file.metadata(sessionkey::kApplication, request.application)
        && file.metadata(sessionkey::kApplicationVersion, request.applicationVersion)
        && file.metadata(sessionkey::kCreatedUtc, createdUtc)
        && file.metadata(sessionkey::kScenario, originalValue(sessionkey::kScenario))
        && file.metadata(sessionkey::kStartTimeUs, std::to_string(firstUs))
        && file.metadata(sessionkey::kEndTimeUs, std::to_string(lastUs))
        && file.metadata(sessionkey::kClosedCleanly, "1") && file.metadata(sessionkey::kPart, "1")
        && file.metadata(sessionkey::kExportedFrom,
                         std::filesystem::path(request.sourcePath).filename().string())
        && file.metadata(sessionkey::kExportedRangeStartUs, std::to_string(request.fromUs))
        && file.metadata(sessionkey::kExportedRangeEndUs, std::to_string(request.toUs));
    if (!metadataWritten)
        return writeFail();
    if (!file.commit(&why))
        return fail("cannot write '" + request.outputPath + "': " + why);

    std::filesystem::rename(request.outputPath + ".exporting", request.outputPath, ec);
    if (ec)
        return fail("cannot move the export into place as '" + request.outputPath
                    + "': " + ec.message());
    file.keep();
    result.ok = true;
    return result;
}

} // namespace cop
