// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/feedhealth.h"

#include <QList>
#include <QPointF>
#include <QWidget>

#include <deque>
#include <map>
#include <string>
#include <vector>

class QChart;
class QChartView;
class QLineSeries;
class QValueAxis;

namespace cop {

// Message rate and median latency of every source over the last minutes, one line per source in
// its nation's colour. Sampled once a second of the console's clock; each series is replaced in
// one call per sample (never a point appended per message) and holds at most kMaxPoints.
class FeedHealthCharts : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kMaxPoints = 300; // five minutes at one sample a second
    static constexpr TimeUs kSampleIntervalUs = kMicrosPerSecond;
    // Labelled values on each y axis, round numbers from the bottom of the range to the top.
    static constexpr int kYTickCount = 4;

    explicit FeedHealthCharts(QWidget *parent = nullptr);

    // Takes a sample if a second has passed since the last one; nowUs going backwards (a replay
    // seeking back) starts the history again.
    void addSample(const std::vector<SourceHealth> &snapshot, TimeUs nowUs);
    void clear();

    // Points on screen: x in seconds before the newest sample, y in msg/s or milliseconds.
    QList<QPointF> ratePoints(const std::string &sourceId) const;
    QList<QPointF> latencyPoints(const std::string &sourceId) const;
    QChart *rateChart() const { return m_rateChart; }
    QChart *latencyChart() const { return m_latencyChart; }
    QValueAxis *rateAxis() const { return m_rateY; }
    QValueAxis *latencyAxis() const { return m_latencyY; }

private:
    struct Sample
    {
        TimeUs timeUs;
        double rateHz;
        double latencyMs; // NaN without samples
    };
    struct SourceLines
    {
        Nation nation = Nation::Japan;
        std::deque<Sample> samples;
        QLineSeries *rate = nullptr;
        QLineSeries *latency = nullptr;
    };

    SourceLines &linesFor(const SourceHealth &source);
    void replaceSeries(TimeUs nowUs);

    QChart *m_rateChart = nullptr;
    QChart *m_latencyChart = nullptr;
    QValueAxis *m_rateX = nullptr;
    QValueAxis *m_rateY = nullptr;
    QValueAxis *m_latencyX = nullptr;
    QValueAxis *m_latencyY = nullptr;
    std::map<std::string, SourceLines> m_lines;
    TimeUs m_lastSampleUs = kTimeUnset;
};

} // namespace cop
