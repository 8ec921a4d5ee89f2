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

// Direction of movement on screen, radians clockwise from up, found by projecting a point a
// short way along the heading: meridians lean across an azimuthal map, so a geographic
// heading is not a screen angle.
std::optional<double> screenHeading(const MapViewport &viewport, const TrackUpdate &state,
                                    const QPointF &positionPx)
{
    constexpr double kMinGroundSpeedMps = 1.0;
    constexpr double kProbeM = 20'000.0;
    if (state.velocity.groundSpeedMps() < kMinGroundSpeedMps)
        return std::nullopt;
    double latDeg = 0.0, lonDeg = 0.0;
    GeographicLib::Geodesic::WGS84().Direct(state.position.latDeg, state.position.lonDeg,
                                            state.velocity.headingDeg(), kProbeM, latDeg, lonDeg);
    QPointF aheadPx;
    if (!viewport.toPixel(latDeg, lonDeg, aheadPx) || aheadPx == positionPx)
        return std::nullopt;
    const QPointF d = aheadPx - positionPx;
    return std::atan2(d.x(), -d.y());
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
    context.picture->forEachTrackAt(context.playheadUs, [&](const TrackRecord &record,
                                                            const TrackUpdate &state) {
        if (!isShown(record, state, context))
            return;
        Visible v{&record, &state, {}, isTrackStale(record, state, context.playheadUs, context.liveNowUs)};
        if (viewport.toPixel(state.position.latDeg, state.position.lonDeg, v.positionPx))
            tracks.push_back(v);
    });
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
        style.headingScreenRad = screenHeading(viewport, *track.state, track.positionPx);
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

TrackLayer::CachedImpact &TrackLayer::impactFor(const std::string &key,
                                                const ImpactPrediction &impact,
                                                const MapViewport &viewport)
{
    CachedImpact &cached = m_impacts[key];
    cached.seenThisFrame = true;
    if (cached.projectionRevision != viewport.projectionRevision() || !(cached.point == impact.point)
        || !(cached.covarianceM2 == impact.covarianceM2)) {
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
    QPointF impactPx;
    if (!viewport.toPixel(impact.point.latDeg, impact.point.lonDeg, impactPx))
        return;
    const QColor colour = track.stale ? context.theme.stale : context.theme.impact;
    const QTransform toPx = viewport.projectedToPixelTransform();

    CachedImpact &cached = impactFor(keyString(track.record->key), impact, viewport);

    // Predicted path: the geodesic from the track to its impact point, thin and dashed, so the
    // eye links a symbol to its ellipse without it reading as a trajectory.
    {
        const GeoPosition &from = track.state->position;
        if (!(cached.pathFrom == from) || !(cached.pathTo == impact.point)
            || cached.pathProjectionRevision != viewport.projectionRevision()) {
            const GeoRing path = geodesicPolyline({from.latDeg, from.lonDeg},
                                                  {impact.point.latDeg, impact.point.lonDeg}, 20'000.0);
            cached.pathM = projectPolyline(viewport.projection(), path, false, 2'000'000.0).path;
            cached.pathFrom = from;
            cached.pathTo = impact.point;
            cached.pathProjectionRevision = viewport.projectionRevision();
            cached.pixelPathsValid = false;
        }
        // Pixel paths are kept while neither the geometry nor the view changes (most frames).
        if (!cached.pixelPathsValid || cached.pixelTransform != toPx) {
            cached.pathPx = toPx.map(cached.pathM);
            cached.ellipse95Px = toPx.map(cached.ellipse95M);
            cached.ellipse50Px = toPx.map(cached.ellipse50M);
            cached.pixelTransform = toPx;
            cached.pixelPathsValid = true;
        }
        // One pixel, cosmetic: Qt's fast hairline path also does dashes.
        QPen pen(withAlpha(colour, 0.55), 1.0);
        pen.setCosmetic(true);
        pen.setDashPattern({4.0, 4.0});
        painter.setPen(pen);
        painter.setBrush(Qt::NoBrush);
        painter.drawPath(cached.pathPx);
    }

    const bool selected = track.selected;
    cached.lastHistoryCount = 0;
    if (m_ellipseHistory || selected)
        paintEllipseHistory(painter, viewport, track, cached, colour);

    const QPainterPath &e95 = cached.ellipse95Px;
    const QPainterPath &e50 = cached.ellipse50Px;
    cached.lastPx = {e50.boundingRect(), e95.boundingRect()};
    QPen pen95(colour, 1.0);
    pen95.setCosmetic(true);
    pen95.setDashPattern({5.0, 3.0});
    painter.setPen(pen95);
    painter.setBrush(withAlpha(colour, 0.10));
    painter.drawPath(e95);
    QPen pen50(colour, 1.0);
    pen50.setCosmetic(true);
    painter.setPen(pen50);
    painter.setBrush(withAlpha(colour, 0.22));
    painter.drawPath(e50);

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
    const QFont bold = pixelFont(painter, 11, true);
    const QFont small = pixelFont(painter, 10);
    const QFontMetricsF boldMetrics(bold);
    const QFontMetricsF smallMetrics(small);
    constexpr double kPadPx = 4.0;
    MapLabel label;
    label.anchorPx = anchor;
    label.sizePx = QSizeF(std::max(boldMetrics.horizontalAdvance(line1), smallMetrics.horizontalAdvance(line2))
                              + 2.0 * kPadPx,
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

void TrackLayer::collectTrail(const MapViewport &viewport, const Visible &track, const QColor &colour)
{
    if (m_trailLengthUs <= 0)
        return;
    const std::deque<TrackUpdate> &history = track.record->history;
    const TimeUs nowUs = track.state->timeUs;
    // States up to the one shown, newest last; history is ordered by time.
    auto end = std::upper_bound(history.begin(), history.end(), nowUs,
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
    }
    while (!cached.pointsM.empty() && cached.pointsM.front().timeUs < firstUs)
        cached.pointsM.pop_front();
    auto from = cached.pointsM.empty()
                    ? begin
                    : std::upper_bound(begin, end, cached.pointsM.back().timeUs,
                                       [](TimeUs t, const TrackUpdate &u) { return t < u.timeUs; });
    const Projection &projection = viewport.projection();
    for (auto it = from; it != end; ++it) {
        QPointF pointM;
        if (projection.forward(it->position.latDeg, it->position.lonDeg, pointM))
            cached.pointsM.push_back({it->timeUs, pointM});
    }
    if (cached.pointsM.size() < 2)
        return;

    // Thin out with the zoom level: a point closer than a few pixels to the last kept one
    // adds nothing but cost. The newest point always stays, so the trail meets the symbol.
    constexpr double kMinStepPx = 3.0;
    const QTransform toPx = viewport.projectedToPixelTransform();
    m_trailPx.clear();
    m_trailTimesUs.clear();
    const std::size_t n = cached.pointsM.size();
    for (std::size_t i = 0; i < n; ++i) {
        const QPointF px = toPx.map(cached.pointsM[i].pointM);
        if (!m_trailPx.empty() && i + 1 != n) {
            const QPointF d = px - m_trailPx.back();
            if (d.x() * d.x() + d.y() * d.y() < kMinStepPx * kMinStepPx)
                continue;
        }
        m_trailPx.push_back(px);
        m_trailTimesUs.push_back(cached.pointsM[i].timeUs);
    }
    if (m_trailPx.size() < 2)
        return;

    // Fade with age in a few bands: the newest part nearly opaque, the oldest barely there.
    // Segments are collected per colour and band and drawn together after the last track
    // (flushTrails), a few calls per frame rather than one per track and band.
    const double spanUs = std::max<double>(1.0, static_cast<double>(nowUs - m_trailTimesUs.front()));
    const QRgb rgb = colour.rgba();
    for (std::size_t i = 1; i < m_trailPx.size(); ++i) {
        const double age = static_cast<double>(nowUs - m_trailTimesUs[i]) / spanUs;
        const int band = std::clamp(static_cast<int>((1.0 - age) * kTrailBands), 0, kTrailBands - 1);
        trailBucket(rgb, band).push_back(QLineF(m_trailPx[i - 1], m_trailPx[i]));
    }
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
}

void TrackLayer::paintLaunchPoint(QPainter &painter, const MapViewport &viewport,
                                  const Visible &track, const QColor &colour,
                                  const MapTheme &theme, MapLabelCollector *labels) const
{
    const TrackUpdate &state = *track.state;
    QPointF px;
    if (!state.hasLaunch || !viewport.toPixel(state.launchPoint.latDeg, state.launchPoint.lonDeg, px))
        return;
    constexpr double kArmPx = 6.0;
    painter.setPen(QPen(colour, 1.8));
    painter.drawLine(px - QPointF(kArmPx, 0.0), px + QPointF(kArmPx, 0.0));
    painter.drawLine(px - QPointF(0.0, kArmPx), px + QPointF(0.0, kArmPx));
    if (state.launchTimeUs != kTimeUnset) {
        const QFont font = pixelFont(painter, 10);
        const QString text = QStringLiteral("L ") + utcTimeOfDay(state.launchTimeUs);
        const QFontMetricsF metrics(font);
        MapLabel label;
        label.anchorPx = QRectF(px - QPointF(kArmPx, kArmPx), QSizeF(2 * kArmPx, 2 * kArmPx));
        label.sizePx = QSizeF(metrics.horizontalAdvance(text) + 4.0, metrics.height());
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
                                  bool selected) const
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

    const QFont bold = pixelFont(painter, kLabelPixelSize + 1, true);
    const QFont normal = pixelFont(painter, kLabelPixelSize);
    const QFontMetricsF boldMetrics(bold);
    const QFontMetricsF metrics(normal);
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
    const double width = std::max({badgesWidth + 5.0 + boldMetrics.horizontalAdvance(line1),
                                   metrics.horizontalAdvance(line2), metrics.horizontalAdvance(line3)})
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
