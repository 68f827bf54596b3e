"""Exact solution of linear compartment models under a regimen (closed form, no step size).

Between consecutive event boundaries every input is constant, so with amounts x and zero-order
input rate u the solution over a segment of length h is

    x(t + h) = e^{Ah} x(t) + (∫₀ʰ e^{As} ds) u,

both blocks of one matrix exponential of the augmented matrix [[A, u], [0, 0]] · h. Boluses are added
at their instants. Each system carries an absorbing "eliminated" compartment, so the amounts in
the body plus the eliminated amount plus what a route never delivered (1 − F) equal what was dosed,
to rounding. All subjects share the regimen and the time grid; their matrices differ, and the
solution is one ``vmap`` over subjects.

Units: h, mmol, L.
"""

from __future__ import annotations

from dataclasses import dataclass

import jax.numpy as jnp
import numpy as np

from .._jax import jax
from .regimen import Regimen

__all__ = ["LinearSystem", "segment_inputs", "segment_states", "solve_linear"]


@dataclass(frozen=True)
class LinearSystem:
    """A batch of linear compartment models sharing a structure.

    ``a``: (..., n, n) rate matrices in 1/h (dx/dt = a x + inputs); the last compartment must be the
    absorbing eliminated one. ``entry``: route → (compartment index, bioavailability array (...)).
    """

    a: np.ndarray
    entry: dict[str, tuple[int, np.ndarray]]

    @property
    def n(self) -> int:
        return self.a.shape[-1]


def segment_inputs(system: LinearSystem, regimen: Regimen, times) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """For one system (no batch): the edges (every event boundary and every time), the infusion rates
    per segment (S, n), the boluses at each edge (S+1, n), and the edge index of each of ``times``."""
    times = np.asarray(times, dtype=float)
    one = LinearSystem(np.asarray(system.a, float).reshape(1, system.n, system.n),
                       {r: (c, np.reshape(np.asarray(f, float), (1,))) for r, (c, f) in system.entry.items()})
    edges = _boundaries(regimen, times)
    rates, boluses, _ = _inputs(one, regimen, edges, (1,))
    return edges, rates[:, 0], boluses[:, 0], np.searchsorted(edges, np.round(times, 12))


def _boundaries(regimen: Regimen, times: np.ndarray) -> np.ndarray:
    edges = [0.0, *times]
    for e in regimen.events:
        edges += [e.start_h, e.end_h]
    edges = np.unique(np.round(np.asarray(edges, dtype=float), 12))
    return edges[(edges >= 0.0) & (edges <= np.round(times[-1], 12))]


def _inputs(system: LinearSystem, regimen: Regimen, edges: np.ndarray, batch: tuple[int, ...]):
    """Per-segment infusion rates (S, B, n); boluses at each edge (S+1, B, n); amounts never delivered
    by their route during the segment ending at each edge, or by boluses there (S+1, B)."""
    n_seg = edges.size - 1
    rates = np.zeros((n_seg, *batch, system.n))
    boluses = np.zeros((edges.size, *batch, system.n))
    lost = np.zeros((edges.size, *batch))
    for e in regimen.events:
        if e.route not in system.entry:
            raise ValueError(f"route {e.route} is not modelled by this system")
        comp, f = system.entry[e.route]
        if e.duration_h > 0:
            # mean rate over each segment: exact in mass even where rounding leaves a sliver of overlap
            overlap = np.clip(np.minimum(edges[1:], e.end_h) - np.maximum(edges[:-1], e.start_h), 0.0, None)
            rates[:, :, comp] += np.outer(overlap / np.diff(edges) * e.rate_mmol_per_h, f)
            lost[1:] += np.outer(overlap * e.rate_mmol_per_h, 1.0 - f)
        else:
            k = np.searchsorted(edges, e.start_h - 1e-9)
            if k < edges.size and abs(edges[k] - e.start_h) < 1e-9:
                boluses[k, :, comp] += f * e.amount_mmol
                lost[k] += (1.0 - f) * e.amount_mmol
    return rates, boluses, lost


_TAYLOR_ORDER = 12
_MAX_SQUARINGS = 12


def expm(m, norm=None):
    """e^m by scaling and squaring a Taylor polynomial: (T₁₂(m/2ˢ))^(2ˢ), s the smallest with
    ‖m‖₁/2ˢ ≤ ½ (at most 12; ``norm`` replaces ‖m‖₁ where only a block of m sets the convergence).

    Straight-line code (the squarings not needed are masked), which XLA compiles and differentiates
    several times faster than ``jax.scipy.linalg.expm``, whose Padé degree and squarings branch on
    the data. Truncation error ≤ ½¹³/13! ≈ 2e-14 of the result; checked against SciPy in tests/body."""
    nrm = jnp.max(jnp.sum(jnp.abs(m), axis=-2)) if norm is None else norm
    s = jnp.clip(jnp.ceil(jnp.log2(jnp.maximum(nrm, 1e-300) / 0.5)), 0, _MAX_SQUARINGS)
    x = m * 2.0**-s
    eye = jnp.eye(m.shape[-1], dtype=m.dtype)
    r = eye
    for k in range(_TAYLOR_ORDER, 0, -1):
        r = eye + (x @ r) / k
    for i in range(_MAX_SQUARINGS):
        r = jnp.where(i < s, r @ r, r)
    return r


