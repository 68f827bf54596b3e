"""Claims 4, 5, 6 and 8: what doses of magnesium do to serum, CSF and the tissue under a cream.

Model: magnesim's physiological whole-body model (:class:`magnesim.body.Physiological`; serum
fractions, cells, bone, CSF with saturable influx, kidney threshold, skin depot and the tissue under
the site), the named MgSO4 regimens (Pritchard 1984; Zuspan, BMC Pregnancy Childbirth 2013 13:34) and
the serum thresholds of Lu & Nightingale 2000 (Clin Pharmacokinet 38:305). Between-person SD of
serum Mg: Ryschon et al. 1996 (J Lab Clin Med 127:207).
"""

from __future__ import annotations

import numpy as np

from ..params import value
from .record import Claim, Panel, Ref, series
from .runs import CREAM, CREAM_WEIGHT_KG, EPSOM_LAXATIVE, PREGNANT, Runs
from .verdicts import WINDUP_EFFECT, judge

__all__ = ["claim_4", "claim_5", "claim_6", "claim_8"]

def _pct(new: float, old: float) -> float:
    return 100.0 * (new / old - 1.0)


def _reduction_pct(new: float, old: float) -> float:
    return 100.0 * (1.0 - new / old)


def _level_for_reduction(runs: Runs, base_mg: float) -> float:
    """[Mg2+]o (mM) above ``base_mg`` at which wind-up adds WINDUP_EFFECT fewer spikes than at ``base_mg``
    (linear between swept points; inf when the sweep never gets there or nothing is added at ``base_mg``)."""
    w = runs.windup
    mg, excess = w.mg_mM.values, w.windup_excess.values.astype(float)
    base = runs.windup_excess(base_mg)
    above = mg > base_mg
    xs, ys = np.concatenate([[base_mg], mg[above]]), np.concatenate([[base], excess[above]])
    target = (1.0 - WINDUP_EFFECT) * base
    hit = np.nonzero(ys <= target)[0]
    if base <= 0 or hit.size == 0:
        return float("inf")
    k = hit[0]  # >= 1: ys[0] = base > target
    return float(np.interp(target, [ys[k], ys[k - 1]], [xs[k], xs[k - 1]]))


def _windup_numbers(runs: Runs) -> dict[str, float]:
    """The cream's levels, and wind-up at the dorsal horn: at the CSF [Mg2+] before and at the peak of the
    cream, and if the cream's relative rise in the tissue under it reached the dorsal horn."""
    lv = runs.cream_levels
    local_rise = lv["local_peak"] / lv["local_baseline"]
    base = runs.windup_excess(lv["csf_baseline"])
    needed = _level_for_reduction(runs, lv["csf_baseline"])
    return {"local_mg_baseline_mM": lv["local_baseline"], "local_mg_peak_mM": lv["local_peak"],
            "local_mg_change_pct": _pct(lv["local_peak"], lv["local_baseline"]),
            "csf_mg_baseline_mM": lv["csf_baseline"], "csf_mg_change_pct": _pct(lv["csf_peak"], lv["csf_baseline"]),
            "windup_excess_csf_baseline_spikes": base,
            "windup_reduction_csf_pct": _reduction_pct(runs.windup_excess(lv["csf_peak"]), base),
            "windup_reduction_if_spinal_pct": _reduction_pct(runs.windup_excess(lv["csf_baseline"] * local_rise), base),
            "csf_mg_for_effect_mM": needed, "csf_mg_change_needed_pct": _pct(needed, lv["csf_baseline"])}


def claim_4(runs: Runs) -> Claim:
    n = _windup_numbers(runs)
    ds, w = runs.cream, runs.windup
    days = ds.time_h.values <= 72.0
    evidence = (f"The cream raises ionized Mg2+ under it from {n['local_mg_baseline_mM']:.3f} to {n['local_mg_peak_mM']:.3f} mM "
                f"(+{n['local_mg_change_pct']:.1f}%) and CSF Mg2+ by {n['csf_mg_change_pct']:.3f}%; dorsal-horn wind-up falls "
                f"{n['windup_reduction_csf_pct']:.1f}% (and {n['windup_reduction_if_spinal_pct']:.1f}% if the dorsal horn rose like the "
                f"skin), while a {WINDUP_EFFECT:.0%} fall needs CSF Mg2+ {n['csf_mg_for_effect_mM']:.3f} mM "
                f"(+{n['csf_mg_change_needed_pct']:.1f}%).")
    return judge(
        4, "Local, topical, transdermal administration of magnesium has been found to improve pain scores in a variety of "
           "clinical trials, including for fibromyalgia.",
        f"Whole-body model, {CREAM_WEIGHT_KG:g} kg adult, '{CREAM}': ionized Mg2+ in the tissue under the cream and in CSF; dorsal-horn wind-up "
        "(16 C-fibre stimuli at 1 Hz) swept from 0.5 to 2 mM and read at the CSF level, at the CSF level raised as the skin's, and "
        f"where it falls by {WINDUP_EFFECT:.0%}. Pain scores are not modelled.", n, evidence,
        [Panel("Mg2+ under the cream and in CSF (first 3 days)", "time (h)", "ionized Mg2+ (mM)",
               (series("tissue under the cream", ds.time_h[days], ds.local_tissue_ionized_mM.values[0][days]),
                series("CSF", ds.time_h[days], ds.csf_ionized_mM.values[0][days]))),
         Panel("Wind-up against [Mg2+]o", "[Mg2+]o (mM)", "spikes added by wind-up",
               (series("16 stimuli at 1 Hz", w.mg_mM, w.windup_excess),),
               (Ref("CSF before the cream", n["csf_mg_baseline_mM"], "x"),
                Ref("CSF raised as the skin", n["csf_mg_baseline_mM"] * (1 + n["local_mg_change_pct"] / 100), "x"),
                Ref(f"{WINDUP_EFFECT:.0%} less wind-up", n["csf_mg_for_effect_mM"], "x")))])


