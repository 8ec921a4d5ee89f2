// SPDX-License-Identifier: GPL-3.0-or-later
// Overlays in the running viewer: loaded on top of the basemap and under the sensors, ordered
// among themselves, listed with controls in the layer list, remembered in settings.
#include "app/layerlistpanel.h"
#include "app/overlaylayers.h"
#include "widgets/mapview.h"
#include "widgets/overlaylayer.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QSettings>
#include <QSlider>
#include <QTemporaryDir>
#include <QToolButton>

#include <gtest/gtest.h>

using namespace cop;

namespace {

const QString kExampleGeoJson = QStringLiteral(COP_SOURCE_DIR "/docs/examples/overlay-exercise.geojson");
const QString kExampleKml = QStringLiteral(COP_SOURCE_DIR "/docs/examples/overlay-exercise.kml");

std::vector<QString> layerIds(MapView &map)
{
    std::vector<QString> ids;
    for (const auto &layer : map.renderer().layers())
        ids.push_back(layer->id());
    return ids;
}

} // namespace

TEST(OverlayLayers, LoadsAboveTheBasemapBelowSensorsAndReordersAmongOverlays)
{
    MapView map(nullptr);
    OverlayLayers layers(map);
    QString error;
    OverlayLayer *first = layers.load(kExampleGeoJson, &error);
    ASSERT_NE(first, nullptr) << error.toStdString();
    OverlayLayer *second = layers.load(kExampleKml, &error);
    ASSERT_NE(second, nullptr) << error.toStdString();
    EXPECT_NE(first->colour(), second->colour());
    const std::vector<QString> expected = {QStringLiteral("basemap"), QStringLiteral("overlay:1"),
                                           QStringLiteral("overlay:2"), QStringLiteral("sensors"),
                                           QStringLiteral("stagedrops"), QStringLiteral("tracks"),
                                           QStringLiteral("measure")};
    EXPECT_EQ(layerIds(map), expected);

    layers.raise(second); // already the top overlay: stays below the sensors
    EXPECT_EQ(layerIds(map), expected);
    layers.lower(first); // already the bottom overlay: stays above the basemap
    EXPECT_EQ(layerIds(map), expected);
    layers.raise(first);
    EXPECT_EQ(map.renderer().indexOf(first), 2);
    EXPECT_EQ(map.renderer().indexOf(second), 1);

    layers.remove(first);
    EXPECT_EQ(layers.overlays().size(), 1u);
}

TEST(OverlayLayers, ABadFileIsRefusedWithItsReasonAndAddsNothing)
{
    MapView map(nullptr);
    OverlayLayers layers(map);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("broken.geojson"));
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("{\"type\": \"FeatureCollection\",\n \"features\": [");
    file.close();
    const std::size_t before = map.renderer().layers().size();
    QString error;
    EXPECT_EQ(layers.load(path, &error), nullptr);
    EXPECT_TRUE(error.startsWith(QStringLiteral("broken.geojson: line 2:"))) << error.toStdString();
    EXPECT_EQ(map.renderer().layers().size(), before);
    EXPECT_EQ(layers.load(dir.filePath(QStringLiteral("missing.kml")), &error), nullptr);
    EXPECT_TRUE(error.startsWith(QStringLiteral("missing.kml:"))) << error.toStdString();
}

