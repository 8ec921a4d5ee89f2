// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/trackcorrelator.h"

#include <QAbstractTableModel>

#include <functional>
#include <unordered_map>
#include <vector>

namespace cop {

// One row of the track table: a correlated object, with what the table shows cached so that
// data() never reads the Picture (whose records may be pruned between updates).
struct TrackTableRow
{
    std::uint64_t objectId = 0;
    QString label;          // "C12"
    QString memberSummary;  // each nation's track id, for the tooltip and the text filter
    std::vector<Nation> nations; // one per member, display order
    int nationMask = 0;          // bit nationIndex(n) set per nation present
    MissileClass missileClass = MissileClass::Unknown;
    TrackPhase phase = TrackPhase::Unknown;
    double altitudeM = 0.0;
    double speedMps = 0.0;
    double rangeKm = 0.0; // ground range from the launch point (or first position)
    bool hasImpact = false;
    double impactLatDeg = 0.0;
    double impactLonDeg = 0.0;
    QString impactArea;
    TimeUs impactTimeUs = kTimeUnset;
    double impactSpreadKm = 0.0; // NaN with fewer than two predictions
    float quality = 0.0f;
    TimeUs lastReceiveTimeUs = kTimeUnset; // newest arrival of any member
    bool ended = false;
};

// The track table: one row per correlated object, updated in place from the correlator's
// changes (insert, change, remove rows; never a reset), so selection and scroll survive and a
// frame costs what changed, not the table's size. Times to impact and ages move with the clock
// through setNow(), which repaints those two columns only.
class TrackTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        ObjectColumn,
        NationsColumn,
        ClassColumn,
        PhaseColumn,
        AltitudeColumn,
        SpeedColumn,
        RangeColumn,
        ImpactAreaColumn,
        TimeToImpactColumn,
        QualityColumn,
        AgeColumn,
        ColumnCount
    };
    enum Role {
        ObjectIdRole = Qt::UserRole + 1, // quint64
        SortRole,       // a number or string that sorts as the operator expects
        NationMaskRole, // int, bit per nation
        NationsRole,    // QVariantList of int (Nation), one per member
        PhaseRole,      // int (TrackPhase)
        EndedRole,      // bool
        StaleRole,      // bool: no update for kTrackStaleAfterUs
    };
    // Names the predicted impact area (country or sea area); computed when the point moves.
    using AreaNamer = std::function<QString(double latDeg, double lonDeg)>;

    explicit TrackTableModel(QObject *parent = nullptr);

    void setAreaNamer(AreaNamer namer) { m_areaNamer = std::move(namer); }
    // Names every row's impact area again: what the namer calls a place has changed (the
    // operator chose other protected areas). One dataChanged for the column.
    void renameImpactAreas();
    // With coalescing on, apply() updates rows at once but announces changed rows only at
    // flushChanges() (the window calls it a few times a second): a busy feed then costs the
    // view and its sorting proxy a few re-sorts a second instead of one per frame. Rows
    // inserted and removed are always announced at once.
    void setCoalesceChanges(bool coalesce) { m_coalesce = coalesce; }
    void flushChanges();
    // Applies one update of the correlator. Call right after TrackCorrelator::update, while
    // the Picture still holds the batch's tracks.
    void apply(const Picture &picture, const TrackCorrelator &correlator, const CorrelationChange &change);
    // Rebuilds from the correlator as it is (after a seek cleared everything, or at start):
    // rows removed and inserted, still no reset.
    void sync(const Picture &picture, const TrackCorrelator &correlator);
    // The console's clock now, for time to impact and age.
    void setNow(TimeUs nowUs);
    TimeUs now() const { return m_nowUs; }

    int rowOf(std::uint64_t objectId) const;
    const TrackTableRow *rowAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString ageText(TimeUs ageUs);

private:
    void fill(TrackTableRow &row, const Picture &picture, const CorrelatedObject &object) const;
    void appendRows(const Picture &picture, const TrackCorrelator &correlator,
                    const std::vector<std::uint64_t> &ids);
    void removeRow(std::uint64_t objectId);
    void emitChanged(std::vector<int> rows);
    TimeUs ageUs(const TrackTableRow &row) const;

    std::vector<TrackTableRow> m_rows; // in order of creation (object id)
    std::unordered_map<std::uint64_t, int> m_rowOf;
    AreaNamer m_areaNamer;
    TimeUs m_nowUs = kTimeUnset;
    bool m_coalesce = false;
    std::vector<std::uint64_t> m_pendingChanged; // object ids, while coalescing
};

} // namespace cop
