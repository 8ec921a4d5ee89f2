// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain.h"

#include <QSortFilterProxyModel>

namespace cop {

// Sorts and filters the track table: by nation (an object shows when any of its nations is
// on), by phase, and by text (object id, a nation's track id, class, impact area). Sorting uses
// the model's SortRole, so numbers sort as numbers.
class TrackFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    enum class PhaseFilter { All, InFlight, Boost, Midcourse, Terminal, Ended };

    explicit TrackFilterProxy(QObject *parent = nullptr);

    void setNationVisible(Nation nation, bool visible);
    bool isNationVisible(Nation nation) const;
    void setPhaseFilter(PhaseFilter filter);
    PhaseFilter phaseFilter() const { return m_phase; }
    void setText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    int m_nationMask = (1 << kNationCount) - 1;
    PhaseFilter m_phase = PhaseFilter::All;
    QString m_text;
};

} // namespace cop
