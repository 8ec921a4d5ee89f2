// SPDX-License-Identifier: GPL-3.0-or-later
// The track panels' share of the GUI thread.
//
//   TrackTable/Second/<proxy>/<coalesce>
//                                one second of feed for the track table with 5,000 objects,
//                                each updated at 10 Hz: 30 frames, each applying a third of
//                                them (the correlator's change; one dataChanged per run of
//                                rows). proxy=1 adds the sorted, filtered proxy a view sees;
//                                coalesce=1 announces changed rows on the 4 Hz clock tick
//                                instead of every frame, as the viewer does. proxy=0 is the
//                                bare baseline: the model's own bookkeeping with nobody
//                                listening. gui_share is GUI-thread CPU per second of feed.
//   TrackTable/Clock             the 4 Hz clock tick (ages, countdowns) over 5,000 rows with the
//                                proxy sorted on the clock column.
// Times are this thread's CPU time (CLOCK_THREAD_CPUTIME_ID), so other load on a shared machine
// does not inflate them.
//   Correlation/Update/<case>    TrackCorrelator::update for one batch with 1,000 live national
//                                tracks at 1 Hz (33 updates per 30 Hz frame): case 0 is 333
//                                missiles seen by three nations, case 1 is 1,000 missiles seen
//                                by one nation each (every track alone, so every update looks
//                                for a partner: the costly case). us_per_update is per track
//                                update; ratio_to_picture compares it with Picture::applyBatch
//                                of the same batches in the same run (the bare baseline).
#include "core/picture.h"
#include "core/trackcorrelator.h"
#include "widgets/trackfilterproxy.h"
#include "widgets/tracktablemodel.h"

#include <GeographicLib/LocalCartesian.hpp>
#include <benchmark/benchmark.h>

#include <array>
#include <chrono>
#include <ctime>
#include <random>
#include <string>
#include <vector>

namespace {

using namespace cop;

constexpr TimeUs kEpochUs = 1'700'000'000'000'000;
constexpr std::array<const char *, 3> kSources{"JP-JADGE", "US-C2BMC", "KR-KAMD"};

// Missiles flying straight over the theatre, spread over about 2,000 km square.
struct Missile
{
    double eastM = 0, northM = 0;
    double eastMps = 0, northMps = 0;
};

std::vector<Missile> missiles(int count)
{
    std::mt19937 rng(42);
    std::uniform_real_distribution<double> place(-1000e3, 1000e3);
    std::uniform_real_distribution<double> speed(-2500.0, 2500.0);
    std::vector<Missile> out(static_cast<std::size_t>(count));
    for (Missile &m : out)
        m = {place(rng), place(rng), speed(rng), speed(rng)};
    return out;
}

FeedMessage trackMessage(int nation, int missileIndex, const Missile &m, TimeUs timeUs, double errorM)
{
    static const GeographicLib::LocalCartesian frame(38.0, 132.0, 0.0);
    const double t = usToSeconds(timeUs - kEpochUs);
    FeedMessage message;
    message.header.sourceId = kSources[static_cast<std::size_t>(nation)];
    message.header.nation = kAllNations[static_cast<std::size_t>(nation)];
    message.header.sourceTimeUs = timeUs;
    message.header.receiveTimeUs = timeUs;
    TrackUpdate u;
    u.trackId = "T" + std::to_string(missileIndex);
    u.timeUs = timeUs;
    frame.Reverse(m.eastM + m.eastMps * t + errorM, m.northM + m.northMps * t - errorM, 300e3,
                  u.position.latDeg, u.position.lonDeg, u.position.altitudeM);
    u.velocity = {m.eastMps, m.northMps, 0.0};
    u.positionCovarianceM2 = {90000, 0, 0, 90000, 0, 90000};
    u.phase = TrackPhase::Midcourse;
    u.missileClass = MissileClass::MediumRange;
    u.quality = 0.8f;
    u.hasImpact = true;
    u.impact.point = u.position;
    u.impact.point.altitudeM = 0.0;
    u.impact.timeUs = timeUs + 300 * kMicrosPerSecond;
    u.impact.covarianceM2 = {1e8, 0, 1e8};
    message.body = u;
    return message;
}

// A picture and correlator holding `tracks`, and the frames that update them in turn:
// updatesPerFrame tracks a frame, round robin, time moving on 1/30 s a frame.
struct TrackFeed
{
    Picture picture{[] {
        PictureLimits limits;
        limits.maxStatesPerTrack = 16; // the steady state: every update also evicts a state
        return limits;
    }()};
    TrackCorrelator correlator;
    std::vector<Missile> flights;
    int nations = 1;
    int frame = 0;
    std::size_t next = 0;
    std::size_t trackCount = 0;

