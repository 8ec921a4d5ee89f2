// SPDX-License-Identifier: GPL-3.0-or-later
// GeoJSON (RFC 7946) overlays: FeatureCollection, Feature, or a bare geometry.
#include "core/overlay.h"
#include "core/overlayparsing.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace cop {
namespace {

using namespace overlay_detail;
using Kind = OverlayFeature::Kind;

// Nesting deeper than a GeometryCollection inside a GeometryCollection a few times is not a
// real overlay; the limit keeps a hostile file from recursing without end.
constexpr int kMaxGeometryDepth = 8;

class GeoJsonReader
{
public:
    explicit GeoJsonReader(Overlay &overlay) : m_overlay(overlay) {}

    // One feature of the file (or the bare geometry): its parts are added only if all are valid.
    void readFeature(const QJsonObject &feature, const QString &where)
    {
        const QJsonValue geometry = feature.value(QStringLiteral("geometry"));
        if (!geometry.isObject()) {
            noteSkipped(m_overlay, where, QStringLiteral("no geometry"));
            return;
        }
        const QString name = feature.value(QStringLiteral("properties")).toObject()
                                 .value(QStringLiteral("name")).toVariant().toString();
        readTopGeometry(geometry.toObject(), name, where);
    }

    void readTopGeometry(const QJsonObject &geometry, const QString &name, const QString &where)
    {
        std::vector<OverlayFeature> parts;
        QString why;
        if (!readGeometry(geometry, name, parts, &why, 0)) {
            noteSkipped(m_overlay, where, why);
            return;
        }
        for (OverlayFeature &part : parts)
            m_overlay.features.push_back(std::move(part));
    }

private:
    static bool readPosition(const QJsonValue &value, LatLonDeg &out, QString *why)
    {
        const QJsonArray pos = value.toArray();
        if (!value.isArray() || pos.size() < 2 || !pos.at(0).isDouble() || !pos.at(1).isDouble()) {
            *why = QStringLiteral("a position is not [longitude, latitude]");
            return false;
        }
        out.lonDeg = pos.at(0).toDouble();
        out.latDeg = pos.at(1).toDouble();
        return validPosition(out.latDeg, out.lonDeg, why);
    }

    static bool readRing(const QJsonValue &value, GeoRing &ring, QString *why)
    {
        if (!value.isArray()) {
            *why = QStringLiteral("coordinates are not an array of positions");
            return false;
        }
        const QJsonArray positions = value.toArray();
        ring.reserve(static_cast<std::size_t>(positions.size()));
        for (const QJsonValue &position : positions) {
            LatLonDeg p;
            if (!readPosition(position, p, why))
                return false;
            ring.push_back(p);
        }
        return true;
    }

    static bool readPolygon(const QJsonValue &value, OverlayFeature &feature, QString *why)
    {
        if (!value.isArray()) {
            *why = QStringLiteral("polygon coordinates are not an array of rings");
            return false;
        }
        for (const QJsonValue &ringValue : value.toArray()) {
            GeoRing ring;
            if (!readRing(ringValue, ring, why))
                return false;
            dropClosingPoint(ring);
            feature.rings.push_back(std::move(ring));
        }
        return true;
    }

