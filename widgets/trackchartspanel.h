// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/trackchartdata.h"

#include <QWidget>

#include <array>

class QChart;
class QChartView;
class QDockWidget;
class QLabel;
class QLineSeries;
class QValueAxis;

namespace cop {

// Charts of the selected object, one series per nation's track in that nation's colour:
// altitude against time, the trajectory profile (altitude against downrange), speed against
// time, and the 95% impact ellipse's semi-major axis against time. A playhead line follows the
// picture's time on the time charts. Series are replaced whole (QXYSeries::replace) from
// bounded point lists, never appended point by point.
class TrackChartsPanel : public QWidget
{
    Q_OBJECT

public:
    enum Chart { AltitudeChart, ProfileChart, SpeedChart, EllipseChart, ChartCount };

    explicit TrackChartsPanel(QWidget *parent = nullptr);

    QDockWidget *createDock(QWidget *parent);
    void setDarkTheme(bool dark);
    // New data for the charts; an empty one (objectId 0) clears them.
    void setData(TrackChartData data);
    const TrackChartData &data() const { return m_data; }
    // The picture's time now; moves the playhead line.
    void setPlayhead(TimeUs timeUs);
    TimeUs playhead() const { return m_playheadUs; }

    QChart *chart(Chart which) const { return m_charts[which].chart; }
    // The series of one nation's track on one chart, or nullptr.
    QLineSeries *series(Chart which, const TrackKey &key) const;
    QLineSeries *playheadLine(Chart which) const { return m_charts[which].playhead; }
    // The legend above the charts (rich text): one coloured entry per charted track.
    QString legendText() const;

private:
    struct ChartParts
    {
        QChart *chart = nullptr;
        QChartView *view = nullptr;
        QValueAxis *x = nullptr;
        QValueAxis *y = nullptr;
        std::vector<QLineSeries *> series; // parallel to m_data.series
        QLineSeries *playhead = nullptr;   // time charts only
    };

    void rebuildSeries();
    void updateLegend();
    void updateRanges();
    void updatePlayhead();
    static const QList<QPointF> &pointsOf(const TrackChartSeries &series, Chart which);

    std::array<ChartParts, ChartCount> m_charts;
    TrackChartData m_data;
    QLabel *m_title = nullptr;
    QLabel *m_legend = nullptr; // one entry per nation's track, in its colour
    TimeUs m_playheadUs = kTimeUnset;
};

} // namespace cop
