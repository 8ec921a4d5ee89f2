// SPDX-License-Identifier: GPL-3.0-or-later
// CURVE as an operator runs it: cop-keygen makes the keys, cop-simfeed publishes with an
// allow-list, cop-tap and cop-monitor subscribe with keys; strangers get nothing and the
// publisher says so on stderr. Separate processes on tcp loopback.
#include "app/publisherprocess.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace {

using cop::test::startPublisher;

// Runs cop-keygen for FILE; empty on success, else its stderr.
std::string keygen(const QString &file, const QStringList &extra = {})
{
    QProcess process;
    process.start(QStringLiteral(COP_KEYGEN_PATH), QStringList {file} + extra);
    if (!process.waitForFinished(10000))
        return "cop-keygen did not finish";
    if (process.exitCode() != 0)
        return "exit " + std::to_string(process.exitCode()) + ": "
            + process.readAllStandardError().toStdString();
    return {};
}

class SecureTools : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        QDir(dir.path()).mkpath(QStringLiteral("consoles"));
        for (const QString &name :
             {QStringLiteral("simfeed.cert"), QStringLiteral("consoles/tap.cert"),
              QStringLiteral("consoles/monitor.cert"), QStringLiteral("stranger.cert")})
            ASSERT_EQ(keygen(path(name)), "");
    }

    QString path(const QString &name) const { return dir.filePath(name); }

    QString startSecureSimFeed(QProcess &simfeed)
    {
        return startPublisher(simfeed, QStringLiteral(COP_SIMFEED_PATH),
                              {QStringLiteral("--bind"), QStringLiteral("tcp://127.0.0.1:*"),
                               QStringLiteral("--cert"), path(QStringLiteral("simfeed.cert")),
                               QStringLiteral("--allow"), path(QStringLiteral("consoles")),
                               QStringLiteral("--duration"), QStringLiteral("30")});
    }

    QTemporaryDir dir;
};

TEST_F(SecureTools, KeygenWritesAPublicAndAPrivateSecretCertificate)
{
    const QFileInfo publicFile(path(QStringLiteral("simfeed.cert")));
    const QFileInfo secretFile(path(QStringLiteral("simfeed.cert_secret")));
    ASSERT_TRUE(publicFile.exists());
    ASSERT_TRUE(secretFile.exists());
    EXPECT_EQ(secretFile.permissions()
                  & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
              QFile::Permissions())
        << "the secret certificate is for its owner only";
    QFile text(publicFile.filePath());
    ASSERT_TRUE(text.open(QIODevice::ReadOnly));
    const QByteArray content = text.readAll();
    EXPECT_TRUE(content.contains("curve\n    public-key = \"")) << content.toStdString();
    EXPECT_FALSE(content.contains("secret-key"));

    EXPECT_NE(keygen(path(QStringLiteral("simfeed.cert"))), "") << "no silent overwrite";
    EXPECT_EQ(keygen(path(QStringLiteral("simfeed.cert")), {QStringLiteral("--force")}), "");
}

