// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "picture.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <vector>

namespace cop {

// The recorded history of one national track, oldest state first: what an export writes.
struct TrackHistory
{
    TrackKey key;
    Nation nation = Nation::Japan;
    std::vector<TrackUpdate> states;
    bool truncated = false; // more states than an export keeps (kMaxExportStatesPerTrack)

    // The newest state that carries a launch point / an impact prediction, or null.
    const TrackUpdate *lastWithLaunch() const;
    const TrackUpdate *lastWithImpact() const;
};

// An hour at 20 Hz: beyond that a track's export keeps its first states and says so.
inline constexpr std::size_t kMaxExportStatesPerTrack = 72'000;

enum class TrackExportFormat { Csv, GeoJson, Kml };

// The format a file name asks for: .csv, .geojson or .json, .kml (any case); nullopt otherwise.
std::optional<TrackExportFormat> trackExportFormatForPath(const QString &path);
QString trackExportFormatName(TrackExportFormat format);

// CSV, one row per state: source_id, track_id, nation, time_utc, time_us, lat_deg, lon_deg,
// altitude_m (above the WGS-84 ellipsoid), speed_mps, phase, missile_class, quality, and the
// impact prediction as of that state (impact_lat_deg, impact_lon_deg, impact_time_utc; empty
// without one), so a track's last row holds its last prediction.
QByteArray tracksToCsv(const std::vector<TrackHistory> &tracks);
// GeoJSON (RFC 7946) FeatureCollection: per track a LineString of [lon, lat, altitude_m] (a
// Point for a track of one state) with the track's properties, a Point for its launch and one
// for its last predicted impact.
QByteArray tracksToGeoJson(const std::vector<TrackHistory> &tracks);
// KML 2.2: per track a Folder with a LineString (altitudeMode absolute, lon,lat,alt), its time
// span, and Placemarks for the launch and the last predicted impact.
QByteArray tracksToKml(const std::vector<TrackHistory> &tracks);

// Writes the tracks in the format path's suffix asks for. False with a message otherwise.
bool writeTrackExport(const QString &path, const std::vector<TrackHistory> &tracks, QString *error);

// The histories of keys as the picture holds them (its bounded history per track); unknown
// keys are skipped.
std::vector<TrackHistory> trackHistoriesFromPicture(const Picture &picture,
                                                    const std::vector<TrackKey> &keys);

} // namespace cop
