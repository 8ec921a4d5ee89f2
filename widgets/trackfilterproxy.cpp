// SPDX-License-Identifier: GPL-3.0-or-later
#include "trackfilterproxy.h"

#include "widgets/tracktablemodel.h"

namespace cop {

TrackFilterProxy::TrackFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(TrackTableModel::SortRole);
    setDynamicSortFilter(true);
}

void TrackFilterProxy::setNationVisible(Nation nation, bool visible)
{
    const int bit = 1 << nationIndex(nation);
    const int mask = visible ? (m_nationMask | bit) : (m_nationMask & ~bit);
    if (mask == m_nationMask)
        return;
    m_nationMask = mask;
    invalidateRowsFilter();
}

bool TrackFilterProxy::isNationVisible(Nation nation) const
{
    return (m_nationMask & (1 << nationIndex(nation))) != 0;
}

void TrackFilterProxy::setPhaseFilter(PhaseFilter filter)
{
    if (filter == m_phase)
        return;
    m_phase = filter;
    invalidateRowsFilter();
}

void TrackFilterProxy::setText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    invalidateRowsFilter();
}

bool TrackFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const auto *model = qobject_cast<const TrackTableModel *>(sourceModel());
    const TrackTableRow *row = model ? model->rowAt(sourceRow) : nullptr;
    if (!row || sourceParent.isValid())
        return false;
    if ((row->nationMask & m_nationMask) == 0)
        return false;
    const bool ended = row->ended || row->phase == TrackPhase::Impacted || row->phase == TrackPhase::Lost;
    switch (m_phase) {
    case PhaseFilter::All: break;
    case PhaseFilter::InFlight:
        if (ended)
            return false;
        break;
    case PhaseFilter::Boost:
        if (ended || row->phase != TrackPhase::Boost)
            return false;
        break;
    case PhaseFilter::Midcourse:
        if (ended || row->phase != TrackPhase::Midcourse)
            return false;
        break;
    case PhaseFilter::Terminal:
        if (ended || row->phase != TrackPhase::Terminal)
            return false;
        break;
    case PhaseFilter::Ended:
        if (!ended)
            return false;
        break;
    }
    if (m_text.isEmpty())
        return true;
    return row->label.contains(m_text, Qt::CaseInsensitive) || row->memberSummary.contains(m_text, Qt::CaseInsensitive)
           || missileClassShortName(row->missileClass).contains(m_text, Qt::CaseInsensitive)
           || missileClassName(row->missileClass).contains(m_text, Qt::CaseInsensitive)
           || row->impactArea.contains(m_text, Qt::CaseInsensitive);
}

} // namespace cop
