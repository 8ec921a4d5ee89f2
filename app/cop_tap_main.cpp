// SPDX-License-Identifier: GPL-3.0-or-later
// cop-tap: prints every feed message as one JSON line (protobuf's JSON mapping) with its topic
// and receive time; refused frames go to stderr with the reason. For checking a feed by eye
// or piping into jq.
#include "app/endpoint.h"
#include "app/feedsecurity.h"
#include "app/handshakereporter.h"
#include "app/stopsignal.h"
#include "core/timeus.h"
#include "net/feedsubscriber.h"
#include "net/protocol.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <string>

namespace {

// Topics of refused frames may hold anything; print them safely.
std::string printable(std::string_view text, std::size_t maxBytes = 80)
{
    std::string out;
    for (const char c : text.substr(0, maxBytes)) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20 && byte < 0x7f && c != '"' && c != '\\') {
            out += c;
        } else {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\x%02x", byte);
            out += escaped;
        }
    }
    if (text.size() > maxBytes)
        out += "...";
    return out;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("cop-tap"));
    QCoreApplication::setApplicationVersion(QStringLiteral(COP_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Prints every message of a COP feed as one JSON line; refused frames go to stderr."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption connectOption(QStringLiteral("connect"),
                                           QStringLiteral("Feed endpoint, e.g. tcp://127.0.0.1:5555 (repeatable)."),
                                           QStringLiteral("endpoint"));
    const QCommandLineOption topicOption(QStringLiteral("topic"),
                                         QStringLiteral("Only topics starting with PREFIX, e.g. track.KR (repeatable)."),
                                         QStringLiteral("prefix"));
    const QCommandLineOption countOption(QStringLiteral("count"),
                                         QStringLiteral("Stop after N messages (default: no limit)."),
                                         QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption durationOption(QStringLiteral("duration"),
                                            QStringLiteral("Stop after this many seconds (default: no limit)."),
                                            QStringLiteral("seconds"), QStringLiteral("0"));
    parser.addOptions({connectOption, topicOption, countOption, durationOption});
    parser.addOptions(cop::securityCommandLineOptions(cop::SecurityRole::Subscriber));
    parser.process(app);

    const auto fail = [&](const QString &message) {
        std::fprintf(stderr, "cop-tap: %s\n\n%s", qPrintable(message), qPrintable(parser.helpText()));
        return 2;
    };
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().constFirst()));
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
                                                parser.values(connectOption), QStringLiteral("cop-tap"),
                                                &securityError);
    if (!security)
        return fail(securityError);
    security->applyTo(options);
    if (parser.isSet(topicOption)) {
        options.topicPrefixes.clear();
        for (const QString &prefix : parser.values(topicOption))
            options.topicPrefixes.push_back(prefix.toStdString());
    }
    bool ok = false;
    const qulonglong maxCount = parser.value(countOption).toULongLong(&ok);
    if (!ok)
        return fail(QStringLiteral("--count takes a non-negative integer"));
    const double durationS = parser.value(durationOption).toDouble(&ok);
    if (!ok || !std::isfinite(durationS) || durationS < 0.0)
        return fail(QStringLiteral("--duration takes non-negative seconds"));

    cop::installStopSignalHandlers();
    zmq::context_t context(1);
    cop::net::FeedSubscriber subscriber(context, options);
    std::atomic<qulonglong> printed{0};
    std::atomic<bool> countReached{false};

    // Both callbacks run on the receive thread, so output lines never interleave.
    subscriber.setAcceptedFrameFunction([&](std::string_view topic, std::string_view payload,
                                            const cop::FeedMessage &message) {
        if (countReached.load())
            return;
        std::string json = cop::net::payloadToJson(payload);
        if (json.empty())
            json = "null"; // keeps every line valid JSON even if the mapping fails
        std::printf("{\"topic\":\"%s\",\"receive_time_us\":%lld,\"receive_time\":\"%s\",\"message\":%s}\n",
                    printable(topic, cop::net::kMaxTopicBytes).c_str(),
                    static_cast<long long>(message.header.receiveTimeUs),
                    qPrintable(cop::formatUtc(message.header.receiveTimeUs)), json.c_str());
        std::fflush(stdout);
        if (maxCount > 0 && printed.fetch_add(1) + 1 >= maxCount)
            countReached.store(true);
    });
    subscriber.setRejectedFrameFunction([](std::string_view topic, std::string_view payload,
                                           const cop::net::WireDecoder::Rejection &rejection) {
        std::fprintf(stderr, "cop-tap: refused frame on topic \"%s\" (%zu bytes): %s: %s\n",
                     printable(topic).c_str(), payload.size(),
                     std::string(cop::net::rejectReasonName(rejection.reason)).c_str(),
                     printable(rejection.detail, 200).c_str());
    });
    // The frames go to the callbacks; the decoded batches are not needed here.
    subscriber.setWakeFunction([] {});
    std::string error;
    if (!subscriber.start(&error)) {
        std::fprintf(stderr, "cop-tap: %s\n", error.c_str());
        return 1;
    }

    cop::FeedBatch discard;
    const auto started = std::chrono::steady_clock::now();
    cop::HandshakeReporter handshakes("cop-tap", subscriber);
    while (!cop::stopRequested() && !countReached.load()) {
        handshakes.report();
        if (durationS > 0.0
            && std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() >= durationS)
            break;
        subscriber.takeBatch(discard); // keep the queue from filling
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    subscriber.stop();
    std::fprintf(stderr, "cop-tap: %llu messages, %llu refused\n",
                 static_cast<unsigned long long>(subscriber.counters().messagesAccepted.load()),
                 static_cast<unsigned long long>(subscriber.rejects().total()));
    return 0;
}
