// SPDX-License-Identifier: GPL-3.0-or-later
#include "impactarea.h"

namespace cop {

QString impactAreaName(const Basemap *basemap, const ProtectedAreaSet *areas, double latDeg,
                       double lonDeg)
{
    if (basemap) {
        if (const BasemapCountry *country = basemap->countryAt(latDeg, lonDeg))
            return country->name;
    }
    if (areas) {
        // Land was asked above; of the sea areas, the first listed (the standard set lists
        // each nation's EEZ once).
        for (const std::size_t index : areas->candidates(latDeg, lonDeg, latDeg, lonDeg)) {
            const ProtectedArea &area = areas->areas()[index];
            if (area.kind != ProtectedAreaKind::Territory && area.contains(latDeg, lonDeg))
                return area.name;
        }
    }
    return QStringLiteral("Sea");
}

} // namespace cop
