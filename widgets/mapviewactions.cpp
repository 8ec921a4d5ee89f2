// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/mapviewactions.h"

#include "widgets/mapview.h"
#include "widgets/tracklayer.h"

#include <QAction>
#include <QActionGroup>
#include <QMenu>
#include <QSettings>
#include <QToolBar>

namespace cop {
namespace {

constexpr double kZoomStep = 1.25;

QString settingName(ProjectionKind kind)
{
    switch (kind) {
    case ProjectionKind::AzimuthalEquidistant:
        return QStringLiteral("azimuthal-equidistant");
    case ProjectionKind::Equirectangular:
        return QStringLiteral("equirectangular");
    case ProjectionKind::Mercator:
        return QStringLiteral("mercator");
    }
    return {};
}

constexpr ProjectionKind kProjectionKinds[] = {ProjectionKind::AzimuthalEquidistant,
                                               ProjectionKind::Equirectangular,
                                               ProjectionKind::Mercator};

// Trail lengths offered, in seconds; 0 hides trails.
constexpr int kTrailLengthsS[] = {0, 60, 120, 300, 600, 900};

QString trailLengthName(int seconds)
{
    return seconds == 0 ? QStringLiteral("No trails") : QStringLiteral("%1 min").arg(seconds / 60);
}

} // namespace

MapViewActions::MapViewActions(MapView &map, QWidget *parent)
    : QObject(parent)
    , m_map(map)
{
    m_zoomIn = addMapAction(QStringLiteral("Zoom &in"), QKeySequence(Qt::Key_Plus), QStringLiteral("mapZoomIn"));
    connect(m_zoomIn, &QAction::triggered, &m_map, [this] { m_map.zoomBy(kZoomStep); });
    m_zoomOut = addMapAction(QStringLiteral("Zoom &out"), QKeySequence(Qt::Key_Minus), QStringLiteral("mapZoomOut"));
    connect(m_zoomOut, &QAction::triggered, &m_map, [this] { m_map.zoomBy(1.0 / kZoomStep); });
    m_zoomToTracks = addMapAction(QStringLiteral("Zoom to &all tracks"), QKeySequence(Qt::Key_A),
                                  QStringLiteral("mapZoomToTracks"));
    connect(m_zoomToTracks, &QAction::triggered, &m_map, &MapView::zoomToTracks);
    m_zoomToSelection = addMapAction(QStringLiteral("Zoom to &selection"), QKeySequence(Qt::Key_S),
                                     QStringLiteral("mapZoomToSelection"));
    connect(m_zoomToSelection, &QAction::triggered, &m_map, &MapView::zoomToSelection);
    m_home = addMapAction(QStringLiteral("&Theatre view"), QKeySequence(Qt::Key_Home), QStringLiteral("mapHome"));
    connect(m_home, &QAction::triggered, &m_map, &MapView::showTheatre);

    m_follow = addMapAction(QStringLiteral("&Follow selected track"), QKeySequence(Qt::Key_F),
                            QStringLiteral("mapFollow"));
    m_follow->setCheckable(true);
    connect(m_follow, &QAction::triggered, &m_map, [this](bool checked) {
        if (checked && m_map.selectedTrack())
            m_map.follow(*m_map.selectedTrack());
        else
            m_map.stopFollowing();
        m_follow->setChecked(m_map.followedTrack().has_value());
    });
    connect(&m_map, &MapView::followingChanged, m_follow, &QAction::setChecked);

    m_measure = addMapAction(QStringLiteral("&Measure distance and bearing"), QKeySequence(Qt::Key_M),
                             QStringLiteral("mapMeasure"));
    m_measure->setCheckable(true);
    m_rangeRings = addMapAction(QStringLiteral("&Range rings"), QKeySequence(Qt::Key_R),
                                QStringLiteral("mapRangeRings"));
    m_rangeRings->setCheckable(true);
    connect(m_measure, &QAction::triggered, &m_map, [this](bool checked) {
        m_map.setMeasureMode(checked ? MeasureLayer::Mode::Distance : MeasureLayer::Mode::Off);
    });
    connect(m_rangeRings, &QAction::triggered, &m_map, [this](bool checked) {
        m_map.setMeasureMode(checked ? MeasureLayer::Mode::RangeRings : MeasureLayer::Mode::Off);
    });
    connect(&m_map, &MapView::measureModeChanged, this, [this](MeasureLayer::Mode mode) {
        m_measure->setChecked(mode == MeasureLayer::Mode::Distance);
        m_rangeRings->setChecked(mode == MeasureLayer::Mode::RangeRings);
    });

    m_ellipseHistory = addMapAction(QStringLiteral("Impact ellipse &history"), QKeySequence(Qt::Key_H),
                                    QStringLiteral("mapEllipseHistory"));
    m_ellipseHistory->setCheckable(true);
    m_ellipseHistory->setChecked(QSettings().value(QLatin1String(kEllipseHistorySetting), false).toBool());
    m_map.setEllipseHistoryVisible(m_ellipseHistory->isChecked());
    connect(m_ellipseHistory, &QAction::toggled, &m_map, [this](bool checked) {
        m_map.setEllipseHistoryVisible(checked);
        QSettings().setValue(QLatin1String(kEllipseHistorySetting), checked);
    });

    m_trailLengths = new QActionGroup(this);
    m_trailLengths->setExclusive(true);
    const int savedTrailS = QSettings()
                                .value(QLatin1String(kTrailLengthSetting),
                                       static_cast<int>(TrackLayer::kDefaultTrailLengthUs / kMicrosPerSecond))
                                .toInt();
    for (int seconds : kTrailLengthsS) {
        QAction *action = m_trailLengths->addAction(trailLengthName(seconds));
        action->setCheckable(true);
        action->setData(seconds);
        action->setObjectName(QStringLiteral("mapTrail%1s").arg(seconds));
        if (seconds == savedTrailS) {
            action->setChecked(true);
            m_map.setTrailLength(seconds * kMicrosPerSecond);
        }
        connect(action, &QAction::triggered, this, [this, seconds] {
            m_map.setTrailLength(seconds * kMicrosPerSecond);
            QSettings().setValue(QLatin1String(kTrailLengthSetting), seconds);
        });
    }

    m_projections = new QActionGroup(this);
    m_projections->setExclusive(true);
    const QString saved = QSettings().value(QLatin1String(kProjectionSetting)).toString();
    for (ProjectionKind kind : kProjectionKinds) {
        QAction *action = m_projections->addAction(projectionKindName(kind));
        action->setCheckable(true);
        action->setData(static_cast<int>(kind));
        action->setObjectName(QStringLiteral("mapProjection-") + settingName(kind));
        if (settingName(kind) == saved)
            setProjection(kind);
        action->setChecked(m_map.projectionKind() == kind);
        connect(action, &QAction::triggered, this, [this, kind] {
            setProjection(kind);
            QSettings().setValue(QLatin1String(kProjectionSetting), settingName(kind));
        });
    }
}

QAction *MapViewActions::addMapAction(const QString &text, const QKeySequence &key, const QString &objectName)
{
    auto *action = new QAction(text, this);
    action->setShortcut(key);
    // Keys act while the map (or a child) has the focus; the menu entry works from anywhere.
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    action->setObjectName(objectName);
    m_map.addAction(action);
    return action;
}

QAction *MapViewActions::projectionAction(ProjectionKind kind) const
{
    for (QAction *action : m_projections->actions()) {
        if (action->data().toInt() == static_cast<int>(kind))
            return action;
    }
    return nullptr;
}

QAction *MapViewActions::trailLengthAction(int seconds) const
{
    for (QAction *action : m_trailLengths->actions()) {
        if (action->data().toInt() == seconds)
            return action;
    }
    return nullptr;
}

void MapViewActions::setProjection(ProjectionKind kind)
{
    m_map.setProjectionKind(kind);
}

void MapViewActions::addTo(QMenu &viewMenu)
{
    viewMenu.addAction(m_home);
    viewMenu.addAction(m_zoomToTracks);
    viewMenu.addAction(m_zoomToSelection);
    viewMenu.addAction(m_zoomIn);
    viewMenu.addAction(m_zoomOut);
    viewMenu.addAction(m_follow);
    QMenu *projection = viewMenu.addMenu(QStringLiteral("&Projection"));
    projection->addActions(m_projections->actions());
    QMenu *trails = viewMenu.addMenu(QStringLiteral("Track &trails"));
    trails->addActions(m_trailLengths->actions());
    viewMenu.addAction(m_ellipseHistory);
    viewMenu.addSeparator();
    viewMenu.addAction(m_measure);
    viewMenu.addAction(m_rangeRings);
    viewMenu.addSeparator();
}

QToolBar *MapViewActions::createToolBar(QWidget *parent)
{
    auto *bar = new QToolBar(QStringLiteral("Map"), parent);
    bar->setObjectName(QStringLiteral("mapToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->addAction(m_home);
    bar->addAction(m_zoomToTracks);
    bar->addAction(m_zoomToSelection);
    bar->addAction(m_zoomIn);
    bar->addAction(m_zoomOut);
    bar->addAction(m_follow);
    bar->addSeparator();
    bar->addAction(m_measure);
    bar->addAction(m_rangeRings);
    return bar;
}

} // namespace cop
