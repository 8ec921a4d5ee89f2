// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/overlaylayers.h"

#include "core/overlay.h"
#include "widgets/mapview.h"
#include "widgets/overlaylayer.h"

#include <QFileInfo>
#include <QSettings>

#include <algorithm>

namespace cop {
namespace {

const QString kOverlaysKey = QStringLiteral("map/overlays");
const QString kLayerStateGroup = QStringLiteral("map/layers");

bool isOverlay(const MapLayer &layer)
{
    return dynamic_cast<const OverlayLayer *>(&layer) != nullptr;
}

} // namespace

OverlayLayers::OverlayLayers(MapView &map, QObject *parent)
    : QObject(parent)
    , m_map(map)
{
}

int OverlayLayers::firstOverlayIndex() const
{
    // Just above the basemap: below the sensor fans, tracks and the measuring tool.
    const MapRenderer &renderer = m_map.renderer();
    const int basemap = renderer.indexOf(renderer.layer(QStringLiteral("basemap")));
    return basemap + 1;
}

std::vector<OverlayLayer *> OverlayLayers::overlays() const
{
    std::vector<OverlayLayer *> result;
    for (const auto &layer : m_map.renderer().layers()) {
        if (auto *overlay = dynamic_cast<OverlayLayer *>(layer.get()))
            result.push_back(overlay);
    }
    return result;
}

std::vector<MapLayer *> OverlayLayers::layersTopFirst() const
{
    std::vector<MapLayer *> result;
    for (const auto &layer : m_map.renderer().layers())
        result.push_back(layer.get());
    std::reverse(result.begin(), result.end());
    return result;
}

QString OverlayLayers::displayName(const MapLayer &layer)
{
    if (const auto *overlay = dynamic_cast<const OverlayLayer *>(&layer))
        return overlay->sourcePath().isEmpty() ? overlay->overlay().name
                                               : QFileInfo(overlay->sourcePath()).fileName();
    const QString id = layer.id();
    if (id == QLatin1String("basemap"))
        return QStringLiteral("Basemap");
    if (id == QLatin1String("sensors"))
        return QStringLiteral("Sensor coverage");
    if (id == QLatin1String("tracks"))
        return QStringLiteral("Tracks and impact predictions");
    if (id == QLatin1String("measure"))
        return QStringLiteral("Measurements");
    if (id == QLatin1String("areas"))
        return QStringLiteral("Protected areas");
    return id;
}

OverlayLayer *OverlayLayers::load(const QString &path, QString *error, QStringList *warnings)
{
    OverlayParseResult result = loadOverlayFile(path);
    if (!result) {
        if (error)
            *error = result.error;
        return nullptr;
    }
    if (warnings) {
        const QString file = QFileInfo(path).fileName();
        if (result.overlay->skippedFeatures > 0)
            warnings->push_back(QStringLiteral("%1: %2 feature(s) skipped").arg(file).arg(result.overlay->skippedFeatures));
        for (const QString &warning : result.overlay->warnings)
            warnings->push_back(file + QStringLiteral(": ") + warning);
    }
    const int index = m_loadedCount++;
    auto layer = std::make_unique<OverlayLayer>(QStringLiteral("overlay:%1").arg(index + 1),
                                                std::make_shared<const Overlay>(std::move(*result.overlay)),
                                                OverlayLayer::defaultColour(index),
                                                QFileInfo(path).absoluteFilePath());
    const std::size_t at = static_cast<std::size_t>(firstOverlayIndex()) + overlays().size();
    auto *added = static_cast<OverlayLayer *>(m_map.renderer().insertLayer(at, std::move(layer)));
    m_map.markDirty();
    Q_EMIT changed();
    return added;
}

void OverlayLayers::remove(OverlayLayer *layer)
{
    if (m_map.renderer().removeLayer(layer)) {
        m_map.markDirty();
        Q_EMIT changed();
    }
}

void OverlayLayers::swapWithNeighbour(OverlayLayer *layer, int direction)
{
    MapRenderer &renderer = m_map.renderer();
    const int index = renderer.indexOf(layer);
    const int target = index + direction;
    if (index < 0 || target < 0 || target >= static_cast<int>(renderer.layers().size())
        || !isOverlay(*renderer.layers()[static_cast<std::size_t>(target)]))
        return; // overlays move only among themselves
    renderer.moveLayer(layer, static_cast<std::size_t>(target));
    m_map.markDirty();
    Q_EMIT changed();
}

void OverlayLayers::raise(OverlayLayer *layer) { swapWithNeighbour(layer, +1); }
void OverlayLayers::lower(OverlayLayer *layer) { swapWithNeighbour(layer, -1); }

void OverlayLayers::setVisible(MapLayer *layer, bool visible)
{
    layer->setVisible(visible);
    m_map.markDirty();
    Q_EMIT stateChanged();
}

void OverlayLayers::setOpacity(MapLayer *layer, double opacity)
{
    layer->setOpacity(opacity);
    m_map.markDirty();
    Q_EMIT stateChanged();
}

void OverlayLayers::setColour(OverlayLayer *layer, const QColor &colour)
{
    if (!colour.isValid())
        return;
    layer->setColour(colour);
    m_map.markDirty();
    Q_EMIT changed(); // the layer list shows each overlay's colour
}

void OverlayLayers::save(QSettings &settings) const
{
    QStringList paths;
    settings.remove(kLayerStateGroup);
    settings.beginGroup(kLayerStateGroup);
    for (const auto &layer : m_map.renderer().layers()) {
        // Overlays are keyed by their file, the built-in layers by their id.
        QString key = layer->id();
        if (const auto *overlay = dynamic_cast<const OverlayLayer *>(layer.get())) {
            paths.push_back(overlay->sourcePath());
            key = QStringLiteral("overlay%1").arg(paths.size());
            settings.setValue(key + QStringLiteral("/colour"), overlay->colour().name(QColor::HexArgb));
        }
        settings.setValue(key + QStringLiteral("/visible"), layer->isVisible());
        settings.setValue(key + QStringLiteral("/opacity"), layer->opacity());
    }
    settings.endGroup();
    settings.setValue(kOverlaysKey, paths);
}

void OverlayLayers::restore(QSettings &settings, QStringList *errors)
{
    const QStringList paths = settings.value(kOverlaysKey).toStringList();
    std::vector<std::pair<MapLayer *, QString>> keyed;
    int n = 0;
    for (const QString &path : paths) {
        ++n;
        QString error;
        if (OverlayLayer *layer = load(path, &error))
            keyed.emplace_back(layer, QStringLiteral("overlay%1").arg(n));
        else if (errors)
            errors->push_back(error);
    }
    for (const auto &layer : m_map.renderer().layers()) {
        if (!isOverlay(*layer))
            keyed.emplace_back(layer.get(), layer->id());
    }
    settings.beginGroup(kLayerStateGroup);
    for (const auto &[layer, key] : keyed) {
        layer->setVisible(settings.value(key + QStringLiteral("/visible"), true).toBool());
        layer->setOpacity(settings.value(key + QStringLiteral("/opacity"), 1.0).toDouble());
        // A colour that does not parse leaves the one the overlay got when it loaded.
        if (auto *overlay = dynamic_cast<OverlayLayer *>(layer)) {
            const QColor colour(settings.value(key + QStringLiteral("/colour")).toString());
            if (colour.isValid())
                overlay->setColour(colour);
        }
    }
    settings.endGroup();
    m_map.markDirty();
    Q_EMIT changed();
}

} // namespace cop
