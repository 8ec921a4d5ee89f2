// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/trackcorrelator.h"

#include <QStringList>
#include <QWidget>

#include <functional>

class QDockWidget;
class QLabel;
class QTableWidget;

namespace cop {

// Everything known about the selected object: a summary (fused state, nations, the spread of
// their impact predictions), every field of each nation's track side by side (one column per
// national track), and the history of impact predictions (time, nation, point, 95% semi-major
// axis), newest first. Texts are updated in place, so scrolling and column widths survive.
class TrackDetailsPanel : public QWidget
{
    Q_OBJECT

public:
    // Newest predictions listed; older ones are in the session file.
    static constexpr int kMaxHistoryRows = 300;

    explicit TrackDetailsPanel(QWidget *parent = nullptr);

    QDockWidget *createDock(QWidget *parent);
    // Shows the object (null: nothing selected). areaNamer names impact points.
    void showObject(const Picture &picture, const CorrelatedObject *object, TimeUs nowUs,
                    const std::function<QString(double, double)> &areaNamer = {});

    QTableWidget *fieldTable() const { return m_fields; }
    QTableWidget *historyTable() const { return m_history; }
    QString summaryText() const;
    // Sensor ids contributing to any member's newest state, sorted.
    const QStringList &contributingSensors() const { return m_sensors; }

private:
    QLabel *m_summary = nullptr;
    QTableWidget *m_fields = nullptr;
    QTableWidget *m_history = nullptr;
    QStringList m_sensors;
};

} // namespace cop
