"""Claims 1, 2, 3 and 9: what Mg2+ block of NMDA receptors does to neurons, circuits and injury.

Models: Jahr & Stevens 1990 block (J Neurosci 10:3178) and Johnson & Ascher 1990 internal block
(Biophys J 57:1085); a Traub–Miles neuron (COBAHH parameters, Brette et al. 2007); the low-Mg2+ E/I
network of Pospischil et al. 2008 cells; the dorsal-horn wind-up circuit of Aguiar et al. 2010
(recalibrated); the calibrated excitotoxic injury model; the intrastriatal NMDA lesion of McDonald,
Silverstein & Johnston 1990 (Neurosci Lett 109:234) in the body model scaled to a P7 rat.
"""

from __future__ import annotations

import numpy as np

from ..params import value
from .record import Claim, Panel, Ref, series
from .runs import FIRE_CURRENT, NETWORK_DURATION, NMDA_CHALLENGE, Runs
from .verdicts import LETHAL_DEATH, judge

__all__ = ["claim_1", "claim_2", "claim_3", "claim_9"]


def _network_numbers(runs: Runs) -> dict[str, float]:
    rate = runs.network.event_rate_per_min.squeeze(("seed", "nmda_scale"))
    return {"network_events_per_min_0mM": float(rate.sel(mg_mM=0.0)), "network_events_per_min_1mM": float(rate.sel(mg_mM=1.0))}


def _network_panel(runs: Runs) -> Panel:
    ds = runs.network.squeeze(("seed", "nmda_scale"))
    return Panel("E/I network, 1000 cells", "time (s)", "population rate (Hz)",
                 tuple(series(f"{m:g} mM Mg2+", ds.time, ds.population_rate.sel(mg_mM=m)) for m in ds.mg_mM.values))


def claim_1(runs: Runs) -> Claim:
    b = runs.block.unblocked_fraction
    at = lambda mg, v: float(b.sel(mg_mM=mg).interp(v_mV=v))
    spikes = runs.fire.spikes.squeeze("current_pA")
    count = lambda nmda, mg, na: float(spikes.sel(nmda_scale=nmda, mg_mM=mg, na_scale=na))
    n = {"unblocked_fraction_0mM_-65mV": at(0.0, -65.0), "unblocked_fraction_1mM_-65mV": at(1.0, -65.0),
         "unblocked_fraction_2mM_-65mV": at(2.0, -65.0), "unblocked_fraction_1mM_+20mV": at(1.0, 20.0),
         "spikes_200pA_no_nmda": count(0.0, 1.0, 1.0), "spikes_200pA_nmda_1mM": count(1.0, 1.0, 1.0),
         "spikes_200pA_nmda_0mM": count(1.0, 0.0, 1.0), "spikes_200pA_no_na": count(1.0, 1.0, 0.0), **_network_numbers(runs)}
    labels = ("no NMDA", "NMDA, 1 mM Mg2+", "NMDA, 0 mM Mg2+", "no Na+ channels")
    evidence = (f"At -65 mV 1 mM Mg2+ leaves {n['unblocked_fraction_1mM_-65mV']:.1%} of the NMDA conductance (2 mM: "
                f"{n['unblocked_fraction_2mM_-65mV']:.1%}; +20 mV: {n['unblocked_fraction_1mM_+20mV']:.0%}); at 200 pA a neuron fires "
                f"{n['spikes_200pA_no_nmda']:.0f} spikes in 1 s without NMDA, {n['spikes_200pA_nmda_1mM']:.0f} with it and "
                f"{n['spikes_200pA_no_na']:.0f} without Na+ channels; the network bursts {n['network_events_per_min_0mM']:.0f}/min at 0 mM and "
                f"{n['network_events_per_min_1mM']:.0f}/min at 1 mM.")
    return judge(
        1, "Magnesium modulates neurological response by deactivating the NMDA ... receptor gated ion channel, which is the "
           "primary channel that enables potassium and sodium flux ... Without enough available, your nervous system response "
           "is always turned on",
        f"NMDA unblocked fraction B(V) at 0, 1, 2 mM (Jahr-Stevens); a Traub-Miles neuron with {FIRE_CURRENT} and 20 Hz AMPA+NMDA "
        f"drive for 1 s with NMDA removed, with NMDA at 1 and 0 mM Mg2+, and without Na+ conductance; a 1000-cell E/I network for "
        f"{NETWORK_DURATION} at 0 and 1 mM Mg2+.", n, evidence,
        [Panel("Mg2+ block of NMDA receptors", "membrane potential (mV)", "unblocked fraction",
               tuple(series(f"{m:g} mM", b.v_mV, b.sel(mg_mM=m)) for m in b.mg_mM.values), (Ref("-65 mV", -65.0, "x"),)),
         Panel(f"Action potentials in 1 s at {FIRE_CURRENT}", "", "spikes",
               (series("Traub-Miles neuron", labels, [n["spikes_200pA_no_nmda"], n["spikes_200pA_nmda_1mM"],
                                                      n["spikes_200pA_nmda_0mM"], n["spikes_200pA_no_na"]], "bar"),)),
         _network_panel(runs)])


