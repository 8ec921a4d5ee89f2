// SPDX-License-Identifier: GPL-3.0-or-later
#include "replayexports.h"

#include "app/sessiontimeargument.h"
#include "core/sessionreader.h"
#include "net/rangeexport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>

#include <cstdio>

namespace cop {

ReplayExports::ReplayExports()
    : m_range(QStringLiteral("export-range"),
              QStringLiteral("Cut the range FROM/TO into a new session file (--out). Each end is "
                             "a UTC time (2023-07-12T01:02:03Z) or seconds from the session's "
                             "first message (90.5). Both ends are included."),
              QStringLiteral("from/to"))
    , m_out(QStringLiteral("out"), QStringLiteral("The session file --export-range writes."),
            QStringLiteral("file"))
{ }

QList<QCommandLineOption> ReplayExports::options() const
{
    return {m_range, m_out};
}

bool ReplayExports::requested(const QCommandLineParser &parser) const
{
    return parser.isSet(m_range);
}

int ReplayExports::run(const QCommandLineParser &parser, const QString &session, QString *why) const
{
    if (parser.isSet(m_out) && !parser.isSet(m_range)) {
        *why = QStringLiteral("--out names the file of --export-range; give both");
        return 2;
    }
    if (!parser.isSet(m_range))
        return 0;
    if (!parser.isSet(m_out) || parser.value(m_out).isEmpty()) {
        *why = QStringLiteral("--export-range needs --out FILE, the new session file");
        return 2;
    }
    // The session's start anchors times given in seconds; the reader also checks the file.
    SessionReader reader;
    std::string error;
    if (!reader.open(session.toStdString(), &error)) {
        std::fprintf(stderr, "cop-replay: %s\n", error.c_str());
        return 1;
    }
    SessionRangeExportRequest request;
    if (!parseSessionRange(parser.value(m_range), reader.info().firstReceiveTimeUs, &request.fromUs,
                           &request.toUs, why))
        return 2;
    reader.close();
    request.sourcePath = session.toStdString();
    request.outputPath = parser.value(m_out).toStdString();
    request.application = "cop-replay";
    request.applicationVersion = QCoreApplication::applicationVersion().toStdString();
    const SessionRangeExportResult result = net::exportSessionRangeFile(request);
    if (!result.ok) {
        std::fprintf(stderr, "cop-replay: export of the range failed: %s\n", result.error.c_str());
        return 1;
    }
    std::fprintf(stderr,
                 "cop-replay: %s: %lld messages, %lld alert events, %lld operator actions, "
                 "%lld snapshots from %s to %s\n",
                 qPrintable(parser.value(m_out)), static_cast<long long>(result.messages),
                 static_cast<long long>(result.alertEvents),
                 static_cast<long long>(result.operatorActions),
                 static_cast<long long>(result.snapshots), qPrintable(formatUtc(request.fromUs)),
                 qPrintable(formatUtc(request.toUs)));
    return 0;
}

} // namespace cop
