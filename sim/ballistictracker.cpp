// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/ballistictracker.h"

#include "core/earth.h"

#include <algorithm>
#include <cmath>

namespace cop::sim {

namespace {

constexpr double kMaxStepS = 1.0;
const Vec3 kOmega {0.0, 0.0, kEarthRotationRadPerS};

// Linearised dynamics A = ∂(ṙ, v̇)/∂(r, v): gravity gradient μ/r³ (3 r̂r̂ᵀ − I) (J2 neglected
// in the gradient), centrifugal −Ω×Ω×, Coriolis −2 Ω×.
Matrix6 dynamicsJacobian(const Vec3 &r)
{
    Matrix6 a;
    for (int i = 0; i < 3; ++i)
        a(i, i + 3) = 1.0;
    const double rn = r.norm();
    const double k = kEarthGmM3PerS2 / (rn * rn * rn);
    const double u[3] = {r.x / rn, r.y / rn, r.z / rn};
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j)
            a(3 + i, j) = k * (3.0 * u[i] * u[j] - (i == j ? 1.0 : 0.0));
    const double w2 = kEarthRotationRadPerS * kEarthRotationRadPerS;
    a(3, 0) += w2;
    a(4, 1) += w2;
    a(3, 4) = 2.0 * kEarthRotationRadPerS;
    a(4, 3) = -2.0 * kEarthRotationRadPerS;
    return a;
}

} // namespace

double ProcessNoise::forFlight(bool boosting, double altitudeM, double speedMps,
                               double ballisticCoefficientKgPerM2)
{
    if (boosting)
        return kBoostM2PerS3;
    constexpr double kDragCorrelationS = 10.0;
    const double dragMps2 = airDensityKgPerM3(std::max(altitudeM, 0.0)) * speedMps * speedMps
        / (2.0 * ballisticCoefficientKgPerM2);
    return std::min(kBallisticM2PerS3 + kDragCorrelationS * dragMps2 * dragMps2, kReentryM2PerS3);
}

Vec3 BallisticTracker::modelAcceleration(const Vec3 &r, const Vec3 &v)
{
    return gravityAcceleration(r, true) - 2.0 * cross(kOmega, v) - cross(kOmega, cross(kOmega, r));
}

void BallisticTracker::initialize(const Measurement &z, double timeS, double velocitySigmaMps)
{
    m_x = Vector6 {};
    m_x(0, 0) = z.ecefPositionM.x;
    m_x(1, 0) = z.ecefPositionM.y;
    m_x(2, 0) = z.ecefPositionM.z;
    m_p = Matrix6 {};
    for (int i = 0; i < 3; ++i) {
        for (int j = 0; j < 3; ++j)
            m_p(i, j) = z.covarianceM2(i, j);
        m_p(3 + i, 3 + i) = velocitySigmaMps * velocitySigmaMps;
    }
    m_timeS = timeS;
    m_initialized = true;
}

void BallisticTracker::predict(double timeS, double q)
{
    while (m_timeS < timeS) {
        const double dt = std::min(kMaxStepS, timeS - m_timeS);
        const Vec3 r = positionM(), v = velocityMps();
        // State: one Runge–Kutta step of the model.
        const auto f = [](const Vec3 &rr, const Vec3 &vv) { return modelAcceleration(rr, vv); };
        const Vec3 k1v = f(r, v), k1r = v;
        const Vec3 k2r = v + 0.5 * dt * k1v, k2v = f(r + 0.5 * dt * k1r, k2r);
        const Vec3 k3r = v + 0.5 * dt * k2v, k3v = f(r + 0.5 * dt * k2r, k3r);
        const Vec3 k4r = v + dt * k3v, k4v = f(r + dt * k3r, k4r);
        const Vec3 r1 = r + (dt / 6.0) * (k1r + 2.0 * k2r + 2.0 * k3r + k4r);
        const Vec3 v1 = v + (dt / 6.0) * (k1v + 2.0 * k2v + 2.0 * k3v + k4v);
        // Covariance: Φ ≈ I + A dt + (A dt)²/2, plus white-noise acceleration
        // Q = q [dt³/3 I, dt²/2 I; dt²/2 I, dt I] (Bar-Shalom, Li & Kirubarajan, 6.2.2).
        const Matrix6 adt = dt * dynamicsJacobian(r);
        const Matrix6 phi = Matrix6::identity() + adt + 0.5 * (adt * adt);
        Matrix6 qm;
        for (int i = 0; i < 3; ++i) {
            qm(i, i) = q * dt * dt * dt / 3.0;
            qm(i, i + 3) = qm(i + 3, i) = q * dt * dt / 2.0;
            qm(i + 3, i + 3) = q * dt;
        }
        m_p = (phi * m_p * phi.transposed() + qm).symmetrized();
        m_x(0, 0) = r1.x, m_x(1, 0) = r1.y, m_x(2, 0) = r1.z;
        m_x(3, 0) = v1.x, m_x(4, 0) = v1.y, m_x(5, 0) = v1.z;
        m_timeS += dt;
    }
}

double BallisticTracker::update(const Measurement &z)
{
    // H = [I 0]: S = P_rr + R, K = P Hᵀ S⁻¹.
    Matrix3 s;
    Matrix<6, 3> pht;
    for (int i = 0; i < 6; ++i)
        for (int j = 0; j < 3; ++j)
            pht(i, j) = m_p(i, j);
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j)
            s(i, j) = m_p(i, j) + z.covarianceM2(i, j);
    const std::optional<Matrix3> sInverse = inverse(s.symmetrized());
    if (!sInverse)
        return 0.0;
    const Matrix<3, 1> innovation = column(z.ecefPositionM - positionM());
    const Matrix<6, 3> k = pht * *sInverse;
    m_x = m_x + k * innovation;
    // Joseph form, (I − KH) P (I − KH)ᵀ + K R Kᵀ, stays positive definite under rounding.
    Matrix6 ikh = Matrix6::identity();
    for (int i = 0; i < 6; ++i)
        for (int j = 0; j < 3; ++j)
            ikh(i, j) -= k(i, j);
    m_p = (ikh * m_p * ikh.transposed() + k * z.covarianceM2 * k.transposed()).symmetrized();
    return (innovation.transposed() * *sInverse * innovation)(0, 0);
}

} // namespace cop::sim
