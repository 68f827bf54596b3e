"""The fixed-step integrator of nonlinear body models, and exact per-step inputs.

Inputs are discretised exactly on the step grid: each dose delivers, within each step, the amount
that falls in it — as a constant rate over the step for infusions, or at the step's start for
boluses. Classical RK4 (order 4) then advances the state; because RK methods preserve linear
invariants, the total amount changes by exactly what the inputs deliver (mass balance to rounding).
Body kinetics here are not stiff (fastest rates ~1/h against a 1-minute step), so an explicit
method at a fixed step is both accurate and fast; convergence with the step is tested.

The integration is one ``jax.jit`` of ``vmap`` over subjects of a ``lax.scan`` over steps.
Units: h, mmol.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

import jax.numpy as jnp
import numpy as np

from .._jax import jax

__all__ = ["Dose", "StepInputs", "discretize", "rk4", "rk4_states"]


@dataclass(frozen=True)
class Dose:
    """A dose on the solver grid: ``amount`` (mmol) over [start, start + duration) into ``entries``,
    a list of (state index, share); duration 0 is a bolus."""

    start_h: float
    duration_h: float
    amount: float
    entries: Sequence[tuple[int, float]]


@dataclass(frozen=True)
class StepInputs:
    """Boluses at each step's start and constant rates within each step (K, n); cumulative amount
    delivered by the end of each step (K,)."""

    bolus: np.ndarray
    rate: np.ndarray
    delivered: np.ndarray


def discretize(doses: Sequence[Dose], n_steps: int, dt_h: float, n_states: int) -> StepInputs:
    """Exact per-step inputs for ``doses`` on a grid of ``n_steps`` steps of ``dt_h``."""
    edges = np.arange(n_steps + 1) * dt_h
    bolus = np.zeros((n_steps, n_states))
    rate = np.zeros((n_steps, n_states))
    for d in doses:
        if d.duration_h > 0:
            overlap = np.clip(np.minimum(edges[1:], d.start_h + d.duration_h) - np.maximum(edges[:-1], d.start_h), 0.0, None)
            per_step_rate = overlap / dt_h * (d.amount / d.duration_h)
            for index, share in d.entries:
                rate[:, index] += per_step_rate * share
        else:
            k = int(np.floor(d.start_h / dt_h + 1e-9))
            if k < n_steps:
                for index, share in d.entries:
                    bolus[k, index] += d.amount * share
    delivered = np.cumsum(bolus.sum(axis=1) + rate.sum(axis=1) * dt_h)
    return StepInputs(bolus, rate, delivered)


def rk4(rhs: Callable, params, x0, inputs: StepInputs, dt_h: float, record_every: int) -> np.ndarray:
    """States (batch, n_records + 1, n) every ``record_every`` steps.

    ``rhs(x, p, rate)`` gives dx/dt (mmol/h) of one subject's amounts ``x`` with parameters ``p`` (a
    pytree whose leaves carry the batch on their first axis) and the step's input ``rate``.
    """
    return np.asarray(rk4_states(rhs, params, x0, inputs, dt_h, record_every))


def rk4_states(rhs: Callable, params, x0, inputs: StepInputs, dt_h: float, record_every: int) -> jax.Array:
    """:func:`rk4` without the conversion to NumPy, so that it can be traced (``grad``, ``jit``)."""
    n_steps, n = inputs.bolus.shape
    n_rec = n_steps // record_every
    bolus = jnp.asarray(inputs.bolus[: n_rec * record_every]).reshape(n_rec, record_every, n)
    rate = jnp.asarray(inputs.rate[: n_rec * record_every]).reshape(n_rec, record_every, n)
    return _integrate(rhs, params, jnp.asarray(x0), bolus, rate, dt_h)


@partial(jax.jit, static_argnums=0)
def _integrate(rhs, params, x0, bolus, rate, dt):
    def one(p, x_start):
        def step(x, inp):
            b, r = inp
            x = x + b
            k1 = rhs(x, p, r)
            k2 = rhs(x + 0.5 * dt * k1, p, r)
            k3 = rhs(x + 0.5 * dt * k2, p, r)
            k4 = rhs(x + dt * k3, p, r)
            return x + dt / 6.0 * (k1 + 2.0 * k2 + 2.0 * k3 + k4), None

        def record(x, inp):
            x, _ = jax.lax.scan(step, x, inp)
            return x, x

        _, xs = jax.lax.scan(record, x_start, (bolus, rate))
        return jnp.concatenate([x_start[None], xs])

    return jax.vmap(one)(params, x0)
