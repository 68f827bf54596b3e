"""Synaptic conductance kinetics driven by presynaptic events (counts per time step).

- :class:`ExpConductance`: g jumps by ``weight`` per event and decays with τ (exact between events).
- :class:`DualExpConductance`: g = b − a with a, b decaying with τ_rise and τ_decay and both incremented
  per event, normalised so that one isolated event peaks at ``weight`` (NEURON's Exp2Syn convention).
- :class:`KineticConductance`: the two-state scheme of Destexhe, Mainen & Sejnowski (1994),
  dr/dt = α T (1 − r) − β r, with a square transmitter pulse T = T_max for ``pulse`` ms after each
  event; r is integrated exactly within each step (T constant over a step); g = ``weight`` · r.

Every class has ``init(shape)`` → state tuple, ``step(state, events, dt)`` → state, and
``conductance(state)`` → nS. Units: ms, nS, mM. Parameters are JAX leaves (batched sweeps).
"""

from __future__ import annotations

import jax.numpy as jnp

from .._jax import pytree_dataclass

__all__ = ["DualExpConductance", "ExpConductance", "KineticConductance", "dual_exp_peak_factor"]


@pytree_dataclass
class ExpConductance:
    tau_ms: float
    weight_nS: float

    def init(self, shape):
        return (jnp.zeros(shape, _dtype(self.weight_nS)),)

    def step(self, state, events, dt):
        return (state[0] * jnp.exp(-dt / self.tau_ms) + self.weight_nS * events,)

    def conductance(self, state):
        return state[0]


def _dtype(x):
    """States take the dtype of the parameters (float32 sweeps stay float32)."""
    return jnp.asarray(x).dtype


def dual_exp_peak_factor(tau_rise, tau_decay):
    """Factor that makes one event of the dual exponential peak at 1 (as NEURON's Exp2Syn)."""
    t_peak = tau_rise * tau_decay / (tau_decay - tau_rise) * jnp.log(tau_decay / tau_rise)
    return 1.0 / (jnp.exp(-t_peak / tau_decay) - jnp.exp(-t_peak / tau_rise))


@pytree_dataclass
class DualExpConductance:
    tau_rise_ms: float
    tau_decay_ms: float
    weight_nS: float

    def init(self, shape):
        return (jnp.zeros(shape, _dtype(self.weight_nS)), jnp.zeros(shape, _dtype(self.weight_nS)))

    def step(self, state, events, dt):
        a, b = state
        kick = self.weight_nS * dual_exp_peak_factor(self.tau_rise_ms, self.tau_decay_ms) * events
        return (a * jnp.exp(-dt / self.tau_rise_ms) + kick, b * jnp.exp(-dt / self.tau_decay_ms) + kick)

    def conductance(self, state):
        return state[1] - state[0]


@pytree_dataclass
class KineticConductance:
    alpha: float  # 1/(mM ms)
    beta: float  # 1/ms
    t_max_mM: float
    pulse_ms: float
    weight_nS: float  # conductance with every receptor bound

    def init(self, shape):
        dtype = _dtype(self.weight_nS)
        return (jnp.zeros(shape, dtype), jnp.zeros(shape, dtype))  # r, remaining pulse time (ms)

    def step(self, state, events, dt):
        r, remaining = state
        remaining = jnp.where(events > 0, self.pulse_ms, remaining)
        on = remaining > 0
        rate_on = self.alpha * self.t_max_mM + self.beta
        r_inf = self.alpha * self.t_max_mM / rate_on
        r_pulse = r_inf + (r - r_inf) * jnp.exp(-dt * rate_on)
        r_off = r * jnp.exp(-dt * self.beta)
        return (jnp.where(on, r_pulse, r_off), jnp.maximum(remaining - dt, 0.0))

    def conductance(self, state):
        return self.weight_nS * state[0]
