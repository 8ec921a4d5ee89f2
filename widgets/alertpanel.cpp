// SPDX-License-Identifier: GPL-3.0-or-later
#include "alertpanel.h"

#include "widgets/alertbanner.h"
#include "widgets/alertmodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace cop {

namespace {

// Shows rows at or above a minimum severity.
class SeverityFilter : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setMinimum(int severity)
    {
        m_minimum = severity;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override
    {
        const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
        return index.data(AlertModel::SeverityRole).toInt() >= m_minimum;
    }

private:
    int m_minimum = 0;
};

} // namespace

AlertPanel::AlertPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new AlertModel(this))
{
    setObjectName(QStringLiteral("alertPanel"));
    auto *filter = new SeverityFilter(this);
    filter->setSourceModel(m_model);
    m_filter = filter;

    m_view = new QTableView(this);
    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    m_view->setColumnWidth(AlertModel::TimeColumn, 80);
    m_view->setColumnWidth(AlertModel::SeverityColumn, 75);
    m_view->setColumnWidth(AlertModel::KindColumn, 115);
    m_view->setColumnWidth(AlertModel::AreaColumn, 170);
    m_view->setColumnWidth(AlertModel::TrackColumn, 120);
    m_view->setColumnWidth(AlertModel::CountdownColumn, 80);
    m_view->setColumnWidth(AlertModel::AcknowledgedColumn, 130);

    auto *acknowledge = new QPushButton(QStringLiteral("Acknowledge"), this);
    acknowledge->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    acknowledge->setToolTip(QStringLiteral("Acknowledge the selected alerts (Ctrl+K)"));
    auto *acknowledgeAllButton = new QPushButton(QStringLiteral("Acknowledge all"), this);
    auto *silence = new QPushButton(QStringLiteral("Silence"), this);
    silence->setToolTip(QStringLiteral(
        "Hide the banner and mute the sound; a new critical alert ends the silence"));
    m_silenceFor = new QComboBox(this);
    for (const int minutes : {1, 5, 15, 60})
        m_silenceFor->addItem(QStringLiteral("%1 min").arg(minutes), minutes);
    m_silenceFor->setCurrentIndex(1);
    m_severityFilter = new QComboBox(this);
    m_severityFilter->addItem(QStringLiteral("All"), static_cast<int>(AlertSeverity::Info));
    m_severityFilter->addItem(QStringLiteral("Advisory and above"),
                              static_cast<int>(AlertSeverity::Advisory));
    m_severityFilter->addItem(QStringLiteral("Warning and above"),
                              static_cast<int>(AlertSeverity::Warning));
    m_severityFilter->addItem(QStringLiteral("Critical"),
                              static_cast<int>(AlertSeverity::Critical));
    m_sound = new QCheckBox(QStringLiteral("Sound"), this);
    m_sound->setChecked(true);
    m_summary = new QLabel(this);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(acknowledge);
    buttons->addWidget(acknowledgeAllButton);
    buttons->addSpacing(12);
    buttons->addWidget(silence);
    buttons->addWidget(m_silenceFor);
    buttons->addSpacing(12);
    buttons->addWidget(m_sound);
    buttons->addSpacing(12);
    buttons->addWidget(new QLabel(QStringLiteral("Show"), this));
    buttons->addWidget(m_severityFilter);
    buttons->addStretch(1);
    buttons->addWidget(m_summary);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(buttons);
    layout->addWidget(m_view, 1);

    m_banner = new AlertBanner(*m_model);

    connect(acknowledge, &QPushButton::clicked, this, &AlertPanel::acknowledgeSelected);
    connect(acknowledgeAllButton, &QPushButton::clicked, this, &AlertPanel::acknowledgeAll);
    connect(silence, &QPushButton::clicked, this, [this] {
        m_banner->silenceUntil(m_monotonicMs + m_silenceFor->currentData().toLongLong() * 60'000);
        m_banner->tick(m_monotonicMs);
    });
    connect(m_sound, &QCheckBox::toggled, m_banner, &AlertBanner::setSoundEnabled);
    connect(m_severityFilter, &QComboBox::currentIndexChanged, this,
            [this, filter] { filter->setMinimum(m_severityFilter->currentData().toInt()); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &AlertPanel::showSelected);
    connect(m_banner, &AlertBanner::acknowledgeRequested, this, [this] {
        if (const Alert *alert = m_model->newestUnacknowledgedCritical())
            Q_EMIT acknowledgeRequested(alert->id);
    });
    updateSummary();
}

AlertPanel::~AlertPanel()
{
    // The banner lives in the window's layout, but reads this panel's model.
    delete m_banner;
}

QDockWidget *AlertPanel::createDock(QWidget *parent)
{
    auto *dock = new QDockWidget(QStringLiteral("Alerts"), parent);
    dock->setObjectName(QStringLiteral("alertDock"));
    dock->setWidget(this);
    return dock;
}

void AlertPanel::applyEvents(const std::vector<AlertEvent> &events)
{
    if (events.empty())
        return;
    m_model->applyEvents(events);
    for (const AlertEvent &event : events) {
        if (event.type == AlertEventType::Raised && event.alert.severity == AlertSeverity::Critical)
            m_banner->criticalRaised();
    }
    updateSummary();
}

void AlertPanel::tick(TimeUs nowUs, qint64 monotonicMs)
{
    m_monotonicMs = monotonicMs;
    m_model->setNow(nowUs);
    m_banner->tick(monotonicMs);
}

void AlertPanel::acknowledgeSelected()
{
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows()) {
        if (!index.data(AlertModel::AcknowledgedRole).toBool())
            Q_EMIT acknowledgeRequested(index.data(AlertModel::AlertIdRole).value<quint64>());
    }
}

void AlertPanel::clearAlerts()
{
    m_model->clear();
    updateSummary();
}

void AlertPanel::acknowledgeAll()
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const Alert *alert = m_model->alertAt(row);
        if (alert && alert->active && !alert->acknowledged)
            Q_EMIT acknowledgeRequested(alert->id);
    }
}

void AlertPanel::showSelected()
{
    const QModelIndex index = m_view->selectionModel()->currentIndex();
    if (index.isValid() && index.data(AlertModel::HasPositionRole).toBool())
        Q_EMIT centreRequested(index.data(AlertModel::LatitudeRole).toDouble(),
                               index.data(AlertModel::LongitudeRole).toDouble());
}

void AlertPanel::updateSummary()
{
    const int critical = m_model->unacknowledgedCount(AlertSeverity::Critical);
    const int all = m_model->unacknowledgedCount(AlertSeverity::Info);
    m_summary->setText(QStringLiteral("%1 unacknowledged, %2 critical").arg(all).arg(critical));
}

} // namespace cop
