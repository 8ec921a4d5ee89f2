// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/sensorcataloguefile.h"

#include "sim/jsonfieldreader.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <cmath>
#include <cstdio>
#include <set>
#include <string>

namespace cop::sim {

namespace {

struct KindName
{
    SensorKind kind;
    const char *name;
};
constexpr KindName kKinds[] = {{SensorKind::GroundRadar, "ground-radar"},
                               {SensorKind::ShipRadar, "ship-radar"},
                               {SensorKind::SpaceInfrared, "space-infrared"},
                               {SensorKind::Other, "other"}};

using Reader = JsonFieldReader;

std::optional<SensorSpec> parseSensor(const Reader &r, std::string *error)
{
    SensorSpec spec;
    std::string kind;
    if (!r.text("id", spec.sensorId, error) || !r.text("name", spec.name, error)
        || !r.text("kind", kind, error))
        return std::nullopt;
    spec.kind = SensorKind::Unknown;
    for (const KindName &k : kKinds) {
        if (kind == k.name)
            spec.kind = k.kind;
    }
    if (spec.kind == SensorKind::Unknown) {
        *error = r.path() + ".kind: '" + kind
            + "' is not one of ground-radar, ship-radar, space-infrared, other";
        return std::nullopt;
    }
    const QJsonValue siteValue = r.object().value(QLatin1String("site"));
    if (!siteValue.isObject()) {
        *error = r.path() + ".site: must be an object with latDeg, lonDeg, altitudeM";
        return std::nullopt;
    }
    const Reader site(siteValue.toObject(), r.path() + ".site");
    double maxRangeKm = 0.0, angleSigmaMrad = 0.0;
    if (!site.number("latDeg", spec.site.latDeg, -90.0, 90.0, error)
        || !site.number("lonDeg", spec.site.lonDeg, -180.0, 180.0, error)
        || !site.number("altitudeM", spec.site.altitudeM, -500.0, 50'000e3, error)
        || !r.number("boresightAzimuthDeg", spec.coverage.boresightAzimuthDeg, 0.0, 360.0, error)
        || !r.number("azimuthHalfWidthDeg", spec.coverage.azimuthHalfWidthDeg, 0.0, 180.0, error)
        || !r.number("minElevationDeg", spec.coverage.minElevationDeg, -90.0, 90.0, error)
        || !r.number("maxElevationDeg", spec.coverage.maxElevationDeg, -90.0, 90.0, error)
        || !r.number("maxRangeKm", maxRangeKm, 1.0, 100'000.0, error)
        || !r.number("rangeSigmaM", spec.rangeSigmaM, 0.1, 1e6, error)
        || !r.number("angleSigmaMrad", angleSigmaMrad, 1e-4, 100.0, error)
        || !r.optionalNumber("revisitS", spec.revisitIntervalS, 0.05, 3600.0, error)
        || !r.optionalNumber("detectionDelayS", spec.firstDetectionDelayS, 0.0, 600.0, error))
        return std::nullopt;
    if (spec.coverage.minElevationDeg >= spec.coverage.maxElevationDeg) {
        *error = r.path() + ": minElevationDeg must be below maxElevationDeg";
        return std::nullopt;
    }
    spec.coverage.maxRangeM = maxRangeKm * 1e3;
    spec.angleSigmaRad = angleSigmaMrad * 1e-3;
    return spec;
}

} // namespace

std::optional<SensorCatalogue> parseSensorCatalogue(const QByteArray &json, std::string *error)
{
    std::string scratch;
    if (!error)
        error = &scratch;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = "not JSON at byte " + std::to_string(parseError.offset) + ": "
            + parseError.errorString().toStdString();
        return std::nullopt;
    }
    if (!document.isObject()) {
        *error = "the catalogue must be a JSON object";
        return std::nullopt;
    }
    const QJsonObject root = document.object();
    if (root.value(QLatin1String("format")).toString() != QLatin1String(kSensorCatalogueFormat)) {
        *error = std::string("format: must be \"") + kSensorCatalogueFormat + "\"";
        return std::nullopt;
    }
    const QJsonValue nations = root.value(QLatin1String("nations"));
    if (!nations.isArray()) {
        *error = "nations: must be an array";
        return std::nullopt;
    }
    SensorCatalogue catalogue;
    std::set<std::string> ids;
    const QJsonArray nationArray = nations.toArray();
    for (qsizetype n = 0; n < nationArray.size(); ++n) {
        const std::string nationPath = "nations[" + std::to_string(n) + "]";
        if (!nationArray.at(n).isObject()) {
            *error = nationPath + ": must be an object";
            return std::nullopt;
        }
        const Reader nationReader(nationArray.at(n).toObject(), nationPath);
        std::string code;
        if (!nationReader.text("nation", code, error))
            return std::nullopt;
        const std::optional<Nation> nation = nationFromCode(code);
        if (!nation) {
            *error = nationPath + ".nation: '" + code + "' is not one of JP, US, KR";
            return std::nullopt;
        }
        if (catalogue.sensors.contains(*nation)) {
            *error = nationPath + ".nation: " + code + " listed twice";
            return std::nullopt;
        }
        const QJsonValue sensors = nationReader.object().value(QLatin1String("sensors"));
        if (!sensors.isArray()) {
            *error = nationPath + ".sensors: must be an array";
            return std::nullopt;
        }
        std::vector<SensorSpec> &list = catalogue.sensors[*nation];
        const QJsonArray sensorArray = sensors.toArray();
        for (qsizetype s = 0; s < sensorArray.size(); ++s) {
            const std::string sensorPath = nationPath + ".sensors[" + std::to_string(s) + "]";
            if (!sensorArray.at(s).isObject()) {
                *error = sensorPath + ": must be an object";
                return std::nullopt;
            }
            std::optional<SensorSpec> spec
                = parseSensor(Reader(sensorArray.at(s).toObject(), sensorPath), error);
            if (!spec)
                return std::nullopt;
            if (!ids.insert(spec->sensorId).second) {
                *error = sensorPath + ".id: '" + spec->sensorId + "' is used twice";
                return std::nullopt;
            }
            list.push_back(std::move(*spec));
        }
    }
    return catalogue;
}

std::optional<SensorCatalogue> loadSensorCatalogue(const QString &path, std::string *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = path.toStdString() + ": " + file.errorString().toStdString();
        return std::nullopt;
    }
    std::string why;
    std::optional<SensorCatalogue> catalogue = parseSensorCatalogue(file.readAll(), &why);
    if (!catalogue && error)
        *error = path.toStdString() + ": " + why;
    return catalogue;
}

QByteArray sensorCatalogueToJson(const SensorCatalogue &catalogue, const QString &note)
{
    QJsonArray nations;
    for (const auto &[nation, sensors] : catalogue.sensors) {
        QJsonArray list;
        for (const SensorSpec &spec : sensors) {
            QString kind = QStringLiteral("other");
            for (const KindName &k : kKinds) {
                if (k.kind == spec.kind)
                    kind = QLatin1String(k.name);
            }
            // Round for a readable file: a tenth of a degree, a microradian.
            const auto round = [](double v, double scale) { return std::round(v * scale) / scale; };
            list.append(QJsonObject {
                {QStringLiteral("id"), QString::fromStdString(spec.sensorId)},
                {QStringLiteral("name"), QString::fromStdString(spec.name)},
                {QStringLiteral("kind"), kind},
                {QStringLiteral("site"),
                 QJsonObject {{QStringLiteral("latDeg"), spec.site.latDeg},
                              {QStringLiteral("lonDeg"), spec.site.lonDeg},
                              {QStringLiteral("altitudeM"), spec.site.altitudeM}}},
                {QStringLiteral("boresightAzimuthDeg"),
                 round(spec.coverage.boresightAzimuthDeg, 10.0)},
                {QStringLiteral("azimuthHalfWidthDeg"), spec.coverage.azimuthHalfWidthDeg},
                {QStringLiteral("minElevationDeg"), spec.coverage.minElevationDeg},
                {QStringLiteral("maxElevationDeg"), spec.coverage.maxElevationDeg},
                {QStringLiteral("maxRangeKm"), spec.coverage.maxRangeM / 1e3},
                {QStringLiteral("rangeSigmaM"), spec.rangeSigmaM},
                {QStringLiteral("angleSigmaMrad"), round(spec.angleSigmaRad * 1e3, 1e4)},
                {QStringLiteral("revisitS"), spec.revisitIntervalS},
                {QStringLiteral("detectionDelayS"), spec.firstDetectionDelayS},
                {QStringLiteral("notional"), true},
            });
        }
        nations.append(
            QJsonObject {{QStringLiteral("nation"),
                          QString::fromUtf8(nationCode(nation).data(),
                                            static_cast<qsizetype>(nationCode(nation).size()))},
                         {QStringLiteral("sensors"), list}});
    }
    const QJsonObject root {{QStringLiteral("format"), QLatin1String(kSensorCatalogueFormat)},
                            {QStringLiteral("note"), note},
                            {QStringLiteral("nations"), nations}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

} // namespace cop::sim
