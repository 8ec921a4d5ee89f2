// SPDX-License-Identifier: GPL-3.0-or-later
// cop-keygen: makes a CurveZMQ key pair for a publisher or a console, in ZeroMQ's certificate
// format: FILE (the public certificate, to hand to the other side) and FILE_secret (mode 0600,
// stays here).
#include "net/curvecertificate.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <zmq.h>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("cop-keygen"));
    QCoreApplication::setApplicationVersion(QStringLiteral(COP_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Writes a new CurveZMQ key pair: FILE, the public certificate to give to the other side "
        "(a publisher's to its consoles, a console's to the publishers' allow-lists), and "
        "FILE_secret, readable by you only."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption forceOption(QStringLiteral("force"),
                                         QStringLiteral("Replace an existing key pair."));
    parser.addOption(forceOption);
    parser.addPositionalArgument(
        QStringLiteral("file"),
        QStringLiteral("The public certificate to write, e.g. keys/viewer-tokyo.cert."));
    parser.process(app);

    if (parser.positionalArguments().size() != 1) {
        std::fprintf(stderr, "cop-keygen: give exactly one FILE\n\n%s",
                     qPrintable(parser.helpText()));
        return 2;
    }
    if (!zmq_has("curve")) {
        std::fprintf(stderr, "cop-keygen: this ZeroMQ library was built without CURVE\n");
        return 1;
    }
    const auto certificate = cop::net::generateCurveCertificate();
    if (!certificate) {
        std::fprintf(stderr, "cop-keygen: cannot generate a key pair\n");
        return 1;
    }
    const QString file = parser.positionalArguments().constFirst();
    // A keys/ folder made here holds secrets: owner only.
    const QString folder = QFileInfo(file).absolutePath();
    if (!QDir(folder).exists()) {
        if (!QDir().mkpath(folder)) {
            std::fprintf(stderr, "cop-keygen: cannot create the folder %s\n", qPrintable(folder));
            return 1;
        }
        QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    const std::string path = file.toStdString();
    std::string error;
    if (!cop::net::saveCurveCertificate(*certificate, path, parser.isSet(forceOption), &error)) {
        std::fprintf(stderr, "cop-keygen: %s\n", error.c_str());
        return 1;
    }
    std::printf("public certificate: %s\nsecret certificate: %s%s (mode 0600)\npublic key: %s\n",
                path.c_str(), path.c_str(), std::string(cop::net::kSecretCertificateSuffix).c_str(),
                certificate->publicKey.c_str());
    return 0;
}
