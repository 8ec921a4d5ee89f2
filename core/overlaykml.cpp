// SPDX-License-Identifier: GPL-3.0-or-later
// KML 2.2 overlays: Placemarks with Point, LineString, Polygon (outer and inner boundaries) and
// MultiGeometry of these, wherever they sit in Documents and Folders. Colours come from the
// placemark's Style (inline, or shared by <styleUrl>#id</styleUrl>, also through a StyleMap's
// "normal" pair): LineStyle's and PolyStyle's <color>, and PolyStyle's <fill>0</fill>. Other
// style elements (icons, widths, label styles) are ignored; features without a colour take the
// layer's, chosen in the layer list.
#include "core/overlay.h"
#include "core/overlayparsing.h"

#include <QXmlStreamReader>

#include <map>

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

// KML colours are hexadecimal aabbggrr; returns 0xAARRGGBB.
std::optional<std::uint32_t> parseKmlColour(const QString &text)
{
    const QString hex = text.trimmed().remove(QLatin1Char('#'));
    bool ok = false;
    const std::uint32_t abgr = hex.toUInt(&ok, 16);
    if (!ok || hex.size() != 8)
        return std::nullopt;
    const std::uint32_t a = (abgr >> 24) & 0xffu, b = (abgr >> 16) & 0xffu, g = (abgr >> 8) & 0xffu, r = abgr & 0xffu;
    return (a << 24) | (r << 16) | (g << 8) | b;
}

struct KmlStyle
{
    std::optional<std::uint32_t> lineArgb;
    std::optional<std::uint32_t> fillArgb;
    bool noFill = false;
};

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
        applyStyles();
        return true;
    }

private:
    // Styles: <Style id> and <StyleMap id> anywhere, or an inline <Style> in a placemark.
    // Returns true when the element belonged to a style.
    bool styleElement(QStringView element)
    {
        if (element == u"Style") {
            m_inStyle = true;
            m_style = KmlStyle{};
            m_styleId = m_inPlacemark ? QString() : m_xml.attributes().value(QLatin1String("id")).toString();
            return true;
        }
        if (element == u"StyleMap") {
            m_styleMapId = m_xml.attributes().value(QLatin1String("id")).toString();
            return true;
        }
        if (!m_styleMapId.isEmpty() && element == u"key") {
            m_pairIsNormal = m_xml.readElementText(QXmlStreamReader::SkipChildElements).trimmed() == u"normal";
            return true;
        }
        if (!m_styleMapId.isEmpty() && element == u"styleUrl") {
            const QString url = m_xml.readElementText(QXmlStreamReader::SkipChildElements).trimmed();
            if (m_pairIsNormal)
                m_styleMaps[m_styleMapId] = url;
            return true;
        }
        if (!m_inStyle)
            return false;
        if (element == u"LineStyle" || element == u"PolyStyle") {
            m_styleSection = element.toString();
        } else if (element == u"color" && (m_styleSection == u"LineStyle" || m_styleSection == u"PolyStyle")) {
            const std::optional<std::uint32_t> argb = parseKmlColour(m_xml.readElementText(QXmlStreamReader::SkipChildElements));
            (m_styleSection == u"LineStyle" ? m_style.lineArgb : m_style.fillArgb) = argb;
        } else if (element == u"fill" && m_styleSection == u"PolyStyle") {
            m_style.noFill = m_xml.readElementText(QXmlStreamReader::SkipChildElements).trimmed() == u"0";
        } else {
            m_xml.skipCurrentElement(); // icons, labels, widths: not drawn from the file
        }
        return true;
    }

    // After the whole file: shared styles may be defined after the placemarks using them.
    void applyStyles()
    {
        for (std::size_t i = 0; i < m_overlay.features.size(); ++i) {
            OverlayFeature &feature = m_overlay.features[i];
            const FeatureStyle &given = m_featureStyles[i];
            KmlStyle style;
            if (given.inlineStyle) {
                style = *given.inlineStyle;
            } else if (!given.url.isEmpty()) {
                QString id = given.url.startsWith(QLatin1Char('#')) ? given.url.mid(1) : given.url;
                if (auto map = m_styleMaps.find(id); map != m_styleMaps.end())
                    id = map->second.startsWith(QLatin1Char('#')) ? map->second.mid(1) : map->second;
                if (auto found = m_styles.find(id); found != m_styles.end())
                    style = found->second;
            }
            feature.lineArgb = style.lineArgb;
            // No fill: fully transparent, so the layer's colour does not fill it either.
            feature.fillArgb = style.noFill ? std::optional<std::uint32_t>(0u) : style.fillArgb;
        }
    }

    void startElement()
    {
        const QStringView element = m_xml.name();
        if (styleElement(element))
            return;
        if (element == u"Placemark") {
            m_inPlacemark = true;
            m_placemarkLine = m_xml.lineNumber();
            m_name.clear();
            m_placemarkStyle = FeatureStyle{};
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
        } else if (element == u"styleUrl" && m_depthInPlacemark == 1) {
            m_placemarkStyle.url = m_xml.readElementText(QXmlStreamReader::SkipChildElements).trimmed();
            --m_depthInPlacemark;
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
        const QStringView element = m_xml.name();
        if (element == u"Style" && m_inStyle) {
            m_inStyle = false;
            if (m_inPlacemark)
                m_placemarkStyle.inlineStyle = m_style;
            else if (!m_styleId.isEmpty())
                m_styles[m_styleId] = m_style;
            return;
        }
        if (m_inStyle) {
            if (element == u"LineStyle" || element == u"PolyStyle")
                m_styleSection.clear();
            return;
        }
        if (element == u"StyleMap") {
            m_styleMapId.clear();
            return;
        }
        if (!m_inPlacemark)
            return;
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
            m_featureStyles.push_back(m_placemarkStyle);
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

    // What each feature's placemark said about its style, resolved in applyStyles().
    struct FeatureStyle
    {
        QString url;
        std::optional<KmlStyle> inlineStyle;
    };
    FeatureStyle m_placemarkStyle;
    std::vector<FeatureStyle> m_featureStyles; // parallel to m_overlay.features
    std::map<QString, KmlStyle> m_styles;
    std::map<QString, QString> m_styleMaps; // StyleMap id -> its "normal" style URL
    bool m_inStyle = false;
    KmlStyle m_style;
    QString m_styleId;
    QString m_styleSection; // LineStyle or PolyStyle while inside one
    QString m_styleMapId;
    bool m_pairIsNormal = false;
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
