// SPDX-License-Identifier: GPL-3.0-or-later
#include "trackexport.h"

#include "csvwriter.h"

#include <QFileInfo>
#include <QSaveFile>

namespace cop {

namespace {
QString number(double value, int decimals)
{
    return QString::number(value, 'f', decimals);
}
} // namespace

const TrackUpdate *TrackHistory::lastWithLaunch() const
{
    for (auto it = states.rbegin(); it != states.rend(); ++it) {
        if (it->hasLaunch)
            return &*it;
    }
    return nullptr;
}

const TrackUpdate *TrackHistory::lastWithImpact() const
{
    for (auto it = states.rbegin(); it != states.rend(); ++it) {
        if (it->hasImpact)
            return &*it;
    }
    return nullptr;
}

std::optional<TrackExportFormat> trackExportFormatForPath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("csv"))
        return TrackExportFormat::Csv;
    if (suffix == QLatin1String("geojson") || suffix == QLatin1String("json"))
        return TrackExportFormat::GeoJson;
    if (suffix == QLatin1String("kml"))
        return TrackExportFormat::Kml;
    return std::nullopt;
}

QString trackExportFormatName(TrackExportFormat format)
{
    switch (format) {
    case TrackExportFormat::Csv:
        return QStringLiteral("CSV");
    case TrackExportFormat::GeoJson:
        return QStringLiteral("GeoJSON");
    case TrackExportFormat::Kml:
        return QStringLiteral("KML");
    }
    return {};
}

QByteArray tracksToCsv(const std::vector<TrackHistory> &tracks)
{
    CsvWriter csv;
    csv.addRow({QStringLiteral("source_id"), QStringLiteral("track_id"), QStringLiteral("nation"),
                QStringLiteral("time_utc"), QStringLiteral("time_us"), QStringLiteral("lat_deg"),
                QStringLiteral("lon_deg"), QStringLiteral("altitude_m"),
                QStringLiteral("speed_mps"), QStringLiteral("phase"),
                QStringLiteral("missile_class"), QStringLiteral("quality"),
                QStringLiteral("impact_lat_deg"), QStringLiteral("impact_lon_deg"),
                QStringLiteral("impact_time_utc")});
    for (const TrackHistory &track : tracks) {
        const QString source = QString::fromStdString(track.key.sourceId);
        const QString id = QString::fromStdString(track.key.trackId);
        const QString nation = QString::fromLatin1(nationCode(track.nation).data());
        for (const TrackUpdate &state : track.states) {
            // Degrees to 7 decimals is about a centimetre; metres to one decimal.
            csv.addRow({source, id, nation, formatUtc(state.timeUs), QString::number(state.timeUs),
                        number(state.position.latDeg, 7), number(state.position.lonDeg, 7),
                        number(state.position.altitudeM, 1), number(state.velocity.speedMps(), 1),
                        trackPhaseName(state.phase), missileClassName(state.missileClass),
                        number(state.quality, 2),
                        state.hasImpact ? number(state.impact.point.latDeg, 7) : QString(),
                        state.hasImpact ? number(state.impact.point.lonDeg, 7) : QString(),
                        state.hasImpact && state.impact.timeUs != kTimeUnset
                            ? formatUtc(state.impact.timeUs)
                            : QString()});
        }
    }
    return csv.data();
}

bool writeTrackExport(const QString &path, const std::vector<TrackHistory> &tracks, QString *error)
{
    const auto format = trackExportFormatForPath(path);
    if (!format) {
        *error = QStringLiteral("'%1': the file name must end in .csv, .geojson or .kml").arg(path);
        return false;
    }
    QByteArray data;
    switch (*format) {
    case TrackExportFormat::Csv:
        data = tracksToCsv(tracks);
        break;
    case TrackExportFormat::GeoJson:
        data = tracksToGeoJson(tracks);
        break;
    case TrackExportFormat::Kml:
        data = tracksToKml(tracks);
        break;
    }
    // Written whole or not at all: an interrupted export never leaves half a file.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        *error = QStringLiteral("cannot write '%1': %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

std::vector<TrackHistory> trackHistoriesFromPicture(const Picture &picture,
                                                    const std::vector<TrackKey> &keys)
{
    std::vector<TrackHistory> histories;
    for (const TrackKey &key : keys) {
        const TrackRecord *record = picture.track(key);
        if (!record)
            continue;
        TrackHistory &history = histories.emplace_back();
        history.key = key;
        history.nation = record->nation;
        history.states.assign(record->history.begin(), record->history.end());
    }
    return histories;
}

} // namespace cop
