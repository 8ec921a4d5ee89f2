// SPDX-License-Identifier: GPL-3.0-or-later
// The assembled viewer on the demo feed: the health panel is on screen and shows each nation's
// feed rate and latency; a click on the status bar's badges brings it back when closed.
#include "app/feedhealthview.h"
#include "app/feedpipeline.h"
#include "app/mainwindow.h"
#include "widgets/feedhealthcharts.h"
#include "widgets/feedhealthmodel.h"
#include "widgets/feedhealthpanel.h"
#include "widgets/feedstatusbar.h"
#include "net/curvecertificate.h"
#include "net/feedpublisher.h"

#include <QApplication>
#include <QLabel>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QMouseEvent>
#include <QSet>

#include <gtest/gtest.h>

namespace cop {
namespace {

void runEventsFor(int ms, const std::function<bool()> &done = {})
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms && !(done && done()))
        QApplication::processEvents(QEventLoop::AllEvents, 20);
}

TEST(FeedHealthDemo, PanelShowsEveryNationsRateAndLatency)
{
    FeedPipeline pipeline;
    QString error;
    ASSERT_TRUE(pipeline.start(true, {}, 1, &error)) << error.toStdString();
    MainWindow window(pipeline, nullptr, false);
    window.resize(1600, 1000);
    window.show();
    FeedHealthView *health = window.feedHealthView();
    ASSERT_NE(health, nullptr);
    EXPECT_TRUE(health->dock()->isVisible());
    const FeedHealthModel *model = health->panel()->model();
    // Rates need two completed seconds; the chart one sample a second.
    const auto ready = [&] {
        if (model->rowCount() < 3)
            return false;
        for (int row = 0; row < model->rowCount(); ++row) {
            const SourceHealth *source = model->sourceAt(row);
            // The demo's first second goes out late (its scenario is built after its clock
            // starts); that burst leaves the latency window within seconds.
            if (source->rateHz <= 0.0 || source->latencySampleCount == 0
                || source->latencyMedianUs >= kMicrosPerSecond)
                return false;
        }
        return true;
    };
    runEventsFor(20000, ready);
    // And a second chart sample for each (one a second of the clock).
    runEventsFor(10000, [&] {
        for (int row = 0; row < model->rowCount(); ++row) {
            if (health->panel()->charts()->latencyPoints(model->sourceAt(row)->sourceId).size() < 2)
                return false;
        }
        return true;
    });
    ASSERT_EQ(model->rowCount(), 3);
    QSet<Nation> nations;
    for (int row = 0; row < model->rowCount(); ++row) {
        const SourceHealth *source = model->sourceAt(row);
        nations.insert(source->nation);
        EXPECT_GT(source->rateHz, 0.0) << source->sourceId;
        ASSERT_NE(source->latencyMedianUs, kTimeUnset) << source->sourceId;
        // In-process: well under a second, and never negative by more than clock resolution.
        EXPECT_LT(source->latencyMedianUs, kMicrosPerSecond) << source->sourceId;
        EXPECT_GE(source->latencyMedianUs, 0) << source->sourceId;
        EXPECT_EQ(source->state, SourceHealthState::Live) << source->sourceId;
        EXPECT_EQ(source->missedMessages, 0u) << source->sourceId;
        EXPECT_EQ(model->data(model->index(row, FeedHealthModel::StateColumn)).toString(), QStringLiteral("LIVE"));
        EXPECT_GE(health->panel()->charts()->ratePoints(source->sourceId).size(), 2) << source->sourceId;
        EXPECT_GE(health->panel()->charts()->latencyPoints(source->sourceId).size(), 2) << source->sourceId;
    }
    EXPECT_EQ(nations.size(), 3);

    // Closed, then a click on the status bar's badges opens it again.
    health->dock()->close();
    runEventsFor(100);
    EXPECT_FALSE(health->dock()->isVisible());
    FeedStatusBar *bar = window.feedStatusBar();
    QMouseEvent press(QEvent::MouseButtonPress, QPointF(5, 5), bar->mapToGlobal(QPointF(5, 5)), Qt::LeftButton,
                      Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(bar, &press);
    runEventsFor(100);
    EXPECT_TRUE(health->dock()->isVisible());
    pipeline.stop();
}

// A publisher that does not allow this console's key: the viewer receives nothing from it, and
// its health panel says so, naming the endpoint, instead of showing a quiet feed.
TEST(FeedHealthSecurity, PanelNamesTheEndpointThatRefusesTheConsole)
{
    const auto server = net::generateCurveCertificate();
    const auto console = net::generateCurveCertificate();
    ASSERT_TRUE(server && console) << "libzmq built without CURVE";
    zmq::context_t publisherContext(1);
    net::PublisherOptions publisherOptions{{"tcp://127.0.0.1:*"}};
    publisherOptions.curve = net::CurveServerOptions{*server, {}, [](const std::string &) {}}; // allows nobody
    net::FeedPublisher publisher(publisherContext, publisherOptions);
    std::string why;
    ASSERT_TRUE(publisher.start(&why)) << why;
    const std::string endpoint = publisher.lastEndpoint();

    FeedSecurity security;
    security.clientCertificate = *console;
    security.serverPublicKeys[endpoint] = server->publicKey;
    FeedPipeline pipeline;
    pipeline.setSecurity(security);
    QString error;
    ASSERT_TRUE(pipeline.start(false, {QString::fromStdString(endpoint)}, 1, &error)) << error.toStdString();
    MainWindow window(pipeline, nullptr, false);
    window.show();
    const QLabel *label = window.feedHealthView()->panel()->handshakesLabel();
    runEventsFor(10000, [&] { return label->text().contains(QStringLiteral("refused by the publisher")); });
    EXPECT_FALSE(label->isHidden());
    EXPECT_TRUE(label->text().startsWith(QStringLiteral("Failed handshakes: "))) << label->text().toStdString();
    EXPECT_TRUE(label->text().contains(QString::fromStdString(endpoint))) << label->text().toStdString();
    EXPECT_TRUE(label->text().contains(QStringLiteral("refused by the publisher"))) << label->text().toStdString();
    EXPECT_TRUE(label->toolTip().contains(QStringLiteral("allowed clients")));
    const std::vector<HandshakeTally> tallies = pipeline.handshakeTallies();
    ASSERT_EQ(tallies.size(), 1u);
    EXPECT_TRUE(tallies.front().curve);
    EXPECT_GE(tallies.front().refused, 1u);
    EXPECT_EQ(window.feedHealthView()->panel()->model()->rowCount(), 0) << "nothing was received";
    pipeline.stop();
}

} // namespace
} // namespace cop