TEST_F(SecureTools, AllowedTapReadsTheFeedAndAStrangerIsRefusedAndLogged)
{
    QProcess simfeed;
    const QString endpoint = startSecureSimFeed(simfeed);
    ASSERT_FALSE(endpoint.isEmpty()) << simfeed.readAllStandardError().toStdString();

    QProcess tap;
    tap.start(QStringLiteral(COP_TAP_PATH),
              {QStringLiteral("--connect"), endpoint, QStringLiteral("--server-key"),
               path(QStringLiteral("simfeed.cert")), QStringLiteral("--client-cert"),
               path(QStringLiteral("consoles/tap.cert")), QStringLiteral("--count"),
               QStringLiteral("20"), QStringLiteral("--duration"), QStringLiteral("15")});
    QProcess stranger;
    stranger.start(QStringLiteral(COP_TAP_PATH),
                   {QStringLiteral("--connect"), endpoint, QStringLiteral("--server-key"),
                    path(QStringLiteral("simfeed.cert")), QStringLiteral("--client-cert"),
                    path(QStringLiteral("stranger.cert")), QStringLiteral("--duration"),
                    QStringLiteral("3")});
    QProcess plain;
    plain.start(QStringLiteral(COP_TAP_PATH),
                {QStringLiteral("--connect"), endpoint, QStringLiteral("--insecure"),
                 QStringLiteral("--duration"), QStringLiteral("3")});

    ASSERT_TRUE(tap.waitForFinished(20000));
    EXPECT_EQ(tap.exitCode(), 0) << tap.readAllStandardError().toStdString();
    EXPECT_EQ(tap.readAllStandardOutput().count('\n'), 20) << "the allowed console reads the feed";

    ASSERT_TRUE(stranger.waitForFinished(10000));
    EXPECT_EQ(stranger.readAllStandardOutput(), QByteArray()) << "a stranger reads nothing";
    const QByteArray strangerErr = stranger.readAllStandardError();
    EXPECT_TRUE(strangerErr.contains("refused by the publisher")) << strangerErr.toStdString();

    ASSERT_TRUE(plain.waitForFinished(10000));
    EXPECT_EQ(plain.readAllStandardOutput(), QByteArray()) << "a plain client reads nothing";

    simfeed.terminate();
    ASSERT_TRUE(simfeed.waitForFinished(5000));
    const QByteArray log = simfeed.readAllStandardError();
    EXPECT_TRUE(log.contains("CURVE, 2 clients allowed")) << log.toStdString();
    EXPECT_TRUE(log.contains("SECURITY: refused client")) << log.toStdString();
    EXPECT_TRUE(log.contains("not on the allow-list")) << log.toStdString();
    EXPECT_TRUE(log.contains("does not use CURVE") || log.contains("may not use CURVE"))
        << log.toStdString();
    EXPECT_TRUE(log.contains("clients accepted 1,")) << log.toStdString();
}

TEST_F(SecureTools, SecurityFileConfiguresTheMonitor)
{
    QProcess simfeed;
    const QString endpoint = startSecureSimFeed(simfeed);
    ASSERT_FALSE(endpoint.isEmpty()) << simfeed.readAllStandardError().toStdString();
    // Paths relative to the file's folder.
    QFile settings(path(QStringLiteral("monitor.ini")));
    ASSERT_TRUE(settings.open(QIODevice::WriteOnly));
    settings.write("client-cert = consoles/monitor.cert\nserver-key = simfeed.cert\n");
    settings.close();

    QProcess monitor;
    monitor.start(QStringLiteral(COP_MONITOR_PATH),
                  {QStringLiteral("--connect"), endpoint, QStringLiteral("--security"),
                   path(QStringLiteral("monitor.ini")), QStringLiteral("--duration"),
                   QStringLiteral("4")});
    ASSERT_TRUE(monitor.waitForFinished(20000));
    const QByteArray err = monitor.readAllStandardError();
    EXPECT_EQ(monitor.exitCode(), 0) << err.toStdString();
    EXPECT_FALSE(err.contains(" 0 messages")) << err.toStdString();
    EXPECT_FALSE(err.contains("INSECURE")) << err.toStdString();
    simfeed.terminate();
    ASSERT_TRUE(simfeed.waitForFinished(5000));
}

struct RefusalCase
{
    const char *name;
    const char *program;
    QStringList arguments; // KEYS/ is replaced by the test's key folder
    const char *message;
};

void PrintTo(const RefusalCase &c, std::ostream *os)
{
    *os << c.name;
}

class SecureToolsRefuse : public SecureTools, public ::testing::WithParamInterface<RefusalCase>
{
};

TEST_P(SecureToolsRefuse, ToStartWithExitCodeTwoAndAReason)
{
    QFile garbage(path(QStringLiteral("garbage.cert")));
    ASSERT_TRUE(garbage.open(QIODevice::WriteOnly));
    garbage.write("curve\n    public-key = \"tooshort\"\n");
    garbage.close();
    QStringList arguments = GetParam().arguments;
    arguments.replaceInStrings(QStringLiteral("KEYS/"), dir.path() + QLatin1Char('/'));
    QProcess process;
    process.start(QString::fromUtf8(GetParam().program), arguments);
    ASSERT_TRUE(process.waitForFinished(10000));
    EXPECT_EQ(process.exitCode(), 2);
    const QByteArray err = process.readAllStandardError();
    EXPECT_TRUE(err.contains(GetParam().message)) << err.toStdString();
}

