"""The NMDA synapse with its Mg2+ block as NeuroML2 (libNeuroML): a ``blockingPlasticSynapse``.

NeuroML2's ``voltageConcDepBlockMechanism`` gives the unblocked fraction

    B(V) = 1 / (1 + [Mg2+]/scalingConc · exp(−V/scalingVolt)),

which is Jahr & Stevens' form (scalingConc = K0, scalingVolt = 1/γ) and Woodhull's
(scalingConc = K0, scalingVolt = RT/(δzF)), so both export exactly, with any GluN2 subunit preset.
The conductance is NeuroML's expTwoSynapse (peak normalised to ``gbase``, as magnesim's dual
exponential). Kinetic (Kampa 2004) and permeation (Antonov & Johnson) block have no NeuroML2
equivalent and are refused.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..errors import ParameterError, invalid

__all__ = ["EXPORTABLE_BLOCKS", "nmda_neuroml"]

EXPORTABLE_BLOCKS = ("jahr-stevens-1990", "woodhull")


def block_scaling(model) -> tuple[float, float]:
    """(scalingConc mM, scalingVolt mV) of an instantaneous exponential block model."""
    from ..receptor._base import rt_over_f_mV
    from ..receptor.jahr_stevens import JahrStevens
    from ..receptor.woodhull import Woodhull

    if isinstance(model, JahrStevens):
        return float(model.k0_mM), 1.0 / float(model.slope_per_mV)
    if isinstance(model, Woodhull):
        rt_f = float(rt_over_f_mV(model.gas_constant, model.temperature_K, model.faraday))
        return float(model.k0_mM), rt_f / (float(model.delta) * float(model.valence))
    raise ParameterError(invalid("block", getattr(model, "name", model), f"an instantaneous exponential block: {', '.join(EXPORTABLE_BLOCKS)}",
                                 "NeuroML2 has no kinetic or permeation block mechanism"))


def nmda_neuroml(weight_nS: float = 1.0, mg_mM: float = 1.0, block: str = "jahr-stevens-1990", subunit: str | None = None) -> str:
    """A NeuroML2 document (text) holding magnesim's NMDA synapse (:func:`magnesim.synapse.nmda`:
    dual exponential, reversal, block by ``block``/``subunit`` at [Mg2+]o ``mg_mM``) as the
    ``blockingPlasticSynapse`` with id ``nmda_mg``."""
    import neuroml
    from neuroml import writers

    from ..receptor import get_model
    from ..synapse import nmda
    from ..units import CONCENTRATION, CONDUCTANCE

    model = get_model(block, subunit)  # an unknown name gets the receptor layer's own error
    scaling_conc, scaling_volt = block_scaling(model)
    for name, x, accepted in (("weight_nS", weight_nS, CONDUCTANCE), ("mg_mM", mg_mM, CONCENTRATION.within(0.0, 100.0))):
        if not accepted.minimum <= float(x) <= accepted.maximum:
            raise ParameterError(invalid(name, x, accepted.accepted()))
    syn = nmda(float(weight_nS), model)  # an instantaneous block: the dual-exponential conductance
    kinetics = syn.kinetics
    doc = neuroml.NeuroMLDocument(id="magnesim_nmda")
    bp = neuroml.BlockingPlasticSynapse(
        id="nmda_mg", gbase=f"{float(kinetics.weight_nS)!r} nS", erev=f"{float(syn.e_rev_mV)!r} mV",
        tau_rise=f"{float(kinetics.tau_rise_ms)!r} ms", tau_decay=f"{float(kinetics.tau_decay_ms)!r} ms")
    bp.notes = (f"magnesim NMDA synapse: dual exponential (Aguiar 2010 kinetics), Mg2+ block by {model.name}"
                f"{' (' + subunit + ')' if subunit else ''}: B = 1/(1 + [Mg]/K0 exp(-V/scalingVolt)), K0 {scaling_conc:.6g} mM, "
                f"scalingVolt {scaling_volt:.6g} mV, [Mg2+]o {float(mg_mM):g} mM.")
    bp.block_mechanism = neuroml.BlockMechanism(
        type="voltageConcDepBlockMechanism", species="mg", block_concentration=f"{float(mg_mM)!r} mM",
        scaling_conc=f"{scaling_conc!r} mM", scaling_volt=f"{scaling_volt!r} mV")
    doc.blocking_plastic_synapses.append(bp)
    with tempfile.TemporaryDirectory() as tmp:  # libNeuroML's writer closes what it writes to
        path = Path(tmp) / "nmda.nml"
        writers.NeuroMLWriter.write(doc, str(path))
        return path.read_text()
