// SPDX-License-Identifier: GPL-3.0-or-later
#include "viewercommandline.h"

#include "app/endpoint.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cmath>
#include <cstdio>

namespace cop {

std::optional<ViewerOptions> parseViewerCommandLine(const QStringList &arguments, int &exitCode)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "COP Viewer: the shared common operational picture for ballistic-missile warning."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption demoOption(QStringLiteral("demo"),
                                        QStringLiteral("Run the built-in synthetic feed in-process."));
    const QCommandLineOption connectOption(
        QStringLiteral("connect"),
        QStringLiteral("Subscribe to a live feed, e.g. tcp://10.0.0.5:5555 (repeatable)."),
        QStringLiteral("endpoint"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"), QStringLiteral("Render the main window to FILE (PNG) and exit."),
        QStringLiteral("file"));
    const QCommandLineOption afterOption(
        QStringLiteral("after"), QStringLiteral("Seconds to run before the screenshot (default 5)."),
        QStringLiteral("seconds"), QStringLiteral("5"));
    const QCommandLineOption themeOption(QStringLiteral("theme"),
                                         QStringLiteral("Colour theme: dark (default) or light."),
                                         QStringLiteral("theme"), QStringLiteral("dark"));
    const QCommandLineOption seedOption(QStringLiteral("seed"),
                                        QStringLiteral("Random seed of the demo feed (default 1)."),
                                        QStringLiteral("n"), QStringLiteral("1"));
    parser.addOptions({demoOption, connectOption, screenshotOption, afterOption, themeOption, seedOption});

    // Parsed before any QApplication exists, so Qt cannot name the program in the usage line.
    const auto helpText = [&] {
        return parser.helpText().replace(QStringLiteral("<executable_name>"), QStringLiteral("cop-viewer"));
    };
    const auto fail = [&](const QString &message) -> std::optional<ViewerOptions> {
        std::fprintf(stderr, "cop-viewer: %s\n\n%s", qPrintable(message), qPrintable(helpText()));
        exitCode = 2;
        return std::nullopt;
    };

    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (parser.isSet(helpOption)) {
        std::fputs(qPrintable(helpText()), stdout);
        exitCode = 0;
        return std::nullopt;
    }
    if (parser.isSet(versionOption)) {
        std::printf("%s %s\n", qPrintable(QCoreApplication::applicationName()),
                    qPrintable(QCoreApplication::applicationVersion()));
        exitCode = 0;
        return std::nullopt;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().constFirst()));

    ViewerOptions options;
    options.demo = parser.isSet(demoOption);
    options.connectEndpoints = parser.values(connectOption);
    for (const QString &endpoint : options.connectEndpoints) {
        QString why;
        if (!isPlausibleEndpoint(endpoint, &why))
            return fail(QStringLiteral("bad endpoint '%1': %2").arg(endpoint, why));
    }
    if (!options.demo && options.connectEndpoints.isEmpty())
        return fail(QStringLiteral("nothing to show: give --demo or at least one --connect ENDPOINT"));

    options.screenshotPath = parser.value(screenshotOption);
    bool ok = false;
    options.screenshotAfterS = parser.value(afterOption).toDouble(&ok);
    if (!ok || !std::isfinite(options.screenshotAfterS) || options.screenshotAfterS < 0.0
        || options.screenshotAfterS > 3600.0)
        return fail(QStringLiteral("--after takes seconds between 0 and 3600"));
    if (parser.isSet(afterOption) && options.screenshotPath.isEmpty())
        return fail(QStringLiteral("--after needs --screenshot FILE"));

    const QString theme = parser.value(themeOption);
    if (theme != QLatin1String("dark") && theme != QLatin1String("light"))
        return fail(QStringLiteral("--theme takes dark or light"));
    options.lightTheme = theme == QLatin1String("light");

    options.demoSeed = parser.value(seedOption).toULongLong(&ok);
    if (!ok)
        return fail(QStringLiteral("--seed takes a non-negative integer"));
    return options;
}

} // namespace cop
