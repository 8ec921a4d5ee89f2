// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/picture.h"
#include "core/trackage.h"
#include "widgets/maplayer.h"
#include "widgets/maptrackgroups.h"
#include "widgets/textwidths.h"

#include <QColor>
#include <QLineF>
#include <QPainterPath>
#include <QPolygonF>
#include <QTransform>
#include <QPointF>
#include <QRectF>
#include <QString>

#include <algorithm>
#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace cop {

class MapLabelCollector;
class MapViewport;
struct MapTheme;

// Tracks at the playhead: the symbol with its direction of movement, a label (track id,
// nation badge, altitude, speed, phase, time to impact), a fading trail, the launch point
// and the predicted impact point with its 50 % and 95 % ellipses and a countdown.
class TrackLayer : public MapLayer
{
public:
    // A track not updated for this long (feed time, at the playhead) is drawn grey: sources
    // update a ballistic track at 1 Hz or faster, so ten seconds of silence means several
    // missed updates and a position that may be tens of kilometres wrong. Greying is the
    // display's way of never going stale silently.
    static constexpr TimeUs kStaleAfterUs = kTrackStaleAfterUs;
    // A track silent for this long leaves the map (it stays in the picture, the track table
    // and any replay). Two minutes: long enough to ride out a gap between two radars' coverage
    // in midcourse, short enough that a dead track does not sit on the map for the rest of the
    // watch. Tracks their source dropped leave at once.
    static constexpr TimeUs kRemoveAfterUs = 120 * kMicrosPerSecond;
    // Default trail length: enough to see the arc of a short-range flight without smearing the
    // map. The operator can choose another (setTrailLength).
    static constexpr TimeUs kDefaultTrailLengthUs = 5 * 60 * kMicrosPerSecond;
    // Above this many tracks on the map, trails are drawn one pixel wide.
    static constexpr std::size_t kThinTrailsAboveTracks = 300;
    // The picture keeps at most 1,024 states per track; a trail never needs more.
    static constexpr std::size_t kTrailMaxStates = 1024;
    // Clicks within this distance of a symbol select it.
    static constexpr double kPickRadiusPx = 14.0;

    TrackLayer();
    ~TrackLayer() override;

    QString id() const override { return QStringLiteral("tracks"); }
    void paint(QPainter &painter, const MapViewport &viewport,
               const MapRenderContext &context) override;
    std::vector<MapLegendEntry> legendEntries(const MapRenderContext &context) const override;

    // How much history the trail shows; 0 hides trails.
    void setTrailLength(TimeUs lengthUs) { m_trailLengthUs = std::max<TimeUs>(0, lengthUs); }
    TimeUs trailLength() const { return m_trailLengthUs; }
    // Earlier 95 % ellipses of every track, drawn faint, to show how the prediction shrank.
    // The selected track always shows its own.
    void setEllipseHistoryVisible(bool visible) { m_ellipseHistory = visible; }
    bool isEllipseHistoryVisible() const { return m_ellipseHistory; }
    // At most this many earlier ellipses, at least kEllipseHistorySpacingUs apart.
    static constexpr int kEllipseHistoryCount = 8;
    static constexpr TimeUs kEllipseHistorySpacingUs = 15 * kMicrosPerSecond;
    // How many earlier ellipses were drawn for a track in the last frame (for tests).
    int lastEllipseHistoryCount(const TrackKey &key) const;

    // Whether a track is on the map at all (see kRemoveAfterUs).
    static bool isShown(const TrackRecord &record, const TrackUpdate &state,
                        const MapRenderContext &context);

    // The track whose symbol is nearest pointPx within radiusPx, if any.
    std::optional<TrackKey> trackAt(const MapViewport &viewport, const MapRenderContext &context,
                                    const QPointF &pointPx,
                                    double radiusPx = kPickRadiusPx) const;

