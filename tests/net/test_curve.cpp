// SPDX-License-Identifier: GPL-3.0-or-later
// CurveZMQ: certificate files, and publisher/subscriber pairs on real tcp loopback sockets with
// the publisher's ZAP allow-list deciding who may read the feed.
#include "net/wiretestdata.h"

#include "net/curvecertificate.h"
#include "net/feedpublisher.h"
#include "net/feedsubscriber.h"
#include "net/protocol.h"
#include "net/zapauthenticator.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

namespace cop::net {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

CurveCertificate newKeyPair()
{
    auto certificate = generateCurveCertificate();
    EXPECT_TRUE(certificate.has_value()) << "libzmq built without CURVE";
    return certificate.value_or(CurveCertificate {});
}

// A folder of its own under the system's temporary folder, removed afterwards.
class TemporaryFolder
{
public:
    TemporaryFolder()
    {
        static std::atomic<int> next {0};
        m_path = fs::temp_directory_path()
            / ("cop-curve-test-" + std::to_string(::getpid()) + "-" + std::to_string(next++));
        fs::create_directories(m_path);
    }
    ~TemporaryFolder() { fs::remove_all(m_path); }
    std::string file(const std::string &name) const { return (m_path / name).string(); }
    const fs::path &path() const { return m_path; }

private:
    fs::path m_path;
};

bool anyLineHas(const std::vector<std::string> &lines, const std::string &words)
{
    return std::any_of(lines.begin(), lines.end(), [&](const std::string &line) {
        return line.find(words) != std::string::npos;
    });
}

void writeText(const std::string &path, const std::string &text)
{
    std::ofstream(path, std::ios::binary) << text;
}

TEST(CurveCertificate, SavedPairLoadsBackWithAPrivateSecretFile)
{
    TemporaryFolder folder;
    const CurveCertificate pair = newKeyPair();
    std::string error;
    ASSERT_TRUE(saveCurveCertificate(pair, folder.file("simfeed.cert"), false, &error)) << error;

    struct stat status
    {
    };
    ASSERT_EQ(::stat(folder.file("simfeed.cert_secret").c_str(), &status), 0);
    EXPECT_EQ(status.st_mode & 0777, 0600u) << "only the owner may read the secret key";

    const auto publicOnly = loadCurveCertificate(folder.file("simfeed.cert"), &error);
    ASSERT_TRUE(publicOnly) << error;
    EXPECT_EQ(publicOnly->publicKey, pair.publicKey);
    EXPECT_FALSE(publicOnly->hasSecret()) << "the public file must not carry the secret";

    // The public file's name finds its secret twin.
    const auto loaded = loadCurveKeyPair(folder.file("simfeed.cert"), &error);
    ASSERT_TRUE(loaded) << error;
    EXPECT_EQ(loaded->publicKey, pair.publicKey);
    EXPECT_EQ(loaded->secretKey, pair.secretKey);

    EXPECT_FALSE(saveCurveCertificate(pair, folder.file("simfeed.cert"), false, &error))
        << "an existing key pair is never replaced silently";
    EXPECT_NE(error.find("already exists"), std::string::npos) << error;
}

TEST(CurveCertificate, ReadsCzmqStyleCertificates)
{
    // As czmq's zcert_save writes them, with metadata and comments.
    const std::string text = "#   ****  Generated on 2026-11-25 by CZMQ  ****\n"
                             "#   ZeroMQ CURVE **Secret** Certificate\n"
                             "\n"
                             "metadata\n"
                             "    name = \"Korea feed\"\n"
                             "curve\n"
                             "    public-key = \"rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7\"\n"
                             "    secret-key = \"JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6\"\n";
    std::string error;
    const auto certificate = parseCurveCertificate(text, &error);
    ASSERT_TRUE(certificate) << error;
    EXPECT_EQ(certificate->publicKey, "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7");
    EXPECT_TRUE(certificate->hasSecret());
}

struct MalformedCase
{
    const char *name;
    std::string text;
    const char *expectedWords;
};

void PrintTo(const MalformedCase &c, std::ostream *os)
{
    *os << c.name;
}

class MalformedCertificate : public ::testing::TestWithParam<MalformedCase>
{
};

TEST_P(MalformedCertificate, IsRefusedWithAReason)
{
    std::string error;
    EXPECT_FALSE(parseCurveCertificate(GetParam().text, &error));
    EXPECT_NE(error.find(GetParam().expectedWords), std::string::npos) << error;
}

const std::string kGoodPublic = "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7";
const std::string kGoodSecret = "JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6";
// The public key of a different pair (from the same RFC 26 test vectors).
const std::string kOtherPublic = "Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID";

INSTANTIATE_TEST_SUITE_P(
    Files, MalformedCertificate,
    ::testing::Values(
        MalformedCase {"Empty", "", "no curve public-key"},
        MalformedCase {"NoCurveSection", "metadata\n    public-key = \"" + kGoodPublic + "\"\n",
                       "no curve public-key"},
        MalformedCase {"ShortKey", "curve\n    public-key = \"abc\"\n", "40-character Z85"},
        MalformedCase {"BadCharacter",
                       "curve\n    public-key = \"" + kGoodPublic.substr(0, 39) + "~\"\n",
                       "40-character Z85"},
        MalformedCase {"SecretOfAnotherPair",
                       "curve\n    public-key = \"" + kOtherPublic + "\"\n    secret-key = \""
                           + kGoodSecret + "\"\n",
                       "does not belong"},
        MalformedCase {"BadSecret",
                       "curve\n    public-key = \"" + kGoodPublic
                           + "\"\n    secret-key = \"short\"\n",
                       "secret-key is not"},
        MalformedCase {"UnterminatedQuote", "curve\n    public-key = \"" + kGoodPublic + "\n",
                       "malformed value"},
        MalformedCase {"TabIndent", "curve\n\tpublic-key = \"" + kGoodPublic + "\"\n", "tabs"},
        MalformedCase {"OddIndent", "curve\n  public-key = \"" + kGoodPublic + "\"\n",
                       "multiple of 4"},
        MalformedCase {"TooDeep", "curve\n        public-key = \"" + kGoodPublic + "\"\n",
                       "deeper"},
        MalformedCase {"Binary", std::string("curve\n\0\x01\x02", 9), "not a text file"},
        MalformedCase {"NoEquals", "curve\n    public-key \"" + kGoodPublic + "\"\n",
                       "expected '='"}),
    [](const ::testing::TestParamInfo<MalformedCase> &info) { return info.param.name; });

TEST(CurveCertificate, MissingAndUnsafeFilesAreClearErrors)
{
    TemporaryFolder folder;
    std::string error;
    EXPECT_FALSE(loadCurveKeyPair(folder.file("absent.cert"), &error));
    EXPECT_NE(error.find("no such file"), std::string::npos) << error;

    // A public certificate whose secret twin is missing cannot identify this end.
    writeText(folder.file("public-only.cert"), "curve\n    public-key = \"" + kGoodPublic + "\"\n");
    EXPECT_FALSE(loadCurveKeyPair(folder.file("public-only.cert"), &error));
    EXPECT_NE(error.find("only a public key"), std::string::npos) << error;

    // A secret anyone may read is refused, as ssh refuses such a key.
    const CurveCertificate pair = newKeyPair();
    ASSERT_TRUE(saveCurveCertificate(pair, folder.file("open.cert"), false, &error)) << error;
    fs::permissions(folder.file("open.cert_secret"), fs::perms::others_read, fs::perm_options::add);
    EXPECT_FALSE(loadCurveKeyPair(folder.file("open.cert"), &error));
    EXPECT_NE(error.find("chmod 600"), std::string::npos) << error;

    writeText(folder.file("garbage.cert"), "this is not a certificate\n");
    EXPECT_FALSE(loadCurveCertificate(folder.file("garbage.cert"), &error));
    EXPECT_NE(error.find("garbage.cert"), std::string::npos) << "the error names the file";
}

TEST(CurveCertificate, AllowListFromAFolderSkipsSecretsAndFailsOnAMalformedFile)
{
    TemporaryFolder folder;
    const CurveCertificate viewer1 = newKeyPair();
    const CurveCertificate viewer2 = newKeyPair();
    std::string error;
    ASSERT_TRUE(saveCurveCertificate(viewer1, folder.file("viewer1.cert"), false, &error));
    ASSERT_TRUE(saveCurveCertificate(viewer2, folder.file("viewer2.cert"), false, &error));
    std::set<std::string> keys;
    ASSERT_TRUE(loadCurveAllowList(folder.path().string(), keys, &error)) << error;
    EXPECT_EQ(keys, (std::set<std::string> {viewer1.publicKey, viewer2.publicKey}));

    std::set<std::string> single;
    ASSERT_TRUE(loadCurveAllowList(folder.file("viewer2.cert"), single, &error)) << error;
    EXPECT_EQ(single, std::set<std::string> {viewer2.publicKey});

    writeText(folder.file("broken.cert"), "curve\n    public-key = \"nope\"\n");
    std::set<std::string> none;
    EXPECT_FALSE(loadCurveAllowList(folder.path().string(), none, &error));
    EXPECT_NE(error.find("broken.cert"), std::string::npos) << error;
}

// One CURVE publisher and the pieces to subscribe to it with various keys.
class CurveFeed : public ::testing::Test
{
protected:
    void SetUp() override
    {
        server = newKeyPair();
        trustedClient = newKeyPair();
        CurveServerOptions curve;
        curve.certificate = server;
        curve.allowedClientKeys = {trustedClient.publicKey};
        curve.log = [this](const std::string &line) {
            std::lock_guard lock(logMutex);
            log.push_back(line);
        };
        PublisherOptions options {{"tcp://127.0.0.1:*"}};
        options.curve = curve;
        publisher = std::make_unique<FeedPublisher>(publisherContext, options);
        std::string error;
        ASSERT_TRUE(publisher->start(&error)) << error;
        endpoint = publisher->lastEndpoint();
    }

