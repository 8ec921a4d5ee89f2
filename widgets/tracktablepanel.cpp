// SPDX-License-Identifier: GPL-3.0-or-later
#include "tracktablepanel.h"

#include "widgets/nationbadgedelegate.h"
#include "widgets/nationpalette.h"
#include "widgets/trackfilterproxy.h"
#include "widgets/tracktablemodel.h"

#include <QComboBox>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <QFontMetrics>

#include <algorithm>

namespace cop {

TrackTablePanel::TrackTablePanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new TrackTableModel(this))
    , m_proxy(new TrackFilterProxy(this))
{
    setObjectName(QStringLiteral("trackTablePanel"));
    m_proxy->setSourceModel(m_model);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("trackTable"));
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(TrackTableModel::ObjectColumn, Qt::DescendingOrder); // newest first
    m_view->verticalHeader()->hide();
    // Fixed row heights: the view never measures 5,000 rows.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    m_view->setItemDelegateForColumn(TrackTableModel::NationsColumn,
                                     new NationBadgeDelegate(TrackTableModel::NationsRole, m_view));
    const int em = m_view->fontMetrics().horizontalAdvance(QLatin1Char('M'));
    m_view->setColumnWidth(TrackTableModel::ObjectColumn, 5 * em);
    m_view->setColumnWidth(TrackTableModel::NationsColumn, 90);
    m_view->setColumnWidth(TrackTableModel::ClassColumn, 5 * em);
    m_view->setColumnWidth(TrackTableModel::PhaseColumn, 7 * em);
    // "231.9 km", "5.18 km/s" whole.
    m_view->setColumnWidth(TrackTableModel::AltitudeColumn, 7 * em);
    m_view->setColumnWidth(TrackTableModel::SpeedColumn, 7 * em);
    m_view->setColumnWidth(TrackTableModel::RangeColumn, 6 * em);
    m_view->setColumnWidth(TrackTableModel::ImpactAreaColumn, 10 * em);
    m_view->setColumnWidth(TrackTableModel::TimeToImpactColumn, 5 * em);
    m_view->setColumnWidth(TrackTableModel::QualityColumn, 4 * em);
    // Never narrower than the header with room for the sort arrow: "To impact" must not read
    // "o impac", nor "Object" "Objec".
    const QFontMetrics headerMetrics(m_view->horizontalHeader()->font());
    for (int column = 0; column < TrackTableModel::ColumnCount; ++column) {
        const QString title = m_model->headerData(column, Qt::Horizontal).toString();
        m_view->setColumnWidth(column, std::max(m_view->columnWidth(column),
                                                headerMetrics.horizontalAdvance(title) + 2 * em));
    }

    m_text = new QLineEdit(this);
    m_text->setPlaceholderText(QStringLiteral("Filter: object, track id, class, area"));
    m_text->setClearButtonEnabled(true);
    m_phase = new QComboBox(this);
    m_phase->addItem(QStringLiteral("All phases"), static_cast<int>(TrackFilterProxy::PhaseFilter::All));
    m_phase->addItem(QStringLiteral("In flight"), static_cast<int>(TrackFilterProxy::PhaseFilter::InFlight));
    m_phase->addItem(QStringLiteral("Boost"), static_cast<int>(TrackFilterProxy::PhaseFilter::Boost));
    m_phase->addItem(QStringLiteral("Midcourse"), static_cast<int>(TrackFilterProxy::PhaseFilter::Midcourse));
    m_phase->addItem(QStringLiteral("Terminal"), static_cast<int>(TrackFilterProxy::PhaseFilter::Terminal));
    m_phase->addItem(QStringLiteral("Ended"), static_cast<int>(TrackFilterProxy::PhaseFilter::Ended));
    m_summary = new QLabel(this);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_text, 1);
    for (Nation nation : kAllNations) {
        const std::string_view code = nationCode(nation);
        auto *button = new QToolButton(this);
        button->setObjectName(QStringLiteral("nationFilter") + QString::fromLatin1(code.data(), static_cast<qsizetype>(code.size())));
        button->setText(QString::fromLatin1(code.data(), static_cast<qsizetype>(code.size())));
        button->setToolTip(QStringLiteral("Show objects %1 reports").arg(nationName(nation)));
        button->setCheckable(true);
        button->setChecked(true);
        // The nation's colour on the button, as on the badges.
        button->setStyleSheet(QStringLiteral("QToolButton:checked { background: %1; color: #101418; font-weight: bold; }")
                                  .arg(nationColour(nation).name()));
        connect(button, &QToolButton::toggled, this, [this, nation](bool on) {
            m_proxy->setNationVisible(nation, on);
            updateSummary();
        });
        bar->addWidget(button);
    }
    bar->addWidget(m_phase);
    bar->addWidget(m_summary);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    connect(m_text, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setText(text);
        updateSummary();
    });
    connect(m_phase, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setPhaseFilter(static_cast<TrackFilterProxy::PhaseFilter>(m_phase->currentData().toInt()));
        updateSummary();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TrackTablePanel::currentRowChanged);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        if (!m_selecting && !m_view->selectionModel()->hasSelection() && m_selected != 0) {
            m_selected = 0;
            Q_EMIT selectionCleared();
        }
    });
    updateSummary();
}

QDockWidget *TrackTablePanel::createDock(QWidget *parent)
{
    auto *dock = new QDockWidget(QStringLiteral("Tracks"), parent);
    dock->setObjectName(QStringLiteral("trackTableDock"));
    dock->setWidget(this);
    return dock;
}

void TrackTablePanel::updateSummary()
{
    m_summary->setText(QStringLiteral("%1 of %2").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
}

void TrackTablePanel::currentRowChanged()
{
    if (m_selecting)
        return;
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    const std::uint64_t id = current.isValid() ? current.data(TrackTableModel::ObjectIdRole).toULongLong() : 0;
    if (id == m_selected)
        return;
    m_selected = id;
    if (id != 0)
        Q_EMIT objectSelected(id);
    else
        Q_EMIT selectionCleared();
}

void TrackTablePanel::selectObject(std::uint64_t objectId)
{
    m_selecting = true;
    m_selected = objectId;
    const int sourceRow = objectId != 0 ? m_model->rowOf(objectId) : -1;
    const QModelIndex proxyIndex = sourceRow >= 0 ? m_proxy->mapFromSource(m_model->index(sourceRow, 0)) : QModelIndex();
    if (proxyIndex.isValid()) {
        m_view->selectionModel()->setCurrentIndex(
            proxyIndex, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_view->scrollTo(proxyIndex);
    } else {
        m_view->selectionModel()->clearSelection();
        m_view->selectionModel()->setCurrentIndex({}, QItemSelectionModel::NoUpdate);
    }
    m_selecting = false;
}

} // namespace cop
