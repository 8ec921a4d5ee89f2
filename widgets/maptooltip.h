// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/maprendercontext.h"

#include <QString>

#include <string>

namespace cop {

// What the map says when the pointer rests on something, as rich text, from the picture as of
// the playhead like everything the map draws. A national track that is part of a correlated
// object is described as the object: every nation's track id and impact prediction side by
// side and how far apart they are, since the operator sees one symbol for all of them.
QString trackToolTip(const MapRenderContext &context, const TrackKey &key);
QString sensorToolTip(const MapRenderContext &context, const std::string &sensorId);

} // namespace cop
