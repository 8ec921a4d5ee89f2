// SPDX-License-Identifier: GPL-3.0-or-later
#include "alertmodel.h"

#include "widgets/timetoimpacttext.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>

namespace cop {

namespace {

QColor severityBackground(AlertSeverity severity)
{
    switch (severity) {
    case AlertSeverity::Critical:
        return QColor(0xb0, 0x1c, 0x1c);
    case AlertSeverity::Warning:
        return QColor(0xc2, 0x6a, 0x00);
    case AlertSeverity::Advisory:
        return QColor(0x8a, 0x7a, 0x10);
    case AlertSeverity::Info:
        return QColor(0x3a, 0x4a, 0x5a);
    }
    return {};
}

QString trackText(const Alert &alert)
{
    if (alert.track.trackId.empty())
        return alert.sensorId.empty() ? QString::fromStdString(alert.sourceId)
                                      : QString::fromStdString(alert.sensorId);
    return QStringLiteral("%1/%2").arg(QString::fromStdString(alert.track.sourceId),
                                       QString::fromStdString(alert.track.trackId));
}

} // namespace

AlertModel::AlertModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void AlertModel::applyEvents(const std::vector<AlertEvent> &events)
{
    for (const AlertEvent &event : events)
        apply(event);
    trim();
}

void AlertModel::apply(const AlertEvent &event)
{
    const int row = rowOf(event.alert.id);
    if (row < 0) {
        // An alert we no longer show (trimmed) is not brought back by a late update.
        if (event.type != AlertEventType::Raised)
            return;
        beginInsertRows({}, 0, 0);
        m_rows.push_front(event.alert);
        endInsertRows();
        return;
    }
    if (event.type == AlertEventType::Raised && row > 0) {
        // Raised again after an all-clear: it is news, so it goes back to the top.
        beginMoveRows({}, row, row, {}, 0);
        m_rows.erase(m_rows.begin() + row);
        m_rows.push_front(event.alert);
        endMoveRows();
        Q_EMIT dataChanged(index(0, 0), index(0, ColumnCount - 1));
        return;
    }
    m_rows[static_cast<std::size_t>(row)] = event.alert;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void AlertModel::trim()
{
    // Drop the oldest ended alerts first; active ones stay on screen whatever their age.
    for (int row = static_cast<int>(m_rows.size()) - 1;
         row >= 0 && static_cast<int>(m_rows.size()) > m_maxRows; --row) {
        if (m_rows[static_cast<std::size_t>(row)].active)
            continue;
        beginRemoveRows({}, row, row);
        m_rows.erase(m_rows.begin() + row);
        endRemoveRows();
    }
}

void AlertModel::clear()
{
    if (m_rows.empty())
        return;
    beginRemoveRows({}, 0, static_cast<int>(m_rows.size()) - 1);
    m_rows.clear();
    endRemoveRows();
}

void AlertModel::setNow(TimeUs nowUs)
{
    m_nowUs = nowUs;
    for (int row = 0; row < static_cast<int>(m_rows.size()); ++row) {
        const Alert &alert = m_rows[static_cast<std::size_t>(row)];
        if (alert.active && alert.predictedImpactTimeUs != kTimeUnset)
            Q_EMIT dataChanged(index(row, CountdownColumn), index(row, CountdownColumn),
                               {Qt::DisplayRole});
    }
}

const Alert *AlertModel::alertAt(int row) const
{
    if (row < 0 || row >= static_cast<int>(m_rows.size()))
        return nullptr;
    return &m_rows[static_cast<std::size_t>(row)];
}

int AlertModel::rowOf(std::uint64_t alertId) const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].id == alertId)
            return static_cast<int>(i);
    }
    return -1;
}

const Alert *AlertModel::newestUnacknowledgedCritical() const
{
    for (const Alert &alert : m_rows) {
        if (alert.active && !alert.acknowledged && alert.severity == AlertSeverity::Critical)
            return &alert;
    }
    return nullptr;
}

int AlertModel::unacknowledgedCount(AlertSeverity atLeast) const
{
    int count = 0;
    for (const Alert &alert : m_rows) {
        if (alert.active && !alert.acknowledged && alert.severity >= atLeast)
            ++count;
    }
    return count;
}

int AlertModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int AlertModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertModel::data(const QModelIndex &index, int role) const
{
    const Alert *alert = alertAt(index.row());
    if (!alert)
        return {};
    switch (role) {
    case AlertIdRole:
        return QVariant::fromValue<quint64>(alert->id);
    case SeverityRole:
        return static_cast<int>(alert->severity);
    case ActiveRole:
        return alert->active;
    case AcknowledgedRole:
        return alert->acknowledged;
    case HasPositionRole:
        return alert->hasPosition;
    case LatitudeRole:
        return alert->position.latDeg;
    case LongitudeRole:
        return alert->position.lonDeg;
    case Qt::ToolTipRole:
        return QStringLiteral("%1\nraised %2%3")
            .arg(alert->text, formatUtc(alert->raisedTimeUs),
                 alert->active ? QString()
                               : QStringLiteral("\n%1 %2").arg(alertEndingName(alert->ending),
                                                               formatUtc(alert->clearedTimeUs)));
    case Qt::BackgroundRole: {
        // The severity cell in full colour; the rest of an unacknowledged row tinted, so the
        // table stays readable in either theme and the banner remains the loudest thing.
        QColor colour = severityBackground(alert->severity);
        if (index.column() == SeverityColumn)
            return QBrush(alert->active ? colour : colour.darker(170));
        if (!alert->active || alert->acknowledged)
            return {};
        colour.setAlpha(alert->severity == AlertSeverity::Critical ? 150 : 90);
        return QBrush(colour);
    }
    case Qt::ForegroundRole:
        if (index.column() == SeverityColumn)
            return QBrush(Qt::white);
        if (!alert->active)
            return QBrush(QColor(0x90, 0x90, 0x90));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == CountdownColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case TimeColumn:
        return formatUtc(alert->raisedTimeUs).mid(11, 8);
    case SeverityColumn: {
        QString name = alertSeverityName(alert->severity);
        if (!name.isEmpty())
            name[0] = name[0].toUpper();
        return name;
    }
    case KindColumn:
        return alertKindName(alert->kind);
    case AreaColumn:
        return alert->areaName;
    case TrackColumn:
        return trackText(*alert);
    case CountdownColumn:
        if (!alert->active)
            return alertEndingName(alert->ending);
        if (alert->predictedImpactTimeUs == kTimeUnset || m_nowUs == kTimeUnset)
            return {};
        return timeToImpactText(alert->predictedImpactTimeUs - m_nowUs);
    case AcknowledgedColumn:
        if (!alert->acknowledged)
            return {};
        return QStringLiteral("%1 %2").arg(alert->acknowledgedBy,
                                           formatUtc(alert->acknowledgedTimeUs).mid(11, 8));
    case TextColumn:
        return alert->text;
    default:
        return {};
    }
}

QVariant AlertModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return QStringLiteral("Time (UTC)");
    case SeverityColumn:
        return QStringLiteral("Severity");
    case KindColumn:
        return QStringLiteral("Kind");
    case AreaColumn:
        return QStringLiteral("Area");
    case TrackColumn:
        return QStringLiteral("Track / source");
    case CountdownColumn:
        return QStringLiteral("Impact in");
    case AcknowledgedColumn:
        return QStringLiteral("Acknowledged");
    case TextColumn:
        return QStringLiteral("Alert");
    default:
        return {};
    }
}

} // namespace cop
