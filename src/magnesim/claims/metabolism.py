"""Claims 7 and 10: Mg2+ in energy metabolism and as an enzyme cofactor.

Model: the MgATP equilibrium from Alberty's species constants (Alberty 2003, Thermodynamics of
Biochemical Reactions, p. 235) and Na+/K+-ATPase turnover as a Michaelis–Menten function of MgATP,
its substrate (Apell, Hitzler & Schreiber 2017, Biochemistry 56:1005). Claim 10 reuses that
saturation for an enzyme with another K_m for MgATP; enzymes activated by free Mg2+ itself, and
psychiatric outcomes, are not modelled.
"""

from __future__ import annotations

from .record import Claim, Panel, Ref, series
from .runs import Runs
from .verdicts import judge

__all__ = ["ENZYME_KM_MM", "claim_7", "claim_10"]

ENZYME_KM_MM = (0.01, 0.1, 1.0)  # a sweep over two decades of K_m for MgATP, not particular enzymes
_LOW, _HIGH = 0.1, 1.0  # mM: the span of free [Mg2+]i compared (wide around the neuronal resting 0.5 mM)


def _at(var, mg: float) -> float:
    return float(var.sel(mg_i_mM=mg, method="nearest"))


def claim_7(runs: Runs) -> Claim:
    g = runs.energetics
    f, pump = g.mgatp_fraction, g.pump_rate_relative
    n = {"mgatp_fraction_0.1mM": _at(f, _LOW), "mgatp_fraction_1mM": _at(f, _HIGH), "mgatp_fold_0.1_to_1mM": _at(f, _HIGH) / _at(f, _LOW),
         "pump_change_0.1_to_1mM_pct": 100.0 * (_at(pump, _HIGH) / _at(pump, _LOW) - 1.0),
         "pump_rate_at_1uM_relative": _at(pump, 1e-3), "apparent_kd_mM": float(g.attrs["apparent_kd_mM"])}
    evidence = (f"From 0.1 to 1 mM free Mg2+ the MgATP share of ATP rises from {n['mgatp_fraction_0.1mM']:.0%} to "
                f"{n['mgatp_fraction_1mM']:.0%} ({n['mgatp_fold_0.1_to_1mM']:.1f}-fold) but Na+/K+-pump turnover changes by only "
                f"{n['pump_change_0.1_to_1mM_pct']:.1f}%; at 1 uM it falls to {n['pump_rate_at_1uM_relative']:.0%} of normal.")
    return judge(
        7, "ATP cannot be produced via respiration without adequate amounts of ionic magnesium, and inadequate magnesium results "
           "in a vicious cycle of metabolic dysfunction and destruction.",
        "MgATP equilibrium (apparent Kd at pH 7.2) and Na+/K+-pump turnover with 3 mM total ATP across free [Mg2+]i from 1 uM "
        "to 2 mM, relative to 0.5 mM.", n, evidence,
        [Panel("ATP and the Na+/K+ pump", "free [Mg2+]i (mM)", "fraction",
               (series("MgATP / total ATP", g.mg_i_mM, f), series("pump turnover (relative to 0.5 mM)", g.mg_i_mM, pump)),
               (Ref("0.1 mM", _LOW, "x"), Ref("1 mM", _HIGH, "x")), xlog=True)])


def claim_10(runs: Runs) -> Claim:
    runs_by_km = {km: runs.enzyme(km) for km in ENZYME_KM_MM}
    n = {}
    for km, g in runs_by_km.items():
        s = g.pump_saturation
        n[f"saturation_km_{km:g}mM_at_0.5mM"] = _at(s, 0.5)
        n[f"saturation_change_km_{km:g}mM_pct"] = 100.0 * (_at(s, _HIGH) / _at(s, _LOW) - 1.0)
    lo, hi = ENZYME_KM_MM[0], ENZYME_KM_MM[-1]
    evidence = (f"An enzyme using MgATP runs at {n[f'saturation_km_{lo:g}mM_at_0.5mM']:.0%} (K_m {lo:g} mM) to "
                f"{n[f'saturation_km_{hi:g}mM_at_0.5mM']:.0%} (K_m {hi:g} mM) of its maximum at 0.5 mM free Mg2+, changing by "
                f"{n[f'saturation_change_km_{lo:g}mM_pct']:.1f}% to {n[f'saturation_change_km_{hi:g}mM_pct']:.0f}% from 0.1 to 1 mM; "
                "depression and psychosis are not modelled.")
    return judge(
        10, "Magnesium has vast importance in our bodies as a cofactor in activation of hundreds of enzymes and dozens of "
            "psychological pathologies, from depression to psychosis.",
        "Saturation of an enzyme whose substrate is MgATP (Michaelis-Menten, K_m 0.01, 0.1, 1 mM; 3 mM total ATP) across free "
        "[Mg2+]i from 1 uM to 2 mM. No model of mood or psychosis exists in magnesim.", n, evidence,
        [Panel("MgATP-dependent enzyme saturation", "free [Mg2+]i (mM)", "fraction of maximal rate",
               tuple(series(f"K_m {km:g} mM", g.mg_i_mM, g.pump_saturation) for km, g in runs_by_km.items()),
               (Ref("0.1 mM", _LOW, "x"), Ref("1 mM", _HIGH, "x")), xlog=True)])
