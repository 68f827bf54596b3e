"""The dorsal-horn wind-up circuit of Aguiar, Sousa & Lima (2010): C fibres → relay interneuron → WDR.

Each electrical stimulus (Aguiar et al. 2010, ModelDB 128559, wdr-complete-model.hoc):

* recruits 20 Aδ fibres that reach the WDR dendrite 30–35 ms later (arrival jitter redrawn per
  stimulus), each with an AMPA and an NMDA synapse;
* releases glutamate and substance P from C fibres onto a relay interneuron (AMPA, NMDA and a slow
  NK1 conductance, 100/3000 ms, carrying 10% Ca2+) at the stimulus time, and substance P onto the WDR
  dendrite (NK1, 200/3000 ms);
* every spike of the relay interneuron reaches the WDR dendrite through 20 contacts with fixed
  delays 200–220 ms (C-fibre conduction), each an AMPA, an NMDA and a GABA_A synapse (Aguiar delays
  the GABA_A event a further 1 ms; here it is simultaneous, which lets the three share one delay line).

Both cells are :class:`~magnesim.cell.WDRNeuron`: the relay interneuron's template (interneuron.hoc)
could not be read beyond its soma, which matches the WDR soma; reusing the WDR template is an
assumption (documented in the parameter library). Four values are calibrated, not Aguiar's (see
``scripts/calibrate_windup.py`` and the parameter notes): the C→relay AMPA weight, the relay→WDR
AMPA and NMDA weights, and the dendritic I_CAN density of the two-compartment cells. Aguiar's background noise (Poisson AMPA/GABA_A on
the soma, ~100 Hz) is left out so that each condition is deterministic given the seed that draws the
fibre delays. NMDA synapses carry the Mg2+ block of the chosen receptor model at the condition's
[Mg2+]o on both cells (intrathecal or bath Mg2+ reaches the whole dorsal horn).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, fields

import numpy as np

from ..cell import Drive, Recurrent, RegularTrain, VolleyTrain, WDRNeuron
from ..params import param_field, value
from ..synapse import DualExpConductance, Synapse, ampa, gaba_a, nmda

__all__ = ["WindupCircuit"]

RELAY, WDR = 0, 1  # positions in each condition's population of two neurons


def _p(name: str, unit: str = "nS"):
    return param_field(f"windup.{name}", unit)


@dataclass(frozen=True)
class WindupCircuit:
    """Synaptic weights (peak nS per event), fibre counts and delays of the wind-up circuit.

    Defaults come from the parameter library (``magnesim params --search windup.``); override any of
    them with :func:`dataclasses.replace` to explore the circuit.
    """

    c_relay_ampa: float = _p("c_relay_ampa")
    c_relay_nmda: float = _p("c_relay_nmda")
    c_relay_nk1: float = _p("c_relay_nk1")
    relay_ampa: float = _p("relay_ampa")
    relay_nmda: float = _p("relay_nmda")
    relay_gaba: float = _p("relay_gaba")
    a_ampa: float = _p("a_ampa")
    a_nmda: float = _p("a_nmda")
    wdr_nk1: float = _p("wdr_nk1")
    relay_contacts: float = _p("relay_contacts", "dimensionless")
    a_fibres: float = _p("a_fibres", "dimensionless")
    relay_delay_ms: float = _p("relay_delay", "ms")
    relay_jitter_ms: float = _p("relay_jitter", "ms")
    a_delay_ms: float = _p("a_delay", "ms")
    a_jitter_ms: float = _p("a_jitter", "ms")
    dend_gcan: float = _p("dend_gcan", "S/cm^2")

    citation = "aguiar-2010"

    def cell(self) -> WDRNeuron:
        """The cell of both roles: the WDR template with the circuit's dendritic I_CAN density."""
        return dataclasses.replace(WDRNeuron(), dend_gcan=self.dend_gcan)

    def drives(self, start_ms, interval_ms, stimuli: int, nmda_scale, *, block="jahr-stevens-1990", subunit=None,
               seed: int = 0) -> list[Drive]:
        """The circuit's synapses on populations of (relay, WDR) pairs, each drive on its role; per-condition
        arrays (C,) of ``interval_ms``, ``nmda_scale`` and the weights are expanded to the 2C neurons."""
        pairs = lambda x: np.asarray(x, float) if np.size(x) == 1 else np.repeat(np.asarray(x, float), 2)  # per condition → per neuron
        weights = [getattr(self, f.name) for f in fields(self) if f.metadata.get("unit") == "nS"]
        n = 2 * max(np.size(x) for x in [interval_ms, nmda_scale, *weights])
        interval = np.broadcast_to(pairs(interval_ms), (n,))
        scale = np.broadcast_to(pairs(nmda_scale), (n,))
        per_neuron = lambda x: np.broadcast_to(pairs(x), (n,))
        rng = np.random.default_rng(seed)
        a_offsets = self.a_delay_ms + self.a_jitter_ms * rng.random((stimuli, int(self.a_fibres)))
        relay_delays = self.relay_delay_ms + self.relay_jitter_ms * rng.random(int(self.relay_contacts))
        stimulus = RegularTrain(start_ms, interval, stimuli)
        a_volley = VolleyTrain(start_ms, interval, stimuli, a_offsets)
        relay = Recurrent(np.array([[0.0, 0.0], [1.0, 0.0]]), relay_delays)  # relay spikes → WDR
        nk1_decay, pf_nk1 = value("windup.nk1_decay", "ms"), value("windup.nk1_ca_fraction", "")
        nmda_ = lambda w: nmda(w * scale, block, subunit=subunit)
        nk1 = lambda rise, w: Synapse(DualExpConductance(rise, nk1_decay, w), 0.0, pf_nk1, None, "fraction", "nk1")
        dend = 1
        return [
            Drive(ampa(per_neuron(self.c_relay_ampa), "dual"), stimulus, dend, RELAY),
            Drive(nmda_(per_neuron(self.c_relay_nmda)), stimulus, dend, RELAY),
            Drive(nk1(value("windup.relay_nk1_rise", "ms"), per_neuron(self.c_relay_nk1)), stimulus, dend, RELAY),
            Drive(nk1(value("windup.wdr_nk1_rise", "ms"), per_neuron(self.wdr_nk1)), stimulus, dend, WDR),
            Drive(ampa(per_neuron(self.a_ampa), "dual"), a_volley, dend, WDR),
            Drive(nmda_(per_neuron(self.a_nmda)), a_volley, dend, WDR),
            Drive(ampa(per_neuron(self.relay_ampa), "dual"), relay, dend, WDR),
            Drive(nmda_(per_neuron(self.relay_nmda)), relay, dend, WDR),
            Drive(gaba_a(per_neuron(self.relay_gaba), "dual"), relay, dend, WDR),
        ]
