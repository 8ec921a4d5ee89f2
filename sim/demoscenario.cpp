// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/demoscenario.h"

#include "sim/sensorcatalogue.h"

#include <GeographicLib/Geodesic.hpp>

#include <algorithm>
#include <cmath>
#include <optional>

namespace cop::sim {

namespace {

constexpr TimeUs kLoopUs = secondsToUs(DemoScenario::kLoopS);
// A missile must have been down at least this long before its launch repeats.
constexpr double kRepeatGapS = 60.0;

// Launch sites, from public reporting of North Korean launches.
constexpr GeoPosition kSunan{39.20, 125.67, 0.0};      // Pyongyang international airport
constexpr GeoPosition kSohae{39.66, 124.71, 0.0};      // Sohae / Tongchang-ri
constexpr GeoPosition kSinpoOffshore{39.95, 128.35, 0.0}; // SLBM launch area off Sinpo
constexpr GeoPosition kKusong{39.98, 125.25, 0.0};
constexpr GeoPosition kWonsan{39.17, 127.48, 0.0};     // Wonsan area

GeoPosition pointAlong(const GeoPosition &from, double azimuthDeg, double rangeKm)
{
    GeoPosition to;
    GeographicLib::Geodesic::WGS84().Direct(from.latDeg, from.lonDeg, azimuthDeg, rangeKm * 1e3,
                                            to.latDeg, to.lonDeg);
    return to;
}

struct LaunchPlan
{
    const char *name;
    MissileClass missileClass;
    double loopOffsetS;
    GeoPosition site;
    GeoPosition target;
    std::optional<double> apogeeAltitudeM; // empty: minimum energy
    double burnTimeS;
};

// The loop. Ranges, apogees and flight times echo public reports of real events; the exact
// points are illustrative.
std::vector<LaunchPlan> loopPlan()
{
    return {
        // Two KN-23-class SRBMs on depressed trajectories into the Sea of Japan.
        {"SRBM salvo 1/2", MissileClass::ShortRange, 0.0, kWonsan, pointAlong(kWonsan, 75.0, 600.0),
         80e3, 60.0},
        {"SRBM salvo 2/2", MissileClass::ShortRange, 15.0, kWonsan,
         pointAlong(kWonsan, 80.0, 620.0), 80e3, 60.0},
        // Like the October 2021 launch from Sinpo: ~590 km, apogee ~60 km.
        {"SLBM", MissileClass::SubmarineLaunched, 45.0, kSinpoOffshore,
         pointAlong(kSinpoOffshore, 100.0, 590.0), 60e3, 50.0},
        {"MRBM", MissileClass::MediumRange, 90.0, kSunan, pointAlong(kSunan, 78.0, 1000.0),
         std::nullopt, 100.0},
        // Like the Hwasong-12 of 4 October 2022: over Aomori (the path crosses 141°E near
        // 41°N) into the Pacific, ~4,500 km, apogee ~900-1,000 km, ~20 minutes.
        {"IRBM over northern Japan", MissileClass::IntermediateRange, 150.0, kKusong,
         pointAlong(kKusong, 80.0, 4500.0), std::nullopt, 150.0},
        // Like the Hwasong-17 of 18 November 2022 from Sunan: lofted to ~6,100 km, ~1,000 km
        // range, ~69 minutes, impact ~200 km west of Oshima-Oshima inside Japan's EEZ.
        {"ICBM (lofted)", MissileClass::Intercontinental, 240.0, kSunan,
         GeoPosition{41.50, 136.97, 0.0}, 6100e3, 300.0},
        {"SRBM from Tongchang-ri", MissileClass::ShortRange, 420.0, kSohae,
         pointAlong(kSohae, 82.0, 800.0), std::nullopt, 70.0},
    };
}

std::vector<SourceConfig> sourceConfigs(const std::shared_ptr<const SensorCatalogue> &catalogue)
{
    const auto sensorsOf = [&](Nation nation) {
        if (!catalogue)
            return notionalSensors(nation);
        const auto it = catalogue->sensors.find(nation);
        return it == catalogue->sensors.end() ? std::vector<SensorSpec>{} : it->second;
    };
    // Update rates, detection delays and latencies are illustrative. Each source ticks at its
    // own phase so their messages interleave as on a real network.
    std::vector<SourceConfig> configs(3);
    configs[0] = {"JP-JADGE", Nation::Japan, 1.0, 100'000, 300'000, 6.0,
                  sensorsOf(Nation::Japan)};
    configs[1] = {"US-C2BMC", Nation::UnitedStates, 2.0, 250'000, 150'000, 3.0,
                  sensorsOf(Nation::UnitedStates)};
    configs[2] = {"KR-KAMD", Nation::Korea, 1.0, 600'000, 250'000, 4.0,
                  sensorsOf(Nation::Korea)};
    return configs;
}

TimeUs floorDiv(TimeUs a, TimeUs b)
{
    const TimeUs q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

TimeUs ceilDiv(TimeUs a, TimeUs b)
{
    return -floorDiv(-a, b);
}

} // namespace

DemoScenario::DemoScenario(const DemoScenarioOptions &options)
    : m_options(options)
    , m_startOffsetUs(secondsToUs(options.startOffsetS))
    , m_lastUs(options.epochUs - 1)
{
    for (const LaunchPlan &plan : loopPlan()) {
        FlightSpec spec;
        spec.launchPoint = plan.site;
        spec.launchTimeUs = 0;
        spec.target = plan.target;
        spec.apogeeAltitudeM = plan.apogeeAltitudeM;
        spec.burnTimeS = plan.burnTimeS;
        spec.missileClass = plan.missileClass;
        BallisticFlight flight(spec);
        const double loops = std::ceil((flight.flightDurationS() + kRepeatGapS) / kLoopS);
        m_launches.push_back({plan.name, plan.missileClass, plan.loopOffsetS,
                              static_cast<TimeUs>(loops) * kLoopUs, std::move(flight)});
    }
    const std::vector<SourceConfig> configs = sourceConfigs(options.sensorCatalogue);
    for (std::size_t i = 0; i < configs.size(); ++i)
        m_sources.emplace_back(configs[i], options.epochUs, options.seed, static_cast<int>(i));
}

TimeUs DemoScenario::scenarioTimeUs(TimeUs feedTimeUs) const
{
    return feedTimeUs - m_options.epochUs + m_startOffsetUs;
}

std::vector<MissileInstance> DemoScenario::missilesBetween(TimeUs fromUs, TimeUs toUs) const
{
    std::vector<MissileInstance> missiles;
    for (std::size_t i = 0; i < m_launches.size(); ++i) {
        const ScheduledLaunch &launch = m_launches[i];
        // Feed time of repetition k: base + k·period.
        const TimeUs baseUs = m_options.epochUs - m_startOffsetUs + secondsToUs(launch.loopOffsetS);
        const TimeUs lifeUs = launch.flight.impactTimeUs() + NationalSource::kDropDelayUs
                              + kMicrosPerSecond; // until the slowest source's drop tick
        const TimeUs firstK = ceilDiv(fromUs - lifeUs - baseUs, launch.repeatPeriodUs);
        const TimeUs lastK = floorDiv(toUs - baseUs, launch.repeatPeriodUs);
        for (TimeUs k = firstK; k <= lastK; ++k) {
            missiles.push_back({static_cast<int>(i), k,
                                launch.flight.relaunchedAt(baseUs + k * launch.repeatPeriodUs),
                                launch.missileClass});
        }
    }
    std::sort(missiles.begin(), missiles.end(), [](const MissileInstance &a, const MissileInstance &b) {
        if (a.flight.launchTimeUs() != b.flight.launchTimeUs())
            return a.flight.launchTimeUs() < b.flight.launchTimeUs();
        return a.launchIndex < b.launchIndex;
    });
    return missiles;
}

std::vector<MissileInstance> DemoScenario::missilesInFlightAt(TimeUs timeUs) const
{
    std::vector<MissileInstance> missiles = missilesBetween(timeUs, timeUs);
    std::erase_if(missiles, [timeUs](const MissileInstance &m) {
        return timeUs < m.flight.launchTimeUs() || timeUs >= m.flight.impactTimeUs();
    });
    return missiles;
}

SensorState DemoScenario::sensorState(const std::string &sensorId, TimeUs timeUs) const
{
    // From 330 s to 390 s into each loop one sensor is degraded, alternately a Japanese and a
    // Korean radar.
    constexpr TimeUs kDegradedFromUs = 330 * kMicrosPerSecond;
    constexpr TimeUs kDegradedUntilUs = 390 * kMicrosPerSecond;
    const TimeUs scenarioUs = scenarioTimeUs(timeUs);
    const TimeUs loop = floorDiv(scenarioUs, kLoopUs);
    const TimeUs inLoopUs = scenarioUs - loop * kLoopUs;
    if (inLoopUs >= kDegradedFromUs && inLoopUs < kDegradedUntilUs) {
        const char *degraded = (loop % 2 == 0) ? "JP-FPS5-SADO" : "KR-GP-B";
        if (sensorId == degraded)
            return SensorState::Degraded;
    }
    return SensorState::Operational;
}

std::vector<FeedMessage> DemoScenario::advanceTo(TimeUs nowUs)
{
    if (nowUs <= m_lastUs)
        return {};
    const TimeUs afterUs = m_lastUs;
    m_lastUs = nowUs;
    // Widen the truth window by the largest source latency so every state a message refers to
    // belongs to a missile in the list.
    const std::vector<MissileInstance> missiles = missilesBetween(afterUs - kMicrosPerSecond, nowUs);
    const SensorStateFunction state = [this](const std::string &sensorId, TimeUs timeUs) {
        return sensorState(sensorId, timeUs);
    };
    std::vector<FeedMessage> messages;
    for (NationalSource &source : m_sources) {
        std::vector<FeedMessage> batch = source.advance(afterUs, nowUs, missiles, state);
        messages.insert(messages.end(), std::make_move_iterator(batch.begin()),
                        std::make_move_iterator(batch.end()));
    }
    // Each source's batch is already in time order; a stable sort interleaves the sources
    // without disturbing any source's sequence order.
    std::stable_sort(messages.begin(), messages.end(), [](const FeedMessage &a, const FeedMessage &b) {
        return a.header.sourceTimeUs < b.header.sourceTimeUs;
    });
    return messages;
}

} // namespace cop::sim