    std::unique_ptr<FeedSubscriber> subscribe(std::optional<CurveCertificate> client,
                                              std::optional<std::string> serverKey)
    {
        SubscriberOptions options;
        options.endpoints = {endpoint};
        options.reconnectIntervalMs = 50;
        options.reconnectIntervalMaxMs = 200;
        options.clientCertificate = std::move(client);
        if (serverKey)
            options.serverPublicKeys[endpoint] = *serverKey;
        auto subscriber = std::make_unique<FeedSubscriber>(subscriberContext, options);
        subscriber->setWakeFunction([] {});
        std::string error;
        EXPECT_TRUE(subscriber->start(&error)) << error;
        return subscriber;
    }

    // Publishes heartbeats for `duration`, or until the subscriber has `wanted` messages.
    std::uint64_t publishFor(std::chrono::milliseconds duration, const FeedSubscriber &subscriber,
                             std::uint64_t wanted = ~0ull)
    {
        const auto deadline = std::chrono::steady_clock::now() + duration;
        while (std::chrono::steady_clock::now() < deadline
               && subscriber.counters().messagesAccepted.load() < wanted) {
            EXPECT_TRUE(publisher->publish(test::sampleHeartbeat(++sequence)));
            std::this_thread::sleep_for(10ms);
        }
        return subscriber.counters().messagesAccepted.load();
    }

