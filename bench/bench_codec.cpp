// SPDX-License-Identifier: GPL-3.0-or-later
// Cost of the wire codec per message: encoding a full track update, decoding and validating
// each message kind, and, as the baseline in the same run, protobuf's bare ParseFromArray of
// the same payload. Decode/<kind> reports ratio_to_parse (its time over the bare parse) and
// validation_ns (the difference per message): what validation and conversion cost.
#include "benchmessages.h"

#include "net/protocol.h"
#include "net/wiredecoder.h"
#include "net/wireencoder.h"

#include "cop/wire/v1/feed.pb.h"

#include <benchmark/benchmark.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <string>

namespace {

using namespace cop;
using Clock = std::chrono::steady_clock;

struct Sample
{
    const char *name;
    FeedMessage message;
};

std::array<Sample, kMessageKindCount> makeSamples()
{
    const TimeUs t = bench::kBenchEpochUs;
    return {{
        {"TrackUpdate", bench::makeTrackUpdate(0, 42, 1, t)},
        {"TrackDrop", bench::makeTrackDrop(0, 42, 2, t)},
        {"SensorStatus", bench::makeSensorStatus(0, 3, t)},
        {"Heartbeat", bench::makeHeartbeat(0, 4, t)},
        {"AlertNotice", bench::makeAlertNotice(0, 5, t)},
    }};
}

const std::array<Sample, kMessageKindCount> &samples()
{
    static const auto all = makeSamples();
    return all;
}

struct Frames
{
    std::string topic;
    std::string payload;
};

Frames encoded(const FeedMessage &message)
{
    net::WireEncoder encoder;
    Frames frames {encoder.topic(message), {}};
    if (!encoder.encode(message, frames.payload))
        std::abort();
    return frames;
}

// Nanoseconds per message of the last ParseOnly run of each kind, for Decode's ratio.
std::array<double, kMessageKindCount> g_parseNs {};

double nsPerItem(Clock::duration elapsed, benchmark::IterationCount iterations)
{
    return std::chrono::duration<double, std::nano>(elapsed).count()
        / static_cast<double>(iterations);
}

void setThroughput(benchmark::State &state, std::size_t payloadBytes)
{
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(payloadBytes));
    state.counters["payload_bytes"] = static_cast<double>(payloadBytes);
}

void encodeTrackUpdate(benchmark::State &state)
{
    const FeedMessage &message = samples()[0].message;
    net::WireEncoder encoder;
    std::string payload;
    for (auto _ : state) {
        encoder.encode(message, payload);
        benchmark::DoNotOptimize(payload.data());
    }
    setThroughput(state, payload.size());
}

// Baseline: what protobuf alone costs, with a reused Envelope as the decoder keeps one.
void parseOnly(benchmark::State &state, int kind)
{
    const Frames frames = encoded(samples()[static_cast<std::size_t>(kind)].message);
    cop::wire::v1::Envelope envelope;
    const auto start = Clock::now();
    for (auto _ : state) {
        const bool ok = envelope.ParseFromArray(frames.payload.data(),
                                                static_cast<int>(frames.payload.size()));
        benchmark::DoNotOptimize(ok);
    }
    g_parseNs[static_cast<std::size_t>(kind)] = nsPerItem(Clock::now() - start, state.iterations());
    setThroughput(state, frames.payload.size());
}

// The receive thread's work per message: topic check, parse, validation, conversion.
void decode(benchmark::State &state, int kind)
{
    const Frames frames = encoded(samples()[static_cast<std::size_t>(kind)].message);
    net::WireDecoder decoder;
    net::WireDecoder::Rejection rejection;
    FeedMessage out;
    const auto start = Clock::now();
    for (auto _ : state) {
        if (!decoder.decode(frames.topic, frames.payload, out, rejection)) {
            state.SkipWithError(rejection.detail.c_str());
            break;
        }
        benchmark::DoNotOptimize(out);
    }
    const double ns = nsPerItem(Clock::now() - start, state.iterations());
    setThroughput(state, frames.payload.size());
    const double parseNs = g_parseNs[static_cast<std::size_t>(kind)];
    if (parseNs > 0.0) {
        state.counters["ratio_to_parse"] = ns / parseNs;
        state.counters["validation_ns"] = ns - parseNs;
    }
}

// Registered in this order so each ParseOnly runs before the Decode that compares with it.
const bool g_registered = [] {
    benchmark::RegisterBenchmark("Encode/TrackUpdate", encodeTrackUpdate);
    for (int kind = 0; kind < kMessageKindCount; ++kind) {
        const std::string name = samples()[static_cast<std::size_t>(kind)].name;
        benchmark::RegisterBenchmark(("ParseOnly/" + name).c_str(), parseOnly, kind);
        benchmark::RegisterBenchmark(("Decode/" + name).c_str(), decode, kind);
    }
    return true;
}();

} // namespace

BENCHMARK_MAIN();
