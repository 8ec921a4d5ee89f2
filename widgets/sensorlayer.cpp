// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/sensorlayer.h"

#include "widgets/geoshapes.h"
#include "widgets/maplabels.h"
#include "widgets/maprendercontext.h"
#include "widgets/maptext.h"
#include "widgets/mapviewport.h"
#include "widgets/nationpalette.h"

#include <QFontMetricsF>
#include <QPaintDevice>
#include <QPainter>

#include <functional>

namespace cop {
namespace {

bool sameCoverage(const SensorCoverage &a, const SensorCoverage &b)
{
    return a.boresightAzimuthDeg == b.boresightAzimuthDeg
           && a.azimuthHalfWidthDeg == b.azimuthHalfWidthDeg && a.maxRangeM == b.maxRangeM;
}

QColor withAlpha(QColor colour, double alpha)
{
    colour.setAlphaF(static_cast<float>(alpha));
    return colour;
}

QColor sensorColour(const SensorRecord &record, const SensorStatus &status, const MapTheme &theme)
{
    if (status.state == SensorState::Offline)
        return theme.offline;
    return nationColour(record.nation);
}

// Site symbol: a square for a ground radar, a circle for a ship, a triangle otherwise.
void paintSiteSymbol(QPainter &painter, const QPointF &centrePx, SensorKind kind,
                     const QColor &colour, bool hollow)
{
    constexpr double r = 4.5;
    painter.setPen(QPen(hollow ? colour : QColor(0x0a, 0x0e, 0x12), 1.2));
    painter.setBrush(hollow ? QBrush(Qt::NoBrush) : QBrush(colour));
    switch (kind) {
    case SensorKind::GroundRadar:
        painter.drawRect(QRectF(centrePx.x() - r, centrePx.y() - r, 2 * r, 2 * r));
        break;
    case SensorKind::ShipRadar:
        painter.drawEllipse(centrePx, r + 0.5, r + 0.5);
        break;
    default: {
        const QPointF tri[3] = {centrePx + QPointF(0, -r - 1), centrePx + QPointF(r + 1, r),
                                centrePx + QPointF(-r - 1, r)};
        painter.drawPolygon(tri, 3);
        break;
    }
    }
}

// A satellite: body and two solar panels, for the space-based infrared legend entries.
void paintSatelliteIcon(QPainter &painter, const QRectF &icon, const QColor &colour)
{
    painter.setRenderHint(QPainter::Antialiasing, true);
    const QPointF c = icon.center();
    const double s = icon.width() / 14.0;
    painter.setPen(QPen(colour, 1.0));
    painter.setBrush(colour);
    painter.drawRect(QRectF(c.x() - 2 * s, c.y() - 2 * s, 4 * s, 4 * s));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(QRectF(c.x() - 7 * s, c.y() - 1.5 * s, 4 * s, 3 * s));
    painter.drawRect(QRectF(c.x() + 3 * s, c.y() - 1.5 * s, 4 * s, 3 * s));
}

} // namespace

SensorLayer::SensorLayer() = default;
SensorLayer::~SensorLayer() = default;

const QPainterPath &SensorLayer::fanFor(const SensorStatus &status, const MapViewport &viewport)
{
    CachedFan &fan = m_fans[status.sensorId];
    fan.seenThisFrame = true;
    if (fan.ring.empty() || !(fan.site == status.site) || !sameCoverage(fan.coverage, status.coverage)) {
        fan.site = status.site;
        fan.coverage = status.coverage;
        fan.ring = coverageFan(status.site, status.coverage.boresightAzimuthDeg,
                               status.coverage.azimuthHalfWidthDeg, status.coverage.maxRangeM);
        fan.projectionRevision = 0;
        ++m_fanBuildCount;
    }
    if (fan.projectionRevision != viewport.projectionRevision()) {
        fan.pathM = projectPolyline(viewport.projection(), fan.ring, true, 2'000'000.0).path;
        fan.projectionRevision = viewport.projectionRevision();
    }
    return fan.pathM;
}

std::size_t SensorLayer::drawnStateHash(const MapRenderContext &context) const
{
    // Everything the cached image depends on besides the view and the theme.
    std::size_t h = std::hash<std::string>()(context.selectedSensorId.value_or(std::string()));
    auto mix = [&h](std::size_t v) { h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2); };
    for (const std::string &id : m_highlighted)
        mix(std::hash<std::string>()(id));
    for (bool visible : m_coverageVisible)
        mix(visible ? 1 : 2);
    context.picture->forEachSensorAt(context.playheadUs, [&](const SensorRecord &record,
                                                             const SensorStatus &status) {
        mix(std::hash<std::string>()(status.sensorId));
        mix(static_cast<std::size_t>(status.state) * 31 + static_cast<std::size_t>(status.kind));
        mix(static_cast<std::size_t>(record.nation));
        for (double v : {status.site.latDeg, status.site.lonDeg, status.coverage.boresightAzimuthDeg,
                         status.coverage.azimuthHalfWidthDeg, status.coverage.maxRangeM})
            mix(std::hash<double>()(v));
    });
    return h;
}