    std::vector<std::string> logLines()
    {
        std::lock_guard lock(logMutex);
        return log;
    }

    // The log outlives the publisher, which still reports its totals as it stops.
    std::mutex logMutex;
    std::vector<std::string> log;
    // Separate contexts, as in separate processes: the ZAP handler belongs to the publisher's.
    zmq::context_t publisherContext {1};
    zmq::context_t subscriberContext {1};
    CurveCertificate server;
    CurveCertificate trustedClient;
    std::unique_ptr<FeedPublisher> publisher;
    std::string endpoint;
    std::uint64_t sequence = 0;
};

TEST_F(CurveFeed, AuthenticatedClientReceivesTheFeed)
{
    auto subscriber = subscribe(trustedClient, server.publicKey);
    EXPECT_GE(publishFor(5s, *subscriber, 20), 20u);
    const auto &zap = publisher->authenticator()->counters();
    EXPECT_GE(zap.accepted.load(), 1u);
    EXPECT_EQ(zap.refused.load(), 0u);
    EXPECT_EQ(subscriber->rejects().total(), 0u);
    EXPECT_EQ(subscriber->counters().handshakeFailures.load(), 0u);
}

TEST_F(CurveFeed, UnknownClientIsRefusedAndTheRefusalLogged)
{
    const CurveCertificate stranger = newKeyPair();
    auto subscriber = subscribe(stranger, server.publicKey);
    EXPECT_EQ(publishFor(1500ms, *subscriber), 0u) << "a key off the allow-list reads nothing";
    EXPECT_GE(publisher->authenticator()->counters().refused.load(), 1u);
    EXPECT_EQ(publisher->authenticator()->counters().accepted.load(), 0u);
    EXPECT_GE(subscriber->counters().authenticationFailures.load(), 1u)
        << "the client learns that it was refused";
    const auto lines = logLines();
    ASSERT_FALSE(lines.empty());
    EXPECT_NE(lines.front().find(stranger.publicKey), std::string::npos) << lines.front();
    EXPECT_NE(lines.front().find("not on the allow-list"), std::string::npos) << lines.front();

    // The trusted client still gets in alongside.
    auto trusted = subscribe(trustedClient, server.publicKey);
    EXPECT_GE(publishFor(5s, *trusted, 5), 5u);
    EXPECT_EQ(subscriber->counters().messagesAccepted.load(), 0u);
}

// A partner's new console is added to the allow-list folder while the publisher runs: it gets
// in without a restart. A malformed file dropped in later leaves the list as it was.
TEST(CurveAllowList, EditedListIsTakenUpWhileRunningAndABrokenEditIsIgnored)
{
    TemporaryFolder folder;
    const CurveCertificate server = newKeyPair();
    const CurveCertificate first = newKeyPair();
    const CurveCertificate later = newKeyPair();
    std::string error;
    ASSERT_TRUE(saveCurveCertificate(first, folder.file("first.cert"), false, &error)) << error;

    std::mutex logMutex;
    std::vector<std::string> log;
    CurveServerOptions curve;
    curve.certificate = server;
    ASSERT_TRUE(loadCurveAllowList(folder.path().string(), curve.allowedClientKeys, &error));
    curve.allowListPaths = {folder.path().string()};
    curve.log = [&](const std::string &line) {
        std::lock_guard lock(logMutex);
        log.push_back(line);
    };
    zmq::context_t publisherContext {1};
    zmq::context_t subscriberContext {1};
    PublisherOptions options {{"tcp://127.0.0.1:*"}};
    options.curve = curve;
    FeedPublisher publisher(publisherContext, options);
    ASSERT_TRUE(publisher.start(&error)) << error;
    const ZapAuthenticator &zap = *publisher.authenticator();
    EXPECT_EQ(zap.allowedKeyCount(), 1u);

    SubscriberOptions subscriberOptions;
    subscriberOptions.endpoints = {publisher.lastEndpoint()};
    subscriberOptions.reconnectIntervalMs = 50;
    subscriberOptions.reconnectIntervalMaxMs = 200;
    subscriberOptions.clientCertificate = later;
    subscriberOptions.serverPublicKeys[publisher.lastEndpoint()] = server.publicKey;
    FeedSubscriber subscriber(subscriberContext, subscriberOptions);
    subscriber.setWakeFunction([] {});
    ASSERT_TRUE(subscriber.start(&error)) << error;
    std::uint64_t sequence = 0;
    const auto publishUntil = [&](std::chrono::milliseconds duration, auto done) {
        const auto deadline = std::chrono::steady_clock::now() + duration;
        while (std::chrono::steady_clock::now() < deadline && !done()) {
            EXPECT_TRUE(publisher.publish(test::sampleHeartbeat(++sequence)));
            std::this_thread::sleep_for(10ms);
        }
        return done();
    };
    publishUntil(1500ms, [] { return false; });
    EXPECT_EQ(subscriber.counters().messagesAccepted.load(), 0u) << "not on the list yet";
    EXPECT_GE(zap.counters().refused.load(), 1u);

    // The key arrives; the console gets in within a few seconds, nobody restarted.
    ASSERT_TRUE(saveCurveCertificate(later, folder.file("later.cert"), false, &error)) << error;
    EXPECT_TRUE(publishUntil(15s, [&] { return subscriber.counters().messagesAccepted.load() >= 5; }))
        << "the edited allow-list was not taken up";
    EXPECT_EQ(zap.allowedKeyCount(), 2u);
    EXPECT_GE(zap.counters().allowListReloads.load(), 1u);

    // A broken file: logged, counted, the two keys still allowed.
    writeText(folder.file("broken.cert"), "curve\n    public-key = \"nope\"\n");
    EXPECT_TRUE(publishUntil(10s, [&] { return zap.counters().allowListReloadFailures.load() >= 1; }));
    EXPECT_EQ(zap.allowedKeyCount(), 2u);
    std::lock_guard lock(logMutex);
    EXPECT_TRUE(anyLineHas(log, "allow-list reloaded: 2 keys"));
    EXPECT_TRUE(anyLineHas(log, "broken.cert"));
}

TEST_F(CurveFeed, ClientWithTheWrongServerKeyGetsNothing)
{
    // An impostor's key: the handshake's cryptography fails before the allow-list is asked.
    const CurveCertificate impostor = newKeyPair();
    auto subscriber = subscribe(trustedClient, impostor.publicKey);
    EXPECT_EQ(publishFor(1500ms, *subscriber), 0u);
    EXPECT_GE(publisher->authenticator()->counters().handshakeFailures.load(), 1u);
    EXPECT_EQ(publisher->authenticator()->counters().accepted.load(), 0u);
    const auto lines = logLines();
    ASSERT_FALSE(lines.empty());
    EXPECT_TRUE(anyLineHas(lines, "wrong server key")) << lines.front();
}

TEST_F(CurveFeed, PlainClientGetsNothing)
{
    auto subscriber = subscribe(std::nullopt, std::nullopt);
    EXPECT_EQ(publishFor(1500ms, *subscriber), 0u);
    EXPECT_GE(publisher->authenticator()->counters().handshakeFailures.load(), 1u);
    const auto lines = logLines();
    ASSERT_FALSE(lines.empty());
    // Which end notices first depends on timing: the publisher reads the client's NULL
    // greeting, or the client hangs up on the publisher's CURVE greeting first.
    EXPECT_TRUE(anyLineHas(lines, "does not use CURVE") || anyLineHas(lines, "may not use CURVE"))
        << lines.front();
}

TEST_F(CurveFeed, OversizedMessageIsRefusedBySocketAndTheFeedResumes)
{
    auto subscriber = subscribe(trustedClient, server.publicKey);
    ASSERT_GE(publishFor(5s, *subscriber, 1), 1u);
    const auto disconnectsBefore = subscriber->counters().disconnects.load();
    ASSERT_TRUE(
        publisher->publishFrames("heartbeat.JP.JP-JADGE", std::string(kMaxMessageBytes + 1, 'x')));
    const auto before = subscriber->counters().messagesAccepted.load();
    EXPECT_GT(publishFor(10s, *subscriber, before + 5), before)
        << "the subscriber reconnects (and re-authenticates) after the refusal";
    EXPECT_GT(subscriber->counters().disconnects.load(), disconnectsBefore)
        << "ZMQ_MAXMSGSIZE dropped the connection carrying the oversized frame";
    EXPECT_EQ(subscriber->counters().framesReceived.load(),
              subscriber->counters().messagesAccepted.load())
        << "the oversized frame never reached the decoder";
}

TEST_F(CurveFeed, LargestAllowedPayloadStillPassesUnderCurve)
{
    // CURVE wraps each frame in a box with nonce, MAC and command name; the socket's size
    // limit must leave room for that, or a payload the protocol allows would cut the link.
    auto subscriber = subscribe(trustedClient, server.publicKey);
    ASSERT_GE(publishFor(5s, *subscriber, 1), 1u);
    const auto disconnectsBefore = subscriber->counters().disconnects.load();
    const auto framesBefore = subscriber->counters().framesReceived.load();
    ASSERT_TRUE(
        publisher->publishFrames("heartbeat.JP.JP-JADGE", std::string(kMaxPayloadBytes, 'x')));
    const auto deadline = std::chrono::steady_clock::now() + 3s;
    // Both counts: the frame is counted as received before the decoder has refused it.
    while ((subscriber->counters().framesReceived.load() == framesBefore
            || subscriber->rejects().total() == 0)
           && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(10ms);
    EXPECT_EQ(subscriber->counters().framesReceived.load(), framesBefore + 1)
        << "the frame reached the decoder";
    EXPECT_EQ(subscriber->counters().disconnects.load(), disconnectsBefore);
    EXPECT_EQ(subscriber->rejects().total(), 1u)
        << "x's are no feed message: refused by the decoder, and counted";
}

// One console, two publishers with keys of their own on one SUB socket. The first endpoint is
// cut (an oversized frame) and must reconnect with its own server key, not the one set last.
TEST(CurveSubscriber, TwoPublishersWithTheirOwnKeysAndAReconnect)
{
    const CurveCertificate client = newKeyPair();
    zmq::context_t contextA(1);
    zmq::context_t contextB(1);
    std::vector<std::unique_ptr<FeedPublisher>> publishers;
    std::vector<CurveCertificate> servers;
    SubscriberOptions options;
    options.reconnectIntervalMs = 50;
    options.reconnectIntervalMaxMs = 200;
    options.clientCertificate = client;
    for (zmq::context_t *context : {&contextA, &contextB}) {
        servers.push_back(newKeyPair());
        PublisherOptions publisherOptions {{"tcp://127.0.0.1:*"}};
        publisherOptions.curve
            = CurveServerOptions {servers.back(), {client.publicKey}, [](const std::string &) {}};
        publishers.push_back(std::make_unique<FeedPublisher>(*context, publisherOptions));
        std::string error;
        ASSERT_TRUE(publishers.back()->start(&error)) << error;
        options.endpoints.push_back(publishers.back()->lastEndpoint());
        options.serverPublicKeys[options.endpoints.back()] = servers.back().publicKey;
    }
    zmq::context_t context(1);
    FeedSubscriber subscriber(context, options);
    std::atomic<std::uint64_t> fromA {0};
    std::atomic<std::uint64_t> fromB {0};
    subscriber.setAcceptedFrameFunction(
        [&](std::string_view, std::string_view, const FeedMessage &m) {
            (m.header.sourceId == "SOURCE-A" ? fromA : fromB).fetch_add(1);
        });
    subscriber.setWakeFunction([] {});
    ASSERT_TRUE(subscriber.start());

    std::uint64_t sequence = 0;
    const auto publishUntil = [&](std::uint64_t wantA, std::uint64_t wantB) {
        const auto deadline = std::chrono::steady_clock::now() + 10s;
        while ((fromA.load() < wantA || fromB.load() < wantB)
               && std::chrono::steady_clock::now() < deadline) {
            FeedMessage a = test::sampleHeartbeat(++sequence);
            a.header.sourceId = "SOURCE-A";
            FeedMessage b = a;
            b.header.sourceId = "SOURCE-B";
            publishers[0]->publish(a);
            publishers[1]->publish(b);
            std::this_thread::sleep_for(10ms);
            FeedBatch discard;
            subscriber.takeBatch(discard);
        }
    };
    publishUntil(3, 3);
    ASSERT_GE(fromA.load(), 3u);
    ASSERT_GE(fromB.load(), 3u);
    const auto disconnects = subscriber.counters().disconnects.load();
    publishers[0]->publishFrames("heartbeat.JP.SOURCE-A", std::string(kMaxMessageBytes + 100, 'x'));
    const std::uint64_t aBefore = fromA.load();
    publishUntil(aBefore + 3, fromB.load() + 3);
    EXPECT_GT(subscriber.counters().disconnects.load(), disconnects);
    EXPECT_GE(fromA.load(), aBefore + 3) << "publisher A is heard again after the reconnect";
    EXPECT_EQ(subscriber.counters().handshakeFailures.load(), 0u)
        << "every (re)connect used its own publisher's key";
    EXPECT_EQ(publishers[0]->authenticator()->counters().handshakeFailures.load(), 0u);
    EXPECT_GE(publishers[0]->authenticator()->counters().accepted.load(), 2u) << "connected twice";
    subscriber.stop();
}

TEST(CurveSubscriber, UnusableKeysAreRefusedAtStart)
{
    zmq::context_t context(1);
    const CurveCertificate client = newKeyPair();
    SubscriberOptions options;
    options.endpoints = {"tcp://127.0.0.1:5999"};
    options.serverPublicKeys["tcp://127.0.0.1:5999"] = "not a key";
    options.clientCertificate = client;
    std::string error;
    EXPECT_FALSE(FeedSubscriber(context, options).start(&error));
    EXPECT_NE(error.find("not a Z85 CURVE key"), std::string::npos) << error;

    options.serverPublicKeys["tcp://127.0.0.1:5999"] = client.publicKey;
    options.clientCertificate->secretKey.clear();
    EXPECT_FALSE(FeedSubscriber(context, options).start(&error));
    EXPECT_NE(error.find("key pair"), std::string::npos) << error;
}

TEST(CurvePublisher, NeedsItsSecretKeyAndOneAuthenticatorPerContext)
{
    zmq::context_t context(1);
    PublisherOptions options {{"tcp://127.0.0.1:*"}};
    options.curve = CurveServerOptions {};
    options.curve->certificate.publicKey = newKeyPair().publicKey;
    std::string error;
    EXPECT_FALSE(FeedPublisher(context, options).start(&error));
    EXPECT_NE(error.find("secret key"), std::string::npos) << error;

    options.curve->certificate = newKeyPair();
    FeedPublisher first(context, options);
    ASSERT_TRUE(first.start(&error)) << error;
    FeedPublisher second(context, options);
    EXPECT_FALSE(second.start(&error));
    EXPECT_NE(error.find("zeromq.zap.01"), std::string::npos) << error;
}

} // namespace
} // namespace cop::net
