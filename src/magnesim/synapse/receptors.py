"""AMPA, NMDA and GABA_A synapses: conductance kinetics, reversal, Mg2+ block, Ca2+ entry.

A :class:`Synapse` combines a conductance scheme (:mod:`.conductances`) with a reversal potential,
an optional Mg2+ block from the receptor layer (any model, by name; per-synapse [Mg2+]o) and the
fraction of its current carried by Ca2+. The current at membrane potential v is

    I = g(t) · B(v, [Mg2+]o) · (v − E)                      (pA; g in nS, v in mV)

Ca2+ current: ``"fraction"`` — I_Ca = Pf · I for inward current (Pf 0.10 for NMDA, 0.013 for AMPA;
acceptable below ~−20 mV, neuro.md §2.3); ``"ghk"`` — a Goldman–Hodgkin–Katz Ca2+ current through
the same open, unblocked conductance, scaled to equal Pf · I at −60 mV, which stays inward at
depolarised potentials where Pf · I would reverse.

:class:`KampaNMDASynapse` uses the Kampa et al. (2004) ten-state scheme, in which Mg2+ block is
kinetic: each presynaptic event releases a 1 mM, 1 ms glutamate pulse and the conductance is
g_max times the open, unblocked occupancy. Its occupancies are integrated by backward Euler (stable
for the fast Mg2+ rates at the neuron step).
"""

from __future__ import annotations

import dataclasses
from typing import NamedTuple

import jax.numpy as jnp

from .._jax import pytree_dataclass
from ..params import value
from ..receptor import BlockModel, Kampa2004, get_model
from ..receptor.kampa import STATES as KAMPA_STATES
from .conductances import DualExpConductance, ExpConductance, KineticConductance

__all__ = ["KampaNMDASynapse", "KampaSynapseState", "Synapse", "ampa", "gaba_a", "ghk_shape", "nmda"]


def _ca_current(synapse, state, v, mg, ca_in_uM):
    """Ca2+ current (pA, negative inward) of ``synapse``: Pf · min(I, 0), or a GHK current through its open,
    unblocked conductance scaled to equal Pf · I at the reference potential (library ``calcium.*``)."""
    if synapse.ca_model == "ghk":
        ca_out, temp = value("calcium.ca_out", "mM"), value("calcium.temperature", "K")
        v_ref = value("calcium.ghk_reference_v", "mV")
        ref = ghk_shape(v_ref, value("calcium.rest", "uM"), ca_out, temp)
        scale = synapse.ca_fraction * (v_ref - synapse.e_rev_mV) / ref
        return synapse.conductance(state, v, mg) * scale * ghk_shape(v, ca_in_uM, ca_out, temp)
    return synapse.ca_fraction * jnp.minimum(synapse.current(state, v, mg), 0.0)


def ghk_shape(v, ca_in_uM, ca_out_mM, temperature_K):
    """Voltage dependence of the GHK Ca2+ current, v · (Ci − Co e^(−2v/φ)) / (1 − e^(−2v/φ)), in mV·mM."""
    phi = 1e3 * value("physical.gas_constant", "J/mol/K") * temperature_K / value("physical.faraday", "C/mol")
    x = 2.0 * v / phi
    safe = jnp.where(jnp.abs(x) < 1e-6, 1e-6, x)
    ci = ca_in_uM * 1e-3
    return phi / 2.0 * safe * (ci - ca_out_mM * jnp.exp(-safe)) / (1.0 - jnp.exp(-safe))


@pytree_dataclass
class Synapse:
    """A conductance-based synapse. ``block`` None: no Mg2+ block."""

    kinetics: ExpConductance | DualExpConductance | KineticConductance
    e_rev_mV: float
    ca_fraction: float
    block: BlockModel | None = None
    ca_model: str = dataclasses.field(default="fraction", metadata={"static": True})
    name: str = dataclasses.field(default="synapse", metadata={"static": True})

    def init(self, shape):
        return self.kinetics.init(shape)

    def step(self, state, events, v, mg, dt):
        del v, mg  # gating of these kinetics does not depend on voltage
        return self.kinetics.step(state, events, dt)

    def gating(self, state):
        """Conductance before block (nS)."""
        return self.kinetics.conductance(state)

    def block_factor(self, state, v, mg):
        """Unblocked fraction B(v, [Mg2+]o) (1 without a block model)."""
        del state
        return jnp.ones_like(v) if self.block is None else self.block.unblocked_fraction(v, mg)

    def current(self, state, v, mg):
        """Synaptic current (pA, positive outward)."""
        return self.conductance(state, v, mg) * (v - self.e_rev_mV)

    def conductance(self, state, v, mg):
        """Effective conductance g·B (nS), for the implicit part of the membrane update."""
        return self.gating(state) * self.block_factor(state, v, mg)

    def ca_current(self, state, v, mg, ca_in_uM):
        """Ca2+ current (pA, negative inward)."""
        return _ca_current(self, state, v, mg, ca_in_uM)


_U, _O, _OMG = (KAMPA_STATES.index(name) for name in ("U", "O", "OMg"))


class KampaSynapseState(NamedTuple):
    """Occupancy of the ten Kampa states (…, 10; order of :data:`magnesim.receptor.kampa.STATES`) and
    the time left of the current transmitter pulse (ms)."""

    occupancy: jnp.ndarray
    pulse_left_ms: jnp.ndarray


