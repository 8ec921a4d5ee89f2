// SPDX-License-Identifier: GPL-3.0-or-later
#include "feedsecurity.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QSettings>

#include <cstdio>

namespace cop {

namespace {

const QString kInsecure = QStringLiteral("insecure");
const QString kSecurityFile = QStringLiteral("security");
const QString kCert = QStringLiteral("cert");
const QString kAllow = QStringLiteral("allow");
const QString kClientCert = QStringLiteral("client-cert");
const QString kServerKey = QStringLiteral("server-key");

// What the command line and the security file say, before any key is read.
struct SecuritySettings
{
    bool insecure = false;
    QString cert;
    QStringList allow;
    QString clientCert;
    QStringList serverKeys;
};

// A security file holds the same names as the options, e.g. "client-cert = keys/viewer.cert";
// relative paths are relative to the file, so a folder of keys and its file travel together.
bool readSecurityFile(const QString &path, SecurityRole role, SecuritySettings &settings,
                      QString *error)
{
    if (!QFileInfo(path).isFile()) {
        *error = QStringLiteral("security file %1: no such file").arg(path);
        return false;
    }
    QSettings file(path, QSettings::IniFormat);
    if (file.status() != QSettings::NoError) {
        *error = QStringLiteral("security file %1: not an INI file").arg(path);
        return false;
    }
    const QStringList known = role == SecurityRole::Publisher
        ? QStringList {kInsecure, kCert, kAllow}
        : QStringList {kInsecure, kClientCert, kServerKey};
    for (const QString &key : file.allKeys()) {
        if (!known.contains(key)) {
            *error = QStringLiteral("security file %1: unknown setting '%2' (expected one of %3)")
                         .arg(path, key, known.join(QStringLiteral(", ")));
            return false;
        }
    }
    const QDir base = QFileInfo(path).absoluteDir();
    const auto resolve = [&](const QString &value) {
        return value.isEmpty() ? value : base.absoluteFilePath(value.trimmed());
    };
    const auto resolveAll = [&](const QStringList &values) {
        QStringList out;
        for (const QString &value : values)
            out << resolve(value);
        return out;
    };
    const QString insecure = file.value(kInsecure, QStringLiteral("false")).toString();
    if (insecure != QLatin1String("true") && insecure != QLatin1String("false")) {
        *error = QStringLiteral("security file %1: insecure takes true or false").arg(path);
        return false;
    }
    settings.insecure = insecure == QLatin1String("true");
    settings.cert = resolve(file.value(kCert).toString());
    settings.allow = resolveAll(file.value(kAllow).toStringList());
    settings.clientCert = resolve(file.value(kClientCert).toString());
    settings.serverKeys = resolveAll(file.value(kServerKey).toStringList());
    return true;
}

QStringList networkEndpoints(const QStringList &endpoints)
{
    QStringList out;
    for (const QString &endpoint : endpoints) {
        if (isNetworkEndpoint(endpoint))
            out << endpoint;
    }
    return out;
}

} // namespace

bool isNetworkEndpoint(const QString &endpoint)
{
    return !endpoint.startsWith(QLatin1String("inproc://"));
}

void FeedSecurity::applyTo(net::SubscriberOptions &options) const
{
    options.clientCertificate = clientCertificate;
    options.serverPublicKeys = serverPublicKeys;
}

void FeedSecurity::applyTo(net::PublisherOptions &options) const
{
    options.curve = server;
}

QList<QCommandLineOption> securityCommandLineOptions(SecurityRole role)
{
    QList<QCommandLineOption> options;
    if (role == SecurityRole::Publisher) {
        options << QCommandLineOption(
            kCert,
            QStringLiteral("This publisher's CURVE key pair (a certificate "
                           "from cop-keygen; its _secret twin is read)."),
            QStringLiteral("file"))
                << QCommandLineOption(kAllow,
                                      QStringLiteral("Client certificates allowed to subscribe: a "
                                                     "file, or a folder of them (repeatable)."),
                                      QStringLiteral("file|folder"));
    } else {
        options << QCommandLineOption(kClientCert,
                                      QStringLiteral("This client's CURVE key pair (a certificate "
                                                     "from cop-keygen; its _secret twin is read)."),
                                      QStringLiteral("file"))
                << QCommandLineOption(kServerKey,
                                      QStringLiteral("The publisher's public certificate: one for "
                                                     "every --connect, or one per --connect in "
                                                     "order (repeatable)."),
                                      QStringLiteral("file"));
    }
    options << QCommandLineOption(
        kSecurityFile,
        QStringLiteral("Read these settings from an INI file (command-line "
                       "options win); see docs/security.md."),
        QStringLiteral("file"))
            << QCommandLineOption(kInsecure,
                                  QStringLiteral("Allow plain, unauthenticated, unencrypted "
                                                 "connections on the network."));
    return options;
}

std::optional<FeedSecurity> readFeedSecurity(const QCommandLineParser &parser, SecurityRole role,
                                             const QStringList &endpoints, const QString &program,
                                             QString *error)
{
    const auto fail = [error](const QString &why) -> std::optional<FeedSecurity> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    SecuritySettings settings;
    QString why;
    if (parser.isSet(kSecurityFile)
        && !readSecurityFile(parser.value(kSecurityFile), role, settings, &why))
        return fail(why);
    if (parser.isSet(kInsecure))
        settings.insecure = true;
    const bool publisher = role == SecurityRole::Publisher;
    if (publisher) {
        if (parser.isSet(kCert))
            settings.cert = parser.value(kCert);
        if (parser.isSet(kAllow))
            settings.allow = parser.values(kAllow);
    } else {
        if (parser.isSet(kClientCert))
            settings.clientCert = parser.value(kClientCert);
        if (parser.isSet(kServerKey))
            settings.serverKeys = parser.values(kServerKey);
    }

    FeedSecurity security;
    security.insecure = settings.insecure;
    const bool keysGiven = publisher
        ? (!settings.cert.isEmpty() || !settings.allow.isEmpty())
        : (!settings.clientCert.isEmpty() || !settings.serverKeys.isEmpty());
    const QStringList network = networkEndpoints(endpoints);
    if (keysGiven && settings.insecure)
        return fail(QStringLiteral("--insecure contradicts the CURVE keys given"));
    if (!keysGiven) {
        if (!network.isEmpty() && !settings.insecure) {
            return fail(
                publisher ? QStringLiteral("refusing to publish in clear on %1: give --cert FILE "
                                           "and --allow FILE|FOLDER (see docs/security.md), or "
                                           "--insecure")
                                .arg(network.join(QStringLiteral(", ")))
                          : QStringLiteral("refusing to connect in clear to %1: give --client-cert "
                                           "FILE and --server-key FILE (see docs/security.md), or "
                                           "--insecure")
                                .arg(network.join(QStringLiteral(", "))));
        }
        return security;
    }

    std::string reason;
    if (publisher) {
        if (settings.cert.isEmpty())
            return fail(QStringLiteral("--allow needs --cert FILE, the publisher's own key pair"));
        if (settings.allow.isEmpty())
            return fail(QStringLiteral("--cert needs --allow FILE|FOLDER: with no client allowed, "
                                       "nobody could subscribe"));
        auto certificate = net::loadCurveKeyPair(settings.cert.toStdString(), &reason);
        if (!certificate)
            return fail(QStringLiteral("bad --cert: %1").arg(QString::fromStdString(reason)));
        net::CurveServerOptions server;
        server.certificate = std::move(*certificate);
        for (const QString &allow : settings.allow) {
            if (!net::loadCurveAllowList(allow.toStdString(), server.allowedClientKeys, &reason))
                return fail(QStringLiteral("bad --allow: %1").arg(QString::fromStdString(reason)));
            server.allowListPaths.push_back(allow.toStdString());
        }
        const std::string prefix = program.toStdString() + ": ";
        server.log = [prefix](const std::string &line) {
            std::fprintf(stderr, "%sSECURITY: %s\n", prefix.c_str(), line.c_str());
            std::fflush(stderr);
        };
        security.server = std::move(server);
        return security;
    }

    if (settings.clientCert.isEmpty())
        return fail(
            QStringLiteral("--server-key needs --client-cert FILE, this client's key pair"));
    if (settings.serverKeys.isEmpty())
        return fail(QStringLiteral("--client-cert needs --server-key FILE, the publisher's public "
                                   "certificate"));
    if (settings.serverKeys.size() != 1 && settings.serverKeys.size() != network.size()) {
        return fail(QStringLiteral("give one --server-key for all %1 network endpoints, or one per "
                                   "--connect in order (%2 given)")
                        .arg(network.size())
                        .arg(settings.serverKeys.size()));
    }
    auto certificate = net::loadCurveKeyPair(settings.clientCert.toStdString(), &reason);
    if (!certificate)
        return fail(QStringLiteral("bad --client-cert: %1").arg(QString::fromStdString(reason)));
    security.clientCertificate = std::move(*certificate);
    std::vector<std::string> keys;
    for (const QString &file : settings.serverKeys) {
        const auto serverCertificate = net::loadCurveCertificate(file.toStdString(), &reason);
        if (!serverCertificate)
            return fail(QStringLiteral("bad --server-key: %1").arg(QString::fromStdString(reason)));
        keys.push_back(serverCertificate->publicKey);
    }
    for (qsizetype i = 0; i < network.size(); ++i)
        security.serverPublicKeys[network.at(i).toStdString()]
            = keys.size() == 1 ? keys.front() : keys.at(static_cast<std::size_t>(i));
    return security;
}

} // namespace cop
