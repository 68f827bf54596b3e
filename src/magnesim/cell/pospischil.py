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

The cell is a :class:`TraubMiles` with one more channel and gate; it shares its membrane step
(exponential Euler, Rush–Larsen gates). Kernel units: mV, ms, nS, pA, pF.
"""

from __future__ import annotations

import dataclasses

import jax.numpy as jnp

from .._jax import pytree_dataclass
from ..params import param_field, value
from ._rates import relax
from .traub_miles import TraubMiles

__all__ = ["PospischilNeuron"]


def _unit(name: str) -> str:
    return next(f.metadata["unit"] for f in dataclasses.fields(PospischilNeuron) if f.name == name)


def _p(name: str, unit: str):
    return param_field(f"pospischil.rs.{name}", unit)


@pytree_dataclass
class PospischilNeuron(TraubMiles):
    area_um2: float = _p("area", "um^2")
    cm_uF_cm2: float = _p("cm", "uF/cm^2")
    g_leak_S_cm2: float = _p("g_leak", "S/cm^2")
    e_leak_mV: float = _p("e_leak", "mV")
    e_k_mV: float = _p("e_k", "mV")
    e_na_mV: float = _p("e_na", "mV")
    g_na_S_cm2: float = _p("g_na", "S/cm^2")
    g_kd_S_cm2: float = _p("g_kd", "S/cm^2")
    v_t_mV: float = _p("v_t", "mV")
    g_m_S_cm2: float = _p("g_m", "S/cm^2")
    tau_max_ms: float = _p("tau_max", "ms")
    cell_class: str = dataclasses.field(default="rs", metadata={"static": True})  # "rs" or "fs": whose library entries

    name = "pospischil-2008"
    citation = "pospischil-2008"
    compartments = ("soma",)
    recordable = ("v", "m", "h", "n", "p")

    @classmethod
    def fast_spiking(cls) -> PospischilNeuron:
        """The FS interneuron of Pospischil et al. (2008): every field from its ``pospischil.fs.*`` entry."""
        fs = cls(cell_class="fs")
        return cls(cell_class="fs", **{name: value(pid, _unit(name)) for name, pid in fs.parameter_ids().items()})

    def parameter_ids(self) -> dict[str, str]:
        """Library ids of the fields for this cell class (provenance names the FS entries for FS cells)."""
        return {f.name: f.metadata["param"].replace(".rs.", f".{self.cell_class}.") for f in dataclasses.fields(self)
                if "param" in f.metadata}

    def _m_current_gate(self, v):
        """(p∞, τ_p in ms) of the M current."""
        x = (v + 35.0) / 20.0
        e = jnp.exp(x)
        return 1.0 / (1.0 + jnp.exp(-2.0 * x)), self.tau_max_ms / (3.3 * e + 1.0 / e)

    def steady_state(self, v):
        """Gates (m, h, n, p) at their steady state at v."""
        return (*super().steady_state(v), self._m_current_gate(v)[0])

    def channel_conductances(self, state):
        """[(g nS, E mV)] of the leak, Na, delayed-rectifier K and M-type K channels."""
        return [*super().channel_conductances(state), (self._nS(self.g_m_S_cm2) * state[4], self.e_k_mV)]

    def _gates(self, state, dt):
        p_inf, tau_p = self._m_current_gate(state[0])
        return (*super()._gates(state, dt), relax(state[4], p_inf, jnp.exp(-dt / tau_p)))