void SensorLayer::paint(QPainter &painter, const MapViewport &viewport,
                        const MapRenderContext &context)
{
    if (!context.picture)
        return;
    // Fans are large translucent areas, costly to fill, and change only when a sensor's state
    // or the view does: they are drawn into an image kept until then, and the image is blitted
    // on the frames in between. Labels go to the label pass every frame.
    const qreal dpr = painter.device() ? painter.device()->devicePixelRatioF() : 1.0;
    m_highlighted = selectedContributingSensors(context);
    const std::size_t hash = drawnStateHash(context);
    const bool cacheValid = m_imageViewport && m_imageViewport->sameViewAs(viewport)
                            && m_imageTheme == context.theme && m_imageHash == hash
                            && qFuzzyCompare(m_image.devicePixelRatio(), dpr);
    std::optional<QPainter> imagePainter;
    if (!cacheValid) {
        m_image = QImage(viewport.sizePx() * dpr, QImage::Format_ARGB32_Premultiplied);
        m_image.setDevicePixelRatio(dpr);
        m_image.fill(Qt::transparent);
        imagePainter.emplace(&m_image);
        imagePainter->setRenderHint(QPainter::Antialiasing, true);
        imagePainter->setFont(painter.font());
        m_imageViewport = viewport;
        m_imageTheme = context.theme;
        m_imageHash = hash;
        for (auto &entry : m_fans)
            entry.second.seenThisFrame = false;
    }
    context.picture->forEachSensorAt(context.playheadUs, [&](const SensorRecord &record,
                                                             const SensorStatus &status) {
        if (status.kind != SensorKind::SpaceInfrared)
            paintSensor(imagePainter ? &*imagePainter : nullptr, painter, viewport, record, status, context);
    });
    if (imagePainter) {
        imagePainter->end();
        // Forget sensors the picture no longer has, so the cache stays bounded.
        std::erase_if(m_fans, [](const auto &entry) { return !entry.second.seenThisFrame; });
    }
    painter.drawImage(QPointF(0.0, 0.0), m_image);
}

