"""Claim 4: topical (transdermal) Mg improves pain scores.

Models: the physiological whole-body model with a skin depot and the tissue under the site
(:class:`magnesim.body.Physiological`); the dorsal-horn wind-up circuit (Aguiar et al. 2010,
recalibrated) as the spinal stand-in for pain. Pain scores are not modelled.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._shared import WINDUP_EFFECT, windup_numbers
from ._verdict import NOT_SUPPORTED, PARTLY, SUPPORTED, Numbers
from .record import Claim, Panel, Ref, series
from .runs import CREAM, CREAM_WEIGHT_KG, Runs

__all__ = ["ClaimNumbers", "claim", "decide", "measure"]

NUMBER = 4
QUOTE = ("Local, topical, transdermal administration of magnesium has been found to improve pain scores in a variety of "
         "clinical trials, including for fibromyalgia.")


@dataclass(frozen=True)
class ClaimNumbers(Numbers):
    local_mg_baseline_mM: float
    local_mg_peak_mM: float
    local_mg_change_pct: float
    csf_mg_baseline_mM: float
    csf_mg_change_pct: float
    windup_excess_csf_baseline_spikes: float
    windup_reduction_csf_pct: float
    windup_reduction_if_spinal_pct: float
    csf_mg_for_effect_mM: float
    csf_mg_change_needed_pct: float


def measure(runs: Runs) -> ClaimNumbers:
    return ClaimNumbers(**windup_numbers(runs))


def decide(n: ClaimNumbers) -> tuple[str, str]:
    text = (f"the cream raises [Mg2+] in the tissue under it by {n.local_mg_change_pct:.1f}% and in CSF by "
            f"{n.csf_mg_change_pct:.3f}%; dorsal-horn wind-up falls by {n.windup_reduction_csf_pct:.1f}% at the CSF level, and "
            f"would fall by {n.windup_reduction_if_spinal_pct:.1f}% if the dorsal horn's [Mg2+] rose as much as the skin's; a "
            f"{WINDUP_EFFECT:.0%} reduction needs +{n.csf_mg_change_needed_pct:.1f}% CSF [Mg2+]")
    if n.windup_reduction_csf_pct >= 100 * WINDUP_EFFECT:
        return SUPPORTED, f"Pain-relevant effect at the spinal level: {text}."
    if n.windup_reduction_if_spinal_pct >= 100 * WINDUP_EFFECT:
        return PARTLY, f"An effect only if the skin's rise in [Mg2+] reached the dorsal horn: {text}."
    return NOT_SUPPORTED, f"Too small a change to matter: {text}; pain scores themselves are not modelled."


def claim(runs: Runs) -> Claim:
    n = measure(runs)
    ds, w = runs.cream, runs.windup
    days = ds.time_h.values <= 72.0
    evidence = (f"The cream raises ionized Mg2+ under it from {n.local_mg_baseline_mM:.3f} to {n.local_mg_peak_mM:.3f} mM "
                f"(+{n.local_mg_change_pct:.1f}%) and CSF Mg2+ by {n.csf_mg_change_pct:.3f}%; dorsal-horn wind-up falls "
                f"{n.windup_reduction_csf_pct:.1f}% (and {n.windup_reduction_if_spinal_pct:.1f}% if the dorsal horn rose like the "
                f"skin), while a {WINDUP_EFFECT:.0%} fall needs CSF Mg2+ {n.csf_mg_for_effect_mM:.3f} mM "
                f"(+{n.csf_mg_change_needed_pct:.1f}%).")
    experiment = (f"Whole-body model, {CREAM_WEIGHT_KG:g} kg adult, '{CREAM}': ionized Mg2+ in the tissue under the cream and in CSF; "
                  "dorsal-horn wind-up (16 C-fibre stimuli at 1 Hz) swept from 0.5 to 2 mM and read at the CSF level, at the CSF level "
                  f"raised as the skin's, and where it falls by {WINDUP_EFFECT:.0%}. Pain scores are not modelled.")
    panels = (Panel("Mg2+ under the cream and in CSF (first 3 days)", "time (h)", "ionized Mg2+ (mM)",
                    (series("tissue under the cream", ds.time_h[days], ds.local_tissue_ionized_mM.values[0][days]),
                     series("CSF", ds.time_h[days], ds.csf_ionized_mM.values[0][days]))),
              Panel("Wind-up against [Mg2+]o", "[Mg2+]o (mM)", "spikes added by wind-up",
                    (series("16 stimuli at 1 Hz", w.mg_mM, w.windup_excess),),
                    (Ref("CSF before the cream", n.csf_mg_baseline_mM, "x"),
                     Ref("CSF raised as the skin", n.csf_mg_baseline_mM * (1 + n.local_mg_change_pct / 100), "x"),
                     Ref(f"{WINDUP_EFFECT:.0%} less wind-up", n.csf_mg_for_effect_mM, "x"))))
    return Claim(NUMBER, QUOTE, experiment, n.as_dict(), *decide(n), evidence, panels)
