// SPDX-License-Identifier: GPL-3.0-or-later
// Alert rule evaluation per track update, with every standard protected area loaded: the
// territory of Japan, the United States (with Guam, the Northern Marianas, ...) and Korea from
// the embedded basemap, and the three approximate EEZs.
//
//   Alerts/RulesMoving   AlertEngine::update alone (its thread's CPU time) on batches whose every
//                        prediction has moved by kilometres since the track's last update, so
//                        the geometry (95% and 99% ellipse against the areas, overflight of the
//                        ground track still ahead) is evaluated again on every update: the
//                        worst case.
//   Alerts/RulesSteady   the same, predictions jittering by metres between updates as a settled
//                        track's do: the engine keeps what it computed.
//   Alerts/ApplyOnly     baseline: Picture::applyBatch of the same batches, nothing else.
//   Alerts/ApplyAndRules the viewer's share per batch: apply, then the rules.
//
// 240 tracks (three sources, 80 launches): impact predictions scattered over the theatre, on
// land, in the EEZs and in open sea, with 95% semi-major axes of 1 to 95 km (usable ones: a
// larger ellipse raises nothing and is not evaluated). Each batch updates every track once,
// 100 ms of feed time apart.
#include "core/alertengine.h"
#include "core/basemap.h"
#include "core/picture.h"

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <time.h>

