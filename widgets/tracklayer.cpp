// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/tracklayer.h"

#include "core/ballisticpropagator.h"
#include "core/impactellipse.h"

#include "widgets/geoshapes.h"
#include "widgets/maplabels.h"
#include "widgets/maprendercontext.h"
#include "widgets/maptext.h"
#include "widgets/mapviewport.h"
#include "widgets/nationpalette.h"
#include "widgets/silentsourcemark.h"
#include "widgets/tracksymbol.h"

#include <GeographicLib/Geodesic.hpp>

#include <QDateTime>
#include <QFontMetricsF>
#include <QPainter>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

namespace cop {
namespace {

std::string keyString(const TrackKey &key)
{
    // The unit separator cannot appear in ids that passed validation.
    return key.sourceId + '\x1f' + key.trackId;
}

QColor withAlpha(QColor colour, double alpha)
{
    colour.setAlphaF(static_cast<float>(alpha));
    return colour;
}

QFont pixelFont(const QPainter &painter, int pixelSize, bool bold = false)
{
    QFont font = painter.font();
    font.setPixelSize(pixelSize);
    font.setBold(bold);
    return font;
}

// A point a short way along the track's heading, projected: the direction of movement on
// screen is the direction to it. Meridians lean across an azimuthal map, so a geographic
// heading is not a screen angle.
std::optional<QPointF> projectedAhead(const Projection &projection, const TrackUpdate &state)
{
    constexpr double kMinGroundSpeedMps = 1.0;
    constexpr double kProbeM = 20'000.0;
    if (state.velocity.groundSpeedMps() < kMinGroundSpeedMps)
        return std::nullopt;
    double latDeg = 0.0, lonDeg = 0.0;
    GeographicLib::Geodesic::WGS84().Direct(state.position.latDeg, state.position.lonDeg,
                                            state.velocity.headingDeg(), kProbeM, latDeg, lonDeg);
    QPointF aheadM;
    if (!projection.forward(latDeg, lonDeg, aheadM))
        return std::nullopt;
    return aheadM;
}

// Radians clockwise from screen up, from the symbol towards the projected point ahead.
std::optional<double> screenHeading(const QTransform &toPx, const std::optional<QPointF> &aheadM,
                                    const QPointF &positionPx)
{
    if (!aheadM)
        return std::nullopt;
    const QPointF aheadPx = toPx.map(*aheadM);
    if (aheadPx == positionPx)
        return std::nullopt;
    const QPointF d = aheadPx - positionPx;
    return std::atan2(d.x(), -d.y());
}

// Whether two positions are within tolM of each other on the ground (a local flat
// approximation, ample for a tolerance of a fraction of a pixel).
bool withinGround(const GeoPosition &a, const GeoPosition &b, double tolM)
{
    constexpr double kMetresPerDegree = 111'320.0;
    const double dNorthM = (a.latDeg - b.latDeg) * kMetresPerDegree;
    double dLonDeg = std::fabs(a.lonDeg - b.lonDeg);
    if (dLonDeg > 180.0)
        dLonDeg = 360.0 - dLonDeg;
    const double dEastM = dLonDeg * kMetresPerDegree * std::cos(a.latDeg * M_PI / 180.0);
    return dNorthM * dNorthM + dEastM * dEastM <= tolM * tolM;
}

// Whether two covariances give 95 % ellipses whose axes differ by at most about tolM: the
// outline scales with the square root of the variances.
bool covarianceWithin(const EnuCovariance2 &a, const EnuCovariance2 &b, double tolM)
{
    const double k = std::sqrt(kImpactEllipseK95);
    auto root = [](double v) { return std::copysign(std::sqrt(std::fabs(v)), v); };
    return std::fabs(root(a.ee) - root(b.ee)) * k <= tolM && std::fabs(root(a.nn) - root(b.nn)) * k <= tolM
           && std::fabs(root(a.en) - root(b.en)) * k <= tolM;
}

QString utcTimeOfDay(TimeUs timeUs)
{
    return QDateTime::fromMSecsSinceEpoch(timeUs / kMicrosPerMillisecond, QTimeZone::utc())
               .toString(QStringLiteral("HH:mm:ss"))
           + QLatin1Char('Z');
}

} // namespace

QString formatCountdown(TimeUs remainingUs)
{
    const qint64 totalSeconds = std::max<qint64>(0, (remainingUs + kMicrosPerSecond - 1) / kMicrosPerSecond);
    const qint64 hours = totalSeconds / 3600;
    const qint64 minutes = (totalSeconds / 60) % 60;
    const qint64 seconds = totalSeconds % 60;
    if (hours > 0)
        return QStringLiteral("%1:%2:%3")
            .arg(hours)
            .arg(minutes, 2, 10, QLatin1Char('0'))
            .arg(seconds, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(minutes, 2, 10, QLatin1Char('0')).arg(seconds, 2, 10, QLatin1Char('0'));
}

TrackLayer::TrackLayer() = default;
TrackLayer::~TrackLayer() = default;

void TrackLayer::paint(QPainter &painter, const MapViewport &viewport,
                       const MapRenderContext &context)
{
    if (!context.picture)
        return;
    std::vector<Visible> tracks;
    const QTransform toPx = viewport.projectedToPixelTransform();
    for (auto &entry : m_positions)
        entry.second.seenThisFrame = false;
    context.picture->forEachTrackAt(context.playheadUs, [&](const TrackRecord &record,
                                                            const TrackUpdate &state) {
        if (!isShown(record, state, context))
            return;
        const CachedPosition &position = positionFor(record, state, viewport);
        if (!position.projected)
            return;
        Visible v{&record, &state, toPx.map(position.pointM), {}, {},
                  isTrackStale(record, state, context.playheadUs, context.liveNowUs)};
        v.headingScreenRad = screenHeading(toPx, position.aheadM, v.positionPx);
        if (state.hasLaunch && position.launchM)
            v.launchPx = toPx.map(*position.launchM);
        tracks.push_back(v);
    });
    std::erase_if(m_positions, [](const auto &entry) { return !entry.second.seenThisFrame; });
    // Correlated national tracks of one missile: one symbol, label and impact marker.
    std::vector<Visible> hidden;
    const MapTrackGroups *groups = context.trackGroups.get();
    if (groups && !groups->isEmpty())
        keepOnePerGroup(tracks, *groups, hidden);
    const MapTrackGroup *selectedGroup = groups && context.selectedTrack ? groups->groupOf(*context.selectedTrack)
                                                                         : nullptr;
    for (Visible &v : tracks)
        v.selected = (context.selectedTrack && *context.selectedTrack == v.record->key)
                     || (selectedGroup && v.group == selectedGroup);
    // Stale tracks underneath, the selected one on top of everything.
    auto isSelected = [](const Visible &v) { return v.selected; };
    std::stable_sort(tracks.begin(), tracks.end(), [&](const Visible &a, const Visible &b) {
        return std::make_tuple(!a.stale, isSelected(a)) < std::make_tuple(!b.stale, isSelected(b));
    });

    for (auto &entry : m_impacts)
        entry.second.seenThisFrame = false;
    painter.setRenderHint(QPainter::Antialiasing, true);
    // Bottom to top: uncertainty areas, trails and launch points, symbols, labels.
    for (const Visible &track : tracks) {
        if (track.state->hasImpact)
            paintImpact(painter, viewport, track, context);
    }
    m_lastMemberTicks = 0;
    if (selectedGroup) {
        std::vector<const Visible *> members;
        for (const Visible &v : tracks) {
            if (v.group == selectedGroup)
                members.push_back(&v);
        }
        for (const Visible &v : hidden) {
            if (v.group == selectedGroup)
                members.push_back(&v);
        }
        paintMemberSpread(painter, viewport, members);
    }
    std::erase_if(m_impacts, [](const auto &entry) { return !entry.second.seenThisFrame; });
    for (auto &entry : m_trails)
        entry.second.seenThisFrame = false;
    // Many tracks: one-pixel trails, which Qt draws on its fast path for hairlines (a wider
    // pen goes through the general stroker, about ten times slower); they also clutter less.
    const double trailWidthPx = tracks.size() > kThinTrailsAboveTracks ? 1.0 : 2.0;
    for (const Visible &track : tracks) {
        const QColor colour = track.stale ? context.theme.stale
                                          : identityColour(track.state->identity, context.theme);
        if (isSelected(track))
            paintPredictedPath(painter, viewport, track, colour);
        collectTrail(viewport, track, colour);
        paintLaunchPoint(painter, viewport, track, colour, context.theme, context.labels);
    }
    flushTrails(painter, trailWidthPx);
    // Forget trails of tracks no longer shown, so the cache stays bounded.
    std::erase_if(m_trails, [](const auto &entry) { return !entry.second.seenThisFrame; });
    for (const Visible &track : tracks) {
        TrackSymbolStyle style;
        style.frame = track.stale ? context.theme.stale
                                  : identityColour(track.state->identity, context.theme);
        style.filled = !track.stale;
        style.selected = isSelected(track);
        style.headingScreenRad = track.headingScreenRad;
        paintTrackSymbol(painter, track.positionPx, track.state->identity, style, context.theme);
    }

    // Tracks whose source went silent: what is drawn is that source's last word. The tag is an
    // obstacle for labels.
    for (const Visible &track : tracks) {
        if (context.silentSources.count(track.record->key.sourceId) > 0) {
            const QRectF tag = paintSilentSourceMark(painter, track.positionPx);
            if (context.labels)
                context.labels->addObstacle(tag);
        }
    }

    // Labels go to the frame's decluttering pass; the symbols are obstacles no label may cover.
    for (const Visible &track : tracks) {
        const double r = kTrackSymbolRadiusPx + 2.0;
        if (context.labels)
            context.labels->addObstacle(QRectF(track.positionPx - QPointF(r, r), QSizeF(2.0 * r, 2.0 * r)));
    }
    for (const Visible &track : tracks)
        submitTrackLabel(painter, viewport, track, context, isSelected(track));
}

TrackLayer::CachedPosition &TrackLayer::positionFor(const TrackRecord &record,
                                                    const TrackUpdate &state,
                                                    const MapViewport &viewport)
{
    CachedPosition &cached = m_positions[&record];
    cached.seenThisFrame = true;
    if (cached.projectionRevision != viewport.projectionRevision() || !(cached.position == state.position)
        || !(cached.velocity == state.velocity)) {
        const Projection &projection = viewport.projection();
        if (cached.projectionRevision != viewport.projectionRevision())
            cached.launchValid = false;
        cached.projectionRevision = viewport.projectionRevision();
        cached.position = state.position;
        cached.velocity = state.velocity;
        cached.projected = projection.forward(state.position.latDeg, state.position.lonDeg, cached.pointM);
        cached.aheadM = cached.projected ? projectedAhead(projection, state) : std::nullopt;
    }
    if (state.hasLaunch && (!cached.launchValid || !(cached.launchPoint == state.launchPoint))) {
        cached.launchValid = true;
        cached.launchPoint = state.launchPoint;
        QPointF launchM;
        cached.launchM = viewport.projection().forward(state.launchPoint.latDeg, state.launchPoint.lonDeg, launchM)
                             ? std::optional<QPointF>(launchM)
                             : std::nullopt;
    }
    return cached;
}

TrackLayer::CachedImpact &TrackLayer::impactFor(const std::string &key,
                                                const ImpactPrediction &impact,
                                                const MapViewport &viewport)
{
    CachedImpact &cached = m_impacts[key];
    cached.seenThisFrame = true;
    // A prediction refined by less than half a pixel at the current scale keeps the outlines
    // built for it: a fast feed refines every prediction many times a second, and building the
    // two outlines (about two hundred geodesic points, each projected) is the costliest thing
    // a track update asks of the map. The comparison is with what the outlines were built
    // from, so small changes cannot add up unseen, and zooming in tightens it.
    const double tolM = 0.5 * viewport.metresPerPixel();
    if (cached.projectionRevision != viewport.projectionRevision()
        || !withinGround(cached.point, impact.point, tolM)
        || !covarianceWithin(cached.covarianceM2, impact.covarianceM2, tolM)) {
        const Projection &projection = viewport.projection();
        constexpr double kMaxSegmentM = 2'000'000.0;
        // The same ellipse the alert rules test against protected areas, drawn rounder.
        constexpr int kDrawnOutlinePoints = 96;
        cached.ellipse50M = projectPolyline(projection,
                                            ImpactEllipse(impact.point, impact.covarianceM2,
                                                          kImpactEllipseK50, kDrawnOutlinePoints)
                                                .outline(),
                                            true, kMaxSegmentM)
                                .path;
        cached.ellipse95M = projectPolyline(projection,
                                            ImpactEllipse(impact.point, impact.covarianceM2,
                                                          kImpactEllipseK95, kDrawnOutlinePoints)
                                                .outline(),
                                            true, kMaxSegmentM)
                                .path;
        cached.point = impact.point;
        cached.pointProjected = projection.forward(impact.point.latDeg, impact.point.lonDeg, cached.pointM);
        cached.covarianceM2 = impact.covarianceM2;
        cached.projectionRevision = viewport.projectionRevision();
        cached.pixelPathsValid = false;
    }
    return cached;
}

void TrackLayer::paintImpact(QPainter &painter, const MapViewport &viewport, const Visible &track,
                             const MapRenderContext &context)
{
    const ImpactPrediction &impact = track.state->impact;
    CachedImpact &cached = impactFor(keyString(track.record->key), impact, viewport);
    if (!cached.pointProjected)
        return;
    const QColor colour = track.stale ? context.theme.stale : context.theme.impact;
    const QTransform toPx = viewport.projectedToPixelTransform();
    const double tolM = 0.5 * viewport.metresPerPixel();
    // The point the outlines were built for (within half a pixel of the newest prediction).
    const QPointF impactPx = toPx.map(cached.pointM);

    // Predicted path: the geodesic from the track to its impact point, thin and dashed, so the
    // eye links a symbol to its ellipse without it reading as a trajectory.
    {
        const GeoPosition &from = track.state->position;
        if (!withinGround(cached.pathFrom, from, tolM) || !withinGround(cached.pathTo, impact.point, tolM)
            || cached.pathProjectionRevision != viewport.projectionRevision()) {
            // A point every 20 km, or every 25 px when that is longer: the geodesic bends
            // gently, and a fast feed rebuilds thousands of these a second.
            const double stepM = std::max(20'000.0, 25.0 * viewport.metresPerPixel());
            const GeoRing path = geodesicPolyline({from.latDeg, from.lonDeg},
                                                  {impact.point.latDeg, impact.point.lonDeg}, stepM);
            cached.pathM = projectPolyline(viewport.projection(), path, false, 2'000'000.0).path;
            cached.pathFrom = from;
            cached.pathTo = impact.point;
            cached.pathProjectionRevision = viewport.projectionRevision();
            cached.pixelPathsValid = false;
        }
        // Pixel shapes are kept while neither the geometry nor the view changes (most frames).
        if (!cached.pixelPathsValid || cached.pixelTransform != toPx) {
            cached.pathPx.set(toPx.map(cached.pathM));
            cached.ellipse95Px.set(toPx.map(cached.ellipse95M));
            cached.ellipse50Px.set(toPx.map(cached.ellipse50M));
            cached.pixelTransform = toPx;
            cached.pixelPathsValid = true;
        }
        if (cached.pathPx.bounds.intersects(viewport.rectPx())) {
            // One pixel, cosmetic: Qt's fast hairline path also does dashes.
            QPen pen(withAlpha(colour, 0.55), 1.0);
            pen.setCosmetic(true);
            pen.setDashPattern({4.0, 4.0});
            painter.setPen(pen);
            painter.setBrush(Qt::NoBrush);
            cached.pathPx.draw(painter, false);
        }
    }

    const bool selected = track.selected;
    cached.lastHistoryCount = 0;
    if (m_ellipseHistory || selected)
        paintEllipseHistory(painter, viewport, track, cached, colour);

    const PixelShape &e95 = cached.ellipse95Px;
    const PixelShape &e50 = cached.ellipse50Px;
    cached.lastPx = {e50.bounds, e95.bounds};
    if (e95.bounds.intersects(viewport.rectPx())) {
        // The translucent fills without antialiasing (their edge lies under the antialiased
        // outline, and a 10 % tint shows no stairs), which keeps them off Qt's coverage
        // rasterizer: filling 400 ellipses antialiased was a quarter of a frame.
        painter.setRenderHint(QPainter::Antialiasing, false);
        painter.setPen(Qt::NoPen);
        painter.setBrush(withAlpha(colour, 0.10));
        e95.draw(painter, true);
        painter.setBrush(withAlpha(colour, 0.22));
        e50.draw(painter, true);
        painter.setRenderHint(QPainter::Antialiasing, true);
        painter.setBrush(Qt::NoBrush);
        QPen pen95(colour, 1.0);
        pen95.setCosmetic(true);
        pen95.setDashPattern({5.0, 3.0});
        painter.setPen(pen95);
        e95.draw(painter, true);
        QPen pen50(colour, 1.0);
        pen50.setCosmetic(true);
        painter.setPen(pen50);
        e50.draw(painter, true);
    }

    // Impact point: a cross that stays visible however small the ellipses are.
    constexpr double kCrossPx = 5.0;
    painter.setPen(QPen(colour, 2.0));
    painter.drawLine(impactPx + QPointF(-kCrossPx, -kCrossPx), impactPx + QPointF(kCrossPx, kCrossPx));
    painter.drawLine(impactPx + QPointF(-kCrossPx, kCrossPx), impactPx + QPointF(kCrossPx, -kCrossPx));

    // One label per prediction: the countdown and the confidence of the two ellipses. Beside
    // the outer ellipse while it is small; beside the impact point once the ellipse is larger
    // than a label could sensibly sit next to.
    constexpr double kLargeEllipsePx = 220.0;
    const QRectF cross(impactPx - QPointF(kCrossPx, kCrossPx), QSizeF(2 * kCrossPx, 2 * kCrossPx));
    const QRectF outer = cached.lastPx.bounds95.united(cross);
    const QRectF anchor = std::max(outer.width(), outer.height()) > kLargeEllipsePx ? cross : outer;
    const TimeUs remainingUs = impact.timeUs == kTimeUnset ? 0 : impact.timeUs - context.referenceTimeUs();
    const QString line1 = impact.timeUs == kTimeUnset ? QStringLiteral("IMPACT")
                          : remainingUs > 0 ? QStringLiteral("IMPACT T−%1").arg(formatCountdown(remainingUs))
                                            : QStringLiteral("IMPACT");
    const QString line2 = QStringLiteral("%1 · 50% / 95%").arg(displayName(track));
    TextWidths &boldWidths = labelFont(painter, 11, true);
    TextWidths &smallWidths = labelFont(painter, 10, false);
    const QFont bold = boldWidths.font();
    const QFont small = smallWidths.font();
    const QFontMetricsF boldMetrics = boldWidths.metrics();
    const QFontMetricsF smallMetrics = smallWidths.metrics();
    constexpr double kPadPx = 4.0;
    MapLabel label;
    label.anchorPx = anchor;
    label.sizePx = QSizeF(std::max(boldWidths.width(line1), smallWidths.width(line2)) + 2.0 * kPadPx,
                          boldMetrics.height() + smallMetrics.height() + kPadPx);
    label.text = line2;
    label.priority = selected ? LabelPriority::SelectedTrack : LabelPriority::Impact;
    label.leaderColour = withAlpha(colour, 0.8);
    const QColor background = context.theme.overlayBackground;
    label.paint = [=](QPainter &p, const QRectF &box) {
        p.setPen(Qt::NoPen);
        p.setBrush(background);
        p.drawRoundedRect(box, 2.0, 2.0);
        p.setPen(colour);
        p.setFont(bold);
        p.drawText(QRectF(box.left(), box.top() + kPadPx / 2.0, box.width(), boldMetrics.height()),
                   Qt::AlignCenter, line1);
        p.setFont(small);
        p.drawText(QRectF(box.left(), box.top() + kPadPx / 2.0 + boldMetrics.height(), box.width(),
                          smallMetrics.height()),
                   Qt::AlignCenter, line2);
    };
    submitLabel(painter, context.labels, std::move(label), viewport.rectPx());
}

void TrackLayer::PixelShape::set(const QPainterPath &pathPx)
{
    bounds = pathPx.boundingRect();
    polygon.clear();
    path = QPainterPath();
    const int n = pathPx.elementCount();
    for (int i = 1; i < n; ++i) {
        if (pathPx.elementAt(i).isMoveTo()) {
            path = pathPx; // more than one piece
            return;
        }
    }
    constexpr double kMinStepPx = 1.5;
    polygon.reserve(n);
    for (int i = 0; i < n; ++i) {
        const QPointF p = pathPx.elementAt(i);
        if (!polygon.isEmpty() && i + 1 != n) {
            const QPointF d = p - polygon.constLast();
            if (d.x() * d.x() + d.y() * d.y() < kMinStepPx * kMinStepPx)
                continue;
        }
        polygon.append(p);
    }
}

void TrackLayer::PixelShape::draw(QPainter &painter, bool closed) const
{
    if (!path.isEmpty())
        painter.drawPath(path);
    else if (closed)
        painter.drawPolygon(polygon);
    else
        painter.drawPolyline(polygon);
}

void TrackLayer::collectTrail(const MapViewport &viewport, const Visible &track, const QColor &colour)
{
    if (m_trailLengthUs <= 0)
        return;
    const std::deque<TrackUpdate> &history = track.record->history;
    const TimeUs nowUs = track.state->timeUs;
    // States up to the one shown, newest last; history is ordered by time. Live, the state
    // shown is the newest, so the search is skipped.
    auto end = !history.empty() && history.back().timeUs <= nowUs
                   ? history.end()
                   : std::upper_bound(history.begin(), history.end(), nowUs,
                                      [](TimeUs t, const TrackUpdate &u) { return t < u.timeUs; });
    auto begin = end - std::min<std::ptrdiff_t>(end - history.begin(),
                                                static_cast<std::ptrdiff_t>(kTrailMaxStates));
    begin = std::lower_bound(begin, end, nowUs - m_trailLengthUs,
                             [](const TrackUpdate &u, TimeUs t) { return u.timeUs < t; });
    if (end - begin < 2)
        return;

    // Projected positions are cached per track and extended with each new state: projecting
    // on the ellipsoid costs about a microsecond a point, far too much for every trail point
    // of every track on every frame. Moving the view is then only an affine transform.
    CachedTrail &cached = m_trails[keyString(track.record->key)];
    cached.seenThisFrame = true;
    const TimeUs firstUs = begin->timeUs;
    const TimeUs lastUs = (end - 1)->timeUs;
    if (cached.projectionRevision != viewport.projectionRevision() || cached.pointsM.empty()
        || cached.pointsM.front().timeUs > firstUs || cached.pointsM.back().timeUs > lastUs) {
        cached.pointsM.clear();
        cached.projectionRevision = viewport.projectionRevision();
        cached.pixelsValid = false;
    }
    while (!cached.pointsM.empty() && cached.pointsM.front().timeUs < firstUs) {
        cached.pointsM.pop_front();
        cached.pixelsValid = false;
    }
    auto from = cached.pointsM.empty()
                    ? begin
                    : std::upper_bound(begin, end, cached.pointsM.back().timeUs,
                                       [](TimeUs t, const TrackUpdate &u) { return t < u.timeUs; });
    const Projection &projection = viewport.projection();
    for (auto it = from; it != end; ++it) {
        QPointF pointM;
        if (projection.forward(it->position.latDeg, it->position.lonDeg, pointM)) {
            cached.pointsM.push_back({it->timeUs, pointM});
            cached.pixelsValid = false;
        }
    }
    if (cached.pointsM.size() < 2)
        return;

    const QTransform toPx = viewport.projectedToPixelTransform();
    if (!cached.pixelsValid || cached.pixelTransform != toPx || cached.pixelNowUs != nowUs)
        buildTrailPixels(cached, toPx, nowUs);
    if (cached.linesPx.empty() || !cached.boundsPx.intersects(viewport.rectPx()))
        return;
    // Segments are collected per colour and band and drawn together after the last track
    // (flushTrails), a few calls per frame rather than one per track and band.
    const QRgb rgb = colour.rgba();
    for (int band = 0; band < kTrailBands; ++band) {
        const auto first = cached.linesPx.begin() + cached.bandStart[static_cast<std::size_t>(band)];
        const auto last = cached.linesPx.begin() + cached.bandStart[static_cast<std::size_t>(band) + 1];
        if (first != last) {
            std::vector<QLineF> &bucket = trailBucket(rgb, band);
            bucket.insert(bucket.end(), first, last);
        }
    }
}

void TrackLayer::buildTrailPixels(CachedTrail &cached, const QTransform &toPx, TimeUs nowUs)
{
    cached.pixelsValid = true;
    cached.pixelTransform = toPx;
    cached.pixelNowUs = nowUs;
    cached.linesPx.clear();
    cached.bandStart.fill(0);

    // Fade with age in a few bands: the newest part nearly opaque, the oldest barely there.
    // A segment's band is that of its newer end.
    const std::size_t n = cached.pointsM.size();
    const double spanUs = std::max<double>(1.0, static_cast<double>(nowUs - cached.pointsM.front().timeUs));
    m_trailPx.resize(n);
    m_trailBands.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        m_trailPx[i] = toPx.map(cached.pointsM[i].pointM);
        const double age = static_cast<double>(nowUs - cached.pointsM[i].timeUs) / spanUs;
        m_trailBands[i] = std::clamp(static_cast<int>((1.0 - age) * kTrailBands), 0, kTrailBands - 1);
    }

    // Simplified to the screen's resolution: a run of points that all lie within half a pixel
    // of one straight line becomes that line (the "sleeve" method: the directions from the
    // run's first point that pass within the tolerance of every point so far form a cone, and
    // the run ends at the first point outside it). A trail is a smooth arc, so its hundreds of
    // states become a few dozen segments at any zoom, and no drawn point moves by more than
    // the tolerance. Runs also end where the age band changes, so the fade is kept.
    constexpr double kTolerancePx = 0.5;
    auto cross = [](const QPointF &a, const QPointF &b) { return a.x() * b.y() - a.y() * b.x(); };
    std::size_t anchor = 0;
    std::size_t last = 0; // the newest point of the current run
    QPointF lo, hi;       // the cone's edges from the anchor; unset while hasCone is false
    bool hasCone = false;
    int runBand = m_trailBands[1];
    QRectF bounds(m_trailPx[0], QSizeF(0.0, 0.0));
    auto emit = [&](std::size_t to, int band) {
        cached.linesPx.emplace_back(m_trailPx[anchor], m_trailPx[to]);
        cached.bandStart[static_cast<std::size_t>(band) + 1] = static_cast<std::uint32_t>(cached.linesPx.size());
        anchor = to;
        hasCone = false;
    };
    for (std::size_t i = 1; i < n; ++i) {
        const QPointF &p = m_trailPx[i];
        bounds |= QRectF(p, QSizeF(0.0, 0.0));
        if (m_trailBands[i] != runBand) {
            if (last != anchor)
                emit(last, runBand);
            runBand = m_trailBands[i];
        }
        QPointF v = p - m_trailPx[anchor];
        double d2 = v.x() * v.x() + v.y() * v.y();
        if (hasCone && (cross(lo, v) < 0.0 || cross(v, hi) < 0.0)) {
            emit(last, runBand);
            v = p - m_trailPx[anchor];
            d2 = v.x() * v.x() + v.y() * v.y();
        }
        last = i;
        if (d2 <= kTolerancePx * kTolerancePx)
            continue; // within the tolerance of the anchor itself: constrains nothing
        // The two directions that pass exactly kTolerancePx from p: v turned by ±asin(tol/d).
        const double d = std::sqrt(d2);
        const double sinA = kTolerancePx / d;
        const double cosA = std::sqrt(1.0 - sinA * sinA);
        const QPointF right(v.x() * cosA + v.y() * sinA, -v.x() * sinA + v.y() * cosA);
        const QPointF left(v.x() * cosA - v.y() * sinA, v.x() * sinA + v.y() * cosA);
        if (!hasCone) {
            lo = right;
            hi = left;
            hasCone = true;
        } else {
            if (cross(lo, right) > 0.0)
                lo = right;
            if (cross(left, hi) > 0.0)
                hi = left;
        }
    }
    if (last != anchor)
        emit(last, runBand); // the newest point always ends the trail, so it meets the symbol
    // Bands no segment fell into start where the band before them ends.
    for (std::size_t b = 1; b < cached.bandStart.size(); ++b)
        cached.bandStart[b] = std::max(cached.bandStart[b], cached.bandStart[b - 1]);
    cached.boundsPx = bounds.adjusted(-1.0, -1.0, 1.0, 1.0);
}

std::vector<QLineF> &TrackLayer::trailBucket(QRgb colour, int band)
{
    for (TrailBucket &bucket : m_trailBuckets) {
        if (bucket.colour == colour && bucket.band == band)
            return bucket.lines;
    }
    m_trailBuckets.push_back({colour, band, {}});
    return m_trailBuckets.back().lines;
}

void TrackLayer::flushTrails(QPainter &painter, double widthPx)
{
    // One-pixel trails are drawn aliased: Qt's aliased hairline is a plain line walk, several
    // times cheaper than the antialiased one, and thin faded lines in their thousands show no
    // stairs worth the cost. Wider trails (few tracks) keep their antialiasing.
    const bool thin = widthPx <= 1.0;
    painter.save();
    if (thin)
        painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setBrush(Qt::NoBrush);
    for (TrailBucket &bucket : m_trailBuckets) {
        if (bucket.lines.empty())
            continue;
        const double age = 1.0 - (bucket.band + 0.5) / kTrailBands;
        QPen pen(withAlpha(QColor::fromRgba(bucket.colour), 0.85 - 0.7 * age), widthPx, Qt::SolidLine,
                 Qt::RoundCap, Qt::RoundJoin);
        pen.setCosmetic(true);
        painter.setPen(pen);
        painter.drawLines(bucket.lines.data(), static_cast<int>(bucket.lines.size()));
        bucket.lines.clear(); // keeps its capacity for the next frame
    }
    painter.restore();
}

void TrackLayer::paintLaunchPoint(QPainter &painter, const MapViewport &viewport,
                                  const Visible &track, const QColor &colour,
                                  const MapTheme &theme, MapLabelCollector *labels)
{
    const TrackUpdate &state = *track.state;
    if (!state.hasLaunch || !track.launchPx)
        return;
    const QPointF px = *track.launchPx;
    constexpr double kArmPx = 6.0;
    painter.setPen(QPen(colour, 1.8));
    painter.drawLine(px - QPointF(kArmPx, 0.0), px + QPointF(kArmPx, 0.0));
    painter.drawLine(px - QPointF(0.0, kArmPx), px + QPointF(0.0, kArmPx));
    if (state.launchTimeUs != kTimeUnset) {
        TextWidths &widths = labelFont(painter, 10, false);
        const QFont font = widths.font();
        const QString text = QStringLiteral("L ") + utcTimeOfDay(state.launchTimeUs);
        MapLabel label;
        label.anchorPx = QRectF(px - QPointF(kArmPx, kArmPx), QSizeF(2 * kArmPx, 2 * kArmPx));
        label.sizePx = QSizeF(widths.width(text) + 4.0, widths.height());
        label.priority = LabelPriority::LaunchPoint;
        label.leaderColour = colour;
        const QColor textColour = readableTextColour(colour, theme);
        const QColor halo = withAlpha(theme.sea, 0.85);
        label.paint = [=](QPainter &p, const QRectF &rect) {
            p.setFont(font);
            paintHaloText(p, rect, Qt::AlignCenter, text, textColour, halo);
        };
        submitLabel(painter, labels, std::move(label), viewport.rectPx());
    }
}

void TrackLayer::submitTrackLabel(QPainter &painter, const MapViewport &viewport,
                                  const Visible &track, const MapRenderContext &context,
                                  bool selected)
{
    const TrackUpdate &state = *track.state;
    const TimeUs referenceUs = context.referenceTimeUs();
    QString line1 = displayName(track) + QLatin1Char(' ') + missileClassShortName(state.missileClass);
    const QString line2 = QStringLiteral("%1 km  %2 km/s")
                              .arg(state.position.altitudeM / 1000.0, 0, 'f', 0)
                              .arg(state.velocity.speedMps() / 1000.0, 0, 'f', 2);
    QString line3 = trackPhaseName(state.phase).toUpper();
    if (state.hasImpact && state.impact.timeUs != kTimeUnset && referenceUs != kTimeUnset)
        line3 += QStringLiteral("  TTI ") + formatCountdown(state.impact.timeUs - referenceUs);
    if (track.stale) {
        const TimeUs ageUs = trackAgeUs(*track.record, state, context.playheadUs, context.liveNowUs);
        line3 = QStringLiteral("STALE %1 s").arg(ageUs / kMicrosPerSecond);
    }

    TextWidths &boldWidths = labelFont(painter, kLabelPixelSize + 1, true);
    TextWidths &normalWidths = labelFont(painter, kLabelPixelSize, false);
    const QFont bold = boldWidths.font();
    const QFont normal = normalWidths.font();
    const QFontMetricsF boldMetrics = boldWidths.metrics();
    const QFontMetricsF metrics = normalWidths.metrics();
    // An object shows one badge per contributing nation (JP US KR), a national track its own.
    std::vector<Nation> nations{track.record->nation};
    if (track.group) {
        nations.clear();
        for (Nation n : track.group->memberNations) {
            if (std::find(nations.begin(), nations.end(), n) == nations.end())
                nations.push_back(n);
        }
    }
    constexpr double kBadgeGapPx = 3.0;
    const double badgesWidth = static_cast<double>(nations.size()) * (kLabelBadgeWidthPx + kBadgeGapPx) - kBadgeGapPx;
    const double width = std::max({badgesWidth + 5.0 + boldWidths.width(line1), normalWidths.width(line2),
                                   normalWidths.width(line3)})
                         + 2.0 * kLabelPadPx;
    const double height = boldMetrics.height() + 2.0 * metrics.height() + 2.0 * kLabelPadPx;

    const MapTheme &theme = context.theme;
    const QColor frameColour = track.stale ? theme.stale : identityColour(state.identity, theme);
    const QColor textColour = track.stale ? theme.stale : theme.overlayText;
    const QColor line3Colour = track.stale ? theme.stale : (state.hasImpact ? theme.impact : textColour);
    const QPen boxPen = selected ? QPen(theme.selection, 1.2) : QPen(Qt::NoPen);
    const QColor background = theme.overlayBackground;

    const double r = kTrackSymbolRadiusPx + 2.0;
    MapLabel label;
    label.anchorPx = QRectF(track.positionPx - QPointF(r, r), QSizeF(2.0 * r, 2.0 * r));
    label.sizePx = QSizeF(width, height);
    label.text = line1;
    label.priority = selected ? LabelPriority::SelectedTrack : LabelPriority::Track;
    label.mandatory = selected;
    label.leaderColour = withAlpha(frameColour, 0.8);
    label.paint = [=](QPainter &p, const QRectF &box) {
        p.setPen(boxPen);
        p.setBrush(background);
        p.drawRoundedRect(box, 3.0, 3.0);
        const double textWidth = box.width() - 2.0 * kLabelPadPx;
        double y = box.top() + kLabelPadPx;
        QRectF badge(box.left() + kLabelPadPx, y + 2.0, kLabelBadgeWidthPx, boldMetrics.height() - 4.0);
        for (std::size_t i = 0; i < nations.size(); ++i) {
            if (i > 0)
                badge.translate(kLabelBadgeWidthPx + kBadgeGapPx, 0.0);
            paintNationBadge(p, badge, nations[i]);
        }
        p.setFont(bold);
        p.setPen(textColour);
        p.drawText(QRectF(badge.right() + 5.0, y, textWidth, boldMetrics.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, line1);
        y += boldMetrics.height();
        p.setFont(normal);
        p.drawText(QRectF(box.left() + kLabelPadPx, y, textWidth, metrics.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, line2);
        y += metrics.height();
        p.setPen(line3Colour);
        p.drawText(QRectF(box.left() + kLabelPadPx, y, textWidth, metrics.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, line3);
    };
    submitLabel(painter, context.labels, std::move(label), viewport.rectPx());
}

TextWidths &TrackLayer::labelFont(const QPainter &painter, int pixelSize, bool bold)
{
    if (!(painter.font() == m_labelBaseFont)) {
        m_labelBaseFont = painter.font();
        m_labelFonts.clear();
    }
    for (const auto &widths : m_labelFonts) {
        if (widths->font().pixelSize() == pixelSize && widths->font().bold() == bold)
            return *widths;
    }
    m_labelFonts.push_back(std::make_unique<TextWidths>(pixelFont(painter, pixelSize, bold)));
    return *m_labelFonts.back();
}

void TrackLayer::paintEllipseHistory(QPainter &painter, const MapViewport &viewport,
                                     const Visible &track, CachedImpact &cached,
                                     const QColor &colour)
{
    // Walk back through the history from the state shown, keeping predictions at least the
    // spacing apart, newest first.
    const std::deque<TrackUpdate> &history = track.record->history;
    std::vector<const TrackUpdate *> chosen;
    TimeUs nextBeforeUs = track.state->timeUs - kEllipseHistorySpacingUs;
    for (auto it = history.rbegin(); it != history.rend() && static_cast<int>(chosen.size()) < kEllipseHistoryCount; ++it) {
        if (it->timeUs > nextBeforeUs || !it->hasImpact)
            continue;
        chosen.push_back(&*it);
        nextBeforeUs = it->timeUs - kEllipseHistorySpacingUs;
    }
    if (cached.historyProjectionRevision != viewport.projectionRevision()) {
        cached.history.clear();
        cached.historyProjectionRevision = viewport.projectionRevision();
    }
    // Keep the outlines still wanted, build the new ones (one per update at most, usually).
    std::vector<CachedImpact::Earlier> kept;
    for (const TrackUpdate *state : chosen) {
        auto found = std::find_if(cached.history.begin(), cached.history.end(),
                                  [&](const CachedImpact::Earlier &e) { return e.timeUs == state->timeUs; });
        if (found != cached.history.end()) {
            kept.push_back(std::move(*found));
            continue;
        }
        const ImpactEllipse ellipse(state->impact.point, state->impact.covarianceM2, kImpactEllipseK95, 64);
        kept.push_back({state->timeUs, projectPolyline(viewport.projection(), ellipse.outline(), true, 2'000'000.0).path});
    }
    cached.history = std::move(kept);
    cached.lastHistoryCount = static_cast<int>(cached.history.size());

    // Faint, and fainter the older: the eye reads the sequence as the prediction closing in.
    const QTransform toPx = viewport.projectedToPixelTransform();
    painter.setBrush(Qt::NoBrush);
    const double n = static_cast<double>(cached.history.size());
    for (std::size_t i = 0; i < cached.history.size(); ++i) {
        const double alpha = 0.55 - 0.4 * static_cast<double>(i) / std::max(1.0, n - 1.0);
        painter.setPen(QPen(withAlpha(colour, alpha), 1.0, Qt::DotLine));
        painter.drawPath(toPx.map(cached.history[i].ellipse95M));
    }
}

int TrackLayer::lastEllipseHistoryCount(const TrackKey &key) const
{
    const auto found = m_impacts.find(keyString(key));
    return found == m_impacts.end() ? 0 : found->second.lastHistoryCount;
}

bool TrackLayer::isShown(const TrackRecord &record, const TrackUpdate &state,
                         const MapRenderContext &context)
{
    const TimeUs ageUs = trackAgeUs(record, state, context.playheadUs, context.liveNowUs);
    return ageUs == kTimeUnset || ageUs <= kRemoveAfterUs;
}

void TrackLayer::paintPredictedPath(QPainter &painter, const MapViewport &viewport,
                                    const Visible &track, const QColor &colour)
{
    const std::string key = keyString(track.record->key);
    CachedPredictedPath &cached = m_predictedPath;
    if (cached.key != key || cached.stateTimeUs != track.state->timeUs
        || cached.projectionRevision != viewport.projectionRevision()) {
        cached = CachedPredictedPath{key, track.state->timeUs, viewport.projectionRevision(), {}, {}};
        PathPredictionOptions options;
        options.sampleIntervalS = 10.0;
        if (const std::optional<PredictedPath> path = predictBallisticPath(*track.state, options)) {
            GeoRing ring;
            ring.reserve(path->points.size());
            for (std::size_t i = 0; i < path->points.size(); ++i) {
                ring.push_back({path->points[i].latDeg, path->points[i].lonDeg});
                // Every sixth 10 s sample: one mark per minute of flight still ahead.
                if (i > 0 && i % 6 == 0)
                    cached.minuteMarks.push_back(path->points[i]);
            }
            cached.pathM = projectPolyline(viewport.projection(), ring, false, 2'000'000.0).path;
        }
    }
    if (cached.pathM.isEmpty())
        return;
    // The selected track's whole way down: solid and brighter than the dashed link to the
    // impact point, with a dot per minute so the operator reads how long is left.
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(withAlpha(colour, 0.9), 1.8, Qt::SolidLine, Qt::RoundCap));
    painter.drawPath(viewport.projectedToPixelTransform().map(cached.pathM));
    painter.setPen(Qt::NoPen);
    painter.setBrush(colour);
    for (const GeoPosition &mark : cached.minuteMarks) {
        QPointF px;
        if (viewport.toPixel(mark.latDeg, mark.lonDeg, px))
            painter.drawEllipse(px, 2.5, 2.5);
    }
}

std::optional<TrackKey> TrackLayer::trackAt(const MapViewport &viewport,
                                            const MapRenderContext &context,
                                            const QPointF &pointPx, double radiusPx) const
{
    if (!context.picture)
        return std::nullopt;
    std::optional<TrackKey> best;
    double bestDistance2 = radiusPx * radiusPx;
    context.picture->forEachTrackAt(context.playheadUs, [&](const TrackRecord &record,
                                                            const TrackUpdate &state) {
        QPointF px;
        if (!isShown(record, state, context) || !viewport.toPixel(state.position.latDeg, state.position.lonDeg, px))
            return;
        const QPointF d = px - pointPx;
        const double distance2 = d.x() * d.x() + d.y() * d.y();
        if (distance2 <= bestDistance2) {
            bestDistance2 = distance2;
            best = record.key;
        }
    });
    // Any member's position picks its object, which the map shows as its representative.
    if (best && context.trackGroups) {
        if (const MapTrackGroup *group = context.trackGroups->groupOf(*best))
            best = group->representative;
    }
    return best;
}

void TrackLayer::keepOnePerGroup(std::vector<Visible> &tracks, const MapTrackGroups &groups,
                                 std::vector<Visible> &hidden)
{
    std::vector<Visible> kept;
    kept.reserve(tracks.size());
    std::unordered_map<const MapTrackGroup *, std::size_t> keptIndex;
    for (Visible &v : tracks) {
        v.group = groups.groupOf(v.record->key);
        if (!v.group) {
            kept.push_back(v);
            continue;
        }
        const auto [it, inserted] = keptIndex.try_emplace(v.group, kept.size());
        if (inserted) {
            kept.push_back(v);
            continue;
        }
        Visible &current = kept[it->second];
        if (v.record->key == v.group->representative) {
            hidden.push_back(current);
            current = v;
        } else {
            hidden.push_back(v);
        }
    }
    tracks = std::move(kept);
}

QString TrackLayer::displayName(const Visible &track)
{
    return track.group ? QStringLiteral("C%1").arg(track.group->objectId)
                       : QString::fromStdString(track.record->key.trackId);
}

void TrackLayer::paintMemberSpread(QPainter &painter, const MapViewport &viewport,
                                   const std::vector<const Visible *> &members)
{
    const QTransform toPx = viewport.projectedToPixelTransform();
    painter.setBrush(Qt::NoBrush);
    for (const Visible *member : members) {
        const QColor colour = nationColour(member->record->nation);
        if (member->state->hasImpact) {
            const ImpactPrediction &impact = member->state->impact;
            const CachedImpact &cached = impactFor(keyString(member->record->key), impact, viewport);
            QPen pen(colour, 1.6);
            pen.setCosmetic(true);
            painter.setPen(pen);
            painter.drawPath(toPx.map(cached.ellipse95M));
            QPointF impactPx;
            if (viewport.toPixel(impact.point.latDeg, impact.point.lonDeg, impactPx)) {
                painter.setPen(Qt::NoPen);
                painter.setBrush(colour);
                painter.drawEllipse(impactPx, 2.5, 2.5);
                painter.setBrush(Qt::NoBrush);
            }
        }
        // A short tick across the national track's own position, in its nation's colour.
        constexpr double kTickPx = 4.0;
        painter.setPen(QPen(colour, 2.0, Qt::SolidLine, Qt::RoundCap));
        painter.drawLine(member->positionPx - QPointF(kTickPx, kTickPx), member->positionPx + QPointF(kTickPx, kTickPx));
        ++m_lastMemberTicks;
    }
}

std::optional<TrackLayer::ImpactEllipsesPx> TrackLayer::lastImpactEllipses(const TrackKey &key) const
{
    const auto found = m_impacts.find(keyString(key));
    if (found == m_impacts.end())
        return std::nullopt;
    return found->second.lastPx;
}

std::vector<MapLegendEntry> TrackLayer::legendEntries(const MapRenderContext &context) const
{
    const MapTheme theme = context.theme;
    std::vector<MapLegendEntry> entries;
    entries.push_back({QStringLiteral("Hostile track"), [theme](QPainter &painter, const QRectF &icon) {
                           TrackSymbolStyle style{theme.hostile, true, false, std::nullopt};
                           painter.translate(icon.center());
                           painter.scale(0.6, 0.6);
                           paintTrackSymbol(painter, QPointF(), Identity::Hostile, style, theme);
                       }});
    const QString staleText = QStringLiteral("Stale (no update > %1 s; off the map after %2 s)")
                                  .arg(kStaleAfterUs / kMicrosPerSecond)
                                  .arg(kRemoveAfterUs / kMicrosPerSecond);
    entries.push_back({staleText, [theme](QPainter &painter, const QRectF &icon) {
                           TrackSymbolStyle style{theme.stale, false, false, std::nullopt};
                           painter.translate(icon.center());
                           painter.scale(0.6, 0.6);
                           paintTrackSymbol(painter, QPointF(), Identity::Hostile, style, theme);
                       }});
    return entries;
}

} // namespace cop
