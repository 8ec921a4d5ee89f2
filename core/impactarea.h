// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/basemap.h"
#include "core/protectedarea.h"

#include <QString>

namespace cop {

// What an operator calls the place a missile is predicted to land: the country whose land
// holds the point ("Japan"), else the protected sea area holding it ("Japan EEZ (approx.)"),
// else "Sea". Either source may be null.
QString impactAreaName(const Basemap *basemap, const ProtectedAreaSet *areas, double latDeg,
                       double lonDeg);

} // namespace cop