namespace {

using namespace cop;

constexpr TimeUs kEpochUs = 1'689'123'600'000'000; // 2023-07-12T01:00:00Z
constexpr int kLaunches = 80;
constexpr int kSources = 3;
constexpr int kBatches = 400; // 40 s of feed time
constexpr TimeUs kBatchStepUs = 100 * kMicrosPerMillisecond;

const std::shared_ptr<const ProtectedAreaSet> &allAreas()
{
    static const std::shared_ptr<const ProtectedAreaSet> areas = [] {
        const std::optional<Basemap> basemap = Basemap::loadEmbedded();
        if (!basemap)
            std::abort();
        return std::make_shared<const ProtectedAreaSet>(
            ProtectedAreaSet::standard(*basemap, {kAllNations.begin(), kAllNations.end()}));
    }();
    return areas;
}

struct TrackPlan
{
    GeoPosition launchPoint;
    GeoPosition impactPoint;
    double semiMajorM;
    double semiMinorM;
    double azimuthRad;
    double driftLatDegPerUpdate; // how far the prediction walks between updates when moving
    double driftLonDegPerUpdate;
};

std::vector<TrackPlan> trackPlans()
{
    std::mt19937 random(12345);
    std::uniform_real_distribution<double> lat(30.0, 46.0), lon(124.0, 146.0);
    std::uniform_real_distribution<double> axis(1'000.0, 95'000.0), ratio(0.1, 0.8);
    // 0.012 to 0.03 degrees per update: 1.3 to 3.3 km, past every "barely moved" threshold.
    std::uniform_real_distribution<double> angle(0.0, M_PI), drift(0.012, 0.03);
    std::bernoulli_distribution sign(0.5);
    std::vector<TrackPlan> plans;
    for (int i = 0; i < kLaunches; ++i) {
        TrackPlan plan;
        plan.launchPoint = {39.0 + 0.05 * (i % 10), 125.5 + 0.1 * (i / 10), 0.0};
        plan.impactPoint = {lat(random), lon(random), 0.0};
        plan.semiMajorM = axis(random);
        plan.semiMinorM = plan.semiMajorM * ratio(random);
        plan.azimuthRad = angle(random);
        plan.driftLatDegPerUpdate = sign(random) ? drift(random) : -drift(random);
        plan.driftLonDegPerUpdate = sign(random) ? drift(random) : -drift(random);
        plans.push_back(plan);
    }
    return plans;
}

// The batches of one pass. moving: each prediction walks by kilometres per update; otherwise it
// jitters by metres.
std::vector<FeedBatch> makeBatches(bool moving)
{
    static const char *const kSourceIds[kSources] = {"JP-JADGE", "US-C2BMC", "KR-KAMD"};
    const std::vector<TrackPlan> plans = trackPlans();
    std::vector<FeedBatch> batches(kBatches);
    std::vector<std::uint64_t> sequence(kSources, 1);
    for (int b = 0; b < kBatches; ++b) {
        const TimeUs nowUs = kEpochUs + b * kBatchStepUs;
        // Back and forth over 100 updates, so predictions stay in the theatre.
        const double walk = moving ? static_cast<double>(std::abs((b + 50) % 200 - 100) - 50) : 0.0;
        for (int l = 0; l < kLaunches; ++l) {
            const TrackPlan &plan = plans[static_cast<std::size_t>(l)];
            for (int s = 0; s < kSources; ++s) {
                TrackUpdate track;
                track.trackId = "T" + std::to_string(l);
                track.timeUs = nowUs;
                track.position = {plan.launchPoint.latDeg + 0.5, plan.launchPoint.lonDeg + 2.0,
                                  300'000.0};
                track.velocity = {2'000.0, 300.0, 0.0};
                track.positionCovarianceM2 = {250'000.0, 0.0, 0.0, 250'000.0, 0.0, 250'000.0};
                track.phase = TrackPhase::Midcourse;
                track.identity = Identity::Hostile;
                track.missileClass = MissileClass::MediumRange;
                track.hasLaunch = true;
                track.launchPoint = plan.launchPoint;
                track.launchTimeUs = kEpochUs - 100 * kMicrosPerSecond;
                track.hasImpact = true;
                // Each source's prediction differs a little, as national trackers' do.
                const double jitterDeg = 1e-5 * ((b * 7 + s * 13 + l) % 5);
                track.impact.point
                    = {plan.impactPoint.latDeg + plan.driftLatDegPerUpdate * walk + 0.01 * s + jitterDeg,
                       plan.impactPoint.lonDeg + plan.driftLonDegPerUpdate * walk + jitterDeg, 0.0};
                track.impact.timeUs = kEpochUs + 900 * kMicrosPerSecond;
                // Covariance of the planned ellipse at 95% (k = 5.991).
                const double a2 = plan.semiMajorM * plan.semiMajorM / 5.991;
                const double b2 = plan.semiMinorM * plan.semiMinorM / 5.991;
                const double c = std::cos(plan.azimuthRad), sn = std::sin(plan.azimuthRad);
                track.impact.covarianceM2 = {a2 * sn * sn + b2 * c * c, (a2 - b2) * sn * c,
                                             a2 * c * c + b2 * sn * sn};
                track.quality = 0.8f;
                MessageHeader header {kSourceIds[s], static_cast<Nation>(s),
                                      sequence[static_cast<std::size_t>(s)]++, nowUs, nowUs};
                batches[static_cast<std::size_t>(b)].push_back({header, std::move(track)});
            }
        }
    }
    return batches;
}

const std::vector<FeedBatch> &batches(bool moving)
{
    static const std::vector<FeedBatch> movingBatches = makeBatches(true);
    static const std::vector<FeedBatch> steadyBatches = makeBatches(false);
    return moving ? movingBatches : steadyBatches;
}

std::int64_t updatesPerPass(bool moving)
{
    std::int64_t n = 0;
    for (const FeedBatch &batch : batches(moving))
        n += static_cast<std::int64_t>(batch.size());
    return n;
}

double threadCpuSeconds()
{
    timespec t {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

// The rules alone: the Picture is applied outside the timed part. Timed by this thread's CPU
// clock, so other load on a shared machine does not count against the rules.
void rules(benchmark::State &state, bool moving)
{
    const auto &areas = allAreas();
    const std::vector<FeedBatch> &feed = batches(moving);
    std::int64_t events = 0;
    for (auto _ : state) {
        Picture picture;
        AlertEngine engine(areas);
        double seconds = 0.0;
        for (const FeedBatch &batch : feed) {
            const PictureChange change = picture.applyBatch(batch);
            const TimeUs nowUs = batch.front().header.receiveTimeUs;
            const double start = threadCpuSeconds();
            const std::vector<AlertEvent> raised = engine.update(picture, change, nowUs);
            seconds += threadCpuSeconds() - start;
            events += static_cast<std::int64_t>(raised.size());
            benchmark::DoNotOptimize(raised.data());
        }
        state.SetIterationTime(seconds);
    }
    state.SetItemsProcessed(state.iterations() * updatesPerPass(moving));
    state.counters["areas"] = static_cast<double>(areas->areas().size());
    state.counters["alert_events_per_pass"]
        = static_cast<double>(events) / static_cast<double>(state.iterations());
}

void applyOnly(benchmark::State &state)
{
    const std::vector<FeedBatch> &feed = batches(true);
    for (auto _ : state) {
        Picture picture;
        for (const FeedBatch &batch : feed)
            benchmark::DoNotOptimize(picture.applyBatch(batch).messagesApplied);
    }
    state.SetItemsProcessed(state.iterations() * updatesPerPass(true));
}

void applyAndRules(benchmark::State &state)
{
    const auto &areas = allAreas();
    const std::vector<FeedBatch> &feed = batches(true);
    for (auto _ : state) {
        Picture picture;
        AlertEngine engine(areas);
        for (const FeedBatch &batch : feed) {
            const PictureChange change = picture.applyBatch(batch);
            benchmark::DoNotOptimize(
                engine.update(picture, change, batch.front().header.receiveTimeUs).size());
        }
    }
    state.SetItemsProcessed(state.iterations() * updatesPerPass(true));
}

BENCHMARK_CAPTURE(rules, moving, true)
    ->Name("Alerts/RulesMoving")
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(rules, steady, false)
    ->Name("Alerts/RulesSteady")
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(applyOnly)->Name("Alerts/ApplyOnly")->Unit(benchmark::kMillisecond);
BENCHMARK(applyAndRules)->Name("Alerts/ApplyAndRules")->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
