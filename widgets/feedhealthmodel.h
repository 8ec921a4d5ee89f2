// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/feedhealth.h"

#include <QAbstractTableModel>

#include <vector>

namespace cop {

// One row per feed source with its health: state, rate, latency, sequence accounting, skew and
// refused frames. Updated in place from each snapshot: rows are inserted and removed one by one
// as sources appear (or a replay starts over), and the rest announced changed in one signal;
// never reset, so the operator's selection survives.
class FeedHealthModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        SourceColumn, // in its nation's colour

        StateColumn,
        RateColumn,
        LatencyMedianColumn,
        LatencyP95Column,
        GapsColumn,
        LostColumn,
        RestartsColumn,
        RejectedColumn,
        ClockColumn,
        ColumnCount
    };
    enum Role {
        StateRole = Qt::UserRole + 1, // int, SourceHealthState
        FloodingRole,                 // bool
        SourceIdRole,                 // QString
    };

    explicit FeedHealthModel(QObject *parent = nullptr);

    // snapshot sorted by nation then source id, as FeedHealth::snapshot gives it. replay: the
    // state of a healthy source reads "ok as of the playhead", never "live".
    void update(std::vector<SourceHealth> snapshot, bool replay = false);
    const SourceHealth *sourceAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Text of a latency figure in milliseconds, "—" when there is none.
    static QString latencyText(TimeUs latencyUs);
    // Background colour of a state, as the status bar's badges use.
    static QColor stateColour(SourceHealthState state);

private:
    QString stateText(const SourceHealth &source) const;
    QString tooltip(const SourceHealth &source) const;

    std::vector<SourceHealth> m_rows;
    bool m_replay = false;
};

} // namespace cop
