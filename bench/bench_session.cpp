// SPDX-License-Identifier: GPL-3.0-or-later
// A long recorded session: opening it, seeking anywhere in it, and replay memory.
//
//   Session/Open2M      SessionReader::open of a one-hour session of two million messages.
//   Session/Seek2M      rebuildPictureAt a random moment of that session: the nearest snapshot
//                       decoded, then the messages after it read, decoded and applied to the
//                       Picture, as the player does on a seek. p50_ms, p95_ms, max_ms over the
//                       seeks; messages_replayed is the mean replayed per seek.
//   Session/SeekFromStart2M  the baseline without snapshots: the same rebuild from the start of
//                       the session, at a few moments in its first ten minutes only (replaying
//                       the whole hour takes far longer).
//   Replay/Memory2M     a SessionPlayer at 100x, drained by this thread as the GUI does, for
//                       five seconds of wall time (over eight minutes of session); reports the
//                       most messages ever queued and the growth of the process's resident set.
//
// The fixture: 3 sources x 24 concurrent tracks at 2.5 Hz, each track flying for 10 minutes
// then dropped and replaced; a heartbeat per source per second and a sensor status per source
// every 10 s; 2,000,000 messages over 3,600 s of receive time, recorded through SessionWriter
// (so with its snapshots, every 5 s). It is written once into the system's temporary directory
// as cop-bench-2m-v1.copsession and reused by later runs (delete it to rebuild).
#include "benchmessages.h"

#include "core/sessionreader.h"
#include "core/sessionwriter.h"
#include "net/picturerebuild.h"
#include "net/sessionplayer.h"
#include "net/wiredecoder.h"
#include "net/wireencoder.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

