// SPDX-License-Identifier: GPL-3.0-or-later
// The synthetic feed's cost: messages the default demo scenario simulates per second (what
// `cop-simfeed --fast` is limited by), against a baseline of encoding the same messages alone;
// and the cost of one impact prediction with its covariance, against one ballistic flight of
// the mean state (the unscented transform flies 13).
#include "core/ballisticpropagator.h"
#include "net/wireencoder.h"
#include "sim/demoscenario.h"
#include "sim/impactpredictor.h"

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

using namespace cop;
using namespace cop::sim;

namespace {

constexpr TimeUs kEpochUs = 1'700'000'000LL * kMicrosPerSecond;
constexpr int kFeedSeconds = 600; // one loop of the demo

// The demo scenario, simulated and encoded for the wire, a second of feed at a time (as
// `cop-simfeed --fast` does before publishing).
void BM_SimulateDemo(benchmark::State &state)
{
    net::WireEncoder encoder;
    std::string payload;
    std::int64_t messages = 0;
    for (auto _ : state) {
        DemoScenarioOptions options;
        options.epochUs = kEpochUs;
        DemoScenario scenario(options); // includes solving every launch's boost
        for (int s = 1; s <= kFeedSeconds; ++s) {
            for (const FeedMessage &m : scenario.advanceTo(kEpochUs + s * kMicrosPerSecond)) {
                encoder.encode(m, payload);
                benchmark::DoNotOptimize(payload.data());
                ++messages;
            }
        }
    }
    state.SetItemsProcessed(messages);
    state.counters["feed_s_per_wall_s"] = benchmark::Counter(
        static_cast<double>(kFeedSeconds) * static_cast<double>(state.iterations()),
        benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SimulateDemo)->Name("Sim/DemoScenario")->Unit(benchmark::kMillisecond)->UseRealTime();

// Baseline: the same messages, already simulated, encoded alone.
void BM_EncodeOnly(benchmark::State &state)
{
    DemoScenarioOptions options;
    options.epochUs = kEpochUs;
    DemoScenario scenario(options);
    std::vector<FeedMessage> messages;
    for (int s = 1; s <= kFeedSeconds; ++s) {
        std::vector<FeedMessage> batch = scenario.advanceTo(kEpochUs + s * kMicrosPerSecond);
        messages.insert(messages.end(), batch.begin(), batch.end());
    }
    net::WireEncoder encoder;
    std::string payload;
    for (auto _ : state) {
        for (const FeedMessage &m : messages) {
            encoder.encode(m, payload);
            benchmark::DoNotOptimize(payload.data());
        }
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(messages.size()) * state.iterations());
}
BENCHMARK(BM_EncodeOnly)->Name("Sim/EncodeOnlyBaseline")->Unit(benchmark::kMillisecond);

// An IRBM's state two minutes after burnout, with a tracker-sized covariance: 300 m in
// position, 10 m/s in velocity.
struct MidcourseState
{
    Vec3 positionM, velocityMps;
    Matrix6 covariance;
};

MidcourseState irbmMidcourse()
{
    DemoScenarioOptions options;
    options.epochUs = kEpochUs;
    const DemoScenario scenario(options);
    for (const ScheduledLaunch &launch : scenario.launches()) {
        if (launch.missileClass != MissileClass::IntermediateRange)
            continue;
        const FlightState s
            = launch.flight.stateAfterLaunch(launch.flight.profile().burnoutTimeS + 120.0);
        MidcourseState out {s.ecefPositionM, s.ecefVelocityMps, {}};
        for (int i = 0; i < 3; ++i) {
            out.covariance(i, i) = 300.0 * 300.0;
            out.covariance(3 + i, 3 + i) = 10.0 * 10.0;
        }
        return out;
    }
    return {};
}

void BM_ImpactPrediction(benchmark::State &state)
{
    const MidcourseState s = irbmMidcourse();
    for (auto _ : state)
        benchmark::DoNotOptimize(predictImpact(s.positionM, s.velocityMps, s.covariance, 7000.0));
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ImpactPrediction)->Name("Sim/ImpactPredictionWithCovariance")->Unit(benchmark::kMicrosecond);

// Baseline: one ballistic flight of the mean state to the ground.
void BM_OneBallisticFlight(benchmark::State &state)
{
    const MidcourseState s = irbmMidcourse();
    for (auto _ : state)
        benchmark::DoNotOptimize(propagateBallistic(s.positionM, s.velocityMps, 0.0, 7000.0));
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_OneBallisticFlight)->Name("Sim/OneBallisticFlightBaseline")->Unit(benchmark::kMicrosecond);

// A glide vehicle's footprint prediction (13 sigma points flown as glides plus five extremes).
void BM_GlideImpactPrediction(benchmark::State &state)
{
    const MidcourseState s = irbmMidcourse();
    for (auto _ : state)
        benchmark::DoNotOptimize(predictGlideImpact(s.positionM, s.velocityMps, s.covariance, 5000.0));
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_GlideImpactPrediction)->Name("Sim/GlideImpactPrediction")->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
