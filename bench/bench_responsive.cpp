// SPDX-License-Identifier: GPL-3.0-or-later
// Does the viewer's window stay responsive under a fast feed? The real main window (map,
// track table and panels, alert rules), offscreen, fed by the viewer's own FeedPipeline from a
// publisher on tcp loopback, with the GUI thread's batched delivery on the 30 Hz frame clock.
//
//   Responsive/Idle     baseline: the same window with only heartbeats arriving.
//   Responsive/Feed50k  50,000 track updates a second over 2,000 tracks (25 Hz each).
//
// A probe thread posts an event to an object on the GUI thread every 5 ms; the event's
// latency is the time from posting to handling, i.e. how long input or a repaint request
// would wait. Reported: p50, p95, p99 and max latency in ms, the GUI thread's CPU share, and
// the track updates the pipeline accepted per second (to show the feed really arrived).
#include "benchmessages.h"

#include "app/feedpipeline.h"
#include "app/mainwindow.h"
#include "core/basemap.h"
#include "core/timeus.h"
#include "net/feedpublisher.h"

#include <benchmark/benchmark.h>

#include <QApplication>
#include <QEvent>
#include <QEventLoop>
#include <QStandardPaths>
#include <QTimer>

#include <zmq.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <memory>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr int kTracks = 2000;
constexpr double kFeedRate = 50'000.0;
constexpr const char *kProbeSourceId = "BENCH-PROBE";

// Three national sources over tcp loopback: a heartbeat per source a second, and track updates
// at the rate asked for (0: none), paced by the monotonic clock.
class Publisher
{
public:
    Publisher()
    {
        m_publisher = std::make_unique<cop::net::FeedPublisher>(
            m_context, cop::net::PublisherOptions{{"tcp://127.0.0.1:*"}});
    }
    ~Publisher() { stop(); }

    bool start(std::string *error)
    {
        if (!m_publisher->start(error))
            return false;
        m_thread = std::thread([this] { run(); });
        return true;
    }
    void stop()
    {
        m_stop.store(true);
        if (m_thread.joinable())
            m_thread.join();
    }
    void go() { m_go.store(true); }
    void setRate(double perSecond) { m_rate.store(perSecond); }
    std::string endpoint() const { return m_publisher->lastEndpoint(); }

private:
    void run()
    {
        // ZeroMQ drops what is sent before the subscription arrives: probe until heard.
        std::uint64_t probeSequence = 0;
        while (!m_go.load() && !m_stop.load()) {
            cop::FeedMessage probe = cop::bench::makeHeartbeat(0, ++probeSequence, cop::wallClockNowUs());
            probe.header.sourceId = kProbeSourceId;
            m_publisher->publish(probe);
            std::this_thread::sleep_for(10ms);
        }
        std::array<std::uint64_t, cop::bench::kSourceCount> sequence{};
        int nextTrack = 0;
        double rate = 0.0;
        auto rateSince = Clock::now();
        std::uint64_t sinceRate = 0;
        auto nextHeartbeat = Clock::now();
        while (!m_stop.load(std::memory_order_relaxed)) {
            const auto now = Clock::now();
            const cop::TimeUs nowUs = cop::wallClockNowUs();
            if (now >= nextHeartbeat) {
                for (int source = 0; source < cop::bench::kSourceCount; ++source)
                    m_publisher->publish(cop::bench::makeHeartbeat(
                        source, ++sequence[static_cast<std::size_t>(source)], nowUs));
                nextHeartbeat += 1s;
            }
            if (const double wanted = m_rate.load(); wanted != rate) {
                rate = wanted;
                rateSince = now;
                sinceRate = 0;
            }
            const auto due = static_cast<std::uint64_t>(std::chrono::duration<double>(now - rateSince).count() * rate);
            while (sinceRate < due) {
                const int source = nextTrack % cop::bench::kSourceCount;
                m_publisher->publish(cop::bench::makeTrackUpdate(
                    source, nextTrack, ++sequence[static_cast<std::size_t>(source)], nowUs));
                ++sinceRate;
                nextTrack = (nextTrack + 1) % kTracks;
            }
            std::this_thread::sleep_for(1ms);
        }
    }

    zmq::context_t m_context{1};
    std::unique_ptr<cop::net::FeedPublisher> m_publisher;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_go{false};
    std::atomic<double> m_rate{0.0};
};

// Receives the probe's events on the GUI thread and keeps their latencies.
class LatencyProbe : public QObject
{
public:
    static const QEvent::Type kType;
    struct Posted : QEvent
    {
        explicit Posted(Clock::time_point at) : QEvent(kType), postedAt(at) {}
        Clock::time_point postedAt;
    };

