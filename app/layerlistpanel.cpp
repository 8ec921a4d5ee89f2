// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/layerlistpanel.h"

#include "app/overlaylayers.h"
#include "widgets/overlaylayer.h"

#include <QCheckBox>
#include <QColorDialog>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPixmap>
#include <QPushButton>
#include <QSlider>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace cop {

LayerListPanel::LayerListPanel(OverlayLayers &layers, QWidget *parent)
    : QWidget(parent)
    , m_layers(layers)
{
    setObjectName(QStringLiteral("layerList"));
    auto *layout = new QVBoxLayout(this);
    auto *load = new QPushButton(QStringLiteral("Load overlay…"), this);
    load->setObjectName(QStringLiteral("loadOverlay"));
    connect(load, &QPushButton::clicked, this, &LayerListPanel::loadRequested);
    layout->addWidget(load);
    m_rows = new QVBoxLayout;
    layout->addLayout(m_rows);
    layout->addStretch(1);
    connect(&m_layers, &OverlayLayers::changed, this, &LayerListPanel::rebuild);
    rebuild();
}

void LayerListPanel::rebuild()
{
    while (QLayoutItem *item = m_rows->takeAt(0)) {
        if (QWidget *widget = item->widget())
            widget->deleteLater();
        delete item;
    }
    for (MapLayer *layer : m_layers.layersTopFirst()) {
        auto *row = new QWidget(this);
        row->setObjectName(QStringLiteral("layerRow:") + layer->id());
        auto *rowLayout = new QHBoxLayout(row);
        rowLayout->setContentsMargins(0, 0, 0, 0);
        auto *visible = new QCheckBox(OverlayLayers::displayName(*layer), row);
        visible->setChecked(layer->isVisible());
        auto *overlay = dynamic_cast<OverlayLayer *>(layer);
        if (overlay) {
            visible->setToolTip(overlay->sourcePath());
            // The layer's colour beside its name, so the list says which shapes are which.
            visible->setStyleSheet(QStringLiteral("QCheckBox { color: %1; }").arg(overlay->colour().name()));
        }
        connect(visible, &QCheckBox::toggled, this, [this, layer](bool on) { m_layers.setVisible(layer, on); });
        rowLayout->addWidget(visible, 1);
        auto *opacity = new QSlider(Qt::Horizontal, row);
        opacity->setRange(0, 100);
        opacity->setValue(static_cast<int>(std::lround(layer->opacity() * 100.0)));
        opacity->setMaximumWidth(90);
        opacity->setToolTip(QStringLiteral("Opacity"));
        connect(opacity, &QSlider::valueChanged, this,
                [this, layer](int value) { m_layers.setOpacity(layer, value / 100.0); });
        rowLayout->addWidget(opacity);
        if (overlay) {
            auto addButton = [&](const QString &text, const QString &tip, auto slot) {
                auto *button = new QToolButton(row);
                button->setText(text);
                button->setToolTip(tip);
                connect(button, &QToolButton::clicked, this, slot);
                rowLayout->addWidget(button);
            };
            // A swatch of the layer's colour; a click offers another.
            auto *colour = new QToolButton(row);
            colour->setObjectName(QStringLiteral("colour:") + overlay->id());
            colour->setToolTip(QStringLiteral("Colour"));
            QPixmap swatch(12, 12);
            swatch.fill(overlay->colour());
            colour->setIcon(QIcon(swatch));
            connect(colour, &QToolButton::clicked, this, [this, overlay] {
                const QColor chosen = QColorDialog::getColor(overlay->colour(), this,
                                                             QStringLiteral("Overlay colour"));
                if (!chosen.isValid())
                    return; // cancelled
                QMetaObject::invokeMethod(
                    &m_layers, [this, overlay, chosen] { m_layers.setColour(overlay, chosen); }, Qt::QueuedConnection);
            });
            rowLayout->addWidget(colour);
            // Queued: the buttons belong to the row that the change rebuilds.
            addButton(QStringLiteral("▲"), QStringLiteral("Move up"), [this, overlay] {
                QMetaObject::invokeMethod(&m_layers, [this, overlay] { m_layers.raise(overlay); }, Qt::QueuedConnection);
            });
            addButton(QStringLiteral("▼"), QStringLiteral("Move down"), [this, overlay] {
                QMetaObject::invokeMethod(&m_layers, [this, overlay] { m_layers.lower(overlay); }, Qt::QueuedConnection);
            });
            addButton(QStringLiteral("✕"), QStringLiteral("Remove"), [this, overlay] {
                QMetaObject::invokeMethod(&m_layers, [this, overlay] { m_layers.remove(overlay); }, Qt::QueuedConnection);
            });
        }
        m_rows->addWidget(row);
    }
}

} // namespace cop
