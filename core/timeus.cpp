// SPDX-License-Identifier: GPL-3.0-or-later
#include "timeus.h"

#include <QDateTime>
#include <QTimeZone>

#include <chrono>

namespace cop {

TimeUs wallClockNowUs()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

QString formatUtc(TimeUs timeUs)
{
    if (timeUs == kTimeUnset)
        return QStringLiteral("—");
    const auto dateTime = QDateTime::fromMSecsSinceEpoch(timeUs / kMicrosPerMillisecond,
                                                         QTimeZone::utc());
    return dateTime.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

} // namespace cop
