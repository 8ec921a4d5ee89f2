// SPDX-License-Identifier: GPL-3.0-or-later
#include "coveragemenu.h"

#include "widgets/mapview.h"

#include <QAction>
#include <QMenu>
#include <QSettings>

namespace cop {

namespace {
QString settingsKey(Nation nation)
{
    return QStringLiteral("map/coverage/") + QString::fromLatin1(nationCode(nation));
}
} // namespace

QMenu *createCoverageMenu(MapView &map, QWidget *parent)
{
    auto *menu = new QMenu(QStringLiteral("Sensor &coverage"), parent);
    QSettings settings;
    for (Nation nation : kAllNations) {
        const bool visible = settings.value(settingsKey(nation), true).toBool();
        map.setCoverageVisible(nation, visible);
        QAction *action = menu->addAction(
            QStringLiteral("%1 (%2)").arg(nationName(nation), QString::fromLatin1(nationCode(nation))));
        action->setCheckable(true);
        action->setChecked(visible);
        action->setObjectName(QStringLiteral("coverage") + QString::fromLatin1(nationCode(nation)));
        QObject::connect(action, &QAction::toggled, &map, [&map, nation](bool checked) {
            map.setCoverageVisible(nation, checked);
            QSettings().setValue(settingsKey(nation), checked);
        });
    }
    return menu;
}

} // namespace cop
