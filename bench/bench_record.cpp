// SPDX-License-Identifier: GPL-3.0-or-later
// Recording speed and session reading, in messages per second and milliseconds.
//
//   Record/BareSqlite      the ceiling: the same rows inserted with one prepared statement
//                          into the same schema (WAL, synchronous=NORMAL, both time indexes),
//                          16,384 rows per transaction, on this thread. Nothing else.
//   Record/SessionWriter   the product: this thread stands in for the receive thread and
//                          appends every message (raw topic and payload plus the decoded
//                          message) to a SessionWriter, whose own thread commits at least every
//                          100 ms and keeps the picture for a snapshot every 5 s of receive
//                          time; time runs until close() has committed the last one.
//                          ratio_to_bare is its rate over BareSqlite's from earlier in the run.
//   Record/WriterOverBare  the same ratio from back-to-back pairs of passes in alternating
//                          order; ratio_median over the pairs is the figure to trust on a
//                          machine whose load comes and goes.
//   Session/Open           SessionReader::open of the recorded file (metadata, time range,
//                          sources).
//   Session/SeekWindow     from a random time, read the next second of messages (about 3,000
//                          rows, raw) as a replay window after a seek; p95_ms over the passes.
//
// The feed: 300,000 full track updates (299-byte payloads) from three sources, encoded once
// before timing. Files live in the system's temporary directory and are deleted.
#include "benchmessages.h"

#include "core/sessionformat.h"
#include "core/sessionreader.h"
#include "core/sessionwriter.h"
#include "core/sqlite.h"
#include "net/wireencoder.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <unistd.h>

