// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QString>

namespace cop {

// The colours the map paints with. Dark is the default because watch floors are dim: bright
// areas on the map would pull the eye away from the tracks, which are the only thing that
// should be bright. A light theme exists for briefings and printed screenshots.
struct MapTheme
{
    enum class Kind { Dark, Light };

    Kind kind = Kind::Dark;
    QColor sea;
    QColor land;
    QColor coastline;
    QColor border;
    QColor graticule;
    QColor graticuleLabel;
    QColor countryLabel;
    QColor overlayText;       // scale bar, north arrow, legend text
    QColor overlayBackground; // panels behind overlay text and track labels
    QColor hostile;           // MIL-STD-2525 hostile frame; red means hostile/critical only
    QColor unknownIdentity;   // MIL-STD-2525 unknown/pending frame
    QColor friendIdentity;
    QColor neutralIdentity;
    QColor impact;            // predicted impact point and its uncertainty ellipses
    QColor stale;             // tracks and sensors whose data is too old to trust
    QColor offline;           // sensors that are down
    QColor selection;

    friend bool operator==(const MapTheme &, const MapTheme &) = default;

    static MapTheme dark();
    static MapTheme light();
    QString name() const;
};

} // namespace cop
