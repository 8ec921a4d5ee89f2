// SPDX-License-Identifier: GPL-3.0-or-later
#include "feedstatusbar.h"

#include "widgets/nationpalette.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>

#include <algorithm>

namespace cop {

namespace {

struct SourceState
{
    QString text;
    QString tooltip;
    QString background; // CSS colour of the state
};

// Loss this recent keeps a source's badge amber; older loss stays in the tooltip's totals, so
// one blip an hour ago does not look like loss happening now.
constexpr TimeUs kRecentLossUs = 60 * kMicrosPerSecond;

// In a replay the badges describe the source as of the playhead, not now: "OK" instead of
// "LIVE", so nobody takes a recording for the live feed.
SourceState describe(const SourceRecord &source, TimeUs nowUs, bool replay)
{
    const QString healthy = replay ? QStringLiteral("OK") : QStringLiteral("LIVE");
    const QString id = QString::fromStdString(source.sourceId);
    SourceState state;
    const bool known = source.lastReceiveTimeUs != kTimeUnset && nowUs != kTimeUnset;
    const TimeUs quietUs = known ? nowUs - source.lastReceiveTimeUs : 0;
    const TimeUs sinceLossUs = source.lastGapReceiveTimeUs != kTimeUnset && nowUs != kTimeUnset
                                   ? nowUs - source.lastGapReceiveTimeUs
                                   : kTimeLive;
    if (quietUs > kSourceSilentAfterUs) {
        state.text = QStringLiteral("%1 SILENT %2 s").arg(id).arg(quietUs / kMicrosPerSecond);
        state.background = QStringLiteral("#b3261e");
    } else if (sinceLossUs < kRecentLossUs) {
        state.text = QStringLiteral("%1 %2 · loss %3 s ago").arg(id, healthy).arg(sinceLossUs / kMicrosPerSecond);
        state.background = QStringLiteral("#8a6d00");
    } else {
        state.text = QStringLiteral("%1 %2").arg(id, healthy);
        state.background = QStringLiteral("#2e4a35");
    }
    state.tooltip = QStringLiteral("%1 (%2)\nmessages: %3\ngaps: %4 (%5 messages lost)\n"
                                   "out of order: %6, restarts: %7\nlatency: %8 ms\ntracks refused: %9")
                        .arg(id, nationName(source.nation))
                        .arg(source.messageCount)
                        .arg(source.gapCount)
                        .arg(source.missedMessages)
                        .arg(source.outOfOrderCount)
                        .arg(source.restartCount)
                        .arg(source.lastLatencyUs / kMicrosPerMillisecond)
                        .arg(source.tracksRefused);
    return state;
}

} // namespace

FeedStatusBar::FeedStatusBar(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    m_sourcesLayout = new QHBoxLayout;
    m_sourcesLayout->setSpacing(4);
    layout->addLayout(m_sourcesLayout);
    m_totals = new QLabel(this);
    layout->addWidget(m_totals);
    setCursor(Qt::PointingHandCursor);
    setToolTip(QStringLiteral("Click for the feed health panel"));
}

void FeedStatusBar::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        Q_EMIT clicked();
    QWidget::mousePressEvent(event);
}

void FeedStatusBar::refresh(const Picture &picture, const FeedTransportHealth &transport, TimeUs nowUs)
{
    std::vector<const SourceRecord *> sources;
    for (const auto &[id, source] : picture.sources())
        sources.push_back(&source);
    std::sort(sources.begin(), sources.end(), [](const SourceRecord *a, const SourceRecord *b) {
        return std::tie(a->nation, a->sourceId) < std::tie(b->nation, b->sourceId);
    });

    while (m_sourceLabels.size() < sources.size()) {
        auto *label = new QLabel(this);
        label->setTextFormat(Qt::RichText);
        m_sourcesLayout->addWidget(label);
        m_sourceLabels.push_back(label);
    }
    for (std::size_t i = 0; i < m_sourceLabels.size(); ++i) {
        QLabel *label = m_sourceLabels[i];
        if (i >= sources.size()) {
            label->hide();
            continue;
        }
        const SourceState state = describe(*sources[i], nowUs, transport.replay);
        const QColor nation = nationColour(sources[i]->nation);
        label->setText(QStringLiteral("<span style='background:%1;color:#101418;font-weight:bold'>&nbsp;%2&nbsp;</span>"
                                      "<span style='background:%3;color:#f0f0f0'>&nbsp;%4&nbsp;</span>")
                           .arg(nation.name(), QString::fromLatin1(nationCode(sources[i]->nation)),
                                state.background, state.text.toHtmlEscaped()));
        label->setToolTip(state.tooltip);
        label->setAccessibleName(state.text);
        label->show();
    }

    QString totals;
    if (sources.empty())
        totals = transport.demo ? QStringLiteral("Demo feed starting…") : QStringLiteral("Waiting for the feed…");
    else
        totals = QStringLiteral("%1 msgs").arg(transport.messagesAccepted);
    if (transport.messagesRejected > 0)
        totals += QStringLiteral(" · %1 rejected").arg(transport.messagesRejected);
    if (transport.disconnects > 0)
        totals += QStringLiteral(" · %1 disconnects").arg(transport.disconnects);
    if (transport.queuedMessages > 10'000)
        totals += QStringLiteral(" · backlog %1").arg(transport.queuedMessages);
    if (transport.replay)
        totals += QStringLiteral(" · REPLAY OF A RECORDED SESSION");
    else if (transport.demo)
        totals += QStringLiteral(" · DEMO FEED");
    else
        totals += QStringLiteral(" · %1 endpoint(s)").arg(transport.endpointCount);
    m_totals->setText(totals);
}

QStringList FeedStatusBar::sourceTexts() const
{
    QStringList texts;
    for (const QLabel *label : m_sourceLabels) {
        if (label->isVisibleTo(this))
            texts << label->accessibleName();
    }
    return texts;
}

QString FeedStatusBar::totalsText() const
{
    return m_totals->text();
}

} // namespace cop
