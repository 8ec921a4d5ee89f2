// SPDX-License-Identifier: GPL-3.0-or-later
#include "viewercommandline.h"

#include "app/endpoint.h"
#include "app/protectedareaoptions.h"

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
    const QCommandLineOption protectOption(
        QStringLiteral("protect"),
        QStringLiteral("Nations whose territory and EEZ raise impact alerts, e.g. JP,KR (default: JP,US,KR)."),
        QStringLiteral("codes"), QStringLiteral("JP,US,KR"));
    const QCommandLineOption areasOption(
        QStringLiteral("areas"), QStringLiteral("GeoJSON file of further areas to protect (repeatable)."),
        QStringLiteral("file"));
    const QCommandLineOption scenarioOption(
        QStringLiteral("scenario"),
        QStringLiteral("Scenario file the demo plays instead of the built-in one (needs --demo)."),
        QStringLiteral("file"));
    parser.addOptions({demoOption, connectOption, screenshotOption, afterOption, themeOption,
                       seedOption, protectOption, areasOption, scenarioOption});
    const QCommandLineOption recordOption(
        QStringLiteral("record"),
        QStringLiteral("Record the session into FILE (live feeds are recorded by default into the "
                       "user's data folder, sessions/)."),
        QStringLiteral("file"));
    const QCommandLineOption noRecordOption(QStringLiteral("no-record"),
                                            QStringLiteral("Do not record the live session."));
    const QCommandLineOption speedOption(QStringLiteral("speed"),
                                         QStringLiteral("Replay speed, 0.1 to 100 (default 1)."),
                                         QStringLiteral("factor"), QStringLiteral("1"));
    parser.addOptions({recordOption, noRecordOption, speedOption});
    const QCommandLineOption atOption(
        QStringLiteral("at"),
        QStringLiteral("Start the replay at TIME: UTC (2023-07-12T01:02:03Z) or seconds from the "
                       "session's first message (90.5)."),
        QStringLiteral("time"));
    const QCommandLineOption rangeOption(
        QStringLiteral("range"),
        QStringLiteral("Select the range FROM/TO on the replay's timeline and zoom onto it (times "
                       "as for --at)."),
        QStringLiteral("from/to"));
    parser.addOptions({atOption, rangeOption});
    const QCommandLineOption overlayOption(
        QStringLiteral("overlay"), QStringLiteral("GeoJSON or KML file to draw on the map (repeatable)."),
        QStringLiteral("file"));
    parser.addOption(overlayOption);
    parser.addOptions(securityCommandLineOptions(SecurityRole::Subscriber));
    parser.addPositionalArgument(QStringLiteral("session"),
                                 QStringLiteral("A recorded session file to replay."),
                                 QStringLiteral("[SESSION]"));

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
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        return fail(QStringLiteral("unexpected argument '%1'").arg(positional.at(1)));

    ViewerOptions options;
    if (!positional.isEmpty())
        options.replayPath = positional.constFirst();
    const bool replay = !options.replayPath.isEmpty();
    if (replay && (parser.isSet(demoOption) || parser.isSet(connectOption)))
        return fail(QStringLiteral("a session file is replayed on its own, without --demo or --connect"));
    if (parser.isSet(recordOption) && parser.isSet(noRecordOption))
        return fail(QStringLiteral("--record and --no-record contradict each other"));
    if (replay && parser.isSet(recordOption))
        return fail(QStringLiteral("a replay is not recorded again; --record needs a live feed or --demo"));
    options.recordPath = parser.value(recordOption);
    options.record = parser.isSet(recordOption)
                     || (!replay && !parser.isSet(demoOption) && !parser.isSet(noRecordOption));
    bool speedOk = false;
    options.replaySpeed = parser.value(speedOption).toDouble(&speedOk);
    if (!speedOk || !(options.replaySpeed >= 0.1 && options.replaySpeed <= 100.0))
        return fail(QStringLiteral("--speed takes a factor between 0.1 and 100"));
    if (parser.isSet(speedOption) && !replay)
        return fail(QStringLiteral("--speed applies to a replay: give a SESSION file"));
    options.demo = parser.isSet(demoOption);
    options.scenarioPath = parser.value(scenarioOption);
    if (parser.isSet(scenarioOption) && !options.demo)
        return fail(QStringLiteral("--scenario FILE is played by the demo feed: give --demo too"));
    options.connectEndpoints = parser.values(connectOption);
    for (const QString &endpoint : options.connectEndpoints) {
        QString why;
        if (!isPlausibleEndpoint(endpoint, &why))
            return fail(QStringLiteral("bad endpoint '%1': %2").arg(endpoint, why));
    }
    if (!options.demo && options.connectEndpoints.isEmpty() && !replay)
        return fail(QStringLiteral("nothing to show: give --demo, at least one --connect ENDPOINT, or a "
                                   "SESSION file to replay"));
    QString securityError;
    auto security = readFeedSecurity(parser, SecurityRole::Subscriber, options.connectEndpoints,
                                     QStringLiteral("cop-viewer"), &securityError);
    if (!security)
        return fail(securityError);
    options.security = std::move(*security);

    // Their times are read against the session once it is open.
    if ((parser.isSet(atOption) || parser.isSet(rangeOption)) && !replay)
        return fail(QStringLiteral("--at and --range are for replaying a SESSION file"));
    options.replayAt = parser.value(atOption);
    options.replayRange = parser.value(rangeOption);

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
    QString why;
    if (!parseProtectedNations(parser.value(protectOption), &why))
        return fail(why);
    options.protectNations = parser.value(protectOption);
    options.areaFiles = parser.values(areasOption);
    options.areasFromCommandLine = parser.isSet(protectOption) || parser.isSet(areasOption);
    options.overlayFiles = parser.values(overlayOption);
    return options;
}

} // namespace cop
