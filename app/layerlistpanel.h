// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QVBoxLayout;

namespace cop {

class OverlayLayers;

// The layer list (View → Layers): one row per map layer, top first, with a visibility box and
// an opacity slider; overlays also get up, down and remove. Rows are rebuilt when layers are
// added, removed or reordered, not while a slider moves.
class LayerListPanel : public QWidget
{
    Q_OBJECT

public:
    explicit LayerListPanel(OverlayLayers &layers, QWidget *parent = nullptr);

Q_SIGNALS:
    void loadRequested();

private:
    void rebuild();

    OverlayLayers &m_layers;
    QVBoxLayout *m_rows = nullptr;
};

} // namespace cop
