// SPDX-License-Identifier: GPL-3.0-or-later
#include "trackdetailspanel.h"

#include "core/coordinateformat.h"
#include "core/impactellipse.h"
#include "widgets/nationpalette.h"
#include "widgets/timetoimpacttext.h"
#include "widgets/tracktablemodel.h"

#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QSet>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace cop {

namespace {

enum Field {
    SourceField,
    TrackIdField,
    PhaseField,
    ClassField,
    IdentityField,
    TimeField,
    PositionField,
    AltitudeField,
    SpeedField,
    HeadingField,
    ClimbField,
    SigmaField,
    LaunchPointField,
    LaunchTimeField,
    ImpactPointField,
    ImpactAreaField,
    ImpactTimeField,
    EllipseField,
    QualityField,
    SensorsField,
    AgeField,
    StatesField,
    DropField,
    FieldCount
};

const char *fieldName(int field)
{
    switch (field) {
    case SourceField: return "Source";
    case TrackIdField: return "Track id";
    case PhaseField: return "Phase";
    case ClassField: return "Class";
    case IdentityField: return "Identity";
    case TimeField: return "State time (UTC)";
    case PositionField: return "Position";
    case AltitudeField: return "Altitude";
    case SpeedField: return "Speed";
    case HeadingField: return "Heading";
    case ClimbField: return "Vertical speed";
    case SigmaField: return "Position error (1σ E/N/U)";
    case LaunchPointField: return "Launch point";
    case LaunchTimeField: return "Launch time (UTC)";
    case ImpactPointField: return "Predicted impact";
    case ImpactAreaField: return "Impact area";
    case ImpactTimeField: return "Impact time (UTC)";
    case EllipseField: return "Impact ellipse 95%";
    case QualityField: return "Quality";
    case SensorsField: return "Contributing sensors";
    case AgeField: return "Last update";
    case StatesField: return "States held";
    case DropField: return "Dropped";
    }
    return "";
}

QString utcTime(TimeUs timeUs)
{
    // "2023-07-12T01:00:00.000Z" → "01:00:00.0"
    return timeUs == kTimeUnset ? QString() : formatUtc(timeUs).mid(11, 10);
}

QString codeOf(Nation nation)
{
    const std::string_view code = nationCode(nation);
    return QString::fromLatin1(code.data(), static_cast<qsizetype>(code.size()));
}

QString fieldText(int field, const TrackRecord &record, TimeUs nowUs,
                  const std::function<QString(double, double)> &areaNamer)
{
    const TrackUpdate &s = record.latest();
    const EnuCovariance3 &c = s.positionCovarianceM2;
    switch (field) {
    case SourceField: return QString::fromStdString(record.key.sourceId);
    case TrackIdField: return QString::fromStdString(record.key.trackId);
    case PhaseField: return trackPhaseName(s.phase);
    case ClassField: return missileClassName(s.missileClass);
    case IdentityField: return identityName(s.identity);
    case TimeField: return utcTime(s.timeUs);
    case PositionField: return formatDecimalDegrees(s.position.latDeg, s.position.lonDeg, 3);
    case AltitudeField: return QStringLiteral("%1 km").arg(s.position.altitudeM / 1e3, 0, 'f', 1);
    case SpeedField: return QStringLiteral("%1 km/s").arg(s.velocity.speedMps() / 1e3, 0, 'f', 3);
    case HeadingField: return QStringLiteral("%1°").arg(s.velocity.headingDeg(), 0, 'f', 1);
    case ClimbField: return QStringLiteral("%1 m/s").arg(s.velocity.upMps, 0, 'f', 0);
    case SigmaField:
        return QStringLiteral("%1 / %2 / %3 m")
            .arg(std::sqrt(std::max(c.ee, 0.0)), 0, 'f', 0)
            .arg(std::sqrt(std::max(c.nn, 0.0)), 0, 'f', 0)
            .arg(std::sqrt(std::max(c.uu, 0.0)), 0, 'f', 0);
    case LaunchPointField:
        return s.hasLaunch ? formatDecimalDegrees(s.launchPoint.latDeg, s.launchPoint.lonDeg, 3) : QStringLiteral("—");
    case LaunchTimeField: return s.hasLaunch ? utcTime(s.launchTimeUs) : QStringLiteral("—");
    case ImpactPointField:
        return s.hasImpact ? formatDecimalDegrees(s.impact.point.latDeg, s.impact.point.lonDeg, 3) : QStringLiteral("—");
    case ImpactAreaField:
        return s.hasImpact && areaNamer ? areaNamer(s.impact.point.latDeg, s.impact.point.lonDeg) : QStringLiteral("—");
    case ImpactTimeField: {
        if (!s.hasImpact)
            return QStringLiteral("—");
        QString text = utcTime(s.impact.timeUs);
        if (nowUs != kTimeUnset)
            text += QStringLiteral("  (%1)").arg(timeToImpactText(s.impact.timeUs - nowUs));
        return text;
    }
    case EllipseField: {
        if (!s.hasImpact)
            return QStringLiteral("—");
        // Only the axes are read: the outline is built lazily, never here.
        const ImpactEllipse ellipse(s.impact.point, s.impact.covarianceM2, kImpactEllipseK95);
        const double azimuthDeg = ellipse.majorAzimuthDeg();
        return QStringLiteral("%1 × %2 km, axis %3°")
            .arg(ellipse.semiMajorM() / 1e3, 0, 'f', 1)
            .arg(ellipse.semiMinorM() / 1e3, 0, 'f', 1)
            .arg(azimuthDeg < 0 ? azimuthDeg + 180.0 : azimuthDeg, 0, 'f', 0);
    }
    case QualityField: return QStringLiteral("%1").arg(static_cast<double>(s.quality), 0, 'f', 2);
    case SensorsField: {
        QStringList sensors;
        for (const std::string &id : s.contributingSensors)
            sensors << QString::fromStdString(id);
        return sensors.join(QStringLiteral(", "));
    }
    case AgeField:
        return nowUs == kTimeUnset || record.lastReceiveTimeUs == kTimeUnset
                   ? QString()
                   : TrackTableModel::ageText(nowUs - record.lastReceiveTimeUs) + QStringLiteral(" ago");
    case StatesField: return QString::number(record.history.size());
    case DropField:
        return record.dropTimeUs == kTimeUnset
                   ? QStringLiteral("no")
                   : QStringLiteral("%1, %2").arg(utcTime(record.dropTimeUs), dropReasonName(record.dropReason));
    }
    return {};
}

// The full text is also the cell's tooltip: three nations side by side in a dock leave a
// column too narrow for a class name or a position, which the cell then cuts short.
void setText(QTableWidget *table, int row, int column, const QString &text)
{
    QTableWidgetItem *item = table->item(row, column);
    if (!item) {
        item = new QTableWidgetItem(text);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        item->setToolTip(text);
        table->setItem(row, column, item);
    } else if (item->text() != text) {
        item->setText(text);
        item->setToolTip(text);
    }
}

} // namespace

