// SPDX-License-Identifier: GPL-3.0-or-later
#include "sessionwriter.h"

#include "sessionformat.h"

#include <QDateTime>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <utility>

namespace cop {

SessionWriter::SessionWriter(SessionWriterOptions options)
    : m_options(options)
{
    // A snapshot keeps only the newest states of each track and sensor, so the recorder's
    // picture needs no more: shorter histories cost the writer thread less per message.
    PictureLimits limits;
    limits.maxStatesPerTrack = std::max<std::size_t>(options.snapshot.maxStatesPerTrack, 1);
    limits.maxStatesPerSensor = std::max<std::size_t>(options.snapshot.maxStatesPerSensor, 1);
    m_snapshotPicture = Picture(limits);
}

SessionWriter::~SessionWriter()
{
    close();
}

bool SessionWriter::open(const std::string &path, const SessionMetadata &metadata,
                         std::string *error)
{
    if (isOpen()) {
        if (error)
            *error = "a session is already being recorded";
        return false;
    }
    m_metadata = metadata;
    m_part = 1;
    if (!openFile(path, {}, error))
        return false;
    m_stopRequested.store(false);
    m_thread = std::thread([this] { run(); });
    return true;
}

bool SessionWriter::openFile(const std::string &path, const std::string &continuesFrom,
                             std::string *error)
{
    const auto fail = [&](const std::string &why) {
        if (error)
            *error = why;
        m_insertMessage = {};
        m_insertAction = {};
        m_insertAlert = {};
        m_upsertSource = {};
        m_setMetadata = {};
        m_insertSnapshot = {};
        m_dropLaterSnapshots = {};
        m_db.reset();
        return false;
    };
    std::error_code ec;
    if (std::filesystem::exists(path, ec))
        return fail("'" + path + "' already exists; a session is never recorded over another file");

    sqlite3 *db = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                   nullptr);
    m_db.reset(db);
    if (rc != SQLITE_OK)
        return fail("cannot create '" + path + "': " + sqlite::lastError(db));
    std::string why;
    if (!initialiseSessionSchema(m_db.get(), &why) || !prepareStatements(&why))
        return fail("cannot create '" + path + "': " + why);

    {
        std::lock_guard lock(m_errorMutex);
        m_path = path;
    }
    m_sources.clear();
    m_startTimeUs = kTimeUnset;
    m_endTimeUs = kTimeUnset;
    // Each part replays on its own from an empty picture, so its snapshots start from one too.
    m_snapshotPicture.clear();
    m_lastMessageId = 0;
    m_nextSnapshotUs = kTimeUnset;
    const std::string createdUtc
        = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toStdString();
    sqlite::execute(m_db.get(), "BEGIN");
    setMetadata(sessionkey::kFormat, kSessionFormatName);
    setMetadata(sessionkey::kFormatVersion, std::to_string(kSessionFormatVersion));
    setMetadata(sessionkey::kApplication, m_metadata.application);
    setMetadata(sessionkey::kApplicationVersion, m_metadata.applicationVersion);
    setMetadata(sessionkey::kCreatedUtc, createdUtc);
    setMetadata(sessionkey::kScenario, m_metadata.scenario);
    setMetadata(sessionkey::kClosedCleanly, "0");
    setMetadata(sessionkey::kPart, std::to_string(m_part));
    if (!continuesFrom.empty())
        setMetadata(sessionkey::kContinuesFrom, continuesFrom);
    if (!sqlite::execute(m_db.get(), "COMMIT", &why))
        return fail("cannot write to '" + path + "': " + why);
    m_files.fetch_add(1, std::memory_order_relaxed);
    return true;
}