const QString kTcp = QStringLiteral("tcp://127.0.0.1:5999");

INSTANTIATE_TEST_SUITE_P(
    Cases, SecureToolsRefuse,
    ::testing::Values(
        RefusalCase {"PlainPublisher",
                     COP_SIMFEED_PATH,
                     {QStringLiteral("--bind"), kTcp},
                     "refusing to publish in clear"},
        RefusalCase {"PlainTap",
                     COP_TAP_PATH,
                     {QStringLiteral("--connect"), kTcp},
                     "refusing to connect in clear"},
        RefusalCase {"PlainMonitor",
                     COP_MONITOR_PATH,
                     {QStringLiteral("--connect"), kTcp},
                     "refusing to connect in clear"},
        RefusalCase {"PlainViewer",
                     COP_VIEWER_PATH,
                     {QStringLiteral("--connect"), kTcp},
                     "refusing to connect in clear"},
        RefusalCase {"CertWithoutAllow",
                     COP_SIMFEED_PATH,
                     {QStringLiteral("--bind"), kTcp, QStringLiteral("--cert"),
                      QStringLiteral("KEYS/simfeed.cert")},
                     "--cert needs --allow"},
        RefusalCase {"MissingCert",
                     COP_SIMFEED_PATH,
                     {QStringLiteral("--bind"), kTcp, QStringLiteral("--cert"),
                      QStringLiteral("KEYS/absent.cert"), QStringLiteral("--allow"),
                      QStringLiteral("KEYS/consoles")},
                     "no such file"},
        RefusalCase {"MalformedAllow",
                     COP_SIMFEED_PATH,
                     {QStringLiteral("--bind"), kTcp, QStringLiteral("--cert"),
                      QStringLiteral("KEYS/simfeed.cert"), QStringLiteral("--allow"),
                      QStringLiteral("KEYS/garbage.cert")},
                     "40-character Z85"},
        RefusalCase {"MalformedServerKey",
                     COP_TAP_PATH,
                     {QStringLiteral("--connect"), kTcp, QStringLiteral("--server-key"),
                      QStringLiteral("KEYS/garbage.cert"), QStringLiteral("--client-cert"),
                      QStringLiteral("KEYS/consoles/tap.cert")},
                     "bad --server-key"},
        RefusalCase {"ServerKeyWithoutClientCert",
                     COP_MONITOR_PATH,
                     {QStringLiteral("--connect"), kTcp, QStringLiteral("--server-key"),
                      QStringLiteral("KEYS/simfeed.cert")},
                     "needs --client-cert"},
        RefusalCase {"KeysAndInsecure",
                     COP_VIEWER_PATH,
                     {QStringLiteral("--connect"), kTcp, QStringLiteral("--insecure"),
                      QStringLiteral("--server-key"), QStringLiteral("KEYS/simfeed.cert"),
                      QStringLiteral("--client-cert"), QStringLiteral("KEYS/consoles/tap.cert")},
                     "contradicts"},
        RefusalCase {"WrongServerKeyCount",
                     COP_TAP_PATH,
                     {QStringLiteral("--connect"), kTcp, QStringLiteral("--connect"),
                      QStringLiteral("tcp://127.0.0.1:5998"), QStringLiteral("--connect"),
                      QStringLiteral("tcp://127.0.0.1:5997"), QStringLiteral("--server-key"),
                      QStringLiteral("KEYS/simfeed.cert"), QStringLiteral("--server-key"),
                      QStringLiteral("KEYS/simfeed.cert"), QStringLiteral("--client-cert"),
                      QStringLiteral("KEYS/consoles/tap.cert")},
                     "one per --connect"},
        RefusalCase {"UnknownSecuritySetting",
                     COP_TAP_PATH,
                     {QStringLiteral("--connect"), kTcp, QStringLiteral("--security"),
                      QStringLiteral("KEYS/simfeed.cert")},
                     "unknown setting"}),
    [](const ::testing::TestParamInfo<RefusalCase> &info) { return std::string(info.param.name); });

} // namespace
