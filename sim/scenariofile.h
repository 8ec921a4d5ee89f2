// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sim/scenario.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <optional>
#include <string>

namespace cop::sim {

// The format identifier a scenario file must declare.
inline constexpr const char *kScenarioFormat = "cop-scenario/1";
// Larger files are refused unread: a scenario is a few kilobytes.
inline constexpr qsizetype kMaxScenarioFileBytes = 4 * 1024 * 1024;

// Why a scenario file was refused: the place (line and column for a JSON syntax error, the
// field's path such as "launches[2].apogeeKm" otherwise) and what is wrong there.
struct ScenarioError
{
    std::string file; // set when read from a file
    int line = 0;   // 1-based; 0 when the problem is a field's value
    int column = 0; // 1-based
    std::string field;
    std::string message;
    // One line for a person: "demo.json: line 12, column 5: ..." or
    // "demo.json: launches[2].apogeeKm: ...".
    std::string toString() const;
};

// A parsed scenario or the reason there is none; never both, never neither.
class ScenarioParseResult
{
public:
    ScenarioParseResult(Scenario scenario)
        : m_scenario(std::move(scenario))
    { }
    ScenarioParseResult(ScenarioError error)
        : m_error(std::move(error))
    { }
    explicit operator bool() const { return m_scenario.has_value(); }
    const Scenario &value() const { return *m_scenario; }
    Scenario &value() { return *m_scenario; }
    const ScenarioError &error() const { return m_error; }

private:
    std::optional<Scenario> m_scenario;
    ScenarioError m_error;
};

// Parses a scenario file's bytes: the one entry point for the command line, the tests and
// fuzzing. Checks types, ranges, names (sites, classes, shapes, states, fault kinds) and
// consistency (a lofted launch has an apogee, a window ends after it starts); unknown fields
// are errors, so a misspelt one is not silently ignored ("note" is allowed anywhere). Never
// throws, never crashes; does not fly anything (the boost solver runs when the scenario is
// played, see DemoScenario).
ScenarioParseResult parseScenario(const QByteArray &json);

// Reads and parses a file (a path or a Qt resource such as ":/scenarios/demo.json"); the
// error names the file.
ScenarioParseResult loadScenario(const QString &path);

// The scenario as JSON in the format parseScenario reads, as it was authored.
QByteArray scenarioToJson(const Scenario &scenario);

// Scenario files refused since the process started (all threads).
std::uint64_t scenarioFilesRejected();

} // namespace cop::sim