def claim_2(runs: Runs) -> Claim:
    w = runs.windup
    outside = 1.0 - runs.block.unblocked_fraction.sel(mg_mM=1.0)
    inside = 1.0 - runs.internal_block.unblocked_fraction.sel(mg_mM=0.0)
    n = {"external_block_1mM_-65mV": float(outside.sel(v_mV=-65.0)), "internal_block_0.5mM_-65mV": float(inside.sel(v_mV=-65.0)),
         **_network_numbers(runs),
         "windup_excess_0.5mM_spikes": runs.windup_excess(0.5), "windup_excess_1mM_spikes": runs.windup_excess(1.0),
         "windup_index_0.5mM": float(w.windup_index.sel(mg_mM=0.5)), "windup_index_1mM": float(w.windup_index.sel(mg_mM=1.0))}
    evidence = (f"At -65 mV external 1 mM Mg2+ blocks {n['external_block_1mM_-65mV']:.1%} of the NMDA conductance and internal "
                f"0.5 mM {n['internal_block_0.5mM_-65mV']:.2%}; the network has {n['network_events_per_min_0mM']:.0f} events/min "
                f"at 0 mM vs {n['network_events_per_min_1mM']:.0f} at 1 mM; wind-up adds {n['windup_excess_0.5mM_spikes']:.0f} "
                f"spikes at 0.5 mM vs {n['windup_excess_1mM_spikes']:.0f} at 1 mM.")
    return judge(
        2, "adequate magnesium must be present in the extracellular matrix at adequate concentration ... Inadequate magnesium "
           "levels cause neurological hypersensitivity.",
        "NMDA block at -65 mV by 1 mM external Mg2+ (Jahr-Stevens) vs 0.5 mM internal Mg2+ (Johnson-Ascher, Kd(0) 8 mM); E/I "
        "network events at 0 and 1 mM; dorsal-horn wind-up (16 C-fibre stimuli at 1 Hz) from 0.5 to 1 mM.", n, evidence,
        [Panel("External vs internal block", "membrane potential (mV)", "blocked fraction",
               (series("1 mM outside", outside.v_mV, outside), series("0.5 mM inside", inside.v_mV, inside))),
         Panel("Dorsal-horn wind-up", "[Mg2+]o (mM)", "spikes added by wind-up", (series("16 stimuli at 1 Hz", w.mg_mM, w.windup_excess),)),
         _network_panel(runs)])


def claim_3(runs: Runs) -> Claim:
    ds = runs.excitotox.squeeze("antagonist_at_min")
    death, load = ds.death_fraction, ds.peak_load
    lethal = death.sel(mg_mM=0.0) >= LETHAL_DEATH
    saved = lambda mg: int((lethal & (death.sel(mg_mM=mg) < LETHAL_DEATH)).sum())
    minutes = ds.duration_min.values
    n = {"challenges": float(lethal.size), "lethal_challenges_0mM": float(lethal.sum()),
         "protected_challenges_1mM": saved(1.0), "protected_challenges_2mM": saved(2.0),
         **{_highest_key(d): _highest_protected(death.sel(duration_min=d)) for d in minutes},
         "max_peak_load_ratio_1mM_vs_0mM": float((load.sel(mg_mM=1.0) / load.sel(mg_mM=0.0)).max()),
         "death_1mM_1000uM_24h": float(death.sel(mg_mM=1.0, conc_uM=1000.0, duration_min=24 * 60.0))}
    highest = "; ".join(f"{_minutes(d)}: up to {n[_highest_key(d)]:g} uM" for d in minutes)
    evidence = (f"Of {n['lethal_challenges_0mM']:.0f} NMDA challenges that kill at least half the cells without Mg2+, 1 mM Mg2+ prevents death in "
                f"{n['protected_challenges_1mM']:.0f} ({highest}) and 2 mM in {n['protected_challenges_2mM']:.0f}; 1 mM keeps the "
                f"peak Ca2+ load at most {n['max_peak_load_ratio_1mM_vs_0mM']:.1%} of the Mg2+-free load.")
    return judge(
        3, "Magnesium effectively acts as a cork in NMDA-gated ion channels ..., preventing excessive Calcium flux and "
           "associated oxidative stress ... including cell death",
        f"Cultured cortical neurons, NMDA {NMDA_CHALLENGE['conc']} with {ds.attrs['glycine_uM']:g} uM glycine for "
        f"{NMDA_CHALLENGE['duration'].replace(',', ' or ')} at 0, 1, 2 mM Mg2+; Ca2+ load -> mitochondrial Ca2+ -> ROS -> death "
        "model; death read at 24 h.", n, evidence,
        [Panel(f"Death at 24 h, NMDA for {_minutes(d)}", "NMDA (uM)", "death fraction",
               tuple(series(f"{m:g} mM Mg2+", ds.conc_uM, death.sel(mg_mM=m, duration_min=d), "points") for m in ds.mg_mM.values),
               xlog=True) for d in minutes]
        + [Panel("Peak mitochondrial Ca2+ load, 24 h exposure", "NMDA (uM)", "peak load (reference units)",
                 tuple(series(f"{m:g} mM Mg2+", ds.conc_uM, load.sel(mg_mM=m, duration_min=minutes[-1])) for m in ds.mg_mM.values),
                 xlog=True)])


