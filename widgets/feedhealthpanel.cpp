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

    m_charts = new FeedHealthCharts(this);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_table, 1);
    topLayout->addWidget(m_rejects);
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

QString FeedHealthPanel::rejectsText() const
{
    return m_rejects->text();
}

} // namespace cop
