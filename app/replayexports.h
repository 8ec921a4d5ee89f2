// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCommandLineOption>
#include <QList>

class QCommandLineParser;

namespace cop {

// cop-replay's export mode: instead of publishing the session, writes part of it to files —
// a time range as a new session file, tracks as CSV/GeoJSON/KML, the alerts' lives as CSV —
// and exits. The options and their parsing live here so the tool's main() stays small.
class ReplayExports
{
public:
    ReplayExports();
    QList<QCommandLineOption> options() const;
    // True if the command line asks for any export (then nothing is published).
    bool requested(const QCommandLineParser &parser) const;
    // Runs the exports the command line asks for on session; reports to stderr. Returns the
    // process exit code: 0 done, 1 an export failed, 2 bad arguments (why has the message).
    int run(const QCommandLineParser &parser, const QString &session, QString *why) const;

private:
    int exportRange(const QCommandLineParser &parser, const QString &session, QString *why) const;
    int exportTracks(const QCommandLineParser &parser, const QString &session, QString *why) const;
    int exportAlerts(const QCommandLineParser &parser, const QString &session) const;

    QCommandLineOption m_range;
    QCommandLineOption m_out;
    QCommandLineOption m_tracks;
    QCommandLineOption m_track;
    QCommandLineOption m_alerts;
};

} // namespace cop
