// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/messages.h"
#include "net/rejectreason.h"

#include <memory>
#include <string>
#include <string_view>

namespace cop::net {

// Turns one received (topic, payload) pair into a validated FeedMessage, or refuses it with a
// reason and a human-readable detail. Every field is checked: ranges, NaN and infinities,
// timestamps, sizes and enum values, so nothing downstream has to distrust the data.
// Keeps one parse buffer for reuse; use one decoder per thread.
class WireDecoder
{
public:
    WireDecoder();
    ~WireDecoder();
    WireDecoder(const WireDecoder &) = delete;
    WireDecoder &operator=(const WireDecoder &) = delete;

    struct Rejection
    {
        RejectReason reason = RejectReason::ParseError;
        std::string detail; // which field and why, for logs and cop-tap
    };

    // On success fills out (receiveTimeUs untouched) and returns true; otherwise fills
    // rejection. out may be partly written on failure.
    bool decode(std::string_view topic, std::string_view payload, FeedMessage &out,
                Rejection &rejection);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

// Protobuf's JSON mapping of a payload, for cop-tap and diagnostics; empty if unparsable.
std::string payloadToJson(std::string_view payload);

} // namespace cop::net
