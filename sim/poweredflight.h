// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/geo.h"
#include "core/ballisticpropagator.h"
#include "core/earth.h"
#include "core/trajectory.h"
#include "sim/vehicle.h"

namespace cop::sim {

// The pitch programme and energy of one boost: after a vertical rise the thrust turns over, in
// a fixed inertial plane through the launch point with this azimuth, at a steady rate until
// its pitch above the local horizontal reaches burnoutPitchRad at burnout. The exhaust speed
// scales the thrust (and the energy) of every stage.
struct Steering
{
    double azimuthRad = 0.0; // of the flight plane, from north at the launch point
    double burnoutPitchRad = 0.7; // thrust pitch above the horizontal at burnout
    double exhaustSpeedMps = 2500.0;
};

// A whole flight from lift-off to the ground, with the figures an analyst reports; propagated
// by core's ballistic propagator, which the trackers' predictions and the viewer share.
using FlightProfile = PropagatedFlight;

// Flies a vehicle from a pad (ECEF, at rest on the rotating Earth; for a cold launch, from its
// tube under the sea surface there) until it comes back down to groundHeightM above the
// ellipsoid: thrust along the pitch programme, J2 gravity, and drag
// after burnout (during the boost thrust dominates and the solver absorbs the small loss).
// Steps are 1 s in free flight, shortened to land on staging events and to 0.1 s in the dense
// atmosphere on the way down. Throws std::runtime_error if the vehicle has not come down by
// maxDurationS (an orbit or an escape).
FlightProfile flyPowered(const Vec3 &launchEcefM, double groundHeightM,
                         const VehicleProfile &vehicle, const Steering &steering,
                         const ForceModel &forces = {}, double maxDurationS = 3.0 * 3600.0);

} // namespace cop::sim
