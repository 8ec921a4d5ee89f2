// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/demoscenario.h"

#include "core/ecef.h"
#include "sim/kepler.h"
#include "sim/noise.h"
#include "sim/sensorcatalogue.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>

namespace cop::sim {

namespace {

// A missile must have been down at least this long before its launch repeats.
constexpr double kRepeatGapS = 60.0;

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
    , m_scenario(options.scenario ? options.scenario
                                  : std::make_shared<const Scenario>(defaultDemoScenario()))
    , m_startOffsetUs(secondsToUs(options.startOffsetS.value_or(m_scenario->startOffsetS)))
    , m_lastUs(options.epochUs - 1)
{
    const double loopS = m_scenario->loopS;
    for (std::size_t i = 0; i < m_scenario->launches.size(); ++i) {
        const ScenarioLaunch &launch = m_scenario->launches[i];
        FlightSpec spec;
        spec.launchPoint = launch.site;
        spec.launchTimeUs = 0;
        spec.target = launch.target;
        if (launch.apogeeKm)
            spec.apogeeAltitudeM = *launch.apogeeKm * 1e3;
        spec.burnTimeS = launch.burnTimeS.value_or(defaultBurnTimeS(launch.missileClass));
        spec.missileClass = launch.missileClass;
        const auto failure = [&](const std::string &why) {
            return std::invalid_argument("launches[" + std::to_string(i) + "] '" + launch.name
                                         + "': " + why);
        };
        std::optional<BallisticFlight> flight;
        try {
            flight.emplace(spec);
        } catch (const std::exception &e) {
            throw failure(std::string("cannot be flown: ") + e.what());
        }
        // The shape the analyst asked for must be the one flown: an apogee below the
        // minimum-energy one is a depressed shot, above it a lofted one.
        if (launch.shape != TrajectoryShape::MinimumEnergy) {
            // The vacuum conic's, as the boost solver takes it (boostsolver.h).
            const KeplerArc arc = solveMinimumEnergyArc(toEcef(spec.launchPoint), toEcef(spec.target));
            const double minimumKm
                = toGeodetic(arc.apogeeRadiusM * arc.apogeeDirection).altitudeM / 1e3;
            const bool lofted = *launch.apogeeKm > minimumKm;
            if (lofted != (launch.shape == TrajectoryShape::Lofted)) {
                char text[160];
                std::snprintf(text, sizeof text,
                              "an apogee of %.0f km is %s the minimum-energy apogee (%.0f km) for "
                              "this range: the shape is %s",
                              *launch.apogeeKm, lofted ? "above" : "below", minimumKm,
                              lofted ? "lofted" : "depressed");
                throw failure(text);
            }
        }
        TimeUs periodUs = 0;
        if (loopS > 0.0) {
            const double loops = std::ceil((flight->flightDurationS() + kRepeatGapS) / loopS);
            periodUs = static_cast<TimeUs>(loops) * secondsToUs(loopS);
        }
        m_launches.push_back(
            {launch.name, launch.missileClass, launch.timeS, periodUs, std::move(*flight)});
    }
    const std::vector<SourceConfig> configs = sourceConfigs(options.sensorCatalogue);
    for (std::size_t i = 0; i < configs.size(); ++i)
        m_sources.emplace_back(configs[i], options.epochUs, options.seed, static_cast<int>(i));
    // Instantaneous faults fire at their first instant at or after the start.
    const double startS = usToSeconds(m_startOffsetUs);
    for (const FeedFault &fault : m_scenario->feedFaults) {
        double at = fault.window.fromS;
        if (fault.window.repeatS > 0.0 && at < startS)
            at += std::ceil((startS - at) / fault.window.repeatS) * fault.window.repeatS;
        m_faultProgress.push_back({at});
    }
}

TimeUs DemoScenario::scenarioTimeUs(TimeUs feedTimeUs) const
{
    return feedTimeUs - m_options.epochUs + m_startOffsetUs;
}

double DemoScenario::scenarioTimeS(TimeUs feedTimeUs) const
{
    return usToSeconds(scenarioTimeUs(feedTimeUs));
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
        TimeUs firstK = 0, lastK = 0; // a scenario that plays once: repetition 0 only
        if (launch.repeatPeriodUs > 0) {
            firstK = ceilDiv(fromUs - lifeUs - baseUs, launch.repeatPeriodUs);
            lastK = floorDiv(toUs - baseUs, launch.repeatPeriodUs);
        } else if (baseUs + lifeUs < fromUs || baseUs > toUs) {
            continue;
        }
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
    const double atS = scenarioTimeS(timeUs);
    SensorState state = SensorState::Operational;
    for (const SensorEvent &event : m_scenario->sensorEvents) {
        if (event.sensorId == sensorId && event.window.contains(atS)
            && (state == SensorState::Operational || event.state == SensorState::Offline))
            state = event.state;
    }
    return state;
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
    if (!m_scenario->feedFaults.empty())
        applyFeedFaults(messages, nowUs);
    return messages;
}

std::vector<MalformedFrame> DemoScenario::takeMalformedFrames()
{
    return std::exchange(m_malformed, {});
}

void DemoScenario::applyFeedFaults(std::vector<FeedMessage> &messages, TimeUs nowUs)
{
    const std::vector<FeedFault> &faults = m_scenario->feedFaults;
    const CounterNoise loss(m_options.seed ^ 0x5bd1e9955bd1e995ULL);
    std::vector<std::pair<TimeUs, FeedMessage>> released;
    // Instantaneous faults (sequence jumps, malformed frames) that fall before a message fire
    // before it; those due by nowUs with no message after them fire at the end.
    const auto fireInstantaneous = [&](double untilS, const std::string *sourceId) {
        for (std::size_t f = 0; f < faults.size(); ++f) {
            const FeedFault &fault = faults[f];
            if (fault.kind != FeedFaultKind::SequenceGap && fault.kind != FeedFaultKind::SequenceRestart
                && fault.kind != FeedFaultKind::Malformed)
                continue;
            if (sourceId && fault.kind != FeedFaultKind::Malformed && fault.sourceId != *sourceId)
                continue;
            FaultProgress &progress = m_faultProgress[f];
            while (progress.nextAtS <= untilS) {
                if (fault.kind == FeedFaultKind::Malformed) {
                    const TimeUs atUs = m_options.epochUs - m_startOffsetUs + secondsToUs(progress.nextAtS);
                    Nation nation = Nation::Japan;
                    for (const NationalSource &source : m_sources) {
                        if (source.config().sourceId == fault.sourceId)
                            nation = source.config().nation;
                    }
                    for (int i = 0; i < fault.count; ++i)
                        m_malformed.push_back({atUs, fault.sourceId, nation, i});
                } else if (fault.kind == FeedFaultKind::SequenceGap) {
                    m_sequenceOffset[fault.sourceId] += fault.skip;
                } else {
                    // Marked: the next message of the source is numbered 1.
                    m_sequenceOffset[fault.sourceId] = std::numeric_limits<std::int64_t>::min();
                }
                if (fault.window.repeatS <= 0.0) {
                    progress.nextAtS = std::numeric_limits<double>::infinity();
                    break;
                }
                progress.nextAtS += fault.window.repeatS;
            }
        }
    };
    for (FeedMessage &message : messages) {
        const std::string &sourceId = message.header.sourceId;
        const double atS = scenarioTimeS(message.header.sourceTimeUs);
        fireInstantaneous(atS, &sourceId);
        bool lost = false;
        double delayS = 0.0;
        for (const FeedFault &fault : faults) {
            if (fault.sourceId != sourceId || !fault.window.contains(atS))
                continue;
            if (fault.kind == FeedFaultKind::Silent)
                lost = true;
            else if (fault.kind == FeedFaultKind::Loss)
                lost = lost
                    || loss.uniform({std::hash<std::string> {}(sourceId), message.header.sequence})
                        < fault.lossFraction;
            else if (fault.kind == FeedFaultKind::Latency)
                delayS = std::max(delayS, fault.latencyS);
        }
        if (lost)
            continue;
        auto offset = m_sequenceOffset.find(sourceId);
        if (offset != m_sequenceOffset.end()) {
            if (offset->second == std::numeric_limits<std::int64_t>::min())
                offset->second = 1 - static_cast<std::int64_t>(message.header.sequence);
            message.header.sequence
                = static_cast<std::uint64_t>(static_cast<std::int64_t>(message.header.sequence)
                                             + offset->second);
        }
        const TimeUs releaseUs = message.header.sourceTimeUs + secondsToUs(delayS);
        if (releaseUs > nowUs)
            m_delayed.emplace_back(releaseUs, std::move(message));
        else
            released.emplace_back(releaseUs, std::move(message));
    }
    fireInstantaneous(scenarioTimeS(nowUs), nullptr);
    // Held messages now due join the stream at their release time.
    for (auto it = m_delayed.begin(); it != m_delayed.end();) {
        if (it->first <= nowUs) {
            released.push_back(std::move(*it));
            it = m_delayed.erase(it);
        } else {
            ++it;
        }
    }
    std::stable_sort(released.begin(), released.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    messages.clear();
    for (auto &[releaseUs, message] : released)
        messages.push_back(std::move(message));
}

} // namespace cop::sim
