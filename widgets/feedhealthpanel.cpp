// SPDX-License-Identifier: GPL-3.0-or-later
#include "feedhealthpanel.h"

#include "widgets/feedhealthcharts.h"
#include "widgets/feedhealthmodel.h"

#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace cop {

FeedHealthPanel::FeedHealthPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new FeedHealthModel(this))
{
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("feedHealthTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);
    // Three nations' sources always in view, without scrolling.
    m_table->setMinimumHeight(m_table->horizontalHeader()->sizeHint().height()
                              + 3 * m_table->verticalHeader()->defaultSectionSize() + 4);

    m_rejects = new QLabel(this);
    m_rejects->setObjectName(QStringLiteral("feedHealthRejects"));
    m_rejects->setWordWrap(true);
    m_rejects->setText(describeRejects({}));

    m_handshakes = new QLabel(this);
    m_handshakes->setObjectName(QStringLiteral("feedHealthHandshakes"));
    m_handshakes->setWordWrap(true);
    m_handshakes->hide();

    m_charts = new FeedHealthCharts(this);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_table, 1);
    topLayout->addWidget(m_rejects);
    topLayout->addWidget(m_handshakes);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(m_charts);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(splitter);
}

QDockWidget *FeedHealthPanel::createDock(QWidget *parent)
{
    auto *dock = new QDockWidget(QStringLiteral("Feed health"), parent);
    dock->setObjectName(QStringLiteral("feedHealthDock"));
    dock->setWidget(this);
    return dock;
}

QString FeedHealthPanel::describeRejects(const std::vector<RejectTally> &rejects)
{
    if (rejects.empty())
        return QStringLiteral("Refused frames: none");
    std::uint64_t total = 0;
    QStringList parts;
    for (const RejectTally &tally : rejects) {
        total += tally.count;
        parts << QStringLiteral("%1: %2").arg(QString::fromStdString(tally.reason)).arg(tally.count);
    }
    return QStringLiteral("Refused frames: %1 — %2").arg(total).arg(parts.join(QStringLiteral(" · ")));
}

void FeedHealthPanel::refresh(std::vector<SourceHealth> snapshot, const std::vector<RejectTally> &rejects,
                              TimeUs nowUs, bool replay)
{
    m_charts->addSample(snapshot, nowUs);
    m_model->update(std::move(snapshot), replay);
    const QString text = describeRejects(rejects);
    if (m_rejects->text() != text) {
        m_rejects->setText(text);
        m_rejects->setStyleSheet(rejects.empty() ? QString()
                                                 : QStringLiteral("QLabel { color: #f0f0f0; background: #8a6d00; padding: 2px; }"));
    }
}

QString FeedHealthPanel::describeHandshakes(const std::vector<HandshakeTally> &handshakes)
{
    std::uint64_t total = 0;
    QStringList failing;
    for (const HandshakeTally &tally : handshakes) {
        total += tally.failures;
        if (tally.failures == 0)
            continue;
        QString part = QStringLiteral("%1: %2").arg(QString::fromStdString(tally.endpoint)).arg(tally.failures);
        if (tally.refused > 0)
            part += QStringLiteral(" (%1 refused by the publisher)").arg(tally.refused);
        failing << part;
    }
    if (total == 0) {
        const bool allCurve = std::all_of(handshakes.begin(), handshakes.end(),
                                          [](const HandshakeTally &tally) { return tally.curve; });
        return allCurve ? QStringLiteral("Failed handshakes: none (CURVE)")
                        : QStringLiteral("Failed handshakes: none (some endpoints in clear)");
    }
    return QStringLiteral("Failed handshakes: %1 — %2").arg(total).arg(failing.join(QStringLiteral(" · ")));
}

QString FeedHealthPanel::explainHandshakes(const std::vector<HandshakeTally> &handshakes)
{
    QStringList lines;
    lines << QStringLiteral("Every network endpoint's connection starts with a handshake. One that fails "
                            "receives nothing at all, so that publisher's tracks are missing from "
                            "the picture although nothing else looks wrong.")
          << QStringLiteral("Refused by the publisher: this console's public key is not on its list of "
                            "allowed clients; ask its operator to add it.")
          << QStringLiteral("Other failures: the server key given for the endpoint (--server-key) is "
                            "not the publisher's, or only one end uses CURVE.")
          << QString();
    for (const HandshakeTally &tally : handshakes) {
        lines << QStringLiteral("%1 — %2: %3 failed, %4 refused by the publisher")
                     .arg(QString::fromStdString(tally.endpoint),
                          tally.curve ? QStringLiteral("CURVE") : QStringLiteral("in clear"))
                     .arg(tally.failures)
                     .arg(tally.refused);
    }
    return lines.join(QLatin1Char('\n'));
}

void FeedHealthPanel::setHandshakes(const std::vector<HandshakeTally> &handshakes)
{
    m_handshakes->setVisible(!handshakes.empty());
    if (handshakes.empty())
        return;
    const QString text = describeHandshakes(handshakes);
    if (m_handshakes->text() == text)
        return;
    const bool failing = text.startsWith(QStringLiteral("Failed handshakes: none")) == false;
    m_handshakes->setText(text);
    m_handshakes->setToolTip(explainHandshakes(handshakes));
    m_handshakes->setStyleSheet(failing ? QStringLiteral("QLabel { color: #ffffff; background: #9a2a2a; padding: 2px; }")
                                        : QString());
}

QString FeedHealthPanel::rejectsText() const
{
    return m_rejects->text();
}

} // namespace cop
