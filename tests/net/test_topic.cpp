// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/protocol.h"

#include <gtest/gtest.h>

namespace cop::net {
namespace {

TEST(Topic, MakesKindNationSource)
{
    EXPECT_EQ(makeTopic(MessageKind::TrackUpdate, Nation::Korea, "KR-KAMD"), "track.KR.KR-KAMD");
    EXPECT_EQ(makeTopic(MessageKind::Heartbeat, Nation::UnitedStates, "US-C2BMC"), "heartbeat.US.US-C2BMC");
}

struct TopicCase
{
    const char *topic;
    bool valid;
};

class TopicParse : public ::testing::TestWithParam<TopicCase>
{
};

TEST_P(TopicParse, AcceptsOnlyWellFormedTopics)
{
    EXPECT_EQ(parseTopic(GetParam().topic).has_value(), GetParam().valid) << GetParam().topic;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, TopicParse,
    ::testing::Values(TopicCase{"track.JP.JP-JADGE", true}, TopicCase{"alert.US.us.c2bmc_2", true},
                      TopicCase{"track.JP.", false}, TopicCase{"track.XX.A", false},
                      TopicCase{"tracks.JP.A", false}, TopicCase{"track", false}, TopicCase{"", false},
                      TopicCase{"track.JP.bad source", false}, TopicCase{"track.JP..x", false}));

TEST(Topic, RefusesOverlongTopic)
{
    EXPECT_FALSE(parseTopic("track.JP." + std::string(200, 'a')).has_value());
}

TEST(Topic, ParsedPartsMatch)
{
    const auto parsed = parseTopic("sensor.KR.KR-KAMD");
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->kind, MessageKind::SensorStatus);
    EXPECT_EQ(parsed->nation, Nation::Korea);
    EXPECT_EQ(parsed->sourceId, "KR-KAMD");
}

} // namespace
} // namespace cop::net
