"""Claim 7: ATP cannot be produced or used without ionic Mg2+; too little starts a vicious metabolic cycle.

Model: the MgATP equilibrium from Alberty's species constants (Alberty 2003, Thermodynamics of
Biochemical Reactions, p. 235) and Na+/K+-ATPase turnover as a Michaelis–Menten function of MgATP,
its substrate (Apell, Hitzler & Schreiber 2017, Biochemistry 56:1005). ATP synthesis is not modelled.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._shared import HIGH_MG_I, LOW_MG_I, at_mg_i
from ._verdict import Numbers, combine, named
from .record import Claim, Panel, Ref, series
from .runs import Runs

__all__ = ["ClaimNumbers", "claim", "decide", "measure"]

NUMBER = 7
QUOTE = ("ATP cannot be produced via respiration without adequate amounts of ionic magnesium, and inadequate magnesium results "
         "in a vicious cycle of metabolic dysfunction and destruction.")
# "ATP cannot be used without Mg2+" holds when pump turnover falls below a fifth at 1 uM free Mg2+; the
# "vicious cycle" needs a 20% change of turnover across the physiological range.
PUMP_AT_1UM_MAX = 0.2
PUMP_CHANGE_MIN = 20.0


@dataclass(frozen=True)
class ClaimNumbers(Numbers):
    mgatp_fraction_low: float = named("mgatp_fraction_0.1mM")
    mgatp_fraction_high: float = named("mgatp_fraction_1mM")
    mgatp_fold: float = named("mgatp_fold_0.1_to_1mM")
    pump_change_pct: float = named("pump_change_0.1_to_1mM_pct")
    pump_rate_at_1uM_relative: float = named("pump_rate_at_1uM_relative")
    apparent_kd_mM: float = named("apparent_kd_mM")


def measure(runs: Runs) -> ClaimNumbers:
    g = runs.energetics
    f, pump = g.mgatp_fraction, g.pump_rate_relative
    low, high = at_mg_i(f, LOW_MG_I), at_mg_i(f, HIGH_MG_I)
    return ClaimNumbers(low, high, high / low, 100.0 * (at_mg_i(pump, HIGH_MG_I) / at_mg_i(pump, LOW_MG_I) - 1.0),
                      at_mg_i(pump, 1e-3), float(g.attrs["apparent_kd_mM"]))


def decide(n: ClaimNumbers) -> tuple[str, str]:
    return combine([
        (float(n.pump_rate_at_1uM_relative <= PUMP_AT_1UM_MAX),
         f"ATP cannot be used without Mg2+ (MgATP is the substrate: pump turnover at 1 uM free Mg2+ is "
         f"{n.pump_rate_at_1uM_relative:.0%} of normal)"),
        (float(abs(n.pump_change_pct) >= PUMP_CHANGE_MIN),
         f"inadequate Mg2+ starts a vicious metabolic cycle (from 0.1 to 1 mM free Mg2+ MgATP rises "
         f"{n.mgatp_fold:.1f}-fold but pump turnover only {n.pump_change_pct:.1f}%; ATP synthesis itself is not modelled)"),
    ])


def claim(runs: Runs) -> Claim:
    n = measure(runs)
    g = runs.energetics
    evidence = (f"From 0.1 to 1 mM free Mg2+ the MgATP share of ATP rises from {n.mgatp_fraction_low:.0%} to "
                f"{n.mgatp_fraction_high:.0%} ({n.mgatp_fold:.1f}-fold) but Na+/K+-pump turnover changes by only "
                f"{n.pump_change_pct:.1f}%; at 1 uM it falls to {n.pump_rate_at_1uM_relative:.0%} of normal.")
    experiment = ("MgATP equilibrium (apparent Kd at pH 7.2) and Na+/K+-pump turnover with 3 mM total ATP across free [Mg2+]i from "
                  "1 uM to 2 mM, relative to 0.5 mM.")
    panels = (Panel("ATP and the Na+/K+ pump", "free [Mg2+]i (mM)", "fraction",
                    (series("MgATP / total ATP", g.mg_i_mM, g.mgatp_fraction),
                     series("pump turnover (relative to 0.5 mM)", g.mg_i_mM, g.pump_rate_relative)),
                    (Ref("0.1 mM", LOW_MG_I, "x"), Ref("1 mM", HIGH_MG_I, "x")), xlog=True),)
    return Claim(NUMBER, QUOTE, experiment, n.as_dict(), *decide(n), evidence, panels)
