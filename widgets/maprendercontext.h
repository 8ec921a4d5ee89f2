// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/picture.h"
#include "widgets/maptheme.h"
#include "widgets/maptrackgroups.h"

#include <memory>
#include <optional>
#include <string>
#include <unordered_set>

namespace cop {

class MapLabelCollector;

// Everything a layer needs besides the viewport to paint one frame: what to show (the
// picture as of the playhead), what the operator has selected, and how to colour it.
// A plain value the widget fills in; a test builds one by hand.
struct MapRenderContext
{
    const Picture *picture = nullptr;
    // The time the picture is shown as of; kTimeLive follows the newest state.
    TimeUs playheadUs = kTimeLive;
    // Feed time "now" in live mode, for ages and countdowns. Unset: the picture's newest
    // source time is used, which stands still if the whole feed goes silent, so the app
    // should set it from its frame clock.
    TimeUs liveNowUs = kTimeUnset;
    std::optional<TrackKey> selectedTrack;
    std::optional<std::string> selectedSensorId;
    // Sources silent now (no message for kSourceSilentAfterUs): their tracks are marked.
    std::unordered_set<std::string> silentSources;
    // National tracks of one missile drawn as one object (the application's correlation);
    // null or empty: every track is drawn on its own.
    std::shared_ptr<const MapTrackGroups> trackGroups;
    MapTheme theme = MapTheme::dark();
    // True while the operator drags or zooms: layers may lower quality to keep up.
    bool interacting = false;
    // Set by the renderer for one frame: layers hand their labels and the areas labels must
    // keep clear of (symbols) to it instead of painting labels themselves. Null when a layer
    // is painted on its own (a test); layers then paint labels where they first fit.
    MapLabelCollector *labels = nullptr;

    // The time against which ages (staleness) and countdowns are measured.
    TimeUs referenceTimeUs() const
    {
        if (playheadUs != kTimeLive)
            return playheadUs;
        if (liveNowUs != kTimeUnset)
            return liveNowUs;
        return picture ? picture->latestSourceTimeUs() : kTimeUnset;
    }
};

} // namespace cop
