// SPDX-License-Identifier: GPL-3.0-or-later
#include "sessiontimeargument.h"

#include <QDateTime>
#include <QStringList>
#include <QTimeZone>

#include <cmath>

namespace cop {

TimeUs parseSessionTime(const QString &text, TimeUs sessionStartUs, QString *why)
{
    const QString trimmed = text.trimmed();
    if (trimmed.contains(QLatin1Char('T'))) {
        QString iso = trimmed;
        if (iso.endsWith(QLatin1Char('Z')) || iso.endsWith(QLatin1Char('z')))
            iso.chop(1);
        // Only UTC: an offset would be a second way of saying the same thing, easy to get wrong.
        if (iso.contains(QLatin1Char('+')) || iso.lastIndexOf(QLatin1Char('-')) > 10) {
            *why = QStringLiteral("'%1': give UTC times, ending in Z, without a zone offset")
                       .arg(text);
            return kTimeUnset;
        }
        QDateTime time = QDateTime::fromString(iso, Qt::ISODateWithMs);
        if (!time.isValid()) {
            *why = QStringLiteral("'%1' is not a UTC time like 2023-07-12T01:02:03Z").arg(text);
            return kTimeUnset;
        }
        time.setTimeZone(QTimeZone::utc());
        return time.toMSecsSinceEpoch() * kMicrosPerMillisecond;
    }
    bool ok = false;
    const double seconds = trimmed.toDouble(&ok);
    if (!ok || !std::isfinite(seconds) || seconds < 0.0 || seconds > 1.0e9) {
        *why = QStringLiteral("'%1' is neither a UTC time like 2023-07-12T01:02:03Z nor seconds "
                              "from the start of the session like 90.5")
                   .arg(text);
        return kTimeUnset;
    }
    if (sessionStartUs == kTimeUnset) {
        *why = QStringLiteral("the session holds no message to count seconds from");
        return kTimeUnset;
    }
    return sessionStartUs + static_cast<TimeUs>(std::llround(seconds * 1e6));
}

bool parseSessionRange(const QString &text, TimeUs sessionStartUs, TimeUs *fromUs, TimeUs *toUs,
                       QString *why)
{
    const QStringList ends = text.split(QLatin1Char('/'));
    if (ends.size() != 2) {
        *why = QStringLiteral("'%1' is not a range FROM/TO, e.g. 60/120 or "
                              "2023-07-12T01:01:00Z/2023-07-12T01:02:00Z")
                   .arg(text);
        return false;
    }
    *fromUs = parseSessionTime(ends[0], sessionStartUs, why);
    if (*fromUs == kTimeUnset)
        return false;
    *toUs = parseSessionTime(ends[1], sessionStartUs, why);
    if (*toUs == kTimeUnset)
        return false;
    if (*toUs < *fromUs) {
        *why = QStringLiteral("the range '%1' ends before it starts").arg(text);
        return false;
    }
    return true;
}

} // namespace cop
