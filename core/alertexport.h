// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sessionreader.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace cop {

// The whole life of each alert of a session as CSV, one row per event (raise, update, clear,
// acknowledge), the rows of one alert together in time order, the alerts in the order they
// were raised. Columns: alert_id, event, time_utc, time_us, severity, kind, nation, text,
// active, ending, source_id, track_id, area, predicted_impact_utc, acknowledged_by,
// acknowledged_utc. Who acknowledged comes from the alert as recorded, or failing that from the
// operator's acknowledge action on the same alert.
QByteArray alertLivesToCsv(const std::vector<AlertRecord> &records,
                           const std::vector<OperatorAction> &actions);

// Reads every alert event and acknowledgement of an open session and writes the CSV to path.
// False with a message if the session's tables cannot be read or the file written.
bool exportAlertLives(SessionReader &reader, const QString &path, int *events, QString *error);

} // namespace cop
