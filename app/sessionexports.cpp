// SPDX-License-Identifier: GPL-3.0-or-later
#include "sessionexports.h"

#include "app/feedpipeline.h"
#include "app/rangeexport.h"
#include "app/sessiontrackhistory.h"
#include "app/trackpanels.h"
#include "core/alertexport.h"
#include "core/sessionwriter.h"
#include "core/trackexport.h"
#include "widgets/timelinestrip.h"

#include <QAction>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>
#include <QThread>

#include <memory>

namespace cop {

namespace {
QString compactUtc(TimeUs timeUs)
{
    // "01:02:03" of an ISO time, without separators, for file names.
    return formatUtc(timeUs).mid(11, 8).remove(QLatin1Char(':')) + QLatin1Char('Z');
}
} // namespace

SessionExports::SessionExports(FeedPipeline &pipeline, TrackPanels &tracks, QMainWindow &window)
    : QObject(&window)
    , m_pipeline(pipeline)
    , m_trackPanels(tracks)
    , m_window(window)
{
    m_tracks = new QAction(QStringLiteral("Export &tracks…"), this);
    m_tracks->setObjectName(QStringLiteral("exportTracksAction"));
    m_tracks->setToolTip(QStringLiteral("The selected object's tracks, or every track on the map "
                                        "when nothing is selected, as CSV, GeoJSON or KML"));
    connect(m_tracks, &QAction::triggered, this, &SessionExports::chooseTracksFile);
    m_alerts = new QAction(QStringLiteral("Export &alerts…"), this);
    m_alerts->setObjectName(QStringLiteral("exportAlertsAction"));
    connect(m_alerts, &QAction::triggered, this, &SessionExports::chooseAlertsFile);
    m_range = new QAction(QStringLiteral("Export &range…"), this);
    m_range->setObjectName(QStringLiteral("exportRangeAction"));
    connect(m_range, &QAction::triggered, this, &SessionExports::chooseRangeFile);
    connect(this, &SessionExports::exportFinished, this, [this](bool ok, const QString &message) {
        updateActions();
        m_window.statusBar()->showMessage(message, 10'000);
        if (!m_interactive)
            return;
        if (ok)
            QMessageBox::information(&m_window, QStringLiteral("Export"), message);
        else
            QMessageBox::warning(&m_window, QStringLiteral("Export"), message);
    });
    updateActions();
}

SessionExports::~SessionExports()
{
    if (m_worker) {
        // The export finishes its file rather than leave half of one; it is quick.
        m_worker->wait();
        delete m_worker;
    }
}

void SessionExports::addActionsTo(QMenu &fileMenu)
{
    fileMenu.addAction(m_range);
    fileMenu.addAction(m_tracks);
    fileMenu.addAction(m_alerts);
    // A disabled action says why in its tooltip.
    fileMenu.setToolTipsVisible(true);
}

void SessionExports::setTimeline(TimelineStrip *timeline)
{
    m_timeline = timeline;
    if (m_timeline)
        connect(m_timeline, &TimelineStrip::rangeChanged, this, &SessionExports::updateActions);
    updateActions();
}

void SessionExports::updateActions()
{
    QString reason;
    if (!m_pipeline.isReplay())
        reason = QStringLiteral("only in a replay: open the session with File → Open session…");
    else if (!m_timeline || m_timeline->rangeStartUs() == kTimeUnset)
        reason = QStringLiteral("select a range first: Shift+drag on the timeline");
    else if (m_worker)
        reason = QStringLiteral("an export is still running");
    m_range->setEnabled(reason.isEmpty());
    m_tracks->setEnabled(!m_worker);
    // Alerts come from the session file: a replay's, or the live session being recorded.
    QString alertsReason;
    if (sessionPath().isEmpty())
        alertsReason = QStringLiteral("needs a session: this live picture is not recorded");
    else if (m_worker)
        alertsReason = QStringLiteral("an export is still running");
    m_alerts->setEnabled(alertsReason.isEmpty());
    m_alerts->setText(alertsReason.isEmpty()
                          ? QStringLiteral("Export &alerts…")
                          : QStringLiteral("Export &alerts… (%1)").arg(alertsReason));
    m_alerts->setToolTip(
        alertsReason.isEmpty()
            ? QStringLiteral("Every alert's raise, updates, clear and acknowledgement as CSV")
            : QStringLiteral("Export alerts: %1").arg(alertsReason));
    m_range->setText(reason.isEmpty() ? QStringLiteral("Export &range…")
                                      : QStringLiteral("Export &range… (%1)").arg(reason));
    m_range->setToolTip(reason.isEmpty() ? QStringLiteral(
                            "The selected range of the timeline as a new session file")
                                         : QStringLiteral("Export range: %1").arg(reason));
}

QString SessionExports::suggestedRangePath(TimeUs fromUs, TimeUs toUs) const
{
    const QFileInfo session(m_pipeline.replayPath());
    return session.dir().filePath(
        QStringLiteral("%1-range-%2-%3.copsession")
            .arg(session.completeBaseName(), compactUtc(fromUs), compactUtc(toUs)));
}

void SessionExports::chooseRangeFile()
{
    if (!m_timeline || m_timeline->rangeStartUs() == kTimeUnset || m_worker)
        return;
    const TimeUs fromUs = m_timeline->rangeStartUs();
    const TimeUs toUs = m_timeline->rangeEndUs();
    QString path = QFileDialog::getSaveFileName(
        &m_window,
        QStringLiteral("Export %1 – %2 UTC as a session")
            .arg(formatUtc(fromUs).mid(11, 12), formatUtc(toUs).mid(11, 12)),
        suggestedRangePath(fromUs, toUs), QStringLiteral("COP sessions (*.copsession)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".copsession");
    m_interactive = true;
    // The dialog asked before choosing an existing file.
    exportRange(fromUs, toUs, path, true);
}

void SessionExports::exportRange(TimeUs fromUs, TimeUs toUs, const QString &path, bool replace)
{
    SessionRangeExportRequest request;
    request.sourcePath = m_pipeline.replayPath().toStdString();
    request.outputPath = path.toStdString();
    request.fromUs = fromUs;
    request.toUs = toUs;
    request.application = QCoreApplication::applicationName().toStdString();
    request.applicationVersion = QCoreApplication::applicationVersion().toStdString();
    request.replaceExisting = replace;
    m_window.statusBar()->showMessage(QStringLiteral("Exporting the range to %1…").arg(path));
    runInBackground([request, path](bool *ok) {
        const SessionRangeExportResult result = exportSessionRangeFile(request);
        *ok = result.ok;
        if (!result.ok)
            return QStringLiteral("The range was not exported: %1")
                .arg(QString::fromStdString(result.error));
        return QStringLiteral("Exported %1 messages, %2 alert events, %3 operator actions and %4 "
                              "snapshots to %5.")
            .arg(result.messages)
            .arg(result.alertEvents)
            .arg(result.operatorActions)
            .arg(result.snapshots)
            .arg(path);
    });
}

TrackExportChoice SessionExports::tracksToExport() const
{
    TrackExportChoice choice;
    const TrackCorrelator &correlator = m_trackPanels.correlator();
    if (const CorrelatedObject *object = correlator.object(m_trackPanels.selectedObject())) {
        choice.keys = object->members;
        QStringList names;
        for (const TrackKey &key : choice.keys)
            names << QString::fromStdString(key.trackId);
        choice.description
            = QStringLiteral("the selected object's %1 %2 (%3)")
                  .arg(choice.keys.size())
                  .arg(choice.keys.size() == 1 ? QStringLiteral("track") : QStringLiteral("tracks"),
                       names.join(QStringLiteral(", ")));
        return choice;
    }
    m_pipeline.picture().forEachTrackAt(
        m_pipeline.nowUs(),
        [&](const TrackRecord &record, const TrackUpdate &) { choice.keys.push_back(record.key); });
    choice.description
        = QStringLiteral("nothing selected: all %1 tracks on the map").arg(choice.keys.size());
    return choice;
}

void SessionExports::chooseTracksFile()
{
    if (m_worker)
        return;
    const TrackExportChoice choice = tracksToExport();
    if (choice.keys.empty()) {
        QMessageBox::information(&m_window, QStringLiteral("Export tracks"),
                                 QStringLiteral("There is no track to export: nothing is selected "
                                                "and no track is on the map at this moment."));
        return;
    }
    const QString csv = QStringLiteral("CSV, one row per state (*.csv)");
    const QString geoJson = QStringLiteral("GeoJSON (*.geojson)");
    const QString kml = QStringLiteral("KML (*.kml)");
    QString filter = kml;
    const QString base = m_pipeline.isReplay()
        ? QFileInfo(m_pipeline.replayPath())
              .dir()
              .filePath(QFileInfo(m_pipeline.replayPath()).completeBaseName()
                        + QStringLiteral("-tracks.kml"))
        : QStringLiteral("tracks.kml");
    // The title says what will be written: the dialog is where the analyst decides.
    QString path = QFileDialog::getSaveFileName(
        &m_window, QStringLiteral("Export tracks — %1").arg(choice.description), base,
        QStringList {kml, geoJson, csv}.join(QStringLiteral(";;")), &filter);
    if (path.isEmpty())
        return;
    if (!trackExportFormatForPath(path)) {
        // No (known) suffix: the chosen filter decides.
        path += filter == csv   ? QStringLiteral(".csv")
            : filter == geoJson ? QStringLiteral(".geojson")
                                : QStringLiteral(".kml");
    }
    m_interactive = true;
    exportTracks(choice.keys, path);
}

void SessionExports::exportTracks(const std::vector<TrackKey> &keys, const QString &path)
{
    m_window.statusBar()->showMessage(
        QStringLiteral("Exporting %1 tracks to %2…").arg(keys.size()).arg(path));
    if (!m_pipeline.isReplay()) {
        // Live: the picture's history, copied here on the GUI thread that owns the picture.
        auto histories = std::make_shared<std::vector<TrackHistory>>(
            trackHistoriesFromPicture(m_pipeline.picture(), keys));
        runInBackground([histories, path](bool *ok) {
            QString error;
            *ok = writeTrackExport(path, *histories, &error);
            return *ok ? QStringLiteral("Exported %1 tracks (the states the viewer holds) to %2.")
                             .arg(histories->size())
                             .arg(path)
                       : QStringLiteral("The tracks were not exported: %1").arg(error);
        });
        return;
    }
    const std::string session = m_pipeline.replayPath().toStdString();
    runInBackground([keys, path, session](bool *ok) {
        SessionReader reader;
        std::string why;
        if (!reader.open(session, &why)) {
            *ok = false;
            return QStringLiteral("The tracks were not exported: %1")
                .arg(QString::fromStdString(why));
        }
        TrackSelection selection;
        selection.keys = keys;
        const std::vector<TrackHistory> histories = readTrackHistories(reader, selection, &why);
        QString error;
        *ok = writeTrackExport(path, histories, &error);
        if (!*ok)
            return QStringLiteral("The tracks were not exported: %1").arg(error);
        std::size_t states = 0;
        for (const TrackHistory &history : histories)
            states += history.states.size();
        QString message
            = QStringLiteral("Exported %1 %2, %3 states, to %4.")
                  .arg(histories.size())
                  .arg(histories.size() == 1 ? QStringLiteral("track") : QStringLiteral("tracks"))
                  .arg(states)
                  .arg(path);
        if (!why.empty())
            message += QStringLiteral(" The session is damaged part way (%1): the states after the "
                                      "damage are missing.")
                           .arg(QString::fromStdString(why));
        return message;
    });
}

QString SessionExports::sessionPath() const
{
    if (m_pipeline.isReplay())
        return m_pipeline.replayPath();
    if (const SessionWriter *recorder = m_pipeline.recorder(); recorder && recorder->isOpen())
        return QString::fromStdString(recorder->path());
    return {};
}

void SessionExports::chooseAlertsFile()
{
    const QString session = sessionPath();
    if (session.isEmpty() || m_worker)
        return;
    const QFileInfo info(session);
    QString path = QFileDialog::getSaveFileName(
        &m_window, QStringLiteral("Export the alerts of %1").arg(info.fileName()),
        info.dir().filePath(info.completeBaseName() + QStringLiteral("-alerts.csv")),
        QStringLiteral("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".csv");
    m_interactive = true;
    exportAlerts(path);
}

void SessionExports::exportAlerts(const QString &path)
{
    const std::string session = sessionPath().toStdString();
    m_window.statusBar()->showMessage(QStringLiteral("Exporting the alerts to %1…").arg(path));
    runInBackground([session, path](bool *ok) {
        SessionReader reader;
        std::string why;
        QString error;
        int events = 0;
        *ok = reader.open(session, &why);
        if (!*ok)
            error = QString::fromStdString(why);
        else
            *ok = exportAlertLives(reader, path, &events, &error);
        return *ok ? QStringLiteral("Exported %1 alert events to %2.").arg(events).arg(path)
                   : QStringLiteral("The alerts were not exported: %1").arg(error);
    });
}

void SessionExports::runInBackground(const std::function<QString(bool *ok)> &work)
{
    auto ok = std::make_shared<bool>(false);
    auto message = std::make_shared<QString>();
    m_worker = QThread::create([work, ok, message] { *message = work(ok.get()); });
    connect(m_worker, &QThread::finished, this, [this, ok, message] {
        m_worker->deleteLater();
        m_worker = nullptr;
        Q_EMIT exportFinished(*ok, *message);
        m_interactive = false;
    });
    updateActions();
    m_worker->start();
}

} // namespace cop
