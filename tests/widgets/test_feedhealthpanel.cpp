// SPDX-License-Identifier: GPL-3.0-or-later
// The feed health panel: rows per source updated in place, charts sampled once a second and
// bounded, refused frames by reason, and the map's mark on tracks of a silent source.
#include "widgets/feedhealthcharts.h"
#include "widgets/feedhealthmodel.h"
#include "widgets/feedhealthpanel.h"
#include "widgets/maprendercontext.h"
#include "widgets/mapviewport.h"
#include "widgets/tracklayer.h"

#include <QApplication>
#include <QChart>
#include <QDir>
#include <QFontMetrics>
#include <QImage>
#include <QLabel>
#include <QPainter>
#include <QSignalSpy>
#include <QValueAxis>

#include <gtest/gtest.h>

namespace cop {
namespace {

constexpr TimeUs kT0 = 1'700'000'000'000'000;
constexpr TimeUs kSecond = kMicrosPerSecond;
constexpr TimeUs kMs = kMicrosPerMillisecond;

SourceHealth source(const std::string &id, Nation nation, double rateHz = 10.0, TimeUs medianUs = 40 * kMs)
{
    SourceHealth health;
    health.sourceId = id;
    health.nation = nation;
    health.rateHz = rateHz;
    health.latencyMedianUs = medianUs;
    health.latencyP95Us = medianUs + 10 * kMs;
    health.latencySampleCount = 10;
    return health;
}

QString cell(const FeedHealthModel &model, int row, int column)
{
    return model.data(model.index(row, column)).toString();
}

TEST(FeedHealthModel, RowsAreInsertedAndRemovedInPlaceNeverReset)
{
    FeedHealthModel model;
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    model.update({source("JP-1", Nation::Japan), source("KR-1", Nation::Korea)});
    EXPECT_EQ(model.rowCount(), 2);
    EXPECT_EQ(inserted.count(), 2);
    // A US source sorts between them: one row inserted at 1.
    model.update({source("JP-1", Nation::Japan), source("US-1", Nation::UnitedStates),
                  source("KR-1", Nation::Korea)});
    ASSERT_EQ(model.rowCount(), 3);
    EXPECT_EQ(inserted.count(), 3);
    EXPECT_EQ(inserted.last().at(1).toInt(), 1);
    EXPECT_EQ(cell(model, 1, FeedHealthModel::SourceColumn), QStringLiteral("US-1"));
    // Japan's source gone (a replay starting over): one row removed.
    model.update({source("US-1", Nation::UnitedStates), source("KR-1", Nation::Korea)});
    ASSERT_EQ(model.rowCount(), 2);
    EXPECT_EQ(removed.count(), 1);
    EXPECT_EQ(cell(model, 0, FeedHealthModel::SourceColumn), QStringLiteral("US-1"));
    EXPECT_EQ(resets.count(), 0);
    EXPECT_EQ(changed.count(), 3); // one per update, for every row at once
}

TEST(FeedHealthModel, CellsSayWhatTheSourceIsDoing)
{
    FeedHealthModel model;
    SourceHealth silent = source("JP-1", Nation::Japan, 0.0, kTimeUnset);
    silent.state = SourceHealthState::Silent;
    silent.quietUs = 7'400 * kMs;
    silent.gapCount = 2;
    silent.missedMessages = 17;
    silent.restartCount = 1;
    SourceHealth flood = source("KR-1", Nation::Korea, 48'000.0, 1'234 * kMs);
    flood.flooding = true;
    flood.clockSkew = ClockSkew::Behind;
    flood.rejectedCount = 5;
    model.update({silent, flood});

    EXPECT_EQ(cell(model, 0, FeedHealthModel::StateColumn), QStringLiteral("SILENT 7 s"));
    EXPECT_EQ(cell(model, 0, FeedHealthModel::LatencyMedianColumn), QStringLiteral("—"));
    EXPECT_EQ(cell(model, 0, FeedHealthModel::GapsColumn), QStringLiteral("2"));
    EXPECT_EQ(cell(model, 0, FeedHealthModel::LostColumn), QStringLiteral("17"));
    EXPECT_EQ(cell(model, 0, FeedHealthModel::RestartsColumn), QStringLiteral("1"));
    EXPECT_EQ(model.data(model.index(0, FeedHealthModel::StateColumn), Qt::BackgroundRole).value<QColor>(),
              FeedHealthModel::stateColour(SourceHealthState::Silent));

    EXPECT_EQ(cell(model, 1, FeedHealthModel::StateColumn), QStringLiteral("LIVE"));
    EXPECT_EQ(cell(model, 1, FeedHealthModel::RateColumn), QStringLiteral("48000 FLOOD"));
    EXPECT_EQ(cell(model, 1, FeedHealthModel::LatencyMedianColumn), QStringLiteral("1234"));
    EXPECT_EQ(cell(model, 1, FeedHealthModel::LatencyP95Column), QStringLiteral("1244"));
    EXPECT_EQ(cell(model, 1, FeedHealthModel::ClockColumn), QStringLiteral("BEHIND"));
    EXPECT_EQ(cell(model, 1, FeedHealthModel::RejectedColumn), QStringLiteral("5"));
    EXPECT_TRUE(model.data(model.index(1, 0), FeedHealthModel::FloodingRole).toBool());

    // In a replay a healthy source is "OK", never "LIVE".
    model.update({silent, flood}, true);
    EXPECT_EQ(cell(model, 1, FeedHealthModel::StateColumn), QStringLiteral("OK"));
}

TEST(FeedHealthCharts, SamplesOnceASecondAndReplacesSeriesInBatches)
{
    FeedHealthCharts charts;
    charts.addSample({source("JP-1", Nation::Japan, 10.0, 40 * kMs)}, kT0);
    charts.addSample({source("JP-1", Nation::Japan, 99.0, 99 * kMs)}, kT0 + 500 * kMs); // too soon
    charts.addSample({source("JP-1", Nation::Japan, 12.0, 50 * kMs)}, kT0 + kSecond);
    charts.addSample({source("JP-1", Nation::Japan, 14.0, kTimeUnset)}, kT0 + 2 * kSecond);
    const QList<QPointF> rate = charts.ratePoints("JP-1");
    ASSERT_EQ(rate.size(), 3);
    EXPECT_EQ(rate[0], QPointF(-2.0, 10.0));
    EXPECT_EQ(rate[1], QPointF(-1.0, 12.0));
    EXPECT_EQ(rate[2], QPointF(0.0, 14.0));
    // No latency without samples: the line has a hole, not a zero.
    const QList<QPointF> latency = charts.latencyPoints("JP-1");
    ASSERT_EQ(latency.size(), 2);
    EXPECT_EQ(latency[0], QPointF(-2.0, 40.0));
    EXPECT_EQ(latency[1], QPointF(-1.0, 50.0));
}

TEST(FeedHealthCharts, HistoryIsBoundedAndStartsAgainWhenTimeGoesBack)
{
    FeedHealthCharts charts;
    const int samples = FeedHealthCharts::kMaxPoints + 50;
    for (int i = 0; i < samples; ++i)
        charts.addSample({source("KR-1", Nation::Korea, i)}, kT0 + i * kSecond);
    QList<QPointF> rate = charts.ratePoints("KR-1");
    ASSERT_EQ(rate.size(), FeedHealthCharts::kMaxPoints);
    EXPECT_EQ(rate.last(), QPointF(0.0, samples - 1));
    // A replay seeking back: the history starts again.
    charts.addSample({source("KR-1", Nation::Korea, 3.0)}, kT0);
    rate = charts.ratePoints("KR-1");
    ASSERT_EQ(rate.size(), 1);
    EXPECT_EQ(rate[0], QPointF(0.0, 3.0));
}

TEST(FeedHealthPanel, ShowsRefusedFramesByReason)
{
    FeedHealthPanel panel;
    panel.refresh({source("JP-1", Nation::Japan)}, {}, kT0, false);
    EXPECT_EQ(panel.rejectsText(), QStringLiteral("Refused frames: none"));
    panel.refresh({source("JP-1", Nation::Japan)}, {{"unparsable payload", 3}, {"NaN or infinity", 2}}, kT0 + kSecond, false);
    EXPECT_EQ(panel.rejectsText(), QStringLiteral("Refused frames: 5 — unparsable payload: 3 · NaN or infinity: 2"));
    EXPECT_EQ(panel.model()->rowCount(), 1);
    EXPECT_EQ(panel.charts()->ratePoints("JP-1").size(), 2);
}

TEST(FeedHealthCharts, YAxesTakeRoundTicksWithTheDecimalsTheyNeed)
{
    FeedHealthCharts charts;
    charts.addSample({source("JP-1", Nation::Japan, 5.6, 42 * kMs), source("US-1", Nation::UnitedStates, 12.0, 380 * kMs)},
                     kT0);
    EXPECT_EQ(charts.rateAxis()->min(), 0.0);
    EXPECT_EQ(charts.rateAxis()->max(), 15.0); // 12 msg/s with headroom, on ticks of 5
    EXPECT_EQ(charts.rateAxis()->tickCount(), FeedHealthCharts::kYTickCount);
    EXPECT_EQ(charts.rateAxis()->labelFormat(), QStringLiteral("%.0f"));
    EXPECT_EQ(charts.latencyAxis()->max(), 450.0); // 380 ms, on ticks of 150
    // A slow source: labels with a decimal, or the ticks would all read 0 or 1.
    charts.addSample({source("JP-1", Nation::Japan, 0.4, 42 * kMs)}, kT0 + 400 * kSecond);
    EXPECT_DOUBLE_EQ(charts.rateAxis()->max(), 1.2);
    EXPECT_EQ(charts.rateAxis()->labelFormat(), QStringLiteral("%.1f"));
    // A source whose clock runs ahead: negative latency stays on the chart.
    charts.addSample({source("KR-1", Nation::Korea, 6.0, -120 * kMs)}, kT0 + 401 * kSecond);
    EXPECT_LT(charts.latencyAxis()->min(), -120.0);
    EXPECT_GE(charts.latencyAxis()->max(), 42.0);
}

TEST(FeedHealthPanel, ChartLabelsHaveRoomInTheDocksSize)
{
    // The panel at its size in the window's right column, three nations' sources.
    FeedHealthPanel panel;
    panel.resize(480, 420);
    panel.show();
    for (int i = 0; i < 5; ++i)
        panel.refresh({source("JP-JADGE", Nation::Japan, 5.6, 42 * kMs),
                       source("US-C2BMC", Nation::UnitedStates, 12.0, 41 * kMs),
                       source("KR-KAMD", Nation::Korea, 6.8, 43 * kMs)},
                      {}, kT0 + i * kSecond, false);
    QApplication::processEvents();
    const int line = QFontMetrics(panel.font()).height();
    for (QChart *chart : {panel.charts()->rateChart(), panel.charts()->latencyChart()}) {
        // Qt Charts elides a y label to "…" when the ticks are closer than a line of text.
        const double tickSpacing = chart->plotArea().height() / (FeedHealthCharts::kYTickCount - 1);
        EXPECT_GE(tickSpacing, line) << chart->title().toStdString();
    }
    if (qEnvironmentVariableIsSet("COP_SCREENSHOT_DIR")) {
        const QDir dir(qEnvironmentVariable("COP_SCREENSHOT_DIR"));
        EXPECT_TRUE(panel.grab().toImage().save(dir.filePath(QStringLiteral("feed-health-panel.png"))));
    }
}

TEST(FeedHealthPanel, ShowsFailedHandshakesPerEndpointWithAnExplanation)
{
    FeedHealthPanel panel;
    const QLabel *label = panel.handshakesLabel();
    ASSERT_NE(label, nullptr);
    EXPECT_EQ(label->objectName(), QStringLiteral("feedHealthHandshakes"));
    // No network endpoint (the demo, a replay): nothing to say.
    panel.setHandshakes({});
    EXPECT_TRUE(label->isHidden());

    panel.setHandshakes({{"tcp://jp.example:5555", true, 0, 0}, {"tcp://kr.example:5555", true, 0, 0}});
    EXPECT_FALSE(label->isHidden());
    EXPECT_EQ(label->text(), QStringLiteral("Failed handshakes: none (CURVE)"));
    EXPECT_TRUE(label->styleSheet().isEmpty());

    panel.setHandshakes({{"tcp://jp.example:5555", true, 0, 0}, {"tcp://kr.example:5555", true, 7, 5}});
    EXPECT_EQ(label->text(),
              QStringLiteral("Failed handshakes: 7 — tcp://kr.example:5555: 7 (5 refused by the publisher)"));
    EXPECT_FALSE(label->styleSheet().isEmpty()) << "a refused feed is not a quiet one: it stands out";
    const QString tip = label->toolTip();
    EXPECT_TRUE(tip.contains(QStringLiteral("allowed clients"))) << tip.toStdString();
    EXPECT_TRUE(tip.contains(QStringLiteral("--server-key"))) << tip.toStdString();
    EXPECT_TRUE(tip.contains(QStringLiteral("tcp://kr.example:5555 — CURVE: 7 failed, 5 refused by the publisher")))
        << tip.toStdString();
    EXPECT_TRUE(tip.contains(QStringLiteral("tcp://jp.example:5555 — CURVE: 0 failed"))) << tip.toStdString();
}

// Share of pixels near colour in a box around centre.
double shareNear(const QImage &image, QPoint centre, const QColor &colour, int radius, int tolerance)
{
    int near = 0;
    int total = 0;
    for (int y = centre.y() - radius; y <= centre.y() + radius; ++y) {
        for (int x = centre.x() - radius; x <= centre.x() + radius; ++x) {
            if (!image.rect().contains(x, y))
                continue;
            const QColor c = image.pixelColor(x, y);
            ++total;
            near += std::abs(c.red() - colour.red()) <= tolerance && std::abs(c.green() - colour.green()) <= tolerance
                    && std::abs(c.blue() - colour.blue()) <= tolerance;
        }
    }
    return total == 0 ? 0.0 : static_cast<double>(near) / total;
}

TEST(SilentSourceMark, TracksOfASilentSourceAreMarked)
{
    Picture picture;
    TrackUpdate update;
    update.trackId = "T-1";
    update.timeUs = kT0;
    update.position = {39.5, 133.0, 250'000.0};
    update.identity = Identity::Hostile;
    picture.applyBatch({{{"JP-C2", Nation::Japan, 1, kT0, kT0}, update}});
    update.trackId = "T-2";
    update.position = {36.0, 131.0, 250'000.0};
    picture.applyBatch({{{"KR-C2", Nation::Korea, 1, kT0, kT0}, update}});

    const MapViewport viewport{Projection(), QSize(1600, 900)};
    MapRenderContext context;
    context.picture = &picture;
    context.liveNowUs = kT0 + 4 * kSecond;
    const auto render = [&] {
        QImage image(viewport.sizePx(), QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::black);
        QPainter painter(&image);
        TrackLayer layer;
        layer.paint(painter, viewport, context);
        return image;
    };
    const QColor amber(0xf0, 0xa8, 0x20);
    QPointF silentPx, otherPx;
    ASSERT_TRUE(viewport.toPixel(39.5, 133.0, silentPx));
    ASSERT_TRUE(viewport.toPixel(36.0, 131.0, otherPx));
    const QImage plain = render();
    EXPECT_EQ(shareNear(plain, silentPx.toPoint(), amber, 30, 12), 0.0);

    context.silentSources = {"JP-C2"};
    const QImage marked = render();
    // The tag under the symbol is solid amber; the other source's track has none.
    EXPECT_GT(shareNear(marked, silentPx.toPoint() + QPoint(0, 22), amber, 8, 12), 0.2);
    EXPECT_EQ(shareNear(marked, otherPx.toPoint(), amber, 30, 12), 0.0);
}

} // namespace
} // namespace cop
