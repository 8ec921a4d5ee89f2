// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/protectedareadialog.h"
#include "core/basemap.h"
#include "core/protectedarea.h"

#include <QObject>

#include <memory>

class QAction;

namespace cop {

class AlertCenter;
class AreaLayer;
class MapView;

// Owns what the console protects while it runs: the Alerts → Protected areas… dialog, the
// remembered choice (QSettings), the map layer outlining the areas (with a View menu toggle)
// and which of them are under threat. A choice applied here reaches the live alert rules at
// once, no restart.
class ProtectedAreaController : public QObject
{
    Q_OBJECT

public:
    ProtectedAreaController(AlertCenter &alerts, MapView &map, std::shared_ptr<const Basemap> basemap,
                            QObject *parent = nullptr);

    QAction *dialogAction() const { return m_dialogAction; }
    QAction *layerAction() const { return m_layerAction; }
    AreaLayer *layer() const { return m_layer; }

    // What the areas in force were built from (the command line's, or the remembered choice).
    void setCurrentChoice(const ProtectedAreaChoice &choice) { m_choice = choice; }
    const ProtectedAreaChoice &currentChoice() const { return m_choice; }

    // Builds the areas of a choice and, if they build, applies them to the rules and the map and
    // remembers the choice. On failure (unknown nation, a file with no usable area) nothing
    // changes and problem says why; warnings lists features a file had to skip.
    bool apply(const ProtectedAreaChoice &choice, QString *problem, QStringList *warnings = nullptr);

private:
    void openDialog();
    void refreshThreats();

    AlertCenter &m_alerts;
    MapView &m_map;
    std::shared_ptr<const Basemap> m_basemap;
    AreaLayer *m_layer = nullptr;
    QAction *m_dialogAction = nullptr;
    QAction *m_layerAction = nullptr;
    ProtectedAreaChoice m_choice;
};

} // namespace cop
