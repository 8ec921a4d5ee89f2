// SPDX-License-Identifier: GPL-3.0-or-later
// The map draws the national tracks of one missile as one object: one label naming the object
// and its nations, one symbol to click, each nation's ellipse when selected, and the sensors
// behind the selection highlighted. A track nobody else reports is drawn as before.
#include "maptestsupport.h"

#include "core/trackcorrelator.h"
#include "core/coordinateformat.h"
#include "widgets/maplabels.h"
#include "widgets/maptooltip.h"
#include "widgets/mapview.h"
#include "widgets/sensorlayer.h"
#include "widgets/tracklayer.h"

#include <GeographicLib/Geodesic.hpp>

#include <gtest/gtest.h>

#include <algorithm>

namespace cop {
namespace {

using test::kMapT0;

const TrackKey kJapan{"JP-C2", "JP-0005"};
const TrackKey kUs{"US-C2", "US-0005"};
const TrackKey kKorea{"KR-C2", "KR-0005"};
const TrackKey kLone{"JP-C2", "JP-0009"};

FeedMessage national(const TrackKey &key, Nation nation, double dLatDeg, std::vector<std::string> sensors)
{
    FeedMessage message = test::hostileTrackMessage(key.trackId, kMapT0, 39.0 + dLatDeg, 134.0,
                                                    key.sourceId, nation);
    auto &update = std::get<TrackUpdate>(message.body);
    update.positionCovarianceM2 = {1.0e6, 0.0, 0.0, 1.0e6, 0.0, 1.0e6};
    update.contributingSensors = std::move(sensors);
    // Slightly different impact predictions, as three trackers give.
    update.impact.point.lonDeg += dLatDeg * 20.0;
    return message;
}

// Three nations' tracks of one missile, a lone track far away, and three radars.
struct CorrelatedScene
{
    Picture picture;
    TrackCorrelator correlator;
    test::RenderedMap map;

    CorrelatedScene()
    {
        const FeedBatch batch{
            test::groundRadarMessage("JP-FPS5", "FPS-5", 36.0, 138.0, kMapT0),
            test::groundRadarMessage("KR-GP", "Green Pine", 36.5, 127.5, kMapT0),
            test::groundRadarMessage("KR-IDLE", "Idle radar", 34.0, 129.0, kMapT0),
            national(kJapan, Nation::Japan, 0.0, {"JP-FPS5"}),
            national(kUs, Nation::UnitedStates, 0.002, {"US-TPY2"}),
            national(kKorea, Nation::Korea, -0.002, {"KR-GP"}),
            national(kLone, Nation::Japan, -6.0, {"KR-IDLE"}),
        };
        const PictureChange change = picture.applyBatch(batch);
        correlator.update(picture, change);
        map.context.picture = &picture;
        map.context.trackGroups = groupsOf(correlator);
    }

    // As the application builds them: objects of two or more tracks.
    static std::shared_ptr<const MapTrackGroups> groupsOf(const TrackCorrelator &correlator)
    {
        auto groups = std::make_shared<MapTrackGroups>();
        for (const auto &[id, object] : correlator.objects()) {
            if (object.members.size() >= 2)
                groups->add({id, object.representative, object.members, object.memberNations});
        }
        return groups;
    }

    std::vector<QString> trackLabelTexts() const
    {
        std::vector<QString> texts;
        for (const MapLabel &label : map.renderer.lastLabels().labels()) {
            if (label.priority == LabelPriority::Track || label.mandatory)
                texts.push_back(label.text);
        }
        return texts;
    }

