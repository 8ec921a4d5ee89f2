// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain.h"
#include "sim/sensor.h"

#include <QByteArray>
#include <QString>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cop::sim {

// Each nation's sensors, as read from an editable catalogue file (JSON, schema in
// docs/sim-scenario-files.md). The built-in laydown (sensorcatalogue.h) ships as
// resources/sensors/catalogue.json.
struct SensorCatalogue
{
    std::map<Nation, std::vector<SensorSpec>> sensors;
};

// The format identifier a catalogue must declare.
inline constexpr const char *kSensorCatalogueFormat = "cop-sensor-catalogue/1";

// Parses a catalogue. On any problem returns nothing and sets error to one line naming the
// place in the file ("nations[0].sensors[2].maxRangeKm: must be a positive number"); never
// throws, never crashes on malformed input.
std::optional<SensorCatalogue> parseSensorCatalogue(const QByteArray &json, std::string *error);

// Reads and parses a catalogue file (a path or a Qt resource such as
// ":/sensors/catalogue.json").
std::optional<SensorCatalogue> loadSensorCatalogue(const QString &path, std::string *error);

// The catalogue as JSON, in the format parseSensorCatalogue reads.
QByteArray sensorCatalogueToJson(const SensorCatalogue &catalogue, const QString &note);

} // namespace cop::sim