void SessionWriter::closeFile()
{
    if (!m_db)
        return;
    sqlite::execute(m_db.get(), "BEGIN");
    setMetadata(sessionkey::kClosedCleanly, "1");
    sqlite::execute(m_db.get(), "COMMIT");
    // Fold the WAL back into the file, so a closed session is one self-contained file.
    sqlite::execute(m_db.get(), "PRAGMA wal_checkpoint(TRUNCATE)");
    m_insertMessage = {};
    m_insertAction = {};
    m_insertAlert = {};
    m_upsertSource = {};
    m_setMetadata = {};
    m_insertSnapshot = {};
    m_dropLaterSnapshots = {};
    m_db.reset();
}

std::string SessionWriter::path() const
{
    std::lock_guard lock(m_errorMutex);
    return m_path;
}

std::string SessionWriter::nextPartPath() const
{
    const std::filesystem::path current(path());
    const std::string stem = m_firstStem.empty() ? current.stem().string() : m_firstStem;
    return (current.parent_path()
            / (stem + "-part" + std::to_string(m_part + 1) + current.extension().string()))
        .string();
}

bool SessionWriter::rotationDue() const
{
    if (m_options.rotateAfterUs > 0 && m_startTimeUs != kTimeUnset
        && m_endTimeUs - m_startTimeUs >= m_options.rotateAfterUs)
        return true;
    if (m_options.rotateAfterBytes > 0) {
        std::error_code ec;
        const std::string current = path();
        auto bytes = static_cast<std::int64_t>(std::filesystem::file_size(current, ec));
        const auto walBytes = std::filesystem::file_size(current + "-wal", ec);
        if (!ec)
            bytes += static_cast<std::int64_t>(walBytes);
        return bytes >= m_options.rotateAfterBytes;
    }
    return false;
}

void SessionWriter::rotate()
{
    const std::string previous = path();
    if (m_firstStem.empty())
        m_firstStem = std::filesystem::path(previous).stem().string();
    const std::string next = nextPartPath();
    closeFile();
    ++m_part;
    std::string why;
    if (!openFile(next, std::filesystem::path(previous).filename().string(), &why))
        setError("cannot start the next part of the session: " + why);
}

bool SessionWriter::prepareStatements(std::string *error)
{
    sqlite3 *db = m_db.get();
    m_insertMessage = sqlite::Statement(
        db,
        "INSERT INTO messages (receive_time_us, source_time_us, kind, nation, source_id, sequence,"
        " topic, payload) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    m_insertAction = sqlite::Statement(
        db,
        "INSERT INTO operator_actions (time_us, playhead_time_us, action, operator, alert_id, note)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    m_insertAlert
        = sqlite::Statement(db,
                            "INSERT INTO alert_events (time_us, alert_id, event, severity, detail)"
                            " VALUES (?1, ?2, ?3, ?4, ?5)");
    m_upsertSource = sqlite::Statement(
        db,
        "INSERT INTO sources (source_id, nation, first_receive_time_us, last_receive_time_us,"
        " message_count) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (source_id) DO UPDATE SET"
        " last_receive_time_us = excluded.last_receive_time_us,"
        " message_count = excluded.message_count");
    m_setMetadata
        = sqlite::Statement(db, "INSERT OR REPLACE INTO metadata (key, value) VALUES (?1, ?2)");
    m_insertSnapshot = sqlite::Statement(
        db,
        "INSERT INTO snapshots (time_us, last_message_id, format, data) VALUES (?1, ?2, ?3, ?4)");
    m_dropLaterSnapshots = sqlite::Statement(db, "DELETE FROM snapshots WHERE time_us > ?1");
    const bool ok = m_insertMessage.isValid() && m_insertAction.isValid() && m_insertAlert.isValid()
        && m_upsertSource.isValid() && m_setMetadata.isValid() && m_insertSnapshot.isValid()
        && m_dropLaterSnapshots.isValid();
    if (!ok && error)
        *error = sqlite::lastError(db);
    return ok;
}

void SessionWriter::close()
{
    if (!m_thread.joinable())
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stopRequested.store(true, std::memory_order_relaxed);
    }
    m_wake.notify_one();
    m_thread.join();
    // The writer thread is gone: this thread owns the connection now.
    closeFile();
}

