// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/rejectsbysource.h"
#include "core/feedhealth.h"
#include "core/picture.h"
#include "app/feedsecurity.h"
#include "core/sessionwriter.h"
#include "net/feedsubscriber.h"
#include "net/sessionplayer.h"
#include "widgets/feedstatusbar.h"
#include "widgets/recordingstatus.h"

#include <QObject>
#include <QStringList>

#include <zmq.hpp>

#include <atomic>
#include <memory>

namespace cop {

class SimFeedRunner;
namespace sim {
struct Scenario;
}

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

    // The scenario the demo feed plays (default: the built-in demo); call before start().
    void setDemoScenario(std::shared_ptr<const sim::Scenario> scenario)
    {
        m_demoScenario = std::move(scenario);
    }
    // CURVE keys (or --insecure) for the live endpoints; call before start().
    void setSecurity(FeedSecurity security) { m_security = std::move(security); }
    // Live data crosses the network in clear: no CURVE on some network endpoint.
    bool isInsecure() const;
    // False with a message if an endpoint cannot be used.
    bool start(bool demo, const QStringList &endpoints, quint64 demoSeed, QString *error);
    // Records every accepted message into a new session file at path; call before start().
    // On failure the feed still runs, and recordingHealth() says why nothing is recorded.
    bool startRecording(const QString &path, const SessionMetadata &metadata, QString *error);
    // Replays a session file through the same pipeline instead of live feeds.
    bool startReplay(const QString &path, double speed, QString *error);
    void stop();

    // Applies what the receive thread queued since the last call. GUI thread.
    void drain();

    const Picture &picture() const { return m_picture; }
    FeedTransportHealth transportHealth() const;
    // Per-source rate, latency and state, fed by every batch the picture applies.
    const FeedHealth &feedHealth() const { return m_health; }
    // Frames refused by the decoder, by reason (all endpoints together).
    std::vector<RejectTally> rejectedByReason() const;
    // Failed handshakes per network endpoint (none for the demo, a replay or inproc).
    std::vector<HandshakeTally> handshakeTallies() const;
    RecordingHealth recordingHealth() const;
    // The session being recorded, for alert events and operator actions; null if none.
    SessionWriter *recorder() const { return m_recorder.get(); }

    bool isReplay() const { return m_player != nullptr; }
    net::SessionPlayer *player() const { return m_player.get(); }
    const QString &replayPath() const { return m_replayPath; }
    // The console's clock for silence and countdowns: the wall clock live, the playhead (in
    // the session's receive time) in a replay.
    TimeUs nowUs() const;

Q_SIGNALS:
    void pictureChanged(const cop::PictureChange &change);

private:
    void drainReplay();

    zmq::context_t m_context{1};
    std::unique_ptr<SimFeedRunner> m_demo;
    std::shared_ptr<const sim::Scenario> m_demoScenario;
    std::unique_ptr<net::FeedSubscriber> m_subscriber;
    FeedSecurity m_security;
    std::atomic<bool> m_dataWaiting{false};
    Picture m_picture;
    FeedHealth m_health;
    RejectsBySource m_rejectsBySource;
    FeedBatch m_batch;
    int m_batchesSincePrune = 0;
    int m_endpointCount = 0;
    bool m_isDemo = false;
    // Recording: written on its own thread, fed from the receive thread.
    std::unique_ptr<SessionWriter> m_recorder;
    QString m_recordingError;
    // Replay: a player thread instead of the subscriber.
    std::unique_ptr<net::SessionPlayer> m_player;
    QString m_replayPath;
    std::uint64_t m_replayGeneration = 0;
};

} // namespace cop
