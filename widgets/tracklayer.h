// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/picture.h"
#include "core/trackage.h"
#include "widgets/maplayer.h"

#include <QPainterPath>
#include <QPointF>
#include <QRectF>
#include <QString>

#include <cstdint>
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
    // Trail length: enough to see the arc of a short-range flight without smearing the map.
    static constexpr TimeUs kTrailMaxAgeUs = 10 * 60 * kMicrosPerSecond;
    static constexpr std::size_t kTrailMaxStates = 600;
    // Clicks within this distance of a symbol select it.
    static constexpr double kPickRadiusPx = 14.0;

    TrackLayer();
    ~TrackLayer() override;

    QString id() const override { return QStringLiteral("tracks"); }
    void paint(QPainter &painter, const MapViewport &viewport,
               const MapRenderContext &context) override;
    std::vector<MapLegendEntry> legendEntries(const MapRenderContext &context) const override;

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

private:
    struct Visible
    {
        const TrackRecord *record = nullptr;
        const TrackUpdate *state = nullptr;
        QPointF positionPx;
        bool stale = false;
    };
    struct CachedImpact
    {
        // What the ellipses were built from; a change of any of these rebuilds them.
        GeoPosition point;
        EnuCovariance2 covarianceM2;
        std::uint64_t projectionRevision = 0;
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
    };

    CachedImpact &impactFor(const std::string &key, const ImpactPrediction &impact,
                            const MapViewport &viewport);
    // Draws the ellipses and the impact point; hands the countdown label to the label pass.
    void paintImpact(QPainter &painter, const MapViewport &viewport, const Visible &track,
                     const MapRenderContext &context);
    void paintTrail(QPainter &painter, const MapViewport &viewport, const Visible &track,
                    const QColor &colour) const;
    void paintLaunchPoint(QPainter &painter, const MapViewport &viewport, const Visible &track,
                          const QColor &colour, const MapTheme &theme,
                          MapLabelCollector *labels) const;
    static constexpr int kLabelPixelSize = 11;
    static constexpr double kLabelPadPx = 4.0;
    static constexpr double kLabelBadgeWidthPx = 22.0;
    // Track id and missile class after the nation badge; altitude and speed; phase and time
    // to impact, or how stale.
    void submitTrackLabel(QPainter &painter, const MapViewport &viewport, const Visible &track,
                          const MapRenderContext &context, bool selected) const;

    std::unordered_map<std::string, CachedImpact> m_impacts;
};

// Countdown to a future time as mm:ss (h:mm:ss beyond an hour); negative times read 00:00.
QString formatCountdown(TimeUs remainingUs);

} // namespace cop
