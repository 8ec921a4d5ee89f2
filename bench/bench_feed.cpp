// SPDX-License-Identifier: GPL-3.0-or-later
// Feed throughput end to end over tcp loopback, in messages per second.
//
//   Feed/BareZmq        the ceiling: a PUB thread sends the pre-encoded two-frame messages, a
//                       SUB socket receives and counts them. Nothing is decoded.
//   Feed/FullPath       the product: a publisher thread sends the same frames with
//                       FeedPublisher; FeedSubscriber receives, decodes and validates them on
//                       its thread and hands them over in batches; this thread, standing in for
//                       the GUI, takes each batch and applies it to a Picture. Reports
//                       ratio_to_bare against BareZmq's rate from earlier in the run.
//   Feed/FullOverBare   the same ratio from back-to-back pairs of passes, medians over the
//                       pairs: the figure to trust when other load comes and goes.
//   Picture/ApplyBatch  the consumer's share alone: decoded batches into a Picture.
//
// Every pass sends the same bytes: 500,000 track updates from three sources (one per nation)
// about 2,001 tracks, sequences and feed times increasing per source. Time runs from the first
// send to the last message counted (FullPath: applied), so set-up and tear-down stay out of it.
// cpu_ns_per_msg is the whole process's CPU time (all threads, both ends) per message.
#include "benchmessages.h"

#include "core/picture.h"
#include "net/feedpublisher.h"
#include "net/feedsubscriber.h"
#include "net/wiredecoder.h"
#include "net/wireencoder.h"

#include <benchmark/benchmark.h>
#include <zmq.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <time.h>

namespace {

using namespace cop;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kMessagesPerIteration = 500'000;
constexpr int kTracksPerSource = 667;
// Feed time between two messages of one source: with 667 tracks each is updated every
// 100 ms of feed time, a typical tracker rate.
constexpr TimeUs kSourceStepUs = 150;
// High-water marks far above one iteration's messages: nothing may be dropped, so a shortfall
// is a defect, not back-pressure.
constexpr int kHighWaterMark = 4'000'000;
constexpr auto kIterationDeadline = 60s;
// Small enough that most of an iteration is the steady state, where every update also evicts
// its track's oldest state (each track gets about 250 updates per iteration).
constexpr std::size_t kStatesPerTrack = 100;
constexpr std::size_t kBatchMessages = 8'192; // as FeedSubscriber's default maxBatchMessages

// Every message of one iteration, encoded once: topics and payloads back to back.
class EncodedFeed
{
public:
    EncodedFeed()
    {
        net::WireEncoder encoder;
        std::array<std::uint64_t, bench::kSourceCount> sequence {};
        std::string payload;
        m_offsets.reserve(kMessagesPerIteration + 1);
        m_sources.reserve(kMessagesPerIteration);
        m_offsets.push_back(0);
        for (std::size_t i = 0; i < kMessagesPerIteration; ++i) {
            const int source = static_cast<int>(i % bench::kSourceCount);
            const std::uint64_t seq = ++sequence[static_cast<std::size_t>(source)];
            const int trackIndex = static_cast<int>((seq - 1) % kTracksPerSource);
            const TimeUs timeUs = bench::kBenchEpochUs + static_cast<TimeUs>(seq) * kSourceStepUs;
            const FeedMessage message = bench::makeTrackUpdate(source, trackIndex, seq, timeUs);
            if (m_topics[static_cast<std::size_t>(source)].empty())
                m_topics[static_cast<std::size_t>(source)] = encoder.topic(message);
            if (!encoder.encode(message, payload))
                std::abort();
            m_bytes += payload;
            m_offsets.push_back(m_bytes.size());
            m_sources.push_back(static_cast<std::uint8_t>(source));
        }
    }

