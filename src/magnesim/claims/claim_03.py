"""Claim 3: Mg2+ corks the NMDA channel, preventing excessive Ca2+ flux, oxidative stress and cell death.

Model: the calibrated excitotoxic injury model of a cortical culture (Ca2+ load → mitochondrial Ca2+
→ ROS → death, a population of neurons with spread NMDA-receptor density;
:mod:`magnesim.injury.excitotoxicity`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._verdict import Numbers, combine, named
from .record import Claim, Panel, series
from .runs import NMDA_CHALLENGE, Runs

__all__ = ["ClaimNumbers", "claim", "decide", "measure"]

NUMBER = 3
QUOTE = ("Magnesium effectively acts as a cork in NMDA-gated ion channels ..., preventing excessive Calcium flux and "
         "associated oxidative stress ... including cell death")
# Mg2+ "prevents excessive Ca2+ flux" when it at least halves the peak Ca2+ load everywhere.
LOAD_RATIO_MAX = 0.5
# A challenge is lethal when it kills at least half the cells at 24 h (the ED50 convention of culture studies).
LETHAL_DEATH = 0.5
_BRIEF_MIN, _CHRONIC_MIN = 10.0, 24 * 60.0  # the two exposures of NMDA_CHALLENGE


@dataclass(frozen=True)
class ClaimNumbers(Numbers):
    challenges: float
    lethal_challenges_0mM: float
    protected_challenges_1mM: float
    protected_challenges_2mM: float
    highest_protected_brief_uM: float = named("highest_nmda_protected_1mM_10min_uM")
    highest_protected_chronic_uM: float = named("highest_nmda_protected_1mM_24h_uM")
    max_peak_load_ratio_1mM_vs_0mM: float = named("max_peak_load_ratio_1mM_vs_0mM")
    death_1mM_1000uM_24h: float = named("death_1mM_1000uM_24h")


def _minutes(m: float) -> str:
    return f"{m / 60:g} h" if m >= 60 else f"{m:g} min"


def _highest_protected(death) -> float:
    """Highest agonist concentration (uM) below which 1 mM Mg2+ saves every challenge that kills at 0 mM (0 if none)."""
    saved = ((death.sel(mg_mM=0.0) < LETHAL_DEATH) | (death.sel(mg_mM=1.0) < LETHAL_DEATH)).values
    failed = np.nonzero(~saved)[0]
    upto = saved.size if failed.size == 0 else failed[0]
    return float(death.conc_uM.values[upto - 1]) if upto else 0.0


def measure(runs: Runs) -> ClaimNumbers:
    ds = runs.excitotox.squeeze("antagonist_at_min")
    death, load = ds.death_fraction, ds.peak_load
    lethal = death.sel(mg_mM=0.0) >= LETHAL_DEATH
    saved = lambda mg: float((lethal & (death.sel(mg_mM=mg) < LETHAL_DEATH)).sum())
    return ClaimNumbers(float(lethal.size), float(lethal.sum()), saved(1.0), saved(2.0),
                      _highest_protected(death.sel(duration_min=_BRIEF_MIN)), _highest_protected(death.sel(duration_min=_CHRONIC_MIN)),
                      float((load.sel(mg_mM=1.0) / load.sel(mg_mM=0.0)).max()),
                      float(death.sel(mg_mM=1.0, conc_uM=1000.0, duration_min=_CHRONIC_MIN)))


def decide(n: ClaimNumbers) -> tuple[str, str]:
    share = n.protected_challenges_1mM / n.lethal_challenges_0mM if n.lethal_challenges_0mM else 0.0
    return combine([
        (float(n.max_peak_load_ratio_1mM_vs_0mM <= LOAD_RATIO_MAX),
         f"Mg2+ prevents excess Ca2+ entry (1 mM keeps the peak mitochondrial Ca2+ load at most "
         f"{n.max_peak_load_ratio_1mM_vs_0mM:.1%} of the Mg2+-free load in every challenge)"),
        (share,
         f"Mg2+ prevents cell death (1 mM prevents death in {n.protected_challenges_1mM:.0f} of the {n.lethal_challenges_0mM:.0f} "
         f"challenges that kill without Mg2+, 2 mM in {n.protected_challenges_2mM:.0f}; death after 24 h in 1000 uM NMDA with 1 mM: "
         f"{n.death_1mM_1000uM_24h:.0%})"),
    ])


def claim(runs: Runs) -> Claim:
    n = measure(runs)
    ds = runs.excitotox.squeeze("antagonist_at_min")
    death, load = ds.death_fraction, ds.peak_load
    minutes = ds.duration_min.values
    highest = "; ".join(f"{_minutes(d)}: up to {h:g} uM" for d, h in zip((_BRIEF_MIN, _CHRONIC_MIN),
                                                                     (n.highest_protected_brief_uM, n.highest_protected_chronic_uM), strict=True))
    evidence = (f"Of {n.lethal_challenges_0mM:.0f} NMDA challenges that kill at least half the cells without Mg2+, 1 mM Mg2+ prevents "
                f"death in {n.protected_challenges_1mM:.0f} ({highest}) and 2 mM in {n.protected_challenges_2mM:.0f}; 1 mM keeps the "
                f"peak Ca2+ load at most {n.max_peak_load_ratio_1mM_vs_0mM:.1%} of the Mg2+-free load.")
    experiment = (f"Cultured cortical neurons, NMDA {NMDA_CHALLENGE['conc']} with {ds.attrs['glycine_uM']:g} uM glycine for "
                  f"{NMDA_CHALLENGE['duration'].replace(',', ' or ')} at 0, 1, 2 mM Mg2+; Ca2+ load -> mitochondrial Ca2+ -> ROS -> "
                  "death model; death read at 24 h.")
    panels = [Panel(f"Death at 24 h, NMDA for {_minutes(d)}", "NMDA (uM)", "death fraction",
                    tuple(series(f"{m:g} mM Mg2+", ds.conc_uM, death.sel(mg_mM=m, duration_min=d), "points") for m in ds.mg_mM.values),
                    xlog=True) for d in minutes]
    panels.append(Panel("Peak mitochondrial Ca2+ load, 24 h exposure", "NMDA (uM)", "peak load (reference units)",
                        tuple(series(f"{m:g} mM Mg2+", ds.conc_uM, load.sel(mg_mM=m, duration_min=minutes[-1])) for m in ds.mg_mM.values),
                        xlog=True))
    return Claim(NUMBER, QUOTE, experiment, n.as_dict(), *decide(n), evidence, tuple(panels))
