// SPDX-License-Identifier: GPL-3.0-or-later
// cop-soak: the viewer's live data path under a sustained feed for a long time, outside the
// test suite. A publisher thread (its own ZeroMQ context, as if another process) sends a
// paced feed over tcp loopback with CURVE; the viewer's own FeedPipeline receives, decodes,
// records into a session file and applies to the Picture on a 30 Hz frame clock, and the
// viewer's AlertCenter runs the alert rules after each batch and every 250 ms, exactly as
// MainWindow drives them. Reports resident memory periodically and checks at the end that
// every message sent was received or is accounted for by the sequence numbers.
// See bench/README.md.
#include "benchmessages.h"

#include "app/alertcenter.h"
#include "app/alertrecording.h"
#include "app/feedpipeline.h"
#include "core/basemap.h"
#include "core/protectedarea.h"
#include "core/timeus.h"
#include "net/curvecertificate.h"
#include "net/feedpublisher.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QTemporaryDir>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// The source that establishes the subscription before the measured feed starts.
constexpr const char *kProbeSourceId = "SOAK-PROBE";

// Resident set size now and its peak (VmHWM) so far, in MiB, from /proc/self/status.
struct Memory
{
    double rssMiB = 0.0;
    double peakMiB = 0.0;
};

Memory readMemory()
{
    Memory memory;
    std::ifstream status("/proc/self/status");
    std::string key;
    while (status >> key) {
        double kiB = 0.0;
        if (key == "VmRSS:" && status >> kiB)
            memory.rssMiB = kiB / 1024.0;
        else if (key == "VmHWM:" && status >> kiB)
            memory.peakMiB = kiB / 1024.0;
        status.ignore(1 << 16, '\n');
    }
    return memory;
}

struct SoakOptions
{
    double rate = 20'000.0; // messages per second, all sources together
    double durationS = 600.0;
    double reportEveryS = 30.0;
    int tracks = 1'000; // track updates are spread over this many tracks
    bool curve = true;
    bool keepRecording = false;
    QString recordFolder;
};

// The feed: three national sources, a heartbeat per source per second and track updates for
// the rest, sequences counting up per source. Sends on its own thread at the given rate,
// catching up after a stall rather than drifting.
class SoakPublisher
{
public:
    SoakPublisher(const SoakOptions &options, std::optional<cop::net::CurveServerOptions> curve)
        : m_options(options)
    {
        cop::net::PublisherOptions publisherOptions {{"tcp://127.0.0.1:*"}};
        publisherOptions.curve = std::move(curve);
        m_publisher = std::make_unique<cop::net::FeedPublisher>(m_context, publisherOptions);
    }
    ~SoakPublisher() { stop(); }

    bool start(std::string *error)
    {
        if (!m_publisher->start(error))
            return false;
        m_thread = std::thread([this] { run(); });
        return true;
    }
    void stop()
    {
        m_stop.store(true);
        if (m_thread.joinable())
            m_thread.join();
    }
    // Stops sending track updates; the thread goes on with one heartbeat per source a second,
    // so that any loss at the very end is still revealed by a later sequence number.
    void quiesce() { m_quiet.store(true); }
    // The console heard the probe: the measured feed may begin.
    void go() { m_go.store(true); }

    std::string endpoint() const { return m_publisher->lastEndpoint(); }
    std::uint64_t sent(int source) const { return m_sent[static_cast<std::size_t>(source)].load(); }
    std::uint64_t sentTotal() const { return sent(0) + sent(1) + sent(2); }
    std::uint64_t sendFailures() const { return m_sendFailures.load(); }

private:
    void publish(int source, cop::FeedMessage &&message)
    {
        if (m_publisher->publish(message))
            m_sent[static_cast<std::size_t>(source)].fetch_add(1, std::memory_order_relaxed);
        else
            m_sendFailures.fetch_add(1, std::memory_order_relaxed);
    }