TrackDetailsPanel::TrackDetailsPanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("trackDetailsPanel"));
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fields = new QTableWidget(FieldCount, 0, this);
    m_fields->setObjectName(QStringLiteral("trackFields"));
    QStringList fieldNames;
    for (int f = 0; f < FieldCount; ++f)
        fieldNames << QString::fromUtf8(fieldName(f));
    m_fields->setVerticalHeaderLabels(fieldNames);
    m_fields->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_fields->verticalHeader()->setDefaultSectionSize(m_fields->fontMetrics().height() + 4);
    m_fields->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_fields->setWordWrap(false);

    m_history = new QTableWidget(0, 6, this);
    m_history->setObjectName(QStringLiteral("impactHistory"));
    m_history->setHorizontalHeaderLabels({QStringLiteral("Time (UTC)"), QStringLiteral("Nation"), QStringLiteral("Track"),
                                          QStringLiteral("Predicted impact"), QStringLiteral("Semi-major 95%"),
                                          QStringLiteral("Impact time")});
    m_history->verticalHeader()->hide();
    m_history->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_history->verticalHeader()->setDefaultSectionSize(m_history->fontMetrics().height() + 4);
    m_history->horizontalHeader()->setStretchLastSection(true);
    m_history->setWordWrap(false);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_fields);
    auto *historyBox = new QWidget(splitter);
    auto *historyLayout = new QVBoxLayout(historyBox);
    historyLayout->setContentsMargins(0, 0, 0, 0);
    historyLayout->addWidget(new QLabel(QStringLiteral("Impact predictions, newest first"), historyBox));
    historyLayout->addWidget(m_history, 1);
    splitter->addWidget(historyBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_summary);
    layout->addWidget(splitter, 1);
    showObject(Picture(), nullptr, kTimeUnset);
}

QDockWidget *TrackDetailsPanel::createDock(QWidget *parent)
{
    auto *dock = new QDockWidget(QStringLiteral("Track details"), parent);
    dock->setObjectName(QStringLiteral("trackDetailsDock"));
    dock->setWidget(this);
    return dock;
}

QString TrackDetailsPanel::summaryText() const
{
    return m_summary->text();
}

