"""Claim 10: Mg is a cofactor of hundreds of enzymes and matters in psychiatric illness.

Model: the saturation of an enzyme whose substrate is MgATP (the MgATP equilibrium of claim 7 with a
Michaelis–Menten enzyme of another K_m). Enzymes activated by free Mg2+ itself, and psychiatric
outcomes, are not modelled: the claim is outside the model.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._shared import HIGH_MG_I, LOW_MG_I, at_mg_i
from ._verdict import OUTSIDE, Numbers, named
from .record import Claim, Panel, Ref, series
from .runs import Runs

__all__ = ["ENZYME_KM_MM", "ClaimNumbers", "claim", "decide", "measure"]

NUMBER = 10
QUOTE = ("Magnesium has vast importance in our bodies as a cofactor in activation of hundreds of enzymes and dozens of "
         "psychological pathologies, from depression to psychosis.")
ENZYME_KM_MM = (0.01, 0.1, 1.0)  # a sweep over two decades of K_m for MgATP, not particular enzymes


@dataclass(frozen=True)
class ClaimNumbers(Numbers):
    saturation_low_km: float = named("saturation_km_0.01mM_at_0.5mM")
    change_low_km_pct: float = named("saturation_change_km_0.01mM_pct")
    saturation_mid_km: float = named("saturation_km_0.1mM_at_0.5mM")
    change_mid_km_pct: float = named("saturation_change_km_0.1mM_pct")
    saturation_high_km: float = named("saturation_km_1mM_at_0.5mM")
    change_high_km_pct: float = named("saturation_change_km_1mM_pct")


def measure(runs: Runs) -> ClaimNumbers:
    values = []
    for km in ENZYME_KM_MM:
        s = runs.enzyme(km).pump_saturation
        values += [at_mg_i(s, 0.5), 100.0 * (at_mg_i(s, HIGH_MG_I) / at_mg_i(s, LOW_MG_I) - 1.0)]
    return ClaimNumbers(*values)


def decide(n: ClaimNumbers) -> tuple[str, str]:
    return OUTSIDE, (
        "Depression and psychosis are outside a mechanistic neuron model; of the enzyme part, an enzyme whose substrate is MgATP "
        f"depends on Mg2+: from 0.1 to 1 mM free Mg2+ its saturation changes by {n.change_low_km_pct:.1f}% (K_m 0.01 mM) to "
        f"{n.change_high_km_pct:.0f}% (K_m 1 mM); free-Mg2+-activated enzymes are not modelled.")


def claim(runs: Runs) -> Claim:
    n = measure(runs)
    lo, hi = ENZYME_KM_MM[0], ENZYME_KM_MM[-1]
    evidence = (f"An enzyme using MgATP runs at {n.saturation_low_km:.0%} (K_m {lo:g} mM) to {n.saturation_high_km:.0%} (K_m {hi:g} mM) "
                f"of its maximum at 0.5 mM free Mg2+, changing by {n.change_low_km_pct:.1f}% to {n.change_high_km_pct:.0f}% from 0.1 to "
                "1 mM; depression and psychosis are not modelled.")
    experiment = ("Saturation of an enzyme whose substrate is MgATP (Michaelis-Menten, K_m 0.01, 0.1, 1 mM; 3 mM total ATP) across free "
                  "[Mg2+]i from 1 uM to 2 mM. No model of mood or psychosis exists in magnesim.")
    panels = (Panel("MgATP-dependent enzyme saturation", "free [Mg2+]i (mM)", "fraction of maximal rate",
                    tuple(series(f"K_m {km:g} mM", runs.enzyme(km).mg_i_mM, runs.enzyme(km).pump_saturation) for km in ENZYME_KM_MM),
                    (Ref("0.1 mM", LOW_MG_I, "x"), Ref("1 mM", HIGH_MG_I, "x")), xlog=True),)
    return Claim(NUMBER, QUOTE, experiment, n.as_dict(), *decide(n), evidence, panels)
