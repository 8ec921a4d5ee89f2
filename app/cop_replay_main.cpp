// SPDX-License-Identifier: GPL-3.0-or-later
// cop-replay: publishes a recorded session on ZeroMQ at its own pace, so that every console in
// a room can watch the same replay with cop-viewer --connect; or exports part of it to files.
#include "app/endpoint.h"
#include "app/feedsecurity.h"
#include "app/replayexports.h"
#include "app/sessionrepublisher.h"
#include "app/stopsignal.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <thread>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("cop-replay"));
    QCoreApplication::setApplicationVersion(QStringLiteral(COP_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Publishes a recorded COP session over ZeroMQ at the pace it was received, or with an "
        "--export option writes part of it to files and exits."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption bindOption(
        QStringLiteral("bind"),
        QStringLiteral("Endpoint to publish on, e.g. tcp://*:5555 (repeatable)."),
        QStringLiteral("endpoint"));
    const QCommandLineOption speedOption(QStringLiteral("speed"),
                                         QStringLiteral("Replay speed, 0.1 to 100 (default 1)."),
                                         QStringLiteral("factor"), QStringLiteral("1"));
    const QCommandLineOption delayOption(
        QStringLiteral("delay"),
        QStringLiteral(
            "Seconds to wait after binding before the first message, for consoles to connect "
            "(default 1)."),
        QStringLiteral("seconds"), QStringLiteral("1"));
    parser.addOptions({bindOption, speedOption, delayOption});
    const cop::ReplayExports exports;
    parser.addOptions(exports.options());
    parser.addOptions(cop::securityCommandLineOptions(cop::SecurityRole::Publisher));
    parser.addPositionalArgument(QStringLiteral("session"),
                                 QStringLiteral("The session file to publish."));
    parser.process(app);

    const auto fail = [&](const QString &message) {
        std::fprintf(stderr, "cop-replay: %s\n\n%s", qPrintable(message),
                     qPrintable(parser.helpText()));
        return 2;
    };
    if (parser.positionalArguments().size() != 1)
        return fail(QStringLiteral("give exactly one SESSION file"));
    if (exports.requested(parser)) {
        if (parser.isSet(bindOption))
            return fail(QStringLiteral("an export writes files and publishes nothing: leave out --bind"));
        QString why;
        const int code = exports.run(parser, parser.positionalArguments().constFirst(), &why);
        return code == 2 ? fail(why) : code;
    }
    const QStringList binds = parser.values(bindOption);
    if (binds.isEmpty())
        return fail(QStringLiteral("give at least one --bind ENDPOINT"));
    for (const QString &endpoint : binds) {
        QString why;
        if (!cop::isPlausibleEndpoint(endpoint, &why))
            return fail(QStringLiteral("bad endpoint '%1': %2").arg(endpoint, why));
    }
    QString securityError;
    const auto security = cop::readFeedSecurity(parser, cop::SecurityRole::Publisher, binds,
                                                QStringLiteral("cop-replay"), &securityError);
    if (!security)
        return fail(securityError);
    bool ok = false;
    const double speed = parser.value(speedOption).toDouble(&ok);
    if (!ok || !(speed >= 0.1 && speed <= 100.0))
        return fail(QStringLiteral("--speed takes a factor between 0.1 and 100"));
    const double delayS = parser.value(delayOption).toDouble(&ok);
    if (!ok || !std::isfinite(delayS) || delayS < 0.0 || delayS > 600.0)
        return fail(QStringLiteral("--delay takes seconds between 0 and 600"));

    const QString path = parser.positionalArguments().constFirst();
    cop::SessionRepublisher republisher;
    std::string error;
    if (!republisher.open(path.toStdString(), &error)) {
        std::fprintf(stderr, "cop-replay: %s\n", error.c_str());
        return 1;
    }
    for (const std::string &warning : republisher.warnings())
        std::fprintf(stderr, "cop-replay: %s: %s\n", qPrintable(path), warning.c_str());

    zmq::context_t context(1);
    cop::net::PublisherOptions options;
    for (const QString &endpoint : binds)
        options.bindEndpoints.push_back(endpoint.toStdString());
    security->applyTo(options);
    cop::net::FeedPublisher publisher(context, options);
    if (!publisher.start(&error)) {
        std::fprintf(stderr, "cop-replay: %s\n", error.c_str());
        return 1;
    }
    cop::installStopSignalHandlers();
    std::fprintf(stderr, "cop-replay: publishing on %s: %lld messages at %gx (%s)\n",
                 publisher.lastEndpoint().c_str(),
                 static_cast<long long>(republisher.info().messageCount), speed,
                 security->server ? "CURVE" : "INSECURE: plain, anyone may subscribe");
    std::fflush(stderr);
    if (delayS > 0.0)
        cop::waitForStop(delayS);

    const auto started = std::chrono::steady_clock::now();
    const auto result = republisher.run(publisher, speed, [] { return cop::stopRequested(); });
    const double seconds
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    // Let the last messages leave the socket before it closes.
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    if (const cop::net::ZapAuthenticator *zap = publisher.authenticator()) {
        std::fprintf(stderr, "cop-replay: clients accepted %llu, refused %llu, failed handshakes %llu\n",
                     static_cast<unsigned long long>(zap->counters().accepted.load()),
                     static_cast<unsigned long long>(zap->counters().refused.load()),
                     static_cast<unsigned long long>(zap->counters().handshakeFailures.load()));
    }
    publisher.close();
    std::fprintf(stderr, "cop-replay: %llu messages published in %.1f s, %llu send failures\n",
                 static_cast<unsigned long long>(result.published), seconds,
                 static_cast<unsigned long long>(result.sendFailures));
    if (!result.error.empty()) {
        std::fprintf(stderr, "cop-replay: %s\n", result.error.c_str());
        return 1;
    }
    return 0;
}