    void run()
    {
        // ZeroMQ drops what a publisher sends before the subscription arrives, which no
        // sequence number could reveal: probe from a source of its own until the console
        // hears it, then start the measured sources at sequence 1.
        std::uint64_t probeSequence = 0;
        while (!m_go.load() && !m_stop.load()) {
            cop::FeedMessage probe
                = cop::bench::makeHeartbeat(0, ++probeSequence, cop::wallClockNowUs());
            probe.header.sourceId = kProbeSourceId;
            m_publisher->publish(probe);
            std::this_thread::sleep_for(10ms);
        }
        const auto started = Clock::now();
        std::array<std::uint64_t, cop::bench::kSourceCount> sequence {};
        std::uint64_t updates = 0;
        std::int64_t heartbeatsSent = 0;
        int nextTrack = 0;
        while (!m_stop.load(std::memory_order_relaxed)) {
            const double elapsedS = std::chrono::duration<double>(Clock::now() - started).count();
            const cop::TimeUs nowUs = cop::wallClockNowUs();
            // One heartbeat per source per second.
            while (heartbeatsSent <= static_cast<std::int64_t>(elapsedS)) {
                for (int source = 0; source < cop::bench::kSourceCount; ++source)
                    publish(source,
                            cop::bench::makeHeartbeat(
                                source, ++sequence[static_cast<std::size_t>(source)], nowUs));
                ++heartbeatsSent;
            }
            const auto due = static_cast<std::uint64_t>(elapsedS * m_options.rate);
            while (!m_quiet.load(std::memory_order_relaxed) && updates < due) {
                const int source = nextTrack % cop::bench::kSourceCount;
                publish(source,
                        cop::bench::makeTrackUpdate(source, nextTrack,
                                                    ++sequence[static_cast<std::size_t>(source)],
                                                    nowUs));
                ++updates;
                nextTrack = (nextTrack + 1) % m_options.tracks;
            }
            std::this_thread::sleep_for(2ms);
        }
    }

    SoakOptions m_options;
    zmq::context_t m_context {1};
    std::unique_ptr<cop::net::FeedPublisher> m_publisher;
    std::thread m_thread;
    std::atomic<bool> m_stop {false};
    std::atomic<bool> m_quiet {false};
    std::atomic<bool> m_go {false};
    std::array<std::atomic<std::uint64_t>, cop::bench::kSourceCount> m_sent {};
    std::atomic<std::uint64_t> m_sendFailures {0};
};