SessionWriter::Row *SessionWriter::queueRow(std::size_t *queued)
{
    if (m_pending.count >= m_options.maxQueuedMessages) {
        m_counters.messagesDropped.fetch_add(1, std::memory_order_relaxed);
        return nullptr;
    }
    if (m_pending.count == m_pending.rows.size())
        m_pending.rows.emplace_back();
    *queued = m_pending.count + 1;
    return &m_pending.rows[m_pending.count++];
}

void SessionWriter::fillRow(Row &row, std::string_view topic, std::string_view payload,
                            const MessageHeader &header, MessageKind kind)
{
    // assign() reuses the slot's string capacity: no allocation once the slots have grown.
    row.topic.assign(topic);
    row.payload.assign(payload);
    row.sourceId.assign(header.sourceId);
    row.kind = kind;
    row.nation = header.nation;
    row.sequence = header.sequence;
    row.sourceTimeUs = header.sourceTimeUs;
    row.receiveTimeUs = header.receiveTimeUs;
}

bool SessionWriter::append(std::string_view topic, std::string_view payload,
                           const MessageHeader &header, MessageKind kind)
{
    std::size_t queued = 0;
    {
        std::lock_guard lock(m_mutex);
        Row *row = queueRow(&queued);
        if (!row)
            return false;
        fillRow(*row, topic, payload, header, kind);
        m_snapshotsPossible = false; // no decoded message: the picture would miss this one
    }
    m_counters.messagesQueued.fetch_add(1, std::memory_order_relaxed);
    // Wake the writer once when a large batch is ready, not once per message.
    if (queued == m_options.eagerCommitMessages)
        m_wake.notify_one();
    return true;
}

bool SessionWriter::append(std::string_view topic, std::string_view payload,
                           const FeedMessage &message)
{
    const MessageHeader &header = message.header;
    std::size_t queued = 0;
    {
        std::lock_guard lock(m_mutex);
        Row *row = queueRow(&queued);
        if (!row)
            return false;
        fillRow(*row, topic, payload, header, message.kind());
        if (m_snapshotsPossible && m_options.snapshotIntervalUs > 0) {
            // Same slot trick as the rows: copy-assigning reuses the strings' capacity.
            const std::size_t index = queued - 1;
            if (index == m_pending.messages.size())
                m_pending.messages.push_back(message);
            else
                m_pending.messages[index] = message;
        }
    }
    m_counters.messagesQueued.fetch_add(1, std::memory_order_relaxed);
    if (queued == m_options.eagerCommitMessages)
        m_wake.notify_one();
    return true;
}

void SessionWriter::appendOperatorAction(const OperatorAction &action)
{
    std::lock_guard lock(m_mutex);
    m_pending.actions.push_back(action);
}

void SessionWriter::appendAlertRecord(const AlertRecord &record)
{
    std::lock_guard lock(m_mutex);
    m_pending.alerts.push_back(record);
}

std::string SessionWriter::lastError() const
{
    std::lock_guard lock(m_errorMutex);
    return m_lastError;
}

void SessionWriter::setError(const std::string &error)
{
    m_counters.writeErrors.fetch_add(1, std::memory_order_relaxed);
    std::lock_guard lock(m_errorMutex);
    m_lastError = error;
}

void SessionWriter::run()
{
    const auto interval = std::chrono::milliseconds(m_options.commitIntervalMs);
    auto nextCommit = std::chrono::steady_clock::now() + interval;
    for (;;) {
        bool stopping = false;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait_until(lock, nextCommit, [this] {
                return m_stopRequested.load(std::memory_order_relaxed)
                    || m_pending.count >= m_options.eagerCommitMessages;
            });
            stopping = m_stopRequested.load(std::memory_order_relaxed);
            m_snapshotsWanted = m_snapshotsPossible && m_options.snapshotIntervalUs > 0;
            std::swap(m_pending, m_writing);
            m_pending.count = 0;
            m_pending.actions.clear();
            m_pending.alerts.clear();
        }
        nextCommit = std::chrono::steady_clock::now() + interval;
        if (!m_writing.isEmpty()) {
            writeBatch(m_writing);
            if (rotationDue())
                rotate();
        }
        if (stopping)
            return;
    }
}

