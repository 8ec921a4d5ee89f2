// SPDX-License-Identifier: GPL-3.0-or-later
#include "protectedareaoptions.h"

#include <algorithm>

namespace cop {

std::optional<std::vector<Nation>> parseProtectedNations(const QString &codes, QString *error)
{
    std::vector<Nation> nations;
    for (const QString &code : codes.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const auto nation = nationFromCode(code.trimmed().toUpper().toStdString());
        if (!nation) {
            if (error)
                *error = QStringLiteral("--protect: unknown nation '%1' (JP, US or KR)").arg(code);
            return std::nullopt;
        }
        if (std::find(nations.begin(), nations.end(), *nation) == nations.end())
            nations.push_back(*nation);
    }
    return nations;
}

std::shared_ptr<ProtectedAreaSet> buildProtectedAreas(const Basemap *basemap,
                                                      const std::vector<Nation> &nations,
                                                      const QStringList &areaFiles,
                                                      QStringList *warnings, QString *error)
{
    QStringList messages;
    auto areas = std::make_shared<ProtectedAreaSet>(
        basemap ? ProtectedAreaSet::standard(*basemap, nations, &messages) : ProtectedAreaSet());
    for (const QString &path : areaFiles) {
        AreaLoadResult loaded = loadAreasFromGeoJsonFile(path);
        messages += loaded.errors;
        if (loaded.areas.empty()) {
            if (error)
                *error = QStringLiteral("--areas %1: no usable area (%2)")
                             .arg(path, loaded.errors.isEmpty() ? QStringLiteral("empty")
                                                                : loaded.errors.constFirst());
            return nullptr;
        }
        for (ProtectedArea &area : loaded.areas)
            areas->add(std::move(area));
    }
    if (warnings)
        *warnings += messages;
    return areas;
}

} // namespace cop
