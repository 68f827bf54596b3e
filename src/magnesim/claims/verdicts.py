"""How each claim's verdict follows from its numbers: the thresholds, and the rule that combines parts.

Each claim is split into the assertions the article makes; each assertion holds, fails, or holds in
part by a stated threshold on the model's numbers. All hold → supported; all fail → not supported;
anything between → partly supported. A claim whose central assertion concerns something no magnesim
model represents (smooth muscle, psychiatric illness) is "outside the model", and the parts the model
can test are still reported in the reason. The functions take the numbers mapping a claim produced
(keys as in :mod:`magnesim.claims.nmda`, ``dosing`` and ``metabolism``) and return (verdict, reason).

The thresholds are magnesim's choices, set from what each claim asserts rather than tuned to the
results; each comment says why.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import pairwise

from .record import VERDICTS, Claim

__all__ = ["DECIDE", "LETHAL_DEATH", "NOT_SUPPORTED", "OUTSIDE", "PARTLY", "SUPPORTED", "combine", "judge"]

SUPPORTED, PARTLY, NOT_SUPPORTED, OUTSIDE = VERDICTS

# Claim 1: a "real" block leaves at most a fifth of the NMDA conductance at rest (1 mM, -65 mV) and is
# relieved at least five-fold at +20 mV (the voltage dependence that makes it a pore block).
RESTING_UNBLOCKED_MAX = 0.2
RELIEF_MIN = 5.0
# NMDA would be the "primary" channel of signalling if removing it at least halved action potentials.
PRIMARY_SPIKE_RATIO = 0.5
# The network counts as "off" at 1 mM when its event rate is at most a quarter of the Mg2+-free rate.
QUIET_RATIO = 0.25
# Claim 2: the external site dominates when it blocks ten times more than the internal one at rest.
EXTERNAL_OVER_INTERNAL = 10.0
# Low Mg2+ sensitises when wind-up adds at least 1.5 times the spikes it adds at 1 mM.
SENSITISATION_RATIO = 1.5
# Claim 3: Mg2+ "prevents excessive Ca2+ flux" when it at least halves the peak Ca2+ load everywhere.
LOAD_RATIO_MAX = 0.5
# A challenge is lethal when it kills at least half the cells at 24 h (the injury model is near all-or-none).
LETHAL_DEATH = 0.5
# Claims 4 and 8: a 20% smaller wind-up excess is the smallest change taken as a pain-relevant effect
# (well under the ~30% reduction of pain scores usually called clinically important).
WINDUP_EFFECT = 0.2
# Claim 6: a serum change counts as a clinical increase at one between-person SD, and as a trace
# that a careful paired study might see at a tenth of it.
SD_SUPPORTED, SD_PARTLY = 1.0, 0.1
# Claim 7: "ATP cannot be used without Mg2+" holds when pump turnover falls below a fifth at 1 uM free
# Mg2+; the "vicious cycle" needs a 20% change of turnover across the physiological range.
PUMP_AT_1UM_MAX = 0.2
PUMP_CHANGE_MIN = 20.0
# Claim 8: "99% intracellular" is accepted down to 90% of body Mg in cells; the CNS does not track
# serum when CSF Mg2+ rises by at most a quarter of serum's relative rise.
CELL_SHARE_MIN = 90.0
CSF_TRACKING_MAX = 0.25
# Claim 9: Mg2+ "reduces" the lesion when every dose protects by at least 10%.
PROTECTION_MIN = 10.0


def combine(parts: Sequence[tuple[float, str]]) -> tuple[str, str]:
    """(verdict, reason) from parts (share that holds in [0, 1], text): all 1 → supported, all 0 → not supported."""
    shares = [share for share, _ in parts]
    verdict = SUPPORTED if all(s >= 1 for s in shares) else NOT_SUPPORTED if all(s <= 0 for s in shares) else PARTLY
    word = lambda s: "holds" if s >= 1 else "fails" if s <= 0 else "holds in part"
    reason = "; ".join(f"{word(s)}: {text}" for s, text in parts)
    return verdict, reason[0].upper() + reason[1:] + "."


def _quiet_at_1mm(n: Mapping[str, float]) -> bool:
    e0, e1 = n["network_events_per_min_0mM"], n["network_events_per_min_1mM"]
    return e0 > 0 and e1 <= QUIET_RATIO * e0


def claim_1(n):
    b, b_dep = n["unblocked_fraction_1mM_-65mV"], n["unblocked_fraction_1mM_+20mV"]
    return combine([
        (float(b <= RESTING_UNBLOCKED_MAX and b_dep >= RELIEF_MIN * b),
         f"Mg2+ shuts the NMDA channel at rest (1 mM leaves {b:.1%} of the conductance at -65 mV, {b_dep:.0%} at +20 mV: "
         "a voltage-dependent pore block that depolarisation relieves, not a change of gating)"),
        (float(n["spikes_200pA_no_nmda"] < PRIMARY_SPIKE_RATIO * n["spikes_200pA_nmda_1mM"]),
         f"NMDA is the primary channel of the Na+/K+ flux that propagates signals (at 200 pA: {n['spikes_200pA_no_nmda']:.0f} "
         f"spikes without NMDA, {n['spikes_200pA_nmda_1mM']:.0f} with it, {n['spikes_200pA_no_na']:.0f} without Na+ channels)"),
        (float(_quiet_at_1mm(n)),
         f"without Mg2+ the system stays on (network events {n['network_events_per_min_0mM']:.1f}/min at 0 mM, "
         f"{n['network_events_per_min_1mM']:.1f}/min at 1 mM)"),
    ])


def claim_2(n):
    ext, internal = n["external_block_1mM_-65mV"], n["internal_block_0.5mM_-65mV"]
    x05, x1 = n["windup_excess_0.5mM_spikes"], n["windup_excess_1mM_spikes"]
    return combine([
        (float(ext >= EXTERNAL_OVER_INTERNAL * internal),
         f"the block acts from outside (1 mM external Mg2+ blocks {ext:.1%} at -65 mV; 0.5 mM internal Mg2+ {internal:.2%})"),
        (float(_quiet_at_1mm(n)),
         f"too little Mg2+ makes the network hyperexcitable ({n['network_events_per_min_0mM']:.1f} events/min at 0 mM, "
         f"{n['network_events_per_min_1mM']:.1f} at 1 mM)"),
        (float(x05 >= SENSITISATION_RATIO * x1),
         f"too little Mg2+ sensitises the dorsal horn (wind-up adds {x05:.0f} spikes at 0.5 mM, {x1:.0f} at 1 mM)"),
    ])


def claim_3(n):
    lethal, saved = n["lethal_challenges_0mM"], n["protected_challenges_1mM"]
    share = saved / lethal if lethal else 0.0
    return combine([
        (float(n["max_peak_load_ratio_1mM_vs_0mM"] <= LOAD_RATIO_MAX),
         f"Mg2+ prevents excess Ca2+ entry (1 mM keeps the peak mitochondrial Ca2+ load at most "
         f"{n['max_peak_load_ratio_1mM_vs_0mM']:.1%} of the Mg2+-free load in every challenge)"),
        (share,
         f"Mg2+ prevents cell death (1 mM prevents death in {saved:.0f} of the {lethal:.0f} challenges that kill without Mg2+, "
         f"2 mM in {n['protected_challenges_2mM']:.0f}; death after 24 h in 1000 uM NMDA with 1 mM: "
         f"{n['death_1mM_1000uM_24h']:.0%})"),
    ])


def claim_4(n):
    text = (f"the cream raises [Mg2+] in the tissue under it by {n['local_mg_change_pct']:.1f}% and in CSF by "
            f"{n['csf_mg_change_pct']:.3f}%; dorsal-horn wind-up falls by {n['windup_reduction_csf_pct']:.1f}% at the CSF level, and "
            f"would fall by {n['windup_reduction_if_spinal_pct']:.1f}% if the dorsal horn's [Mg2+] rose as much as the skin's; a "
            f"{WINDUP_EFFECT:.0%} reduction needs +{n['csf_mg_change_needed_pct']:.1f}% CSF [Mg2+]")
    if n["windup_reduction_csf_pct"] >= 100 * WINDUP_EFFECT:
        return SUPPORTED, f"Pain-relevant effect at the spinal level: {text}."
    if n["windup_reduction_if_spinal_pct"] >= 100 * WINDUP_EFFECT:
        return PARTLY, f"An effect only if the skin's rise in [Mg2+] reached the dorsal horn: {text}."
    return NOT_SUPPORTED, f"Too small a change to matter: {text}; pain scores themselves are not modelled."


def claim_5(n):
    low, high, reflex = n["therapeutic_low_mM"], n["therapeutic_high_mM"], n["reflex_loss_mM"]
    below = max(n["pritchard_serum_peak_mM"], n["zuspan_serum_peak_mM"]) < reflex
    return OUTSIDE, (
        f"magnesim has no smooth muscle (nor gut or uterus), so relaxation cannot be tested; what it can say: Pritchard reaches "
        f"{n['pritchard_serum_peak_mM']:.3f} mM serum Mg and spends {n['pritchard_hours_in_range_h']:.1f} h within {low:g}-{high:g} mM, "
        f"Zuspan peaks at {n['zuspan_serum_peak_mM']:.3f} mM ({n['zuspan_hours_in_range_h']:.1f} h in range), {'both below' if below else 'reaching'} reflex "
        f"loss ({reflex:g} mM); a 60-min flotation raises serum Mg {n['flotation_serum_change_pct']:.1f}% and a 15 g Epsom-salt "
        f"laxative dose {n['epsom_15g_oral_serum_change_pct']:.1f}% (its osmotic action is not modelled either).")


def claim_6(n):
    units = n["change_in_sd_units"]
    verdict = SUPPORTED if units >= SD_SUPPORTED else PARTLY if units >= SD_PARTLY else NOT_SUPPORTED
    return verdict, (
        f"The cream changes serum total Mg by at most {n['serum_total_change_mM']:.4f} mM ({n['serum_total_change_pct']:.2f}%); even at the "
        f"top of the plausible skin permeability (about twice the highest measured) {n['serum_total_change_high_permeability_mM']:.4f} mM, {units:.3f} of the "
        f"{n['between_person_sd_mM']:g} mM between-person SD (an increase needs {SD_SUPPORTED:g} SD, a trace {SD_PARTLY:g} SD).")


def claim_7(n):
    return combine([
        (float(n["pump_rate_at_1uM_relative"] <= PUMP_AT_1UM_MAX),
         f"ATP cannot be used without Mg2+ (MgATP is the substrate: pump turnover at 1 uM free Mg2+ is "
         f"{n['pump_rate_at_1uM_relative']:.0%} of normal)"),
        (float(abs(n["pump_change_0.1_to_1mM_pct"]) >= PUMP_CHANGE_MIN),
         f"inadequate Mg2+ starts a vicious metabolic cycle (from 0.1 to 1 mM free Mg2+ MgATP rises "
         f"{n['mgatp_fold_0.1_to_1mM']:.1f}-fold but pump turnover only {n['pump_change_0.1_to_1mM_pct']:.1f}%; "
         "ATP synthesis itself is not modelled)"),
    ])


def claim_8(n):
    return combine([
        (float(n["cells_share_pct"] >= CELL_SHARE_MIN),
         f"99% of body Mg is intracellular (cells hold {n['cells_share_pct']:.0f}%, bone {n['bone_share_pct']:.0f}%, fast-exchanging "
         f"tissue {n['fast_tissue_share_pct']:.1f}%, ECF {n['ecf_share_pct']:.1f}%)"),
        (float(n["csf_to_serum_rise_ratio"] <= CSF_TRACKING_MAX),
         f"CNS Mg does not track serum (Zuspan for 24 h: serum Mg2+ +{n['zuspan_serum_ionized_rise_24h_pct']:.0f}%, "
         f"CSF Mg2+ +{n['zuspan_csf_ionized_rise_24h_pct']:.0f}%)"),
        (float(n["windup_reduction_if_spinal_pct"] >= 100 * WINDUP_EFFECT),
         f"so local supplementation works (cream: tissue under it +{n['cream_local_mg_change_pct']:.1f}%, CSF "
         f"+{n['cream_csf_mg_change_pct']:.3f}%; even a dorsal horn raised as much as the skin would wind up "
         f"{n['windup_reduction_if_spinal_pct']:.1f}% less)"),
    ])


def claim_9(n):
    doses = (2, 3, 4)
    model = [n[f"protection_{d}mmol_kg_pct"] for d in doses]
    seen = [n[f"observed_protection_{d}mmol_kg_pct"] for d in doses]
    monotone = all(b >= a for a, b in pairwise(model))
    share = sum(p >= PROTECTION_MIN for p in model) / len(model)
    verdict = SUPPORTED if share == 1 and monotone else NOT_SUPPORTED if share == 0 else PARTLY
    pairs = ", ".join(f"{m:.0f}% vs {o:.0f}%" for m, o in zip(model, seen, strict=True))
    size = "over-predicts" if sum(model) > sum(seen) else "under-predicts"
    return verdict, (
        f"One i.p. dose 15 min after intrastriatal NMDA protects at 2/3/4 mmol/kg ({'monotone' if monotone else 'not monotone'} "
        f"in dose), as McDonald 1990 observed; the model {size} the size ({pairs}, model vs observed) and so fails those "
        "validation targets: the direction is supported, the model's size is not.")


def claim_10(n):
    return OUTSIDE, (
        "Depression and psychosis are outside a mechanistic neuron model; of the enzyme part, an enzyme whose substrate is MgATP "
        f"depends on Mg2+: from 0.1 to 1 mM free Mg2+ its saturation changes by "
        f"{n['saturation_change_km_0.01mM_pct']:.1f}% (K_m 0.01 mM) to {n['saturation_change_km_1mM_pct']:.0f}% (K_m 1 mM); "
        "free-Mg2+-activated enzymes are not modelled.")


DECIDE = {1: claim_1, 2: claim_2, 3: claim_3, 4: claim_4, 5: claim_5, 6: claim_6, 7: claim_7, 8: claim_8, 9: claim_9, 10: claim_10}
"""Claim number → decision function."""


def judge(number: int, quote: str, experiment: str, numbers: Mapping[str, float], evidence: str, panels) -> Claim:
    """The record of claim ``number`` with the verdict and reason its numbers give."""
    verdict, reason = DECIDE[number](numbers)
    return Claim(number, quote, experiment, numbers, verdict, reason, evidence, tuple(panels))
