// SPDX-License-Identifier: GPL-3.0-or-later
#include "replayexports.h"

#include "app/rangeexport.h"
#include "app/sessiontimeargument.h"
#include "app/sessiontrackhistory.h"
#include "core/alertexport.h"
#include "core/sessionreader.h"
#include "core/trackexport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>

#include <algorithm>
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
    , m_tracks(QStringLiteral("export-tracks"),
               QStringLiteral("Write the recorded history of tracks to FILE: .csv (one row per "
                              "state), .geojson or .kml (a 3-D line per track with its launch and "
                              "predicted impact). Every track unless --track says which."),
               QStringLiteral("file"))
    , m_track(QStringLiteral("track"),
              QStringLiteral("A track for --export-tracks: TRACK-ID, or SOURCE-ID/TRACK-ID when "
                             "two sources use the same id (repeatable)."),
              QStringLiteral("id"))
    , m_alerts(QStringLiteral("export-alerts"),
               QStringLiteral("Write the life of every alert (raise, updates, clear, "
                              "acknowledgement: who and when) to FILE as CSV."),
               QStringLiteral("file"))
{ }

QList<QCommandLineOption> ReplayExports::options() const
{
    return {m_range, m_out, m_tracks, m_track, m_alerts};
}

bool ReplayExports::requested(const QCommandLineParser &parser) const
{
    return parser.isSet(m_range) || parser.isSet(m_out) || parser.isSet(m_tracks)
        || parser.isSet(m_track) || parser.isSet(m_alerts);
}

int ReplayExports::run(const QCommandLineParser &parser, const QString &session, QString *why) const
{
    if (parser.isSet(m_out) && !parser.isSet(m_range)) {
        *why = QStringLiteral("--out names the file of --export-range; give both");
        return 2;
    }
    if (parser.isSet(m_range) && (!parser.isSet(m_out) || parser.value(m_out).isEmpty())) {
        *why = QStringLiteral("--export-range needs --out FILE, the new session file");
        return 2;
    }
    if (parser.isSet(m_track) && !parser.isSet(m_tracks)) {
        *why = QStringLiteral("--track chooses tracks for --export-tracks FILE; give both");
        return 2;
    }
    if (parser.isSet(m_tracks) && !trackExportFormatForPath(parser.value(m_tracks))) {
        *why = QStringLiteral(
                   "--export-tracks '%1': the file name must end in .csv, .geojson or .kml")
                   .arg(parser.value(m_tracks));
        return 2;
    }
    // Each export asked for, in turn; the first failure ends the run.
    if (parser.isSet(m_range)) {
        if (const int code = exportRange(parser, session, why); code != 0)
            return code;
    }
    if (parser.isSet(m_tracks)) {
        if (const int code = exportTracks(parser, session, why); code != 0)
            return code;
    }
    if (parser.isSet(m_alerts))
        return exportAlerts(parser, session);
    return 0;
}

int ReplayExports::exportRange(const QCommandLineParser &parser, const QString &session,
                               QString *why) const
{
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
    const SessionRangeExportResult result = exportSessionRangeFile(request);
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

int ReplayExports::exportTracks(const QCommandLineParser &parser, const QString &session,
                                QString *why) const
{
    TrackSelection selection;
    for (const QString &value : parser.values(m_track)) {
        const QStringList parts = value.split(QLatin1Char('/'));
        if (value.trimmed().isEmpty() || parts.size() > 2 || parts.last().isEmpty()
            || (parts.size() == 2 && parts.first().isEmpty())) {
            *why = QStringLiteral("--track '%1': give TRACK-ID or SOURCE-ID/TRACK-ID").arg(value);
            return 2;
        }
        selection.keys.push_back(parts.size() == 2
                                     ? TrackKey {parts[0].toStdString(), parts[1].toStdString()}
                                     : TrackKey {std::string(), parts[0].toStdString()});
    }
    SessionReader reader;
    std::string error;
    if (!reader.open(session.toStdString(), &error)) {
        std::fprintf(stderr, "cop-replay: %s\n", error.c_str());
        return 1;
    }
    const std::vector<TrackHistory> histories = readTrackHistories(reader, selection, &error);
    if (!error.empty())
        std::fprintf(stderr, "cop-replay: %s: %s\n", qPrintable(session), error.c_str());
    // A track asked for by id that the session does not hold is a mistake worth saying.
    for (const TrackKey &key : selection.keys) {
        const bool found
            = std::any_of(histories.begin(), histories.end(), [&](const TrackHistory &h) {
                  return h.key.trackId == key.trackId
                      && (key.sourceId.empty() || h.key.sourceId == key.sourceId);
              });
        if (!found) {
            std::fprintf(stderr, "cop-replay: no track '%s%s%s' in the session\n",
                         key.sourceId.c_str(), key.sourceId.empty() ? "" : "/",
                         key.trackId.c_str());
            return 1;
        }
    }
    QString writeError;
    if (!writeTrackExport(parser.value(m_tracks), histories, &writeError)) {
        std::fprintf(stderr, "cop-replay: %s\n", qPrintable(writeError));
        return 1;
    }
    std::size_t states = 0;
    for (const TrackHistory &history : histories)
        states += history.states.size();
    std::fprintf(
        stderr, "cop-replay: %s: %zu %s, %zu states (%s)\n", qPrintable(parser.value(m_tracks)),
        histories.size(), histories.size() == 1 ? "track" : "tracks", states,
        qPrintable(trackExportFormatName(*trackExportFormatForPath(parser.value(m_tracks)))));
    return 0;
}

int ReplayExports::exportAlerts(const QCommandLineParser &parser, const QString &session) const
{
    SessionReader reader;
    std::string error;
    if (!reader.open(session.toStdString(), &error)) {
        std::fprintf(stderr, "cop-replay: %s\n", error.c_str());
        return 1;
    }
    QString why;
    int events = 0;
    if (!exportAlertLives(reader, parser.value(m_alerts), &events, &why)) {
        std::fprintf(stderr, "cop-replay: %s\n", qPrintable(why));
        return 1;
    }
    std::fprintf(stderr, "cop-replay: %s: %d alert events\n", qPrintable(parser.value(m_alerts)),
                 events);
    return 0;
}

} // namespace cop
