"""The coordinate the optimiser moves for each parameter: ``log``, ``logit`` or ``none``.

Why transform: volumes, clearances and rate constants are positive and act by ratios, so a step in
their logarithm is a relative change of the same size at any magnitude, and the Hessian in these
coordinates compares parameters of different units on one scale. A fraction moves on the logit
scale, which keeps it inside (0, 1) and stretches its ends. Every transform is increasing, so a
parameter's bounds stay a box in the new coordinate, which the optimiser enforces exactly (a library
value may sit on the edge of its plausible range, where a transform that maps the bounds to
infinity could not start).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from .._jax import array_namespace

__all__ = ["TRANSFORMS", "Transform", "default_transform"]

TRANSFORMS = ("log", "logit", "none")
TransformName = Literal["log", "logit", "none"]


@dataclass(frozen=True)
class Transform:
    """A monotone map between a natural value ``x`` and the optimiser's coordinate ``u``.

    NumPy for concrete values and JAX for JAX values (:func:`magnesim._jax.array_namespace`), so the
    same object converts bounds and starts and runs inside the traced loss.
    """

    name: TransformName

    def to_u(self, x):
        xp = array_namespace(x)
        with np.errstate(divide="ignore"):  # a bound at 0 (or 1) maps to an infinite box edge
            if self.name == "log":
                return xp.log(x)
            if self.name == "logit":
                return xp.log(x) - xp.log1p(-x)
            return x

    def to_x(self, u):
        xp = array_namespace(u)
        if self.name == "log":
            return xp.exp(u)
        if self.name == "logit":
            return 1.0 / (1.0 + xp.exp(-u))
        return u

    def dx_du(self, u):
        """The Jacobian of :meth:`to_x`, which maps a covariance in ``u`` to natural units."""
        x = self.to_x(u)
        if self.name == "log":
            return x
        if self.name == "logit":
            return x * (1.0 - x)
        return array_namespace(u).ones_like(u)

    def accepts(self, lo: float, hi: float) -> bool:
        """Whether bounds ``[lo, hi]`` lie in this transform's domain (a closed edge maps to infinity)."""
        if self.name == "log":
            return lo >= 0.0
        if self.name == "logit":
            return lo >= 0.0 and hi <= 1.0
        return True


def default_transform(lo: float, hi: float, unit: str) -> Transform:
    """``logit`` for a dimensionless parameter bounded within [0, 1] (a fraction), ``log`` for one
    bounded below by a positive number, ``none`` otherwise (a parameter that may be zero or negative).

    A volume with bounds inside [0, 1] L/kg is not a fraction: the unit decides, not the numbers.
    """
    if unit in ("dimensionless", "1", "") and 0.0 <= lo and hi <= 1.0:
        return Transform("logit")
    if lo > 0.0:
        return Transform("log")
    return Transform("none")
