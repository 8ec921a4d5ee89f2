// SPDX-License-Identifier: GPL-3.0-or-later
#include "protectedareacontroller.h"

#include "app/alertcenter.h"
#include "app/protectedareaoptions.h"
#include "widgets/arealayer.h"
#include "widgets/mapview.h"

#include <QAction>
#include <QSettings>

namespace cop {

ProtectedAreaController::ProtectedAreaController(AlertCenter &alerts, MapView &map,
                                                 std::shared_ptr<const Basemap> basemap,
                                                 QObject *parent)
    : QObject(parent)
    , m_alerts(alerts)
    , m_map(map)
    , m_basemap(std::move(basemap))
{
    // Below the sensors and tracks: the areas are the stage, not the actors.
    m_layer = static_cast<AreaLayer *>(
        m_map.renderer().insertLayerBelow(QStringLiteral("sensors"), std::make_unique<AreaLayer>()));
    m_layer->setAreas(m_alerts.areas());

    m_dialogAction = new QAction(QStringLiteral("&Protected areas…"), this);
    connect(m_dialogAction, &QAction::triggered, this, &ProtectedAreaController::openDialog);

    m_layerAction = new QAction(QStringLiteral("&Protected areas"), this);
    m_layerAction->setCheckable(true);
    const bool shown = QSettings().value(QStringLiteral("map/protectedAreasVisible"), true).toBool();
    m_layerAction->setChecked(shown);
    m_layer->setVisible(shown);
    connect(m_layerAction, &QAction::toggled, this, [this](bool visible) {
        m_layer->setVisible(visible);
        QSettings().setValue(QStringLiteral("map/protectedAreasVisible"), visible);
        m_map.markDirty();
    });

    connect(&m_alerts, &AlertCenter::areasChanged, this,
            [this](std::shared_ptr<const ProtectedAreaSet> areas) {
                m_layer->setAreas(std::move(areas));
                refreshThreats();
            });
    connect(&m_alerts, &AlertCenter::alertEvents, this, &ProtectedAreaController::refreshThreats);
    connect(&m_alerts, &AlertCenter::alertsReset, this, &ProtectedAreaController::refreshThreats);
}

bool ProtectedAreaController::apply(const ProtectedAreaChoice &choice, QString *problem,
                                    QStringList *warnings)
{
    QString error;
    const auto nations = parseProtectedNations(choice.nations, &error);
    std::shared_ptr<ProtectedAreaSet> areas;
    if (nations)
        areas = buildProtectedAreas(m_basemap.get(), *nations, choice.areaFiles, warnings, &error);
    if (!areas) {
        if (problem)
            *problem = error;
        return false;
    }
    m_choice = choice;
    QSettings settings;
    saveProtectedAreaChoice(settings, choice);
    m_alerts.setAreas(std::move(areas));
    m_map.markDirty();
    return true;
}

void ProtectedAreaController::openDialog()
{
    ProtectedAreaDialog dialog(m_choice, m_map.window());
    while (dialog.exec() == QDialog::Accepted) {
        QString problem;
        QStringList warnings;
        if (apply(dialog.choice(), &problem, &warnings))
            return;
        dialog.showProblem(QStringLiteral("Not applied: %1").arg(problem));
    }
}

void ProtectedAreaController::refreshThreats()
{
    AreaLayer::Threats threatened;
    for (const auto &[id, alert] : m_alerts.engine().alerts()) {
        if (!alert.active || alert.areaId.empty())
            continue;
        if (alert.kind == AlertKind::ImpactThreat)
            threatened[alert.areaId] = AreaThreat::Impact;
        else if (alert.kind == AlertKind::Overflight)
            threatened.try_emplace(alert.areaId, AreaThreat::Overflight);
    }
    if (threatened != m_layer->threatenedAreas()) {
        m_layer->setThreatenedAreas(std::move(threatened));
        m_map.markDirty();
    }
}

} // namespace cop
