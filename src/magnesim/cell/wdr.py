"""Dorsal-horn wide-dynamic-range (WDR) neuron with the currents of Aguiar, Sousa & Lima (2010).

Re-implemented from the equations of the authors' model (ModelDB 128559), reduced from four sections
(soma, 500 µm dendrite, hillock, axon) to two compartments so that thousands of conditions run in
one call: the dendrite, and a somatic compartment that lumps the soma, hillock and axon membranes
with area-weighted HH2 densities, coupled through the axial resistance between the soma and the
dendrite's midpoint. Without the hillock/axon membrane a 20 µm HH2 soma is bistable (one Aδ volley
starts endless ~230 Hz firing); lumped, it answers a volley with a few spikes and returns to rest.

Soma (20 × 20 µm, with hillock and axon): leak; HH2 Na+/K+ (Traub rates on v − V_T, V_T −55 mV, h shifted a further 5 mV);
persistent Na+ I_NaP (m h, Prescott & De Koninck 2005 shifts); L-type Ca2+ (GHK, m², McCormick &
Huguenard 1992 kinetics); Ca2+-activated K+ I_KCa (m³, half-activation 1 µM, Hill 2); a Ca2+ shell.
Dendrite (500 × 4 µm): leak; L-type Ca2+; I_KCa; the Ca2+-activated non-selective cation current
I_CAN (m², half-activation 0.5 µM, Hill 2, τ ≈ 2 s at 36 °C; Destexhe et al. 1994 kinetics slowed
40×); Ca2+ shells fed by L-type and synaptic Ca2+ (10% of NMDA current), inward only. The dendrite
has one potential but two Ca2+ domains, each with its own shell, I_KCa and I_CAN gates: the segment
that holds the synapses (Aguiar's dendrite(0.5), one of five segments: ``synaptic_fraction`` of the
membrane) and the rest. Spreading synaptic Ca2+ over the whole dendrite would dilute it five-fold
and, through the Hill-2 gates, weaken I_CAN ~25-fold — enough to remove wind-up.

    dCa/dt = max(0, −I_Ca / (2 F · depth)) + (Ca_rest − Ca) / τ_Ca         (per shell)
    m_CAN∞ = r/(1 + r), τ_CAN = f/(β (1 + r))/φ, r = (Ca/0.5 µM)²,   φ = 3^((T − 22)/10)

Integration (order 1): gates by exponential Euler with their temperature factors; each membrane
potential solved exactly over a step with its conductances and the other compartment's potential
frozen (the L-type GHK current enters explicitly); Ca2+ shells exactly. Kernel units: mV, ms, nS, pA,
pF, µm², µM. Parameters: ``magnesim params --search wdr.``.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import jax.numpy as jnp

from .._jax import pytree_dataclass
from ..params import param_field
from ._rates import ratio as _ratio
from ._rates import relax, traub_miles_rates

__all__ = ["WDRNeuron", "WDRState"]


class WDRState(NamedTuple):
    """The neuron's state: potentials (mV), gates (0-1) and submembrane Ca2+ (µM). The dendrite's
    Ca2+-dependent channels and Ca2+ are kept per domain: the synaptic segment (``_dend``) and the
    rest of the dendrite (``_rest``)."""

    v_soma: jnp.ndarray
    v_dend: jnp.ndarray
    m_na: jnp.ndarray
    h_na: jnp.ndarray
    n_k: jnp.ndarray
    m_nap: jnp.ndarray
    h_nap: jnp.ndarray
    cal_soma: jnp.ndarray
    cal_dend: jnp.ndarray
    kca_soma: jnp.ndarray
    kca_dend: jnp.ndarray
    can_dend: jnp.ndarray
    ca_soma: jnp.ndarray
    ca_dend: jnp.ndarray
    kca_rest: jnp.ndarray
    can_rest: jnp.ndarray
    ca_rest: jnp.ndarray

def _gate(x, inf, tau, dt):
    return relax(x, inf, jnp.exp(-dt / tau))


@pytree_dataclass
class WDRNeuron:
    temperature_C: float = param_field("wdr.temperature", "degC")
    soma_length_um: float = param_field("wdr.soma_length", "um")
    dend_length_um: float = param_field("wdr.dend_length", "um")
    dend_diam_um: float = param_field("wdr.dend_diam", "um")
    ra_ohm_cm: float = param_field("wdr.ra", "ohm*cm")
    cm_uF_cm2: float = param_field("wdr.cm", "uF/cm^2")
    g_pas: float = param_field("wdr.g_pas", "S/cm^2")
    e_pas: float = param_field("wdr.e_pas", "mV")
    e_k: float = param_field("wdr.e_k", "mV")
    e_na: float = param_field("wdr.e_na", "mV")
    soma_gna: float = param_field("wdr.soma_gna", "S/cm^2")
    soma_gk: float = param_field("wdr.soma_gk", "S/cm^2")
    v_t: float = param_field("wdr.vtraub", "mV")
    soma_pcal: float = param_field("wdr.soma_pcal", "cm/s")
    dend_pcal: float = param_field("wdr.dend_pcal", "cm/s")
    soma_gkca: float = param_field("wdr.soma_gkca", "S/cm^2")
    dend_gkca: float = param_field("wdr.dend_gkca", "S/cm^2")
    soma_gnap: float = param_field("wdr.soma_gnap", "S/cm^2")
    dend_gcan: float = param_field("wdr.dend_gcan", "S/cm^2")
    e_can: float = param_field("wdr.e_can", "mV")
    can_half_uM: float = param_field("wdr.can_half", "uM")
    can_beta: float = param_field("wdr.can_beta", "1/ms")
    can_tau_factor: float = param_field("wdr.can_tau_factor", "dimensionless")
    kca_half_uM: float = param_field("wdr.kca_half", "uM")
    kca_beta: float = param_field("wdr.kca_beta", "1/ms")
    ca_depth_um: float = param_field("wdr.ca_depth", "um")
    soma_ca_tau: float = param_field("wdr.soma_ca_tau", "ms")
    dend_ca_tau: float = param_field("wdr.dend_ca_tau", "ms")
    ca_rest_uM: float = param_field("wdr.ca_rest", "uM")
    synaptic_fraction: float = param_field("wdr.synaptic_fraction", "dimensionless")
    ca_out_mM: float = param_field("wdr.ca_out", "mM")
    hillock_length_um: float = param_field("wdr.hillock_length", "um")
    hillock_diam_um: float = param_field("wdr.hillock_diam", "um")
    axon_length_um: float = param_field("wdr.axon_length", "um")
    axon_diam_um: float = param_field("wdr.axon_diam", "um")
    axon_gna: float = param_field("wdr.axon_gna", "S/cm^2")
    axon_gk: float = param_field("wdr.axon_gk", "S/cm^2")
    faraday: float = param_field("physical.faraday", "C/mol")
    gas_constant: float = param_field("physical.gas_constant", "J/mol/K")

    name = "wdr-aguiar-2010"
    citation = "aguiar-2010"
    compartments = ("soma", "dendrite")
    recordable = ("v", "v_dend", "ca_soma", "ca_dend", "ca_dend_rest", "m_can", "i_can", "i_cal_dend")
    uses_synaptic_calcium = True

    # ---- geometry (areas as NEURON: lateral cylinder surface) ---------------------------------------
    @property
    def soma_area(self):
        return math.pi * self.soma_length_um * self.soma_length_um

    @property
    def dend_area(self):
        return math.pi * self.dend_diam_um * self.dend_length_um

    @property
    def axon_area(self):
        return math.pi * (self.hillock_diam_um * self.hillock_length_um + self.axon_diam_um * self.axon_length_um)

    @property
    def area_um2(self):
        return self.soma_area + self.axon_area + self.dend_area

    def coupling_nS(self):
        """Axial conductance between the compartments' midpoints."""
        r_s = self.ra_ohm_cm * (self.soma_length_um / 2e4) / (math.pi * (self.soma_length_um / 2e4) ** 2)
        r_d = self.ra_ohm_cm * (self.dend_length_um / 2e4) / (math.pi * (self.dend_diam_um / 2e4) ** 2)
        return 1e9 / (r_s + r_d)

    def _tadj(self, reference_C):
        return 3.0 ** ((self.temperature_C - reference_C) / 10.0)

    # ---- channel kinetics -------------------------------------------------------------------------------
    def _hh2(self, v):
        """Traub–Miles rates; HH2.mod shifts inactivation (h) by 5 mV."""
        u = v - self.v_t
        a_m, b_m, _, _, a_n, b_n = traub_miles_rates(u)
        _, _, a_h, b_h, _, _ = traub_miles_rates(u + 5.0)
        return (a_m, b_m), (a_h, b_h), (a_n, b_n)

    def _nap(self, v):
        # not the HH2 rates shifted: α_m and β_m move in opposite directions and β_h's slope is halved (NaP.mod)
        u = v - self.v_t
        a_m = 0.32 * _ratio(-2.0 + 13.0 - u, 4.0)
        b_m = 0.28 * _ratio(-2.0 + u - 40.0, 5.0)
        a_h = 0.128 * jnp.exp((-5.0 + 17.0 - u) / 18.0)
        b_h = 4.0 / (1.0 + jnp.exp((-5.0 + 40.0 - u) / 5.0 * 0.5))
        return (a_m, b_m), (a_h, b_h)

    def _cal_gate(self, v):
        inf = 1.0 / (1.0 + jnp.exp(-(v + 10.0) / 10.0))
        a = 1.6 / (1.0 + jnp.exp(-0.072 * (v - 5.0)))
        b = 0.02 * _ratio(v - 1.31, 5.36)  # 0.02·(−(v−1.31))/(1 − e^((v−1.31)/5.36)) = 0.02·x/(e^(x/5.36) − 1)
        return inf, 1.0 / ((a + b) * self._tadj(23.5))

    def _ghk_mA_cm2(self, v, ca_uM):
        """GHK Ca2+ current density per unit permeability (mA/cm² per cm/s)."""
        w = v * 1e-3 * 2.0 * self.faraday / (self.gas_constant * (self.temperature_C + 273.15))
        return -1e-3 * 2.0 * self.faraday * (self.ca_out_mM - ca_uM * 1e-3 * jnp.exp(w)) * _ratio(w, 1.0)

    def _ca_gate(self, ca_uM, half, beta, factor, reference_C):
        r = (ca_uM / half) ** 2
        return r / (1.0 + r), jnp.maximum(factor / (beta * (1.0 + r)) / self._tadj(reference_C), 0.1)

    # ---- state ---------------------------------------------------------------------------------------------
    def init(self, shape, v0=None) -> WDRState:
        v = jnp.full(shape, self.e_pas if v0 is None else v0)
        (a_m, b_m), (a_h, b_h), (a_n, b_n) = self._hh2(v)
        (pa_m, pb_m), (pa_h, pb_h) = self._nap(v)
        cal, _ = self._cal_gate(v)
        ca = jnp.full(shape, self.ca_rest_uM)
        kca, _ = self._ca_gate(ca, self.kca_half_uM, self.kca_beta, 1.0, 22.0)
        can, _ = self._ca_gate(ca, self.can_half_uM, self.can_beta, self.can_tau_factor, 22.0)
        return WDRState(v, v, a_m / (a_m + b_m), a_h / (a_h + b_h), a_n / (a_n + b_n), pa_m / (pa_m + pb_m), pa_h / (pa_h + pb_h),
                        cal, cal, kca, kca, can, ca, ca, kca, can, ca)

    def voltages(self, state):
        s = WDRState(*state)
        return (s.v_soma, s.v_dend)

    def calcium(self, state):
        s = WDRState(*state)
        return (s.ca_soma, s.ca_dend)

    def record(self, state, name):
        s = WDRState(*state)
        direct = {"v": s.v_soma, "v_dend": s.v_dend, "ca_soma": s.ca_soma, "ca_dend": s.ca_dend, "ca_dend_rest": s.ca_rest,
                  "m_can": s.can_dend}
        if name in direct:
            return direct[name]
        a_syn, a_rest = self._dend_domains()
        if name == "i_can":
            return self.dend_gcan * 10.0 * (a_syn * s.can_dend**2 + a_rest * s.can_rest**2) * (s.v_dend - self.e_can)
        ghk = lambda ca: self._ghk_mA_cm2(s.v_dend, ca)
        return self.dend_pcal * s.cal_dend**2 * (ghk(s.ca_dend) * a_syn + ghk(s.ca_rest) * a_rest) * 10.0

    def _dend_domains(self):
        """Membrane areas (µm²) of the synaptic segment and of the rest of the dendrite."""
        return self.synaptic_fraction * self.dend_area, (1.0 - self.synaptic_fraction) * self.dend_area

    def step(self, state, syn, i_ext, dt):
        """One step. ``syn``: per compartment (Σ g nS, Σ g·E nS·mV, synaptic Ca2+ current pA); ``i_ext`` (pA) into the soma."""
        vs, vd, m, h, n, mp, hp, cal_s, cal_d, kca_s, kca_d, can, ca_s, ca_d, kca_r, can_r, ca_r = state
        (gs_syn, ges_syn, ica_s_syn), (gd_syn, ged_syn, ica_d_syn) = syn
        a_s, a_ax, a_d = self.soma_area, self.axon_area, self.dend_area
        nS = lambda g, area: g * area * 10.0  # S/cm² × µm² → nS
        gc = self.coupling_nS()
        # somatic compartment: soma + hillock + axon (HH2 on all, the other channels on the soma)
        g_na = nS(self.soma_gna, a_s) + nS(self.axon_gna, a_ax)
        g_k = nS(self.soma_gk, a_s) + nS(self.axon_gk, a_ax)
        i_cal_s = self.soma_pcal * cal_s**2 * self._ghk_mA_cm2(vs, ca_s) * a_s * 10.0  # pA
        chans_s = [(nS(self.g_pas, a_s + a_ax), self.e_pas), (g_na * m**3 * h, self.e_na), (g_k * n**4, self.e_k),
                   (nS(self.soma_gnap, a_s) * mp * hp, self.e_na), (nS(self.soma_gkca, a_s) * kca_s**3, self.e_k)]
        g_s = gs_syn + gc + sum(g for g, _ in chans_s)
        ge_s = ges_syn + gc * vd + sum(g * e for g, e in chans_s) + i_ext - i_cal_s
        # dendrite: one potential; Ca2+-dependent currents per domain (synaptic segment, rest)
        a_syn, a_rest = self._dend_domains()
        i_cal_d = self.dend_pcal * cal_d**2 * self._ghk_mA_cm2(vd, ca_d) * a_syn * 10.0
        i_cal_r = self.dend_pcal * cal_d**2 * self._ghk_mA_cm2(vd, ca_r) * a_rest * 10.0
        chans_d = [(nS(self.g_pas, a_d), self.e_pas),
                   (nS(self.dend_gkca, a_syn) * kca_d**3 + nS(self.dend_gkca, a_rest) * kca_r**3, self.e_k),
                   (nS(self.dend_gcan, a_syn) * can**2 + nS(self.dend_gcan, a_rest) * can_r**2, self.e_can)]
        g_d = gd_syn + gc + sum(g for g, _ in chans_d)
        ge_d = ged_syn + gc * vs + sum(g * e for g, e in chans_d) - i_cal_d - i_cal_r
        cs, cd = self.cm_uF_cm2 * (a_s + a_ax) * 1e-2, self.cm_uF_cm2 * a_d * 1e-2
        vs_new = relax(vs, ge_s / g_s, jnp.exp(-dt * g_s / cs))
        vd_new = relax(vd, ge_d / g_d, jnp.exp(-dt * g_d / cd))
        # gates
        (a_m, b_m), (a_h, b_h), (a_n, b_n) = self._hh2(vs)
        (pa_m, pb_m), (pa_h, pb_h) = self._nap(vs)
        cal_s_inf, cal_s_tau = self._cal_gate(vs)
        cal_d_inf, cal_d_tau = self._cal_gate(vd)
        kca_s_inf, kca_s_tau = self._ca_gate(ca_s, self.kca_half_uM, self.kca_beta, 1.0, 22.0)
        kca_d_inf, kca_d_tau = self._ca_gate(ca_d, self.kca_half_uM, self.kca_beta, 1.0, 22.0)
        kca_r_inf, kca_r_tau = self._ca_gate(ca_r, self.kca_half_uM, self.kca_beta, 1.0, 22.0)
        can_inf, can_tau = self._ca_gate(ca_d, self.can_half_uM, self.can_beta, self.can_tau_factor, 22.0)
        can_r_inf, can_r_tau = self._ca_gate(ca_r, self.can_half_uM, self.can_beta, self.can_tau_factor, 22.0)
        t36 = self._tadj(36.0)  # HH2 and NaP: Q10 3, reference 36 °C
        ab = lambda x, a, b: _gate(x, a / (a + b), 1.0 / ((a + b) * t36), dt)
        # Ca2+ shells: only inward current adds Ca2+ (µM/ms per pA: 1e4·1e3 / (2F·depth) / (area × 10))
        per_pA = lambda area: 1e6 / (2.0 * self.faraday * self.ca_depth_um * area)
        influx_s = jnp.maximum(-(i_cal_s + ica_s_syn), 0.0) * per_pA(a_s)
        influx_d = jnp.maximum(-(i_cal_d + ica_d_syn), 0.0) * per_pA(a_syn)
        influx_r = jnp.maximum(-i_cal_r, 0.0) * per_pA(a_rest)
        ca_s_new = _gate(ca_s, self.ca_rest_uM + influx_s * self.soma_ca_tau, self.soma_ca_tau, dt)
        ca_d_new = _gate(ca_d, self.ca_rest_uM + influx_d * self.dend_ca_tau, self.dend_ca_tau, dt)
        ca_r_new = _gate(ca_r, self.ca_rest_uM + influx_r * self.dend_ca_tau, self.dend_ca_tau, dt)
        return WDRState(vs_new, vd_new, ab(m, a_m, b_m), ab(h, a_h, b_h), ab(n, a_n, b_n), ab(mp, pa_m, pb_m), ab(hp, pa_h, pb_h),
                        _gate(cal_s, cal_s_inf, cal_s_tau, dt), _gate(cal_d, cal_d_inf, cal_d_tau, dt),
                        _gate(kca_s, kca_s_inf, kca_s_tau, dt), _gate(kca_d, kca_d_inf, kca_d_tau, dt), _gate(can, can_inf, can_tau, dt),
                        ca_s_new, ca_d_new, _gate(kca_r, kca_r_inf, kca_r_tau, dt), _gate(can_r, can_r_inf, can_r_tau, dt), ca_r_new)
