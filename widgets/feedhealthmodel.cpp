// SPDX-License-Identifier: GPL-3.0-or-later
#include "feedhealthmodel.h"

#include "widgets/nationpalette.h"

#include <QColor>

#include <tuple>

namespace cop {

namespace {

bool sortsBefore(const SourceHealth &a, const SourceHealth &b)
{
    return std::tie(a.nation, a.sourceId) < std::tie(b.nation, b.sourceId);
}

} // namespace

FeedHealthModel::FeedHealthModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void FeedHealthModel::update(std::vector<SourceHealth> snapshot, bool replay)
{
    m_replay = replay;
    // Both lists are sorted the same way: walk them together, removing rows whose source is
    // gone and inserting rows for new ones, then overwrite the rest in place.
    std::size_t row = 0;
    std::size_t next = 0;
    while (row < m_rows.size() || next < snapshot.size()) {
        const bool haveRow = row < m_rows.size();
        const bool haveNext = next < snapshot.size();
        if (haveRow && haveNext && m_rows[row].sourceId == snapshot[next].sourceId
            && m_rows[row].nation == snapshot[next].nation) {
            m_rows[row] = std::move(snapshot[next]);
            ++row;
            ++next;
        } else if (haveRow && (!haveNext || sortsBefore(m_rows[row], snapshot[next]))) {
            const int at = static_cast<int>(row);
            beginRemoveRows({}, at, at);
            m_rows.erase(m_rows.begin() + at);
            endRemoveRows();
        } else {
            const int at = static_cast<int>(row);
            beginInsertRows({}, at, at);
            m_rows.insert(m_rows.begin() + at, std::move(snapshot[next]));
            endInsertRows();
            ++row;
            ++next;
        }
    }
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

const SourceHealth *FeedHealthModel::sourceAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return nullptr;
    return &m_rows[static_cast<std::size_t>(row)];
}

int FeedHealthModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int FeedHealthModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString FeedHealthModel::latencyText(TimeUs latencyUs)
{
    if (latencyUs == kTimeUnset)
        return QStringLiteral("—");
    return QString::number(static_cast<double>(latencyUs) / static_cast<double>(kMicrosPerMillisecond), 'f', 0);
}

QColor FeedHealthModel::stateColour(SourceHealthState state)
{
    switch (state) {
    case SourceHealthState::Live:
        return QColor(0x2e, 0x4a, 0x35);
    case SourceHealthState::Stale:
        return QColor(0x8a, 0x6d, 0x00);
    case SourceHealthState::Silent:
        return QColor(0xb3, 0x26, 0x1e);
    }
    return {};
}

QString FeedHealthModel::stateText(const SourceHealth &source) const
{
    switch (source.state) {
    case SourceHealthState::Live:
        return m_replay ? QStringLiteral("OK") : QStringLiteral("LIVE");
    case SourceHealthState::Stale:
        return QStringLiteral("STALE");
    case SourceHealthState::Silent:
        return QStringLiteral("SILENT %1 s").arg(source.quietUs / kMicrosPerSecond);
    }
    return {};
}

QString FeedHealthModel::tooltip(const SourceHealth &source) const
{
    return QStringLiteral("%1 (%2): %3\nquiet for %4 s\n%5 messages, %6 msg/s%7\n"
                          "latency median %8 ms, 95%: %9 ms, min %10 ms over %11 samples\n"
                          "gaps %12 (%13 messages lost), restarts %14, out of order %15\n"
                          "refused frames naming it: %16")
        .arg(QString::fromStdString(source.sourceId), nationName(source.nation),
             stateText(source) + (source.clockSkew == ClockSkew::None ? QString()
                                                                       : QStringLiteral(", ") + clockSkewName(source.clockSkew)))
        .arg(usToSeconds(source.quietUs), 0, 'f', 1)
        .arg(source.messageCount)
        .arg(source.rateHz, 0, 'f', 1)
        .arg(source.flooding ? QStringLiteral(" — FLOODING") : QString())
        .arg(latencyText(source.latencyMedianUs), latencyText(source.latencyP95Us),
             latencyText(source.latencyMinUs))
        .arg(source.latencySampleCount)
        .arg(source.gapCount)
        .arg(source.missedMessages)
        .arg(source.restartCount)
        .arg(source.outOfOrderCount)
        .arg(source.rejectedCount);
}

QVariant FeedHealthModel::data(const QModelIndex &index, int role) const
{
    const SourceHealth *source = index.isValid() ? sourceAt(index.row()) : nullptr;
    if (!source)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SourceColumn:
            return QString::fromStdString(source->sourceId);
        case StateColumn:
            return stateText(*source);
        case RateColumn:
            return source->flooding ? QStringLiteral("%1 FLOOD").arg(source->rateHz, 0, 'f', 0)
                                    : QString::number(source->rateHz, 'f', 1);
        case LatencyMedianColumn:
            return latencyText(source->latencyMedianUs);
        case LatencyP95Column:
            return latencyText(source->latencyP95Us);
        case GapsColumn:
            return QString::number(source->gapCount);
        case LostColumn:
            return QString::number(source->missedMessages);
        case RestartsColumn:
            return QString::number(source->restartCount);
        case RejectedColumn:
            return QString::number(source->rejectedCount);
        case ClockColumn:
            switch (source->clockSkew) {
            case ClockSkew::None:
                return QStringLiteral("ok");
            case ClockSkew::Ahead:
                return QStringLiteral("AHEAD");
            case ClockSkew::Behind:
                return QStringLiteral("BEHIND");
            }
            return {};
        default:
            return {};
        }
    case Qt::BackgroundRole:
        if (index.column() == SourceColumn)
            return nationColour(source->nation);
        if (index.column() == StateColumn)
            return stateColour(source->state);
        if (index.column() == RateColumn && source->flooding)
            return stateColour(SourceHealthState::Silent);
        if (index.column() == ClockColumn && source->clockSkew != ClockSkew::None)
            return stateColour(SourceHealthState::Stale);
        if (index.column() == LostColumn && source->missedMessages > 0)
            return stateColour(SourceHealthState::Stale);
        return {};
    case Qt::ForegroundRole:
        if (index.column() == SourceColumn)
            return QColor(0x10, 0x14, 0x18);
        if (index.column() == StateColumn || (index.column() == RateColumn && source->flooding)
            || (index.column() == ClockColumn && source->clockSkew != ClockSkew::None)
            || (index.column() == LostColumn && source->missedMessages > 0))
            return QColor(0xf0, 0xf0, 0xf0);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() >= RateColumn && index.column() <= RejectedColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        return tooltip(*source);
    case StateRole:
        return static_cast<int>(source->state);
    case FloodingRole:
        return source->flooding;
    case SourceIdRole:
        return QString::fromStdString(source->sourceId);
    default:
        return {};
    }
}

