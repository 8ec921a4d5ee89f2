// SPDX-License-Identifier: GPL-3.0-or-later
// cop-viewer: the operator's console.
#include "app/apptheme.h"
#include "app/feedpipeline.h"
#include "app/mainwindow.h"
#include "app/protectedareacontroller.h"
#include "app/protectedareaoptions.h"
#include "app/sessionpaths.h"
#include "app/viewercommandline.h"
#include "app/replaycontrols.h"
#include "app/windowscreenshot.h"
#include "sim/scenariofile.h"

#include "app/overlaylayers.h"
#include "widgets/overlaylayer.h"

#include <QApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QSettings>

#include <algorithm>

#include <memory>

#include <cstdio>

int main(int argc, char **argv)
{
    QApplication::setApplicationName(QStringLiteral("cop-viewer"));
    QApplication::setApplicationVersion(QStringLiteral(COP_VERSION));
    QApplication::setOrganizationName(QStringLiteral("COP Viewer"));

    // Parsed before the GUI starts, so --help, --version and argument errors work without a
    // display.
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    int exitCode = 0;
    const auto options = cop::parseViewerCommandLine(arguments, exitCode);
    if (!options)
        return exitCode;

    QApplication app(argc, argv);

    cop::applyApplicationTheme(app, options->lightTheme);

    QString error;
    auto basemap = cop::Basemap::loadEmbedded(&error);
    if (!basemap) {
        // The picture is still worth showing on a plain sea; say what is wrong.
        std::fprintf(stderr, "cop-viewer: basemap unavailable: %s\n", qPrintable(error));
    }
    std::shared_ptr<const cop::Basemap> sharedBasemap;
    if (basemap)
        sharedBasemap = std::make_shared<const cop::Basemap>(std::move(*basemap));

    // What the alert rules protect: --protect/--areas if given, else the choice remembered from
    // Alerts → Protected areas…, else every nation's territory and approximate EEZ. A bad area
    // file on the command line stops the start (an operator must not believe an area is
    // watched when it is not); a remembered one that no longer loads is reported and the
    // defaults are used, so the console still starts.
    cop::ProtectedAreaChoice areaChoice {options->protectNations, options->areaFiles};
    if (!options->areasFromCommandLine) {
        QSettings settings;
        if (auto remembered = cop::loadProtectedAreaChoice(settings))
            areaChoice = *remembered;
    }
    QStringList areaWarnings;
    const auto buildAreas = [&](const cop::ProtectedAreaChoice &choice) {
        std::shared_ptr<const cop::ProtectedAreaSet> built;
        if (const auto nations = cop::parseProtectedNations(choice.nations, &error))
            built = cop::buildProtectedAreas(sharedBasemap.get(), *nations, choice.areaFiles,
                                             &areaWarnings, &error);
        return built;
    };
    std::shared_ptr<const cop::ProtectedAreaSet> areas = buildAreas(areaChoice);
    if (!areas && !options->areasFromCommandLine) {
        std::fprintf(stderr, "cop-viewer: remembered protected areas not used: %s\n",
                     qPrintable(error));
        areaChoice = cop::ProtectedAreaChoice {};
        areas = buildAreas(areaChoice);
    }
    if (!areas) {
        std::fprintf(stderr, "cop-viewer: %s\n", qPrintable(error));
        return 2;
    }
    for (const QString &warning : areaWarnings)
        std::fprintf(stderr, "cop-viewer: %s\n", qPrintable(warning));

    cop::FeedPipeline pipeline;
    pipeline.setSecurity(options->security);
    if (options->security.insecure && !options->connectEndpoints.isEmpty())
        std::fprintf(stderr, "cop-viewer: INSECURE: plain connections, the feed is neither "
                             "authenticated nor encrypted\n");
    if (!options->scenarioPath.isEmpty()) {
        cop::sim::ScenarioParseResult scenario = cop::sim::loadScenario(options->scenarioPath);
        if (!scenario) {
            std::fprintf(stderr, "cop-viewer: bad scenario: %s\n", scenario.error().toString().c_str());
            return 2;
        }
        pipeline.setDemoScenario(std::make_shared<const cop::sim::Scenario>(std::move(scenario.value())));
    }
    if (!options->replayPath.isEmpty()) {
        if (!pipeline.startReplay(options->replayPath, options->replaySpeed, &error)) {
            std::fprintf(stderr, "cop-viewer: %s\n", qPrintable(error));
            return 1;
        }
        for (const std::string &warning : pipeline.player()->warnings())
            std::fprintf(stderr, "cop-viewer: %s: %s\n", qPrintable(options->replayPath), warning.c_str());
    } else {
        if (options->record) {
            const QString path = options->recordPath.isEmpty()
                                     ? cop::newSessionPath(cop::defaultSessionDirectory(),
                                                           QDateTime::currentDateTimeUtc())
                                     : options->recordPath;
            cop::SessionMetadata metadata;
            metadata.application = "cop-viewer";
            metadata.applicationVersion = COP_VERSION;
            metadata.scenario = options->demo ? "demo feed, seed " + std::to_string(options->demoSeed)
                                                    + (options->scenarioPath.isEmpty()
                                                           ? std::string()
                                                           : ", scenario " + options->scenarioPath.toStdString())
                                              : "live: " + options->connectEndpoints.join(QLatin1Char(' ')).toStdString();
            // The picture matters more than the record: say so loudly and carry on.
            if (!pipeline.startRecording(path, metadata, &error))
                std::fprintf(stderr, "cop-viewer: NOT RECORDING: %s\n", qPrintable(error));
        }
        if (!pipeline.start(options->demo, options->connectEndpoints, options->demoSeed, &error)) {
            std::fprintf(stderr, "cop-viewer: %s\n", qPrintable(error));
            return 1;
        }
    }

    cop::MainWindow window(pipeline, sharedBasemap, options->lightTheme, nullptr, areas);
    window.protectedAreas()->setCurrentChoice(areaChoice);
    // Overlays: those remembered from the last run, then the command line's. A screenshot shows
    // exactly what its command line asks for, so it neither restores nor saves them.
    cop::OverlayLayers &overlays = *window.overlayLayers();
    const bool rememberLayers = options->screenshotPath.isEmpty();
    if (rememberLayers) {
        QSettings settings;
        QStringList restoreErrors;
        overlays.restore(settings, &restoreErrors);
        for (const QString &message : restoreErrors)
            std::fprintf(stderr, "cop-viewer: remembered overlay not loaded: %s\n", qPrintable(message));
    }
    for (const QString &path : options->overlayFiles) {
        const QString absolute = QFileInfo(path).absoluteFilePath();
        const auto loaded = overlays.overlays();
        if (std::any_of(loaded.begin(), loaded.end(), [&](const cop::OverlayLayer *layer) {
                return layer->sourcePath() == absolute;
            }))
            continue; // already there from the last run
        QStringList warnings;
        if (!overlays.load(path, &error, &warnings))
            std::fprintf(stderr, "cop-viewer: overlay not loaded: %s\n", qPrintable(error));
        for (const QString &warning : warnings)
            std::fprintf(stderr, "cop-viewer: %s\n", qPrintable(warning));
    }
    if (rememberLayers) {
        auto save = [&overlays] {
            QSettings settings;
            overlays.save(settings);
        };
        QObject::connect(&overlays, &cop::OverlayLayers::changed, &overlays, save);
        QObject::connect(&overlays, &cop::OverlayLayers::stateChanged, &overlays, save);
    }

    window.resize(1600, 1000);
    window.show();
    if (cop::ReplayControls *replay = window.replayControls()) {
        QString why;
        if (!replay->applyStartOptions(options->replayAt, options->replayRange, &why)) {
            std::fprintf(stderr, "cop-viewer: %s\n", qPrintable(why));
            return 2;
        }
    }

    if (!options->screenshotPath.isEmpty())
        cop::scheduleWindowScreenshot(window, options->screenshotPath, options->screenshotAfterS);

    const int result = app.exec();
    pipeline.stop();
    return result;
}
