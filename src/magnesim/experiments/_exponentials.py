"""Least-squares fit of a sum of exponentials, by variable projection.

y(t) ≈ c0 + Σ c_i exp(−t/τ_i). For fixed τ the amplitudes are linear, so only log τ is searched
(scipy ``least_squares``), from several starting sets; the best fit is kept.
"""

from __future__ import annotations

import itertools

import numpy as np

__all__ = ["fit_exponentials"]


def _design(t: np.ndarray, taus: np.ndarray) -> np.ndarray:
    return np.column_stack([np.ones_like(t), *(np.exp(-t / tau) for tau in taus)])


def fit_exponentials(t, y, n: int, tau_bounds: tuple[float, float]):
    """Best n-exponential fit of ``y(t)``; returns (taus ascending, amplitudes c_i, offset c0, rms residual)."""
    from scipy.optimize import least_squares

    t = np.asarray(t, dtype=float)
    y = np.asarray(y, dtype=float)
    scale = np.max(np.abs(y)) or 1.0
    lo, hi = np.log(tau_bounds[0]), np.log(tau_bounds[1])

    def residual(log_tau):
        x = _design(t, np.exp(log_tau))
        coef, *_ = np.linalg.lstsq(x, y / scale, rcond=None)
        return x @ coef - y / scale

    grid = np.linspace(lo, hi, 8)
    best = None
    for start in itertools.combinations(grid, n):
        sol = least_squares(residual, np.array(start), bounds=(lo, hi), x_scale=1.0)
        if best is None or sol.cost < best.cost:
            best = sol
    taus = np.sort(np.exp(best.x))
    coef, *_ = np.linalg.lstsq(_design(t, taus), y, rcond=None)
    rms = float(np.sqrt(np.mean((_design(t, taus) @ coef - y) ** 2)))
    return taus, coef[1:], float(coef[0]), rms
