"""Predictors of the synapse and cell layers: Ca2+ share of synaptic currents, resting potentials."""

from __future__ import annotations

__all__ = ["library_value", "nmda_ca_fraction_ghk", "resting_potential"]

_CELLS = ("pospischil-rs", "pospischil-fs")


def library_value(param: str, unit: str) -> float:
    """A parameter the models use as given (the check is that the library holds the published value)."""
    from ..params import value

    return value(param, unit)


def nmda_ca_fraction_ghk(v_mV: float) -> float:
    """Ca2+ current over total NMDA current at ``v_mV`` with GHK Ca2+ entry (scaled to Pf at −60 mV);
    the ratio does not depend on the gating state, so any open state gives it (two steps after an event)."""
    import jax.numpy as jnp

    from ..synapse import nmda

    syn = nmda(1.0, ca="ghk")
    state = syn.step(syn.init((1,)), jnp.ones(1), None, None, 0.025)
    state = syn.step(state, jnp.zeros(1), None, None, 0.025)
    v, mg = jnp.array([v_mV]), jnp.zeros(1)
    return float(syn.ca_current(state, v, mg, 0.05)[0] / syn.current(state, v, mg)[0])


def resting_potential(cell: str) -> float:
    """Membrane potential (mV) after 500 ms without input."""
    from ..cell import PospischilNeuron, run
    from ..errors import UnknownNameError, invalid

    if cell not in _CELLS:
        raise UnknownNameError(invalid("cell", cell, ", ".join(_CELLS)))
    model = PospischilNeuron() if cell == "pospischil-rs" else PospischilNeuron.fast_spiking()
    return float(run(model, [], 1, 500.0, 0.05, bin_ms=100.0, record=("v",), shard=False).traces["v"][-1, 0])
