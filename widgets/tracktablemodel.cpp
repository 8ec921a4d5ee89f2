// SPDX-License-Identifier: GPL-3.0-or-later
#include "tracktablemodel.h"

#include "core/trackage.h"
#include "widgets/timetoimpacttext.h"

#include <GeographicLib/Geodesic.hpp>

#include <QBrush>
#include <QColor>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <limits>

namespace cop {

namespace {

// An impact point that moved less than this keeps its area name: naming reads polygons.
constexpr double kAreaRenameDeg = 0.01;

double groundRangeKm(const GeoPosition &from, const GeoPosition &to)
{
    double distanceM = 0.0;
    GeographicLib::Geodesic::WGS84().Inverse(from.latDeg, from.lonDeg, to.latDeg, to.lonDeg, distanceM);
    return distanceM / 1e3;
}

QString nationCodes(const std::vector<Nation> &nations)
{
    QStringList codes;
    for (Nation nation : nations) {
        const std::string_view code = nationCode(nation);
        codes << QString::fromLatin1(code.data(), static_cast<qsizetype>(code.size()));
    }
    return codes.join(QLatin1Char(' '));
}

} // namespace

TrackTableModel::TrackTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

QString TrackTableModel::ageText(TimeUs ageUs)
{
    if (ageUs == kTimeUnset)
        return {};
    const double s = usToSeconds(std::max<TimeUs>(ageUs, 0));
    if (s < 60.0)
        return QStringLiteral("%1 s").arg(s, 0, 'f', 1);
    return QStringLiteral("%1 min").arg(s / 60.0, 0, 'f', 1);
}

void TrackTableModel::fill(TrackTableRow &row, const Picture &picture, const CorrelatedObject &object) const
{
    row.objectId = object.id;
    row.label = QStringLiteral("C%1").arg(object.id);
    row.nations = object.memberNations;
    row.nationMask = 0;
    for (Nation nation : object.memberNations)
        row.nationMask |= 1 << nationIndex(nation);
    row.ended = object.ended;
    row.altitudeM = object.position.altitudeM;
    row.speedMps = object.velocity.speedMps();
    row.impactSpreadKm = object.impactSpreadKm;

    QStringList summary;
    row.lastReceiveTimeUs = kTimeUnset;
    for (std::size_t i = 0; i < object.members.size(); ++i) {
        const TrackRecord *record = picture.track(object.members[i]);
        if (!record)
            continue;
        const std::string_view code = nationCode(object.memberNations[i]);
        summary << QStringLiteral("%1 %2").arg(QString::fromLatin1(code.data(), static_cast<qsizetype>(code.size())),
                                               QString::fromStdString(record->key.trackId));
        row.lastReceiveTimeUs = std::max(row.lastReceiveTimeUs, record->lastReceiveTimeUs);
    }
    row.memberSummary = summary.join(QStringLiteral(", "));

    const TrackRecord *representative = picture.track(object.representative);
    if (!representative)
        return;
    const TrackUpdate &state = representative->latest();
    row.missileClass = state.missileClass;
    row.phase = representative->dropTimeUs != kTimeUnset
                    ? (representative->dropReason == DropReason::Impacted ? TrackPhase::Impacted : TrackPhase::Lost)
                    : state.phase;
    row.quality = state.quality;
    const GeoPosition origin = state.hasLaunch ? state.launchPoint : representative->history.front().position;
    row.rangeKm = groundRangeKm(origin, object.position);
    const bool hadImpact = row.hasImpact;
    row.hasImpact = state.hasImpact && state.impact.point.isValidLatLon();
    if (row.hasImpact) {
        const bool moved = !hadImpact || std::abs(row.impactLatDeg - state.impact.point.latDeg) > kAreaRenameDeg
                           || std::abs(row.impactLonDeg - state.impact.point.lonDeg) > kAreaRenameDeg;
        if (moved) {
            row.impactLatDeg = state.impact.point.latDeg;
            row.impactLonDeg = state.impact.point.lonDeg;
            row.impactArea = m_areaNamer ? m_areaNamer(row.impactLatDeg, row.impactLonDeg) : QString();
        }
        row.impactTimeUs = state.impact.timeUs;
    } else {
        row.impactArea.clear();
        row.impactTimeUs = kTimeUnset;
    }
}

void TrackTableModel::appendRows(const Picture &picture, const TrackCorrelator &correlator,
                                 const std::vector<std::uint64_t> &ids)
{
    std::vector<const CorrelatedObject *> objects;
    objects.reserve(ids.size());
    for (const std::uint64_t id : ids) {
        if (const CorrelatedObject *object = correlator.object(id); object && !m_rowOf.contains(id))
            objects.push_back(object);
    }
    if (objects.empty())
        return;
    const int first = static_cast<int>(m_rows.size());
    // One insertion for the whole batch: views and proxies handle one range at once.
    beginInsertRows({}, first, first + static_cast<int>(objects.size()) - 1);
    for (const CorrelatedObject *object : objects) {
        m_rowOf.emplace(object->id, static_cast<int>(m_rows.size()));
        fill(m_rows.emplace_back(), picture, *object);
    }
    endInsertRows();
}

void TrackTableModel::removeRow(std::uint64_t objectId)
{
    const auto it = m_rowOf.find(objectId);
    if (it == m_rowOf.end())
        return;
    const int row = it->second;
    beginRemoveRows({}, row, row);
    m_rows.erase(m_rows.begin() + row);
    m_rowOf.erase(it);
    for (int i = row; i < static_cast<int>(m_rows.size()); ++i)
        m_rowOf[m_rows[static_cast<std::size_t>(i)].objectId] = i;
    endRemoveRows();
}

void TrackTableModel::apply(const Picture &picture, const TrackCorrelator &correlator,
                            const CorrelationChange &change)
{
    for (const std::uint64_t id : change.removed)
        removeRow(id);
    std::vector<int> changedRows;
    changedRows.reserve(change.changed.size());
    for (const std::uint64_t id : change.changed) {
        const auto it = m_rowOf.find(id);
        const CorrelatedObject *object = correlator.object(id);
        if (it == m_rowOf.end() || !object)
            continue;
        fill(m_rows[static_cast<std::size_t>(it->second)], picture, *object);
        if (m_coalesce)
            m_pendingChanged.push_back(id);
        else
            changedRows.push_back(it->second);
    }
    emitChanged(std::move(changedRows));
    appendRows(picture, correlator, change.added);
}

void TrackTableModel::emitChanged(std::vector<int> rows)
{
    // One dataChanged per contiguous run of rows, so a busy frame is a few signals.
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    for (std::size_t i = 0; i < rows.size();) {
        std::size_t j = i;
        while (j + 1 < rows.size() && rows[j + 1] == rows[j] + 1)
            ++j;
        Q_EMIT dataChanged(index(rows[i], 0), index(rows[j], ColumnCount - 1));
        i = j + 1;
    }
}

void TrackTableModel::flushChanges()
{
    std::vector<int> rows;
    rows.reserve(m_pendingChanged.size());
    for (const std::uint64_t id : m_pendingChanged)
        if (const auto it = m_rowOf.find(id); it != m_rowOf.end())
            rows.push_back(it->second);
    m_pendingChanged.clear();
    emitChanged(std::move(rows));
}

void TrackTableModel::sync(const Picture &picture, const TrackCorrelator &correlator)
{
    std::vector<std::uint64_t> gone;
    for (const TrackTableRow &row : m_rows)
        if (!correlator.object(row.objectId))
            gone.push_back(row.objectId);
    for (const std::uint64_t id : gone)
        removeRow(id);
    CorrelationChange change;
    for (const auto &[id, object] : correlator.objects())
        (m_rowOf.contains(id) ? change.changed : change.added).push_back(id);
    apply(picture, correlator, change);
}

void TrackTableModel::renameImpactAreas()
{
    if (m_rows.empty())
        return;
    for (TrackTableRow &row : m_rows)
        if (row.hasImpact)
            row.impactArea = m_areaNamer ? m_areaNamer(row.impactLatDeg, row.impactLonDeg) : QString();
    const int last = static_cast<int>(m_rows.size()) - 1;
    Q_EMIT dataChanged(index(0, ImpactAreaColumn), index(last, ImpactAreaColumn), {Qt::DisplayRole, SortRole});
}

void TrackTableModel::setNow(TimeUs nowUs)
{
    m_nowUs = nowUs;
    if (m_rows.empty())
        return;
    // Only the clock columns move; two ranges rather than the whole table.
    const int last = static_cast<int>(m_rows.size()) - 1;
    Q_EMIT dataChanged(index(0, TimeToImpactColumn), index(last, TimeToImpactColumn), {Qt::DisplayRole, SortRole});
    Q_EMIT dataChanged(index(0, AgeColumn), index(last, AgeColumn), {Qt::DisplayRole, SortRole, StaleRole, Qt::ForegroundRole});
}

int TrackTableModel::rowOf(std::uint64_t objectId) const
{
    const auto it = m_rowOf.find(objectId);
    return it == m_rowOf.end() ? -1 : it->second;
}

const TrackTableRow *TrackTableModel::rowAt(int row) const
{
    return row >= 0 && row < static_cast<int>(m_rows.size()) ? &m_rows[static_cast<std::size_t>(row)] : nullptr;
}

int TrackTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int TrackTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

TimeUs TrackTableModel::ageUs(const TrackTableRow &row) const
{
    if (m_nowUs == kTimeUnset || row.lastReceiveTimeUs == kTimeUnset)
        return kTimeUnset;
    return m_nowUs - row.lastReceiveTimeUs;
}

QVariant TrackTableModel::data(const QModelIndex &index, int role) const
{
    const TrackTableRow *row = rowAt(index.row());
    if (!row || index.column() < 0 || index.column() >= ColumnCount)
        return {};
    const TimeUs age = ageUs(*row);
    const bool stale = age != kTimeUnset && age > kTrackStaleAfterUs;
    const TimeUs remainingUs = (row->hasImpact && m_nowUs != kTimeUnset && row->impactTimeUs != kTimeUnset)
                                   ? row->impactTimeUs - m_nowUs
                                   : kTimeUnset;
    switch (role) {
    case ObjectIdRole:
        return QVariant::fromValue<quint64>(row->objectId);
    case NationMaskRole:
        return row->nationMask;
    case NationsRole: {
        QVariantList nations;
        for (Nation nation : row->nations)
            nations << nationIndex(nation);
        return nations;
    }
    case PhaseRole:
        return static_cast<int>(row->phase);
    case EndedRole:
        return row->ended;
    case StaleRole:
        return stale;
    case Qt::ToolTipRole: {
        QString tip = QStringLiteral("%1: %2").arg(row->label, row->memberSummary);
        if (std::isfinite(row->impactSpreadKm))
            tip += QStringLiteral("\nNations' impact predictions up to %1 km apart").arg(row->impactSpreadKm, 0, 'f', 1);
        return tip;
    }
    case Qt::ForegroundRole:
        if (row->ended || stale)
            return QBrush(QColor(0x90, 0x90, 0x90)); // grey: not to be trusted any more
        return {};
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case AltitudeColumn:
        case SpeedColumn:
        case RangeColumn:
        case TimeToImpactColumn:
        case QualityColumn:
        case AgeColumn:
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    case SortRole:
        switch (index.column()) {
        case ObjectColumn: return QVariant::fromValue<quint64>(row->objectId);
        case NationsColumn: return row->nationMask;
        case ClassColumn: return static_cast<int>(row->missileClass);
        case PhaseColumn: return static_cast<int>(row->phase);
        case AltitudeColumn: return row->altitudeM;
        case SpeedColumn: return row->speedMps;
        case RangeColumn: return row->rangeKm;
        case ImpactAreaColumn: return row->impactArea;
        // No prediction sorts after every prediction.
        case TimeToImpactColumn: return remainingUs == kTimeUnset ? std::numeric_limits<qlonglong>::max() : qlonglong(remainingUs);
        case QualityColumn: return static_cast<double>(row->quality);
        case AgeColumn: return age == kTimeUnset ? std::numeric_limits<qlonglong>::max() : qlonglong(age);
        }
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case ObjectColumn: return row->label;
        case NationsColumn: return nationCodes(row->nations);
        case ClassColumn: return missileClassShortName(row->missileClass);
        case PhaseColumn: return trackPhaseName(row->phase);
        case AltitudeColumn:
            // Rounded first, so a track a few metres below the ellipsoid on impact reads
            // "0.0 km", not "-0.0 km" (adding +0.0 turns a negative zero positive).
            return QStringLiteral("%1 km").arg(std::round(row->altitudeM / 100.0) / 10.0 + 0.0, 0, 'f', 1);
        case SpeedColumn: return QStringLiteral("%1 km/s").arg(row->speedMps / 1e3, 0, 'f', 2);
        case RangeColumn: return QStringLiteral("%1 km").arg(row->rangeKm, 0, 'f', 0);
        case ImpactAreaColumn: return row->hasImpact ? row->impactArea : QString();
        case TimeToImpactColumn: return remainingUs == kTimeUnset ? QString() : timeToImpactText(remainingUs);
        case QualityColumn: return QStringLiteral("%1").arg(static_cast<double>(row->quality), 0, 'f', 2);
        case AgeColumn: return ageText(age);
        }
        return {};
    default:
        return {};
    }
}

QVariant TrackTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ObjectColumn: return QStringLiteral("Object");
    case NationsColumn: return QStringLiteral("Nations");
    case ClassColumn: return QStringLiteral("Class");
    case PhaseColumn: return QStringLiteral("Phase");
    case AltitudeColumn: return QStringLiteral("Altitude");
    case SpeedColumn: return QStringLiteral("Speed");
    case RangeColumn: return QStringLiteral("Range");
    case ImpactAreaColumn: return QStringLiteral("Impact area");
    case TimeToImpactColumn: return QStringLiteral("To impact");
    case QualityColumn: return QStringLiteral("Quality");
    case AgeColumn: return QStringLiteral("Age");
    }
    return {};
}

} // namespace cop
