// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/endpoint.h"
#include "app/viewercommandline.h"

#include <gtest/gtest.h>

namespace cop {
namespace {

struct CommandLineCase
{
    const char *name;
    QStringList arguments; // without the program name
    bool accepted;
    int exitCode; // when not accepted
};

void PrintTo(const CommandLineCase &c, std::ostream *os)
{
    *os << c.name << ": " << c.arguments.join(QLatin1Char(' ')).toStdString();
}

class ViewerCommandLine : public ::testing::TestWithParam<CommandLineCase>
{
};

TEST_P(ViewerCommandLine, AcceptsOrRefusesWithTheRightExitCode)
{
    const CommandLineCase &c = GetParam();
    int exitCode = -1;
    testing::internal::CaptureStderr();
    testing::internal::CaptureStdout();
    const auto options = parseViewerCommandLine(QStringList{QStringLiteral("cop-viewer")} + c.arguments, exitCode);
    const std::string err = testing::internal::GetCapturedStderr();
    const std::string out = testing::internal::GetCapturedStdout();
    EXPECT_EQ(options.has_value(), c.accepted) << err;
    if (!c.accepted) {
        EXPECT_EQ(exitCode, c.exitCode);
        if (c.exitCode == 2)
            EXPECT_NE(err.find("cop-viewer:"), std::string::npos) << "a refusal says why";
        else
            EXPECT_FALSE(out.empty()) << "help and version print to stdout";
    }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ViewerCommandLine,
    ::testing::Values(
        CommandLineCase{"Demo", {QStringLiteral("--demo")}, true, 0},
        CommandLineCase{"TwoFeeds", {QStringLiteral("--connect"), QStringLiteral("tcp://127.0.0.1:5555"), QStringLiteral("--connect"), QStringLiteral("ipc:///run/cop/feed"), QStringLiteral("--insecure")}, true, 0},
        CommandLineCase{"Screenshot", {QStringLiteral("--demo"), QStringLiteral("--screenshot"), QStringLiteral("a.png"), QStringLiteral("--after"), QStringLiteral("2.5")}, true, 0},
        CommandLineCase{"Help", {QStringLiteral("--help")}, false, 0},
        CommandLineCase{"Version", {QStringLiteral("--version")}, false, 0},
        CommandLineCase{"NothingToShow", {}, false, 2},
        CommandLineCase{"UnknownOption", {QStringLiteral("--demo"), QStringLiteral("--frobnicate")}, false, 2},
        CommandLineCase{"MissingValue", {QStringLiteral("--connect")}, false, 2},
        CommandLineCase{"BadEndpoint", {QStringLiteral("--connect"), QStringLiteral("localhost:5555")}, false, 2},
        CommandLineCase{"BadPort", {QStringLiteral("--connect"), QStringLiteral("tcp://host:99999")}, false, 2},
        CommandLineCase{"NegativeAfter", {QStringLiteral("--demo"), QStringLiteral("--screenshot"), QStringLiteral("a.png"), QStringLiteral("--after"), QStringLiteral("-1")}, false, 2},
        CommandLineCase{"AfterNotANumber", {QStringLiteral("--demo"), QStringLiteral("--screenshot"), QStringLiteral("a.png"), QStringLiteral("--after"), QStringLiteral("soon")}, false, 2},
        CommandLineCase{"AfterWithoutScreenshot", {QStringLiteral("--demo"), QStringLiteral("--after"), QStringLiteral("3")}, false, 2},
        CommandLineCase{"BadTheme", {QStringLiteral("--demo"), QStringLiteral("--theme"), QStringLiteral("neon")}, false, 2},
        CommandLineCase{"ProtectSome", {QStringLiteral("--demo"), QStringLiteral("--protect"), QStringLiteral("jp,KR")}, true, 0},
        CommandLineCase{"ProtectUnknownNation", {QStringLiteral("--demo"), QStringLiteral("--protect"), QStringLiteral("JP,XX")}, false, 2},
        CommandLineCase{"DemoScenario", {QStringLiteral("--demo"), QStringLiteral("--scenario"), QStringLiteral("s.json")}, true, 0},
        CommandLineCase{"ScenarioWithoutDemo", {QStringLiteral("--connect"), QStringLiteral("tcp://a:1"), QStringLiteral("--insecure"), QStringLiteral("--scenario"), QStringLiteral("s.json")}, false, 2},
        CommandLineCase{"StrayArgument", {QStringLiteral("--demo"), QStringLiteral("extra")}, false, 2}),
    [](const auto &info) { return std::string(info.param.name); });

TEST(ViewerCommandLine, CollectsEveryEndpoint)
{
    int exitCode = -1;
    const auto options = parseViewerCommandLine(
        {QStringLiteral("cop-viewer"), QStringLiteral("--connect"), QStringLiteral("tcp://a:1"),
         QStringLiteral("--connect"), QStringLiteral("tcp://b:2"), QStringLiteral("--insecure"), QStringLiteral("--theme"), QStringLiteral("light")},
        exitCode);
    ASSERT_TRUE(options);
    EXPECT_EQ(options->connectEndpoints, (QStringList{QStringLiteral("tcp://a:1"), QStringLiteral("tcp://b:2")}));
    EXPECT_FALSE(options->demo);
    EXPECT_TRUE(options->lightTheme);
}

TEST(Endpoint, PlausibilityChecks)
{
    EXPECT_TRUE(isPlausibleEndpoint(QStringLiteral("tcp://*:5555")));
    EXPECT_TRUE(isPlausibleEndpoint(QStringLiteral("inproc://demo")));
    EXPECT_FALSE(isPlausibleEndpoint(QStringLiteral("udp://x:1")));
    EXPECT_FALSE(isPlausibleEndpoint(QStringLiteral("tcp://")));
    EXPECT_FALSE(isPlausibleEndpoint(QStringLiteral("tcp://host")));
}

} // namespace
} // namespace cop
