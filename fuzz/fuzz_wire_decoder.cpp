// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the wire decoder, which every frame from the network passes through.
// A frame must be accepted or refused with a reason: no crash, no sanitizer finding, and an
// accepted message must be one the rest of the viewer can trust.
#include "fuzzinput.h"

#include "net/wiredecoder.h"

#include <cmath>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static cop::net::WireDecoder decoder; // reused as on a receive thread
    const cop::fuzz::WireInput input = cop::fuzz::splitWireInput(data, size);
    cop::FeedMessage message;
    cop::net::WireDecoder::Rejection rejection;
    if (decoder.decode(input.topic, input.payload, message, rejection)) {
        // What validation promises downstream; a breach is a finding.
        if (message.header.sourceId.empty() || message.header.sequence == 0)
            std::abort();
        if (const auto *track = std::get_if<cop::TrackUpdate>(&message.body)) {
            if (!std::isfinite(track->position.latDeg) || std::abs(track->position.latDeg) > 90.0
                || !std::isfinite(track->position.lonDeg)
                || std::abs(track->position.lonDeg) > 180.0)
                std::abort();
        }
        // cop-tap prints accepted payloads through protobuf's JSON mapping.
        (void)cop::net::payloadToJson(input.payload);
    } else if (static_cast<int>(rejection.reason) >= cop::net::kRejectReasonCount) {
        std::abort();
    }
    return 0;
}
