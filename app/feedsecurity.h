// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/curvecertificate.h"
#include "net/feedpublisher.h"
#include "net/feedsubscriber.h"

#include <QCommandLineOption>
#include <QList>
#include <QString>
#include <QStringList>

#include <map>
#include <optional>
#include <string>

class QCommandLineParser;

namespace cop {

// How a program's feed sockets are secured, read from its command line (and optionally a
// security file): CURVE keys, or plain connections that the operator asked for explicitly.
// Endpoints inside the process (inproc://, the viewer's demo) carry no network traffic and
// need neither.
struct FeedSecurity
{
    bool insecure = false; // --insecure: plain ZeroMQ on the network endpoints
    // Subscribers: this end's key pair and each endpoint's publisher key (Z85).
    std::optional<net::CurveCertificate> clientCertificate;
    std::map<std::string, std::string> serverPublicKeys;
    // Publishers: their key pair and the clients they let in.
    std::optional<net::CurveServerOptions> server;

    bool curve() const { return clientCertificate.has_value() || server.has_value(); }
    void applyTo(net::SubscriberOptions &options) const;
    void applyTo(net::PublisherOptions &options) const;
};

enum class SecurityRole { Publisher, Subscriber };

// The options of one role: publishers take --cert and --allow, subscribers --client-cert and
// --server-key; both take --insecure and --security FILE.
QList<QCommandLineOption> securityCommandLineOptions(SecurityRole role);

// Reads the keys the options name and checks that the endpoints are covered: without keys
// and without --insecure, a network endpoint is refused. nullopt with a message (the
// programs exit with status 2). program names the log lines of a publisher's refusals.
std::optional<FeedSecurity> readFeedSecurity(const QCommandLineParser &parser, SecurityRole role,
                                             const QStringList &endpoints, const QString &program,
                                             QString *error);

// True for endpoints that leave the process (tcp://, ipc://).
bool isNetworkEndpoint(const QString &endpoint);

} // namespace cop
