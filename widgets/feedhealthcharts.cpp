// SPDX-License-Identifier: GPL-3.0-or-later
#include "feedhealthcharts.h"

#include "widgets/nationpalette.h"

#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace cop {

namespace {

constexpr double kSpanSeconds = FeedHealthCharts::kMaxPoints * usToSeconds(FeedHealthCharts::kSampleIntervalUs);

QChart *makeChart(const QString &title, QValueAxis *&x, QValueAxis *&y)
{
    auto *chart = new QChart;
    chart->setTheme(QChart::ChartThemeDark);
    chart->setTitle(title);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(0, 0, 0, 0));
    // Axis titles would take a third of a small chart: the units are in the chart's title.
    x = new QValueAxis(chart);
    x->setRange(-kSpanSeconds, 0.0);
    x->setLabelFormat(QStringLiteral("%.0f s"));
    x->setTickCount(4);
    y = new QValueAxis(chart);
    y->setLabelFormat(QStringLiteral("%.0f"));
    y->setTickCount(FeedHealthCharts::kYTickCount);
    y->setRange(0.0, 1.0);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    return chart;
}

// The smallest step of a few round multiples of a power of ten that is at least rawStep: ticks
// on round numbers, which the eye reads at once, and a range not much taller than the data.
double niceStep(double rawStep)
{
    const double magnitude = std::pow(10.0, std::floor(std::log10(rawStep)));
    for (const double factor : {1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0}) {
        if (factor * magnitude >= rawStep * (1.0 - 1e-9))
            return factor * magnitude;
    }
    return 10.0 * magnitude;
}

// A y range that shows every point with some headroom, from zero unless a point is below
// (a source whose clock runs ahead has negative latencies), on kYTickCount round ticks, with as
// many decimals as the step needs (a rate of 0.5 msg/s must not read "0, 0, 1").
void fitY(QValueAxis *axis, double minY, double maxY)
{
    constexpr int kSteps = FeedHealthCharts::kYTickCount - 1;
    const bool finite = std::isfinite(minY) && std::isfinite(maxY);
    const double wantedLow = finite ? std::min(0.0, minY * 1.1) : 0.0;
    const double wantedHigh = finite ? std::max(1.0, maxY * 1.1) : 1.0;
    double step = niceStep((wantedHigh - wantedLow) / kSteps);
    double low = std::floor(wantedLow / step) * step;
    // Rounding the bottom down may push the top below the highest point: take the next step.
    while (low + step * kSteps < wantedHigh) {
        step = niceStep(step * 1.01);
        low = std::floor(wantedLow / step) * step;
    }
    axis->setRange(low, low + step * kSteps);
    const QString format = step >= 1.0   ? QStringLiteral("%.0f")
                           : step >= 0.1 ? QStringLiteral("%.1f")
                                         : QStringLiteral("%.2f");
    if (axis->labelFormat() != format)
        axis->setLabelFormat(format);
}

} // namespace

FeedHealthCharts::FeedHealthCharts(QWidget *parent)
    : QWidget(parent)
{
    m_rateChart = makeChart(QStringLiteral("Message rate, msg/s"), m_rateX, m_rateY);
    m_latencyChart = makeChart(QStringLiteral("Median latency, ms"), m_latencyX, m_latencyY);
    // One legend is enough: both charts draw the same sources in the same colours. It sits
    // under the lower chart, where it takes no height from between the two plots.
    m_rateChart->legend()->hide();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    // Room for the title, the time labels and the y ticks at least a line and a half apart,
    // so no y label is ever elided to "…"; the lower chart also holds the legend.
    const int line = fontMetrics().height();
    const int plotHeight = (kYTickCount + 1) * line;
    for (QChart *chart : {m_rateChart, m_latencyChart}) {
        auto *view = new QChartView(chart, this);
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumHeight(plotHeight + (chart == m_latencyChart ? 6 : 4) * line);
        layout->addWidget(view);
    }
}