void SensorLayer::paintSensor(QPainter *graphics, QPainter &painter, const MapViewport &viewport,
                              const SensorRecord &record, const SensorStatus &status,
                              const MapRenderContext &context)
{
    const MapTheme &theme = context.theme;
    const QColor colour = sensorColour(record, status, theme);
    const QTransform toPx = viewport.projectedToPixelTransform();

    const QPainterPath &fanM = graphics ? fanFor(status, viewport) : QPainterPath();
    if (graphics && !fanM.isEmpty() && isCoverageVisible(record.nation)) {
        const QPainterPath fanPx = toPx.map(fanM);
        // Fans are context, not the subject: faint fills so several overlapping fans still let
        // the basemap and the tracks through.
        QPen outline(withAlpha(colour, 0.7), 1.2);
        QBrush fill(withAlpha(colour, 0.07));
        switch (status.state) {
        case SensorState::Operational:
            break;
        case SensorState::Degraded:
        case SensorState::Unknown:
            outline.setDashPattern({6.0, 4.0});
            fill = QBrush(withAlpha(colour, 0.03));
            break;
        case SensorState::Offline:
            // Hatched and grey: coverage that is not there must not look like coverage.
            outline = QPen(withAlpha(colour, 0.6), 1.0, Qt::DotLine);
            fill = QBrush(withAlpha(colour, 0.12), Qt::BDiagPattern);
            break;
        }
        // The selection's contributing sensors: a bolder, opaque outline picks their fans out.
        if (isHighlighted(status.sensorId)) {
            outline.setColor(colour);
            outline.setWidthF(2.6);
        }
        graphics->setPen(outline);
        graphics->setBrush(fill);
        graphics->drawPath(fanPx);
    }

    QPointF sitePx;
    if (!viewport.toPixel(status.site.latDeg, status.site.lonDeg, sitePx)
        || !viewport.rectPx().adjusted(-20, -20, 20, 20).contains(sitePx)) {
        return;
    }
    if (graphics) {
        paintSiteSymbol(*graphics, sitePx, status.kind, colour, status.state == SensorState::Offline);
        if (context.selectedSensorId && *context.selectedSensorId == status.sensorId) {
            graphics->setPen(QPen(theme.selection, 1.6));
            graphics->setBrush(Qt::NoBrush);
            graphics->drawEllipse(sitePx, 10.0, 10.0);
        }
        if (isHighlighted(status.sensorId)) {
            // A double ring in the selection colour: this sensor is tracking the selection.
            graphics->setBrush(Qt::NoBrush);
            graphics->setPen(QPen(theme.selection, 2.0));
            graphics->drawEllipse(sitePx, 12.0, 12.0);
            graphics->setPen(QPen(withAlpha(theme.selection, 0.5), 1.0));
            graphics->drawEllipse(sitePx, 16.0, 16.0);
        }
    }

    QString label = status.name.empty() ? QString::fromStdString(status.sensorId)
                                        : QString::fromStdString(status.name);
    if (status.state != SensorState::Operational)
        label += QStringLiteral(" · ") + sensorStateName(status.state).toUpper();
    QFont font = painter.font();
    font.setPixelSize(10);
    const QFontMetricsF metrics(font);
    constexpr double kSiteRadiusPx = 6.0;
    const QRectF siteRect(sitePx - QPointF(kSiteRadiusPx, kSiteRadiusPx),
                          QSizeF(2 * kSiteRadiusPx, 2 * kSiteRadiusPx));
    if (context.labels)
        context.labels->addObstacle(siteRect);
    MapLabel mapLabel;
    mapLabel.anchorPx = siteRect;
    mapLabel.sizePx = QSizeF(metrics.horizontalAdvance(label) + 4.0, metrics.height());
    mapLabel.priority = LabelPriority::Sensor;
    mapLabel.leaderColour = withAlpha(colour, 0.7);
    const QColor textColour = readableTextColour(colour, theme);
    const QColor halo = withAlpha(theme.sea, 0.85);
    mapLabel.paint = [=](QPainter &p, const QRectF &rect) {
        p.setFont(font);
        paintHaloText(p, rect, Qt::AlignCenter, label, textColour, halo);
    };
    submitLabel(painter, context.labels, std::move(mapLabel), viewport.rectPx());
}

std::optional<std::string> SensorLayer::sensorAt(const MapViewport &viewport,
                                                 const MapRenderContext &context,
                                                 const QPointF &pointPx, double radiusPx) const
{
    if (!context.picture)
        return std::nullopt;
    std::optional<std::string> best;
    double bestDistance2 = radiusPx * radiusPx;
    context.picture->forEachSensorAt(context.playheadUs, [&](const SensorRecord &, const SensorStatus &status) {
        QPointF px;
        if (status.kind == SensorKind::SpaceInfrared
            || !viewport.toPixel(status.site.latDeg, status.site.lonDeg, px)) {
            return;
        }
        const QPointF d = px - pointPx;
        const double distance2 = d.x() * d.x() + d.y() * d.y();
        if (distance2 <= bestDistance2) {
            bestDistance2 = distance2;
            best = status.sensorId;
        }
    });
    return best;
}

std::vector<MapLegendEntry> SensorLayer::legendEntries(const MapRenderContext &context) const
{
    std::vector<MapLegendEntry> entries;
    if (!context.picture)
        return entries;
    const MapTheme theme = context.theme;
    context.picture->forEachSensorAt(context.playheadUs, [&](const SensorRecord &record,
                                                             const SensorStatus &status) {
        if (status.kind != SensorKind::SpaceInfrared)
            return;
        const QColor colour = sensorColour(record, status, theme);
        QString text = status.name.empty() ? QString::fromStdString(status.sensorId)
                                           : QString::fromStdString(status.name);
        // Say what kind of sensor it is, unless its name already does.
        if (!text.contains(QLatin1String("infrared"), Qt::CaseInsensitive))
            text += QStringLiteral(" (space IR)");
        text += QStringLiteral(" — ") + sensorStateName(status.state);
        entries.push_back({text, [colour](QPainter &painter, const QRectF &icon) {
                               paintSatelliteIcon(painter, icon, colour);
                           }});
    });
    return entries;
}

} // namespace cop