def _minutes(m: float) -> str:
    return f"{m / 60:g} h" if m >= 60 else f"{m:g} min"


def _highest_key(minutes: float) -> str:
    return f"highest_nmda_protected_1mM_{_minutes(minutes).replace(' ', '')}_uM"


def _highest_protected(death) -> float:
    """Highest agonist concentration (uM) below which 1 mM Mg2+ saves every challenge that kills at 0 mM (0 if none)."""
    saved = ((death.sel(mg_mM=0.0) < LETHAL_DEATH) | (death.sel(mg_mM=1.0) < LETHAL_DEATH)).values
    failed = np.nonzero(~saved)[0]
    upto = saved.size if failed.size == 0 else failed[0]
    return float(death.conc_uM.values[upto - 1]) if upto else 0.0


def _mcdonald(dose: int):
    """McDonald et al. 1990's protection at ``dose`` mmol/kg, as shipped among the validation targets."""
    from ..validation import targets

    return next(t for t in targets() if t.id == f"mcdonald-{dose}mmol")


def claim_9(runs: Runs) -> Claim:
    ds = runs.lesion
    doses = (2, 3, 4)
    n = {f"protection_{d}mmol_kg_pct": float(ds.protection_pct.sel(mg_dose_mmol_per_kg=float(d))) for d in doses}
    n |= {f"observed_protection_{d}mmol_kg_pct": _mcdonald(d).observed for d in doses}
    n |= {"lesion_fraction_no_mg": float(ds.attrs["lesion_fraction_no_mg"]),
          "brain_mg_baseline_mM": float(ds.brain_mg_mM.isel(mg_dose_mmol_per_kg=0, time_h=0)),
          "brain_mg_peak_4mmol_kg_mM": float(ds.brain_mg_peak_mM.sel(mg_dose_mmol_per_kg=4.0))}
    evidence = (f"One i.p. dose of Mg2+ 15 min after {value('lesion.nmda_amount', 'nmol'):g} nmol intrastriatal NMDA cuts the P7 rat's lesion by "
                + "/".join(f"{n[f'protection_{d}mmol_kg_pct']:.0f}" for d in doses) + "% at 2/3/4 mmol/kg (McDonald 1990: "
                + "/".join(f"{n[f'observed_protection_{d}mmol_kg_pct']:.0f}" for d in doses)
                + f"%), while brain Mg2+ rises only from {n['brain_mg_baseline_mM']:.2f} to {n['brain_mg_peak_4mmol_kg_mM']:.2f} mM.")
    return judge(
        9, "Magnesium reduces NMDA excitotoxic brain injury in rats.",
        "Intrastriatal NMDA in a 7-day-old rat; Mg2+ 0, 2, 3, 4 mmol/kg i.p. 15 min later; the body model scaled to the rat "
        "gives brain Mg2+ through the CSF; the injury model runs in shells around the injection; lesion at 24 h vs McDonald et "
        "al. 1990.", n, evidence,
        [Panel("Protection of the hemisphere", "Mg2+ dose (mmol/kg i.p.)", "protection (%)",
               (series("model", doses, [n[f"protection_{d}mmol_kg_pct"] for d in doses], "points"),
                series("McDonald 1990", doses, [n[f"observed_protection_{d}mmol_kg_pct"] for d in doses], "points",
                       err=[_mcdonald(d).tolerance.abs for d in doses]))),
         Panel("Brain extracellular Mg2+", "time after NMDA (h)", "[Mg2+] (mM)",
               tuple(series(f"{d:g} mmol/kg", ds.time_h, ds.brain_mg_mM.sel(mg_dose_mmol_per_kg=d)) for d in ds.mg_dose_mmol_per_kg.values))])