void SessionWriter::writeBatch(Pending &batch)
{
    std::string why;
    if (!m_db) { // a rotation failed: nothing can be written until the next file opens
        m_counters.messagesFailed.fetch_add(batch.count, std::memory_order_relaxed);
        return;
    }
    if (!sqlite::execute(m_db.get(), "BEGIN", &why)) {
        setError(why);
        m_counters.messagesFailed.fetch_add(batch.count, std::memory_order_relaxed);
        return;
    }
    if (!writeRows(batch)) {
        setError(sqlite::lastError(m_db.get()));
        sqlite::execute(m_db.get(), "ROLLBACK");
        // The snapshot picture has seen messages the file now lacks: no more snapshots.
        m_snapshotsWanted = false;
        {
            std::lock_guard lock(m_mutex);
            m_snapshotsPossible = false;
        }
        m_counters.messagesFailed.fetch_add(batch.count, std::memory_order_relaxed);
        return;
    }
    if (!sqlite::execute(m_db.get(), "COMMIT", &why)) {
        setError(why);
        sqlite::execute(m_db.get(), "ROLLBACK");
        m_snapshotsWanted = false;
        {
            std::lock_guard lock(m_mutex);
            m_snapshotsPossible = false;
        }
        m_counters.messagesFailed.fetch_add(batch.count, std::memory_order_relaxed);
        return;
    }
    m_counters.messagesWritten.fetch_add(batch.count, std::memory_order_relaxed);
    m_counters.commits.fetch_add(1, std::memory_order_relaxed);
}

