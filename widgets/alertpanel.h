// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/alert.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDockWidget;
class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace cop {

class AlertBanner;
class AlertModel;

// The alert panel: the table of alerts (newest first, coloured by severity), acknowledge,
// silence for a chosen time, a severity filter and the sound switch. Owns its model and the
// banner it drives; the window only places the dock and the banner. Acknowledging is a request
// (acknowledgeRequested): whoever runs the rules records it and feeds the event back.
class AlertPanel : public QWidget
{
    Q_OBJECT

public:
    explicit AlertPanel(QWidget *parent = nullptr);
    ~AlertPanel() override;

    AlertModel &model() const { return *m_model; }
    AlertBanner *banner() const { return m_banner; }
    QTableView *view() const { return m_view; }
    // A dock holding this panel, for the main window to place.
    QDockWidget *createDock(QWidget *parent);

    void applyEvents(const std::vector<AlertEvent> &events);
    // Frame clock: countdowns (feed time) and the banner's flash (monotonic time).
    void tick(TimeUs nowUs, qint64 monotonicMs);
    void acknowledgeSelected();
    // Every alert shown is void (a replay started again).
    void clearAlerts();
    void acknowledgeAll();

Q_SIGNALS:
    void acknowledgeRequested(quint64 alertId);
    // The operator selected an alert with a place: the map should centre on it.
    void centreRequested(double latDeg, double lonDeg);

private:
    void showSelected();
    void updateSummary();

    AlertModel *m_model = nullptr;
    QSortFilterProxyModel *m_filter = nullptr;
    QTableView *m_view = nullptr;
    // Shown in the window's layout, which may delete it before this panel goes.
    QPointer<AlertBanner> m_banner;
    QComboBox *m_severityFilter = nullptr;
    QComboBox *m_silenceFor = nullptr;
    QCheckBox *m_sound = nullptr;
    QLabel *m_summary = nullptr;
    qint64 m_monotonicMs = 0;
};

} // namespace cop
