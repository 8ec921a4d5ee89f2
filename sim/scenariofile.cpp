// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/scenariofile.h"

#include "sim/jsonfieldreader.h"
#include "sim/launchsites.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <GeographicLib/Geodesic.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <initializer_list>
#include <span>
#include <string_view>

namespace cop::sim {

namespace {

std::atomic<std::uint64_t> g_rejected {0};

// Limits that keep a hostile file from costing more than a real one.
constexpr qsizetype kMaxLaunches = 200;
constexpr qsizetype kMaxEvents = 2000;
constexpr double kMaxScenarioS = 7.0 * 86400.0;

template<typename Enum>
struct Named
{
    Enum value;
    std::string_view name;
};

constexpr Named<MissileClass> kClasses[] = {
    {MissileClass::ShortRange, "srbm"},        {MissileClass::MediumRange, "mrbm"},
    {MissileClass::IntermediateRange, "irbm"}, {MissileClass::Intercontinental, "icbm"},
    {MissileClass::SubmarineLaunched, "slbm"}, {MissileClass::SpaceLaunch, "space-launch"},
    {MissileClass::GlideVehicle, "glide"},     {MissileClass::Unknown, "unknown"},
};
constexpr Named<TrajectoryShape> kShapes[] = {{TrajectoryShape::MinimumEnergy, "min-energy"},
                                              {TrajectoryShape::Lofted, "lofted"},
                                              {TrajectoryShape::Depressed, "depressed"}};
constexpr Named<SensorState> kStates[] = {{SensorState::Degraded, "degraded"},
                                          {SensorState::Offline, "offline"}};
constexpr Named<FeedFaultKind> kFaultKinds[] = {
    {FeedFaultKind::Silent, "silent"},
    {FeedFaultKind::Loss, "loss"},
    {FeedFaultKind::SequenceGap, "sequence-gap"},
    {FeedFaultKind::SequenceRestart, "sequence-restart"},
    {FeedFaultKind::Latency, "latency"},
    {FeedFaultKind::Malformed, "malformed"},
};

template<typename Enum, std::size_t N>
std::string_view nameOf(const Named<Enum> (&table)[N], Enum value)
{
    for (const auto &entry : table) {
        if (entry.value == value)
            return entry.name;
    }
    return table[0].name;
}

template<typename Enum, std::size_t N>
bool readName(const JsonFieldReader &r, const char *key, const Named<Enum> (&table)[N], Enum &out,
              std::string *error)
{
    std::string text;
    if (!r.text(key, text, error))
        return false;
    for (const auto &entry : table) {
        if (entry.name == text) {
            out = entry.value;
            return true;
        }
    }
    std::string allowed;
    for (const auto &entry : table)
        allowed += (allowed.empty() ? "" : ", ") + std::string(entry.name);
    *error = r.field(key) + ": '" + text + "' is not one of " + allowed;
    return false;
}

// Unknown keys are refused so a misspelt field is not silently ignored.
bool onlyKnownKeys(const JsonFieldReader &r, std::initializer_list<const char *> known,
                   std::string *error)
{
    for (auto it = r.object().begin(); it != r.object().end(); ++it) {
        const QString key = it.key();
        bool found = key == QLatin1String("note");
        for (const char *k : known)
            found = found || key == QLatin1String(k);
        if (!found) {
            std::string allowed;
            for (const char *k : known)
                allowed += (allowed.empty() ? "" : ", ") + std::string(k);
            *error = r.field(key.toStdString().c_str()) + ": unknown field (known: " + allowed
                + ", note)";
            return false;
        }
    }
    return true;
}

bool readPosition(const JsonFieldReader &parent, const char *key, GeoPosition &out,
                  std::string *error)
{
    const QJsonValue v = parent.object().value(QLatin1String(key));
    if (!v.isObject()) {
        *error = parent.field(key) + ": must be an object with latDeg and lonDeg";
        return false;
    }
    const JsonFieldReader r(v.toObject(), parent.field(key));
    out = {};
    return onlyKnownKeys(r, {"latDeg", "lonDeg", "altitudeM"}, error)
        && r.number("latDeg", out.latDeg, -90.0, 90.0, error)
        && r.number("lonDeg", out.lonDeg, -180.0, 180.0, error)
        && r.optionalNumber("altitudeM", out.altitudeM, -500.0, 9000.0, error);
}

bool readWindow(const JsonFieldReader &r, bool instantaneous, ScenarioWindow &out,
                std::string *error)
{
    if (instantaneous) {
        if (!r.number("atS", out.fromS, 0.0, kMaxScenarioS, error))
            return false;
        out.untilS = out.fromS;
    } else if (!r.number("fromS", out.fromS, 0.0, kMaxScenarioS, error)
               || !r.number("untilS", out.untilS, 0.0, kMaxScenarioS, error)) {
        return false;
    } else if (out.untilS <= out.fromS) {
        *error = r.field("untilS") + ": must be after fromS";
        return false;
    }
    if (!r.optionalNumber("repeatS", out.repeatS, 1.0, kMaxScenarioS, error))
        return false;
    if (out.repeatS > 0.0 && out.untilS - out.fromS >= out.repeatS) {
        *error = r.field("repeatS") + ": must be longer than the window it repeats";
        return false;
    }
    return true;
}

std::optional<ScenarioLaunch> parseLaunch(const JsonFieldReader &r, const Scenario &scenario,
                                          std::string *error)
{
    if (!onlyKnownKeys(r, {"name", "class", "site", "timeS", "target", "azimuthDeg", "rangeKm",
                           "shape", "apogeeKm", "burnTimeS"},
                       error))
        return std::nullopt;
    ScenarioLaunch launch;
    if (!r.text("name", launch.name, error)
        || !readName(r, "class", kClasses, launch.missileClass, error))
        return std::nullopt;
    const QJsonValue site = r.object().value(QLatin1String("site"));
    if (site.isString()) {
        launch.siteName = site.toString().toStdString();
        const std::optional<GeoPosition> known = findLaunchSite(launch.siteName);
        if (!known) {
            std::string names;
            for (const LaunchSite &s : launchSites())
                names += (names.empty() ? "" : ", ") + std::string(s.name);
            *error = r.field("site") + ": '" + launch.siteName
                + "' is not a known site (" + names + "); give {\"latDeg\", \"lonDeg\"} instead";
            return std::nullopt;
        }
        launch.site = *known;
    } else if (!readPosition(r, "site", launch.site, error)) {
        *error += " or a site name";
        return std::nullopt;
    }
    const double maxTimeS = scenario.loopS > 0.0 ? scenario.loopS : kMaxScenarioS;
    if (!r.number("timeS", launch.timeS, 0.0, maxTimeS, error))
        return std::nullopt;
    if (scenario.loopS > 0.0 && launch.timeS >= scenario.loopS) {
        *error = r.field("timeS") + ": must be within the loop (below loopS)";
        return std::nullopt;
    }
    const bool hasPoint = r.has("target");
    const bool hasBearing = r.has("azimuthDeg") || r.has("rangeKm");
    if (hasPoint == hasBearing) {
        *error = r.path() + ": give either target {latDeg, lonDeg} or azimuthDeg and rangeKm";
        return std::nullopt;
    }
    double rangeM = 0.0;
    if (hasPoint) {
        if (!readPosition(r, "target", launch.target, error))
            return std::nullopt;
        GeographicLib::Geodesic::WGS84().Inverse(launch.site.latDeg, launch.site.lonDeg,
                                                 launch.target.latDeg, launch.target.lonDeg, rangeM);
    } else {
        launch.targetByBearing = true;
        if (!r.number("azimuthDeg", launch.azimuthDeg, 0.0, 360.0, error)
            || !r.number("rangeKm", launch.rangeKm, 0.0, 15000.0, error))
            return std::nullopt;
        launch.target = pointAlong(launch.site, launch.azimuthDeg, launch.rangeKm * 1e3);
        rangeM = launch.rangeKm * 1e3;
    }
    if (rangeM < 50e3 || rangeM > 15000e3) {
        *error = r.path() + ": the target must be 50 to 15,000 km from the site (it is "
            + JsonFieldReader::format(std::round(rangeM / 1e3)) + " km)";
        return std::nullopt;
    }
    if (!readName(r, "shape", kShapes, launch.shape, error))
        return std::nullopt;
    if (launch.shape == TrajectoryShape::MinimumEnergy) {
        if (r.has("apogeeKm")) {
            *error = r.field("apogeeKm") + ": a min-energy launch has no apogee to give";
            return std::nullopt;
        }
    } else {
        double apogeeKm = 0.0;
        if (!r.number("apogeeKm", apogeeKm, 20.0, 10000.0, error)) {
            *error += " (lofted and depressed launches need one)";
            return std::nullopt;
        }
        launch.apogeeKm = apogeeKm;
    }
    if (r.has("burnTimeS")) {
        double burnS = 0.0;
        if (!r.number("burnTimeS", burnS, 5.0, 1000.0, error))
            return std::nullopt;
        launch.burnTimeS = burnS;
    }
    return launch;
}

std::optional<SensorEvent> parseSensorEvent(const JsonFieldReader &r, std::string *error)
{
    SensorEvent event;
    if (!onlyKnownKeys(r, {"sensor", "state", "fromS", "untilS", "repeatS"}, error)
        || !r.text("sensor", event.sensorId, error)
        || !readName(r, "state", kStates, event.state, error)
        || !readWindow(r, false, event.window, error))
        return std::nullopt;
    return event;
}

std::optional<FeedFault> parseFeedFault(const JsonFieldReader &r, std::string *error)
{
    FeedFault fault;
    if (!r.text("source", fault.sourceId, error)
        || !readName(r, "kind", kFaultKinds, fault.kind, error))
        return std::nullopt;
    switch (fault.kind) {
    case FeedFaultKind::Silent:
        if (!onlyKnownKeys(r, {"source", "kind", "fromS", "untilS", "repeatS"}, error)
            || !readWindow(r, false, fault.window, error))
            return std::nullopt;
        break;
    case FeedFaultKind::Loss:
        if (!onlyKnownKeys(r, {"source", "kind", "fromS", "untilS", "repeatS", "fraction"}, error)
            || !readWindow(r, false, fault.window, error)
            || !r.number("fraction", fault.lossFraction, 0.0, 1.0, error))
            return std::nullopt;
        break;
    case FeedFaultKind::Latency:
        if (!onlyKnownKeys(r, {"source", "kind", "fromS", "untilS", "repeatS", "latencyS"}, error)
            || !readWindow(r, false, fault.window, error)
            || !r.number("latencyS", fault.latencyS, 0.001, 600.0, error))
            return std::nullopt;
        break;
    case FeedFaultKind::SequenceGap: {
        double skip = 0.0;
        if (!onlyKnownKeys(r, {"source", "kind", "atS", "repeatS", "skip"}, error)
            || !readWindow(r, true, fault.window, error)
            || !r.number("skip", skip, 1.0, 1e6, error))
            return std::nullopt;
        fault.skip = static_cast<int>(skip);
        break;
    }
    case FeedFaultKind::SequenceRestart:
        if (!onlyKnownKeys(r, {"source", "kind", "atS", "repeatS"}, error)
            || !readWindow(r, true, fault.window, error))
            return std::nullopt;
        break;
    case FeedFaultKind::Malformed: {
        double count = 0.0;
        if (!onlyKnownKeys(r, {"source", "kind", "atS", "repeatS", "count"}, error)
            || !readWindow(r, true, fault.window, error)
            || !r.number("count", count, 1.0, 1000.0, error))
            return std::nullopt;
        fault.count = static_cast<int>(count);
        break;
    }
    }
    return fault;
}

// Each element of an optional array parsed by one function; false with the error set.
template<typename T, typename Parse>
bool parseArray(const QJsonObject &root, const char *key, qsizetype maxCount, std::vector<T> &out,
                Parse parse, std::string *error)
{
    if (!root.contains(QLatin1String(key)))
        return true;
    const QJsonValue value = root.value(QLatin1String(key));
    if (!value.isArray()) {
        *error = std::string(key) + ": must be an array";
        return false;
    }
    const QJsonArray array = value.toArray();
    if (array.size() > maxCount) {
        *error = std::string(key) + ": at most " + std::to_string(maxCount) + " entries";
        return false;
    }
    for (qsizetype i = 0; i < array.size(); ++i) {
        const std::string path = std::string(key) + "[" + std::to_string(i) + "]";
        if (!array.at(i).isObject()) {
            *error = path + ": must be an object";
            return false;
        }
        std::optional<T> item = parse(JsonFieldReader(array.at(i).toObject(), path), error);
        if (!item)
            return false;
        out.push_back(std::move(*item));
    }
    return true;
}

ScenarioError fieldError(const std::string &text)
{
    ScenarioError error;
    const std::size_t colon = text.find(": ");
    if (colon != std::string::npos && text.find(' ') > colon) {
        error.field = text.substr(0, colon);
        error.message = text.substr(colon + 2);
    } else {
        error.message = text;
    }
    return error;
}

ScenarioParseResult reject(ScenarioError error)
{
    g_rejected.fetch_add(1, std::memory_order_relaxed);
    return error;
}

QString latin1(std::string_view text)
{
    return QString::fromLatin1(text.data(), static_cast<qsizetype>(text.size()));
}

QJsonObject positionToJson(const GeoPosition &p)
{
    QJsonObject o {{QStringLiteral("latDeg"), p.latDeg}, {QStringLiteral("lonDeg"), p.lonDeg}};
    if (p.altitudeM != 0.0)
        o.insert(QStringLiteral("altitudeM"), p.altitudeM);
    return o;
}

void windowToJson(const ScenarioWindow &w, bool instantaneous, QJsonObject &o)
{
    if (instantaneous) {
        o.insert(QStringLiteral("atS"), w.fromS);
    } else {
        o.insert(QStringLiteral("fromS"), w.fromS);
        o.insert(QStringLiteral("untilS"), w.untilS);
    }
    if (w.repeatS > 0.0)
        o.insert(QStringLiteral("repeatS"), w.repeatS);
}

} // namespace

std::string ScenarioError::toString() const
{
    const std::string prefix = file.empty() ? std::string() : file + ": ";
    if (line > 0)
        return prefix + "line " + std::to_string(line) + ", column " + std::to_string(column)
            + ": " + message;
    if (!field.empty())
        return prefix + field + ": " + message;
    return prefix + message;
}

ScenarioParseResult parseScenario(const QByteArray &json)
{
    if (json.size() > kMaxScenarioFileBytes)
        return reject(fieldError("the file is larger than "
                                 + std::to_string(kMaxScenarioFileBytes / (1024 * 1024))
                                 + " MiB; a scenario is a few kilobytes"));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // Qt gives a byte offset; a person wants a line and column.
        ScenarioError error;
        const qsizetype offset = std::clamp<qsizetype>(parseError.offset, 0, json.size());
        error.line = 1;
        error.column = 1;
        for (qsizetype i = 0; i < offset; ++i) {
            if (json.at(i) == '\n') {
                ++error.line;
                error.column = 1;
            } else {
                ++error.column;
            }
        }
        error.message = "not valid JSON: " + parseError.errorString().toStdString();
        return reject(error);
    }
    if (!document.isObject())
        return reject(fieldError("the scenario must be a JSON object"));
    const QJsonObject root = document.object();
    const JsonFieldReader top(root, "");
    std::string why;
    if (root.value(QLatin1String("format")).toString() != QLatin1String(kScenarioFormat))
        return reject(fieldError(std::string("format: must be \"") + kScenarioFormat + "\""));
    if (!onlyKnownKeys(top, {"format", "name", "loopS", "startOffsetS", "launches", "sensorEvents",
                             "feedFaults"},
                       &why))
        return reject(fieldError(why));
    Scenario scenario;
    if (!top.text("name", scenario.name, &why))
        return reject(fieldError(why));
    scenario.note = root.value(QLatin1String("note")).toString().toStdString();
    if (!top.optionalNumber("loopS", scenario.loopS, 0.0, 86400.0, &why)
        || !top.optionalNumber("startOffsetS", scenario.startOffsetS, 0.0, kMaxScenarioS, &why))
        return reject(fieldError(why));
    if (scenario.loopS > 0.0 && scenario.loopS < 60.0)
        return reject(fieldError("loopS: a loop is at least 60 s (0: no loop)"));
    if (scenario.loopS > 0.0 && scenario.startOffsetS >= scenario.loopS)
        return reject(fieldError("startOffsetS: must be within the loop (below loopS)"));
    if (!parseArray(
            root, "launches", kMaxLaunches, scenario.launches,
            [&](const JsonFieldReader &r, std::string *e) { return parseLaunch(r, scenario, e); },
            &why)
        || !parseArray(root, "sensorEvents", kMaxEvents, scenario.sensorEvents, parseSensorEvent,
                       &why)
        || !parseArray(root, "feedFaults", kMaxEvents, scenario.feedFaults, parseFeedFault, &why))
        return reject(fieldError(why));
    return scenario;
}

