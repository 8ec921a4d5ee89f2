// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/projection.h"

#include <QObject>

class QAction;
class QActionGroup;
class QMenu;
class QToolBar;
class QWidget;

namespace cop {

class MapView;

// The map's navigation and tool actions, for the View menu and the map toolbar: zoom in and
// out, zoom to all tracks, zoom to the selection, the theatre (home) view, follow the selected
// track, the measuring tool and range rings, the projection, the trail length and the impact
// ellipse history. Their keys work while the map has the focus (so typing in a panel's filter
// box never moves the map). Projection, trail length and ellipse history are remembered between
// runs (QSettings, keys below).
class MapViewActions : public QObject
{
    Q_OBJECT

public:
    MapViewActions(MapView &map, QWidget *parent);

    // Adds the navigation entries, the projection submenu and the tools to a View menu.
    void addTo(QMenu &viewMenu);
    // A toolbar with the same actions (parent owns it).
    QToolBar *createToolBar(QWidget *parent);

    QAction *zoomIn() const { return m_zoomIn; }
    QAction *zoomOut() const { return m_zoomOut; }
    QAction *zoomToTracks() const { return m_zoomToTracks; }
    QAction *zoomToSelection() const { return m_zoomToSelection; }
    QAction *home() const { return m_home; }
    QAction *follow() const { return m_follow; }
    QAction *measure() const { return m_measure; }
    QAction *rangeRings() const { return m_rangeRings; }
    QAction *projectionAction(ProjectionKind kind) const;
    QAction *ellipseHistory() const { return m_ellipseHistory; }
    // The trail-length entry for a length in seconds (0: no trails), if there is one.
    QAction *trailLengthAction(int seconds) const;

    static constexpr const char *kProjectionSetting = "map/projection";
    static constexpr const char *kTrailLengthSetting = "map/trailLengthS";
    static constexpr const char *kEllipseHistorySetting = "map/ellipseHistory";

private:
    QAction *addMapAction(const QString &text, const QKeySequence &key, const QString &objectName);
    void setProjection(ProjectionKind kind);

    MapView &m_map;
    QAction *m_zoomIn = nullptr;
    QAction *m_zoomOut = nullptr;
    QAction *m_zoomToTracks = nullptr;
    QAction *m_zoomToSelection = nullptr;
    QAction *m_home = nullptr;
    QAction *m_follow = nullptr;
    QAction *m_measure = nullptr;
    QAction *m_rangeRings = nullptr;
    QActionGroup *m_projections = nullptr;
    QActionGroup *m_trailLengths = nullptr;
    QAction *m_ellipseHistory = nullptr;
};

} // namespace cop