namespace {

using namespace cop;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kMessages = 300'000;
constexpr int kTracksPerSource = 667;
constexpr TimeUs kSourceStepUs = 1'000; // 1,000 messages per second of feed time per source
constexpr std::size_t kRowsPerTransaction = 16'384;

struct EncodedMessage
{
    std::string topic;
    std::string payload;
    MessageHeader header;
    MessageKind kind = MessageKind::TrackUpdate;
    FeedMessage message; // decoded, as the receive thread hands it to the recorder
};

const std::vector<EncodedMessage> &feed()
{
    static const std::vector<EncodedMessage> messages = [] {
        std::vector<EncodedMessage> out;
        out.reserve(kMessages);
        net::WireEncoder encoder;
        std::array<std::uint64_t, bench::kSourceCount> sequence {};
        for (std::size_t i = 0; i < kMessages; ++i) {
            const int source = static_cast<int>(i % bench::kSourceCount);
            const std::uint64_t seq = ++sequence[static_cast<std::size_t>(source)];
            const TimeUs timeUs = bench::kBenchEpochUs + static_cast<TimeUs>(seq) * kSourceStepUs;
            FeedMessage message = bench::makeTrackUpdate(
                source, static_cast<int>((seq - 1) % kTracksPerSource), seq, timeUs);
            message.header.receiveTimeUs = timeUs + 1'500;
            EncodedMessage &m = out.emplace_back();
            m.topic = encoder.topic(message);
            encoder.encode(message, m.payload);
            m.header = message.header;
            m.kind = message.kind();
            m.message = message;
        }
        return out;
    }();
    return messages;
}

std::string scratchPath(const char *name)
{
    return (std::filesystem::temp_directory_path()
            / (std::string("cop-bench-") + std::to_string(::getpid()) + "-" + name
               + kSessionFileSuffix))
        .string();
}

void removeSession(const std::string &path)
{
    std::error_code ec;
    for (const char *suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(path + suffix, ec);
}

std::uint64_t g_snapshots = 0;
std::uint64_t g_snapshotBytes = 0;

double recordWithWriter(const std::string &path)
{
    const auto &messages = feed();
    removeSession(path);
    SessionWriter writer;
    if (!writer.open(path, {"bench_record", "0", "benchmark"}))
        return 0.0;
    const auto start = Clock::now();
    // With the decoded message, as the viewer records: the writer thread also keeps its
    // picture and writes a snapshot every 5 s of receive time.
    for (const EncodedMessage &m : messages)
        writer.append(m.topic, m.payload, m.message);
    writer.close();
    g_snapshots = writer.counters().snapshotsWritten.load();
    g_snapshotBytes = writer.counters().snapshotBytes.load();
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (writer.counters().messagesWritten.load() != messages.size())
        return 0.0; // a message lost is a failure, not a speed
    return seconds;
}

double insertBare(const std::string &path)
{
    const auto &messages = feed();
    removeSession(path);
    sqlite3 *raw = nullptr;
    sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    sqlite::Database db(raw);
    if (!initialiseSessionSchema(db.get(), nullptr))
        return 0.0;
    sqlite::Statement insert(
        db.get(),
        "INSERT INTO messages (receive_time_us, source_time_us, kind, nation, source_id,"
        " sequence, topic, payload) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    const auto start = Clock::now();
    for (std::size_t first = 0; first < messages.size(); first += kRowsPerTransaction) {
        sqlite::execute(db.get(), "BEGIN");
        const std::size_t last = std::min(messages.size(), first + kRowsPerTransaction);
        for (std::size_t i = first; i < last; ++i) {
            const EncodedMessage &m = messages[i];
            insert.bindInt64(1, m.header.receiveTimeUs);
            insert.bindInt64(2, m.header.sourceTimeUs);
            insert.bindText(3, messageKindTopicWord(m.kind));
            insert.bindText(4, nationCode(m.header.nation));
            insert.bindText(5, m.header.sourceId);
            insert.bindInt64(6, static_cast<std::int64_t>(m.header.sequence));
            insert.bindText(7, m.topic);
            insert.bindBlob(8, m.payload);
            if (insert.step() != SQLITE_DONE)
                return 0.0;
            insert.reset();
        }
        sqlite::execute(db.get(), "COMMIT");
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return seconds;
}

double g_bareRate = 0.0;

void sessionWriter(benchmark::State &state)
{
    const std::string path = scratchPath("writer");
    feed();
    double totalSeconds = 0.0;
    for (auto _ : state) {
        const double seconds = recordWithWriter(path);
        if (seconds <= 0.0) {
            state.SkipWithError("recording failed or lost messages");
            break;
        }
        totalSeconds += seconds;
        state.SetIterationTime(seconds);
    }
    removeSession(path);
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kMessages));
    const double rate = static_cast<double>(state.iterations() * kMessages) / totalSeconds;
    if (g_bareRate > 0.0)
        state.counters["ratio_to_bare"] = rate / g_bareRate;
    state.counters["snapshots"] = static_cast<double>(g_snapshots);
    state.counters["snapshot_kB"]
        = g_snapshots ? static_cast<double>(g_snapshotBytes) / static_cast<double>(g_snapshots) / 1024.0
                      : 0.0;
}

void writerOverBare(benchmark::State &state)
{
    const std::string barePath = scratchPath("pair-bare");
    const std::string writerPath = scratchPath("pair-writer");
    feed();
    std::vector<double> ratios;
    bool writerFirst = false;
    for (auto _ : state) {
        double bare = 0.0;
        double writer = 0.0;
        if (writerFirst) {
            writer = recordWithWriter(writerPath);
            bare = insertBare(barePath);
        } else {
            bare = insertBare(barePath);
            writer = recordWithWriter(writerPath);
        }
        writerFirst = !writerFirst;
        if (bare <= 0.0 || writer <= 0.0) {
            state.SkipWithError("a pass failed");
            break;
        }
        ratios.push_back(bare / writer); // rate ratio: writer's rate over bare's
        state.SetIterationTime(bare + writer);
    }
    removeSession(barePath);
    removeSession(writerPath);
    if (!ratios.empty()) {
        std::sort(ratios.begin(), ratios.end());
        state.counters["ratio_median"] = ratios[ratios.size() / 2];
        state.counters["ratio_min"] = ratios.front();
        state.counters["ratio_max"] = ratios.back();
    }
}

// Session reading works on one recorded file, made once.
const std::string &recordedFile()
{
    static const std::string path = [] {
        const std::string p = scratchPath("read");
        recordWithWriter(p);
        return p;
    }();
    return path;
}

void sessionOpen(benchmark::State &state)
{
    const std::string &path = recordedFile();
    for (auto _ : state) {
        SessionReader reader;
        if (!reader.open(path)) {
            state.SkipWithError("open failed");
            break;
        }
        benchmark::DoNotOptimize(reader.info().messageCount);
    }
}

void sessionSeekWindow(benchmark::State &state)
{
    const std::string &path = recordedFile();
    SessionReader reader;
    if (!reader.open(path)) {
        state.SkipWithError("open failed");
        return;
    }
    const SessionInfo &info = reader.info();
    std::mt19937_64 random(42);
    std::uniform_int_distribution<TimeUs> at(info.firstReceiveTimeUs, info.lastReceiveTimeUs);
    std::vector<double> millis;
    std::size_t rows = 0;
    for (auto _ : state) {
        const TimeUs fromUs = at(random);
        const auto start = Clock::now();
        const auto result = reader.read(
            {fromUs, 0}, fromUs + kMicrosPerSecond, 100'000,
            [&](const StoredMessage &m) { benchmark::DoNotOptimize(m.payload.data()); });
        millis.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        rows += result.count;
    }
    std::sort(millis.begin(), millis.end());
    state.counters["p95_ms"] = millis[millis.size() * 95 / 100];
    state.counters["rows_per_window"]
        = static_cast<double>(rows) / static_cast<double>(millis.size());
}

// Runs BareSqlite and remembers its rate for SessionWriter's ratio.
void recordBareSqlite(benchmark::State &state)
{
    const std::string path = scratchPath("bare");
    feed();
    double totalSeconds = 0.0;
    for (auto _ : state) {
        const double seconds = insertBare(path);
        if (seconds <= 0.0) {
            state.SkipWithError("bare insert failed");
            break;
        }
        totalSeconds += seconds;
        state.SetIterationTime(seconds);
    }
    removeSession(path);
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kMessages));
    if (totalSeconds > 0.0)
        g_bareRate = static_cast<double>(state.iterations() * kMessages) / totalSeconds;
}

} // namespace

BENCHMARK(recordBareSqlite)
    ->Name("Record/BareSqlite")
    ->UseManualTime()
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(sessionWriter)
    ->Name("Record/SessionWriter")
    ->UseManualTime()
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(writerOverBare)
    ->Name("Record/WriterOverBare")
    ->UseManualTime()
    ->Iterations(6)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(sessionOpen)->Name("Session/Open")->Iterations(20)->Unit(benchmark::kMillisecond);
BENCHMARK(sessionSeekWindow)
    ->Name("Session/SeekWindow")
    ->Iterations(200)
    ->Unit(benchmark::kMillisecond);

int main(int argc, char **argv)
{
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    removeSession(recordedFile());
    return 0;
}
