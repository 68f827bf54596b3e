"""All starts of a calibration in one compiled call: optimistix BFGS under ``jax.vmap``.

Why optimistix (Rader, Lyons & Kidger 2024, arXiv:2402.09983): its minimisers are JAX code, so
``vmap`` turns the starts into a batch axis of one ``jit`` compilation and one call, where SciPy's
host-side iterations must run the starts one after another. BFGS with a dense inverse Hessian suits
the handful of parameters a calibration moves. It stops when successive iterates and losses agree
within ``rtol``/``atol`` (optimistix's Cauchy test), both set to the spec's tolerance.

Why a change of coordinates: optimistix's minimisers take no bounds, so each transformed coordinate
``u`` is moved through an unconstrained ``z`` with MINUIT's maps (James, MINUIT Reference Manual,
CERN D506, 1994, §1.2.1; as in lmfit): ``u = lo + (hi − lo)(sin z + 1)/2`` on a finite box,
``u = lo − 1 + √(z² + 1)`` (or ``hi + 1 − √(z² + 1)``) where one side is open, ``u = z`` where both
are. Unlike a logistic map, a bound is reached at a finite ``z`` where du/dz = 0, so an optimum on a
bound is an ordinary stationary point in ``z`` rather than one at infinity, and a start near a bound
is not on an exponentially flat plateau. A start exactly on a bound would be such a stationary point
too, and near one the map is still flat (u − lo ∝ (z − z_lo)²): a start ε of the width inside grows
away from the bound geometrically, in about log(1/√ε) steps of a rate set by the loss gradient. So
starts are moved inside by :data:`NUDGE` = 1% of the box width (at most 0.01 of a unit of ``u``): on
``examples/calibration/body_volumes.yaml`` (dt 5 min), whose library values sit on two lower bounds,
the library start took 200+ BFGS steps with 10⁻⁶, 146 with 10⁻⁴ and 66 with 10⁻² (the random
starts 67 and 39). The nudge moves only where the search begins: a start and its loss are reported
where they were drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

import jax.numpy as jnp
import numpy as np
import optimistix as optx

from .._jax import jax

__all__ = ["NUDGE", "BatchedMinimiser", "Box"]

NUDGE = 1e-2


@dataclass(frozen=True)
class Box:
    """The bounds of the transformed coordinates (±inf for an open side); hashable, so a static
    argument of the compiled minimiser, and the map of each coordinate is chosen when it is traced."""

    lo: tuple[float, ...]
    hi: tuple[float, ...]

    def to_u(self, z):
        """``u`` of unconstrained ``z`` (JAX, traced in the loss)."""
        out = []
        for i, (lo, hi) in enumerate(zip(self.lo, self.hi, strict=True)):
            zi = z[i]
            if np.isfinite(lo) and np.isfinite(hi):
                out.append(lo + (hi - lo) * (jnp.sin(zi) + 1.0) / 2.0)
            elif np.isfinite(lo):
                out.append(lo - 1.0 + jnp.sqrt(zi**2 + 1.0))
            elif np.isfinite(hi):
                out.append(hi + 1.0 - jnp.sqrt(zi**2 + 1.0))
            else:
                out.append(zi)
        return jnp.stack(out)

    def to_z(self, u: np.ndarray) -> np.ndarray:
        """``z`` of starts ``u`` (starts, parameters), each first moved inside by :data:`NUDGE`."""
        lo, hi = np.array(self.lo), np.array(self.hi)
        nudge = NUDGE * np.minimum(hi - lo, 1.0)
        u = np.clip(u, lo + nudge, hi - nudge)
        with np.errstate(invalid="ignore"):  # each map is computed everywhere and kept where it applies
            both = np.arcsin(2.0 * (u - lo) / (hi - lo) - 1.0)
            low = np.sqrt((u - lo + 1.0) ** 2 - 1.0)
            high = np.sqrt((hi - u + 1.0) ** 2 - 1.0)
        closed_lo, closed_hi = np.isfinite(lo), np.isfinite(hi)
        return np.where(closed_lo & closed_hi, both, np.where(closed_lo, low, np.where(closed_hi, high, u)))


class BatchedMinimiser:
    """The multi-start minimiser of ``loss(u, centre, scale) -> (value, aux)``: ``jax.jit`` of
    ``jax.vmap`` of ``optimistix.minimise``, compiled once per box, settings and number of starts.

    Called with the starts ``u0`` (starts, parameters), it returns per start the optimum ``u``,
    whether it ``converged``, optimistix's ``message`` and its number of ``steps`` (one loss and
    gradient evaluation each, line-search trials included). The loss at the optimum is left to the
    caller's compiled loss, which keeps a second copy of the model out of this compilation.
    """

    def __init__(self, loss):
        def run(z0, centre, scale, box: Box, max_steps: int, tolerance: float):
            def one(z):
                solution = optx.minimise(lambda z, args: loss(box.to_u(z), *args)[0], optx.BFGS(rtol=tolerance, atol=tolerance),
                                         z, (centre, scale), max_steps=max_steps, throw=False)
                return box.to_u(solution.value), solution.result, solution.stats["num_steps"]

            return jax.vmap(one)(z0)

        self._run = jax.jit(run, static_argnums=(3, 4, 5))

    def __call__(self, u0, box: Box, centre, scale, max_steps: int, tolerance: float) -> dict:
        u0 = np.asarray(u0, dtype=float)
        u, result, steps = self._run(box.to_z(u0), centre, scale, box, max_steps, tolerance)
        codes = [jax.tree.map(lambda a, k=k: a[k], result) for k in range(len(u0))]
        return {"u": np.asarray(u), "converged": [bool(c == optx.RESULTS.successful) for c in codes],
                "message": [optx.RESULTS[c] or "converged" for c in codes], "steps": np.asarray(steps)}
