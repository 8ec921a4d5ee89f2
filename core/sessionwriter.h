// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "messages.h"
#include "picture.h"
#include "picturesnapshot.h"
#include "sessionrecords.h"
#include "sqlite.h"

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

namespace cop {

// Written into the metadata table when a session is created.
struct SessionMetadata
{
    std::string application; // e.g. "cop-viewer"
    std::string applicationVersion; // e.g. "0.1.0"
    std::string scenario; // what was recorded: endpoints, "demo seed 1", ...
};

struct SessionWriterOptions
{
    // At least one commit this often while messages arrive, so a crash loses at most this much.
    int commitIntervalMs = 100;
    // Commit early once this many messages wait, so a fast feed gets larger but not slower
    // transactions.
    std::size_t eagerCommitMessages = 16'384;
    // Bound of the queue between the feed and the writer thread: about ten seconds at
    // 100,000 msg/s. Beyond it messages are not recorded, and counted as dropped.
    std::size_t maxQueuedMessages = 1'000'000;
    // Rotation: a long watch is split into parts, each a complete session file of its own,
    // named after the first with "-part2", "-part3"... and pointing back to the previous one.
    // 0 means never. Checked after each commit.
    std::int64_t rotateAfterBytes = 0;
    TimeUs rotateAfterUs = 0; // receive time covered by one part
    // A picture snapshot for fast seeking this often (receive time, the replay's clock), built
    // by the writer thread from the decoded messages given to append(). 0: never.
    TimeUs snapshotIntervalUs = 5 * kMicrosPerSecond;
    PictureSnapshotOptions snapshot;
};

// Counters of a recording; read from any thread.
struct SessionWriterCounters
{
    std::atomic<std::uint64_t> messagesQueued {0};
    std::atomic<std::uint64_t> messagesWritten {0}; // committed to the file
    std::atomic<std::uint64_t> messagesDropped {0}; // queue full: never reached the file
    std::atomic<std::uint64_t> messagesFailed {0}; // lost to a write error
    std::atomic<std::uint64_t> commits {0};
    std::atomic<std::uint64_t> writeErrors {0};
    std::atomic<std::uint64_t> snapshotsWritten {0};
    std::atomic<std::uint64_t> snapshotBytes {0};
};

// Records a session into a new SQLite file on its own thread. append() may be called from one
// producer thread at a time (the subscriber's receive thread) and only copies into a bounded
// queue; the writer thread commits what has queued in one transaction at least every
// commitIntervalMs. The queue's rows keep their strings' capacity from batch to batch, so the
// steady state allocates nothing.
class SessionWriter
{
public:
    explicit SessionWriter(SessionWriterOptions options = {});
    ~SessionWriter();
    SessionWriter(const SessionWriter &) = delete;
    SessionWriter &operator=(const SessionWriter &) = delete;

    // Creates path (which must not exist yet), writes the schema and metadata and starts the
    // writer thread. False with a message otherwise.
    bool open(const std::string &path, const SessionMetadata &metadata,
              std::string *error = nullptr);
    // Commits everything queued, marks the session closed and stops the thread.
    void close();
    bool isOpen() const { return m_thread.joinable(); }
    // The file being written (changes when the session rotates). Any thread.
    std::string path() const;
    // Files written so far, rotation included.
    int files() const { return m_files.load(std::memory_order_relaxed); }

    // One message as received: the raw frames and the decoded header. False if the queue is
    // full (the message is counted as dropped). Producer thread.
    bool append(std::string_view topic, std::string_view payload, const MessageHeader &header,
                MessageKind kind);
    // The same with the decoded message, which the writer thread also applies to a Picture of
    // its own to write periodic snapshots. A recording that mixes in the overload above writes
    // no snapshots from then on (its picture would be incomplete).
    bool append(std::string_view topic, std::string_view payload, const FeedMessage &message);
    // Any thread; rare, so they simply share the queue's lock.
    void appendOperatorAction(const OperatorAction &action);
    void appendAlertRecord(const AlertRecord &record);

    const SessionWriterCounters &counters() const { return m_counters; }
    // The most recent write error, empty if none. Any thread.
    std::string lastError() const;

private:
    struct Row
    {
        std::string topic;
        std::string payload;
        std::string sourceId;
        MessageKind kind = MessageKind::TrackUpdate;
        Nation nation = Nation::Japan;
        std::uint64_t sequence = 0;
        TimeUs sourceTimeUs = kTimeUnset;
        TimeUs receiveTimeUs = kTimeUnset;
    };
    struct Pending
    {
        std::vector<Row> rows; // the first count are live; the rest keep capacity
        FeedBatch messages; // decoded rows[i], same indices, while snapshots are kept
        std::size_t count = 0;
        std::vector<OperatorAction> actions;
        std::vector<AlertRecord> alerts;
        bool isEmpty() const { return count == 0 && actions.empty() && alerts.empty(); }
    };
    struct SourceSummary
    {
        Nation nation = Nation::Japan;
        TimeUs firstReceiveTimeUs = kTimeUnset;
        TimeUs lastReceiveTimeUs = kTimeUnset;
        std::int64_t messageCount = 0;
        bool dirty = false;
    };

    void run();
    bool openFile(const std::string &path, const std::string &continuesFrom, std::string *error);
    void closeFile();
    bool rotationDue() const;
    void rotate();
    std::string nextPartPath() const;
    bool prepareStatements(std::string *error);
    void writeBatch(Pending &batch);
    bool writeRows(const Pending &batch);
    void setError(const std::string &error);
    void setMetadata(const char *key, const std::string &value);
    Row *queueRow(std::size_t *queued); // under m_mutex
    static void fillRow(Row &row, std::string_view topic, std::string_view payload,
                        const MessageHeader &header, MessageKind kind);
    void applyToSnapshotPicture(const Pending &batch, std::size_t end);
    bool writeSnapshot();

    SessionWriterOptions m_options;
    SessionMetadata m_metadata;
    std::string m_path; // guarded by m_errorMutex: the writer thread changes it on rotation
    std::string m_firstStem;
    int m_part = 1;
    std::atomic<int> m_files {0};
    sqlite::Database m_db;
    sqlite::Statement m_insertMessage;
    sqlite::Statement m_insertAction;
    sqlite::Statement m_insertAlert;
    sqlite::Statement m_upsertSource;
    sqlite::Statement m_setMetadata;
    sqlite::Statement m_insertSnapshot;
    sqlite::Statement m_dropLaterSnapshots;

    std::thread m_thread;
    std::atomic<bool> m_stopRequested {false};
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    Pending m_pending; // guarded by m_mutex
    Pending m_writing; // writer thread only
    std::unordered_map<std::string, SourceSummary> m_sources; // writer thread only
    TimeUs m_startTimeUs = kTimeUnset; // writer thread only
    TimeUs m_endTimeUs = kTimeUnset; // writer thread only

    // Snapshots. The producer side says whether every row came with its decoded message
    // (guarded by m_mutex); the rest belongs to the writer thread.
    bool m_snapshotsPossible = true;
    bool m_snapshotsWanted = true; // writer thread's copy, taken with each batch
    Picture m_snapshotPicture;
    std::size_t m_snapshotApplied = 0; // rows of the batch being written already applied
    std::int64_t m_lastMessageId = 0; // messages.id of the last row inserted
    TimeUs m_nextSnapshotUs = kTimeUnset;

    SessionWriterCounters m_counters;
    mutable std::mutex m_errorMutex;
    std::string m_lastError;
};

} // namespace cop
