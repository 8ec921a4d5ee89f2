// SPDX-License-Identifier: GPL-3.0-or-later
#include "alertexport.h"

#include "csvwriter.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>
#include <limits>
#include <map>

namespace cop {

namespace {

struct Acknowledgement
{
    QString by;
    TimeUs timeUs = kTimeUnset;
};

QString text(const QJsonObject &alert, const char *key)
{
    const QJsonValue value = alert.value(QLatin1String(key));
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return value.toString();
}

} // namespace

QByteArray alertLivesToCsv(const std::vector<AlertRecord> &records,
                           const std::vector<OperatorAction> &actions)
{
    // The operators' acknowledgements, for records that do not say who acknowledged.
    std::map<std::string, Acknowledgement> acknowledged;
    for (const OperatorAction &action : actions) {
        if (action.action == "acknowledge" && !action.alertId.empty())
            acknowledged.try_emplace(
                action.alertId,
                Acknowledgement {QString::fromStdString(action.operatorName), action.timeUs});
    }
    // Alerts in the order of their first event; each one's events in time order (stable, so
    // events of one moment keep the order they were recorded in).
    std::map<std::string, TimeUs> firstEventUs;
    for (const AlertRecord &record : records) {
        auto [at, inserted] = firstEventUs.try_emplace(record.alertId, record.timeUs);
        if (!inserted)
            at->second = std::min(at->second, record.timeUs);
    }
    std::vector<const AlertRecord *> ordered;
    ordered.reserve(records.size());
    for (const AlertRecord &record : records)
        ordered.push_back(&record);
    std::stable_sort(ordered.begin(), ordered.end(),
                     [&](const AlertRecord *a, const AlertRecord *b) {
                         const TimeUs firstA = firstEventUs.at(a->alertId);
                         const TimeUs firstB = firstEventUs.at(b->alertId);
                         if (firstA != firstB)
                             return firstA < firstB;
                         if (a->alertId != b->alertId)
                             return a->alertId < b->alertId;
                         return a->timeUs < b->timeUs;
                     });

    CsvWriter csv;
    csv.addRow({QStringLiteral("alert_id"), QStringLiteral("event"), QStringLiteral("time_utc"),
                QStringLiteral("time_us"), QStringLiteral("severity"), QStringLiteral("kind"),
                QStringLiteral("nation"), QStringLiteral("text"), QStringLiteral("active"),
                QStringLiteral("ending"), QStringLiteral("source_id"), QStringLiteral("track_id"),
                QStringLiteral("area"), QStringLiteral("predicted_impact_utc"),
                QStringLiteral("acknowledged_by"), QStringLiteral("acknowledged_utc")});
    for (const AlertRecord *record : ordered) {
        const QJsonObject alert
            = QJsonDocument::fromJson(QByteArray::fromStdString(record->detailJson)).object();
        const QJsonObject track = alert.value(QStringLiteral("track")).toObject();
        QString by = text(alert, "acknowledged_by");
        QString byTime = text(alert, "acknowledged_time");
        if (by.isEmpty() && record->event == "acknowledge") {
            if (const auto found = acknowledged.find(record->alertId);
                found != acknowledged.end()) {
                by = found->second.by;
                byTime = formatUtc(found->second.timeUs);
            }
        }
        csv.addRow({QString::fromStdString(record->alertId), QString::fromStdString(record->event),
                    formatUtc(record->timeUs), QString::number(record->timeUs),
                    QString::fromStdString(record->severity), text(alert, "kind"),
                    text(alert, "nation"), text(alert, "text"), text(alert, "active"),
                    text(alert, "ending"), track.value(QStringLiteral("source")).toString(),
                    track.value(QStringLiteral("id")).toString(), text(alert, "area"),
                    text(alert, "predicted_impact_time"), by, byTime});
    }
    return csv.data();
}

bool exportAlertLives(SessionReader &reader, const QString &path, int *events, QString *error)
{
    constexpr TimeUs kAllFrom = std::numeric_limits<TimeUs>::min() + 1;
    constexpr TimeUs kAllTo = std::numeric_limits<TimeUs>::max();
    std::vector<AlertRecord> records;
    std::vector<OperatorAction> actions;
    std::string why;
    if (!reader.readAlertRecords(
            kAllFrom, kAllTo, [&](const AlertRecord &record) { records.push_back(record); }, &why)
        || !reader.readOperatorActions(
            kAllFrom, kAllTo, [&](const OperatorAction &action) { actions.push_back(action); },
            &why)) {
        *error = QStringLiteral("cannot read the session's alerts: %1")
                     .arg(QString::fromStdString(why));
        return false;
    }
    const QByteArray data = alertLivesToCsv(records, actions);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        *error = QStringLiteral("cannot write '%1': %2").arg(path, file.errorString());
        return false;
    }
    if (events)
        *events = static_cast<int>(records.size());
    return true;
}

} // namespace cop