FeedHealthCharts::SourceLines &FeedHealthCharts::linesFor(const SourceHealth &source)
{
    auto [it, inserted] = m_lines.try_emplace(source.sourceId);
    SourceLines &lines = it->second;
    if (inserted) {
        lines.nation = source.nation;
        // A second source of one nation is told apart by a dashed line.
        const bool second = std::any_of(m_lines.begin(), m_lines.end(), [&](const auto &entry) {
            return entry.first != source.sourceId && entry.second.nation == source.nation;
        });
        QPen pen(nationColour(source.nation), 2.0);
        if (second)
            pen.setStyle(Qt::DashLine);
        const QString name = QString::fromStdString(source.sourceId);
        lines.rate = new QLineSeries(m_rateChart);
        lines.latency = new QLineSeries(m_latencyChart);
        for (auto [series, chart, x, y] : {std::tuple{lines.rate, m_rateChart, m_rateX, m_rateY},
                                           std::tuple{lines.latency, m_latencyChart, m_latencyX, m_latencyY}}) {
            series->setName(name);
            series->setPen(pen);
            chart->addSeries(series);
            series->attachAxis(x);
            series->attachAxis(y);
        }
    }
    return lines;
}

void FeedHealthCharts::addSample(const std::vector<SourceHealth> &snapshot, TimeUs nowUs)
{
    if (nowUs == kTimeUnset)
        return;
    if (m_lastSampleUs != kTimeUnset && nowUs < m_lastSampleUs)
        clear();
    if (m_lastSampleUs != kTimeUnset && nowUs - m_lastSampleUs < kSampleIntervalUs)
        return;
    m_lastSampleUs = nowUs;
    for (const SourceHealth &source : snapshot) {
        SourceLines &lines = linesFor(source);
        const double latencyMs = source.latencyMedianUs == kTimeUnset
                                     ? std::numeric_limits<double>::quiet_NaN()
                                     : static_cast<double>(source.latencyMedianUs) / kMicrosPerMillisecond;
        lines.samples.push_back({nowUs, source.rateHz, latencyMs});
        while (lines.samples.size() > static_cast<std::size_t>(kMaxPoints))
            lines.samples.pop_front();
    }
    replaceSeries(nowUs);
}

void FeedHealthCharts::replaceSeries(TimeUs nowUs)
{
    double rateMax = 0.0;
    double latencyMin = 0.0;
    double latencyMax = 0.0;
    for (auto &[id, lines] : m_lines) {
        // Samples older than the chart's span are forgotten, even for a source gone quiet.
        while (!lines.samples.empty() && usToSeconds(nowUs - lines.samples.front().timeUs) > kSpanSeconds)
            lines.samples.pop_front();
        QList<QPointF> rate;
        QList<QPointF> latency;
        rate.reserve(static_cast<qsizetype>(lines.samples.size()));
        latency.reserve(static_cast<qsizetype>(lines.samples.size()));
        for (const Sample &sample : lines.samples) {
            const double x = -usToSeconds(nowUs - sample.timeUs);
            rate.append({x, sample.rateHz});
            rateMax = std::max(rateMax, sample.rateHz);
            if (std::isfinite(sample.latencyMs)) {
                latency.append({x, sample.latencyMs});
                latencyMin = std::min(latencyMin, sample.latencyMs);
                latencyMax = std::max(latencyMax, sample.latencyMs);
            }
        }
        lines.rate->replace(rate);
        lines.latency->replace(latency);
    }
    fitY(m_rateY, 0.0, rateMax);
    fitY(m_latencyY, latencyMin, latencyMax);
}

void FeedHealthCharts::clear()
{
    for (auto &[id, lines] : m_lines) {
        m_rateChart->removeSeries(lines.rate);
        m_latencyChart->removeSeries(lines.latency);
        delete lines.rate;
        delete lines.latency;
    }
    m_lines.clear();
    m_lastSampleUs = kTimeUnset;
}

QList<QPointF> FeedHealthCharts::ratePoints(const std::string &sourceId) const
{
    const auto it = m_lines.find(sourceId);
    return it == m_lines.end() ? QList<QPointF>{} : it->second.rate->points();
}

QList<QPointF> FeedHealthCharts::latencyPoints(const std::string &sourceId) const
{
    const auto it = m_lines.find(sourceId);
    return it == m_lines.end() ? QList<QPointF>{} : it->second.latency->points();
}

} // namespace cop
