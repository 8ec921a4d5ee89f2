// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

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
    quint64 demoSeed = 1;
};

// Parses the arguments; on --help or --version prints and sets exitCode 0; on a bad argument
// prints the reason and usage to stderr and sets exitCode 2. nullopt means exit now.
std::optional<ViewerOptions> parseViewerCommandLine(const QStringList &arguments, int &exitCode);

} // namespace cop
