// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/picture.h"
#include "net/feedsubscriber.h"
#include "widgets/feedstatusbar.h"

#include <QObject>
#include <QStringList>

#include <zmq.hpp>

#include <atomic>
#include <memory>

namespace cop {

class SimFeedRunner;

// The viewer's live data path: feed sources (subscribed endpoints and, in demo mode, the
// in-process simulator publishing over inproc) → receive thread → Picture on the GUI thread.
// The receive thread only raises a flag; the frame clock calls drain(), which applies
// everything queued as one batch and announces one PictureChange.
class FeedPipeline : public QObject
{
    Q_OBJECT

public:
    explicit FeedPipeline(QObject *parent = nullptr);
    ~FeedPipeline() override;

    // False with a message if an endpoint cannot be used.
    bool start(bool demo, const QStringList &endpoints, quint64 demoSeed, QString *error);
    void stop();

    // Applies what the receive thread queued since the last call. GUI thread.
    void drain();

    const Picture &picture() const { return m_picture; }
    FeedTransportHealth transportHealth() const;

Q_SIGNALS:
    void pictureChanged(const cop::PictureChange &change);

private:
    zmq::context_t m_context{1};
    std::unique_ptr<SimFeedRunner> m_demo;
    std::unique_ptr<net::FeedSubscriber> m_subscriber;
    std::atomic<bool> m_dataWaiting{false};
    Picture m_picture;
    FeedBatch m_batch;
    int m_batchesSincePrune = 0;
    int m_endpointCount = 0;
    bool m_isDemo = false;
};

} // namespace cop
