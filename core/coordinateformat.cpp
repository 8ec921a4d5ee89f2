// SPDX-License-Identifier: GPL-3.0-or-later
#include "coordinateformat.h"

#include <GeographicLib/MGRS.hpp>
#include <GeographicLib/UTMUPS.hpp>

#include <cmath>
#include <string>

namespace cop {

namespace {

QChar hemisphere(double value, char positive, char negative)
{
    return QLatin1Char(value >= 0.0 ? positive : negative);
}

// One axis as d°mm′ss.s″, rounding carried up so 59.95″ never prints as 60.0″.
QString dms(double valueDeg)
{
    const qint64 tenthsOfSecond = std::llround(std::abs(valueDeg) * 36000.0);
    const qint64 degrees = tenthsOfSecond / 36000;
    const qint64 minutes = (tenthsOfSecond / 600) % 60;
    const double seconds = static_cast<double>(tenthsOfSecond % 600) / 10.0;
    return QStringLiteral("%1°%2′%3″")
        .arg(degrees)
        .arg(minutes, 2, 10, QLatin1Char('0'))
        .arg(seconds, 4, 'f', 1, QLatin1Char('0'));
}

} // namespace

QString formatDecimalDegrees(double latDeg, double lonDeg, int decimals)
{
    return QStringLiteral("%1° %2 %3° %4")
        .arg(std::abs(latDeg), 0, 'f', decimals)
        .arg(hemisphere(latDeg, 'N', 'S'))
        .arg(std::abs(lonDeg), 0, 'f', decimals)
        .arg(hemisphere(lonDeg, 'E', 'W'));
}

QString formatDegreesMinutesSeconds(double latDeg, double lonDeg)
{
    return QStringLiteral("%1 %2 %3 %4")
        .arg(dms(latDeg), hemisphere(latDeg, 'N', 'S'), dms(lonDeg), hemisphere(lonDeg, 'E', 'W'));
}

QString formatMgrs(double latDeg, double lonDeg, int digitsPerAxis)
{
    if (!std::isfinite(latDeg) || !std::isfinite(lonDeg) || std::abs(latDeg) > 90.0)
        return {};
    try {
        int zone = 0;
        bool northp = false;
        double x = 0.0, y = 0.0;
        GeographicLib::UTMUPS::Forward(latDeg, lonDeg, zone, northp, x, y);
        std::string mgrs;
        GeographicLib::MGRS::Forward(zone, northp, x, y, latDeg, digitsPerAxis, mgrs);
        // GeographicLib writes "54SUE8670038400"; space it as people read it out.
        const QString raw = QString::fromStdString(mgrs);
        const qsizetype digits = 2 * digitsPerAxis;
        const qsizetype prefix = raw.size() - digits;
        if (prefix < 3)
            return raw;
        return QStringLiteral("%1 %2 %3 %4")
            .arg(raw.left(prefix - 2), raw.mid(prefix - 2, 2), raw.mid(prefix, digitsPerAxis),
                 raw.mid(prefix + digitsPerAxis));
    } catch (const GeographicLib::GeographicErr &) {
        return {};
    }
}

} // namespace cop