bool SessionWriter::writeRows(const Pending &batch)
{
    sqlite::Statement &insert = m_insertMessage;
    const bool snapshots = m_snapshotsWanted && batch.messages.size() >= batch.count;
    m_snapshotApplied = 0;
    for (std::size_t i = 0; i < batch.count; ++i) {
        const Row &row = batch.rows[i];
        if (snapshots && row.receiveTimeUs != kTimeUnset) {
            if (m_endTimeUs != kTimeUnset && row.receiveTimeUs < m_endTimeUs) {
                // The receive clock stepped back: a snapshot as of a later time would be
                // followed by this earlier message in replay order. Drop those snapshots.
                m_dropLaterSnapshots.bindInt64(1, row.receiveTimeUs);
                if (!m_dropLaterSnapshots.execute())
                    return false;
            }
            if (m_nextSnapshotUs == kTimeUnset) {
                m_nextSnapshotUs = row.receiveTimeUs + m_options.snapshotIntervalUs;
            } else if (row.receiveTimeUs >= m_nextSnapshotUs && m_lastMessageId > 0) {
                // Every message before this one is in the picture: that is the snapshot.
                applyToSnapshotPicture(batch, i);
                if (!writeSnapshot())
                    return false;
                m_nextSnapshotUs = row.receiveTimeUs + m_options.snapshotIntervalUs;
            }
        }
        insert.bindInt64(1, row.receiveTimeUs);
        insert.bindInt64(2, row.sourceTimeUs);
        insert.bindText(3, messageKindTopicWord(row.kind));
        insert.bindText(4, nationCode(row.nation));
        insert.bindText(5, row.sourceId);
        // SQLite integers are signed; sequences beyond 2^63 wrap visibly rather than silently.
        insert.bindInt64(6, static_cast<std::int64_t>(row.sequence));
        insert.bindText(7, row.topic);
        insert.bindBlob(8, row.payload);
        if (!insert.execute())
            return false;
        m_lastMessageId = sqlite3_last_insert_rowid(m_db.get());

        SourceSummary &source = m_sources[row.sourceId];
        if (source.messageCount == 0)
            source.firstReceiveTimeUs = row.receiveTimeUs;
        source.nation = row.nation;
        source.lastReceiveTimeUs = row.receiveTimeUs;
        ++source.messageCount;
        source.dirty = true;
        if (m_startTimeUs == kTimeUnset || row.receiveTimeUs < m_startTimeUs)
            m_startTimeUs = row.receiveTimeUs;
        if (m_endTimeUs == kTimeUnset || row.receiveTimeUs > m_endTimeUs)
            m_endTimeUs = row.receiveTimeUs;
    }
    if (snapshots)
        applyToSnapshotPicture(batch, batch.count);
    for (const OperatorAction &action : batch.actions) {
        m_insertAction.bindInt64(1, action.timeUs);
        if (action.playheadTimeUs != kTimeUnset)
            m_insertAction.bindInt64(2, action.playheadTimeUs);
        m_insertAction.bindText(3, action.action);
        m_insertAction.bindText(4, action.operatorName);
        if (!action.alertId.empty())
            m_insertAction.bindText(5, action.alertId);
        if (!action.note.empty())
            m_insertAction.bindText(6, action.note);
        if (!m_insertAction.execute())
            return false;
    }
    for (const AlertRecord &alert : batch.alerts) {
        m_insertAlert.bindInt64(1, alert.timeUs);
        m_insertAlert.bindText(2, alert.alertId);
        m_insertAlert.bindText(3, alert.event);
        m_insertAlert.bindText(4, alert.severity);
        m_insertAlert.bindText(5, alert.detailJson);
        if (!m_insertAlert.execute())
            return false;
    }
    for (auto &[sourceId, source] : m_sources) {
        if (!source.dirty)
            continue;
        source.dirty = false;
        m_upsertSource.bindText(1, sourceId);
        m_upsertSource.bindText(2, nationCode(source.nation));
        m_upsertSource.bindInt64(3, source.firstReceiveTimeUs);
        m_upsertSource.bindInt64(4, source.lastReceiveTimeUs);
        m_upsertSource.bindInt64(5, source.messageCount);
        if (!m_upsertSource.execute())
            return false;
    }
    if (batch.count > 0) {
        setMetadata(sessionkey::kStartTimeUs, std::to_string(m_startTimeUs));
        setMetadata(sessionkey::kEndTimeUs, std::to_string(m_endTimeUs));
    }
    return true;
}

void SessionWriter::applyToSnapshotPicture(const Pending &batch, std::size_t end)
{
    if (end <= m_snapshotApplied)
        return;
    m_snapshotPicture.applyBatch(
        std::span<const FeedMessage>(batch.messages.data() + m_snapshotApplied,
                                     end - m_snapshotApplied));
    m_snapshotApplied = end;
}

bool SessionWriter::writeSnapshot()
{
    // Pruned first, as the viewer prunes its own picture, so ended tracks do not pile up.
    m_snapshotPicture.pruneDroppedTracks();
    const std::string data = PictureSnapshot::encode(m_snapshotPicture, m_options.snapshot);
    // As of the newest receive time written so far: replay resumes after (that time, that id).
    m_insertSnapshot.bindInt64(1, m_endTimeUs);
    m_insertSnapshot.bindInt64(2, m_lastMessageId);
    m_insertSnapshot.bindText(3, kPictureSnapshotFormat);
    m_insertSnapshot.bindBlob(4, data);
    if (!m_insertSnapshot.execute())
        return false;
    m_counters.snapshotsWritten.fetch_add(1, std::memory_order_relaxed);
    m_counters.snapshotBytes.fetch_add(data.size(), std::memory_order_relaxed);
    return true;
}

void SessionWriter::setMetadata(const char *key, const std::string &value)
{
    m_setMetadata.bindText(1, key);
    m_setMetadata.bindText(2, value);
    m_setMetadata.execute();
}

} // namespace cop