ScenarioParseResult loadScenario(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ScenarioError error;
        error.file = path.toStdString();
        error.message = file.errorString().toStdString();
        return reject(error);
    }
    // Read no more than the limit and one byte: a huge file is refused without reading it all.
    ScenarioParseResult result = parseScenario(file.read(kMaxScenarioFileBytes + 1));
    if (!result) {
        ScenarioError error = result.error();
        error.file = path.toStdString();
        return error;
    }
    return result;
}

QByteArray scenarioToJson(const Scenario &scenario)
{
    QJsonObject root {{QStringLiteral("format"), QLatin1String(kScenarioFormat)},
                      {QStringLiteral("name"), QString::fromStdString(scenario.name)}};
    if (!scenario.note.empty())
        root.insert(QStringLiteral("note"), QString::fromStdString(scenario.note));
    if (scenario.loopS > 0.0)
        root.insert(QStringLiteral("loopS"), scenario.loopS);
    if (scenario.startOffsetS > 0.0)
        root.insert(QStringLiteral("startOffsetS"), scenario.startOffsetS);
    QJsonArray launches;
    for (const ScenarioLaunch &l : scenario.launches) {
        QJsonObject o {{QStringLiteral("name"), QString::fromStdString(l.name)},
                       {QStringLiteral("class"), latin1(nameOf(kClasses, l.missileClass))}};
        if (!l.siteName.empty())
            o.insert(QStringLiteral("site"), QString::fromStdString(l.siteName));
        else
            o.insert(QStringLiteral("site"), positionToJson(l.site));
        o.insert(QStringLiteral("timeS"), l.timeS);
        if (l.targetByBearing) {
            o.insert(QStringLiteral("azimuthDeg"), l.azimuthDeg);
            o.insert(QStringLiteral("rangeKm"), l.rangeKm);
        } else {
            o.insert(QStringLiteral("target"), positionToJson(l.target));
        }
        o.insert(QStringLiteral("shape"), latin1(nameOf(kShapes, l.shape)));
        if (l.apogeeKm)
            o.insert(QStringLiteral("apogeeKm"), *l.apogeeKm);
        if (l.burnTimeS)
            o.insert(QStringLiteral("burnTimeS"), *l.burnTimeS);
        launches.append(o);
    }
    root.insert(QStringLiteral("launches"), launches);
    QJsonArray events;
    for (const SensorEvent &e : scenario.sensorEvents) {
        QJsonObject o {{QStringLiteral("sensor"), QString::fromStdString(e.sensorId)},
                       {QStringLiteral("state"), latin1(nameOf(kStates, e.state))}};
        windowToJson(e.window, false, o);
        events.append(o);
    }
    if (!events.isEmpty())
        root.insert(QStringLiteral("sensorEvents"), events);
    QJsonArray faults;
    for (const FeedFault &f : scenario.feedFaults) {
        QJsonObject o {{QStringLiteral("source"), QString::fromStdString(f.sourceId)},
                       {QStringLiteral("kind"), latin1(nameOf(kFaultKinds, f.kind))}};
        const bool instantaneous = f.kind == FeedFaultKind::SequenceGap
            || f.kind == FeedFaultKind::SequenceRestart || f.kind == FeedFaultKind::Malformed;
        windowToJson(f.window, instantaneous, o);
        if (f.kind == FeedFaultKind::Loss)
            o.insert(QStringLiteral("fraction"), f.lossFraction);
        if (f.kind == FeedFaultKind::Latency)
            o.insert(QStringLiteral("latencyS"), f.latencyS);
        if (f.kind == FeedFaultKind::SequenceGap)
            o.insert(QStringLiteral("skip"), f.skip);
        if (f.kind == FeedFaultKind::Malformed)
            o.insert(QStringLiteral("count"), f.count);
        faults.append(o);
    }
    if (!faults.isEmpty())
        root.insert(QStringLiteral("feedFaults"), faults);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

std::uint64_t scenarioFilesRejected()
{
    return g_rejected.load(std::memory_order_relaxed);
}

} // namespace cop::sim
