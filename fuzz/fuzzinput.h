// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace cop::fuzz {

// A wire message in one fuzz input: the first byte is the topic's length, then the topic,
// then the payload. Lengths beyond the input are cut to what is there.
struct WireInput
{
    std::string_view topic;
    std::string_view payload;
};

inline WireInput splitWireInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return {};
    const auto *text = reinterpret_cast<const char *>(data) + 1;
    const std::size_t rest = size - 1;
    const std::size_t topicLength = data[0] < rest ? data[0] : rest;
    return {std::string_view(text, topicLength),
            std::string_view(text + topicLength, rest - topicLength)};
}

} // namespace cop::fuzz
