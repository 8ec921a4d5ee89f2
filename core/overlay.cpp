// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/overlay.h"

#include "core/overlayparsing.h"

#include <QFile>
#include <QFileInfo>

namespace cop {

std::optional<OverlayFormat> detectOverlayFormat(const QString &fileName, const QByteArray &bytes)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (suffix == QLatin1String("kml"))
        return OverlayFormat::Kml;
    if (suffix == QLatin1String("geojson") || suffix == QLatin1String("json"))
        return OverlayFormat::GeoJson;
    for (char c : bytes) {
        if (c == '<')
            return OverlayFormat::Kml;
        if (c == '{')
            return OverlayFormat::GeoJson;
        // Skip whitespace and a UTF-8 byte order mark before the first real character.
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && static_cast<unsigned char>(c) < 0x80)
            break;
    }
    return std::nullopt;
}

OverlayParseResult parseOverlay(const QByteArray &bytes, const QString &fileName)
{
    if (bytes.size() > kMaxOverlayFileBytes)
        return overlay_detail::failure(fileName, QStringLiteral("larger than the %1 MiB limit")
                                                     .arg(kMaxOverlayFileBytes / (1024 * 1024)));
    const std::optional<OverlayFormat> format = detectOverlayFormat(fileName, bytes);
    if (!format)
        return overlay_detail::failure(fileName, QStringLiteral("neither GeoJSON nor KML"));
    return *format == OverlayFormat::Kml ? parseKmlOverlay(bytes, fileName)
                                         : parseGeoJsonOverlay(bytes, fileName);
}

OverlayParseResult loadOverlayFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return overlay_detail::failure(path, file.errorString());
    if (file.size() > kMaxOverlayFileBytes)
        return overlay_detail::failure(path, QStringLiteral("%1 MiB, larger than the %2 MiB limit")
                                                 .arg(file.size() / (1024 * 1024))
                                                 .arg(kMaxOverlayFileBytes / (1024 * 1024)));
    return parseOverlay(file.readAll(), path);
}

} // namespace cop
