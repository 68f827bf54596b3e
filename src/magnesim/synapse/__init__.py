"""Synapses: AMPA, NMDA (with any receptor-layer Mg2+ block) and GABA_A conductances; Ca2+ entry and pool."""

from .calcium import CalciumPool
from .conductances import DualExpConductance, ExpConductance, KineticConductance, dual_exp_peak_factor
from .receptors import KampaNMDASynapse, KampaSynapseState, Synapse, ampa, gaba_a, ghk_shape, nmda

__all__ = [
    "CalciumPool", "DualExpConductance", "ExpConductance", "KampaNMDASynapse", "KampaSynapseState", "KineticConductance", "Synapse",
    "ampa", "dual_exp_peak_factor", "gaba_a", "ghk_shape", "nmda",
]
