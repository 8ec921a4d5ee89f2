// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the parsers of files people hand to the programs. Each input goes to every
// parser in the table (each refuses quickly what is not its format), so one corpus of JSON and
// text serves them all and a seed for one can mutate into another. A new file format is one
// more line in kParsers and a seed in fuzz/corpus/files.
#include "core/overlay.h"
#include "core/protectedarea.h"
#include "net/curvecertificate.h"
#include "sim/scenariofile.h"
#include "sim/sensorcataloguefile.h"

#include <QByteArray>
#include <QString>

#include <cstdlib>
#include <string>
#include <string_view>

namespace {

using Parser = void (*)(const QByteArray &bytes);

void protectedAreas(const QByteArray &bytes)
{
    const cop::AreaLoadResult result = cop::loadAreasFromGeoJson(bytes, QStringLiteral("fuzz"));
    // Every refused feature says why.
    if (result.errors.size() < result.featuresRefused)
        std::abort();
    for (const cop::ProtectedArea &area : result.areas)
        (void)area.name;
}

void sensorCatalogue(const QByteArray &bytes)
{
    std::string error;
    const auto catalogue = cop::sim::parseSensorCatalogue(bytes, &error);
    if (!catalogue && error.empty())
        std::abort(); // a refusal always says why
}

void scenario(const QByteArray &bytes)
{
    const cop::sim::ScenarioParseResult result = cop::sim::parseScenario(bytes);
    if (!result && result.error().toString().empty())
        std::abort();
    if (result)
        (void)cop::sim::scenarioToJson(result.value()); // what was parsed can be written back
}

void curveCertificate(const QByteArray &bytes)
{
    std::string error;
    const auto certificate = cop::net::parseCurveCertificate(
        std::string_view(bytes.constData(), bytes.size()), &error);
    if (certificate && !cop::net::isValidZ85Key(certificate->publicKey))
        std::abort(); // an accepted certificate holds a usable key
    if (!certificate && error.empty())
        std::abort();
}

// Map overlays: both formats, whatever the content, since the viewer picks the parser by the
// file's suffix before it looks inside.
void overlay(const QByteArray &bytes, cop::OverlayParseResult (*parse)(const QByteArray &, const QString &))
{
    const cop::OverlayParseResult result = parse(bytes, QStringLiteral("fuzz"));
    if (!result && result.error.isEmpty())
        std::abort(); // a refusal always says why
    if (!result)
        return;
    for (const cop::OverlayFeature &feature : result.overlay->features) {
        for (const cop::GeoRing &ring : feature.rings) {
            for (const cop::LatLonDeg &point : ring) {
                // Accepted geometry is drawable: the parser promised finite, in-range positions.
                if (!(point.latDeg >= -90.0 && point.latDeg <= 90.0 && point.lonDeg >= -180.0
                      && point.lonDeg <= 180.0))
                    std::abort();
            }
        }
    }
}

void geoJsonOverlay(const QByteArray &bytes) { overlay(bytes, cop::parseGeoJsonOverlay); }
void kmlOverlay(const QByteArray &bytes) { overlay(bytes, cop::parseKmlOverlay); }

constexpr Parser kParsers[] = {protectedAreas, sensorCatalogue, scenario, curveCertificate,
                               geoJsonOverlay, kmlOverlay};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data),
                                                     static_cast<qsizetype>(size));
    for (const Parser parser : kParsers)
        parser(bytes);
    return 0;
}
