// SPDX-License-Identifier: GPL-3.0-or-later
#include "feedpipeline.h"

#include "app/simfeedrunner.h"

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
        m_demo = std::make_unique<SimFeedRunner>(m_context, simOptions);
        if (!m_demo->start(&why)) {
            if (error)
                *error = QString::fromStdString(why);
            return false;
        }
        options.endpoints.emplace_back(kDemoEndpoint);
    }
    m_subscriber = std::make_unique<net::FeedSubscriber>(m_context, options);
    // Runs on the receive thread: only an atomic flag, read by the frame clock.
    m_subscriber->setWakeFunction([this] { m_dataWaiting.store(true, std::memory_order_release); });
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
}

void FeedPipeline::drain()
{
    if (!m_subscriber || !m_dataWaiting.exchange(false, std::memory_order_acquire))
        return;
    if (m_subscriber->takeBatch(m_batch) == 0)
        return;
    const PictureChange change = m_picture.applyBatch(m_batch);
    if (++m_batchesSincePrune >= kPruneEveryNBatches) {
        m_batchesSincePrune = 0;
        m_picture.pruneDroppedTracks();
    }
    Q_EMIT pictureChanged(change);
}

FeedTransportHealth FeedPipeline::transportHealth() const
{
    FeedTransportHealth health;
    health.demo = m_isDemo;
    health.endpointCount = m_endpointCount;
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