def _segment_step(a, u, h):
    n = a.shape[-1]
    aug = jnp.zeros((n + 1, n + 1), dtype=a.dtype).at[:n, :n].set(a).at[:n, n].set(u)
    # the input column does not feed back: the rate block alone sets how far the series must be scaled
    m = expm(aug * h, norm=jnp.max(jnp.sum(jnp.abs(a), axis=-2)) * h)
    return m[:n, :n], m[:n, n]


def solve_linear(system: LinearSystem, regimen: Regimen, times, x0=None):
    """Amounts at ``times`` (h, ascending, starting at or after 0) for every system in the batch.

    Returns (amounts (batch, T, n), dosed (T,), undelivered (batch, T)): cumulative amounts dosed
    and never delivered by their route, up to each time; boluses at a time are included in it.
    """
    times = np.asarray(times, dtype=float)
    batch_shape = system.a.shape[:-2]
    a = np.asarray(system.a, dtype=float).reshape(-1, system.n, system.n)
    batch = (a.shape[0],)
    entry = {r: (c, np.broadcast_to(np.asarray(f, dtype=float), batch_shape).reshape(batch)) for r, (c, f) in system.entry.items()}
    flat = LinearSystem(a, entry)
    edges = _boundaries(regimen, times)
    rates, boluses, lost = _inputs(flat, regimen, edges, batch)
    x0 = np.zeros((batch[0], system.n)) if x0 is None else np.broadcast_to(np.asarray(x0, float), (batch[0], system.n))
    widths, which = np.unique(np.diff(edges), return_inverse=True)
    states = np.asarray(_run_segments(a, x0, rates, boluses, widths, which))
    index = np.searchsorted(edges, np.round(times, 12))
    dosed = np.array([regimen_amount_until(regimen, t) for t in times])
    undelivered = np.cumsum(lost, axis=0)[index].T
    return states[:, index].reshape(*batch_shape, times.size, system.n), dosed, undelivered.reshape(*batch_shape, times.size)


def segment_states(a, x0, rates, boluses, widths):
    """States at every edge of one system (pure JAX: differentiable in ``a``): start ``x0`` plus the
    boluses at the first edge, then each segment of width ``widths[s]`` at infusion rates ``rates[s]``
    followed by the boluses at its end. A segment of width 0 leaves the state as it is (padding)."""
    start = x0 + boluses[0]

    def step(x, inp):
        u, b_next, h = inp
        e, g = _segment_step(a, u, h)
        x_next = e @ x + g + b_next
        return x_next, x_next

    _, xs = jax.lax.scan(step, start, (rates, boluses[1:], widths))
    return jnp.concatenate([start[None], xs])


def _propagators(a, h):
    """e^{Ah} and ∫₀ʰ e^{As} ds, the blocks of one exponential of [[A, I], [0, 0]]·h."""
    n = a.shape[-1]
    aug = jnp.zeros((2 * n, 2 * n), dtype=a.dtype).at[:n, :n].set(a).at[:n, n:].set(jnp.eye(n, dtype=a.dtype))
    m = expm(aug * h, norm=jnp.max(jnp.sum(jnp.abs(a), axis=-2)) * h)
    return m[:n, :n], m[:n, n:]


@jax.jit
def _run_segments(a, x0, rates, boluses, widths, which):
    """States at every edge, boluses at an edge included (vmapped over the batch). Segments share a
    few widths (the output step, mostly): one exponential per distinct width ``widths``, and segment
    s uses ``widths[which[s]]``, so the cost per segment is two matrix-vector products."""

    def one(a, x0, rates, boluses):
        e, f = jax.vmap(_propagators, in_axes=(None, 0))(a, widths)
        start = x0 + boluses[0]

        def step(x, inp):
            u, b_next, k = inp
            x_next = e[k] @ x + f[k] @ u + b_next
            return x_next, x_next

        _, xs = jax.lax.scan(step, start, (rates, boluses[1:], which))
        return jnp.concatenate([start[None], xs])

    return jax.vmap(one, in_axes=(0, 0, 1, 1))(a, x0, rates, boluses)


def regimen_amount_until(regimen: Regimen, t: float) -> float:
    """Elemental Mg delivered, deposited or applied by time t (boluses at t included)."""
    total = 0.0
    for e in regimen.events:
        if e.duration_h > 0:
            total += e.amount_mmol * float(np.clip((t - e.start_h) / e.duration_h, 0.0, 1.0))
        elif e.start_h <= t + 1e-9:
            total += e.amount_mmol
    return total
