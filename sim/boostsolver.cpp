// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/boostsolver.h"

#include "core/ecef.h"
#include "sim/kepler.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace cop::sim {

namespace {

using Vector3 = std::array<double, 3>;
using Matrix3 = std::array<Vector3, 3>;

// Converged when the impact is this close to the target and the apogee this close to the one
// asked for: far inside any reported figure's precision.
constexpr double kMissToleranceM = 50.0;
constexpr double kApogeeRelativeTolerance = 2e-4;
constexpr int kMaxIterations = 40;

struct Evaluation
{
    bool ok = false;
    Vector3 residual {}; // east miss, north miss, apogee error (metres)
    FlightProfile profile;
};

Vector3 toVector(const Steering &s)
{
    return {s.azimuthRad, s.burnoutPitchRad, s.exhaustSpeedMps};
}

Steering toSteering(const Vector3 &x)
{
    return {x[0], std::clamp(x[1], 0.5 * std::numbers::pi / 180.0, 89.9 * std::numbers::pi / 180.0),
            std::clamp(x[2], 100.0, 30'000.0)};
}

double norm(const Vector3 &v)
{
    return std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
}

// Solves J x = b by Cramer's rule; empty when J is singular.
std::optional<Vector3> solve3(const Matrix3 &j, const Vector3 &b)
{
    const auto det = [](const Matrix3 &m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
            - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    };
    const double d = det(j);
    if (!std::isfinite(d) || std::abs(d) < 1e-300)
        return std::nullopt;
    Vector3 x {};
    for (int c = 0; c < 3; ++c) {
        Matrix3 m = j;
        for (int r = 0; r < 3; ++r)
            m[r][c] = b[r];
        x[c] = det(m) / d;
    }
    return x;
}

class Shooter
{
public:
    Shooter(const BoostRequest &request, double apogeeAltitudeM)
        : m_request(request)
        , m_padEcefM(toEcef(request.launchPoint))
        , m_targetEcefM(toEcef(request.target))
        , m_targetFrame(enuFrameAt(request.target.latDeg, request.target.lonDeg))
        , m_apogeeAltitudeM(apogeeAltitudeM)
    { }

    Evaluation evaluate(const Steering &steering) const
    {
        Evaluation e;
        try {
            e.profile = flyPowered(m_padEcefM, m_request.target.altitudeM, m_request.vehicle,
                                   steering, m_request.forces);
        } catch (const std::runtime_error &) {
            return e; // went into orbit: not a candidate
        }
        const Vec3 miss = m_targetFrame.toEnu(e.profile.impactEcefM - m_targetEcefM);
        e.residual = {miss.x, miss.y, e.profile.apogeeAltitudeM - m_apogeeAltitudeM};
        e.ok = true;
        return e;
    }

    bool converged(const Vector3 &r) const
    {
        return std::hypot(r[0], r[1]) < kMissToleranceM
            && std::abs(r[2]) < kApogeeRelativeTolerance * m_apogeeAltitudeM + 10.0;
    }

private:
    const BoostRequest &m_request;
    Vec3 m_padEcefM;
    Vec3 m_targetEcefM;
    EnuFrame m_targetFrame;
    double m_apogeeAltitudeM;
};

// First guess from the vacuum conic: its launch velocity gives the azimuth and the climb
// angle; the exhaust speed supplies that speed plus a typical gravity loss.
Steering initialGuess(const BoostRequest &request, const KeplerArc &arc)
{
    const EnuFrame frame = enuFrameAt(request.launchPoint.latDeg, request.launchPoint.lonDeg);
    const Vec3 v = frame.toEnu(arc.launchVelocityMps);
    const double speed = v.norm();
    const double gamma = std::asin(std::clamp(v.z / speed, -1.0, 1.0));
    const double gravityLossMps = 9.8 * request.vehicle.burnTimeS() * (0.3 + 0.5 * std::sin(gamma));
    Steering s;
    s.azimuthRad = std::atan2(v.x, v.y);
    s.burnoutPitchRad = gamma;
    s.exhaustSpeedMps = (speed + gravityLossMps) / request.vehicle.idealDeltaVPerExhaustSpeed();
    return s;
}

} // namespace

BoostSolution solveBoost(const BoostRequest &request)
{
    if (!request.launchPoint.isValidLatLon() || !request.target.isValidLatLon())
        throw std::invalid_argument("launch point or target outside WGS-84 lat/lon");
    if (request.apogeeAltitudeM && !(*request.apogeeAltitudeM > 0.0))
        throw std::invalid_argument("apogee must be above the ellipsoid");
    if (request.vehicle.stages.empty() || !(request.vehicle.burnTimeS() > 0.0))
        throw std::invalid_argument("a vehicle needs at least one stage with a burn time");

    const Vec3 r1 = toEcef(request.launchPoint);
    const Vec3 r2 = toEcef(request.target);
    KeplerArc arc;
    double apogeeM = 0.0;
    if (request.apogeeAltitudeM) {
        apogeeM = *request.apogeeAltitudeM;
        // The conic needs an apogee above both ends; very depressed requests get a guess
        // just above them and Newton does the rest.
        const double radius = std::max(r1.norm() + apogeeM, std::max(r1.norm(), r2.norm()) + 1e3);
        arc = solveArcForApogeeRadius(r1, r2, radius);
    } else {
        arc = solveMinimumEnergyArc(r1, r2);
        apogeeM = toGeodetic(arc.apogeeDirection * arc.apogeeRadiusM).altitudeM;
    }

    const Shooter shooter(request, apogeeM);
    Vector3 x = toVector(initialGuess(request, arc));
    Evaluation current = shooter.evaluate(toSteering(x));
    // Too much energy at first (an orbit): back off until the flight comes down.
    for (int i = 0; i < 20 && !current.ok; ++i) {
        x[2] *= 0.9;
        current = shooter.evaluate(toSteering(x));
    }
    if (!current.ok)
        throw std::runtime_error("boost solver: no returning trajectory near the first guess");

    const Vector3 delta {1e-4, 1e-4, 1e-4 * x[2]};
    for (int iteration = 1; iteration <= kMaxIterations; ++iteration) {
        if (shooter.converged(current.residual)) {
            BoostSolution solution;
            solution.steering = toSteering(x);
            solution.missM = std::hypot(current.residual[0], current.residual[1]);
            solution.apogeeErrorM = current.residual[2];
            solution.iterations = iteration - 1;
            solution.profile = std::move(current.profile);
            return solution;
        }
        // Finite-difference Jacobian, one column per steering parameter.
        Matrix3 jacobian {};
        bool ok = true;
        for (int c = 0; c < 3 && ok; ++c) {
            Vector3 probe = x;
            probe[c] += delta[c];
            const Evaluation e = shooter.evaluate(toSteering(probe));
            ok = e.ok;
            for (int r = 0; r < 3; ++r)
                jacobian[r][c] = (e.residual[r] - current.residual[r]) / delta[c];
        }
        const std::optional<Vector3> step = ok
            ? solve3(jacobian, {-current.residual[0], -current.residual[1], -current.residual[2]})
            : std::nullopt;
        if (!step)
            break;
        // Limit the step to where the linearisation is trustworthy, then backtrack until the
        // residual falls.
        const double limit = std::max({std::abs((*step)[0]) / 0.1, std::abs((*step)[1]) / 0.1,
                                       std::abs((*step)[2]) / (0.2 * x[2]), 1.0});
        double scale = 1.0 / limit;
        bool improved = false;
        for (int halving = 0; halving < 12; ++halving, scale *= 0.5) {
            const Vector3 trial {x[0] + scale * (*step)[0], x[1] + scale * (*step)[1],
                                 x[2] + scale * (*step)[2]};
            Evaluation e = shooter.evaluate(toSteering(trial));
            if (e.ok && norm(e.residual) < norm(current.residual)) {
                x = toVector(toSteering(trial));
                current = std::move(e);
                improved = true;
                break;
            }
        }
        if (!improved)
            break;
    }
    throw std::runtime_error("boost solver did not converge");
}

} // namespace cop::sim
