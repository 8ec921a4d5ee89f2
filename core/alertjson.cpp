// SPDX-License-Identifier: GPL-3.0-or-later
#include "alertjson.h"

#include <QJsonDocument>

namespace cop {

namespace {
QString latin1(std::string_view text)
{
    return QString::fromLatin1(text.data(), static_cast<qsizetype>(text.size()));
}
} // namespace

QJsonObject alertEventToJson(const AlertEvent &event)
{
    const Alert &a = event.alert;
    QJsonObject o;
    o.insert(QStringLiteral("event"), latin1(alertEventTypeCode(event.type)));
    o.insert(QStringLiteral("time"), formatUtc(event.timeUs));
    o.insert(QStringLiteral("time_us"), static_cast<double>(event.timeUs));
    o.insert(QStringLiteral("id"), static_cast<double>(a.id));
    o.insert(QStringLiteral("kind"), latin1(alertKindCode(a.kind)));
    o.insert(QStringLiteral("severity"), alertSeverityName(a.severity).toLower());
    o.insert(QStringLiteral("active"), a.active);
    if (a.ending != AlertEnding::None)
        o.insert(QStringLiteral("ending"), latin1(alertEndingCode(a.ending)));
    o.insert(QStringLiteral("text"), a.text);
    o.insert(QStringLiteral("nation"), latin1(nationCode(a.nation)));
    if (a.launchId != 0)
        o.insert(QStringLiteral("launch"), static_cast<double>(a.launchId));
    if (!a.areaId.empty()) {
        o.insert(QStringLiteral("area_id"), QString::fromStdString(a.areaId));
        o.insert(QStringLiteral("area"), a.areaName);
    } else if (!a.areaName.isEmpty()) {
        o.insert(QStringLiteral("area"), a.areaName);
    }
    if (!a.track.trackId.empty()) {
        o.insert(QStringLiteral("track"),
                 QJsonObject {{QStringLiteral("source"), QString::fromStdString(a.track.sourceId)},
                              {QStringLiteral("id"), QString::fromStdString(a.track.trackId)}});
    }
    if (!a.sourceId.empty())
        o.insert(QStringLiteral("source"), QString::fromStdString(a.sourceId));
    if (!a.sensorId.empty())
        o.insert(QStringLiteral("sensor"), QString::fromStdString(a.sensorId));
    if (a.hasPosition) {
        o.insert(QStringLiteral("position"),
                 QJsonObject {{QStringLiteral("lat"), a.position.latDeg},
                              {QStringLiteral("lon"), a.position.lonDeg}});
    }
    if (a.predictedImpactTimeUs != kTimeUnset) {
        o.insert(QStringLiteral("predicted_impact_time"), formatUtc(a.predictedImpactTimeUs));
        o.insert(QStringLiteral("countdown_s"),
                 usToSeconds(a.predictedImpactTimeUs - event.timeUs));
    }
    o.insert(QStringLiteral("raised_time"), formatUtc(a.raisedTimeUs));
    if (a.acknowledged) {
        o.insert(QStringLiteral("acknowledged_by"), a.acknowledgedBy);
        o.insert(QStringLiteral("acknowledged_time"), formatUtc(a.acknowledgedTimeUs));
    }
    return o;
}

QByteArray alertEventToJsonLine(const AlertEvent &event)
{
    return QJsonDocument(alertEventToJson(event)).toJson(QJsonDocument::Compact);
}

} // namespace cop