    static bool readGeometry(const QJsonObject &geometry, const QString &name,
                             std::vector<OverlayFeature> &parts, QString *why, int depth)
    {
        if (depth > kMaxGeometryDepth) {
            *why = QStringLiteral("geometry nested too deeply");
            return false;
        }
        const QString type = geometry.value(QStringLiteral("type")).toString();
        const QJsonValue coordinates = geometry.value(QStringLiteral("coordinates"));
        auto newPart = [&](Kind kind) -> OverlayFeature & {
            parts.push_back(OverlayFeature{kind, name, {}});
            return parts.back();
        };
        bool ok = true;
        if (type == QLatin1String("Point")) {
            LatLonDeg p;
            ok = readPosition(coordinates, p, why);
            newPart(Kind::Point).rings.push_back({p});
        } else if (type == QLatin1String("MultiPoint")) {
            GeoRing points;
            ok = readRing(coordinates, points, why);
            for (const LatLonDeg &p : points)
                newPart(Kind::Point).rings.push_back({p});
        } else if (type == QLatin1String("LineString")) {
            GeoRing line;
            ok = readRing(coordinates, line, why);
            newPart(Kind::Line).rings.push_back(std::move(line));
        } else if (type == QLatin1String("MultiLineString")) {
            for (const QJsonValue &lineValue : coordinates.toArray()) {
                GeoRing line;
                if (!(ok = readRing(lineValue, line, why)))
                    break;
                newPart(Kind::Line).rings.push_back(std::move(line));
            }
        } else if (type == QLatin1String("Polygon")) {
            ok = readPolygon(coordinates, newPart(Kind::Polygon), why);
        } else if (type == QLatin1String("MultiPolygon")) {
            for (const QJsonValue &polygonValue : coordinates.toArray()) {
                if (!(ok = readPolygon(polygonValue, newPart(Kind::Polygon), why)))
                    break;
            }
        } else if (type == QLatin1String("GeometryCollection")) {
            for (const QJsonValue &member : geometry.value(QStringLiteral("geometries")).toArray()) {
                if (!(ok = readGeometry(member.toObject(), name, parts, why, depth + 1)))
                    break;
            }
        } else {
            *why = QStringLiteral("unknown geometry type \"%1\"").arg(type);
            return false;
        }
        if (!ok)
            return false;
        if (parts.empty()) {
            *why = QStringLiteral("empty %1").arg(type);
            return false;
        }
        for (const OverlayFeature &part : parts) {
            if (!shapeComplete(part, why))
                return false;
        }
        return true;
    }

    Overlay &m_overlay;
};

// QJsonParseError gives a byte offset; people look for a line.
int lineAt(const QByteArray &bytes, int offset)
{
    const int end = std::min<int>(offset, static_cast<int>(bytes.size()));
    return 1 + static_cast<int>(std::count(bytes.begin(), bytes.begin() + end, '\n'));
}

} // namespace

OverlayParseResult parseGeoJsonOverlay(const QByteArray &bytes, const QString &fileName)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return failure(fileName, QStringLiteral("line %1: %2")
                                     .arg(lineAt(bytes, parseError.offset))
                                     .arg(parseError.errorString()));
    if (!document.isObject())
        return failure(fileName, QStringLiteral("not a GeoJSON object"));
    const QJsonObject root = document.object();
    const QString type = root.value(QStringLiteral("type")).toString();
    Overlay overlay;
    GeoJsonReader reader(overlay);
    if (type == QLatin1String("FeatureCollection")) {
        const QJsonValue features = root.value(QStringLiteral("features"));
        if (!features.isArray())
            return failure(fileName, QStringLiteral("FeatureCollection without a \"features\" array"));
        int index = 0;
        for (const QJsonValue &feature : features.toArray()) {
            ++index;
            const QString where = QStringLiteral("feature %1").arg(index);
            if (feature.toObject().value(QStringLiteral("type")).toString() != QLatin1String("Feature"))
                noteSkipped(overlay, where, QStringLiteral("not a Feature"));
            else
                reader.readFeature(feature.toObject(), where);
        }
    } else if (type == QLatin1String("Feature")) {
        reader.readFeature(root, QStringLiteral("feature 1"));
    } else if (root.contains(QStringLiteral("coordinates")) || root.contains(QStringLiteral("geometries"))) {
        reader.readTopGeometry(root, QString(), QStringLiteral("geometry"));
    } else {
        return failure(fileName, type.isEmpty() ? QStringLiteral("no GeoJSON \"type\"")
                                                : QStringLiteral("unknown GeoJSON type \"%1\"").arg(type));
    }
    return finish(std::move(overlay), fileName);
}

} // namespace cop
