// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/mapview.h"

#include "widgets/basemaplayer.h"
#include "widgets/maptooltip.h"
#include "widgets/sensorlayer.h"
#include "widgets/stagedroplayer.h"
#include "widgets/tracklayer.h"

#include "core/trackage.h"

#include <GeographicLib/Geodesic.hpp>

#include <QContextMenuEvent>
#include <QGestureEvent>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QNativeGestureEvent>
#include <QPainter>
#include <QPinchGesture>
#include <QToolTip>
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
// Zooming to tracks leaves this much room round them for symbols and labels.
constexpr double kFitMarginPx = 80.0;
// Zooming to one track shows at least this much ground across the smaller side of the view.
constexpr double kMinFitSpanM = 400'000.0;

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
    m_renderer.addLayer(std::make_unique<StageDropLayer>());
    m_trackLayer = static_cast<TrackLayer *>(m_renderer.addLayer(std::make_unique<TrackLayer>()));
    m_measureLayer = static_cast<MeasureLayer *>(m_renderer.addLayer(std::make_unique<MeasureLayer>()));
    grabGesture(Qt::PinchGesture);
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

void MapView::setSilentSources(std::unordered_set<std::string> sourceIds)
{
    if (sourceIds == m_context.silentSources)
        return;
    m_context.silentSources = std::move(sourceIds);
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

void MapView::setSelectedSensor(const std::optional<std::string> &sensorId)
{
    if (m_context.selectedSensorId == sensorId)
        return;
    m_context.selectedSensorId = sensorId;
    update();
}

void MapView::setTrackGroups(std::shared_ptr<const MapTrackGroups> groups)
{
    m_context.trackGroups = std::move(groups);
    markDirty();
}

void MapView::markDirty()
{
    m_dirty = true;
}

void MapView::frameTick()
{
    // A frame of a crowded picture under a fast feed takes tens of milliseconds; repainting on
    // every tick would then leave the event loop almost no time for the operator's input.
    // So a repaint the feed asks for waits until as long as the last one took has passed
    // since it ended: the map gets at most about half of the GUI thread, and a small picture
    // (a few milliseconds a frame) still repaints on every tick. Pans, zooms and clicks call
    // update() themselves and are not held back.
    if (!m_dirty)
        return;
    if (m_sinceLastPaint.isValid() && m_sinceLastPaint.elapsed() < m_lastPaintMs)
        return;
    update();
}

void MapView::showTheatre()
{
    stopFollowing();
    m_viewport.showTheatre();
    viewportChanged();
    m_viewMovedByOperator = false;
}

const TrackUpdate *MapView::trackStateAtPlayhead(const TrackKey &key) const
{
    const TrackRecord *record = m_context.picture ? m_context.picture->track(key) : nullptr;
    return record ? record->stateAt(m_context.playheadUs) : nullptr;
}

bool MapView::fitGeoPoints(const std::vector<LatLonDeg> &points, double minSpanM)
{
    std::vector<QPointF> pointsM;
    for (const LatLonDeg &p : points) {
        QPointF m;
        if (m_viewport.projection().forward(p.latDeg, p.lonDeg, m))
            pointsM.push_back(m);
    }
    if (!m_viewport.fitPoints(pointsM, kFitMarginPx, minSpanM))
        return false;
    viewportChanged();
    return true;
}

// Everything of a track the operator must see when zooming to it: where it is, where it came
// from, where it will land, and where its spent stages will fall (a space launch's second
// stage lands far outside the theatre view).
void MapView::addTrackExtent(const TrackUpdate &state, std::vector<LatLonDeg> &points)
{
    points.push_back({state.position.latDeg, state.position.lonDeg});
    if (state.hasImpact)
        points.push_back({state.impact.point.latDeg, state.impact.point.lonDeg});
    if (state.hasLaunch)
        points.push_back({state.launchPoint.latDeg, state.launchPoint.lonDeg});
    for (const StageDropZone &zone : state.stageDrops)
        points.push_back({zone.point.latDeg, zone.point.lonDeg});
}

bool MapView::zoomToTracks()
{
    if (!m_context.picture)
        return false;
    std::vector<LatLonDeg> points;
    m_context.picture->forEachTrackAt(m_context.playheadUs, [&](const TrackRecord &, const TrackUpdate &state) {
        addTrackExtent(state, points);
    });
    if (points.empty())
        return false;
    stopFollowing();
    return fitGeoPoints(points, kMinFitSpanM);
}

bool MapView::zoomToSelection()
{
    std::vector<LatLonDeg> points;
    double minSpanM = kMinFitSpanM;
    if (m_context.selectedTrack) {
        if (const TrackUpdate *state = trackStateAtPlayhead(*m_context.selectedTrack))
            addTrackExtent(*state, points);
    } else if (m_context.selectedSensorId && m_context.picture) {
        if (const SensorRecord *record = m_context.picture->sensor(*m_context.selectedSensorId)) {
            if (const SensorStatus *status = record->stateAt(m_context.playheadUs)) {
                points.push_back({status->site.latDeg, status->site.lonDeg});
                // The whole coverage: its range all round the site.
                minSpanM = std::max(minSpanM, 2.0 * status->coverage.maxRangeM);
            }
        }
    }
    if (points.empty())
        return false;
    stopFollowing();
    return fitGeoPoints(points, minSpanM);
}

void MapView::zoomBy(double factor)
{
    zoomAboutPoint(m_viewport.rectPx().center(), factor);
}

void MapView::zoomAboutPoint(const QPointF &anchorPx, double factor)
{
    // While following, zoom about the followed track (the centre), so it stays put.
    m_viewport.zoomAbout(m_followed ? m_viewport.rectPx().center() : anchorPx, factor);
    viewportChanged();
}

void MapView::setProjectionKind(ProjectionKind kind)
{
    if (kind == projectionKind())
        return;
    // The scale (metres per pixel) carries over: every projection is true to scale at the
    // theatre centre, so the view keeps its extent.
    m_viewport.setProjection(Projection(kind));
    viewportChanged();
}

void MapView::follow(const TrackKey &key)
{
    if (!trackStateAtPlayhead(key))
        return;
    const bool was = m_followed.has_value();
    m_followed = key;
    keepFollowedTrackCentred();
    if (!was)
        Q_EMIT followingChanged(true);
}

void MapView::stopFollowing()
{
    if (!m_followed)
        return;
    m_followed.reset();
    Q_EMIT followingChanged(false);
}

void MapView::keepFollowedTrackCentred()
{
    if (!m_followed)
        return;
    const TrackUpdate *state = trackStateAtPlayhead(*m_followed);
    QPointF pointM;
    if (!state || !m_viewport.projection().forward(state->position.latDeg, state->position.lonDeg, pointM)) {
        stopFollowing();
        return;
    }
    if (pointM != m_viewport.centreM()) {
        m_viewport.setCentreM(pointM);
        m_viewMovedByOperator = true;
        Q_EMIT viewChanged();
    }
}

void MapView::setTrailLength(TimeUs lengthUs)
{
    m_trackLayer->setTrailLength(lengthUs);
    update();
}

TimeUs MapView::trailLength() const
{
    return m_trackLayer->trailLength();
}

void MapView::setEllipseHistoryVisible(bool visible)
{
    m_trackLayer->setEllipseHistoryVisible(visible);
    update();
}

bool MapView::isEllipseHistoryVisible() const
{
    return m_trackLayer->isEllipseHistoryVisible();
}

void MapView::setMeasureMode(MeasureLayer::Mode mode)
{
    if (mode == m_measureLayer->mode())
        return;
    m_measureLayer->setMode(mode);
    setCursor(mode == MeasureLayer::Mode::Off ? Qt::ArrowCursor : Qt::CrossCursor);
    update();
    Q_EMIT measureModeChanged(mode);
}

MeasureLayer::Mode MapView::measureMode() const
{
    return m_measureLayer->mode();
}

void MapView::centreOn(double latDeg, double lonDeg)
{
    stopFollowing();
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
    keepFollowedTrackCentred();
    QElapsedTimer took;
    took.start();
    QPainter painter(this);
    m_context.interacting = m_dragging;
    m_renderer.render(painter, m_viewport, m_context);
    painter.end();
    m_dirty = false;
    m_lastPaintMs = took.elapsed();
    m_sinceLastPaint.start();
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
        stopFollowing(); // the operator takes the view back
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
    setCursor(measureMode() == MeasureLayer::Mode::Off ? Qt::ArrowCursor : Qt::CrossCursor);
    if (wasDrag) {
        update(); // back to full quality
        return;
    }
    clickAt(event->position());
}

void MapView::clickAt(const QPointF &px)
{
    if (measureMode() != MeasureLayer::Mode::Off) {
        double latDeg = 0.0, lonDeg = 0.0;
        if (m_viewport.toGeo(px, latDeg, lonDeg)) {
            m_measureLayer->addPoint({latDeg, lonDeg}, MeasureLayer::ringStepMFor(m_viewport.visibleRectM().width()));
            update();
        }
        return;
    }
    // Tracks first: they are what the operator is watching, and sit on top of the sites.
    if (const std::optional<TrackKey> hit = m_trackLayer->trackAt(m_viewport, m_context, px)) {
        setSelectedSensor(std::nullopt);
        setSelectedTrack(hit);
        Q_EMIT trackSelected(*hit);
        return;
    }
    if (const std::optional<std::string> sensor = m_sensorLayer->sensorAt(m_viewport, m_context, px)) {
        setSelectedTrack(std::nullopt);
        setSelectedSensor(sensor);
        Q_EMIT sensorSelected(QString::fromStdString(*sensor));
        return;
    }
    const bool hadSelection = m_context.selectedTrack || m_context.selectedSensorId;
    setSelectedTrack(std::nullopt);
    setSelectedSensor(std::nullopt);
    if (hadSelection)
        Q_EMIT selectionCleared();
}

void MapView::wheelEvent(QWheelEvent *event)
{
    // angleDelta is in eighths of a degree; a standard notch is 15°, i.e. 120. Fractional
    // steps from touchpads zoom smoothly.
    const double notches = event->angleDelta().y() / 120.0;
    if (notches == 0.0)
        return;
    zoomAboutPoint(event->position(), std::pow(kZoomStep, notches));
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
        event->accept();
        zoomAboutPoint(centre, kZoomStep);
        return;
    case Qt::Key_Minus:
    case Qt::Key_Underscore:
        event->accept();
        zoomAboutPoint(centre, 1.0 / kZoomStep);
        return;
    case Qt::Key_Escape:
        // Undo the newest thing first: a measurement, then following, then the selection.
        event->accept();
        if (m_measureLayer->clear()) {
            update();
        } else if (m_followed) {
            stopFollowing();
        } else if (m_context.selectedTrack || m_context.selectedSensorId) {
            setSelectedTrack(std::nullopt);
            setSelectedSensor(std::nullopt);
            Q_EMIT selectionCleared();
        } else {
            setMeasureMode(MeasureLayer::Mode::Off);
        }
        return;
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
    // Only the arrow keys get here: a pan, which ends following.
    event->accept();
    stopFollowing();
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

void MapView::contextMenuEvent(QContextMenuEvent *event)
{
    const QPointF px = event->pos();
    QMenu menu(this);
    QAction *centre = menu.addAction(QStringLiteral("Centre here"));
    connect(centre, &QAction::triggered, this, [this, px] {
        double latDeg = 0.0, lonDeg = 0.0;
        if (m_viewport.toGeo(px, latDeg, lonDeg))
            centreOn(latDeg, lonDeg);
    });
    if (const std::optional<TrackKey> hit = m_trackLayer->trackAt(m_viewport, m_context, px)) {
        const TrackKey key = *hit;
        const QString id = QString::fromStdString(key.trackId);
        menu.addSeparator();
        connect(menu.addAction(QStringLiteral("Select %1").arg(id)), &QAction::triggered, this, [this, key] {
            setSelectedSensor(std::nullopt);
            setSelectedTrack(key);
            Q_EMIT trackSelected(key);
        });
        connect(menu.addAction(QStringLiteral("Follow %1").arg(id)), &QAction::triggered, this,
                [this, key] { follow(key); });
        connect(menu.addAction(QStringLiteral("Details of %1…").arg(id)), &QAction::triggered, this,
                [this, key] { Q_EMIT detailsRequested(key); });
    }
    if (m_followed) {
        menu.addSeparator();
        connect(menu.addAction(QStringLiteral("Stop following")), &QAction::triggered, this,
                &MapView::stopFollowing);
    }
    if (!m_measureLayer->points().empty()) {
        connect(menu.addAction(QStringLiteral("Clear measurement")), &QAction::triggered, this, [this] {
            m_measureLayer->clear();
            update();
        });
    }
    menu.exec(event->globalPos());
}

bool MapView::event(QEvent *event)
{
    switch (event->type()) {
    case QEvent::NativeGesture: {
        // Touchpad pinch (macOS, Wayland): value() is the change of scale since the last event.
        auto *gesture = static_cast<QNativeGestureEvent *>(event);
        if (gesture->gestureType() == Qt::ZoomNativeGesture) {
            zoomAboutPoint(gesture->position(), 1.0 + gesture->value());
            emitCursor(gesture->position());
            return true;
        }
        break;
    }
    case QEvent::Gesture: {
        // Touch-screen pinch: scaleFactor() is the change since the last update.
        auto *gestureEvent = static_cast<QGestureEvent *>(event);
        if (auto *pinch = static_cast<QPinchGesture *>(gestureEvent->gesture(Qt::PinchGesture))) {
            if (pinch->changeFlags() & QPinchGesture::ScaleFactorChanged)
                zoomAboutPoint(mapFromGlobal(pinch->centerPoint()), pinch->scaleFactor());
            gestureEvent->accept(pinch);
            return true;
        }
        break;
    }
    case QEvent::ToolTip: {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty()) {
            QToolTip::hideText();
            event->ignore();
        } else {
            QToolTip::showText(help->globalPos(), text, this);
        }
        return true;
    }
    default:
        break;
    }
    return QWidget::event(event);
}

QString MapView::toolTipAt(const QPointF &px) const
{
    if (!m_context.picture)
        return {};
    if (const std::optional<TrackKey> key = m_trackLayer->trackAt(m_viewport, m_context, px))
        return trackToolTip(m_context, *key);
    if (const std::optional<std::string> id = m_sensorLayer->sensorAt(m_viewport, m_context, px))
        return sensorToolTip(m_context, *id);
    return {};
}

} // namespace cop