def _regimen_numbers(ds, name: str) -> dict[str, float]:
    return {f"{name}_serum_peak_mM": float(ds.serum_total_mM.max()),
            f"{name}_hours_in_range_h": float(ds.hours_above_therapeutic_low[0] - ds.hours_above_therapeutic_high[0])}


def _against(peak: float, threshold: float) -> str:
    return "both below" if peak < threshold else "reaching"


def _serum_change_pct(ds) -> float:
    serum = ds.serum_total_mM.values[0]
    return _pct(serum.max(), serum[0])


def claim_5(runs: Runs) -> Claim:
    n = {**_regimen_numbers(runs.zuspan, "zuspan"), **_regimen_numbers(runs.pritchard, "pritchard"),
         "therapeutic_low_mM": value("threshold.therapeutic_low", "mmol/L"), "therapeutic_high_mM": value("threshold.therapeutic_high", "mmol/L"),
         "reflex_loss_mM": value("threshold.reflex_loss", "mmol/L"),
         "flotation_serum_change_pct": _serum_change_pct(runs.flotation), "epsom_15g_oral_serum_change_pct": _serum_change_pct(runs.epsom)}
    evidence = (f"Serum total Mg peaks at {n['pritchard_serum_peak_mM']:.3f} mM under Pritchard ({n['pritchard_hours_in_range_h']:.1f} h "
                f"in the {n['therapeutic_low_mM']:g}-{n['therapeutic_high_mM']:g} mM range) and {n['zuspan_serum_peak_mM']:.3f} mM under "
                f"Zuspan, {_against(max(n['pritchard_serum_peak_mM'], n['zuspan_serum_peak_mM']), n['reflex_loss_mM'])} reflex loss at "
                f"{n['reflex_loss_mM']:g} mM; flotation for 60 min raises it "
                f"{n['flotation_serum_change_pct']:.1f}% and 15 g of Epsom salt by mouth {n['epsom_15g_oral_serum_change_pct']:.1f}%.")
    refs = tuple(Ref(label, n[f"{key}_mM"], "y") for label, key in (("therapeutic low", "therapeutic_low"), ("therapeutic high", "therapeutic_high"),
                                                                    ("reflex loss", "reflex_loss")))
    return judge(
        5, "Magnesium is regularly used clinically to relax smooth muscle, epsom salt (MgSO4) for laxative effects for example, "
           "prevention of eclampsia during pregnancy ... and general relaxation in isolation tank treatment.",
        f"Whole-body model: Pritchard and Zuspan MgSO4 regimens in a {PREGNANT['weight_kg']:g} kg pregnant woman (48 h) against the "
        f"therapeutic range and toxicity thresholds; a 60-min flotation session and '{EPSOM_LAXATIVE}' in a 70 kg adult (24 h). "
        "Smooth muscle, gut and uterus are not modelled.", n, evidence,
        [Panel("MgSO4 for eclampsia", "time (h)", "serum total Mg (mM)",
               (series("Pritchard", runs.pritchard.time_h, runs.pritchard.serum_total_mM[0]),
                series("Zuspan", runs.zuspan.time_h, runs.zuspan.serum_total_mM[0])), refs),
         Panel("Flotation and an Epsom-salt laxative", "time (h)", "serum total Mg (mM)",
               (series("flotation 60 min", runs.flotation.time_h, runs.flotation.serum_total_mM[0]),
                series("15 g Epsom salt by mouth", runs.epsom.time_h, runs.epsom.serum_total_mM[0])))])


