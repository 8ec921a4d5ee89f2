// SPDX-License-Identifier: GPL-3.0-or-later
#include "sessionexports.h"

#include "app/feedpipeline.h"
#include "net/rangeexport.h"
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

SessionExports::SessionExports(FeedPipeline &pipeline, QMainWindow &window)
    : QObject(&window)
    , m_pipeline(pipeline)
    , m_window(window)
{
    m_range = new QAction(QStringLiteral("Export &range…"), this);
    m_range->setObjectName(QStringLiteral("exportRangeAction"));
    connect(m_range, &QAction::triggered, this, &SessionExports::chooseRangeFile);
    connect(this, &SessionExports::exportFinished, this, [this](bool ok, const QString &message) {
        updateRangeAction();
        m_window.statusBar()->showMessage(message, 10'000);
        if (!m_interactive)
            return;
        if (ok)
            QMessageBox::information(&m_window, QStringLiteral("Export"), message);
        else
            QMessageBox::warning(&m_window, QStringLiteral("Export"), message);
    });
    updateRangeAction();
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
    // A disabled action says why in its tooltip.
    fileMenu.setToolTipsVisible(true);
}

void SessionExports::setTimeline(TimelineStrip *timeline)
{
    m_timeline = timeline;
    if (m_timeline)
        connect(m_timeline, &TimelineStrip::rangeChanged, this, &SessionExports::updateRangeAction);
    updateRangeAction();
}

void SessionExports::updateRangeAction()
{
    QString reason;
    if (!m_pipeline.isReplay())
        reason = QStringLiteral("only in a replay: open the session with File → Open session…");
    else if (!m_timeline || m_timeline->rangeStartUs() == kTimeUnset)
        reason = QStringLiteral("select a range first: Shift+drag on the timeline");
    else if (m_worker)
        reason = QStringLiteral("an export is still running");
    m_range->setEnabled(reason.isEmpty());
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
        const SessionRangeExportResult result = net::exportSessionRangeFile(request);
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
    updateRangeAction();
    m_worker->start();
}

} // namespace cop
