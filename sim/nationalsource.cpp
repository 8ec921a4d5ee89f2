// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/nationalsource.h"

#include "sim/impactpredictor.h"
#include "sim/measurement.h"
#include "sim/sensorschedule.h"
#include "sim/vehicle.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace cop::sim {

namespace {

// While no sensor holds a track the tracker coasts it on its ballistic prediction; the
// uncertainty grows at this rate up to a ceiling (illustrative values).
constexpr double kCoastGrowthMps = 5.0;
constexpr double kCoastCeilingM = 15e3;
constexpr double kCoastVelocitySigmaMps = 40.0;
// A degraded sensor measures this many times worse.
constexpr double kDegradedSigmaFactor = 3.0;
// A new track's velocity is unknown to about orbital speed.
constexpr double kInitialVelocitySigmaMps = 3000.0;
// The tracker's state needs a few post-boost updates before its ballistic impact prediction
// beats the class template.
constexpr TimeUs kSettleAfterBurnoutUs = 5 * kMicrosPerSecond;

// The tracker's estimate as the wire reports it: geodetic position (kept above the sea surface,
// as a tracker constrains it), local east/north/up velocity and position covariance.
void reportTrackerState(const BallisticTracker &tracker, TrackUpdate &update)
{
    EnuFrame frame;
    update.position = toGeodetic(tracker.positionM(), frame);
    update.position.altitudeM = std::max(update.position.altitudeM, 0.0);
    const Vec3 v = frame.toEnu(tracker.velocityMps());
    update.velocity = {v.x, v.y, v.z};
    const Vec3 axes[3] = {frame.east, frame.north, frame.up};
    double c[3][3];
    for (int i = 0; i < 3; ++i) {
        for (int j = 0; j < 3; ++j) {
            double sum = 0.0;
            const double a[3] = {axes[i].x, axes[i].y, axes[i].z};
            const double b[3] = {axes[j].x, axes[j].y, axes[j].z};
            for (int k = 0; k < 3; ++k)
                for (int l = 0; l < 3; ++l)
                    sum += a[k] * tracker.covariance()(k, l) * b[l];
            c[i][j] = sum;
        }
    }
    update.positionCovarianceM2 = {c[0][0], c[0][1], c[0][2], c[1][1], c[1][2], c[2][2]};
}

// The widest stage drop zone worth publishing, 1σ of its longer axis (illustrative).
constexpr double kMaxStageDropSigmaM = 250e3;

// The wire refuses impact variances above 4e12 m² (1σ 2,000 km, docs/protocol.md); a prediction
// from a state that uncertain is scaled down to it, keeping its shape.
EnuCovariance2 withinWireLimits(EnuCovariance2 c)
{
    constexpr double kMaxVarianceM2 = 4.0e12;
    const double largest = std::max(c.ee, c.nn);
    if (largest > kMaxVarianceM2) {
        const double scale = kMaxVarianceM2 / largest;
        c = {c.ee * scale, c.en * scale, c.nn * scale};
    }
    return c;
}

TimeUs floorDiv(TimeUs a, TimeUs b)
{
    const TimeUs q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// Times origin + k·period (k ≥ 0) in (afterUs, untilUs].
std::vector<TimeUs> ticksIn(TimeUs afterUs, TimeUs untilUs, TimeUs originUs, TimeUs periodUs)
{
    std::vector<TimeUs> ticks;
    const TimeUs firstK = std::max<TimeUs>(floorDiv(afterUs - originUs, periodUs) + 1, 0);
    for (TimeUs t = originUs + firstK * periodUs; t <= untilUs; t += periodUs)
        ticks.push_back(t);
    return ticks;
}

double trace(const EnuCovariance3 &c)
{
    return c.ee + c.nn + c.uu;
}

EnuCovariance3 scaled(EnuCovariance3 c, double factor)
{
    for (double *v : {&c.ee, &c.en, &c.eu, &c.nn, &c.nu, &c.uu})
        *v *= factor;
    return c;
}

} // namespace

NationalSource::NationalSource(SourceConfig config, TimeUs epochUs, std::uint64_t seed,
                               int sourceIndex)
    : m_config(std::move(config))
    , m_epochUs(epochUs)
    , m_updatePeriodUs(static_cast<TimeUs>(std::llround(1e6 / m_config.updateRateHz)))
    , m_sourceIndex(sourceIndex)
    , m_estimator(seed)
    , m_measurementNoise(seed ^ 0x9e3779b97f4a7c15ULL) // a stream apart from the estimator's
{
    m_sensors.reserve(m_config.sensors.size());
    for (const SensorSpec &spec : m_config.sensors)
        m_sensors.emplace_back(spec);
}

void NationalSource::push(std::vector<FeedMessage> &out, TimeUs timeUs, MessageBody body)
{
    FeedMessage message;
    message.header.sourceId = m_config.sourceId;
    message.header.nation = m_config.nation;
    message.header.sequence = ++m_sequence;
    message.header.sourceTimeUs = timeUs;
    message.body = std::move(body);
    out.push_back(std::move(message));
}

std::vector<FeedMessage> NationalSource::advance(TimeUs afterUs, TimeUs untilUs,
                                                 const std::vector<MissileInstance> &missiles,
                                                 const SensorStateFunction &sensorState)
{
    // Every clock this source keeps, merged into one time-ordered list of ticks. At equal
    // times: heartbeat, then sensor status, then tracks.
    enum TickKind { HeartbeatTick, StatusTick, TrackTick };
    struct Tick
    {
        TimeUs timeUs;
        TickKind kind;
        auto operator<=>(const Tick &) const = default;
    };
    std::vector<Tick> ticks;
    const TimeUs originUs = m_epochUs + m_config.phaseUs;
    for (TimeUs t : ticksIn(afterUs, untilUs, originUs, kHeartbeatPeriodUs))
        ticks.push_back({t, HeartbeatTick});
    for (TimeUs t : ticksIn(afterUs, untilUs, originUs, kSensorStatusPeriodUs))
        ticks.push_back({t, StatusTick});
    for (TimeUs t : ticksIn(afterUs, untilUs, originUs, m_updatePeriodUs))
        ticks.push_back({t, TrackTick});
    std::sort(ticks.begin(), ticks.end());

    std::vector<FeedMessage> out;
    for (const Tick &tick : ticks) {
        switch (tick.kind) {
        case HeartbeatTick:
            push(out, tick.timeUs, Heartbeat{tick.timeUs, m_config.updateRateHz});
            // A sensor that changed state is reported at once (within a heartbeat), not at the
            // next periodic status: an operator must learn of an outage when it happens.
            for (std::size_t i = 0; i < m_sensors.size(); ++i) {
                const SensorState state = sensorState(m_sensors[i].sensorId(), tick.timeUs);
                if (m_reportedStates.size() == m_sensors.size() && m_reportedStates[i] != state
                    && (tick.timeUs - originUs) % kSensorStatusPeriodUs != 0) {
                    push(out, tick.timeUs, m_sensors[i].status(state, tick.timeUs));
                    m_reportedStates[i] = state;
                }
            }
            break;
        case StatusTick:
            m_reportedStates.resize(m_sensors.size());
            for (std::size_t i = 0; i < m_sensors.size(); ++i) {
                const SensorState state = sensorState(m_sensors[i].sensorId(), tick.timeUs);
                push(out, tick.timeUs, m_sensors[i].status(state, tick.timeUs));
                m_reportedStates[i] = state;
            }
            break;
        case TrackTick:
            emitTracks(tick.timeUs, missiles, sensorState, out);
            break;
        }
    }
    return out;
}

void NationalSource::emitTracks(TimeUs tickUs, const std::vector<MissileInstance> &missiles,
                                const SensorStateFunction &sensorState,
                                std::vector<FeedMessage> &out)
{
    const TimeUs validUs = tickUs - m_config.latencyUs;
    for (const MissileInstance &missile : missiles) {
        const InstanceKey key{missile.launchIndex, missile.repeat};
        const BallisticFlight &flight = missile.flight;
        auto it = m_tracks.find(key);
        if (it != m_tracks.end()) {
            if (tickUs >= flight.impactTimeUs() + kDropDelayUs) {
                push(out, tickUs, TrackDrop{it->second.trackId, tickUs, DropReason::Impacted});
                m_tracks.erase(it);
                continue;
            }
        } else {
            if (validUs < flight.launchTimeUs() || validUs >= flight.impactTimeUs())
                continue;
            const double contactS = firstContactAfterLaunchS(missile);
            if (!std::isfinite(contactS)
                || tickUs < flight.launchTimeUs()
                                + secondsToUs(contactS + m_config.detectionDelayS))
                continue;
            char trackId[32];
            std::snprintf(trackId, sizeof trackId, "%s-%04d",
                          std::string(nationCode(m_config.nation)).c_str(), m_nextTrackNumber++);
            TrackRecord record;
            record.trackId = trackId;
            record.lastContactUs = validUs;
            it = m_tracks.emplace(key, std::move(record)).first;
        }
        push(out, tickUs, makeUpdate(missile, it->second, tickUs, sensorState));
    }
}

TrackUpdate NationalSource::makeUpdate(const MissileInstance &missile, TrackRecord &record,
                                       TimeUs tickUs, const SensorStateFunction &sensorState)
{
    const BallisticFlight &flight = missile.flight;
    const TimeUs validUs = tickUs - m_config.latencyUs;
    const FlightState truth = flight.stateAt(validUs);

    // Every sensor of the nation measures the missile on its own schedule (sensorschedule.h):
    // from its first-detection delay after first sight, once per revisit interval, at the
    // true state of that instant. The tracker folds in everything measured since the last
    // update, in time order.
    TrackUpdate update;
    struct TimedMeasurement
    {
        TimeUs timeUs;
        Measurement z;
    };
    std::vector<TimedMeasurement> measurements;
    EnuCovariance3 covariance;
    bool haveContact = false;
    bool bestDegraded = false;
    // A new track takes everything its sensors measured since launch: the source reports
    // only after its own detection delay, but its sensors were measuring all along.
    const TimeUs sinceUs = record.lastUpdateValidUs == kTimeUnset ? flight.launchTimeUs() - 1
                                                                  : record.lastUpdateValidUs;
    record.lastUpdateValidUs = validUs;
    const double sinceS = usToSeconds(sinceUs - flight.launchTimeUs());
    const double untilS = usToSeconds(validUs - flight.launchTimeUs());
    for (std::size_t i = 0; i < m_sensors.size(); ++i) {
        const Sensor &sensor = m_sensors[i];
        const SensorSchedule schedule(sensor, flight, firstLineOfSightS(missile, i));
        bool measured = false;
        bool degraded = false;
        for (double atS : schedule.measurementTimesS(sinceS, untilS)) {
            const TimeUs atUs = flight.launchTimeUs() + secondsToUs(atS);
            const SensorState state = sensorState(sensor.sensorId(), atUs);
            if (state == SensorState::Offline)
                continue;
            degraded = state == SensorState::Degraded;
            const double factor = degraded ? kDegradedSigmaFactor : 1.0;
            const auto draw = [&](std::uint64_t component) {
                return m_measurementNoise.gaussian(
                    {static_cast<std::uint64_t>(m_sourceIndex),
                     static_cast<std::uint64_t>(missile.launchIndex),
                     static_cast<std::uint64_t>(missile.repeat), static_cast<std::uint64_t>(i),
                     static_cast<std::uint64_t>(atUs - flight.launchTimeUs()), component});
            };
            const FlightState at = flight.stateAt(atUs);
            measurements.push_back({atUs, measure(sensor, at, {draw(0), draw(1), draw(2)}, factor)});
            measured = true;
        }
        if (!measured)
            continue;
        update.contributingSensors.push_back(sensor.sensorId());
        EnuCovariance3 c = sensor.measurementCovariance(truth);
        if (degraded)
            c = scaled(c, kDegradedSigmaFactor * kDegradedSigmaFactor);
        if (!haveContact || trace(c) < trace(covariance)) {
            covariance = c;
            bestDegraded = degraded;
        }
        haveContact = true;
    }
    std::stable_sort(measurements.begin(), measurements.end(),
                     [](const TimedMeasurement &a, const TimedMeasurement &b) {
                         return a.timeUs < b.timeUs;
                     });
    double velocitySigmaMps = TrackEstimator::kVelocitySigmaMps;
    if (haveContact) {
        record.lastContactUs = validUs;
        record.lastSigmaM = std::sqrt(trace(covariance) / 3.0);
        update.quality = bestDegraded ? 0.5f : (update.contributingSensors.size() > 1 ? 0.9f : 0.75f);
    } else {
        const double coastS = usToSeconds(validUs - record.lastContactUs);
        const double sigmaM = std::min(std::max(record.lastSigmaM, 500.0) + kCoastGrowthMps * coastS,
                                       kCoastCeilingM);
        covariance = {sigmaM * sigmaM, 0.0, 0.0, sigmaM * sigmaM, 0.0, sigmaM * sigmaM};
        velocitySigmaMps = kCoastVelocitySigmaMps;
        update.quality = 0.3f;
    }

    // The boost is cued by space-based infrared, which the three nations share; after burnout
    // the tracker allows for the drag its estimate would feel.
    const bool boosting = truth.phase == TrackPhase::Boost;
    if (!boosting && record.boostEndUs == kTimeUnset)
        record.boostEndUs = validUs;
    const double betaKgPerM2 =
        vehicleProfileFor(missile.missileClass, flight.spec().burnTimeS).ballisticCoefficientKgPerM2;
    BallisticTracker &tracker = record.tracker;
    const auto secondsOf = [&](TimeUs t) { return usToSeconds(t - m_epochUs); };
    // A manoeuvre the residuals reveal adds its noise to what the phase calls for, for a body
    // that can manoeuvre (a glide vehicle, or one not yet classified). A ballistic re-entry
    // body's residual spikes come from the drag the phase noise already allows for.
    const bool canManoeuvre = missile.missileClass == MissileClass::GlideVehicle
        || missile.missileClass == MissileClass::Unknown;
    const auto processNoise = [&] {
        const GeoPosition estimated = toGeodetic(tracker.positionM());
        return ProcessNoise::forFlight(boosting, estimated.altitudeM, tracker.velocityMps().norm(),
                                       betaKgPerM2)
            + (canManoeuvre ? record.manoeuvre.processNoiseM2PerS3() : 0.0);
    };
    for (const TimedMeasurement &m : measurements) {
        if (!tracker.isInitialized()) {
            tracker.initialize(m.z, secondsOf(m.timeUs), kInitialVelocitySigmaMps);
            continue;
        }
        tracker.predict(secondsOf(m.timeUs), processNoise());
        const double nis = tracker.update(m.z);
        // Under thrust the boost noise already covers any acceleration.
        if (!boosting)
            record.manoeuvre.addResidual(nis);
    }
    if (tracker.isInitialized())
        tracker.predict(secondsOf(validUs), processNoise());

    // Launch point and time still come from the stand-in estimator (a launch-point estimate
    // from the first infrared detections is for later).
    const TrackNoiseKey noiseKey{static_cast<std::uint64_t>(m_sourceIndex),
                                 static_cast<std::uint64_t>(missile.launchIndex),
                                 static_cast<std::uint64_t>(missile.repeat)};
    const TrackEstimate estimate =
        m_estimator.estimate(flight, truth, covariance, velocitySigmaMps, noiseKey, tickUs);

    update.trackId = record.trackId;
    update.timeUs = validUs;
    update.position = estimate.position;
    update.velocity = estimate.velocity;
    update.positionCovarianceM2 = estimate.positionCovarianceM2;
    update.impact = estimate.impact;
    if (tracker.isInitialized())
        reportTrackerState(tracker, update);
    // Until the ballistic part of the flight has been tracked for a few seconds the impact
    // comes from the class template (stand-in estimator); then from the tracker's state. Only
    // a state a sensor has just updated is worth predicting from: while a track coasts, the
    // impact point of a ballistic body does not move and the last prediction stands.
    // A manoeuvring glide vehicle's impact point does move while it coasts: its prediction is
    // redone from the coasting filter, whose covariance grows with the manoeuvre noise.
    const bool glider = missile.missileClass == MissileClass::GlideVehicle;
    if (tracker.isInitialized() && !boosting
        && (!measurements.empty() || (glider && record.manoeuvre.isManoeuvring()))
        && validUs - record.boostEndUs >= kSettleAfterBurnoutUs) {
        if (record.lastPredictionUs == kTimeUnset
            || validUs - record.lastPredictionUs >= kImpactPredictionPeriodUs) {
            record.lastPredictionUs = validUs;
            // A glide vehicle can fly anywhere in its footprint: a ballistic prediction of it
            // would be confidently wrong.
            std::optional<ImpactEstimate> impact = glider
                ? predictGlideImpact(tracker.positionM(), tracker.velocityMps(),
                                     tracker.covariance(), betaKgPerM2, flight.spec().target.altitudeM)
                : predictImpact(tracker.positionM(), tracker.velocityMps(), tracker.covariance(),
                                betaKgPerM2, flight.spec().target.altitudeM);
            if (impact) {
                record.hasTrackerImpact = true;
                record.trackerImpact.point = impact->point;
                record.trackerImpact.timeUs = validUs + secondsToUs(impact->timeToImpactS);
                record.trackerImpact.covarianceM2 = withinWireLimits(
                    {impact->eastEastM2, impact->eastNorthM2, impact->northNorthM2});
            }
        }
    }
    if (record.hasTrackerImpact)
        update.impact = record.trackerImpact;
    // A launcher's spent stage: when the tracker sees the vehicle just after a separation, the
    // stage has the same state, so the nation predicts where it falls by flying that state
    // (with its covariance, unscented) as a light, tumbling body.
    const double elapsedS = usToSeconds(validUs - flight.launchTimeUs());
    for (const StageDrop &drop : flight.stageDrops()) {
        const bool predicted = std::any_of(record.stageDrops.begin(), record.stageDrops.end(),
                                           [&](const StageDropZone &z) { return z.stage == drop.stage; });
        // Only a state seen within moments of the separation is the stage's; a track first
        // formed later has missed it.
        constexpr double kSeparationWindowS = 5.0;
        if (predicted || elapsedS < drop.separationAfterLaunchS
            || elapsedS > drop.separationAfterLaunchS + kSeparationWindowS
            || !tracker.isInitialized() || measurements.empty())
            continue;
        const std::optional<ImpactEstimate> fall
            = predictImpact(tracker.positionM(), tracker.velocityMps(), tracker.covariance(),
                            BallisticFlight::kSpentStageBallisticCoefficientKgPerM2,
                            flight.spec().target.altitudeM);
        // A zone wider than a sea is no warning: a nation that saw the separation only from
        // space-based infrared, with a filter that cannot yet tell the stage's speed, publishes
        // nothing for that stage rather than an ellipse over the whole theatre.
        if (fall && std::max(fall->eastEastM2, fall->northNorthM2) <= kMaxStageDropSigmaM * kMaxStageDropSigmaM) {
            record.stageDrops.push_back(
                {drop.stage, fall->point, validUs + secondsToUs(fall->timeToImpactS),
                 withinWireLimits({fall->eastEastM2, fall->eastNorthM2, fall->northNorthM2})});
        }
    }
    update.stageDrops = record.stageDrops;
    update.phase = truth.phase;
    update.identity = Identity::Hostile;
    update.missileClass = missile.missileClass;
    update.hasLaunch = true;
    update.launchPoint = estimate.launchPoint;
    update.launchTimeUs = estimate.launchTimeUs;
    update.hasImpact = true;
    return update;
}

double NationalSource::firstLineOfSightS(const MissileInstance &missile, std::size_t sensorIndex)
{
    // Geometry only (sensor health changes with time and is applied per measurement), so the
    // answer is the same for every repetition of a scheduled launch.
    const std::pair<int, std::size_t> key {missile.launchIndex, sensorIndex};
    const auto cached = m_firstLineOfSightS.find(key);
    if (cached != m_firstLineOfSightS.end())
        return cached->second;
    const double s = SensorSchedule::firstLineOfSightS(m_sensors[sensorIndex], missile.flight);
    m_firstLineOfSightS.emplace(key, s);
    return s;
}

double NationalSource::firstContactAfterLaunchS(const MissileInstance &missile)
{
    // The first sensor to measure it.
    double contactS = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < m_sensors.size(); ++i)
        contactS = std::min(contactS, firstLineOfSightS(missile, i)
                                          + m_sensors[i].spec().firstDetectionDelayS);
    return contactS;
}

} // namespace cop::sim
