"""Traub–Miles neuron with a slow M-type K+ current: the regular-spiking (RS) and fast-spiking (FS)
cortical cells of Pospischil et al. (2008, Biol Cybern 99:427).

    C dv/dt = −g_L (v − E_L) − g_Na m³h (v − E_Na) − (g_Kd n⁴ + g_M p)(v − E_K) − I_syn + I_ext
    m, h, n: Traub & Miles (1991) rates at v − V_T (as :class:`TraubMiles`)
    p∞ = 1 / (1 + e^(−(v + 35)/10))      τ_p = τ_max / (3.3 e^((v + 35)/20) + e^(−(v + 35)/20))

The M current makes the RS cell adapt (its spike rate falls over hundreds of ms under a constant
drive); in a recurrent network it is what ends a population burst. Unlike the COBAHH cell (E_L −60 mV,
which fires on its own), both cells rest near −70 mV and fire only when driven. Parameters are
Pospischil's fits to cortical recordings (their Table 1 and Fig. 2–3 legends); defaults are the RS
cell, :meth:`PospischilNeuron.fast_spiking` gives the FS interneuron.

Integration: exponential Euler as :class:`TraubMiles` (Rush–Larsen gates, exact membrane step with
conductances frozen over dt). Kernel units: mV, ms, nS, pA, pF.
"""

from __future__ import annotations

import jax.numpy as jnp

from .._jax import pytree_dataclass
from ..params import param_field, value
from ._rates import traub_miles_rates

__all__ = ["PospischilNeuron"]


def _p(name: str, unit: str):
    return param_field(f"pospischil.rs.{name}", unit)


_FIELDS = {"area_um2": ("area", "um^2"), "cm_uF_cm2": ("cm", "uF/cm^2"), "g_leak_S_cm2": ("g_leak", "S/cm^2"),
           "e_leak_mV": ("e_leak", "mV"), "e_k_mV": ("e_k", "mV"), "e_na_mV": ("e_na", "mV"), "g_na_S_cm2": ("g_na", "S/cm^2"),
           "g_kd_S_cm2": ("g_kd", "S/cm^2"), "g_m_S_cm2": ("g_m", "S/cm^2"), "tau_max_ms": ("tau_max", "ms"),
           "v_t_mV": ("v_t", "mV")}


@pytree_dataclass
class PospischilNeuron:
    area_um2: float = _p("area", "um^2")
    cm_uF_cm2: float = _p("cm", "uF/cm^2")
    g_leak_S_cm2: float = _p("g_leak", "S/cm^2")
    e_leak_mV: float = _p("e_leak", "mV")
    e_k_mV: float = _p("e_k", "mV")
    e_na_mV: float = _p("e_na", "mV")
    g_na_S_cm2: float = _p("g_na", "S/cm^2")
    g_kd_S_cm2: float = _p("g_kd", "S/cm^2")
    g_m_S_cm2: float = _p("g_m", "S/cm^2")
    tau_max_ms: float = _p("tau_max", "ms")
    v_t_mV: float = _p("v_t", "mV")

    name = "pospischil-2008"
    citation = "pospischil-2008"
    recordable = ("v", "m", "h", "n", "p")
    uses_synaptic_calcium = False

    @classmethod
    def fast_spiking(cls) -> PospischilNeuron:
        """The FS interneuron of Pospischil et al. (2008)."""
        return cls(**{f: value(f"pospischil.fs.{name}", unit) for f, (name, unit) in _FIELDS.items()})

    @property
    def capacitance_pF(self):
        return self.cm_uF_cm2 * self.area_um2 * 1e-2  # µF/cm² × µm² × 1e-8 cm²/µm² × 1e6 pF/µF

    def _nS(self, g_S_cm2):
        return g_S_cm2 * self.area_um2 * 1e1  # S/cm² × µm² × 1e-8 cm²/µm² × 1e9 nS/S

    @staticmethod
    def _m_current_gate(v, tau_max):
        """(p∞, τ_p in ms) of the M current."""
        x = (v + 35.0) / 20.0
        e = jnp.exp(x)
        return 1.0 / (1.0 + jnp.exp(-2.0 * x)), tau_max / (3.3 * e + 1.0 / e)

    def steady_state(self, v):
        """Gates (m, h, n, p) at their steady state at v."""
        a_m, b_m, a_h, b_h, a_n, b_n = traub_miles_rates(v - self.v_t_mV)
        return a_m / (a_m + b_m), a_h / (a_h + b_h), a_n / (a_n + b_n), self._m_current_gate(v, self.tau_max_ms)[0]

    def init(self, shape, v0=None):
        """State (v, m, h, n, p) at rest (v = E_L unless ``v0``), gates at steady state."""
        v = jnp.broadcast_to(jnp.asarray(self.e_leak_mV if v0 is None else v0, dtype=jnp.result_type(self.e_leak_mV, float)), shape)
        return (v, *self.steady_state(v))

    def voltages(self, state):
        return (state[0],)

    def calcium(self, state):
        """No Ca2+ handling of its own (use a CalciumPool in the engine)."""
        return (jnp.zeros_like(state[0]),)

    def record(self, state, name):
        return state[self.recordable.index(name)]

    def step(self, state, syn, i_ext, dt):
        """One exponential-Euler step (see :meth:`TraubMiles.step`)."""
        (syn_g, syn_ge, _), = syn
        v, m, h, n, p = state
        a_m, b_m, a_h, b_h, a_n, b_n = traub_miles_rates(v - self.v_t_mV)
        p_inf, tau_p = self._m_current_gate(v, self.tau_max_ms)
        g_na = self._nS(self.g_na_S_cm2) * m**3 * h
        g_k = self._nS(self.g_kd_S_cm2) * n**4 + self._nS(self.g_m_S_cm2) * p
        g_leak = self._nS(self.g_leak_S_cm2)
        g_total = syn_g + g_na + g_k + g_leak
        ge_total = syn_ge + i_ext + g_na * self.e_na_mV + g_k * self.e_k_mV + g_leak * self.e_leak_mV
        e_eff = ge_total / g_total
        v_new = e_eff + (v - e_eff) * jnp.exp(-dt * g_total / self.capacitance_pF)

        def gate(x, a, b):
            return a / (a + b) + (x - a / (a + b)) * jnp.exp(-dt * (a + b))

        p_new = p_inf + (p - p_inf) * jnp.exp(-dt / tau_p)
        return (v_new, gate(m, a_m, b_m), gate(h, a_h, b_h), gate(n, a_n, b_n), p_new)
