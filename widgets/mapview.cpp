// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/mapview.h"

#include "widgets/basemaplayer.h"
#include "widgets/sensorlayer.h"
#include "widgets/tracklayer.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <cmath>

namespace cop {
namespace {

// One wheel notch zooms by this factor; keys use the same so both feel alike.
constexpr double kZoomStep = 1.25;
// A press that moves less than this before release is a click, not a drag.
constexpr double kClickSlopPx = 4.0;
// Arrow keys pan by this fraction of the view.
constexpr double kKeyPanFraction = 0.125;

} // namespace

MapView::MapView(std::shared_ptr<const Basemap> basemap, QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    // The renderer paints every pixel, so Qt need not clear the background first.
    setAttribute(Qt::WA_OpaquePaintEvent);
    m_renderer.addLayer(std::make_unique<BasemapLayer>(std::move(basemap)));
    m_sensorLayer = static_cast<SensorLayer *>(m_renderer.addLayer(std::make_unique<SensorLayer>()));
    m_trackLayer = static_cast<TrackLayer *>(m_renderer.addLayer(std::make_unique<TrackLayer>()));
    m_viewport.setSizePx(size());
    m_viewport.showTheatre();
}

MapView::~MapView() = default;

void MapView::setPicture(const Picture *picture)
{
    m_context.picture = picture;
    markDirty();
}

void MapView::setPlayhead(TimeUs playheadUs)
{
    if (m_context.playheadUs == playheadUs)
        return;
    m_context.playheadUs = playheadUs;
    markDirty();
}

void MapView::setLiveNow(TimeUs liveNowUs)
{
    // Countdowns and ages show whole seconds: repaint only when a second ticks over.
    const bool secondChanged = m_context.liveNowUs == kTimeUnset
                               || m_context.liveNowUs / kMicrosPerSecond != liveNowUs / kMicrosPerSecond;
    m_context.liveNowUs = liveNowUs;
    if (secondChanged && m_context.playheadUs == kTimeLive)
        markDirty();
}

void MapView::setTheme(const MapTheme &theme)
{
    m_context.theme = theme;
    markDirty();
    update();
}

void MapView::setSelectedTrack(const std::optional<TrackKey> &key)
{
    if (m_context.selectedTrack == key)
        return;
    m_context.selectedTrack = key;
    update();
}

void MapView::markDirty()
{
    m_dirty = true;
}

void MapView::frameTick()
{
    if (m_dirty)
        update();
}

void MapView::showTheatre()
{
    m_viewport.showTheatre();
    viewportChanged();
    m_viewMovedByOperator = false;
}

void MapView::centreOn(double latDeg, double lonDeg)
{
    QPointF pointM;
    if (!m_viewport.projection().forward(latDeg, lonDeg, pointM))
        return;
    m_viewport.setCentreM(pointM);
    viewportChanged();
    m_viewMovedByOperator = true;
}

void MapView::viewportChanged()
{
    m_viewMovedByOperator = true;
    update();
    Q_EMIT viewChanged();
}

void MapView::paintEvent(QPaintEvent *event)
{
    Q_UNUSED(event);
    QPainter painter(this);
    m_context.interacting = m_dragging;
    m_renderer.render(painter, m_viewport, m_context);
    m_dirty = false;
}

void MapView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    m_viewport.setSizePx(size());
    // Until the operator moves the map, keep the whole theatre in view as the window settles
    // into its size; afterwards keep centre and scale, so more or less of the map shows.
    if (!m_viewMovedByOperator)
        m_viewport.showTheatre();
    Q_EMIT viewChanged();
}

void MapView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        m_pressPx = event->position();
        m_lastDragPx = event->position();
        m_dragging = false;
        event->accept();
        return;
    }
    QWidget::mousePressEvent(event);
}

void MapView::mouseMoveEvent(QMouseEvent *event)
{
    emitCursor(event->position());
    if (!m_pressPx || !(event->buttons() & Qt::LeftButton))
        return;
    const QPointF fromPress = event->position() - *m_pressPx;
    if (!m_dragging && std::hypot(fromPress.x(), fromPress.y()) >= kClickSlopPx) {
        m_dragging = true;
        setCursor(Qt::ClosedHandCursor);
    }
    if (m_dragging) {
        m_viewport.panByPixels(event->position() - m_lastDragPx);
        m_lastDragPx = event->position();
        viewportChanged();
    }
}

void MapView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_pressPx) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    const bool wasDrag = m_dragging;
    m_pressPx.reset();
    m_dragging = false;
    unsetCursor();
    if (wasDrag) {
        update(); // back to full quality
        return;
    }
    const std::optional<TrackKey> hit = m_trackLayer->trackAt(m_viewport, m_context, event->position());
    setSelectedTrack(hit);
    if (hit)
        Q_EMIT trackSelected(*hit);
    else
        Q_EMIT selectionCleared();
}

void MapView::wheelEvent(QWheelEvent *event)
{
    // angleDelta is in eighths of a degree; a standard notch is 15°, i.e. 120. Fractional
    // steps from touchpads zoom smoothly.
    const double notches = event->angleDelta().y() / 120.0;
    if (notches == 0.0)
        return;
    m_viewport.zoomAbout(event->position(), std::pow(kZoomStep, notches));
    viewportChanged();
    emitCursor(event->position());
    event->accept();
}

void MapView::keyPressEvent(QKeyEvent *event)
{
    const QPointF centre = m_viewport.rectPx().center();
    const double panX = m_viewport.sizePx().width() * kKeyPanFraction;
    const double panY = m_viewport.sizePx().height() * kKeyPanFraction;
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        m_viewport.zoomAbout(centre, kZoomStep);
        break;
    case Qt::Key_Minus:
    case Qt::Key_Underscore:
        m_viewport.zoomAbout(centre, 1.0 / kZoomStep);
        break;
    case Qt::Key_Left:
        m_viewport.panByPixels(QPointF(panX, 0.0));
        break;
    case Qt::Key_Right:
        m_viewport.panByPixels(QPointF(-panX, 0.0));
        break;
    case Qt::Key_Up:
        m_viewport.panByPixels(QPointF(0.0, panY));
        break;
    case Qt::Key_Down:
        m_viewport.panByPixels(QPointF(0.0, -panY));
        break;
    case Qt::Key_Home:
        event->accept();
        showTheatre();
        return;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
    viewportChanged();
}

void MapView::leaveEvent(QEvent *event)
{
    QWidget::leaveEvent(event);
    Q_EMIT cursorLeft();
}

void MapView::emitCursor(const QPointF &px)
{
    double latDeg = 0.0, lonDeg = 0.0;
    if (m_viewport.toGeo(px, latDeg, lonDeg))
        Q_EMIT cursorMoved(latDeg, lonDeg);
    else
        Q_EMIT cursorLeft();
}

void MapView::setCoverageVisible(Nation nation, bool visible)
{
    m_sensorLayer->setCoverageVisible(nation, visible);
    update();
}

bool MapView::isCoverageVisible(Nation nation) const
{
    return m_sensorLayer->isCoverageVisible(nation);
}

} // namespace cop
