// SPDX-License-Identifier: GPL-3.0-or-later
#include "feedpipeline.h"

#include "app/simfeedrunner.h"

#include <QDir>

#include <algorithm>
#include <QFileInfo>

namespace cop {

namespace {
// In-process endpoint of the demo feed: same sockets and codec as a live feed, no network.
constexpr const char *kDemoEndpoint = "inproc://cop-demo-feed";
// Dropped tracks are pruned from memory now and then (the Picture's retention decides which);
// every batch would waste time, never would let memory grow through a long watch.
constexpr int kPruneEveryNBatches = 300;
} // namespace

FeedPipeline::FeedPipeline(QObject *parent)
    : QObject(parent)
{
}

FeedPipeline::~FeedPipeline()
{
    stop();
}

bool FeedPipeline::start(bool demo, const QStringList &endpoints, quint64 demoSeed, QString *error)
{
    std::string why;
    net::SubscriberOptions options;
    for (const QString &endpoint : endpoints)
        options.endpoints.push_back(endpoint.toStdString());
    m_endpointCount = static_cast<int>(endpoints.size());
    m_isDemo = demo;
    if (demo) {
        SimFeedOptions simOptions;
        simOptions.bindEndpoints = {kDemoEndpoint};
        simOptions.seed = demoSeed;
        simOptions.scenario = m_demoScenario;
        m_demo = std::make_unique<SimFeedRunner>(m_context, simOptions);
        if (!m_demo->start(&why)) {
            if (error)
                *error = QString::fromStdString(why);
            return false;
        }
        options.endpoints.emplace_back(kDemoEndpoint);
    }
    m_security.applyTo(options);
    m_subscriber = std::make_unique<net::FeedSubscriber>(m_context, options);
    // Runs on the receive thread: only an atomic flag, read by the frame clock.
    m_subscriber->setWakeFunction([this] { m_dataWaiting.store(true, std::memory_order_release); });
    if (m_recorder) {
        // Receive thread: the recorder only copies into its queue.
        m_subscriber->setAcceptedFrameFunction(
            [recorder = m_recorder.get()](std::string_view topic, std::string_view payload,
                                          const FeedMessage &message) {
                recorder->append(topic, payload, message);
            });
    }
    // Receive thread: which source a refused frame claims to come from, for the health panel.
    m_subscriber->setRejectedFrameFunction(
        [this](std::string_view topic, std::string_view, const net::WireDecoder::Rejection &) {
            m_rejectsBySource.note(topic);
        });
    if (!m_subscriber->start(&why)) {
        if (error)
            *error = QString::fromStdString(why);
        stop();
        return false;
    }
    return true;
}

void FeedPipeline::stop()
{
    if (m_subscriber)
        m_subscriber->stop();
    if (m_demo)
        m_demo->stop();
    if (m_player)
        m_player->stop();
    // After the subscriber: everything it accepted is in the queue, and gets committed.
    if (m_recorder)
        m_recorder->close();
}

bool FeedPipeline::startRecording(const QString &path, const SessionMetadata &metadata, QString *error)
{
    m_recordingError.clear();
    const QString directory = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(directory)) {
        m_recordingError = QStringLiteral("cannot create the folder %1").arg(directory);
    } else {
        // A long watch becomes hourly parts (or 2 GiB ones), each a session of its own that
        // opens quickly and can be copied or deleted on its own.
        SessionWriterOptions options;
        options.rotateAfterUs = 3600 * kMicrosPerSecond;
        options.rotateAfterBytes = std::int64_t(2) << 30;
        auto recorder = std::make_unique<SessionWriter>(options);
        std::string why;
        if (recorder->open(path.toStdString(), metadata, &why))
            m_recorder = std::move(recorder);
        else
            m_recordingError = QString::fromStdString(why);
    }
    if (error)
        *error = m_recordingError;
    return m_recordingError.isEmpty();
}

bool FeedPipeline::startReplay(const QString &path, double speed, QString *error)
{
    net::PlayerOptions options;
    options.speed = speed;
    m_player = std::make_unique<net::SessionPlayer>(options);
    std::string why;
    if (!m_player->open(path.toStdString(), &why)) {
        m_player.reset();
        if (error)
            *error = QString::fromStdString(why);
        return false;
    }
    m_replayPath = path;
    m_player->setWakeFunction([this] { m_dataWaiting.store(true, std::memory_order_release); });
    m_player->start();
    return true;
}