std::optional<SoakOptions> parse(QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Soak test of the viewer's live data path: a paced feed over tcp loopback (CURVE) through "
        "subscriber, recorder, Picture and alert rules; reports resident memory and loss."));
    parser.addHelpOption();
    const QCommandLineOption rateOption(QStringLiteral("rate"),
                                        QStringLiteral("Messages per second (default 20000)."),
                                        QStringLiteral("n"), QStringLiteral("20000"));
    const QCommandLineOption durationOption(QStringLiteral("duration"),
                                            QStringLiteral("Seconds of feed (default 600)."),
                                            QStringLiteral("seconds"), QStringLiteral("600"));
    const QCommandLineOption reportOption(
        QStringLiteral("report-every"),
        QStringLiteral("Seconds between progress lines (default 30)."), QStringLiteral("seconds"),
        QStringLiteral("30"));
    const QCommandLineOption tracksOption(
        QStringLiteral("tracks"),
        QStringLiteral("Tracks the updates are spread over (default 1000)."), QStringLiteral("n"),
        QStringLiteral("1000"));
    const QCommandLineOption insecureOption(QStringLiteral("insecure"),
                                            QStringLiteral("Plain ZeroMQ instead of CURVE."));
    const QCommandLineOption recordOption(
        QStringLiteral("record-folder"),
        QStringLiteral(
            "Record the session files here and keep them (default: a temporary folder, removed)."),
        QStringLiteral("folder"));
    parser.addOptions(
        {rateOption, durationOption, reportOption, tracksOption, insecureOption, recordOption});
    parser.process(app);

    SoakOptions options;
    bool ok1 = false, ok2 = false, ok3 = false, ok4 = false;
    options.rate = parser.value(rateOption).toDouble(&ok1);
    options.durationS = parser.value(durationOption).toDouble(&ok2);
    options.reportEveryS = parser.value(reportOption).toDouble(&ok3);
    options.tracks = parser.value(tracksOption).toInt(&ok4);
    if (!ok1 || !ok2 || !ok3 || !ok4 || !(options.rate > 0.0 && options.rate <= 1e6)
        || !(options.durationS > 0.0 && options.durationS <= 86'400.0)
        || !(options.reportEveryS >= 1.0) || options.tracks < 1 || options.tracks > 100'000
        || !parser.positionalArguments().isEmpty()) {
        std::fprintf(stderr, "cop-soak: bad arguments\n\n%s", qPrintable(parser.helpText()));
        return std::nullopt;
    }
    options.curve = !parser.isSet(insecureOption);
    options.keepRecording = parser.isSet(recordOption);
    options.recordFolder = parser.value(recordOption);
    return options;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("cop-soak"));
    const auto parsed = parse(app);
    if (!parsed)
        return 2;
    const SoakOptions options = *parsed;

    QTemporaryDir temporary;
    const QString folder = options.keepRecording ? options.recordFolder : temporary.path();
    QDir().mkpath(folder);

    // Keys made in memory: the same handshake and encryption as a real deployment.
    cop::FeedSecurity security;
    std::optional<cop::net::CurveServerOptions> server;
    if (options.curve) {
        const auto serverKeys = cop::net::generateCurveCertificate();
        const auto clientKeys = cop::net::generateCurveCertificate();
        if (!serverKeys || !clientKeys) {
            std::fprintf(stderr, "cop-soak: no CURVE in this ZeroMQ\n");
            return 1;
        }
        server = cop::net::CurveServerOptions {*serverKeys, {clientKeys->publicKey}, {}};
        security.clientCertificate = clientKeys;
    } else {
        security.insecure = true;
    }

    SoakPublisher publisher(options, server);
    std::string error;
    if (!publisher.start(&error)) {
        std::fprintf(stderr, "cop-soak: %s\n", error.c_str());
        return 1;
    }
    if (options.curve)
        security.serverPublicKeys[publisher.endpoint()] = server->certificate.publicKey;

    QString why;
    auto basemap = cop::Basemap::loadEmbedded(&why);
    if (!basemap) {
        std::fprintf(stderr, "cop-soak: %s\n", qPrintable(why));
        return 1;
    }
    auto areas = std::make_shared<const cop::ProtectedAreaSet>(cop::ProtectedAreaSet::standard(
        *basemap, {cop::kAllNations.begin(), cop::kAllNations.end()}));

    cop::FeedPipeline pipeline;
    pipeline.setSecurity(security);
    cop::SessionMetadata metadata;
    metadata.application = "cop-soak";
    metadata.scenario = "soak feed";
    const QString sessionPath = QDir(folder).filePath(QStringLiteral("soak.copsession"));
    if (!pipeline.startRecording(sessionPath, metadata, &why)) {
        std::fprintf(stderr, "cop-soak: cannot record: %s\n", qPrintable(why));
        return 1;
    }
    if (!pipeline.start(false, {QString::fromStdString(publisher.endpoint())}, 1, &why)) {
        std::fprintf(stderr, "cop-soak: %s\n", qPrintable(why));
        return 1;
    }
    cop::AlertCenter alerts(pipeline, areas);
    std::uint64_t alertEvents = 0;
    QObject::connect(&alerts, &cop::AlertCenter::alertEvents, &alerts,
                     [&](const std::vector<cop::AlertEvent> &events) {
                         alertEvents += events.size();
                         cop::recordAlertEvents(*pipeline.recorder(), events);
                     });

    std::printf("cop-soak: %.0f msg/s for %.0f s over %s (%s), %d tracks, recording to %s\n",
                options.rate, options.durationS, publisher.endpoint().c_str(),
                options.curve ? "CURVE" : "plain", options.tracks, qPrintable(sessionPath));
    std::printf("%8s %12s %12s %10s %8s %10s %8s %10s %10s\n", "time_s", "sent", "received",
                "missed", "queued", "recorded", "alerts", "rss_MiB", "peak_MiB");
    const auto report = [&](double elapsedS) {
        const cop::Picture &picture = pipeline.picture();
        std::uint64_t missed = 0;
        for (const auto &[id, source] : picture.sources())
            missed += source.missedMessages;
        const Memory memory = readMemory();
        std::printf("%8.0f %12llu %12llu %10llu %8zu %10llu %8zu %10.1f %10.1f\n", elapsedS,
                    static_cast<unsigned long long>(publisher.sentTotal()),
                    static_cast<unsigned long long>(picture.messagesApplied()),
                    static_cast<unsigned long long>(missed),
                    pipeline.transportHealth().queuedMessages,
                    static_cast<unsigned long long>(pipeline.recordingHealth().messagesWritten),
                    alerts.engine().alerts().size(), memory.rssMiB, memory.peakMiB);
        std::fflush(stdout);
        return memory;
    };

    const auto probeDeadline = Clock::now() + 10s;
    while (pipeline.picture().sources().count(kProbeSourceId) == 0
           && Clock::now() < probeDeadline) {
        pipeline.drain();
        std::this_thread::sleep_for(10ms);
    }
    if (pipeline.picture().sources().count(kProbeSourceId) == 0) {
        std::fprintf(stderr, "cop-soak: the console never heard the publisher\n");
        return 1;
    }
    publisher.go();

    // The viewer's frame clock: drain at 30 Hz, the alert rules' clock every 250 ms.
    const auto started = Clock::now();
    auto nextFrame = started;
    auto nextTick = started;
    auto nextReport = started + 5s; // the first line once the feed is flowing
    // Histories fill during the first minute or two (1,024 states a track, then allocator and
    // SQLite caches settle); memory is judged flat over the second half of the run.
    const double steadyFromS = options.durationS / 2.0;
    Memory startMemory;
    Memory steadyMemory;
    Memory lastMemory;
    bool startMeasured = false;
    bool steadyMeasured = false;
    const auto frameLoop = [&](Clock::time_point until) {
        while (Clock::now() < until) {
            pipeline.drain();
            const auto now = Clock::now();
            if (now >= nextTick) {
                alerts.tick(pipeline.nowUs());
                nextTick += 250ms;
            }
            if (now >= nextReport && now < until) {
                const double atS = std::chrono::duration<double>(now - started).count();
                lastMemory = report(atS);
                if (!startMeasured) {
                    startMemory = lastMemory;
                    startMeasured = true;
                }
                if (!steadyMeasured && atS >= steadyFromS) {
                    steadyMemory = lastMemory;
                    steadyMeasured = true;
                }
                nextReport += std::chrono::duration_cast<Clock::duration>(
                    std::chrono::duration<double>(options.reportEveryS));
            }
            nextFrame += 33ms;
            std::this_thread::sleep_until(std::max(nextFrame, Clock::now()));
        }
    };
    frameLoop(started
              + std::chrono::duration_cast<Clock::duration>(
                  std::chrono::duration<double>(options.durationS)));

    // Stop the track updates, let the heartbeats carry the sequences past any loss at the
    // end, and drain everything still in flight.
    publisher.quiesce();
    frameLoop(Clock::now() + 3s);
    publisher.stop();
    frameLoop(Clock::now() + 1s);
    const double elapsedS = std::chrono::duration<double>(Clock::now() - started).count();
    const Memory endMemory = report(elapsedS);
    pipeline.stop(); // closes the recorder after everything accepted is committed

    const cop::Picture &picture = pipeline.picture();
    bool ok = true;
    std::uint64_t totalSent = 0, totalReceived = 0, totalMissed = 0;
    std::printf("\nper source: sent, received, missed by sequence gaps, unaccounted\n");
    for (int source = 0; source < cop::bench::kSourceCount; ++source) {
        const auto found = picture.sources().find(cop::bench::sourceId(source));
        const std::uint64_t sent = publisher.sent(source);
        const std::uint64_t received
            = found == picture.sources().end() ? 0 : found->second.messageCount;
        const std::uint64_t missed
            = found == picture.sources().end() ? 0 : found->second.missedMessages;
        const std::int64_t unaccounted
            = static_cast<std::int64_t>(sent) - static_cast<std::int64_t>(received + missed);
        std::printf("  %-9s %12llu %12llu %10llu %10lld\n", cop::bench::sourceId(source),
                    static_cast<unsigned long long>(sent),
                    static_cast<unsigned long long>(received),
                    static_cast<unsigned long long>(missed), static_cast<long long>(unaccounted));
        ok = ok && unaccounted == 0;
        totalSent += sent;
        totalReceived += received;
        totalMissed += missed;
    }
    const cop::RecordingHealth recording = pipeline.recordingHealth();
    if (!steadyMeasured)
        steadyMemory = endMemory;
    const double growth
        = steadyMemory.rssMiB > 0.0 ? endMemory.rssMiB / steadyMemory.rssMiB - 1.0 : 0.0;
    std::printf(
        "\nsent %llu, received %llu (%.1f msg/s), missed %llu (%.4f%%), send failures %llu\n",
        static_cast<unsigned long long>(totalSent), static_cast<unsigned long long>(totalReceived),
        static_cast<double>(totalReceived) / elapsedS, static_cast<unsigned long long>(totalMissed),
        totalSent ? 100.0 * static_cast<double>(totalMissed) / static_cast<double>(totalSent) : 0.0,
        static_cast<unsigned long long>(publisher.sendFailures()));
    std::printf("recorded %llu, lost by the recorder %llu, write errors %llu\n",
                static_cast<unsigned long long>(recording.messagesWritten),
                static_cast<unsigned long long>(recording.messagesLost),
                static_cast<unsigned long long>(recording.writeErrors));
    std::printf("alert events %llu, alerts held %zu, tracks %zu\n",
                static_cast<unsigned long long>(alertEvents), alerts.engine().alerts().size(),
                picture.trackCountAt(cop::kTimeLive));
    std::printf("resident memory: %.1f MiB at the first report (peak %.1f), %.1f MiB at half time "
                "(peak %.1f), %.1f MiB at the end (peak %.1f): %+.1f%% over the second half\n",
                startMemory.rssMiB, startMemory.peakMiB, steadyMemory.rssMiB, steadyMemory.peakMiB,
                endMemory.rssMiB, endMemory.peakMiB, 100.0 * growth);
    // The recorder also holds the probe's messages.
    const auto probe = picture.sources().find(kProbeSourceId);
    const std::uint64_t probeReceived
        = probe == picture.sources().end() ? 0 : probe->second.messageCount;
    const bool recorderComplete
        = recording.messagesWritten == totalReceived + probeReceived && recording.messagesLost == 0;
    // Flat: within 5 % over the second half (allocator noise, SQLite's page cache).
    const bool memoryFlat = growth <= 0.05;
    std::printf(
        "loss accounted for by sequence numbers: %s; recorder complete: %s; memory flat: %s\n",
        ok ? "yes" : "NO", recorderComplete ? "yes" : "NO", memoryFlat ? "yes" : "NO");
    return ok && recorderComplete && memoryFlat ? 0 : 1;
}