    std::size_t size() const { return m_sources.size(); }
    std::string_view topic(std::size_t i) const { return m_topics[m_sources[i]]; }
    std::string_view payload(std::size_t i) const
    {
        return std::string_view(m_bytes).substr(m_offsets[i], m_offsets[i + 1] - m_offsets[i]);
    }
    std::size_t payloadBytes() const { return m_bytes.size(); }

private:
    std::array<std::string, bench::kSourceCount> m_topics;
    std::string m_bytes;
    std::vector<std::size_t> m_offsets;
    std::vector<std::uint8_t> m_sources;
};

const EncodedFeed &encodedFeed()
{
    static const EncodedFeed feed;
    return feed;
}

// CPU time of the whole process, all threads: publisher, ZeroMQ I/O, receive thread and
// consumer. Less sensitive than wall time to other load on a shared machine.
double processCpuSeconds()
{
    timespec ts {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// One pass of the feed through a loopback: wall and process CPU seconds from the first send
// to the last message counted; ok false (with why) if anything was lost or refused.
struct Pass
{
    bool ok = false;
    std::string why;
    double seconds = 0.0;
    double cpuSeconds = 0.0;
};

// Separate ZeroMQ contexts, as publisher and viewer are separate processes.
class BareLoopback
{
public:
    BareLoopback()
        : m_pub(m_publisherContext, zmq::socket_type::pub)
        , m_sub(m_subscriberContext, zmq::socket_type::sub)
    {
        m_pub.set(zmq::sockopt::sndhwm, kHighWaterMark);
        m_pub.set(zmq::sockopt::linger, 0);
        m_pub.bind("tcp://127.0.0.1:*");
        m_sub.set(zmq::sockopt::rcvhwm, kHighWaterMark);
        m_sub.set(zmq::sockopt::rcvtimeo, 1000);
        m_sub.set(zmq::sockopt::linger, 0);
        m_sub.set(zmq::sockopt::subscribe, "");
        m_sub.connect(m_pub.get(zmq::sockopt::last_endpoint));
    }

    // Slow joiner: PUB drops everything sent before the subscription arrives. Probes are single
    // frames, which run() does not count, so a late probe cannot pass for data.
    bool join()
    {
        zmq::message_t frame;
        bool joined = false;
        for (const auto deadline = Clock::now() + 5s; !joined && Clock::now() < deadline;) {
            m_pub.send(zmq::str_buffer("probe"), zmq::send_flags::none);
            std::this_thread::sleep_for(5ms);
            while (m_sub.recv(frame, zmq::recv_flags::dontwait))
                joined = true;
        }
        return joined;
    }

    Pass run(const EncodedFeed &feed)
    {
        Pass pass;
        zmq::message_t topic;
        zmq::message_t payload;
        const auto start = Clock::now();
        const double cpuStart = processCpuSeconds();
        std::thread publisher([&] {
            for (std::size_t i = 0; i < feed.size(); ++i) {
                m_pub.send(zmq::buffer(feed.topic(i)), zmq::send_flags::sndmore);
                m_pub.send(zmq::buffer(feed.payload(i)), zmq::send_flags::none);
            }
        });
        std::size_t received = 0;
        const auto deadline = start + kIterationDeadline;
        while (received < feed.size() && Clock::now() < deadline) {
            if (!m_sub.recv(topic))
                continue; // receive timeout: check the deadline
            if (!topic.more())
                continue; // a probe
            (void)m_sub.recv(payload);
            ++received;
        }
        const auto end = Clock::now();
        pass.cpuSeconds = processCpuSeconds() - cpuStart;
        publisher.join();
        pass.seconds = std::chrono::duration<double>(end - start).count();
        pass.ok = received == feed.size();
        if (!pass.ok)
            pass.why = "BareZmq: sent " + std::to_string(feed.size()) + ", received "
                + std::to_string(received);
        return pass;
    }

private:
    zmq::context_t m_publisherContext {1};
    zmq::context_t m_subscriberContext {1};
    zmq::socket_t m_pub;
    zmq::socket_t m_sub;
};

// Stands in for the GUI's event loop: the subscriber's wake function sets a flag, the consumer
// sleeps on it when there is nothing to take.
class Wake
{
public:
    void notify()
    {
        {
            std::lock_guard lock(m_mutex);
            m_pending = true;
        }
        m_condition.notify_one();
    }
    void wait(std::chrono::milliseconds timeout)
    {
        std::unique_lock lock(m_mutex);
        m_condition.wait_for(lock, timeout, [this] { return m_pending; });
        m_pending = false;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_condition;
    bool m_pending = false;
};

class FullLoopback
{
public:
    FullLoopback()
        : m_publisher(m_publisherContext, publisherOptions())
    { }

    bool start(std::string *error)
    {
        if (!m_publisher.start(error))
            return false;
        net::SubscriberOptions options;
        options.endpoints = {m_publisher.lastEndpoint()};
        options.receiveHighWaterMark = kHighWaterMark;
        options.maxQueuedMessages = 2 * kMessagesPerIteration;
        m_subscriber = std::make_unique<net::FeedSubscriber>(m_subscriberContext, options);
        m_subscriber->setWakeFunction([this] { m_wake.notify(); });
        return m_subscriber->start(error);
    }

    // Slow joiner: probe with a heartbeat from a source of its own until one arrives, then let
    // stragglers land and discard them all. run() fails if a probe still gets through.
    bool join()
    {
        FeedMessage probe = bench::makeHeartbeat(0, 1, bench::kBenchEpochUs);
        probe.header.sourceId = "PROBE";
        const auto &accepted = m_subscriber->counters().messagesAccepted;
        for (const auto deadline = Clock::now() + 5s;
             accepted.load() == 0 && Clock::now() < deadline;) {
            m_publisher.publish(probe);
            std::this_thread::sleep_for(5ms);
        }
        if (accepted.load() == 0)
            return false;
        std::this_thread::sleep_for(100ms);
        m_subscriber->takeBatch(m_batch);
        return true;
    }

    // The benchmark thread plays the GUI: take each batch as it is signalled and apply it.
    Pass run(const EncodedFeed &feed)
    {
        Pass pass;
        PictureLimits limits;
        limits.maxStatesPerTrack = kStatesPerTrack;
        Picture picture(limits);
        const auto rejectsBefore = m_subscriber->rejects().total();
        const auto start = Clock::now();
        const double cpuStart = processCpuSeconds();
        std::thread sender([&] {
            for (std::size_t i = 0; i < feed.size(); ++i)
                m_publisher.publishFrames(feed.topic(i), feed.payload(i));
        });
        std::size_t applied = 0;
        const auto deadline = start + kIterationDeadline;
        while (applied < feed.size() && Clock::now() < deadline) {
            if (m_subscriber->takeBatch(m_batch) == 0) {
                m_wake.wait(100ms);
                continue;
            }
            applied += picture.applyBatch(m_batch).messagesApplied;
            ++m_batches;
        }
        const auto end = Clock::now();
        pass.cpuSeconds = processCpuSeconds() - cpuStart;
        sender.join();
        pass.seconds = std::chrono::duration<double>(end - start).count();

        std::uint64_t counted = 0;
        std::uint64_t missed = 0;
        for (const auto &[id, source] : picture.sources()) {
            counted += source.messageCount;
            missed += source.missedMessages + source.outOfOrderCount;
        }
        const auto rejected = m_subscriber->rejects().total() - rejectsBefore;
        pass.ok = applied == feed.size() && counted == feed.size() && missed == 0 && rejected == 0
            && picture.sources().size() == bench::kSourceCount;
        if (!pass.ok) {
            pass.why = "FullPath: sent " + std::to_string(feed.size()) + ", applied "
                + std::to_string(applied) + ", missed " + std::to_string(missed) + ", rejected "
                + std::to_string(rejected) + ", sources "
                + std::to_string(picture.sources().size());
        }
        return pass;
    }

    std::uint64_t batches() const { return m_batches; }
    std::uint64_t queueFullWaits() const { return m_subscriber->counters().queueFullWaits.load(); }

private:
    static net::PublisherOptions publisherOptions()
    {
        net::PublisherOptions options;
        options.bindEndpoints = {"tcp://127.0.0.1:*"};
        options.sendHighWaterMark = kHighWaterMark;
        return options;
    }

    zmq::context_t m_publisherContext {1};
    zmq::context_t m_subscriberContext {1};
    net::FeedPublisher m_publisher;
    Wake m_wake; // outlives the subscriber, whose thread calls it
    std::unique_ptr<net::FeedSubscriber> m_subscriber;
    FeedBatch m_batch;
    std::uint64_t m_batches = 0;
};

// Rates over the manual (measured) time, which benchmark divides kIsRate counters by.
void reportRates(benchmark::State &state, const EncodedFeed &feed, double cpuSeconds)
{
    const auto messages
        = static_cast<double>(state.iterations()) * static_cast<double>(feed.size());
    state.counters["msgs_per_s"] = benchmark::Counter(messages, benchmark::Counter::kIsRate);
    state.counters["payload_bytes_per_s"] = benchmark::Counter(
        static_cast<double>(state.iterations()) * static_cast<double>(feed.payloadBytes()),
        benchmark::Counter::kIsRate, benchmark::Counter::kIs1024);
    state.counters["cpu_ns_per_msg"] = cpuSeconds * 1e9 / messages;
}

// BareZmq's rate in this run, for FullPath's ratio_to_bare; 0 if it did not run.
double g_bareRate = 0.0;

void bareZmq(benchmark::State &state)
{
    const EncodedFeed &feed = encodedFeed();
    BareLoopback loopback;
    if (!loopback.join()) {
        state.SkipWithError("BareZmq: subscription never arrived");
        return;
    }
    double seconds = 0.0;
    double cpuSeconds = 0.0;
    for (auto _ : state) {
        const Pass pass = loopback.run(feed);
        if (!pass.ok) {
            state.SkipWithError(pass.why.c_str());
            return;
        }
        state.SetIterationTime(pass.seconds);
        seconds += pass.seconds;
        cpuSeconds += pass.cpuSeconds;
    }
    reportRates(state, feed, cpuSeconds);
    g_bareRate
        = static_cast<double>(state.iterations()) * static_cast<double>(feed.size()) / seconds;
}

void fullPath(benchmark::State &state)
{
    const EncodedFeed &feed = encodedFeed();
    FullLoopback loopback;
    std::string error;
    if (!loopback.start(&error) || !loopback.join()) {
        state.SkipWithError(error.empty() ? "FullPath: subscription never arrived" : error.c_str());
        return;
    }
    double seconds = 0.0;
    double cpuSeconds = 0.0;
    for (auto _ : state) {
        const Pass pass = loopback.run(feed);
        if (!pass.ok) {
            state.SkipWithError(pass.why.c_str());
            return;
        }
        state.SetIterationTime(pass.seconds);
        seconds += pass.seconds;
        cpuSeconds += pass.cpuSeconds;
    }
    reportRates(state, feed, cpuSeconds);
    const double rate
        = static_cast<double>(state.iterations()) * static_cast<double>(feed.size()) / seconds;
    if (g_bareRate > 0.0)
        state.counters["ratio_to_bare"] = rate / g_bareRate;
    state.counters["msgs_per_batch"] = static_cast<double>(state.iterations())
        * static_cast<double>(feed.size()) / static_cast<double>(loopback.batches());
    state.counters["queue_full_waits"] = static_cast<double>(loopback.queueFullWaits());
}

// The ratio again, robust to load that comes and goes on a shared machine: each iteration runs
// both paths back to back, in alternating order, and the reported figures are medians over
// the iterations. The benchmark's time is the pair's.
void fullOverBare(benchmark::State &state)
{
    const EncodedFeed &feed = encodedFeed();
    BareLoopback bare;
    FullLoopback full;
    std::string error;
    if (!bare.join() || !full.start(&error) || !full.join()) {
        state.SkipWithError(error.empty() ? "subscription never arrived" : error.c_str());
        return;
    }
    std::vector<double> bareRates;
    std::vector<double> fullRates;
    std::vector<double> ratios;
    bool fullFirst = false;
    for (auto _ : state) {
        Pass bp;
        Pass fp;
        if (fullFirst) {
            fp = full.run(feed);
            bp = bare.run(feed);
        } else {
            bp = bare.run(feed);
            fp = full.run(feed);
        }
        fullFirst = !fullFirst;
        if (!bp.ok || !fp.ok) {
            state.SkipWithError((bp.ok ? fp.why : bp.why).c_str());
            return;
        }
        state.SetIterationTime(bp.seconds + fp.seconds);
        bareRates.push_back(static_cast<double>(feed.size()) / bp.seconds);
        fullRates.push_back(static_cast<double>(feed.size()) / fp.seconds);
        ratios.push_back(bp.seconds / fp.seconds);
    }
    const auto median = [](std::vector<double> values) {
        std::sort(values.begin(), values.end());
        const std::size_t n = values.size();
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
    };
    state.counters["bare_msgs_per_s"] = median(bareRates);
    state.counters["full_msgs_per_s"] = median(fullRates);
    state.counters["ratio_median"] = median(ratios);
    state.counters["ratio_min"] = *std::min_element(ratios.begin(), ratios.end());
}

// The consumer's share of FullPath alone: applying decoded batches of the same feed to a
// Picture, no sockets. Decoding happens with the clock paused.
void pictureApply(benchmark::State &state)
{
    const EncodedFeed &feed = encodedFeed();
    net::WireDecoder decoder;
    net::WireDecoder::Rejection rejection;
    PictureLimits limits;
    limits.maxStatesPerTrack = kStatesPerTrack;
    FeedBatch batch(kBatchMessages);
    for (auto _ : state) {
        state.PauseTiming();
        {
            Picture picture(limits);
            for (std::size_t first = 0; first < feed.size(); first += kBatchMessages) {
                const std::size_t count = std::min(kBatchMessages, feed.size() - first);
                batch.resize(count);
                for (std::size_t i = 0; i < count; ++i) {
                    if (!decoder.decode(feed.topic(first + i), feed.payload(first + i), batch[i],
                                        rejection))
                        std::abort();
                }
                state.ResumeTiming();
                picture.applyBatch(batch);
                state.PauseTiming();
            }
        } // the Picture's tear-down is not a cost per message
        state.ResumeTiming();
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(feed.size()));
}

// BareZmq first: FullPath's ratio needs its rate.
BENCHMARK(bareZmq)
    ->Name("Feed/BareZmq")
    ->UseManualTime()
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(fullPath)
    ->Name("Feed/FullPath")
    ->UseManualTime()
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(fullOverBare)
    ->Name("Feed/FullOverBare")
    ->UseManualTime()
    ->Iterations(6)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(pictureApply)->Name("Picture/ApplyBatch")->Iterations(3)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
