// SPDX-License-Identifier: GPL-3.0-or-later
#include "feedhealth.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

namespace cop {

namespace {

// Whole second of a time, rounding towards minus infinity.
std::int64_t secondOf(TimeUs timeUs)
{
    return timeUs >= 0 ? timeUs / kMicrosPerSecond : -((-timeUs + kMicrosPerSecond - 1) / kMicrosPerSecond);
}

} // namespace

QString sourceHealthStateName(SourceHealthState state)
{
    switch (state) {
    case SourceHealthState::Live:
        return QStringLiteral("live");
    case SourceHealthState::Stale:
        return QStringLiteral("stale");
    case SourceHealthState::Silent:
        return QStringLiteral("silent");
    }
    return {};
}

QString clockSkewName(ClockSkew skew)
{
    switch (skew) {
    case ClockSkew::None:
        return {};
    case ClockSkew::Ahead:
        return QStringLiteral("clock ahead");
    case ClockSkew::Behind:
        return QStringLiteral("clock behind or delayed");
    }
    return {};
}

TimeUs nearestRankPercentile(std::vector<TimeUs> &values, double p)
{
    if (values.empty())
        return kTimeUnset;
    const auto n = static_cast<double>(values.size());
    const auto rank = static_cast<std::size_t>(std::clamp(std::ceil(p * n), 1.0, n));
    const auto at = values.begin() + static_cast<std::ptrdiff_t>(rank - 1);
    std::nth_element(values.begin(), at, values.end());
    return *at;
}

FeedHealth::FeedHealth(FeedHealthRules rules)
    : m_rules(rules)
{
    m_rules.rateWindowSeconds = std::max(1, m_rules.rateWindowSeconds);
    m_rules.latencySamples = std::max<std::size_t>(1, m_rules.latencySamples);
}

void FeedHealth::clear()
{
    m_stats.clear();
}

void FeedHealth::observe(const FeedBatch &batch)
{
    // The ring holds the window plus the second in progress.
    const auto buckets = static_cast<std::size_t>(m_rules.rateWindowSeconds) + 1;
    SourceStats *stats = nullptr;
    const std::string *statsId = nullptr;
    for (const FeedMessage &message : batch) {
        const MessageHeader &header = message.header;
        if (header.receiveTimeUs == kTimeUnset)
            continue;
        // Batches are mostly runs of one source; skip the lookup while the source repeats.
        if (!statsId || *statsId != header.sourceId) {
            auto [it, inserted] = m_stats.try_emplace(header.sourceId);
            stats = &it->second;
            statsId = &it->first;
            if (inserted) {
                stats->bucketSecond.assign(buckets, std::numeric_limits<std::int64_t>::min());
                stats->bucketCount.assign(buckets, 0);
                stats->firstReceiveUs = header.receiveTimeUs;
            }
        }
        const std::int64_t second = secondOf(header.receiveTimeUs);
        const auto slot = static_cast<std::size_t>(((second % static_cast<std::int64_t>(buckets))
                                                    + static_cast<std::int64_t>(buckets))
                                                   % static_cast<std::int64_t>(buckets));
        if (stats->bucketSecond[slot] != second) {
            // A late message for a second already recycled is not counted: it is outside the
            // window anyway.
            if (stats->bucketSecond[slot] > second)
                continue;
            stats->bucketSecond[slot] = second;
            stats->bucketCount[slot] = 0;
        }
        ++stats->bucketCount[slot];
        stats->firstReceiveUs = std::min(stats->firstReceiveUs, header.receiveTimeUs);

        if (header.sourceTimeUs == kTimeUnset)
            continue;
        const TimeUs latencyUs = header.receiveTimeUs - header.sourceTimeUs;
        if (stats->latencyUs.size() < m_rules.latencySamples) {
            stats->latencyUs.push_back(latencyUs);
            stats->latencyReceiveUs.push_back(header.receiveTimeUs);
        } else {
            stats->latencyUs[stats->latencyNext] = latencyUs;
            stats->latencyReceiveUs[stats->latencyNext] = header.receiveTimeUs;
        }
        stats->latencyNext = (stats->latencyNext + 1) % m_rules.latencySamples;
    }
}

void FeedHealth::noteRejected(const std::string &sourceId, std::uint64_t count)
{
    const auto it = m_stats.find(sourceId);
    if (it != m_stats.end())
        it->second.rejected += count;
}

double FeedHealth::rateHz(const SourceStats &stats, TimeUs nowUs) const
{
    // Completed seconds only: the second in progress would read low.
    const std::int64_t nowSecond = secondOf(nowUs);
    const std::int64_t firstSecond = secondOf(stats.firstReceiveUs);
    // A source heard for less than the window is averaged over the seconds it has been heard.
    const std::int64_t seconds = std::min<std::int64_t>(m_rules.rateWindowSeconds, nowSecond - firstSecond);
    if (seconds <= 0)
        return 0.0;
    std::uint64_t count = 0;
    for (std::size_t i = 0; i < stats.bucketSecond.size(); ++i) {
        const std::int64_t second = stats.bucketSecond[i];
        if (second < nowSecond && second >= nowSecond - seconds)
            count += stats.bucketCount[i];
    }
    return static_cast<double>(count) / static_cast<double>(seconds);
}

void FeedHealth::latencyFigures(const SourceStats &stats, TimeUs nowUs, SourceHealth &out) const
{
    m_sorted.clear();
    for (std::size_t i = 0; i < stats.latencyUs.size(); ++i) {
        if (nowUs - stats.latencyReceiveUs[i] <= m_rules.latencyWindowUs)
            m_sorted.push_back(stats.latencyUs[i]);
    }
    out.latencySampleCount = m_sorted.size();
    if (m_sorted.empty())
        return;
    out.latencyMinUs = *std::min_element(m_sorted.begin(), m_sorted.end());
    out.latencyP95Us = nearestRankPercentile(m_sorted, 0.95);
    out.latencyMedianUs = nearestRankPercentile(m_sorted, 0.5);
    if (out.latencyMedianUs < -m_rules.clockAheadUs)
        out.clockSkew = ClockSkew::Ahead;
    else if (out.latencyMinUs > m_rules.clockBehindUs)
        out.clockSkew = ClockSkew::Behind;
}

SourceHealth FeedHealth::health(const SourceRecord &source, TimeUs nowUs) const
{
    SourceHealth out;
    out.sourceId = source.sourceId;
    out.nation = source.nation;
    out.messageCount = source.messageCount;
    out.gapCount = source.gapCount;
    out.missedMessages = source.missedMessages;
    out.restartCount = source.restartCount;
    out.outOfOrderCount = source.outOfOrderCount;
    out.lastGapReceiveTimeUs = source.lastGapReceiveTimeUs;
    out.quietUs = source.lastReceiveTimeUs != kTimeUnset && nowUs != kTimeUnset
                      ? std::max<TimeUs>(0, nowUs - source.lastReceiveTimeUs)
                      : 0;
    const auto it = m_stats.find(source.sourceId);
    if (it != m_stats.end()) {
        out.rateHz = rateHz(it->second, nowUs);
        latencyFigures(it->second, nowUs, out);
        out.rejectedCount = it->second.rejected;
    }
    out.flooding = out.rateHz > m_rules.floodRateHz;
    if (out.quietUs > m_rules.silentAfterUs)
        out.state = SourceHealthState::Silent;
    else if (out.quietUs > m_rules.staleAfterUs
             || (out.latencyMedianUs != kTimeUnset && out.latencyMedianUs > m_rules.staleLatencyUs))
        out.state = SourceHealthState::Stale;
    else
        out.state = SourceHealthState::Live;
    return out;
}

std::vector<SourceHealth> FeedHealth::snapshot(const Picture &picture, TimeUs nowUs) const
{
    std::vector<SourceHealth> out;
    out.reserve(picture.sources().size());
    for (const auto &[id, source] : picture.sources())
        out.push_back(health(source, nowUs));
    std::sort(out.begin(), out.end(), [](const SourceHealth &a, const SourceHealth &b) {
        return std::tie(a.nation, a.sourceId) < std::tie(b.nation, b.sourceId);
    });
    return out;
}

std::unordered_set<std::string> FeedHealth::silentSources(const Picture &picture, TimeUs nowUs) const
{
    std::unordered_set<std::string> silent;
    for (const auto &[id, source] : picture.sources()) {
        if (source.lastReceiveTimeUs != kTimeUnset && nowUs != kTimeUnset
            && nowUs - source.lastReceiveTimeUs > m_rules.silentAfterUs)
            silent.insert(id);
    }
    return silent;
}

} // namespace cop
