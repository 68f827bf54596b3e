"""Claim 1: Mg2+ deactivates the NMDA channel, "the primary channel" of Na+/K+ flux; without Mg2+ the
nervous system is "always turned on".

Models: Jahr & Stevens 1990 block (J Neurosci 10:3178); a Traub–Miles neuron (COBAHH parameters,
Brette et al. 2007); the low-Mg2+ E/I network of Pospischil et al. 2008 cells.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._shared import network_numbers, network_panel, quiet_at_1mm
from ._verdict import Numbers, combine, named
from .record import Claim, Panel, Ref, series
from .runs import FIRE_CURRENT, NETWORK_DURATION, Runs

__all__ = ["ClaimNumbers", "claim", "decide", "measure"]

NUMBER = 1
QUOTE = ("Magnesium modulates neurological response by deactivating the NMDA ... receptor gated ion channel, which is the "
         "primary channel that enables potassium and sodium flux ... Without enough available, your nervous system response "
         "is always turned on")
# A "real" block leaves at most a fifth of the NMDA conductance at rest (1 mM, -65 mV) and is relieved at
# least five-fold at +20 mV (the voltage dependence that makes it a pore block).
RESTING_UNBLOCKED_MAX = 0.2
RELIEF_MIN = 5.0
# NMDA would be the "primary" channel of signalling if removing it at least halved action potentials.
PRIMARY_SPIKE_RATIO = 0.5


@dataclass(frozen=True)
class ClaimNumbers(Numbers):
    unblocked_0mM: float = named("unblocked_fraction_0mM_-65mV")
    unblocked_1mM: float = named("unblocked_fraction_1mM_-65mV")
    unblocked_2mM: float = named("unblocked_fraction_2mM_-65mV")
    unblocked_1mM_depolarised: float = named("unblocked_fraction_1mM_+20mV")
    spikes_no_nmda: float = named("spikes_200pA_no_nmda")
    spikes_nmda_1mM: float = named("spikes_200pA_nmda_1mM")
    spikes_nmda_0mM: float = named("spikes_200pA_nmda_0mM")
    spikes_no_na: float = named("spikes_200pA_no_na")
    events_0mM: float = named("network_events_per_min_0mM")
    events_1mM: float = named("network_events_per_min_1mM")


def measure(runs: Runs) -> ClaimNumbers:
    b = runs.block.unblocked_fraction
    at = lambda mg, v: float(b.sel(mg_mM=mg).interp(v_mV=v))
    spikes = runs.fire.spikes.squeeze("current_pA")
    count = lambda nmda, mg, na: float(spikes.sel(nmda_scale=nmda, mg_mM=mg, na_scale=na))
    return ClaimNumbers(at(0.0, -65.0), at(1.0, -65.0), at(2.0, -65.0), at(1.0, 20.0), count(0.0, 1.0, 1.0), count(1.0, 1.0, 1.0),
                    count(1.0, 0.0, 1.0), count(1.0, 1.0, 0.0), **network_numbers(runs))


def decide(n: ClaimNumbers) -> tuple[str, str]:
    b, b_dep = n.unblocked_1mM, n.unblocked_1mM_depolarised
    return combine([
        (float(b <= RESTING_UNBLOCKED_MAX and b_dep >= RELIEF_MIN * b),
         f"Mg2+ shuts the NMDA channel at rest (1 mM leaves {b:.1%} of the conductance at -65 mV, {b_dep:.0%} at +20 mV: "
         "a voltage-dependent pore block that depolarisation relieves, not a change of gating)"),
        (float(n.spikes_no_nmda < PRIMARY_SPIKE_RATIO * n.spikes_nmda_1mM),
         f"NMDA is the primary channel of the Na+/K+ flux that propagates signals (at 200 pA: {n.spikes_no_nmda:.0f} "
         f"spikes without NMDA, {n.spikes_nmda_1mM:.0f} with it, {n.spikes_no_na:.0f} without Na+ channels)"),
        (float(quiet_at_1mm(n.events_0mM, n.events_1mM)),
         f"without Mg2+ the system stays on (network events {n.events_0mM:.1f}/min at 0 mM, {n.events_1mM:.1f}/min at 1 mM)"),
    ])


def claim(runs: Runs) -> Claim:
    n = measure(runs)
    b = runs.block.unblocked_fraction
    evidence = (f"At -65 mV 1 mM Mg2+ leaves {n.unblocked_1mM:.1%} of the NMDA conductance (2 mM: {n.unblocked_2mM:.1%}; +20 mV: "
                f"{n.unblocked_1mM_depolarised:.0%}); at 200 pA a neuron fires {n.spikes_no_nmda:.0f} spikes in 1 s without NMDA, "
                f"{n.spikes_nmda_1mM:.0f} with it and {n.spikes_no_na:.0f} without Na+ channels; the network bursts "
                f"{n.events_0mM:.0f}/min at 0 mM and {n.events_1mM:.0f}/min at 1 mM.")
    experiment = (f"NMDA unblocked fraction B(V) at 0, 1, 2 mM (Jahr-Stevens); a Traub-Miles neuron with {FIRE_CURRENT} and 20 Hz "
                  f"AMPA+NMDA drive for 1 s with NMDA removed, with NMDA at 1 and 0 mM Mg2+, and without Na+ conductance; a 1000-cell "
                  f"E/I network for {NETWORK_DURATION} at 0 and 1 mM Mg2+.")
    labels = ("no NMDA", "NMDA, 1 mM Mg2+", "NMDA, 0 mM Mg2+", "no Na+ channels")
    panels = (Panel("Mg2+ block of NMDA receptors", "membrane potential (mV)", "unblocked fraction",
                    tuple(series(f"{m:g} mM", b.v_mV, b.sel(mg_mM=m)) for m in b.mg_mM.values), (Ref("-65 mV", -65.0, "x"),)),
              Panel(f"Action potentials in 1 s at {FIRE_CURRENT}", "", "spikes",
                    (series("Traub-Miles neuron", labels, [n.spikes_no_nmda, n.spikes_nmda_1mM, n.spikes_nmda_0mM, n.spikes_no_na], "bar"),)),
              network_panel(runs))
    return Claim(NUMBER, QUOTE, experiment, n.as_dict(), *decide(n), evidence, panels)
