// SPDX-License-Identifier: GPL-3.0-or-later
// The viewer says when its live feed arrives without CURVE: a red INSECURE badge in the status
// bar, and none for the in-process demo or a feed with keys.
#include "app/feedpipeline.h"
#include "app/mainwindow.h"

#include <QApplication>
#include <QLabel>
#include <QStatusBar>

#include <gtest/gtest.h>

namespace cop {
namespace {

const QLabel *insecureBadge(const MainWindow &window)
{
    return window.statusBar()->findChild<QLabel *>(QStringLiteral("insecureBadge"));
}

TEST(InsecureBadge, ShownForAPlainNetworkFeed)
{
    FeedPipeline pipeline;
    FeedSecurity security;
    security.insecure = true;
    pipeline.setSecurity(security);
    QString error;
    // Nobody listens there; the badge is about how the console connects, not whether.
    ASSERT_TRUE(pipeline.start(false, {QStringLiteral("tcp://127.0.0.1:1")}, 1, &error))
        << error.toStdString();
    EXPECT_TRUE(pipeline.isInsecure());
    MainWindow window(pipeline, nullptr, false);
    window.show();
    QApplication::processEvents();
    const QLabel *badge = insecureBadge(window);
    ASSERT_NE(badge, nullptr);
    EXPECT_TRUE(badge->isVisible());
    EXPECT_EQ(badge->text(), QStringLiteral("INSECURE"));
    EXPECT_TRUE(badge->toolTip().contains(QStringLiteral("CURVE")));
    pipeline.stop();
}

TEST(InsecureBadge, AbsentForTheInProcessDemo)
{
    FeedPipeline pipeline;
    QString error;
    ASSERT_TRUE(pipeline.start(true, {}, 1, &error)) << error.toStdString();
    EXPECT_FALSE(pipeline.isInsecure()) << "inproc never leaves the process";
    MainWindow window(pipeline, nullptr, false);
    EXPECT_EQ(insecureBadge(window), nullptr);
    pipeline.stop();
}

TEST(InsecureBadge, AbsentWhenEveryNetworkEndpointHasAServerKey)
{
    FeedPipeline pipeline;
    FeedSecurity security;
    security.clientCertificate = net::generateCurveCertificate();
    ASSERT_TRUE(security.clientCertificate);
    const auto server = net::generateCurveCertificate();
    ASSERT_TRUE(server);
    security.serverPublicKeys["tcp://127.0.0.1:1"] = server->publicKey;
    pipeline.setSecurity(security);
    QString error;
    ASSERT_TRUE(pipeline.start(true, {QStringLiteral("tcp://127.0.0.1:1")}, 1, &error))
        << error.toStdString();
    EXPECT_FALSE(pipeline.isInsecure());
    MainWindow window(pipeline, nullptr, false);
    EXPECT_EQ(insecureBadge(window), nullptr);
    pipeline.stop();
}

} // namespace
} // namespace cop