def claim_6(runs: Runs) -> Claim:
    ds, high = runs.cream, runs.cream_high_permeability
    serum, ionized = ds.serum_total_mM.values[0], ds.serum_ionized_mM.values[0]
    sd = value("claims.serum_mg_between_person_sd", "mmol/L")
    high_change = float(high.serum_total_mM.values[0].max() - high.serum_total_mM.values[0][0])
    n = {"serum_total_baseline_mM": float(serum[0]), "serum_total_change_mM": float(serum.max() - serum[0]),
         "serum_total_change_pct": _serum_change_pct(ds), "serum_ionized_change_mM": float(ionized.max() - ionized[0]),
         "serum_total_change_high_permeability_mM": high_change, "between_person_sd_mM": sd, "change_in_sd_units": high_change / sd}
    evidence = (f"The MgCl2 cream regimen raises serum total Mg by at most {n['serum_total_change_mM']:.4f} mM "
                f"({n['serum_total_change_pct']:.2f}%; {n['serum_total_change_high_permeability_mM']:.4f} mM at the top of the plausible skin "
                f"permeability), {n['change_in_sd_units']:.3f} of the {sd:g} mM between-person SD.")
    days = ds.time_h.values / 24.0
    base = n["serum_total_baseline_mM"]
    return judge(
        6, "Magnesium Chloride cream at a very low dose has been found to clinically increase serum levels humans.",
        f"Whole-body model, {CREAM_WEIGHT_KG:g} kg adult, '{CREAM}' for 15 days at the library skin permeability and at the top of its measured "
        "range; serum total and ionized Mg against the between-person SD of serum Mg.", n, evidence,
        [Panel("Serum total Mg under the cream", "time (days)", "serum total Mg (mM)",
               (series("library permeability", days, serum), series("top of the plausible permeability range", high.time_h.values / 24.0,
                                                                    high.serum_total_mM.values[0])),
               (Ref("baseline + 1 between-person SD", base + sd, "y"), Ref("baseline - 1 SD", base - sd, "y")))])


def _distribution() -> dict[str, float]:
    from ..body import Physiological, Subject

    share = Physiological().distribution(Subject(weight_kg=CREAM_WEIGHT_KG))
    return {"cells_share_pct": 100 * share["cells"], "bone_share_pct": 100 * share["bone"], "ecf_share_pct": 100 * share["extracellular"],
            "fast_tissue_share_pct": 100 * share["fast_tissue"]}


def claim_8(runs: Runs) -> Claim:
    z = runs.zuspan
    at24 = lambda name: _pct(float(z[name][0].sel(time_h=24.0)), float(z[name][0, 0]))
    wind = _windup_numbers(runs)
    n = {**_distribution(), "zuspan_serum_ionized_rise_24h_pct": at24("serum_ionized_mM"),
         "zuspan_csf_ionized_rise_24h_pct": at24("csf_ionized_mM"),
         "cream_local_mg_change_pct": wind["local_mg_change_pct"], "cream_csf_mg_change_pct": wind["csf_mg_change_pct"],
         "windup_reduction_if_spinal_pct": wind["windup_reduction_if_spinal_pct"]}
    n["csf_to_serum_rise_ratio"] = n["zuspan_csf_ionized_rise_24h_pct"] / n["zuspan_serum_ionized_rise_24h_pct"]
    evidence = (f"At baseline cells hold {n['cells_share_pct']:.0f}% of body Mg and bone {n['bone_share_pct']:.0f}% (ECF {n['ecf_share_pct']:.1f}%, "
                f"fast-exchanging tissue {n['fast_tissue_share_pct']:.1f}%); Zuspan raises serum Mg2+ "
                f"{n['zuspan_serum_ionized_rise_24h_pct']:.0f}% but CSF Mg2+ {n['zuspan_csf_ionized_rise_24h_pct']:.0f}% in 24 h; the "
                f"cream raises the tissue under it {n['cream_local_mg_change_pct']:.1f}% and CSF {n['cream_csf_mg_change_pct']:.3f}%.")
    shares = ("cells", "bone", "fast-exchanging tissue", "ECF (serum + CSF)")
    return judge(
        8, "99% of body magnesium is found intracellularly ... CNS magnesium levels do not track serum magnesium. This may be "
           "why local supplementation yields results",
        f"Whole-body model: distribution of body Mg at baseline ({CREAM_WEIGHT_KG:g} kg adult); serum and CSF ionized Mg2+ under the "
        f"Zuspan regimen ({PREGNANT['weight_kg']:g} kg pregnant woman); tissue and CSF Mg2+ under the MgCl2 cream, and the wind-up "
        "change at that tissue level.",
        n, evidence,
        [Panel("Body Mg at baseline", "", "share of body Mg (%)",
               (series("physiological model", shares, [n["cells_share_pct"], n["bone_share_pct"], n["fast_tissue_share_pct"], n["ecf_share_pct"]], "bar"),)),
         Panel("Zuspan: serum vs CSF", "time (h)", "ionized Mg2+ relative to baseline",
               (series("serum", z.time_h, z.serum_ionized_mM[0] / z.serum_ionized_mM[0, 0]),
                series("CSF", z.time_h, z.csf_ionized_mM[0] / z.csf_ionized_mM[0, 0])))])
