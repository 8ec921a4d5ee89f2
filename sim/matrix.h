// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/vec3.h"

#include <array>
#include <cmath>
#include <cstddef>
#include <optional>
#include <utility>

namespace cop::sim {

// A small fixed-size matrix for the trackers' Kalman filters (6-state, 3-measurement): value
// semantics, no allocation, nothing a tracker does not use.
template<std::size_t R, std::size_t C> struct Matrix
{
    std::array<double, R * C> m {};

    double &operator()(std::size_t r, std::size_t c) { return m[r * C + c]; }
    double operator()(std::size_t r, std::size_t c) const { return m[r * C + c]; }

    static Matrix identity()
    {
        static_assert(R == C);
        Matrix out;
        for (std::size_t i = 0; i < R; ++i)
            out(i, i) = 1.0;
        return out;
    }

    Matrix<C, R> transposed() const
    {
        Matrix<C, R> out;
        for (std::size_t r = 0; r < R; ++r)
            for (std::size_t c = 0; c < C; ++c)
                out(c, r) = (*this)(r, c);
        return out;
    }

    // (A + Aᵀ)/2: keeps covariances symmetric against rounding.
    Matrix symmetrized() const
    {
        static_assert(R == C);
        Matrix out = *this;
        for (std::size_t r = 0; r < R; ++r)
            for (std::size_t c = r + 1; c < C; ++c)
                out(r, c) = out(c, r) = 0.5 * ((*this)(r, c) + (*this)(c, r));
        return out;
    }

    friend Matrix operator+(Matrix a, const Matrix &b)
    {
        for (std::size_t i = 0; i < R * C; ++i)
            a.m[i] += b.m[i];
        return a;
    }
    friend Matrix operator-(Matrix a, const Matrix &b)
    {
        for (std::size_t i = 0; i < R * C; ++i)
            a.m[i] -= b.m[i];
        return a;
    }
    friend Matrix operator*(double s, Matrix a)
    {
        for (double &v : a.m)
            v *= s;
        return a;
    }
};

template<std::size_t R, std::size_t K, std::size_t C>
Matrix<R, C> operator*(const Matrix<R, K> &a, const Matrix<K, C> &b)
{
    Matrix<R, C> out;
    for (std::size_t r = 0; r < R; ++r)
        for (std::size_t k = 0; k < K; ++k) {
            const double v = a(r, k);
            if (v == 0.0)
                continue;
            for (std::size_t c = 0; c < C; ++c)
                out(r, c) += v * b(k, c);
        }
    return out;
}

using Matrix3 = Matrix<3, 3>;
using Matrix6 = Matrix<6, 6>;
using Vector6 = Matrix<6, 1>;

inline Matrix<3, 1> column(const Vec3 &v)
{
    Matrix<3, 1> out;
    out(0, 0) = v.x;
    out(1, 0) = v.y;
    out(2, 0) = v.z;
    return out;
}

inline Vec3 toVec3(const Matrix<3, 1> &c)
{
    return {c(0, 0), c(1, 0), c(2, 0)};
}

// Inverse of a symmetric positive-definite matrix by Gauss–Jordan elimination with partial
// pivoting; empty if singular.
template<std::size_t N> std::optional<Matrix<N, N>> inverse(Matrix<N, N> a)
{
    Matrix<N, N> inv = Matrix<N, N>::identity();
    for (std::size_t col = 0; col < N; ++col) {
        std::size_t pivot = col;
        for (std::size_t r = col + 1; r < N; ++r)
            if (std::abs(a(r, col)) > std::abs(a(pivot, col)))
                pivot = r;
        if (!(std::abs(a(pivot, col)) > 0.0))
            return std::nullopt;
        for (std::size_t c = 0; c < N; ++c) {
            std::swap(a(col, c), a(pivot, c));
            std::swap(inv(col, c), inv(pivot, c));
        }
        const double d = a(col, col);
        for (std::size_t c = 0; c < N; ++c) {
            a(col, c) /= d;
            inv(col, c) /= d;
        }
        for (std::size_t r = 0; r < N; ++r) {
            if (r == col || a(r, col) == 0.0)
                continue;
            const double f = a(r, col);
            for (std::size_t c = 0; c < N; ++c) {
                a(r, c) -= f * a(col, c);
                inv(r, c) -= f * inv(col, c);
            }
        }
    }
    return inv;
}

// Lower-triangular Cholesky factor L with L Lᵀ = A (A symmetric positive semi-definite).
template<std::size_t N> Matrix<N, N> cholesky(const Matrix<N, N> &a)
{
    Matrix<N, N> l;
    for (std::size_t j = 0; j < N; ++j) {
        double d = a(j, j);
        for (std::size_t k = 0; k < j; ++k)
            d -= l(j, k) * l(j, k);
        l(j, j) = d > 0.0 ? std::sqrt(d) : 0.0;
        for (std::size_t i = j + 1; i < N; ++i) {
            double s = a(i, j);
            for (std::size_t k = 0; k < j; ++k)
                s -= l(i, k) * l(j, k);
            l(i, j) = l(j, j) > 0.0 ? s / l(j, j) : 0.0;
        }
    }
    return l;
}

} // namespace cop::sim
