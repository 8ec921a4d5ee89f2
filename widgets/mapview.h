// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/basemap.h"
#include "core/picture.h"
#include "widgets/maprendercontext.h"
#include "widgets/maprenderer.h"
#include "widgets/measurelayer.h"
#include "widgets/mapviewport.h"

#include <QElapsedTimer>
#include <QPointF>
#include <QWidget>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cop {

class SensorLayer;
class TrackLayer;

// The map widget: thin. It turns mouse, wheel, pinch and keys into viewport changes,
// selections and measurements, and hands a QPainter to the MapRenderer, which does all the
// drawing (Marble's MarbleWidget over MarbleMap). It repaints only when something changed: the
// app's frame clock calls markDirty() when the picture changed and frameTick() every frame;
// operator input repaints at once. Menus and toolbar buttons for it live in MapViewActions.
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
    // Sources whose tracks are marked silent; repaints only when the set changes.
    void setSilentSources(std::unordered_set<std::string> sourceIds);
    void setSelectedTrack(const std::optional<TrackKey> &key);
    const std::optional<TrackKey> &selectedTrack() const { return m_context.selectedTrack; }
    void setSelectedSensor(const std::optional<std::string> &sensorId);
    // Correlated national tracks to draw as one object each (see MapTrackGroups).
    void setTrackGroups(std::shared_ptr<const MapTrackGroups> groups);
    const std::optional<std::string> &selectedSensor() const { return m_context.selectedSensorId; }

    // Something the map shows has changed; the next frameTick() repaints.
    void markDirty();
    bool isDirty() const { return m_dirty; }

    MapViewport &viewport() { return m_viewport; }
    const MapViewport &viewport() const { return m_viewport; }
    MapRenderer &renderer() { return m_renderer; }
    TrackLayer &trackLayer() { return *m_trackLayer; }
    SensorLayer &sensorLayer() { return *m_sensorLayer; }
    MeasureLayer &measureLayer() { return *m_measureLayer; }
    void showTheatre();
    // Shows every track at the playhead with its launch and predicted impact points; false
    // (view unchanged) if there is none.
    bool zoomToTracks();
    // Shows the selected track with its launch and impact points, or the selected sensor with
    // its coverage; false if nothing is selected.
    bool zoomToSelection();
    // factor > 1 zooms in about the centre of the view.
    void zoomBy(double factor);
    void setProjectionKind(ProjectionKind kind);
    ProjectionKind projectionKind() const { return m_viewport.projection().kind(); }

    // Follow mode: the track stays in the middle of the view as it moves, until the operator
    // pans (drag or arrow keys), picks another view, or the track disappears.
    void follow(const TrackKey &key);
    void stopFollowing();
    const std::optional<TrackKey> &followedTrack() const { return m_followed; }

    // Track trails and impact ellipse history (see TrackLayer).
    void setTrailLength(TimeUs lengthUs);
    TimeUs trailLength() const;
    void setEllipseHistoryVisible(bool visible);
    bool isEllipseHistoryVisible() const;

    // The measuring tool: clicks add points (Distance) or place range rings; Esc clears.
    void setMeasureMode(MeasureLayer::Mode mode);
    MeasureLayer::Mode measureMode() const;
    // The text of the hover tooltip at a point: the track or sensor there, or empty.
    QString toolTipAt(const QPointF &px) const;
    void setCoverageVisible(Nation nation, bool visible);
    bool isCoverageVisible(Nation nation) const;
    // Puts the point in the middle of the view at the current scale (an alert, a track).
    void centreOn(double latDeg, double lonDeg);

    QSize sizeHint() const override { return {1200, 800}; }
    QSize minimumSizeHint() const override { return {320, 240}; }

public Q_SLOTS:
    // Called by the frame clock (~30 Hz): repaints if dirty, otherwise does nothing. After a
    // slow repaint, waits until as long as it took has passed (see mapview.cpp).
    void frameTick();

Q_SIGNALS:
    void cursorMoved(double latDeg, double lonDeg);
    void cursorLeft();
    void trackSelected(const cop::TrackKey &key);
    void sensorSelected(const QString &sensorId);
    void selectionCleared();
    void viewChanged();
    // "Details…" from the context menu: other panels show what they know of the track.
    void detailsRequested(const cop::TrackKey &key);
    void followingChanged(bool following);
    void measureModeChanged(cop::MeasureLayer::Mode mode);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    // Pinch (touch screens: QPinchGesture; touchpads: native zoom gestures) and tooltips.
    bool event(QEvent *event) override;

private:
    void viewportChanged();
    void emitCursor(const QPointF &px);
    void clickAt(const QPointF &px);
    void zoomAboutPoint(const QPointF &anchorPx, double factor);
    // Recentres on the followed track; stops following if it is gone.
    void keepFollowedTrackCentred();
    bool fitGeoPoints(const std::vector<LatLonDeg> &points, double minSpanM);
    static void addTrackExtent(const TrackUpdate &state, std::vector<LatLonDeg> &points);
    const TrackUpdate *trackStateAtPlayhead(const TrackKey &key) const;

    MapViewport m_viewport;
    MapRenderer m_renderer;
    MapRenderContext m_context;
    TrackLayer *m_trackLayer = nullptr;   // owned by m_renderer
    SensorLayer *m_sensorLayer = nullptr; // owned by m_renderer
    MeasureLayer *m_measureLayer = nullptr; // owned by m_renderer
    std::optional<TrackKey> m_followed;
    bool m_dirty = true;
    bool m_viewMovedByOperator = false;
    // How long the last repaint took and when it ended (see frameTick).
    qint64 m_lastPaintMs = 0;
    QElapsedTimer m_sinceLastPaint;

    std::optional<QPointF> m_pressPx;   // where the left button went down
    QPointF m_lastDragPx;
    bool m_dragging = false;
};

} // namespace cop
