// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol.h"

namespace cop::net {

std::string makeTopic(MessageKind kind, Nation nation, std::string_view sourceId)
{
    std::string topic;
    const std::string_view word = messageKindTopicWord(kind);
    const std::string_view code = nationCode(nation);
    topic.reserve(word.size() + code.size() + sourceId.size() + 2);
    topic.append(word).append(1, '.').append(code).append(1, '.').append(sourceId);
    return topic;
}

std::optional<ParsedTopic> parseTopic(std::string_view topic)
{
    if (topic.size() > kMaxTopicBytes)
        return std::nullopt;
    const auto firstDot = topic.find('.');
    if (firstDot == std::string_view::npos)
        return std::nullopt;
    const auto secondDot = topic.find('.', firstDot + 1);
    if (secondDot == std::string_view::npos)
        return std::nullopt;
    const auto kind = messageKindFromTopicWord(topic.substr(0, firstDot));
    const auto nation = nationFromCode(topic.substr(firstDot + 1, secondDot - firstDot - 1));
    const std::string_view sourceId = topic.substr(secondDot + 1);
    if (!kind || !nation || !isValidSourceId(sourceId))
        return std::nullopt;
    return ParsedTopic{*kind, *nation, sourceId};
}

bool isValidSourceId(std::string_view sourceId)
{
    if (sourceId.empty() || sourceId.size() > kMaxIdBytes || sourceId.front() == '.')
        return false;
    for (const char c : sourceId) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                        || c == '-' || c == '_' || c == '.';
        if (!ok)
            return false;
    }
    return true;
}

} // namespace cop::net
