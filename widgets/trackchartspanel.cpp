// SPDX-License-Identifier: GPL-3.0-or-later
#include "trackchartspanel.h"

#include "widgets/nationpalette.h"

#include <QChart>
#include <QChartView>
#include <QDockWidget>
#include <QGridLayout>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPen>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace cop {

namespace {

struct ChartSpec
{
    const char *title;
    const char *xTitle;
    bool timeAxis;
};

// Units go in the title, not on a vertical axis title: in a dock a few hundred pixels wide a
// rotated title is cut to "altitu…", and the title row has the width to spare.
constexpr ChartSpec kSpecs[TrackChartsPanel::ChartCount] = {
    {"Altitude (km)", "time since launch (s)", true},
    {"Profile: altitude (km) by downrange", "downrange (km)", false},
    {"Speed (km/s)", "time since launch (s)", true},
    {"95% ellipse semi-major axis (km)", "time since launch (s)", true},
};

} // namespace

TrackChartsPanel::TrackChartsPanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("trackChartsPanel"));
    m_title = new QLabel(QStringLiteral("Select a track to chart it."), this);
    auto *grid = new QGridLayout;
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(2);
    for (int i = 0; i < ChartCount; ++i) {
        ChartParts &parts = m_charts[static_cast<std::size_t>(i)];
        const ChartSpec &spec = kSpecs[i];
        parts.chart = new QChart;
        parts.chart->setTitle(QString::fromUtf8(spec.title));
        // One legend for all four, above them (m_legend): inside a chart it would be cut to
        // "JP JP-0…" and take height from the plot.
        parts.chart->legend()->setVisible(false);
        parts.chart->setMargins(QMargins(2, 2, 2, 2));
        parts.x = new QValueAxis;
        parts.x->setTitleText(QString::fromUtf8(spec.xTitle));
        parts.x->setLabelFormat(QStringLiteral("%.0f"));
        parts.y = new QValueAxis;
        parts.y->setLabelFormat(QStringLiteral("%.0f"));
        parts.chart->addAxis(parts.x, Qt::AlignBottom);
        parts.chart->addAxis(parts.y, Qt::AlignLeft);
        if (spec.timeAxis) {
            parts.playhead = new QLineSeries;
            parts.playhead->setName(QStringLiteral("now"));
            parts.playhead->setPen(QPen(QColor(0xe0, 0xe0, 0xe0), 1.0, Qt::DashLine));
            parts.chart->addSeries(parts.playhead);
            parts.playhead->attachAxis(parts.x);
            parts.playhead->attachAxis(parts.y);
        }
        parts.view = new QChartView(parts.chart, this);
        parts.view->setRenderHint(QPainter::Antialiasing);
        parts.view->setMinimumSize(260, 180);
        grid->addWidget(parts.view, i / 2, i % 2);
    }
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_title);
    m_legend = new QLabel(this);
    m_legend->setObjectName(QStringLiteral("trackChartsLegend"));
    m_legend->setTextFormat(Qt::RichText);
    m_legend->setWordWrap(true);
    layout->addWidget(m_legend);
    layout->addLayout(grid, 1);
    setDarkTheme(true);
}

QDockWidget *TrackChartsPanel::createDock(QWidget *parent)
{
    auto *dock = new QDockWidget(QStringLiteral("Track charts"), parent);
    dock->setObjectName(QStringLiteral("trackChartsDock"));
    dock->setWidget(this);
    return dock;
}

void TrackChartsPanel::setDarkTheme(bool dark)
{
    for (ChartParts &parts : m_charts) {
        // The theme resets series colours: nations' colours are set again below.
        parts.chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
        parts.chart->setBackgroundRoundness(0);
        if (parts.playhead)
            parts.playhead->setPen(QPen(dark ? QColor(0xe0, 0xe0, 0xe0) : QColor(0x30, 0x30, 0x30), 1.0, Qt::DashLine));
    }
    for (ChartParts &parts : m_charts)
        for (std::size_t i = 0; i < parts.series.size() && i < m_data.series.size(); ++i)
            parts.series[i]->setPen(QPen(nationColour(m_data.series[i].nation), 2.0));
}

const QList<QPointF> &TrackChartsPanel::pointsOf(const TrackChartSeries &series, Chart which)
{
    switch (which) {
    case AltitudeChart: return series.altitudeVsTime;
    case ProfileChart: return series.altitudeVsDownrange;
    case SpeedChart: return series.speedVsTime;
    case EllipseChart:
    case ChartCount: break;
    }
    return series.semiMajorVsTime;
}

QLineSeries *TrackChartsPanel::series(Chart which, const TrackKey &key) const
{
    const ChartParts &parts = m_charts[which];
    for (std::size_t i = 0; i < m_data.series.size() && i < parts.series.size(); ++i)
        if (m_data.series[i].key == key)
            return parts.series[i];
    return nullptr;
}

