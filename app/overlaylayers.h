// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

class QSettings;

namespace cop {

class MapLayer;
class MapView;
class OverlayLayer;

// The user's overlay files on the map and the state of every map layer an operator can
// change (visibility, opacity, the order of the overlays), kept in settings between runs.
// Overlays sit above the basemap and below the sensors and tracks: they are reference, and
// must never hide what is flying.
class OverlayLayers : public QObject
{
    Q_OBJECT

public:
    explicit OverlayLayers(MapView &map, QObject *parent = nullptr);

    // Reads the file and adds it on top of the other overlays. On failure nothing is added and
    // error says why; warnings list features skipped (the layer still loads).
    OverlayLayer *load(const QString &path, QString *error, QStringList *warnings = nullptr);
    void remove(OverlayLayer *layer);
    // Moves an overlay up (towards the top) or down among the overlays only.
    void raise(OverlayLayer *layer);
    void lower(OverlayLayer *layer);
    void setVisible(MapLayer *layer, bool visible);
    void setOpacity(MapLayer *layer, double opacity);
    // The colour an overlay is drawn in (features a KML file styles keep their own).
    void setColour(OverlayLayer *layer, const QColor &colour);

    // The map's layers top first, as the layer list shows them.
    std::vector<MapLayer *> layersTopFirst() const;
    // The overlays bottom first.
    std::vector<OverlayLayer *> overlays() const;
    // A name for the list: "Basemap", "Sensor coverage"... or the overlay's file name.
    static QString displayName(const MapLayer &layer);

    // Saves the overlays' files in order and colours, and every layer's visibility and opacity.
    void save(QSettings &settings) const;
    // Loads the saved overlays (files that no longer load are reported in errors and left out)
    // and applies the saved colours, visibility and opacity.
    void restore(QSettings &settings, QStringList *errors);

Q_SIGNALS:
    // Layers added, removed or reordered.
    void changed();
    // A layer shown, hidden or faded.
    void stateChanged();

private:
    int firstOverlayIndex() const;
    void swapWithNeighbour(OverlayLayer *layer, int direction);

    MapView &m_map;
    int m_loadedCount = 0; // for unique ids and the default colours
};

} // namespace cop
