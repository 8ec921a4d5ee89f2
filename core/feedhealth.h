// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "messages.h"
#include "picture.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace cop {

// How long a source may stay quiet before it is silent: three missed heartbeats (sources send
// one a second). The status bar, the health panel, the map and the alert rule all use this one
// value, so they never disagree about which source is silent.
inline constexpr TimeUs kSourceSilentAfterUs = 3 * kMicrosPerSecond;
// Quiet longer than this is one missed heartbeat and a half: stale, not yet silent.
inline constexpr TimeUs kSourceStaleAfterUs = 1'500 * kMicrosPerMillisecond;

// What an operator needs to know first about a source.
enum class SourceHealthState : std::uint8_t {
    Live,   // heard from recently and its data is current
    Stale,  // a heartbeat missed, or its messages arrive late (median latency too high)
    Silent, // nothing for more than kSourceSilentAfterUs
};
QString sourceHealthStateName(SourceHealthState state);

// What the latency says about the source's clock against the viewer's.
enum class ClockSkew : std::uint8_t {
    None,
    Ahead,  // messages arrive before they were sent: the source's clock is ahead of ours
    Behind, // even the fastest message is late by seconds: a clock behind, or a standing delay
};
QString clockSkewName(ClockSkew skew);

struct FeedHealthRules
{
    TimeUs staleAfterUs = kSourceStaleAfterUs;
    TimeUs silentAfterUs = kSourceSilentAfterUs;
    // Median latency above this makes a talking source stale: what it says is old news. The
    // same figure raises the alert engine's latency alert.
    TimeUs staleLatencyUs = 2 * kMicrosPerSecond;
    // Message rate: counted per whole second of receive time over this many completed seconds.
    int rateWindowSeconds = 5;
    // Latency statistics over the newest samples, no older than the window. Bounded memory per
    // source whatever the rate.
    std::size_t latencySamples = 1024;
    TimeUs latencyWindowUs = 10 * kMicrosPerSecond;
    // Median latency below minus this: the source's clock is ahead (network time is never
    // negative; a few hundred milliseconds allow for ordinary NTP error).
    TimeUs clockAheadUs = 250 * kMicrosPerMillisecond;
    // Smallest latency in the window above this: the source's clock is behind, or everything
    // it sends is held up somewhere.
    TimeUs clockBehindUs = 2 * kMicrosPerSecond;
    // A source sending more than this is flooding: national systems send tens to hundreds of
    // messages a second; thousands means a runaway publisher or an attack.
    double floodRateHz = 5'000.0;
};

// One source's health at one moment, for the panel, the status bar and the map.
struct SourceHealth
{
    std::string sourceId;
    Nation nation = Nation::Japan;
    SourceHealthState state = SourceHealthState::Live;
    TimeUs quietUs = 0; // since its last message
    double rateHz = 0.0;
    bool flooding = false;
    // Sequence accounting, from the Picture.
    std::uint64_t messageCount = 0;
    std::uint64_t gapCount = 0;
    std::uint64_t missedMessages = 0;
    std::uint64_t restartCount = 0;
    std::uint64_t outOfOrderCount = 0;
    TimeUs lastGapReceiveTimeUs = kTimeUnset;
    // Latency = receive time - source time, over the window. Unset with no samples.
    std::size_t latencySampleCount = 0;
    TimeUs latencyMedianUs = kTimeUnset;
    TimeUs latencyP95Us = kTimeUnset;
    TimeUs latencyMinUs = kTimeUnset;
    ClockSkew clockSkew = ClockSkew::None;
    // Frames refused by the decoder whose topic named this source, by reason name.
    std::uint64_t rejectedCount = 0;
};

// Refused frames of one reason, counted by the subscriber (all endpoints together).
struct RejectTally
{
    std::string reason;
    std::uint64_t count = 0;
};

// Failed handshakes with one network feed endpoint, counted by the subscriber. A publisher that
// refuses this console's key, or whose key is not the one given for it, sends nothing at all:
// without this count its silence looks like a quiet feed.
struct HandshakeTally
{
    std::string endpoint;
    bool curve = false; // a publisher key is given for the endpoint
    std::uint64_t failures = 0;
    std::uint64_t refused = 0; // of those, refused by the publisher's list of allowed clients
};

// Per-source feed health statistics beyond the Picture's sequence accounting: message rate over
// a sliding window, latency median and 95th percentile, clock skew, flooding, and the live /
// stale / silent state. Fed every batch the Picture applies, on the same thread; memory per
// source is bounded whatever the rate. Not thread-safe.
class FeedHealth
{
public:
    explicit FeedHealth(FeedHealthRules rules = {});

    void observe(const FeedBatch &batch);
    // A frame refused before it became a message, attributed to the source its topic names.
    // Counted only for a source that has sent a valid message: a hostile sender inventing
    // source ids must not grow this without bound (its frames are in the per-reason totals).
    void noteRejected(const std::string &sourceId, std::uint64_t count = 1);
    void clear();

    // Every source the Picture knows, sorted by nation then id. nowUs is the console's clock in
    // receive time (the playhead in a replay).
    std::vector<SourceHealth> snapshot(const Picture &picture, TimeUs nowUs) const;
    SourceHealth health(const SourceRecord &source, TimeUs nowUs) const;
    // Ids of the sources silent at nowUs, for marking their tracks on the map.
    std::unordered_set<std::string> silentSources(const Picture &picture, TimeUs nowUs) const;

    const FeedHealthRules &rules() const { return m_rules; }

private:
    struct SourceStats
    {
        // Messages per whole second of receive time, a ring indexed by second.
        std::vector<std::int64_t> bucketSecond;
        std::vector<std::uint32_t> bucketCount;
        TimeUs firstReceiveUs = kTimeUnset;
        // Latency samples, a ring.
        std::vector<TimeUs> latencyUs;
        std::vector<TimeUs> latencyReceiveUs;
        std::size_t latencyNext = 0;
        std::uint64_t rejected = 0;
    };

    double rateHz(const SourceStats &stats, TimeUs nowUs) const;
    void latencyFigures(const SourceStats &stats, TimeUs nowUs, SourceHealth &out) const;

    FeedHealthRules m_rules;
    std::unordered_map<std::string, SourceStats> m_stats;
    // Scratch for percentiles, reused.
    mutable std::vector<TimeUs> m_sorted;
};

// Nearest-rank percentile (p in (0, 1]) of values, which it reorders. kTimeUnset if empty.
TimeUs nearestRankPercentile(std::vector<TimeUs> &values, double p);

} // namespace cop
