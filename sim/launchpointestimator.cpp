// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/launchpointestimator.h"

#include "core/ecef.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace cop::sim {

namespace {

// Least squares y = c0 + c1 x (+ c2 x²): normal equations, solved by Cramer's rule.
std::optional<std::array<double, 3>> fitPolynomial(const std::vector<double> &x,
                                                   const std::vector<double> &y, int degree)
{
    const int n = degree + 1;
    double a[3][3] = {}, b[3] = {};
    for (std::size_t i = 0; i < x.size(); ++i) {
        double powers[5] = {1.0, x[i], x[i] * x[i], x[i] * x[i] * x[i], x[i] * x[i] * x[i] * x[i]};
        for (int r = 0; r < n; ++r) {
            b[r] += powers[r] * y[i];
            for (int c = 0; c < n; ++c)
                a[r][c] += powers[r + c];
        }
    }
    if (n == 2) {
        const double det = a[0][0] * a[1][1] - a[0][1] * a[1][0];
        if (std::abs(det) < 1e-12)
            return std::nullopt;
        return std::array<double, 3> {(b[0] * a[1][1] - a[0][1] * b[1]) / det,
                                      (a[0][0] * b[1] - b[0] * a[1][0]) / det, 0.0};
    }
    const auto det3 = [](double m[3][3]) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
            - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    };
    const double det = det3(a);
    if (std::abs(det) < 1e-12)
        return std::nullopt;
    std::array<double, 3> out {};
    for (int c = 0; c < 3; ++c) {
        double m[3][3];
        for (int r = 0; r < 3; ++r)
            for (int k = 0; k < 3; ++k)
                m[r][k] = k == c ? b[r] : a[r][k];
        out[static_cast<std::size_t>(c)] = det3(m) / det;
    }
    return out;
}

} // namespace

void LaunchPointEstimator::addMeasurement(double timeS, const Vec3 &ecefPositionM)
{
    if (m_complete)
        return;
    const GeoPosition p = toGeodetic(ecefPositionM);
    if (!(p.altitudeM >= kMinHeightM))
        return;
    if (!m_originEcefM) {
        if (p.altitudeM > kMaxFirstHeightM) {
            m_complete = true; // too late: no estimate from this track
            return;
        }
        GeoPosition ground = p;
        ground.altitudeM = 0.0;
        m_originEcefM = toEcef(ground);
    }
    if (!m_samples.empty() && timeS > m_samples.front().timeS + kWindowS) {
        m_complete = true;
        return;
    }
    const GeoPosition origin = toGeodetic(*m_originEcefM);
    const Vec3 enu = enuFrameAt(origin.latDeg, origin.lonDeg).toEnu(ecefPositionM - *m_originEcefM);
    m_samples.push_back({timeS, p.altitudeM, enu.x, enu.y});
}

std::optional<LaunchPointEstimator::Estimate> LaunchPointEstimator::estimate() const
{
    if (static_cast<int>(m_samples.size()) < kMinSamples)
        return std::nullopt;
    // Times relative to the first sample keep the normal equations well conditioned.
    const double t0 = m_samples.front().timeS;
    std::vector<double> t, h, e, n;
    for (const Sample &s : m_samples) {
        t.push_back(s.timeS - t0);
        h.push_back(s.heightM);
        e.push_back(s.eastM);
        n.push_back(s.northM);
    }
    // Position as a quadratic in time per axis (height, east, north): launched from rest
    // under a steady acceleration vector, the velocity c1 + 2 c2 t vanishes at the launch.
    const std::optional<std::array<double, 3>> up = fitPolynomial(t, h, 2);
    const std::optional<std::array<double, 3>> east = fitPolynomial(t, e, 2);
    const std::optional<std::array<double, 3>> north = fitPolynomial(t, n, 2);
    if (!up || !east || !north)
        return std::nullopt;
    const double c2c2 = (*up)[2] * (*up)[2] + (*east)[2] * (*east)[2] + (*north)[2] * (*north)[2];
    if (!(c2c2 > 0.0))
        return std::nullopt;
    const double c1c2 = (*up)[1] * (*up)[2] + (*east)[1] * (*east)[2] + (*north)[1] * (*north)[2];
    const double launchT = -c1c2 / (2.0 * c2c2); // relative to the first sample
    const auto at = [&](const std::array<double, 3> &c) {
        return c[0] + c[1] * launchT + c[2] * launchT * launchT;
    };
    const GeoPosition origin = toGeodetic(*m_originEcefM);
    Estimate out;
    out.point = toGeodetic(*m_originEcefM
                           + enuFrameAt(origin.latDeg, origin.lonDeg).toEcef({at(*east), at(*north), 0.0}));
    out.point.altitudeM = 0.0;
    out.timeS = t0 + launchT;
    out.samples = static_cast<int>(m_samples.size());
    return out;
}

} // namespace cop::sim
