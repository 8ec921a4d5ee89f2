// SPDX-License-Identifier: GPL-3.0-or-later
// The status bar never lets a silent or lossy source look healthy.
#include "widgets/feedstatusbar.h"

#include <gtest/gtest.h>

namespace cop {
namespace {

constexpr TimeUs kT0 = 1'700'000'000'000'000;
constexpr TimeUs kSecond = kMicrosPerSecond;

FeedMessage heartbeat(const std::string &source, Nation nation, std::uint64_t sequence, TimeUs receiveUs)
{
    return {{source, nation, sequence, receiveUs, receiveUs}, Heartbeat{receiveUs, 1.0}};
}

struct BadgeCase
{
    const char *name;
    std::vector<std::uint64_t> sequences; // one heartbeat a second from kT0
    TimeUs nowUs;
    const char *expected;
};

void PrintTo(const BadgeCase &c, std::ostream *os)
{
    *os << c.name;
}

// 1, 2, then 5 onwards up to last: one gap of two messages at the third second.
std::vector<std::uint64_t> gapThenSteady(std::uint64_t last)
{
    std::vector<std::uint64_t> sequences{1, 2};
    for (std::uint64_t s = 5; s <= last; ++s)
        sequences.push_back(s);
    return sequences;
}

class SourceBadge : public ::testing::TestWithParam<BadgeCase>
{
};

TEST_P(SourceBadge, SaysWhatTheSourceIsDoing)
{
    Picture picture;
    FeedBatch batch;
    TimeUs t = kT0;
    for (std::uint64_t sequence : GetParam().sequences)
        batch.push_back(heartbeat("KR-KAMD", Nation::Korea, sequence, t += kSecond));
    picture.applyBatch(batch);
    FeedStatusBar bar;
    bar.refresh(picture, {}, GetParam().nowUs);
    ASSERT_EQ(bar.sourceTexts().size(), 1);
    EXPECT_EQ(bar.sourceTexts().constFirst().toStdString(), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SourceBadge,
    ::testing::Values(BadgeCase{"Live", {1, 2, 3}, kT0 + 4 * kSecond, "KR-KAMD LIVE"},
                      BadgeCase{"RecentLoss", {1, 2, 5}, kT0 + 4 * kSecond, "KR-KAMD LIVE · loss 1 s ago"},
                      // Silence outranks loss: the worse state is the one shown.
                      BadgeCase{"SilentAfterLoss", {1, 2, 5}, kT0 + 13 * kSecond, "KR-KAMD SILENT 10 s"},
                      // 70 heartbeats, the loss seen at the third: 67 s before now.
                      BadgeCase{"LossLongAgo", gapThenSteady(72), kT0 + 70 * kSecond, "KR-KAMD LIVE"},
                      BadgeCase{"Silent", {1, 2, 3}, kT0 + 15 * kSecond, "KR-KAMD SILENT 12 s"}),
    [](const auto &info) { return std::string(info.param.name); });

TEST(FeedStatusBar, TotalsShowRejectedAndDemo)
{
    Picture picture;
    picture.applyBatch({heartbeat("JP-JADGE", Nation::Japan, 1, kT0)});
    FeedStatusBar bar;
    FeedTransportHealth health;
    health.messagesAccepted = 10;
    health.messagesRejected = 2;
    health.demo = true;
    bar.refresh(picture, health, kT0);
    EXPECT_TRUE(bar.totalsText().contains(QStringLiteral("2 rejected")));
    EXPECT_TRUE(bar.totalsText().contains(QStringLiteral("DEMO FEED")));
}

TEST(FeedStatusBar, ReplayNeverSaysLive)
{
    Picture picture;
    picture.applyBatch({heartbeat("JP-JADGE", Nation::Japan, 1, kT0)});
    FeedStatusBar bar;
    FeedTransportHealth health;
    health.replay = true;
    bar.refresh(picture, health, kT0 + kSecond);
    ASSERT_EQ(bar.sourceTexts().size(), 1);
    EXPECT_EQ(bar.sourceTexts().constFirst(), QStringLiteral("JP-JADGE OK"));
    EXPECT_TRUE(bar.totalsText().contains(QStringLiteral("REPLAY")));
    EXPECT_FALSE(bar.totalsText().contains(QStringLiteral("endpoint")));
}

TEST(FeedStatusBar, UnsetClockDoesNotMisjudge)
{
    Picture picture;
    picture.applyBatch({heartbeat("JP-JADGE", Nation::Japan, 1, kT0)});
    FeedStatusBar bar;
    bar.refresh(picture, {}, kTimeUnset);
    ASSERT_EQ(bar.sourceTexts().size(), 1);
    EXPECT_EQ(bar.sourceTexts().constFirst(), QStringLiteral("JP-JADGE LIVE"));
}

} // namespace
} // namespace cop
