// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/feedsecurity.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace cop {

// What cop-viewer was asked to do on its command line.
struct ViewerOptions
{
    bool demo = false;
    QStringList connectEndpoints;
    QString screenshotPath;   // render the main window to this file and exit...
    double screenshotAfterS = 5.0; // ...this many seconds after start
    bool lightTheme = false;
    QString protectNations = QStringLiteral("JP,US,KR"); // territory and EEZ of these
    QStringList areaFiles;                               // and the areas in these GeoJSON files
    // --protect or --areas given: they win over the choice remembered from the dialog.
    bool areasFromCommandLine = false;
    QStringList overlayFiles; // GeoJSON / KML files drawn on the map, bottom first
    quint64 demoSeed = 1;
    QString scenarioPath; // the demo plays this scenario file instead of the built-in one
    QString replayPath;       // a recorded session to replay instead of live feeds
    double replaySpeed = 1.0; // 0.1 to 100
    QString replayAt;    // --at: where the replay starts, as parseSessionTime reads it
    QString replayRange; // --range FROM/TO: selected and shown on the timeline
    // Live feeds are recorded unless --no-record; the demo only with --record FILE (it can be
    // reproduced from its seed). An empty recordPath means a new file in the sessions folder.
    bool record = false;
    QString recordPath;
    // CURVE keys for the --connect endpoints, or --insecure (the demo needs neither).
    FeedSecurity security;
};

// Parses the arguments; on --help or --version prints and sets exitCode 0; on a bad argument
// prints the reason and usage to stderr and sets exitCode 2. nullopt means exit now.
std::optional<ViewerOptions> parseViewerCommandLine(const QStringList &arguments, int &exitCode);

} // namespace cop
