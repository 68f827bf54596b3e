"""Traub & Miles (1991) Hodgkin–Huxley point neuron with the parameters of the COBAHH benchmark
(Brette et al. 2007, J Comput Neurosci 23:349).

    C dv/dt = −g_L (v − E_L) − g_Na m³h (v − E_Na) − g_Kd n⁴ (v − E_K) − I_syn + I_ext
    α_m = 0.32 (13 − v + V_T) / (e^((13 − v + V_T)/4) − 1)     β_m = 0.28 (v − V_T − 40) / (e^((v − V_T − 40)/5) − 1)
    α_h = 0.128 e^((17 − v + V_T)/18)                          β_h = 4 / (1 + e^((40 − v + V_T)/5))
    α_n = 0.032 (15 − v + V_T) / (e^((15 − v + V_T)/5) − 1)    β_n = 0.5 e^((10 − v + V_T)/40)

(rates in 1/ms, v in mV). Area 20 000 µm², C_m 1 µF/cm², g_L 5e-5 S/cm², g_Na 0.1 S/cm², g_Kd 0.03 S/cm²,
E_L −60, E_Na 50, E_K −90, V_T −63 mV.

Integration: exponential Euler — gates by Rush–Larsen, x ← x∞ + (x − x∞) e^(−(α+β)dt), and the
membrane equation solved exactly for one step with all conductances (channel and synaptic, the
latter times the Mg2+ block at the step's start) frozen: v ← E_eff + (v − E_eff) e^(−G dt / C).
First order in dt, unconditionally stable; the scheme Brian2 uses for this benchmark.
Kernel units: mV, ms, nS, pA, pF.
"""

from __future__ import annotations

import jax.numpy as jnp

from .._jax import pytree_dataclass
from ..params import param_field
from ._rates import relax, traub_miles_rates

__all__ = ["TraubMiles"]


@pytree_dataclass
class TraubMiles:
    area_um2: float = param_field("traub_miles.area", "um^2")
    cm_uF_cm2: float = param_field("traub_miles.cm", "uF/cm^2")
    g_leak_S_cm2: float = param_field("traub_miles.g_leak", "S/cm^2")
    e_leak_mV: float = param_field("traub_miles.e_leak", "mV")
    e_k_mV: float = param_field("traub_miles.e_k", "mV")
    e_na_mV: float = param_field("traub_miles.e_na", "mV")
    g_na_S_cm2: float = param_field("traub_miles.g_na", "S/cm^2")
    g_kd_S_cm2: float = param_field("traub_miles.g_kd", "S/cm^2")
    v_t_mV: float = param_field("traub_miles.v_t", "mV")

    name = "traub-miles"
    citation = "brette-2007"
    compartments = ("soma",)
    recordable = ("v", "m", "h", "n")
    uses_synaptic_calcium = False

    @property
    def capacitance_pF(self):
        return self.cm_uF_cm2 * self.area_um2 * 1e-2  # µF/cm² × µm² × 1e-8 cm²/µm² × 1e6 pF/µF

    def _nS(self, g_S_cm2):
        return g_S_cm2 * self.area_um2 * 1e1  # S/cm² × µm² × 1e-8 cm²/µm² × 1e9 nS/S

    def rates(self, v):
        """(α_m, β_m, α_h, β_h, α_n, β_n) in 1/ms."""
        return traub_miles_rates(v - self.v_t_mV)

    def steady_state(self, v):
        """Gates (m, h, n) at their steady state at v."""
        a_m, b_m, a_h, b_h, a_n, b_n = self.rates(v)
        return a_m / (a_m + b_m), a_h / (a_h + b_h), a_n / (a_n + b_n)

    def init(self, shape, v0=None):
        """State (v, *gates) at rest (v = E_L unless ``v0``), gates at steady state."""
        v = jnp.full(shape, self.e_leak_mV if v0 is None else v0)
        return (v, *self.steady_state(v))

    def channel_conductances(self, state):
        """[(g nS, E mV)] of the leak, Na and K channels."""
        m, h, n = state[1:4]
        return [(self._nS(self.g_leak_S_cm2), self.e_leak_mV), (self._nS(self.g_na_S_cm2) * m**3 * h, self.e_na_mV),
                (self._nS(self.g_kd_S_cm2) * n**4, self.e_k_mV)]

    def voltages(self, state):
        return (state[0],)

    def calcium(self, state):
        """No Ca2+ handling of its own (use a CalciumPool in the engine)."""
        return (jnp.zeros_like(state[0]),)

    def record(self, state, name):
        return state[self.recordable.index(name)]

    def step(self, state, syn, i_ext, dt):
        """One exponential-Euler step. ``syn``: per compartment (g, Σ g·E, I_Ca) of the synapses — total
        conductance (nS, blocked where applicable), Σ g·E (nS·mV), Ca2+ current (unused); ``i_ext`` (pA)."""
        (syn_g, syn_ge, _), = syn
        v = state[0]
        g_total = syn_g
        ge_total = syn_ge + i_ext
        for g, e in self.channel_conductances(state):
            g_total = g_total + g
            ge_total = ge_total + g * e
        v_new = relax(v, ge_total / g_total, jnp.exp(-dt * g_total / self.capacitance_pF))
        return (v_new, *self._gates(state, dt))

    def _gates(self, state, dt):
        """(m, h, n) after one Rush–Larsen step at the step's start potential."""
        a_m, b_m, a_h, b_h, a_n, b_n = self.rates(state[0])
        return tuple(relax(x, a / (a + b), jnp.exp(-dt * (a + b)))
                     for x, a, b in ((state[1], a_m, b_m), (state[2], a_h, b_h), (state[3], a_n, b_n)))
