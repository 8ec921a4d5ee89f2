// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/alert.h"

#include <QAbstractTableModel>

#include <deque>
#include <vector>

namespace cop {

// The alerts on screen, newest first, as a table. Fed with the engine's events and updated in
// place (insert one row, change one row, move a re-raised alert to the top); never reset per
// update, so selection survives. Bounded: beyond maxRows the oldest ended alerts leave the
// screen (the session record keeps everything).
class AlertModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        TimeColumn,
        SeverityColumn,
        KindColumn,
        AreaColumn,
        TrackColumn,
        CountdownColumn,
        AcknowledgedColumn,
        TextColumn,
        ColumnCount
    };
    enum Role {
        AlertIdRole = Qt::UserRole + 1, // quint64
        SeverityRole, // int, AlertSeverity
        ActiveRole, // bool
        AcknowledgedRole, // bool
        HasPositionRole, // bool
        LatitudeRole, // double, degrees
        LongitudeRole, // double, degrees
    };
    static constexpr int kDefaultMaxRows = 500;

    explicit AlertModel(QObject *parent = nullptr);

    void applyEvents(const std::vector<AlertEvent> &events);
    void clear();
    // The clock for countdowns (feed time now); repaints only the countdown column.
    void setNow(TimeUs nowUs);
    void setMaxRows(int maxRows) { m_maxRows = maxRows; }

    const Alert *alertAt(int row) const;
    int rowOf(std::uint64_t alertId) const;
    // The newest active critical alert nobody acknowledged, if any: what the banner shows.
    const Alert *newestUnacknowledgedCritical() const;
    int unacknowledgedCount(AlertSeverity atLeast) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void apply(const AlertEvent &event);
    void trim();

    std::deque<Alert> m_rows; // newest first
    TimeUs m_nowUs = kTimeUnset;
    int m_maxRows = kDefaultMaxRows;
};

} // namespace cop