void TrackDetailsPanel::showObject(const Picture &picture, const CorrelatedObject *object, TimeUs nowUs,
                                   const std::function<QString(double, double)> &areaNamer)
{
    std::vector<const TrackRecord *> records;
    std::vector<Nation> nations;
    if (object) {
        for (std::size_t i = 0; i < object->members.size(); ++i) {
            if (const TrackRecord *record = picture.track(object->members[i])) {
                records.push_back(record);
                nations.push_back(object->memberNations[i]);
            }
        }
    }
    if (!object || records.empty()) {
        // Called on every clock tick: only what differs is touched, so nothing repaints.
        const QString prompt = QStringLiteral("Select a track in the table or on the map.");
        if (m_summary->text() != prompt)
            m_summary->setText(prompt);
        if (m_fields->columnCount() != 0)
            m_fields->setColumnCount(0);
        if (m_history->rowCount() != 0)
            m_history->setRowCount(0);
        m_sensors.clear();
        return;
    }

    // Summary: the object as a whole.
    QStringList codes;
    for (Nation n : nations)
        codes << codeOf(n);
    QString summary = QStringLiteral("<b>C%1</b> — %2 — fused %3, %4 km, %5 km/s at %6 UTC")
                          .arg(object->id)
                          .arg(codes.join(QStringLiteral(" + ")))
                          .arg(formatDecimalDegrees(object->position.latDeg, object->position.lonDeg, 3))
                          .arg(object->position.altitudeM / 1e3, 0, 'f', 1)
                          .arg(object->velocity.speedMps() / 1e3, 0, 'f', 2)
                          .arg(utcTime(object->timeUs));
    if (std::isfinite(object->impactSpreadKm))
        summary += QStringLiteral("<br>Nations' impact predictions up to <b>%1 km</b> apart").arg(object->impactSpreadKm, 0, 'f', 1);
    if (object->ended)
        summary += QStringLiteral("<br>Ended: every nation has dropped its track");
    if (m_summary->text() != summary)
        m_summary->setText(summary);

    // Fields, one column per national track.
    m_fields->setColumnCount(static_cast<int>(records.size()));
    QSet<QString> sensors;
    for (int c = 0; c < static_cast<int>(records.size()); ++c) {
        const TrackRecord &record = *records[static_cast<std::size_t>(c)];
        const Nation nation = nations[static_cast<std::size_t>(c)];
        QTableWidgetItem *header = m_fields->horizontalHeaderItem(c);
        if (!header) {
            header = new QTableWidgetItem;
            m_fields->setHorizontalHeaderItem(c, header);
        }
        header->setText(nationName(nation));
        header->setForeground(nationColour(nation));
        for (int f = 0; f < FieldCount; ++f)
            setText(m_fields, f, c, fieldText(f, record, nowUs, areaNamer));
        for (const std::string &id : record.latest().contributingSensors)
            sensors.insert(QString::fromStdString(id));
    }
    m_sensors = QStringList(sensors.begin(), sensors.end());
    m_sensors.sort();

    // Impact history: each distinct prediction once (a tracker repeats its last one between
    // refreshes), newest first, bounded.
    struct Entry
    {
        TimeUs timeUs;
        Nation nation;
        const TrackRecord *record;
        const TrackUpdate *state;
    };
    std::vector<Entry> entries;
    for (std::size_t r = 0; r < records.size(); ++r) {
        const TrackUpdate *previous = nullptr;
        for (const TrackUpdate &s : records[r]->history) {
            if (!s.hasImpact)
                continue;
            if (previous && previous->impact.point == s.impact.point && previous->impact.timeUs == s.impact.timeUs
                && previous->impact.covarianceM2 == s.impact.covarianceM2)
                continue;
            entries.push_back({s.timeUs, nations[r], records[r], &s});
            previous = &s;
        }
    }
    std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
        return a.timeUs != b.timeUs ? a.timeUs > b.timeUs : a.nation < b.nation;
    });
    const int rows = std::min(static_cast<int>(entries.size()), kMaxHistoryRows);
    m_history->setRowCount(rows);
    for (int row = 0; row < rows; ++row) {
        const Entry &e = entries[static_cast<std::size_t>(row)];
        const ImpactPrediction &impact = e.state->impact;
        setText(m_history, row, 0, utcTime(e.timeUs));
        setText(m_history, row, 1, codeOf(e.nation));
        m_history->item(row, 1)->setForeground(nationColour(e.nation));
        setText(m_history, row, 2, QString::fromStdString(e.record->key.trackId));
        setText(m_history, row, 3, formatDecimalDegrees(impact.point.latDeg, impact.point.lonDeg, 3));
        setText(m_history, row, 4,
                QStringLiteral("%1 km").arg(ImpactEllipse(impact.point, impact.covarianceM2, kImpactEllipseK95).semiMajorM() / 1e3, 0, 'f', 1));
        setText(m_history, row, 5, utcTime(impact.timeUs));
    }
}

} // namespace cop
