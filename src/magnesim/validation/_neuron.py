"""Predictors of the synapse and cell layers: Ca2+ share of synaptic currents, resting potentials."""

from __future__ import annotations

from ._registry import predictor


@predictor("library_value")
def library_value(param: str, unit: str) -> float:
    """A parameter the models use as given (the check is that the library holds the published value)."""
    from ..params import value

    return value(param, unit)


@predictor("nmda_ca_fraction_ghk")
def nmda_ca_fraction_ghk(v_mV: float, ca_in_uM: float = 0.05) -> float:
    """Ca2+ current over total NMDA current at ``v_mV`` with GHK Ca2+ entry (scaled to Pf at −60 mV)."""
    import jax.numpy as jnp

    from ..synapse import nmda

    syn = nmda(1.0, ca="ghk")
    state = syn.step(syn.init((1,)), jnp.ones(1), None, None, 0.025)
    for _ in range(200):  # let the dual exponential rise (5 ms)
        state = syn.step(state, jnp.zeros(1), None, None, 0.025)
    v, mg = jnp.array([v_mV]), jnp.zeros(1)
    return float(syn.ca_current(state, v, mg, ca_in_uM)[0] / syn.current(state, v, mg)[0])


@predictor("resting_potential")
def resting_potential(cell: str) -> float:
    """Membrane potential (mV) after 500 ms without input."""
    from ..cell import PospischilNeuron, WDRNeuron, run

    model = {"pospischil-rs": PospischilNeuron, "pospischil-fs": PospischilNeuron.fast_spiking, "wdr": WDRNeuron}[cell]()
    return float(run(model, [], 1, 500.0, 0.05, bin_ms=100.0, record=("v",), shard=False).traces["v"][-1, 0])