    TrackLayer &tracks() { return *static_cast<TrackLayer *>(map.renderer.layer(QStringLiteral("tracks"))); }
    SensorLayer &sensors() { return *static_cast<SensorLayer *>(map.renderer.layer(QStringLiteral("sensors"))); }
};

bool startsWith(const std::vector<QString> &texts, const QString &prefix)
{
    return std::any_of(texts.begin(), texts.end(), [&](const QString &t) { return t.startsWith(prefix); });
}

TEST(MapCorrelation, ThreeNationalTracksOfOneMissileGetOneLabel)
{
    CorrelatedScene scene;
    const CorrelatedObject *object = scene.correlator.objectOf(kJapan);
    ASSERT_NE(object, nullptr);
    ASSERT_EQ(object->members.size(), 3u) << "the correlator merged the three nations";
    scene.map.render();

    const std::vector<QString> texts = scene.trackLabelTexts();
    ASSERT_EQ(texts.size(), 2u) << "one object label and the lone track's";
    EXPECT_TRUE(startsWith(texts, QStringLiteral("C%1 ").arg(object->id)));
    EXPECT_TRUE(startsWith(texts, QStringLiteral("JP-0009 ")));
    for (const QString &id : {QStringLiteral("JP-0005"), QStringLiteral("US-0005"), QStringLiteral("KR-0005")})
        EXPECT_FALSE(startsWith(texts, id)) << id.toStdString();

    // Without the groups every national track is labelled on its own, as before.
    scene.map.context.trackGroups.reset();
    scene.map.render();
    EXPECT_EQ(scene.trackLabelTexts().size(), 4u);
}

TEST(MapCorrelation, HoveringAnyMemberDescribesTheWholeObject)
{
    CorrelatedScene scene;
    const CorrelatedObject *object = scene.correlator.objectOf(kJapan);
    ASSERT_NE(object, nullptr);
    ASSERT_EQ(object->members.size(), 3u);
    // Every nation's impact prediction, and the farthest pair's distance, computed here.
    std::vector<GeoPosition> impacts;
    for (const TrackKey &member : object->members)
        impacts.push_back(scene.picture.track(member)->latest().impact.point);
    double spreadM = 0.0;
    for (std::size_t i = 0; i < impacts.size(); ++i) {
        for (std::size_t j = i + 1; j < impacts.size(); ++j) {
            double distanceM = 0.0;
            GeographicLib::Geodesic::WGS84().Inverse(impacts[i].latDeg, impacts[i].lonDeg, impacts[j].latDeg,
                                                     impacts[j].lonDeg, distanceM);
            spreadM = std::max(spreadM, distanceM);
        }
    }
    ASSERT_GT(spreadM, 1000.0);

    for (const TrackKey &hovered : {kJapan, kUs, kKorea}) {
        const QString tip = trackToolTip(scene.map.context, hovered);
        SCOPED_TRACE(tip.toStdString());
        EXPECT_TRUE(tip.startsWith(QStringLiteral("<b>C%1</b> ").arg(object->id)));
        EXPECT_TRUE(tip.contains(QStringLiteral("one object reported by Japan, United States, Republic of Korea")));
        EXPECT_TRUE(tip.contains(QStringLiteral("altitude 250 km")));
        EXPECT_TRUE(tip.contains(QStringLiteral("speed 1.59 km/s")));
        for (std::size_t i = 0; i < object->members.size(); ++i) {
            const TrackKey &member = object->members[i];
            EXPECT_TRUE(tip.contains(QStringLiteral("%1</td><td>%2 (%3)")
                                         .arg(nationName(object->memberNations[i]))
                                         .arg(QString::fromStdString(member.trackId), QString::fromStdString(member.sourceId))
                                         .replace(QStringLiteral("</td>"), QStringLiteral("&nbsp;</td>"))))
                << member.trackId;
            EXPECT_TRUE(tip.contains(QStringLiteral("impact ")
                                     + formatDecimalDegrees(impacts[i].latDeg, impacts[i].lonDeg, 2)
                                     + QStringLiteral(" in 03:20")))
                << member.trackId;
        }
        EXPECT_TRUE(tip.contains(QStringLiteral("impact predictions up to %1 km apart").arg(spreadM / 1e3, 0, 'f', 1)));
    }
    // The lone track is described as itself.
    const QString lone = trackToolTip(scene.map.context, kLone);
    EXPECT_TRUE(lone.startsWith(QStringLiteral("<b>JP-0009</b>"))) << lone.toStdString();
    EXPECT_TRUE(lone.contains(QStringLiteral("reported by Japan (JP-C2)"))) << lone.toStdString();
    EXPECT_FALSE(lone.contains(QStringLiteral("one object"))) << lone.toStdString();

    // And the map widget says the same where the pointer rests on the symbol.
    MapView view(test::embeddedBasemap());
    view.resize(1200, 800);
    view.setPicture(&scene.picture);
    view.setTrackGroups(scene.map.context.trackGroups);
    view.show();
    view.grab();
    const GeoPosition at = scene.picture.track(object->representative)->latest().position;
    QPointF px;
    ASSERT_TRUE(view.viewport().toPixel(at.latDeg, at.lonDeg, px));
    const QString hover = view.toolTipAt(px);
    EXPECT_TRUE(hover.startsWith(QStringLiteral("<b>C%1</b> ").arg(object->id))) << hover.toStdString();
    EXPECT_TRUE(hover.contains(QStringLiteral("KR-0005"))) << hover.toStdString();
}

TEST(MapCorrelation, ClickingAnyMemberPicksTheObjectsRepresentative)
{
    CorrelatedScene scene;
    const CorrelatedObject *object = scene.correlator.objectOf(kUs);
    ASSERT_NE(object, nullptr);
    for (const TrackKey &member : {kJapan, kUs, kKorea}) {
        const TrackRecord *record = scene.picture.track(member);
        ASSERT_NE(record, nullptr);
        QPointF px;
        ASSERT_TRUE(scene.map.viewport.toPixel(record->history.back().position.latDeg,
                                               record->history.back().position.lonDeg, px));
        const std::optional<TrackKey> hit = scene.tracks().trackAt(scene.map.viewport, scene.map.context, px, 3.0);
        ASSERT_TRUE(hit.has_value());
        EXPECT_EQ(*hit, object->representative);
    }
}

TEST(MapCorrelation, TheSelectedObjectShowsEachNationAndItsSensors)
{
    CorrelatedScene scene;
    scene.map.render();
    EXPECT_TRUE(scene.sensors().lastHighlighted().empty());
    EXPECT_EQ(scene.tracks().lastMemberTickCount(), 0);
    const QImage unselected = scene.map.render();

    scene.map.context.selectedTrack = kKorea; // any member selects the object
    const QImage selected = scene.map.render();
    // The object's label is the selected one.
    const auto &labels = scene.map.renderer.lastLabels().labels();
    const auto selectedLabel = std::find_if(labels.begin(), labels.end(), [](const MapLabel &l) {
        return l.priority == LabelPriority::SelectedTrack && l.mandatory;
    });
    ASSERT_NE(selectedLabel, labels.end());
    EXPECT_TRUE(selectedLabel->text.startsWith(QStringLiteral("C")));
    // Each nation's track is marked, and the sensors of all three nations' tracks light up,
    // the one behind the lone track does not. US-TPY2 is not in the picture: nothing to draw.
    EXPECT_EQ(scene.tracks().lastMemberTickCount(), 3);
    EXPECT_EQ(scene.sensors().lastHighlighted(),
              (std::vector<std::string>{"JP-FPS5", "KR-GP", "US-TPY2"}));

    // The ring round a highlighted site is drawn; the idle radar's site is unchanged.
    auto ringDiffers = [&](double latDeg, double lonDeg) {
        QPointF site;
        EXPECT_TRUE(scene.map.viewport.toPixel(latDeg, lonDeg, site));
        int changed = 0;
        for (int dy = -14; dy <= 14; ++dy) {
            for (int dx = -14; dx <= 14; ++dx) {
                const double r = std::hypot(dx, dy);
                if (r < 11.0 || r > 13.0)
                    continue;
                const QPoint p = site.toPoint() + QPoint(dx, dy);
                changed += unselected.pixel(p) != selected.pixel(p) ? 1 : 0;
            }
        }
        return changed;
    };
    EXPECT_GT(ringDiffers(36.0, 138.0), 20);
    EXPECT_GT(ringDiffers(36.5, 127.5), 20);
    EXPECT_EQ(ringDiffers(34.0, 129.0), 0);
}

} // namespace
} // namespace cop