QVariant FeedHealthModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case RateColumn:
            return QStringLiteral("Messages a second over the last completed seconds");
        case LatencyMedianColumn:
            return QStringLiteral("Median latency (receive time minus source time), milliseconds");
        case LatencyP95Column:
            return QStringLiteral("95th percentile of the latency, milliseconds");
        case GapsColumn:
            return QStringLiteral("Times the sequence numbers jumped forward");
        case LostColumn:
            return QStringLiteral("Messages the jumps skipped: lost on the way");
        case SourceColumn:
            return QStringLiteral("Source id, in its nation's colour");
        case RestartsColumn:
            return QStringLiteral("Restarts: times the publisher started counting again");
        case RejectedColumn:
            return QStringLiteral("Refused: frames naming this source that the decoder refused");
        case ClockColumn:
            return QStringLiteral("Whether the source's clock looks ahead of ours, or behind");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SourceColumn:
        return QStringLiteral("Source");
    case StateColumn:
        return QStringLiteral("State");
    case RateColumn:
        return QStringLiteral("msg/s");
    case LatencyMedianColumn:
        return QStringLiteral("p50");
    case LatencyP95Column:
        return QStringLiteral("p95");
    case GapsColumn:
        return QStringLiteral("Gaps");
    case LostColumn:
        return QStringLiteral("Lost");
    case RestartsColumn:
        return QStringLiteral("Rst");
    case RejectedColumn:
        return QStringLiteral("Ref");
    case ClockColumn:
        return QStringLiteral("Clock");
    default:
        return {};
    }
}

} // namespace cop
