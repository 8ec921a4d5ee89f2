// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/basemap.h"
#include "core/domain.h"
#include "core/protectedarea.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace cop {

// The command-line choice of what a console protects, shared by cop-viewer and cop-monitor so
// that both read "--protect JP,KR --areas FILE" the same way.

// "JP,KR" → {Japan, Korea}; an empty list protects no nation's territory (only --areas).
// nullopt and a reason on an unknown code.
std::optional<std::vector<Nation>> parseProtectedNations(const QString &codes, QString *error);

// Territory and approximate EEZ of the nations (from the basemap, when there is one), plus the
// areas of each GeoJSON file. A file with no usable area is an error (nullptr and the reason);
// a file with some bad features loads the rest, and says what it skipped in warnings.
std::shared_ptr<ProtectedAreaSet> buildProtectedAreas(const Basemap *basemap,
                                                      const std::vector<Nation> &nations,
                                                      const QStringList &areaFiles,
                                                      QStringList *warnings, QString *error);

} // namespace cop
