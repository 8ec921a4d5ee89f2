// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/truthreport.h"

#include "sim/demoscenario.h"
#include "sim/launchsites.h"
#include "sim/publiclaunches.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <stdexcept>

namespace cop::sim {

namespace {

template<typename... Args> void appendf(std::string &out, const char *format, Args... args)
{
    char line[512];
    std::snprintf(line, sizeof line, format, args...);
    out += line;
}

std::string minutesAndSeconds(double seconds)
{
    char text[32];
    const long total = std::lround(seconds);
    std::snprintf(text, sizeof text, "%ld:%02ld", total / 60, total % 60);
    return text;
}

} // namespace

std::string describeFlight(std::string_view name, MissileClass missileClass,
                           const BallisticFlight &flight)
{
    const FlightSpec &spec = flight.spec();
    const GeoPosition impact = flight.impactPoint();
    const FlightState burnout = flight.stateAt(flight.burnoutTimeUs());
    double maxSpeedMps = 0.0;
    for (double t = 0.0; t < flight.flightDurationS(); t += 1.0)
        maxSpeedMps = std::max(maxSpeedMps, flight.stateAfterLaunch(t).ecefVelocityMps.norm());
    std::string out;
    appendf(out, "%.*s (%s)\n", static_cast<int>(name.size()), name.data(),
            missileClassName(missileClass).toStdString().c_str());
    appendf(out, "  launch     %8.3f N %8.3f E\n", spec.launchPoint.latDeg,
            spec.launchPoint.lonDeg);
    appendf(out, "  burnout    %6.1f s at %7.1f km, %6.0f m/s (Earth-fixed)\n", spec.burnTimeS,
            burnout.position.altitudeM / 1e3, burnout.ecefVelocityMps.norm());
    appendf(out, "  apogee     %9.1f km at %s\n", flight.apogeeAltitudeM() / 1e3,
            minutesAndSeconds(flight.apogeeTimeAfterLaunchS()).c_str());
    appendf(out, "  range      %9.1f km\n", flight.groundRangeM() / 1e3);
    appendf(out, "  flight     %s (%.1f min), top speed %.0f m/s\n",
            minutesAndSeconds(flight.flightDurationS()).c_str(), flight.flightDurationS() / 60.0,
            maxSpeedMps);
    appendf(out, "  impact     %8.3f N %8.3f E\n", impact.latDeg, impact.lonDeg);
    for (const StageDrop &drop : flight.stageDrops()) {
        appendf(out, "  stage %d    separates at %s, falls at %s at %7.3f N %8.3f E\n", drop.stage,
                minutesAndSeconds(drop.separationAfterLaunchS).c_str(),
                minutesAndSeconds(drop.impactAfterLaunchS).c_str(), drop.impactPoint.latDeg,
                drop.impactPoint.lonDeg);
    }
    return out;
}

std::string describeScenarioTruth(const DemoScenario &scenario)
{
    std::string out;
    for (const ScheduledLaunch &launch : scenario.launches()) {
        if (scenario.loopS() > 0.0)
            appendf(out, "t+%5.0f s in the %g s loop: ", launch.loopOffsetS, scenario.loopS());
        else
            appendf(out, "t+%5.0f s: ", launch.loopOffsetS);
        out += describeFlight(launch.name, launch.missileClass, launch.flight);
    }
    return out;
}

BallisticFlight flyPublicLaunch(const PublicLaunch &launch)
{
    const std::optional<GeoPosition> site = findLaunchSite(launch.site);
    if (!site)
        throw std::invalid_argument("unknown launch site");
    FlightSpec spec;
    spec.launchPoint = *site;
    spec.target = pointAlong(*site, launch.azimuthDeg, launch.rangeKm * 1e3);
    spec.apogeeAltitudeM = launch.apogeeKm * 1e3;
    spec.burnTimeS = launch.burnTimeS;
    spec.missileClass = launch.missileClass;
    return BallisticFlight(spec);
}

std::string publicRecordTable()
{
    std::string out
        = "| date | missile | site | apogee km | range km | reported min | simulated min | "
          "difference | source |\n"
          "|---|---|---|---:|---:|---:|---:|---:|---|\n";
    for (const PublicLaunch &launch : publicLaunches()) {
        const BallisticFlight flight = flyPublicLaunch(launch);
        const double minutes = flight.flightDurationS() / 60.0;
        appendf(out, "| %.*s | %.*s | %.*s | %.1f | %.1f | %.1f | %.1f | %+.1f%% | %.*s |\n",
                static_cast<int>(launch.date.size()), launch.date.data(),
                static_cast<int>(launch.missile.size()), launch.missile.data(),
                static_cast<int>(launch.site.size()), launch.site.data(), launch.apogeeKm,
                launch.rangeKm, launch.flightTimeMin, minutes,
                100.0 * (minutes / launch.flightTimeMin - 1.0),
                static_cast<int>(launch.source.size()), launch.source.data());
    }
    return out;
}

} // namespace cop::sim
