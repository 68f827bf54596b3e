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

from .._jax import jax
import jax.numpy as jnp
import numpy as np

from .regimen import Regimen

__all__ = ["LinearSystem", "solve_linear"]


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


def _segment_step(a, u, h):
    n = a.shape[-1]
    aug = jnp.zeros((n + 1, n + 1), dtype=a.dtype).at[:n, :n].set(a).at[:n, n].set(u)
    m = jax.scipy.linalg.expm(aug * h)
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
    states = np.asarray(_run_segments(a, x0, rates, boluses, np.diff(edges)))
    index = np.searchsorted(edges, np.round(times, 12))
    dosed = np.array([regimen_amount_until(regimen, t) for t in times])
    undelivered = np.cumsum(lost, axis=0)[index].T
    return states[:, index].reshape(*batch_shape, times.size, system.n), dosed, undelivered.reshape(*batch_shape, times.size)


@jax.jit
def _run_segments(a, x0, rates, boluses, widths):
    """States at every edge, boluses at an edge included (vmapped over the batch)."""

    def one(a_i, x0_i, rates_i, boluses_i):
        start = x0_i + boluses_i[0]

        def step(x, inp):
            u, b_next, h = inp
            e, g = _segment_step(a_i, u, h)
            x_next = e @ x + g + b_next
            return x_next, x_next

        _, xs = jax.lax.scan(step, start, (rates_i, boluses_i[1:], widths))
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
