// SPDX-License-Identifier: GPL-3.0-or-later
#include "alertrecording.h"

#include "core/alertjson.h"

namespace cop {

void recordAlertEvents(SessionWriter &recorder, const std::vector<AlertEvent> &events)
{
    for (const AlertEvent &event : events) {
        AlertRecord record;
        record.timeUs = event.timeUs;
        record.alertId = std::to_string(event.alert.id);
        record.event = std::string(alertEventTypeCode(event.type));
        record.severity = alertSeverityName(event.alert.severity).toLower().toStdString();
        record.detailJson = alertEventToJsonLine(event).toStdString();
        recorder.appendAlertRecord(record);
        if (event.type == AlertEventType::Acknowledged) {
            OperatorAction action;
            action.timeUs = event.alert.acknowledgedTimeUs != kTimeUnset
                ? event.alert.acknowledgedTimeUs
                : event.timeUs;
            action.action = "acknowledge";
            action.operatorName = event.alert.acknowledgedBy.toStdString();
            action.alertId = record.alertId;
            recorder.appendOperatorAction(action);
        }
    }
}

void recordBookmark(SessionWriter &recorder, TimeUs timeUs, const QString &operatorName,
                    const QString &note)
{
    OperatorAction action;
    action.timeUs = timeUs;
    action.action = "bookmark";
    action.operatorName = operatorName.toStdString();
    action.note = note.toStdString();
    recorder.appendOperatorAction(action);
}

} // namespace cop
