// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include <cstdint>

class QComboBox;
class QDockWidget;
class QLabel;
class QLineEdit;
class QTableView;
class QToolButton;

namespace cop {

class TrackFilterProxy;
class TrackTableModel;

// The track table panel: one row per correlated object (each nation's badge in the Nations
// column, their track ids in the tooltip), sortable, filtered by nation, phase and text.
// Selection is by object id and goes both ways: the panel announces what the operator picks,
// and selectObject() follows a selection made elsewhere (the map) without echoing it back.
class TrackTablePanel : public QWidget
{
    Q_OBJECT

public:
    explicit TrackTablePanel(QWidget *parent = nullptr);

    TrackTableModel &model() const { return *m_model; }
    TrackFilterProxy &proxy() const { return *m_proxy; }
    QTableView *view() const { return m_view; }
    QDockWidget *createDock(QWidget *parent);

    // Selects the object's row (0: none) and scrolls to it; emits nothing.
    void selectObject(std::uint64_t objectId);
    std::uint64_t selectedObject() const { return m_selected; }
    // Refreshes the row count shown above the table.
    void updateSummary();

Q_SIGNALS:
    void objectSelected(quint64 objectId);
    void selectionCleared();

private:
    void currentRowChanged();

    TrackTableModel *m_model = nullptr;
    TrackFilterProxy *m_proxy = nullptr;
    QTableView *m_view = nullptr;
    QLineEdit *m_text = nullptr;
    QComboBox *m_phase = nullptr;
    QLabel *m_summary = nullptr;
    std::uint64_t m_selected = 0;
    bool m_selecting = false; // selectObject() at work: do not announce
};

} // namespace cop