@pytree_dataclass
class KampaNMDASynapse:
    """NMDA synapse with the Kampa 2004 ten-state kinetic Mg2+ block; ``weight_nS`` = g with all channels open."""

    receptor: Kampa2004
    weight_nS: float
    e_rev_mV: float
    ca_fraction: float
    pulse_ms: float
    glutamate_mM: float
    ca_model: str = dataclasses.field(default="fraction", metadata={"static": True})
    name: str = dataclasses.field(default="nmda-kampa", metadata={"static": True})

    def init(self, shape) -> KampaSynapseState:
        dtype = jnp.asarray(self.weight_nS).dtype
        x = jnp.zeros((*shape, 10), dtype).at[..., _U].set(1.0)  # replaced by the resting steady state at start
        return KampaSynapseState(x, jnp.zeros(shape, dtype))

    def step(self, state, events, v, mg, dt):
        x, remaining = state
        remaining = jnp.where(events > 0, self.pulse_ms, remaining)
        glu = jnp.where(remaining > 0, self.glutamate_mM, 0.0)

        def implicit(xi, vi, gi, mi):
            q = self.receptor.rate_matrix(vi, gi, mi)
            return jnp.linalg.solve(jnp.eye(10) - dt * q, xi)

        flat = jnp.vectorize(implicit, signature="(n),(),(),()->(n)")
        return KampaSynapseState(flat(x, v, glu, jnp.broadcast_to(mg, v.shape)), jnp.maximum(remaining - dt, 0.0))

    def gating(self, state):
        x = KampaSynapseState(*state).occupancy
        return self.weight_nS * (x[..., _O] + x[..., _OMG])  # open, with or without Mg2+

    def block_factor(self, state, v, mg):
        """Unblocked share of the open channels, O / (O + OMg)."""
        del v, mg
        x = KampaSynapseState(*state).occupancy
        return x[..., _O] / jnp.maximum(x[..., _O] + x[..., _OMG], 1e-30)

    def conductance(self, state, v, mg):
        del v, mg
        return self.weight_nS * KampaSynapseState(*state).occupancy[..., _O]

    def current(self, state, v, mg):
        return self.conductance(state, v, mg) * (v - self.e_rev_mV)

    def ca_current(self, state, v, mg, ca_in_uM):
        """Ca2+ current (pA, negative inward)."""
        return _ca_current(self, state, v, mg, ca_in_uM)


def _kinetics(kind: str, weight_nS: float, receptor: str):
    if kind == "exp":
        return ExpConductance(value(f"synapse.{receptor}.tau_decay", "ms"), weight_nS)
    if kind == "dual":
        return DualExpConductance(value(f"synapse.{receptor}.tau_rise", "ms"), value(f"synapse.{receptor}.tau_decay", "ms"), weight_nS)
    if kind == "kinetic":
        tag = "gaba" if receptor == "gaba_a" else receptor
        return KineticConductance(value(f"synapse.kinetic.{tag}_alpha", "1/mM/ms"), value(f"synapse.kinetic.{tag}_beta", "1/ms"),
                                  value("synapse.kinetic.t_max", "mM"), value("synapse.kinetic.pulse", "ms"), weight_nS)
    from ..errors import UnknownNameError, invalid

    raise UnknownNameError(invalid("kinetics", kind, "exp, dual or kinetic"))


def ampa(weight_nS: float, kinetics: str = "exp") -> Synapse:
    """AMPA synapse (E 0 mV; τ 5 ms single exponential, or 0.1/5 ms dual, or Destexhe kinetic; Pf 1.3%)."""
    return Synapse(_kinetics(kinetics, weight_nS, "ampa"), value("synapse.ampa.e_rev", "mV"),
                   value("synapse.ampa.ca_fraction", ""), None, "fraction", "ampa")


def gaba_a(weight_nS: float, kinetics: str = "exp") -> Synapse:
    """GABA_A synapse (E −80 mV; τ 10 ms single exponential, or 0.1/10 ms dual, or Destexhe kinetic)."""
    return Synapse(_kinetics(kinetics, weight_nS, "gaba_a"), value("synapse.gaba_a.e_rev", "mV"), 0.0, None, "fraction", "gaba_a")


def nmda(weight_nS: float, block: str | BlockModel | None = "jahr-stevens-1990", *, subunit: str | None = None,
         kinetics: str = "dual", ca: str = "fraction"):
    """NMDA synapse with Mg2+ block by any receptor-layer model (by name or instance).

    Dual exponential 2/100 ms peaking at ``weight_nS`` (Aguiar 2010), or the Destexhe kinetic scheme;
    ``block="kampa-2004"`` gives the kinetic-block :class:`KampaNMDASynapse`. Pf 10%.
    """
    from ..errors import UnknownNameError, invalid

    if ca not in ("fraction", "ghk"):
        raise UnknownNameError(invalid("ca", ca, "fraction or ghk"))
    model = block if isinstance(block, BlockModel) or block is None else get_model(block, subunit)
    pf = value("synapse.nmda.ca_fraction", "")
    e = value("synapse.nmda.e_rev", "mV")
    if model is not None and model.kinetic:
        return KampaNMDASynapse(model, weight_nS, e, pf, value("synapse.kinetic.pulse", "ms"), value("kampa_2004.glutamate", "mM"), ca)
    return Synapse(_kinetics(kinetics, weight_nS, "nmda"), e, pf, model, ca, "nmda")
