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
    y->setTickCount(4);
    y->setRange(0.0, 1.0);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    return chart;
}

// A y range that shows every point with some headroom, starting at zero unless a point is below.
void fitY(QValueAxis *axis, double minY, double maxY)
{
    if (!std::isfinite(minY) || !std::isfinite(maxY)) {
        axis->setRange(0.0, 1.0);
        return;
    }
    const double low = std::min(0.0, minY * 1.1);
    const double high = std::max(1.0, maxY * 1.15);
    axis->setRange(low, high);
}

} // namespace

FeedHealthCharts::FeedHealthCharts(QWidget *parent)
    : QWidget(parent)
{
    m_rateChart = makeChart(QStringLiteral("Message rate, msg/s"), m_rateX, m_rateY);
    m_latencyChart = makeChart(QStringLiteral("Median latency, ms"), m_latencyX, m_latencyY);
    // One legend is enough: both charts draw the same sources in the same colours.
    m_latencyChart->legend()->hide();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    for (QChart *chart : {m_rateChart, m_latencyChart}) {
        auto *view = new QChartView(chart, this);
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumHeight(140);
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
    double latencyMin = std::numeric_limits<double>::infinity();
    double latencyMax = -std::numeric_limits<double>::infinity();
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
