// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/sensorcatalogue.h"

#include <GeographicLib/Geodesic.hpp>

namespace cop::sim {

namespace {

// Geostationary altitude above the equator, metres.
constexpr double kGeostationaryAltitudeM = 35'786e3;

double azimuthToThreatDeg(const GeoPosition &site)
{
    double azimuth1Deg = 0.0, azimuth2Deg = 0.0, distanceM = 0.0;
    GeographicLib::Geodesic::WGS84().Inverse(site.latDeg, site.lonDeg, kThreatAxisLatDeg,
                                             kThreatAxisLonDeg, distanceM, azimuth1Deg,
                                             azimuth2Deg);
    return azimuth1Deg < 0.0 ? azimuth1Deg + 360.0 : azimuth1Deg;
}

// A sector radar facing the threat: ±60° in azimuth, 1°–90° in elevation. Revisit intervals
// and first-detection delays are notional round numbers: a fixed site's radar searching a
// wide fence revisits less often and confirms more slowly than a cued AN/TPY-2 or an Aegis
// ship.
SensorSpec sectorRadar(std::string id, std::string name, SensorKind kind, double latDeg,
                       double lonDeg, double maxRangeKm, double rangeSigmaM, double angleSigmaRad,
                       double revisitIntervalS, double firstDetectionDelayS)
{
    SensorSpec spec;
    spec.sensorId = std::move(id);
    spec.name = std::move(name);
    spec.kind = kind;
    spec.site = {latDeg, lonDeg, 0.0};
    spec.coverage = {azimuthToThreatDeg(spec.site), 60.0, 1.0, 90.0, maxRangeKm * 1e3};
    spec.rangeSigmaM = rangeSigmaM;
    spec.angleSigmaRad = angleSigmaRad;
    spec.revisitIntervalS = revisitIntervalS;
    spec.firstDetectionDelayS = firstDetectionDelayS;
    return spec;
}

} // namespace

std::vector<SensorSpec> notionalSensors(Nation nation)
{
    switch (nation) {
    case Nation::Japan:
        return {
            // J/FPS-5 sites per Japan Ministry of Defense public material; the Aegis destroyer
            // station in the Sea of Japan is notional.
            sectorRadar("JP-FPS5-SHIMOKOSHIKI", "J/FPS-5 Shimo-Koshiki", SensorKind::GroundRadar,
                        31.80, 129.80, 2000.0, 60.0, 2.0e-3, 1.0, 5.0),
            sectorRadar("JP-FPS5-SADO", "J/FPS-5 Sado", SensorKind::GroundRadar, 38.00, 138.30,
                        2000.0, 60.0, 2.0e-3, 1.0, 5.0),
            sectorRadar("JP-FPS5-OMINATO", "J/FPS-5 Ominato", SensorKind::GroundRadar, 41.25,
                        141.13, 2000.0, 60.0, 2.0e-3, 1.0, 5.0),
            sectorRadar("JP-DDG-SOJ", "Aegis destroyer, Sea of Japan", SensorKind::ShipRadar,
                        38.80, 134.50, 1000.0, 30.0, 1.5e-3, 0.5, 3.0),
        };
    case Nation::UnitedStates: {
        // AN/TPY-2 forward-based radars at Shariki and Kyogamisaki (public reporting).
        std::vector<SensorSpec> sensors{
            sectorRadar("US-TPY2-SHARIKI", "AN/TPY-2 Shariki", SensorKind::GroundRadar, 40.90,
                        140.30, 1800.0, 20.0, 0.5e-3, 0.5, 2.0),
            sectorRadar("US-TPY2-KYOGAMISAKI", "AN/TPY-2 Kyogamisaki", SensorKind::GroundRadar,
                        35.77, 135.20, 1800.0, 20.0, 0.5e-3, 0.5, 2.0),
        };
        // A notional geostationary infrared early-warning satellite over the western Pacific.
        // Its site is the sub-satellite point at orbital altitude; it sees the whole visible
        // disc, so the coverage is all round out to the slant range of the Earth's limb.
        SensorSpec infrared;
        infrared.sensorId = "US-SBIRS-GEO";
        infrared.name = "Space-based infrared (GEO, notional)";
        infrared.kind = SensorKind::SpaceInfrared;
        infrared.site = {0.0, 130.0, kGeostationaryAltitudeM};
        infrared.coverage = {0.0, 180.0, -90.0, 0.0, 41'700e3};
        infrared.rangeSigmaM = 5000.0;   // a single staring sensor has no range measurement
        infrared.angleSigmaRad = 30e-6;  // ~1 km on the ground from geostationary range
        infrared.revisitIntervalS = 1.0;
        infrared.firstDetectionDelayS = 3.0; // a plume confirmed over a few frames
        sensors.push_back(std::move(infrared));
        return sensors;
    }
    case Nation::Korea:
        return {
            // EL/M-2080 Green Pine sites (approximate, public reporting) and a notional KDX-III
            // Aegis destroyer station in the East Sea.
            sectorRadar("KR-GP-A", "Green Pine A", SensorKind::GroundRadar, 36.40, 127.30, 1000.0,
                        60.0, 2.0e-3, 1.0, 5.0),
            sectorRadar("KR-GP-B", "Green Pine B", SensorKind::GroundRadar, 37.00, 127.70, 1000.0,
                        60.0, 2.0e-3, 1.0, 5.0),
            sectorRadar("KR-KDX3-EAST", "KDX-III Aegis destroyer, East Sea", SensorKind::ShipRadar,
                        37.60, 130.00, 1000.0, 30.0, 1.5e-3, 0.5, 3.0),
        };
    }
    return {};
}

} // namespace cop::sim
