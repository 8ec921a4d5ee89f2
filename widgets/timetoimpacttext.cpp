// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/timetoimpacttext.h"

#include <cstdlib>

namespace cop {

QString timeToImpactText(TimeUs remainingUs)
{
    const bool past = remainingUs < 0;
    const qint64 totalS = std::abs(remainingUs) / kMicrosPerSecond;
    const QString text = QStringLiteral("%1:%2")
                             .arg(totalS / 60, 2, 10, QLatin1Char('0'))
                             .arg(totalS % 60, 2, 10, QLatin1Char('0'));
    return past ? QStringLiteral("+") + text : QStringLiteral("T−") + text;
}

} // namespace cop
