"""The Laplace approximation at the optimum, and what it says about identifiability.

With each target's tolerance read as one standard deviation, the loss is −2 log L of independent
Gaussian errors, so the Laplace covariance is the inverse Hessian of the negative log-likelihood,
(H/2)⁻¹ = 2 H⁻¹, with H the Hessian of the loss. It is computed in the optimiser's coordinates (log,
logit) and mapped to natural units by the transform's Jacobian, Σ_x = J Σ_u J with J = diag(dx/du).

A parameter that ends on a bound of its range is not at a stationary point of the loss, where the
approximation holds: it is reported in ``at_bound``, gets no variance (NaN), and the covariance of the
others is that with it held at the bound (the Hessian restricted to the parameters inside their
bounds).

Identifiability is judged in the optimiser's coordinates, which are unit-free (a log coordinate is a
relative change): a direction whose curvature is within :data:`SINGULAR_RTOL` of zero, relative to
the largest, is near-singular — the targets pin it down more than a thousand times less tightly (in
standard deviation) than the best-determined direction — and its parameters are named. Two
parameters that enter the predictions only as a product give such a direction, log a − log b. A
direction of clearly negative curvature means the optimiser stopped at a saddle, not a minimum.
Either way the Laplace covariance does not exist (its inverse would be rounding noise): covariance,
standard errors and correlations are then NaN, and the eigen-decomposition and the flagged directions
carry the report.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["LOADING", "SINGULAR_RTOL", "Laplace", "laplace"]

SINGULAR_RTOL = 1e-6
LOADING = 0.3  # a parameter whose component in a flagged direction is at least this is named with it


@dataclass(frozen=True)
class Laplace:
    """Covariance at the optimum (natural units and transformed coordinates), standard errors,
    correlations, the eigen-decomposition of the transformed covariance (largest variance first; one
    column per direction over all parameters, 0 for those at a bound), and the flags."""

    hessian: np.ndarray
    covariance: np.ndarray
    covariance_transformed: np.ndarray
    standard_errors: np.ndarray
    correlation: np.ndarray
    eigenvalues: np.ndarray
    eigenvectors: np.ndarray
    condition_number: float
    positive_definite: bool
    near_singular: tuple[dict, ...]
    negative_curvature: tuple[dict, ...]
    at_bound: tuple[str, ...]

    @property
    def identifiable(self) -> bool:
        """Whether the parameters inside their bounds are all pinned down: a positive definite,
        well-conditioned Hessian."""
        return self.positive_definite and not self.near_singular

    def to_dict(self, ids: tuple[str, ...]) -> dict:
        return {
            "parameters": list(ids), "identifiable": self.identifiable, "positive_definite": self.positive_definite,
            "condition_number": self.condition_number, "near_singular": list(self.near_singular),
            "negative_curvature": list(self.negative_curvature), "at_bound": list(self.at_bound),
            "standard_errors": self.standard_errors.tolist(), "covariance": self.covariance.tolist(),
            "covariance_transformed": self.covariance_transformed.tolist(), "correlation": self.correlation.tolist(),
            "eigenvalues": self.eigenvalues.tolist(), "eigenvectors": self.eigenvectors.tolist(), "hessian": self.hessian.tolist(),
        }


def laplace(hessian: np.ndarray, dx_du: np.ndarray, ids: tuple[str, ...], at_bound: tuple[str, ...] = ()) -> Laplace:
    """The Laplace report from the loss Hessian in transformed coordinates and the transform's Jacobian
    ``dx_du`` (one entry per parameter) at the optimum; ``at_bound`` names parameters on a bound."""
    n = len(ids)
    h = (hessian + hessian.T) / 2
    free = np.array([pid not in at_bound for pid in ids], dtype=bool)
    lam, inner = np.linalg.eigh(h[np.ix_(free, free)])  # ascending curvature = descending variance
    vec = np.zeros((n, lam.size))
    if lam.size:  # some parameter inside its bounds; each direction's largest component made positive
        vec[free] = inner * np.where(inner[np.argmax(np.abs(inner), axis=0), np.arange(lam.size)] < 0, -1.0, 1.0)
    top = float(lam.max()) if lam.size else 0.0
    positive = bool(top > 0 and np.all(lam > 0))
    flat = np.abs(lam) <= SINGULAR_RTOL * max(top, 0.0)
    cov_u = np.full((n, n), np.nan)
    if positive and not flat.any():
        cov_u[np.ix_(free, free)] = (inner * (2.0 / lam)) @ inner.T
    sd_u = np.sqrt(np.diag(cov_u))

    def directions(mask) -> tuple[dict, ...]:
        return tuple({"curvature_ratio": float(lam[k] / top) if top > 0 else float("nan"),
                      "parameters": {ids[j]: float(vec[j, k]) for j in range(n) if abs(vec[j, k]) >= LOADING}}
                     for k in np.nonzero(mask)[0])

    return Laplace(
        hessian=h, covariance=cov_u * np.outer(dx_du, dx_du), covariance_transformed=cov_u,
        standard_errors=np.sqrt(np.diag(cov_u)) * np.abs(dx_du), correlation=cov_u / np.outer(sd_u, sd_u),
        eigenvalues=np.where(lam > 0, 2.0 / np.where(lam > 0, lam, 1.0), np.inf), eigenvectors=vec,
        condition_number=float(top / lam.min()) if positive else float("inf"), positive_definite=positive,
        near_singular=directions(flat), negative_curvature=directions(lam < -SINGULAR_RTOL * max(top, 0.0)),
        at_bound=tuple(at_bound),
    )
