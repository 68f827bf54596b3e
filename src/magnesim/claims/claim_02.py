"""Claim 2: Mg2+ must be present outside the cell; too little causes hypersensitivity.

Models: Jahr & Stevens 1990 external block (J Neurosci 10:3178) and Johnson & Ascher 1990 internal
block (Biophys J 57:1085); the low-Mg2+ E/I network; the dorsal-horn wind-up circuit of Aguiar et al.
2010 (recalibrated).
"""

from __future__ import annotations

from dataclasses import dataclass

from ._shared import network_numbers, network_panel, quiet_at_1mm
from ._verdict import Numbers, combine, named
from .record import Claim, Panel, series
from .runs import Runs

__all__ = ["ClaimNumbers", "claim", "decide", "measure"]

NUMBER = 2
QUOTE = ("adequate magnesium must be present in the extracellular matrix at adequate concentration ... Inadequate magnesium "
         "levels cause neurological hypersensitivity.")
# The external site dominates when it blocks ten times more than the internal one at rest.
EXTERNAL_OVER_INTERNAL = 10.0
# Low Mg2+ sensitises when wind-up adds at least 1.5 times the spikes it adds at 1 mM.
SENSITISATION_RATIO = 1.5


@dataclass(frozen=True)
class ClaimNumbers(Numbers):
    external_block: float = named("external_block_1mM_-65mV")
    internal_block: float = named("internal_block_0.5mM_-65mV")
    events_0mM: float = named("network_events_per_min_0mM")
    events_1mM: float = named("network_events_per_min_1mM")
    windup_excess_low: float = named("windup_excess_0.5mM_spikes")
    windup_excess_normal: float = named("windup_excess_1mM_spikes")
    windup_index_low: float = named("windup_index_0.5mM")
    windup_index_normal: float = named("windup_index_1mM")


def _blocks(runs: Runs):
    outside = 1.0 - runs.block.unblocked_fraction.sel(mg_mM=1.0)
    inside = 1.0 - runs.internal_block.unblocked_fraction.sel(mg_mM=0.0)
    return outside, inside


def measure(runs: Runs) -> ClaimNumbers:
    w = runs.windup
    outside, inside = _blocks(runs)
    return ClaimNumbers(float(outside.sel(v_mV=-65.0)), float(inside.sel(v_mV=-65.0)), **network_numbers(runs),
                    windup_excess_low=runs.windup_excess(0.5), windup_excess_normal=runs.windup_excess(1.0),
                    windup_index_low=float(w.windup_index.sel(mg_mM=0.5)), windup_index_normal=float(w.windup_index.sel(mg_mM=1.0)))


def decide(n: ClaimNumbers) -> tuple[str, str]:
    return combine([
        (float(n.external_block >= EXTERNAL_OVER_INTERNAL * n.internal_block),
         f"the block acts from outside (1 mM external Mg2+ blocks {n.external_block:.1%} at -65 mV; 0.5 mM internal Mg2+ "
         f"{n.internal_block:.2%})"),
        (float(quiet_at_1mm(n.events_0mM, n.events_1mM)),
         f"too little Mg2+ makes the network hyperexcitable ({n.events_0mM:.1f} events/min at 0 mM, {n.events_1mM:.1f} at 1 mM)"),
        (float(n.windup_excess_low >= SENSITISATION_RATIO * n.windup_excess_normal),
         f"too little Mg2+ sensitises the dorsal horn (wind-up adds {n.windup_excess_low:.0f} spikes at 0.5 mM, "
         f"{n.windup_excess_normal:.0f} at 1 mM)"),
    ])


def claim(runs: Runs) -> Claim:
    n = measure(runs)
    outside, inside = _blocks(runs)
    evidence = (f"At -65 mV external 1 mM Mg2+ blocks {n.external_block:.1%} of the NMDA conductance and internal "
                f"0.5 mM {n.internal_block:.2%}; the network has {n.events_0mM:.0f} events/min at 0 mM vs {n.events_1mM:.0f} at 1 mM; "
                f"wind-up adds {n.windup_excess_low:.0f} spikes at 0.5 mM vs {n.windup_excess_normal:.0f} at 1 mM.")
    experiment = ("NMDA block at -65 mV by 1 mM external Mg2+ (Jahr-Stevens) vs 0.5 mM internal Mg2+ (Johnson-Ascher, Kd(0) 8 mM); "
                  "E/I network events at 0 and 1 mM; dorsal-horn wind-up (16 C-fibre stimuli at 1 Hz) from 0.5 to 1 mM.")
    w = runs.windup
    panels = (Panel("External vs internal block", "membrane potential (mV)", "blocked fraction",
                    (series("1 mM outside", outside.v_mV, outside), series("0.5 mM inside", inside.v_mV, inside))),
              Panel("Dorsal-horn wind-up", "[Mg2+]o (mM)", "spikes added by wind-up", (series("16 stimuli at 1 Hz", w.mg_mM, w.windup_excess),)),
              network_panel(runs))
    return Claim(NUMBER, QUOTE, experiment, n.as_dict(), *decide(n), evidence, panels)
