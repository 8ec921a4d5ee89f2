// SPDX-License-Identifier: GPL-3.0-or-later
// KML 2.2 overlays: Placemarks with Point, LineString, Polygon (outer and inner boundaries) and
// MultiGeometry of these, wherever they sit in Documents and Folders. Styles are ignored: the
// layer has one colour, chosen in the layer list.
#include "core/overlay.h"
#include "core/overlayparsing.h"

#include <QXmlStreamReader>

namespace cop {
namespace {

using namespace overlay_detail;
using Kind = OverlayFeature::Kind;

// "lon,lat[,alt] lon,lat[,alt] ..." as KML writes coordinates.
bool parseCoordinates(const QString &text, GeoRing &ring, QString *why)
{
    const QStringList tuples = text.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &tuple : tuples) {
        const QStringList fields = tuple.split(QLatin1Char(','));
        bool lonOk = false;
        bool latOk = false;
        LatLonDeg p;
        if (fields.size() >= 2) {
            p.lonDeg = fields.at(0).toDouble(&lonOk);
            p.latDeg = fields.at(1).toDouble(&latOk);
        }
        if (!lonOk || !latOk) {
            *why = QStringLiteral("coordinates \"%1\" are not longitude,latitude").arg(tuple.left(40));
            return false;
        }
        if (!validPosition(p.latDeg, p.lonDeg, why))
            return false;
        ring.push_back(p);
    }
    return true;
}

class KmlReader
{
public:
    KmlReader(const QByteArray &bytes, Overlay &overlay) : m_xml(bytes), m_overlay(overlay) {}

    // False on malformed XML, with the reason.
    bool read(QString *error)
    {
        while (!m_xml.atEnd()) {
            const QXmlStreamReader::TokenType token = m_xml.readNext();
            if (token == QXmlStreamReader::StartElement)
                startElement();
            else if (token == QXmlStreamReader::EndElement)
                endElement();
        }
        if (m_xml.hasError()) {
            *error = QStringLiteral("line %1: %2").arg(m_xml.lineNumber()).arg(m_xml.errorString());
            return false;
        }
        return true;
    }

private:
    void startElement()
    {
        const QStringView element = m_xml.name();
        if (element == u"Placemark") {
            m_inPlacemark = true;
            m_placemarkLine = m_xml.lineNumber();
            m_name.clear();
            m_parts.clear();
            m_why.clear();
            m_depthInPlacemark = 0;
            return;
        }
        if (!m_inPlacemark)
            return;
        ++m_depthInPlacemark;
        if (element == u"name" && m_depthInPlacemark == 1) {
            m_name = m_xml.readElementText(QXmlStreamReader::SkipChildElements).trimmed();
            --m_depthInPlacemark; // readElementText consumed the end tag
        } else if (element == u"Polygon") {
            m_polygon = OverlayFeature{Kind::Polygon, {}, {}};
            m_inPolygon = true;
        } else if (element == u"outerBoundaryIs") {
            m_boundary = Boundary::Outer;
        } else if (element == u"innerBoundaryIs") {
            m_boundary = Boundary::Inner;
        } else if (element == u"Point" || element == u"LineString" || element == u"LinearRing") {
            m_geometry = element.toString();
        } else if (element == u"coordinates") {
            const QString text = m_xml.readElementText(QXmlStreamReader::SkipChildElements);
            --m_depthInPlacemark;
            takeCoordinates(text);
        }
    }

    void endElement()
    {
        if (!m_inPlacemark)
            return;
        const QStringView element = m_xml.name();
        if (element == u"Placemark") {
            finishPlacemark();
            return;
        }
        --m_depthInPlacemark;
        if (element == u"Polygon") {
            m_inPolygon = false;
            m_parts.push_back(std::move(m_polygon));
        } else if (element == u"outerBoundaryIs" || element == u"innerBoundaryIs") {
            m_boundary = Boundary::None;
        }
    }

    void takeCoordinates(const QString &text)
    {
        GeoRing ring;
        if (!m_why.isEmpty())
            return; // the placemark is already rejected
        if (!parseCoordinates(text, ring, &m_why))
            return;
        if (m_inPolygon && m_geometry == u"LinearRing") {
            dropClosingPoint(ring);
            // The outer boundary goes first whatever order the file gives them in.
            if (m_boundary == Boundary::Outer)
                m_polygon.rings.insert(m_polygon.rings.begin(), std::move(ring));
            else if (m_boundary == Boundary::Inner)
                m_polygon.rings.push_back(std::move(ring));
        } else if (m_geometry == u"Point") {
            if (!ring.empty())
                ring.resize(1);
            m_parts.push_back(OverlayFeature{Kind::Point, {}, {std::move(ring)}});
        } else if (m_geometry == u"LineString") {
            m_parts.push_back(OverlayFeature{Kind::Line, {}, {std::move(ring)}});
        } else if (m_geometry == u"LinearRing") {
            dropClosingPoint(ring);
            m_parts.push_back(OverlayFeature{Kind::Polygon, {}, {std::move(ring)}});
        }
    }

    void finishPlacemark()
    {
        m_inPlacemark = false;
        const QString where = m_name.isEmpty()
                                  ? QStringLiteral("line %1: placemark").arg(m_placemarkLine)
                                  : QStringLiteral("line %1: placemark \"%2\"").arg(m_placemarkLine).arg(m_name);
        if (m_why.isEmpty() && m_parts.empty())
            m_why = QStringLiteral("no Point, LineString or Polygon");
        for (const OverlayFeature &part : m_parts) {
            if (!m_why.isEmpty())
                break;
            shapeComplete(part, &m_why);
        }
        if (!m_why.isEmpty()) {
            noteSkipped(m_overlay, where, m_why);
            return;
        }
        for (OverlayFeature &part : m_parts) {
            part.name = m_name;
            m_overlay.features.push_back(std::move(part));
        }
        m_parts.clear();
    }

    enum class Boundary { None, Outer, Inner };

    QXmlStreamReader m_xml;
    Overlay &m_overlay;
    bool m_inPlacemark = false;
    qint64 m_placemarkLine = 0;
    int m_depthInPlacemark = 0;
    QString m_name;
    QString m_why; // set: the current placemark is rejected for this reason
    std::vector<OverlayFeature> m_parts;
    bool m_inPolygon = false;
    OverlayFeature m_polygon;
    Boundary m_boundary = Boundary::None;
    QString m_geometry; // the innermost Point / LineString / LinearRing seen
};

} // namespace

OverlayParseResult parseKmlOverlay(const QByteArray &bytes, const QString &fileName)
{
    Overlay overlay;
    KmlReader reader(bytes, overlay);
    QString error;
    if (!reader.read(&error))
        return failure(fileName, error);
    return finish(std::move(overlay), fileName);
}

} // namespace cop