void TrackChartsPanel::setData(TrackChartData data)
{
    const bool sameMembers = data.series.size() == m_data.series.size()
                             && std::equal(data.series.begin(), data.series.end(), m_data.series.begin(),
                                           [](const TrackChartSeries &a, const TrackChartSeries &b) { return a.key == b.key; });
    m_data = std::move(data);
    if (!sameMembers)
        rebuildSeries();
    for (int c = 0; c < ChartCount; ++c) {
        ChartParts &parts = m_charts[static_cast<std::size_t>(c)];
        for (std::size_t i = 0; i < parts.series.size(); ++i)
            parts.series[i]->replace(pointsOf(m_data.series[i], static_cast<Chart>(c)));
    }
    m_title->setText(m_data.objectId == 0 ? QStringLiteral("Select a track to chart it.")
                                          : QStringLiteral("Object C%1: one line per nation's track").arg(m_data.objectId));
    updateLegend();
    updateRanges();
    updatePlayhead();
}

void TrackChartsPanel::updateLegend()
{
    QStringList entries;
    for (const TrackChartSeries &series : m_data.series) {
        entries << QStringLiteral("<span style=\"color:%1\">&#9632;</span>&nbsp;%2")
                       .arg(nationColour(series.nation).name(), series.name.toHtmlEscaped());
    }
    m_legend->setText(entries.join(QStringLiteral("&nbsp;&nbsp;&nbsp; ")));
    m_legend->setVisible(!entries.isEmpty());
}

QString TrackChartsPanel::legendText() const
{
    return m_legend->text();
}

void TrackChartsPanel::rebuildSeries()
{
    for (int c = 0; c < ChartCount; ++c) {
        ChartParts &parts = m_charts[static_cast<std::size_t>(c)];
        for (QLineSeries *s : parts.series) {
            parts.chart->removeSeries(s);
            delete s;
        }
        parts.series.clear();
        for (const TrackChartSeries &data : m_data.series) {
            auto *s = new QLineSeries;
            s->setName(data.name);
            s->setPen(QPen(nationColour(data.nation), 2.0));
            parts.chart->addSeries(s);
            s->attachAxis(parts.x);
            s->attachAxis(parts.y);
            parts.series.push_back(s);
        }
        if (parts.playhead)
            parts.chart->legend()->markers(parts.playhead).value(0)->setVisible(false);
    }
}

void TrackChartsPanel::updateRanges()
{
    for (int c = 0; c < ChartCount; ++c) {
        ChartParts &parts = m_charts[static_cast<std::size_t>(c)];
        double xMin = std::numeric_limits<double>::max(), xMax = std::numeric_limits<double>::lowest();
        double yMax = std::numeric_limits<double>::lowest();
        for (const TrackChartSeries &s : m_data.series) {
            for (const QPointF &p : pointsOf(s, static_cast<Chart>(c))) {
                xMin = std::min(xMin, p.x());
                xMax = std::max(xMax, p.x());
                yMax = std::max(yMax, p.y());
            }
        }
        if (xMin > xMax) {
            parts.x->setRange(0.0, 1.0);
            parts.y->setRange(0.0, 1.0);
            continue;
        }
        if (kSpecs[c].timeAxis)
            xMin = std::min(xMin, 0.0);
        parts.x->setRange(xMin, std::max(xMax, xMin + 1.0));
        parts.y->setRange(0.0, std::max(yMax * 1.08, 0.01));
        // Round ticks (0, 30, 60 s rather than 0, 29.5, 59): read at a glance.
        parts.x->applyNiceNumbers();
        parts.y->applyNiceNumbers();
        parts.x->setLabelFormat(parts.x->max() - parts.x->min() < 10.0 ? QStringLiteral("%.1f")
                                                                      : QStringLiteral("%.0f"));
        parts.y->setLabelFormat(parts.y->max() < 10.0 ? QStringLiteral("%.1f") : QStringLiteral("%.0f"));
    }
}

void TrackChartsPanel::setPlayhead(TimeUs timeUs)
{
    // Nothing charted: nothing to move, and an idle chart should cost no repaint.
    if (timeUs == m_playheadUs || m_data.series.empty()) {
        m_playheadUs = timeUs;
        return;
    }
    m_playheadUs = timeUs;
    updatePlayhead();
}

void TrackChartsPanel::updatePlayhead()
{
    const bool show = m_data.originUs != kTimeUnset && m_playheadUs != kTimeUnset && m_playheadUs != kTimeLive;
    const double t = show ? usToSeconds(m_playheadUs - m_data.originUs) : 0.0;
    for (ChartParts &parts : m_charts) {
        if (!parts.playhead)
            continue;
        if (!show) {
            if (parts.playhead->count() > 0)
                parts.playhead->clear();
            continue;
        }
        // Keep the line in view: the axis grows to the playhead when it runs past the data.
        if (t > parts.x->max())
            parts.x->setMax(t);
        parts.playhead->replace(QList<QPointF>{{t, parts.y->min()}, {t, parts.y->max()}});
    }
}

} // namespace cop