TEST(OverlayLayers, OverlaysOrderColourVisibilityAndOpacityAreRemembered)
{
    QTemporaryDir dir;
    const QString ini = dir.filePath(QStringLiteral("viewer.ini"));
    {
        MapView map(nullptr);
        OverlayLayers layers(map);
        QString error;
        OverlayLayer *geojson = layers.load(kExampleGeoJson, &error);
        OverlayLayer *kml = layers.load(kExampleKml, &error);
        ASSERT_TRUE(geojson && kml) << error.toStdString();
        layers.raise(geojson); // order now: kml, geojson
        layers.setVisible(kml, false);
        layers.setOpacity(geojson, 0.4);
        layers.setOpacity(map.renderer().layer(QStringLiteral("sensors")), 0.6);
        layers.setColour(kml, QColor(0x12, 0x34, 0x56));
        EXPECT_EQ(kml->colour(), QColor(0x12, 0x34, 0x56));
        QSettings settings(ini, QSettings::IniFormat);
        layers.save(settings);
    }
    MapView map(nullptr);
    OverlayLayers layers(map);
    QSettings settings(ini, QSettings::IniFormat);
    QStringList errors;
    layers.restore(settings, &errors);
    EXPECT_TRUE(errors.isEmpty());
    const std::vector<OverlayLayer *> restored = layers.overlays();
    ASSERT_EQ(restored.size(), 2u);
    EXPECT_TRUE(restored[0]->sourcePath().endsWith(QStringLiteral(".kml")));
    EXPECT_FALSE(restored[0]->isVisible());
    EXPECT_EQ(restored[0]->colour(), QColor(0x12, 0x34, 0x56)) << "the colour chosen in the layer list";
    EXPECT_EQ(restored[1]->colour(), OverlayLayer::defaultColour(0)) << "each overlay keeps its colour whatever order it loads in";
    EXPECT_TRUE(restored[1]->sourcePath().endsWith(QStringLiteral(".geojson")));
    EXPECT_TRUE(restored[1]->isVisible());
    EXPECT_DOUBLE_EQ(restored[1]->opacity(), 0.4);
    EXPECT_DOUBLE_EQ(map.renderer().layer(QStringLiteral("sensors"))->opacity(), 0.6);
    EXPECT_DOUBLE_EQ(map.renderer().layer(QStringLiteral("tracks"))->opacity(), 1.0);

    // A remembered file that has gone is reported and left out; the rest still loads.
    settings.setValue(QStringLiteral("map/overlays"),
                      QStringList{dir.filePath(QStringLiteral("gone.kml")), kExampleGeoJson});
    MapView other(nullptr);
    OverlayLayers otherLayers(other);
    errors.clear();
    otherLayers.restore(settings, &errors);
    EXPECT_EQ(errors.size(), 1);
    EXPECT_EQ(otherLayers.overlays().size(), 1u);
}

TEST(LayerListPanel, OneRowPerLayerWhoseControlsChangeTheLayer)
{
    MapView map(nullptr);
    OverlayLayers layers(map);
    LayerListPanel panel(layers);
    QString error;
    OverlayLayer *overlay = layers.load(kExampleGeoJson, &error);
    ASSERT_NE(overlay, nullptr) << error.toStdString();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    const auto rows = panel.findChildren<QWidget *>(QRegularExpression(QStringLiteral("^layerRow:")));
    EXPECT_EQ(rows.size(), static_cast<qsizetype>(map.renderer().layers().size()));
    QWidget *row = panel.findChild<QWidget *>(QStringLiteral("layerRow:overlay:1"));
    ASSERT_NE(row, nullptr);
    auto *visible = row->findChild<QCheckBox *>();
    auto *opacity = row->findChild<QSlider *>();
    ASSERT_TRUE(visible && opacity);
    EXPECT_EQ(visible->text(), QStringLiteral("overlay-exercise.geojson"));
    visible->setChecked(false);
    EXPECT_FALSE(overlay->isVisible());
    opacity->setValue(25);
    EXPECT_DOUBLE_EQ(overlay->opacity(), 0.25);
    // The colour button shows the overlay's colour; a new colour rebuilds the row to match.
    EXPECT_NE(row->findChild<QToolButton *>(QStringLiteral("colour:overlay:1")), nullptr);
    layers.setColour(overlay, QColor(0x20, 0x40, 0x60));
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QWidget *rebuilt = panel.findChild<QWidget *>(QStringLiteral("layerRow:overlay:1"));
    ASSERT_NE(rebuilt, nullptr);
    EXPECT_TRUE(rebuilt->findChild<QCheckBox *>()->styleSheet().contains(QStringLiteral("#204060")));
}
