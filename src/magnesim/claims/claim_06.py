"""Claim 6: MgCl2 cream at a very low dose raises serum Mg.

Models: the physiological whole-body model with a skin depot at the library skin permeability and at
the top of its plausible range; the between-person SD of serum Mg of Ryschon et al. 1996 (J Lab Clin
Med 127:207).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..params import value
from ._shared import pct
from ._verdict import NOT_SUPPORTED, PARTLY, SUPPORTED, Numbers
from .record import Claim, Panel, Ref, series
from .runs import CREAM, CREAM_WEIGHT_KG, Runs

__all__ = ["ClaimNumbers", "claim", "decide", "measure"]

NUMBER = 6
QUOTE = "Magnesium Chloride cream at a very low dose has been found to clinically increase serum levels humans."
# A serum change counts as a clinical increase at one between-person SD, and as a trace that a careful
# paired study might see at a tenth of it.
SD_SUPPORTED, SD_PARTLY = 1.0, 0.1


@dataclass(frozen=True)
class ClaimNumbers(Numbers):
    serum_total_baseline_mM: float
    serum_total_change_mM: float
    serum_total_change_pct: float
    serum_ionized_change_mM: float
    serum_total_change_high_permeability_mM: float
    between_person_sd_mM: float
    change_in_sd_units: float


def measure(runs: Runs) -> ClaimNumbers:
    serum, ionized = runs.cream.serum_total_mM.values[0], runs.cream.serum_ionized_mM.values[0]
    high = runs.cream_high_permeability.serum_total_mM.values[0]
    sd = value("claims.serum_mg_between_person_sd", "mmol/L")
    high_change = float(high.max() - high[0])
    return ClaimNumbers(float(serum[0]), float(serum.max() - serum[0]), pct(serum.max(), serum[0]), float(ionized.max() - ionized[0]),
                    high_change, sd, high_change / sd)


def decide(n: ClaimNumbers) -> tuple[str, str]:
    units = n.change_in_sd_units
    verdict = SUPPORTED if units >= SD_SUPPORTED else PARTLY if units >= SD_PARTLY else NOT_SUPPORTED
    return verdict, (
        f"The cream changes serum total Mg by at most {n.serum_total_change_mM:.4f} mM ({n.serum_total_change_pct:.2f}%); even at the "
        f"top of the plausible skin permeability (about twice the highest measured) {n.serum_total_change_high_permeability_mM:.4f} mM, "
        f"{units:.3f} of the {n.between_person_sd_mM:g} mM between-person SD (an increase needs {SD_SUPPORTED:g} SD, a trace "
        f"{SD_PARTLY:g} SD).")


def claim(runs: Runs) -> Claim:
    n = measure(runs)
    ds, high = runs.cream, runs.cream_high_permeability
    sd, base = n.between_person_sd_mM, n.serum_total_baseline_mM
    evidence = (f"The MgCl2 cream regimen raises serum total Mg by at most {n.serum_total_change_mM:.4f} mM "
                f"({n.serum_total_change_pct:.2f}%; {n.serum_total_change_high_permeability_mM:.4f} mM at the top of the plausible skin "
                f"permeability), {n.change_in_sd_units:.3f} of the {sd:g} mM between-person SD.")
    experiment = (f"Whole-body model, {CREAM_WEIGHT_KG:g} kg adult, '{CREAM}' for 15 days at the library skin permeability and at the "
                  "top of its measured range; serum total and ionized Mg against the between-person SD of serum Mg.")
    panels = (Panel("Serum total Mg under the cream", "time (days)", "serum total Mg (mM)",
                    (series("library permeability", ds.time_h.values / 24.0, ds.serum_total_mM.values[0]),
                     series("top of the plausible permeability range", high.time_h.values / 24.0, high.serum_total_mM.values[0])),
                    (Ref("baseline + 1 between-person SD", base + sd, "y"), Ref("baseline - 1 SD", base - sd, "y"))),)
    return Claim(NUMBER, QUOTE, experiment, n.as_dict(), *decide(n), evidence, panels)
