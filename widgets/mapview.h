// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/basemap.h"
#include "core/picture.h"
#include "widgets/maprendercontext.h"
#include "widgets/maprenderer.h"
#include "widgets/mapviewport.h"

#include <QPointF>
#include <QWidget>

#include <memory>
#include <optional>

namespace cop {

class SensorLayer;
class TrackLayer;

// The map widget: thin. It turns mouse and keys into viewport changes and hands a QPainter to
// the MapRenderer, which does all the drawing (Marble's MarbleWidget over MarbleMap). It
// repaints only when something changed: the app's frame clock calls markDirty() when the
// picture changed and frameTick() every frame; operator input repaints at once.
class MapView : public QWidget
{
    Q_OBJECT

public:
    // The basemap is shared (alert rules use the same polygons); null draws sea only.
    explicit MapView(std::shared_ptr<const Basemap> basemap, QWidget *parent = nullptr);
    ~MapView() override;

    void setPicture(const Picture *picture);
    // kTimeLive follows the newest state of everything.
    void setPlayhead(TimeUs playheadUs);
    TimeUs playhead() const { return m_context.playheadUs; }
    // Feed time "now" in live mode, for ages and countdowns (see MapRenderContext).
    void setLiveNow(TimeUs liveNowUs);
    void setTheme(const MapTheme &theme);
    const MapTheme &theme() const { return m_context.theme; }
    void setSelectedTrack(const std::optional<TrackKey> &key);
    const std::optional<TrackKey> &selectedTrack() const { return m_context.selectedTrack; }

    // Something the map shows has changed; the next frameTick() repaints.
    void markDirty();
    bool isDirty() const { return m_dirty; }

    MapViewport &viewport() { return m_viewport; }
    const MapViewport &viewport() const { return m_viewport; }
    MapRenderer &renderer() { return m_renderer; }
    void showTheatre();
    void setCoverageVisible(Nation nation, bool visible);
    bool isCoverageVisible(Nation nation) const;
    // Puts the point in the middle of the view at the current scale (an alert, a track).
    void centreOn(double latDeg, double lonDeg);

    QSize sizeHint() const override { return {1200, 800}; }
    QSize minimumSizeHint() const override { return {320, 240}; }

public Q_SLOTS:
    // Called by the frame clock (~30 Hz): repaints if dirty, otherwise does nothing.
    void frameTick();

Q_SIGNALS:
    void cursorMoved(double latDeg, double lonDeg);
    void cursorLeft();
    void trackSelected(const cop::TrackKey &key);
    void selectionCleared();
    void viewChanged();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    void viewportChanged();
    void emitCursor(const QPointF &px);

    MapViewport m_viewport;
    MapRenderer m_renderer;
    MapRenderContext m_context;
    TrackLayer *m_trackLayer = nullptr;   // owned by m_renderer
    SensorLayer *m_sensorLayer = nullptr; // owned by m_renderer
    bool m_dirty = true;
    bool m_viewMovedByOperator = false;

    std::optional<QPointF> m_pressPx;   // where the left button went down
    QPointF m_lastDragPx;
    bool m_dragging = false;
};

} // namespace cop
