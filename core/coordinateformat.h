// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace cop {

// Ways of writing a position that operators and the services they talk to use: decimal
// degrees (the feed's own), degrees-minutes-seconds (charts, voice reports) and MGRS (joint
// and allied ground forces).

// "35.6812° N 139.7671° E"
QString formatDecimalDegrees(double latDeg, double lonDeg, int decimals = 4);
// "35°40′52.3″ N 139°46′01.6″ E"
QString formatDegreesMinutesSeconds(double latDeg, double lonDeg);
// "54S UE 88433 49290" at 1 m precision (5 digits per axis); empty where MGRS is undefined (not finite).
QString formatMgrs(double latDeg, double lonDeg, int digitsPerAxis = 5);

} // namespace cop
