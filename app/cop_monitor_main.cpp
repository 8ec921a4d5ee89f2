// SPDX-License-Identifier: GPL-3.0-or-later
// cop-monitor: the viewer's alert rules without a window. Subscribes to feed endpoints, keeps
// the same Picture, runs the same AlertEngine, and prints each alert event (raise, update,
// clear) as one JSON line on stdout — for a server that must alert around the clock.
#include "app/alertrecording.h"
#include "app/endpoint.h"
#include "app/feedsecurity.h"
#include "app/handshakereporter.h"
#include "app/protectedareaoptions.h"
#include "app/stopsignal.h"
#include "core/alertengine.h"
#include "core/alertjson.h"
#include "core/basemap.h"
#include "core/protectedarea.h"
#include "core/sessionwriter.h"
#include "core/timeus.h"
#include "net/feedsubscriber.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <thread>

namespace {

// The rules run this often: often enough that a silence of 3 s is reported within a tenth
// of a second of its threshold, rarely enough to cost nothing.
constexpr auto kTickInterval = std::chrono::milliseconds(100);

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("cop-monitor"));
    QCoreApplication::setApplicationVersion(QStringLiteral(COP_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Runs the COP Viewer alert rules on live feeds and prints each alert event as one JSON "
        "line on stdout."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption connectOption(
        QStringLiteral("connect"),
        QStringLiteral("Feed endpoint, e.g. tcp://127.0.0.1:5555 (repeatable)."),
        QStringLiteral("endpoint"));
    const QCommandLineOption durationOption(
        QStringLiteral("duration"),
        QStringLiteral("Stop after this many seconds (default: no limit)."),
        QStringLiteral("seconds"), QStringLiteral("0"));
    const QCommandLineOption areasOption(
        QStringLiteral("areas"),
        QStringLiteral("GeoJSON file of further areas to protect (repeatable)."),
        QStringLiteral("file"));
    const QCommandLineOption protectOption(
        QStringLiteral("protect"),
        QStringLiteral(
            "Nations whose territory and EEZ are protected, e.g. JP,KR (default: JP,US,KR)."),
        QStringLiteral("codes"), QStringLiteral("JP,US,KR"));
    const QCommandLineOption recordOption(
        QStringLiteral("record"),
        QStringLiteral("Record every accepted message and every alert event into this session file."),
        QStringLiteral("file"));
    parser.addOptions({connectOption, durationOption, areasOption, protectOption, recordOption});
    parser.addOptions(cop::securityCommandLineOptions(cop::SecurityRole::Subscriber));
    parser.process(app);

    const auto fail = [&](const QString &message) {
        std::fprintf(stderr, "cop-monitor: %s\n\n%s", qPrintable(message),
                     qPrintable(parser.helpText()));
        return 2;
    };
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("unexpected argument '%1'")
                        .arg(parser.positionalArguments().constFirst()));
    cop::net::SubscriberOptions options;
    for (const QString &endpoint : parser.values(connectOption)) {
        QString why;
        if (!cop::isPlausibleEndpoint(endpoint, &why))
            return fail(QStringLiteral("bad endpoint '%1': %2").arg(endpoint, why));
        options.endpoints.push_back(endpoint.toStdString());
    }
    if (options.endpoints.empty())
        return fail(QStringLiteral("--connect ENDPOINT is required"));
    QString securityError;
    const auto security = cop::readFeedSecurity(parser, cop::SecurityRole::Subscriber,
                                                parser.values(connectOption),
                                                QStringLiteral("cop-monitor"), &securityError);
    if (!security)
        return fail(securityError);
    security->applyTo(options);
    if (security->insecure)
        std::fprintf(stderr, "cop-monitor: INSECURE: plain connections, the feed is neither "
                             "authenticated nor encrypted\n");
    bool ok = false;
    const double durationS = parser.value(durationOption).toDouble(&ok);
    if (!ok || !std::isfinite(durationS) || durationS < 0.0)
        return fail(QStringLiteral("--duration takes non-negative seconds"));
    QString why;
    const auto nations = cop::parseProtectedNations(parser.value(protectOption), &why);
    if (!nations)
        return fail(why);

    QString basemapError;
    const std::optional<cop::Basemap> basemap = cop::Basemap::loadEmbedded(&basemapError);
    if (!basemap) {
        std::fprintf(stderr, "cop-monitor: %s\n", qPrintable(basemapError));
        return 1;
    }
    QStringList areaErrors;
    auto areas = cop::buildProtectedAreas(&*basemap, *nations, parser.values(areasOption),
                                          &areaErrors, &why);
    if (!areas)
        return fail(why);
    for (const QString &error : areaErrors)
        std::fprintf(stderr, "cop-monitor: %s\n", qPrintable(error));
    std::fprintf(stderr, "cop-monitor: protecting %zu areas\n", areas->areas().size());

    cop::installStopSignalHandlers();
    zmq::context_t context(1);
    cop::net::FeedSubscriber subscriber(context, options);
    subscriber.setWakeFunction([] {}); // polled on the tick below
    std::string error;

    // A server that alerts around the clock can keep the record too: the same session file
    // as the viewer's, written on its own thread.
    std::unique_ptr<cop::SessionWriter> recorder;
    if (parser.isSet(recordOption)) {
        recorder = std::make_unique<cop::SessionWriter>();
        cop::SessionMetadata metadata;
        metadata.application = "cop-monitor";
        metadata.applicationVersion = COP_VERSION;
        metadata.scenario = "live: " + parser.values(connectOption).join(QLatin1Char(' ')).toStdString();
        if (!recorder->open(parser.value(recordOption).toStdString(), metadata, &error)) {
            std::fprintf(stderr, "cop-monitor: cannot record: %s\n", error.c_str());
            return 1;
        }
        std::fprintf(stderr, "cop-monitor: recording to %s\n", qPrintable(parser.value(recordOption)));
        // Receive thread: the recorder only copies into its queue.
        subscriber.setAcceptedFrameFunction(
            [writer = recorder.get()](std::string_view topic, std::string_view payload,
                                      const cop::FeedMessage &message) {
                writer->append(topic, payload, message);
            });
    }
    if (!subscriber.start(&error)) {
        std::fprintf(stderr, "cop-monitor: %s\n", error.c_str());
        return 1;
    }

    cop::Picture picture;
    cop::AlertEngine engine(std::move(areas));
    cop::FeedBatch batch;
    std::uint64_t eventCount = 0;
    const auto started = std::chrono::steady_clock::now();
    cop::HandshakeReporter handshakes("cop-monitor", subscriber);
    while (!cop::stopRequested()) {
        handshakes.report();
        if (durationS > 0.0
            && std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()
                >= durationS)
            break;
        subscriber.takeBatch(batch);
        const cop::PictureChange change = picture.applyBatch(batch);
        // Receive times are wall-clock stamps, so the rules' clock is the wall clock here; a
        // replay would pass the recorded receive times instead.
        const std::vector<cop::AlertEvent> events = engine.update(picture, change, cop::wallClockNowUs());
        for (const cop::AlertEvent &event : events) {
            std::printf("%s\n", cop::alertEventToJsonLine(event).constData());
            ++eventCount;
        }
        if (recorder)
            cop::recordAlertEvents(*recorder, events);
        std::fflush(stdout);
        picture.pruneDroppedTracks();
        std::this_thread::sleep_for(kTickInterval);
    }
    subscriber.stop();
    if (recorder)
        recorder->close(); // after the subscriber: everything it accepted gets committed
    std::fprintf(stderr,
                 "cop-monitor: %llu messages, %llu refused, %llu alert events, %zu alerts active\n",
                 static_cast<unsigned long long>(subscriber.counters().messagesAccepted.load()),
                 static_cast<unsigned long long>(subscriber.rejects().total()),
                 static_cast<unsigned long long>(eventCount), engine.activeCount());
    return 0;
}
