// SPDX-License-Identifier: GPL-3.0-or-later
// cop-simfeed: publishes the built-in synthetic feed over ZeroMQ, for demos, training and tests.
#include "app/endpoint.h"
#include "app/feedsecurity.h"
#include "app/simfeedrunner.h"
#include "app/stopsignal.h"
#include "sim/demoscenario.h"
#include "sim/scenariofile.h"
#include "sim/truthreport.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <thread>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("cop-simfeed"));
    QCoreApplication::setApplicationVersion(QStringLiteral(COP_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Publishes COP Viewer's synthetic missile-warning feed (three national sources) over ZeroMQ."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption bindOption(QStringLiteral("bind"),
                                        QStringLiteral("Endpoint to publish on, e.g. tcp://*:5555 (repeatable)."),
                                        QStringLiteral("endpoint"));
    const QCommandLineOption seedOption(QStringLiteral("seed"), QStringLiteral("Random seed (default 1)."),
                                        QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption speedOption(QStringLiteral("speed"),
                                         QStringLiteral("Scenario time per real second (default 1)."),
                                         QStringLiteral("x"), QStringLiteral("1"));
    const QCommandLineOption durationOption(QStringLiteral("duration"),
                                            QStringLiteral("Stop after this many seconds (default: run until Ctrl-C)."),
                                            QStringLiteral("seconds"), QStringLiteral("0"));
    const QCommandLineOption truthOption(
        QStringLiteral("truth"),
        QStringLiteral("Print each launch's true trajectory (apogee, range, flight time, impact) and exit."));
    const QCommandLineOption fidelityOption(
        QStringLiteral("fidelity"),
        QStringLiteral("Print publicly reported launches against their simulation (Markdown) and exit."));
    const QCommandLineOption sensorsOption(
        QStringLiteral("sensors"),
        QStringLiteral("Sensor catalogue (JSON, see docs/sim-scenario-files.md) instead of the built-in one."),
        QStringLiteral("file"));
    const QCommandLineOption scenarioOption(
        QStringLiteral("scenario"),
        QStringLiteral("Scenario file (JSON, see docs/sim-scenario-files.md) instead of the built-in demo."),
        QStringLiteral("file"));
    const QCommandLineOption fastOption(
        QStringLiteral("fast"),
        QStringLiteral("Run as fast as possible; --duration is then scenario seconds (for tests and benchmarks)."));
    parser.addOptions({bindOption, seedOption, speedOption, durationOption, truthOption, fidelityOption,
                       sensorsOption, scenarioOption, fastOption});
    parser.addOptions(cop::securityCommandLineOptions(cop::SecurityRole::Publisher));
    parser.process(app);

    const auto fail = [&](const QString &message) {
        std::fprintf(stderr, "cop-simfeed: %s\n\n%s", qPrintable(message), qPrintable(parser.helpText()));
        return 2;
    };
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().constFirst()));
    cop::SimFeedOptions options;
    if (parser.isSet(scenarioOption)) {
        cop::sim::ScenarioParseResult scenario = cop::sim::loadScenario(parser.value(scenarioOption));
        if (!scenario) {
            std::fprintf(stderr, "cop-simfeed: bad scenario: %s\n", scenario.error().toString().c_str());
            return 2;
        }
        options.scenario = std::make_shared<const cop::sim::Scenario>(std::move(scenario.value()));
    }
    // Truth reports publish nothing, so they need no endpoint.
    if (parser.isSet(truthOption) || parser.isSet(fidelityOption)) {
        if (parser.isSet(truthOption)) {
            cop::sim::DemoScenarioOptions scenarioOptions;
            scenarioOptions.scenario = options.scenario;
            try {
                std::fputs(cop::sim::describeScenarioTruth(cop::sim::DemoScenario(scenarioOptions)).c_str(),
                           stdout);
            } catch (const std::exception &e) {
                std::fprintf(stderr, "cop-simfeed: bad scenario: %s\n", e.what());
                return 2;
            }
        }
        if (parser.isSet(fidelityOption))
            std::fputs(cop::sim::publicRecordTable().c_str(), stdout);
        return 0;
    }
    if (parser.isSet(sensorsOption)) {
        std::string why;
        auto catalogue = cop::sim::loadSensorCatalogue(parser.value(sensorsOption), &why);
        if (!catalogue) {
            std::fprintf(stderr, "cop-simfeed: bad sensor catalogue: %s\n", why.c_str());
            return 2;
        }
        options.sensorCatalogue = std::make_shared<const cop::sim::SensorCatalogue>(std::move(*catalogue));
    }
    const QStringList endpoints = parser.values(bindOption);
    if (endpoints.isEmpty())
        return fail(QStringLiteral("--bind ENDPOINT is required"));
    for (const QString &endpoint : endpoints) {
        QString why;
        if (!cop::isPlausibleEndpoint(endpoint, &why))
            return fail(QStringLiteral("bad endpoint '%1': %2").arg(endpoint, why));
        options.bindEndpoints.push_back(endpoint.toStdString());
    }
    QString securityError;
    const auto security = cop::readFeedSecurity(parser, cop::SecurityRole::Publisher, endpoints,
                                                QStringLiteral("cop-simfeed"), &securityError);
    if (!security)
        return fail(securityError);
    options.curve = security->server;
    bool ok = false;
    options.seed = parser.value(seedOption).toULongLong(&ok);
    if (!ok)
        return fail(QStringLiteral("--seed takes a non-negative integer"));
    options.speed = parser.value(speedOption).toDouble(&ok);
    if (!ok || !std::isfinite(options.speed) || options.speed <= 0.0 || options.speed > 1000.0)
        return fail(QStringLiteral("--speed takes a number in (0, 1000]"));
    const double durationS = parser.value(durationOption).toDouble(&ok);
    if (!ok || !std::isfinite(durationS) || durationS < 0.0)
        return fail(QStringLiteral("--duration takes non-negative seconds"));

    options.fast = parser.isSet(fastOption);
    options.fastDurationS = durationS;

    cop::installStopSignalHandlers();
    zmq::context_t context(1);
    cop::SimFeedRunner runner(context, options);
    std::string error;
    if (!runner.start(&error)) {
        std::fprintf(stderr, "cop-simfeed: %s\n", error.c_str());
        return 1;
    }
    const std::string pace = options.fast ? std::string("as fast as possible")
                                          : "speed " + QString::number(options.speed).toStdString() + "x";
    const std::string protection = options.curve
                                       ? "CURVE, " + std::to_string(options.curve->allowedClientKeys.size())
                                             + " clients allowed"
                                       : std::string("INSECURE: plain, anyone may subscribe");
    std::fprintf(stderr, "cop-simfeed: publishing on %s (seed %llu, %s; %s)\n", runner.boundEndpoint().c_str(),
                 static_cast<unsigned long long>(options.seed), pace.c_str(), protection.c_str());
    const auto started = std::chrono::steady_clock::now();
    if (options.fast) {
        while (!runner.isFinished() && !cop::stopRequested())
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
    } else {
        cop::waitForStop(durationS);
    }
    // Before the stop, which closes the publisher and its authenticator.
    if (const cop::net::ZapAuthenticator *zap = runner.authenticator()) {
        std::fprintf(stderr, "cop-simfeed: clients accepted %llu, refused %llu, failed handshakes %llu\n",
                     static_cast<unsigned long long>(zap->counters().accepted.load()),
                     static_cast<unsigned long long>(zap->counters().refused.load()),
                     static_cast<unsigned long long>(zap->counters().handshakeFailures.load()));
    }
    runner.stop();
    const double wallS = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (options.fast)
        std::fprintf(stderr, "cop-simfeed: %g s of scenario in %.2f s (%.0f messages/s)\n", durationS, wallS,
                     static_cast<double>(runner.messagesPublished()) / std::max(wallS, 1e-9));
    std::fprintf(stderr, "cop-simfeed: %llu messages published\n",
                 static_cast<unsigned long long>(runner.messagesPublished()));
    return 0;
}
