// SPDX-License-Identifier: GPL-3.0-or-later
// The geographic formats of a track export: GeoJSON (RFC 7946) and KML 2.2.
#include "trackexport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QXmlStreamWriter>

namespace cop {

namespace {

QString latin1(std::string_view text)
{
    return QString::fromLatin1(text.data(), static_cast<qsizetype>(text.size()));
}

QString trackName(const TrackHistory &track)
{
    return QString::fromStdString(track.key.sourceId) + QLatin1Char('/')
        + QString::fromStdString(track.key.trackId);
}

// RFC 7946 positions: longitude, latitude, then height, in that order.
QJsonArray geoJsonPosition(const GeoPosition &position)
{
    return QJsonArray {position.lonDeg, position.latDeg, position.altitudeM};
}

QJsonObject feature(const QJsonObject &geometry, const QJsonObject &properties)
{
    return QJsonObject {{QStringLiteral("type"), QStringLiteral("Feature")},
                        {QStringLiteral("geometry"), geometry},
                        {QStringLiteral("properties"), properties}};
}

QJsonObject pointGeometry(const GeoPosition &position)
{
    return QJsonObject {{QStringLiteral("type"), QStringLiteral("Point")},
                        {QStringLiteral("coordinates"), geoJsonPosition(position)}};
}

QJsonObject trackProperties(const TrackHistory &track)
{
    const TrackUpdate &last = track.states.back();
    QJsonObject properties {
        {QStringLiteral("kind"), QStringLiteral("track")},
        {QStringLiteral("source_id"), QString::fromStdString(track.key.sourceId)},
        {QStringLiteral("track_id"), QString::fromStdString(track.key.trackId)},
        {QStringLiteral("nation"), latin1(nationCode(track.nation))},
        {QStringLiteral("first_time_utc"), formatUtc(track.states.front().timeUs)},
        {QStringLiteral("last_time_utc"), formatUtc(last.timeUs)},
        {QStringLiteral("states"), static_cast<double>(track.states.size())},
        {QStringLiteral("phase"), trackPhaseName(last.phase)},
        {QStringLiteral("missile_class"), missileClassName(last.missileClass)},
        {QStringLiteral("identity"), identityName(last.identity)},
        {QStringLiteral("altitude_reference"), QStringLiteral("WGS-84 ellipsoid, metres")},
    };
    if (track.truncated)
        properties.insert(QStringLiteral("truncated"), true);
    if (const TrackUpdate *impact = track.lastWithImpact()) {
        properties.insert(QStringLiteral("impact_lat_deg"), impact->impact.point.latDeg);
        properties.insert(QStringLiteral("impact_lon_deg"), impact->impact.point.lonDeg);
        if (impact->impact.timeUs != kTimeUnset)
            properties.insert(QStringLiteral("impact_time_utc"), formatUtc(impact->impact.timeUs));
    }
    return properties;
}

} // namespace

QByteArray tracksToGeoJson(const std::vector<TrackHistory> &tracks)
{
    QJsonArray features;
    for (const TrackHistory &track : tracks) {
        if (track.states.empty())
            continue;
        const QJsonObject properties = trackProperties(track);
        if (track.states.size() == 1) {
            // A LineString needs two positions (RFC 7946, 3.1.4).
            features.append(feature(pointGeometry(track.states.front().position), properties));
        } else {
            QJsonArray coordinates;
            for (const TrackUpdate &state : track.states)
                coordinates.append(geoJsonPosition(state.position));
            features.append(
                feature(QJsonObject {{QStringLiteral("type"), QStringLiteral("LineString")},
                                     {QStringLiteral("coordinates"), coordinates}},
                        properties));
        }
        const QJsonObject owner {
            {QStringLiteral("source_id"), QString::fromStdString(track.key.sourceId)},
            {QStringLiteral("track_id"), QString::fromStdString(track.key.trackId)},
            {QStringLiteral("nation"), latin1(nationCode(track.nation))}};
        if (const TrackUpdate *launch = track.lastWithLaunch()) {
            QJsonObject launchProperties = owner;
            launchProperties.insert(QStringLiteral("kind"), QStringLiteral("launch"));
            if (launch->launchTimeUs != kTimeUnset)
                launchProperties.insert(QStringLiteral("time_utc"),
                                        formatUtc(launch->launchTimeUs));
            features.append(feature(pointGeometry(launch->launchPoint), launchProperties));
        }
        if (const TrackUpdate *impact = track.lastWithImpact()) {
            QJsonObject impactProperties = owner;
            impactProperties.insert(QStringLiteral("kind"), QStringLiteral("predicted-impact"));
            if (impact->impact.timeUs != kTimeUnset)
                impactProperties.insert(QStringLiteral("time_utc"),
                                        formatUtc(impact->impact.timeUs));
            impactProperties.insert(QStringLiteral("predicted_at_utc"), formatUtc(impact->timeUs));
            features.append(feature(pointGeometry(impact->impact.point), impactProperties));
        }
    }
    const QJsonObject collection {{QStringLiteral("type"), QStringLiteral("FeatureCollection")},
                                  {QStringLiteral("features"), features}};
    return QJsonDocument(collection).toJson(QJsonDocument::Indented);
}

namespace {

// KML coordinates: "lon,lat,alt" tuples separated by white space (KML 2.2, section 16.10).
QString kmlCoordinate(const GeoPosition &position)
{
    return QString::number(position.lonDeg, 'f', 7) + QLatin1Char(',')
        + QString::number(position.latDeg, 'f', 7) + QLatin1Char(',')
        + QString::number(position.altitudeM, 'f', 1);
}

void writeKmlPoint(QXmlStreamWriter &xml, const QString &name, const QString &description,
                   TimeUs whenUs, const GeoPosition &position)
{
    xml.writeStartElement(QStringLiteral("Placemark"));
    xml.writeTextElement(QStringLiteral("name"), name);
    xml.writeTextElement(QStringLiteral("description"), description);
    if (whenUs != kTimeUnset) {
        xml.writeStartElement(QStringLiteral("TimeStamp"));
        xml.writeTextElement(QStringLiteral("when"), formatUtc(whenUs));
        xml.writeEndElement();
    }
    xml.writeStartElement(QStringLiteral("Point"));
    xml.writeTextElement(QStringLiteral("altitudeMode"), QStringLiteral("absolute"));
    xml.writeTextElement(QStringLiteral("coordinates"), kmlCoordinate(position));
    xml.writeEndElement(); // Point
    xml.writeEndElement(); // Placemark
}

} // namespace

QByteArray tracksToKml(const std::vector<TrackHistory> &tracks)
{
    QByteArray data;
    QXmlStreamWriter xml(&data);
    xml.setAutoFormatting(true);
    xml.setAutoFormattingIndent(1);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("kml"));
    xml.writeDefaultNamespace(QStringLiteral("http://www.opengis.net/kml/2.2"));
    xml.writeStartElement(QStringLiteral("Document"));
    xml.writeTextElement(QStringLiteral("name"), QStringLiteral("COP Viewer tracks"));
    xml.writeStartElement(QStringLiteral("Style"));
    xml.writeAttribute(QStringLiteral("id"), QStringLiteral("track"));
    xml.writeStartElement(QStringLiteral("LineStyle"));
    xml.writeTextElement(QStringLiteral("color"), QStringLiteral("ff3399ff")); // aabbggrr: orange
    xml.writeTextElement(QStringLiteral("width"), QStringLiteral("2"));
    xml.writeEndElement(); // LineStyle
    xml.writeEndElement(); // Style
    for (const TrackHistory &track : tracks) {
        if (track.states.empty())
            continue;
        const TrackUpdate &last = track.states.back();
        xml.writeStartElement(QStringLiteral("Folder"));
        xml.writeTextElement(QStringLiteral("name"), trackName(track));
        xml.writeStartElement(QStringLiteral("Placemark"));
        xml.writeTextElement(QStringLiteral("name"), trackName(track));
        xml.writeTextElement(
            QStringLiteral("description"),
            QStringLiteral("%1 track, %2 states, last phase %3, %4. Heights above the WGS-84 "
                           "ellipsoid, in metres.%5")
                .arg(latin1(nationCode(track.nation)))
                .arg(track.states.size())
                .arg(trackPhaseName(last.phase), missileClassName(last.missileClass),
                     track.truncated ? QStringLiteral(" Truncated.") : QString()));
        xml.writeStartElement(QStringLiteral("TimeSpan"));
        xml.writeTextElement(QStringLiteral("begin"), formatUtc(track.states.front().timeUs));
        xml.writeTextElement(QStringLiteral("end"), formatUtc(last.timeUs));
        xml.writeEndElement(); // TimeSpan
        xml.writeTextElement(QStringLiteral("styleUrl"), QStringLiteral("#track"));
        xml.writeStartElement(QStringLiteral("LineString"));
        xml.writeTextElement(QStringLiteral("altitudeMode"), QStringLiteral("absolute"));
        QString coordinates;
        coordinates.reserve(static_cast<qsizetype>(track.states.size()) * 32);
        for (const TrackUpdate &state : track.states) {
            coordinates += kmlCoordinate(state.position);
            coordinates += QLatin1Char('\n');
        }
        // A LineString needs two positions: a track of one state repeats it.
        if (track.states.size() == 1)
            coordinates += kmlCoordinate(last.position);
        xml.writeTextElement(QStringLiteral("coordinates"), coordinates.trimmed());
        xml.writeEndElement(); // LineString
        xml.writeEndElement(); // Placemark
        if (const TrackUpdate *launch = track.lastWithLaunch())
            writeKmlPoint(xml, QStringLiteral("Launch of %1").arg(trackName(track)),
                          QStringLiteral("Launch point reported by %1")
                              .arg(QString::fromStdString(track.key.sourceId)),
                          launch->launchTimeUs, launch->launchPoint);
        if (const TrackUpdate *impact = track.lastWithImpact())
            writeKmlPoint(
                xml, QStringLiteral("Predicted impact of %1").arg(trackName(track)),
                QStringLiteral("Last impact prediction, made at %1").arg(formatUtc(impact->timeUs)),
                impact->impact.timeUs, impact->impact.point);
        xml.writeEndElement(); // Folder
    }
    xml.writeEndElement(); // Document
    xml.writeEndElement(); // kml
    xml.writeEndDocument();
    return data;
}

} // namespace cop