namespace {

using namespace cop;
using Clock = std::chrono::steady_clock;

constexpr std::int64_t kMessages = 2'000'000;
constexpr TimeUs kSessionUs = 3600 * kMicrosPerSecond;
constexpr int kTracksPerSource = 24;
constexpr TimeUs kTrackLifeUs = 600 * kMicrosPerSecond;

std::string fixturePath()
{
    return (std::filesystem::temp_directory_path() / "cop-bench-2m-v1.copsession").string();
}

bool fixtureIsGood(const std::string &path)
{
    SessionReader reader;
    return reader.open(path) && reader.info().closedCleanly
        && reader.info().messageCount == kMessages && reader.snapshotCount() > 0;
}

// Writes the session with the product's recorder: time advances so that the two million
// messages spread evenly over the hour.
bool writeFixture(const std::string &path)
{
    std::error_code ec;
    for (const char *suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(path + suffix, ec);
    const std::string partial = path + ".partial";
    for (const char *suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(partial + suffix, ec);
    SessionWriter writer;
    if (!writer.open(partial, {"bench_session", "0", "benchmark: 2M messages over one hour"}))
        return false;
    net::WireEncoder encoder;
    std::string payload;
    std::array<std::uint64_t, bench::kSourceCount> sequence {};
    // Per second of session: 3 heartbeats, 0.3 sensor statuses, and track updates and drops
    // filling the rest of 2,000,000 / 3,600 = 555.6 messages.
    const TimeUs stepUs = kSessionUs / kMessages; // 1,800 us between messages
    std::int64_t written = 0;
    TimeUs nextHeartbeatUs = 0;
    TimeUs nextSensorUs = 0;
    int round = 0;
    while (written < kMessages) {
        const TimeUs t = written * stepUs;
        const int source = round % bench::kSourceCount;
        const std::uint64_t seq = ++sequence[static_cast<std::size_t>(source)];
        const TimeUs atUs = bench::kBenchEpochUs + t;
        FeedMessage message;
        if (t >= nextHeartbeatUs) {
            message = bench::makeHeartbeat(source, seq, atUs);
            if (source == bench::kSourceCount - 1)
                nextHeartbeatUs += kMicrosPerSecond;
        } else if (t >= nextSensorUs) {
            message = bench::makeSensorStatus(source, seq, atUs);
            if (source == bench::kSourceCount - 1)
                nextSensorUs += 10 * kMicrosPerSecond;
        } else {
            // Track slot k of this source carries generation t / life; a new generation is a
            // new track id, the old one is dropped once.
            const int slot = (round / bench::kSourceCount) % kTracksPerSource;
            const TimeUs offsetUs = slot * (kTrackLifeUs / kTracksPerSource);
            const int generation = static_cast<int>((t + offsetUs) / kTrackLifeUs);
            const int trackIndex = generation * kTracksPerSource + slot;
            const TimeUs sinceStartUs = (t + offsetUs) % kTrackLifeUs;
            if (generation > 0 && sinceStartUs < stepUs * bench::kSourceCount * kTracksPerSource)
                message = bench::makeTrackDrop(source, trackIndex - kTracksPerSource, seq, atUs);
            else
                message = bench::makeTrackUpdate(source, trackIndex, seq, atUs);
        }
        message.header.receiveTimeUs = atUs + 1'500;
        if (!encoder.encode(message, payload))
            return false;
        while (!writer.append(encoder.topic(message), payload, message))
            std::this_thread::sleep_for(std::chrono::milliseconds(1)); // the queue is full
        ++written;
        ++round;
    }
    writer.close();
    if (writer.counters().messagesWritten.load() != static_cast<std::uint64_t>(kMessages))
        return false;
    std::filesystem::rename(partial, path, ec);
    return !ec;
}

const std::string &fixture()
{
    static const std::string path = [] {
        const std::string p = fixturePath();
        if (!fixtureIsGood(p)) {
            std::fprintf(stderr, "writing the 2M-message fixture %s (once)...\n", p.c_str());
            if (!writeFixture(p))
                std::fprintf(stderr, "could not write the fixture\n");
        }
        return p;
    }();
    return path;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const auto at = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(at, values.size() - 1)];
}

void sessionOpen(benchmark::State &state)
{
    const std::string &path = fixture();
    for (auto _ : state) {
        SessionReader reader;
        if (!reader.open(path)) {
            state.SkipWithError("open failed");
            break;
        }
        benchmark::DoNotOptimize(reader.info().messageCount);
        state.counters["messages"] = static_cast<double>(reader.info().messageCount);
        state.counters["hours"] = static_cast<double>(reader.info().lastReceiveTimeUs
                                                      - reader.info().firstReceiveTimeUs)
            / 3.6e9;
    }
}

void seekWith(benchmark::State &state, TimeUs spanUs, bool withSnapshots)
{
    const std::string &path = fixture();
    SessionReader reader;
    if (!reader.open(path)) {
        state.SkipWithError("open failed");
        return;
    }
    const SessionInfo &info = reader.info();
    std::mt19937_64 random(7);
    std::uniform_int_distribution<TimeUs> at(info.firstReceiveTimeUs,
                                             std::min(info.lastReceiveTimeUs,
                                                      info.firstReceiveTimeUs + spanUs));
    net::WireDecoder decoder;
    std::vector<double> millis;
    double replayed = 0.0;
    double tracks = 0.0;
    for (auto _ : state) {
        const TimeUs timeUs = at(random);
        const auto start = Clock::now();
        Picture picture;
        net::PictureRebuild rebuild;
        if (withSnapshots) {
            rebuild = net::rebuildPictureAt(reader, decoder, timeUs, picture);
        } else {
            // The same work from the start: what a seek cost before snapshots.
            FeedBatch batch;
            net::WireDecoder::Rejection rejection;
            SessionPosition position;
            for (;;) {
                batch.clear();
                const auto result = reader.read(position, timeUs + 1, 8'192, [&](const StoredMessage &m) {
                    FeedMessage &message = batch.emplace_back();
                    if (!decoder.decode(m.topic, m.payload, message, rejection))
                        batch.pop_back();
                });
                picture.applyBatch(batch);
                rebuild.messagesReplayed += result.count;
                position = result.last;
                if (result.count < 8'192)
                    break;
            }
        }
        millis.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        replayed += static_cast<double>(rebuild.messagesReplayed);
        tracks += static_cast<double>(picture.trackCountAt(timeUs));
        if (withSnapshots && !rebuild.fromSnapshot && timeUs > info.firstReceiveTimeUs + 10'000'000) {
            state.SkipWithError("seek did not use a snapshot");
            return;
        }
    }
    const auto n = static_cast<double>(millis.size());
    state.counters["p50_ms"] = percentile(millis, 0.50);
    state.counters["p95_ms"] = percentile(millis, 0.95);
    state.counters["max_ms"] = percentile(millis, 1.0);
    state.counters["messages_replayed"] = replayed / n;
    state.counters["tracks_shown"] = tracks / n;
}

void sessionSeek(benchmark::State &state)
{
    seekWith(state, kSessionUs, true);
}

void sessionSeekFromStart(benchmark::State &state)
{
    seekWith(state, 600 * kMicrosPerSecond, false);
}

double residentMiB()
{
    std::ifstream statm("/proc/self/statm");
    long pages = 0;
    long resident = 0;
    statm >> pages >> resident;
    return static_cast<double>(resident) * static_cast<double>(::sysconf(_SC_PAGESIZE)) / 1048576.0;
}

void replayMemory(benchmark::State &state)
{
    const std::string &path = fixture();
    for (auto _ : state) {
        net::PlayerOptions options;
        options.speed = net::SessionPlayer::kMaxSpeed;
        net::SessionPlayer player(options);
        if (!player.open(path)) {
            state.SkipWithError("open failed");
            return;
        }
        const double before = residentMiB();
        double peak = before;
        Picture picture; // as the GUI holds it
        FeedBatch batch;
        std::uint64_t applied = 0;
        player.start();
        const auto until = Clock::now() + std::chrono::seconds(5);
        while (Clock::now() < until) {
            applied += player.takeBatch(batch);
            picture.applyBatch(batch);
            peak = std::max(peak, residentMiB());
            std::this_thread::sleep_for(std::chrono::milliseconds(33)); // the frame clock
        }
        const net::PlayerState at = player.state();
        player.stop();
        state.counters["messages_replayed"] = static_cast<double>(applied);
        state.counters["session_minutes_replayed"]
            = static_cast<double>(at.playheadUs - at.startUs) / 60e6;
        state.counters["peak_queued_messages"] = static_cast<double>(player.peakQueuedMessages());
        state.counters["file_messages"] = static_cast<double>(player.info().messageCount);
        state.counters["rss_growth_MiB"] = peak - before;
    }
}

} // namespace

BENCHMARK(sessionOpen)->Name("Session/Open2M")->Iterations(10)->Unit(benchmark::kMillisecond);
BENCHMARK(sessionSeek)->Name("Session/Seek2M")->Iterations(200)->Unit(benchmark::kMillisecond);
BENCHMARK(sessionSeekFromStart)
    ->Name("Session/SeekFromStart2M")
    ->Iterations(5)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(replayMemory)->Name("Replay/Memory2M")->Iterations(1)->Unit(benchmark::kMillisecond);

int main(int argc, char **argv)
{
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    fixture();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