    TrackFeed(int missileCount, int nationCount)
        : flights(missiles(missileCount))
        , nations(nationCount)
        , trackCount(static_cast<std::size_t>(missileCount * nationCount))
    { }

    FeedBatch nextBatch(std::size_t updates)
    {
        const TimeUs timeUs = kEpochUs + (++frame) * kMicrosPerSecond / 30;
        FeedBatch batch;
        batch.reserve(updates);
        for (std::size_t i = 0; i < updates; ++i, ++next) {
            const std::size_t track = next % trackCount;
            const int missile = static_cast<int>(track / static_cast<std::size_t>(nations));
            const int nation = static_cast<int>(track % static_cast<std::size_t>(nations));
            batch.push_back(trackMessage(nation, missile, flights[static_cast<std::size_t>(missile)], timeUs,
                                         100.0 * (nation - 1)));
        }
        return batch;
    }
    CorrelationChange apply(const FeedBatch &batch)
    {
        return correlator.update(picture, picture.applyBatch(batch));
    }
};

constexpr int kTableObjects = 5000;
constexpr std::size_t kTableUpdatesPerFrame = kTableObjects * 10 / 30; // 10 Hz, 30 frames/s

// CPU time of this thread: the GUI thread's cost, whatever else the machine is doing.
double threadCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

// One iteration is one second of feed: 30 frames, each applying a third of the objects'
// updates, and (coalescing) the four clock-tick flushes that announce them.
void tableSecond(benchmark::State &state)
{
    const bool withProxy = state.range(0) != 0;
    const bool coalesce = state.range(1) != 0;
    TrackFeed feed(kTableObjects, 1);
    TrackTableModel model;
    model.setCoalesceChanges(coalesce);
    TrackFilterProxy proxy;
    if (withProxy) {
        proxy.setSourceModel(&model);
        proxy.sort(TrackTableModel::AltitudeColumn, Qt::DescendingOrder);
        proxy.setPhaseFilter(TrackFilterProxy::PhaseFilter::InFlight);
    }
    // Every object once, as rows.
    model.apply(feed.picture, feed.correlator, feed.apply(feed.nextBatch(feed.trackCount)));
    model.flushChanges();
    if (model.rowCount() != kTableObjects)
        state.SkipWithError("expected one row per missile");
    // The frames' correlator changes are prepared outside the timed region.
    double cpuSeconds = 0.0;
    std::size_t signals = 0;
    QObject::connect(&model, &QAbstractItemModel::dataChanged, [&signals] { ++signals; });
    for (auto _ : state) {
        for (int frame = 0; frame < 30; ++frame) {
            state.PauseTiming();
            const CorrelationChange change = feed.apply(feed.nextBatch(kTableUpdatesPerFrame));
            state.ResumeTiming();
            const double start = threadCpuSeconds();
            model.apply(feed.picture, feed.correlator, change);
            if (coalesce && frame % 8 == 7) // 30 Hz frames, 4 Hz clock ticks
                model.flushChanges();
            if (withProxy)
                benchmark::DoNotOptimize(proxy.rowCount());
            cpuSeconds += threadCpuSeconds() - start;
        }
    }
    if (model.rowCount() != kTableObjects)
        state.SkipWithError("rows came or went");
    const double perSecond = cpuSeconds / static_cast<double>(state.iterations());
    state.counters["cpu_ms_per_s"] = 1e3 * perSecond;
    state.counters["gui_share"] = perSecond;
    state.counters["signals_per_s"] = static_cast<double>(signals) / static_cast<double>(state.iterations());
}
BENCHMARK(tableSecond)
    ->Name("TrackTable/Second")
    ->ArgNames({"proxy", "coalesce"})
    ->Args({0, 0})
    ->Args({1, 0})
    ->Args({1, 1})
    ->Unit(benchmark::kMillisecond);

void tableClock(benchmark::State &state)
{
    TrackFeed feed(kTableObjects, 1);
    TrackTableModel model;
    TrackFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(TrackTableModel::TimeToImpactColumn, Qt::AscendingOrder); // the clock column itself
    model.apply(feed.picture, feed.correlator, feed.apply(feed.nextBatch(feed.trackCount)));
    TimeUs nowUs = kEpochUs;
    double cpuSeconds = 0.0;
    for (auto _ : state) {
        nowUs += kMicrosPerSecond / 4;
        const double start = threadCpuSeconds();
        model.setNow(nowUs);
        benchmark::DoNotOptimize(proxy.rowCount());
        cpuSeconds += threadCpuSeconds() - start;
    }
    state.counters["rows"] = model.rowCount();
    state.counters["cpu_ms_per_tick"] = 1e3 * cpuSeconds / static_cast<double>(state.iterations());
}
BENCHMARK(tableClock)->Name("TrackTable/Clock")->Unit(benchmark::kMillisecond);

constexpr std::size_t kLiveTracks = 999;
constexpr std::size_t kCorrelationUpdatesPerFrame = kLiveTracks / 30; // 1 Hz each, 30 frames/s

double g_pictureUsPerUpdate = 0.0;

void pictureBaseline(benchmark::State &state)
{
    TrackFeed feed(333, 3);
    feed.picture.applyBatch(feed.nextBatch(feed.trackCount));
    double seconds = 0.0;
    std::size_t updates = 0;
    for (auto _ : state) {
        state.PauseTiming();
        const FeedBatch batch = feed.nextBatch(kCorrelationUpdatesPerFrame);
        state.ResumeTiming();
        const double start = threadCpuSeconds();
        benchmark::DoNotOptimize(feed.picture.applyBatch(batch));
        seconds += threadCpuSeconds() - start;
        updates += batch.size();
    }
    g_pictureUsPerUpdate = 1e6 * seconds / static_cast<double>(updates);
    state.counters["us_per_update"] = g_pictureUsPerUpdate;
}
BENCHMARK(pictureBaseline)->Name("Correlation/PictureBaseline")->Unit(benchmark::kMicrosecond);

void correlationUpdate(benchmark::State &state)
{
    const bool lone = state.range(0) != 0;
    TrackFeed feed(lone ? static_cast<int>(kLiveTracks) : static_cast<int>(kLiveTracks / 3), lone ? 1 : 3);
    feed.apply(feed.nextBatch(feed.trackCount));
    // Settle: every track updated a few times, objects formed.
    for (int i = 0; i < 90; ++i)
        feed.apply(feed.nextBatch(kCorrelationUpdatesPerFrame));
    const std::size_t expectedObjects = lone ? kLiveTracks : kLiveTracks / 3;
    if (feed.correlator.objects().size() != expectedObjects)
        state.SkipWithError(("expected " + std::to_string(expectedObjects) + " objects, got "
                             + std::to_string(feed.correlator.objects().size())).c_str());
    double seconds = 0.0;
    std::size_t updates = 0;
    for (auto _ : state) {
        state.PauseTiming();
        const FeedBatch batch = feed.nextBatch(kCorrelationUpdatesPerFrame);
        const PictureChange change = feed.picture.applyBatch(batch);
        state.ResumeTiming();
        const double start = threadCpuSeconds();
        benchmark::DoNotOptimize(feed.correlator.update(feed.picture, change));
        seconds += threadCpuSeconds() - start;
        updates += batch.size();
    }
    const double usPerUpdate = 1e6 * seconds / static_cast<double>(updates);
    state.counters["us_per_update"] = usPerUpdate;
    state.counters["cpu_us_per_frame"] = 1e6 * seconds / static_cast<double>(state.iterations());
    if (g_pictureUsPerUpdate > 0.0)
        state.counters["ratio_to_picture"] = usPerUpdate / g_pictureUsPerUpdate;
    state.counters["objects"] = static_cast<double>(feed.correlator.objects().size());
}
BENCHMARK(correlationUpdate)->Name("Correlation/Update")->ArgName("lone")->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
