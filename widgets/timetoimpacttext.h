// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/timeus.h"

#include <QString>

namespace cop {

// A countdown as the alert list, the track table and the details show it: "T−04:47" before the
// moment, "+00:12" after it. One function, so the three never disagree.
QString timeToImpactText(TimeUs remainingUs);

} // namespace cop