    // Impact ellipses as last drawn (pixels), for tests: 50 % and 95 % outline bounds.
    struct ImpactEllipsesPx
    {
        QRectF bounds50;
        QRectF bounds95;
    };
    std::optional<ImpactEllipsesPx> lastImpactEllipses(const TrackKey &key) const;
    // National tracks of the selected object drawn as ticks in the last frame (for tests).
    int lastMemberTickCount() const { return m_lastMemberTicks; }

private:
    struct Visible
    {
        const TrackRecord *record = nullptr;
        const TrackUpdate *state = nullptr;
        QPointF positionPx;
        std::optional<double> headingScreenRad; // see screenHeading
        std::optional<QPointF> launchPx;
        bool stale = false;
        // The correlated object this track stands for on the map, if any.
        const MapTrackGroup *group = nullptr;
        bool selected = false; // the track, or any member of its object, is selected
    };
    // Keeps one track per group (its representative if shown); the others go to hidden.
    static void keepOnePerGroup(std::vector<Visible> &tracks, const MapTrackGroups &groups,
                                std::vector<Visible> &hidden);
    // The selected object's members: each nation's 95 % ellipse in its colour, side by side,
    // and a small tick at each national track's position, so the spread stays visible.
    void paintMemberSpread(QPainter &painter, const MapViewport &viewport,
                           const std::vector<const Visible *> &members);
    // What the map calls a track: the object id (C7) for a group, else the track id.
    static QString displayName(const Visible &track);
    // A cached shape in pixels: one polygon when the projected path has a single piece (the
    // usual case; drawn without the QPainterPath machinery), else the path. Vertices closer
    // than a pixel and a half to the last kept one are dropped: at the theatre scale a 96-point
    // ellipse is a few dozen pixels across, while zoomed in every vertex stays.
    struct PixelShape
    {
        QPolygonF polygon;
        QPainterPath path; // only when the shape has more than one piece
        QRectF bounds;
        void set(const QPainterPath &pathPx);
        void draw(QPainter &painter, bool closed) const;
    };
    struct CachedImpact
    {
        // What the ellipses were built from; a change of any of these rebuilds them.
        GeoPosition point;
        EnuCovariance2 covarianceM2;
        std::uint64_t projectionRevision = 0;
        bool pointProjected = false;
        QPointF pointM; // the impact point, projected
        QPainterPath ellipse50M;
        QPainterPath ellipse95M;
        // The dashed geodesic from the track to its impact point: rebuilt when the track
        // moves (an update), not every frame.
        GeoPosition pathFrom;
        GeoPosition pathTo;
        std::uint64_t pathProjectionRevision = 0;
        QPainterPath pathM;
        ImpactEllipsesPx lastPx;
        bool seenThisFrame = false;
        // The three shapes in pixels for the view they were last drawn in, thinned to the
        // screen's resolution (see PixelShape).
        bool pixelPathsValid = false;
        QTransform pixelTransform;
        PixelShape pathPx;
        PixelShape ellipse95Px;
        PixelShape ellipse50Px;
        // Earlier 95 % outlines, keyed by the time of the state that predicted them.
        struct Earlier
        {
            TimeUs timeUs = kTimeUnset;
            QPainterPath ellipse95M;
        };
        std::vector<Earlier> history;
        std::uint64_t historyProjectionRevision = 0;
        int lastHistoryCount = 0;
    };
    void paintEllipseHistory(QPainter &painter, const MapViewport &viewport, const Visible &track,
                             CachedImpact &cached, const QColor &colour);

