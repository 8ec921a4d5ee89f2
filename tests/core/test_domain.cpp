// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/domain.h"
#include "core/timeus.h"

#include <gtest/gtest.h>

namespace cop {
namespace {

TEST(Domain, NationCodesRoundTrip)
{
    for (Nation nation : kAllNations)
        EXPECT_EQ(nationFromCode(nationCode(nation)), nation);
    EXPECT_FALSE(nationFromCode("KP").has_value());
    EXPECT_FALSE(nationFromCode("").has_value());
}

TEST(Domain, TopicWordsRoundTrip)
{
    for (int i = 0; i < kMessageKindCount; ++i) {
        const auto kind = static_cast<MessageKind>(i);
        EXPECT_EQ(messageKindFromTopicWord(messageKindTopicWord(kind)), kind);
    }
    EXPECT_FALSE(messageKindFromTopicWord("tracks").has_value());
}

TEST(Time, FormatsUtcWithMilliseconds)
{
    EXPECT_EQ(formatUtc(1'689'123'600'123'456), QStringLiteral("2023-07-12T01:00:00.123Z"));
    EXPECT_EQ(usToSeconds(secondsToUs(1.5)), 1.5);
}

} // namespace
} // namespace cop
