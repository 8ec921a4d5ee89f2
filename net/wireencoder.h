// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/messages.h"

#include <memory>
#include <string>

namespace cop::net {

// Serialises FeedMessages into the two frames of wire protocol v1. Keeps one protobuf
// message for reuse; use one encoder per thread.
class WireEncoder
{
public:
    WireEncoder();
    ~WireEncoder();
    WireEncoder(const WireEncoder &) = delete;
    WireEncoder &operator=(const WireEncoder &) = delete;

    std::string topic(const FeedMessage &message) const;
    // Replaces payload's contents; false only if serialisation itself fails.
    bool encode(const FeedMessage &message, std::string &payload);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace cop::net