    CachedImpact &impactFor(const std::string &key, const ImpactPrediction &impact,
                            const MapViewport &viewport);
    // Draws the ellipses and the impact point; hands the countdown label to the label pass.
    void paintImpact(QPainter &painter, const MapViewport &viewport, const Visible &track,
                     const MapRenderContext &context);
    // Trails: segments gathered per colour and age band, then drawn in a few calls.
    void collectTrail(const MapViewport &viewport, const Visible &track, const QColor &colour);
    std::vector<QLineF> &trailBucket(QRgb colour, int band);
    void flushTrails(QPainter &painter, double widthPx);
    static constexpr int kTrailBands = 5;
    struct TrailBucket
    {
        QRgb colour;
        int band;
        std::vector<QLineF> lines;
    };
    std::vector<TrailBucket> m_trailBuckets;
    void paintLaunchPoint(QPainter &painter, const MapViewport &viewport, const Visible &track,
                          const QColor &colour, const MapTheme &theme,
                          MapLabelCollector *labels);
    static constexpr int kLabelPixelSize = 11;
    static constexpr double kLabelPadPx = 4.0;
    static constexpr double kLabelBadgeWidthPx = 22.0;
    // Track id and missile class after the nation badge; altitude and speed; phase and time
    // to impact, or how stale.
    void submitTrackLabel(QPainter &painter, const MapViewport &viewport, const Visible &track,
                          const MapRenderContext &context, bool selected);
    // Label fonts with their character widths, kept while the painter's font stays the same.
    TextWidths &labelFont(const QPainter &painter, int pixelSize, bool bold);
    QFont m_labelBaseFont;
    std::vector<std::unique_ptr<TextWidths>> m_labelFonts;

    // The selected track's predicted ballistic path to the ground (core's propagator), in
    // projected metres, rebuilt when the track is updated or the projection changes.
    struct CachedPredictedPath
    {
        std::string key;
        TimeUs stateTimeUs = kTimeUnset;
        std::uint64_t projectionRevision = 0;
        QPainterPath pathM;
        std::vector<GeoPosition> minuteMarks; // a dot per minute of flight ahead
    };
    void paintPredictedPath(QPainter &painter, const MapViewport &viewport, const Visible &track,
                            const QColor &colour);

    struct CachedTrail
    {
        struct Point
        {
            TimeUs timeUs;
            QPointF pointM;
        };
        std::uint64_t projectionRevision = 0;
        std::deque<Point> pointsM; // oldest first, the trail's states projected
        bool seenThisFrame = false;
        // The trail in pixels, simplified and split by age band (band b is
        // linesPx[bandStart[b], bandStart[b + 1])), for the view and the newest state it was
        // built for: a frame over an unchanged track and view only copies these.
        bool pixelsValid = false;
        QTransform pixelTransform;
        TimeUs pixelNowUs = kTimeUnset;
        std::vector<QLineF> linesPx;
        std::array<std::uint32_t, kTrailBands + 1> bandStart{};
        QRectF boundsPx;
    };
    // Builds cached.linesPx from cached.pointsM.
    void buildTrailPixels(CachedTrail &cached, const QTransform &toPx, TimeUs nowUs);

    // Each shown track's position and a point a short way along its heading, projected
    // (metres), for the state and projection they were computed from: the geodesic work is
    // then done once per update instead of every frame. Keyed by the record; the state's
    // values are compared too, so a record freed and another allocated at the same address
    // cannot be mistaken for it.
    struct CachedPosition
    {
        std::uint64_t projectionRevision = 0;
        GeoPosition position;
        EnuVelocity velocity;
        bool projected = false;
        QPointF pointM;
        std::optional<QPointF> aheadM;
        // The launch point, projected when it first arrives or changes.
        bool launchValid = false;
        GeoPosition launchPoint;
        std::optional<QPointF> launchM;
        bool seenThisFrame = false;
    };
    CachedPosition &positionFor(const TrackRecord &record, const TrackUpdate &state,
                                const MapViewport &viewport);
    std::unordered_map<const TrackRecord *, CachedPosition> m_positions;

    std::unordered_map<std::string, CachedImpact> m_impacts;
    std::unordered_map<std::string, CachedTrail> m_trails;
    // Scratch buffers reused by every trail, so a frame allocates nothing for them.
    std::vector<QPointF> m_trailPx;
    std::vector<int> m_trailBands;
    CachedPredictedPath m_predictedPath;
    TimeUs m_trailLengthUs = kDefaultTrailLengthUs;
    bool m_ellipseHistory = false;
    int m_lastMemberTicks = 0;
};

// Countdown to a future time as mm:ss (h:mm:ss beyond an hour); negative times read 00:00.
QString formatCountdown(TimeUs remainingUs);

} // namespace cop