    void start(std::chrono::milliseconds every)
    {
        m_stop.store(false);
        m_latenciesMs.clear();
        m_thread = std::thread([this, every] {
            auto next = Clock::now();
            while (!m_stop.load()) {
                QCoreApplication::postEvent(this, new Posted(Clock::now()));
                next += every;
                std::this_thread::sleep_until(next);
            }
        });
    }
    void stop()
    {
        m_stop.store(true);
        if (m_thread.joinable())
            m_thread.join();
    }
    std::vector<double> &latenciesMs() { return m_latenciesMs; }

protected:
    bool event(QEvent *event) override
    {
        if (event->type() != kType)
            return QObject::event(event);
        const auto waited = Clock::now() - static_cast<Posted *>(event)->postedAt;
        if (m_recording)
            m_latenciesMs.push_back(std::chrono::duration<double, std::milli>(waited).count());
        return true;
    }

public:
    bool m_recording = false;

private:
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::vector<double> m_latenciesMs;
};
const QEvent::Type LatencyProbe::kType = static_cast<QEvent::Type>(QEvent::registerEventType());

double threadCpuS()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// Runs the event loop for the given time, as the application's own loop runs: waiting when
// there is nothing to do.
void runFor(std::chrono::milliseconds duration)
{
    QEventLoop loop;
    QTimer::singleShot(duration, &loop, &QEventLoop::quit);
    loop.exec();
}

// The window, its pipeline and the publisher, built once for the run.
struct Harness
{
    Publisher publisher;
    cop::FeedPipeline pipeline;
    std::unique_ptr<cop::MainWindow> window;
    LatencyProbe probe;

    Harness()
    {
        std::string error;
        if (!publisher.start(&error))
            qFatal("publisher: %s", error.c_str());
        QString why;
        std::optional<cop::Basemap> basemap = cop::Basemap::loadEmbedded(&why);
        if (!basemap)
            qFatal("basemap: %s", qPrintable(why));
        cop::FeedSecurity security;
        security.insecure = true;
        pipeline.setSecurity(security);
        if (!pipeline.start(false, {QString::fromStdString(publisher.endpoint())}, 1, &why))
            qFatal("pipeline: %s", qPrintable(why));
        window = std::make_unique<cop::MainWindow>(
            pipeline, std::make_shared<const cop::Basemap>(std::move(*basemap)), false);
        window->resize(1920, 1080);
        window->show();
        const auto deadline = Clock::now() + 20s;
        while (pipeline.picture().sources().count(kProbeSourceId) == 0 && Clock::now() < deadline)
            runFor(20ms);
        if (pipeline.picture().sources().count(kProbeSourceId) == 0)
            qFatal("the pipeline never heard the publisher");
        publisher.go();
    }
};

Harness &harness()
{
    static Harness h;
    return h;
}

double percentile(std::vector<double> sorted, double p)
{
    if (sorted.empty())
        return 0.0;
    std::sort(sorted.begin(), sorted.end());
    const auto i = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
    return sorted[std::min(i, sorted.size() - 1)];
}

void measure(benchmark::State &state, double rate)
{
    Harness &h = harness();
    h.publisher.setRate(rate);
    // Settle: histories fill and the map's caches warm before the measured seconds.
    runFor(3s);
    constexpr auto kMeasured = 6s;
    std::vector<double> latencies;
    double cpuS = 0.0, wallS = 0.0;
    std::uint64_t accepted = 0;
    for (auto _ : state) {
        h.probe.start(5ms);
        h.probe.m_recording = true;
        const std::uint64_t acceptedBefore = h.pipeline.transportHealth().messagesAccepted;
        const double cpuBefore = threadCpuS();
        const auto started = Clock::now();
        runFor(kMeasured);
        wallS += std::chrono::duration<double>(Clock::now() - started).count();
        cpuS += threadCpuS() - cpuBefore;
        accepted += h.pipeline.transportHealth().messagesAccepted - acceptedBefore;
        h.probe.m_recording = false;
        h.probe.stop();
        runFor(50ms); // the probe's last events
        latencies.insert(latencies.end(), h.probe.latenciesMs().begin(), h.probe.latenciesMs().end());
    }
    h.publisher.setRate(0.0);
    state.counters["p50_ms"] = percentile(latencies, 0.50);
    state.counters["p95_ms"] = percentile(latencies, 0.95);
    state.counters["p99_ms"] = percentile(latencies, 0.99);
    state.counters["max_ms"] = percentile(latencies, 1.0);
    state.counters["probes"] = static_cast<double>(latencies.size());
    state.counters["gui_cpu_share"] = wallS > 0.0 ? cpuS / wallS : 0.0;
    state.counters["accepted_per_s"] = wallS > 0.0 ? static_cast<double>(accepted) / wallS : 0.0;
    state.counters["tracks"] = static_cast<double>(h.pipeline.picture().trackCountAt(cop::kTimeLive));
}

void ResponsiveIdle(benchmark::State &state) { measure(state, 0.0); }
void ResponsiveFeed50k(benchmark::State &state) { measure(state, kFeedRate); }

} // namespace

BENCHMARK(ResponsiveIdle)->Name("Responsive/Idle")->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(ResponsiveFeed50k)->Name("Responsive/Feed50k")->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // The window remembers layer and view settings: keep the benchmark's apart from a user's.
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