void FeedPipeline::drainReplay()
{
    // A backward seek starts a new picture, even before its first message arrives.
    const std::uint64_t generation = m_player->state().generation;
    if (generation != m_replayGeneration) {
        m_replayGeneration = generation;
        m_picture.clear();
        m_health.clear();
        PictureChange cleared;
        cleared.sensorsChanged = cleared.sourcesChanged = cleared.alertNoticesChanged = true;
        Q_EMIT pictureChanged(cleared);
    }
    if (!m_dataWaiting.exchange(false, std::memory_order_acquire))
        return;
    std::uint64_t batchGeneration = 0;
    std::unique_ptr<Picture> rebuilt;
    const std::size_t count = m_player->takeBatch(m_batch, &batchGeneration, &rebuilt);
    if (batchGeneration != m_replayGeneration)
        return;
    if (rebuilt) {
        // A seek: the player rebuilt the picture as of the new playhead from a snapshot.
        // Moving it in keeps m_picture's address, which the views hold.
        m_picture = std::move(*rebuilt);
        PictureChange restored;
        for (const auto &record : m_picture.tracks())
            restored.tracksChanged.push_back(record.get());
        restored.sensorsChanged = restored.sourcesChanged = restored.alertNoticesChanged = true;
        restored.messagesApplied = static_cast<std::size_t>(m_picture.messagesApplied());
        Q_EMIT pictureChanged(restored);
    }
    if (count == 0)
        return;
    const PictureChange change = m_picture.applyBatch(m_batch);
    m_health.observe(m_batch);
    Q_EMIT pictureChanged(change);
    // After the change is announced: pruning invalidates the pointers it carries.
    if (++m_batchesSincePrune >= kPruneEveryNBatches) {
        m_batchesSincePrune = 0;
        m_picture.pruneDroppedTracks();
    }
}

std::vector<HandshakeTally> FeedPipeline::handshakeTallies() const
{
    std::vector<HandshakeTally> tallies;
    if (!m_subscriber || m_player)
        return tallies;
    const auto &options = m_subscriber->options();
    for (std::size_t i = 0; i < options.endpoints.size(); ++i) {
        const std::string &endpoint = options.endpoints[i];
        if (!isNetworkEndpoint(QString::fromStdString(endpoint)))
            continue; // the demo's inproc feed has no handshake
        const auto &counters = m_subscriber->endpointHandshakes(i);
        HandshakeTally tally;
        tally.endpoint = endpoint;
        tally.curve = options.clientCertificate && options.serverPublicKeys.count(endpoint) != 0;
        tally.failures = counters.failures.load(std::memory_order_relaxed);
        tally.refused = counters.refused.load(std::memory_order_relaxed);
        tallies.push_back(std::move(tally));
    }
    return tallies;
}

bool FeedPipeline::isInsecure() const
{
    if (!m_subscriber || m_player)
        return false;
    const auto &options = m_subscriber->options();
    return std::any_of(options.endpoints.begin(), options.endpoints.end(), [&](const std::string &endpoint) {
        return isNetworkEndpoint(QString::fromStdString(endpoint))
               && (!options.clientCertificate || options.serverPublicKeys.count(endpoint) == 0);
    });
}

TimeUs FeedPipeline::nowUs() const
{
    if (m_player) {
        const TimeUs playheadUs = m_player->state().playheadUs;
        return playheadUs == kTimeUnset ? 0 : playheadUs;
    }
    return wallClockNowUs();
}

RecordingHealth FeedPipeline::recordingHealth() const
{
    RecordingHealth health;
    health.startError = m_recordingError;
    if (!m_recorder)
        return health;
    const auto &counters = m_recorder->counters();
    health.recording = true;
    health.path = QString::fromStdString(m_recorder->path());
    health.messagesWritten = counters.messagesWritten.load(std::memory_order_relaxed);
    health.messagesLost = counters.messagesDropped.load(std::memory_order_relaxed)
                          + counters.messagesFailed.load(std::memory_order_relaxed);
    health.writeErrors = counters.writeErrors.load(std::memory_order_relaxed);
    health.lastError = QString::fromStdString(m_recorder->lastError());
    return health;
}

void FeedPipeline::drain()
{
    if (m_player) {
        drainReplay();
        return;
    }
    if (!m_subscriber)
        return;
    m_rejectsBySource.handTo(m_health);
    if (!m_dataWaiting.exchange(false, std::memory_order_acquire))
        return;
    if (m_subscriber->takeBatch(m_batch) == 0)
        return;
    const PictureChange change = m_picture.applyBatch(m_batch);
    m_health.observe(m_batch);
    Q_EMIT pictureChanged(change);
    // After the change is announced: pruning invalidates the pointers it carries.
    if (++m_batchesSincePrune >= kPruneEveryNBatches) {
        m_batchesSincePrune = 0;
        m_picture.pruneDroppedTracks();
    }
}

std::vector<RejectTally> FeedPipeline::rejectedByReason() const
{
    if (m_player)
        return rejectTallies(m_player->rejects());
    if (m_subscriber)
        return rejectTallies(m_subscriber->rejects());
    return {};
}

FeedTransportHealth FeedPipeline::transportHealth() const
{
    FeedTransportHealth health;
    health.demo = m_isDemo;
    health.endpointCount = m_endpointCount;
    if (m_player) {
        health.replay = true;
        health.messagesAccepted = m_player->messagesDelivered();
        health.messagesRejected = m_player->rejects().total();
        return health;
    }
    if (m_subscriber) {
        const auto &counters = m_subscriber->counters();
        health.messagesAccepted = counters.messagesAccepted.load(std::memory_order_relaxed);
        health.messagesRejected = m_subscriber->rejects().total();
        health.disconnects = counters.disconnects.load(std::memory_order_relaxed);
        health.queuedMessages = m_subscriber->queuedMessages();
    }
    return health;
}

} // namespace cop
