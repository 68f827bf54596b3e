"""Numbers and rules that two claims share: network quiescence at 1 mM (claims 1 and 2), wind-up at
the dorsal horn under the MgCl2 cream (claims 4 and 8), and the free [Mg2+]i span (claims 7 and 10)."""

from __future__ import annotations

import numpy as np

from .record import Panel, series
from .runs import Runs

__all__ = ["HIGH_MG_I", "LOW_MG_I", "QUIET_RATIO", "WINDUP_EFFECT", "at_mg_i", "level_for_reduction", "network_numbers", "network_panel", "pct", "quiet_at_1mm",
           "windup_numbers"]

# The network counts as "off" at 1 mM when its event rate is at most a quarter of the Mg2+-free rate.
QUIET_RATIO = 0.25
# A 20% smaller wind-up excess is the smallest change taken as a pain-relevant effect (well under the
# ~30% reduction of pain scores usually called clinically important).
WINDUP_EFFECT = 0.2
LOW_MG_I, HIGH_MG_I = 0.1, 1.0  # mM: the span of free [Mg2+]i compared (wide around the neuronal resting 0.5 mM; claims 7, 10)


def at_mg_i(var, mg: float) -> float:
    return float(var.sel(mg_i_mM=mg, method="nearest"))


def pct(new: float, old: float) -> float:
    return 100.0 * (new / old - 1.0)


def _reduction_pct(new: float, old: float) -> float:
    return 100.0 * (1.0 - new / old)


def network_numbers(runs: Runs) -> dict[str, float]:
    rate = runs.network.event_rate_per_min.squeeze(("seed", "nmda_scale"))
    return {"events_0mM": float(rate.sel(mg_mM=0.0)), "events_1mM": float(rate.sel(mg_mM=1.0))}


def quiet_at_1mm(events_0mM: float, events_1mM: float) -> bool:
    return events_0mM > 0 and events_1mM <= QUIET_RATIO * events_0mM


def network_panel(runs: Runs) -> Panel:
    ds = runs.network.squeeze(("seed", "nmda_scale"))
    return Panel("E/I network, 1000 cells", "time (s)", "population rate (Hz)",
                 tuple(series(f"{m:g} mM Mg2+", ds.time, ds.population_rate.sel(mg_mM=m)) for m in ds.mg_mM.values))


def level_for_reduction(runs: Runs, base_mg: float) -> float:
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


def windup_numbers(runs: Runs) -> dict[str, float]:
    """The cream's levels, and wind-up at the dorsal horn: at the CSF [Mg2+] before and at the peak of the
    cream, and if the cream's relative rise in the tissue under it reached the dorsal horn."""
    lv = runs.cream_levels
    local_rise = lv["local_peak"] / lv["local_baseline"]
    base = runs.windup_excess(lv["csf_baseline"])
    needed = level_for_reduction(runs, lv["csf_baseline"])
    return {"local_mg_baseline_mM": lv["local_baseline"], "local_mg_peak_mM": lv["local_peak"],
            "local_mg_change_pct": pct(lv["local_peak"], lv["local_baseline"]),
            "csf_mg_baseline_mM": lv["csf_baseline"], "csf_mg_change_pct": pct(lv["csf_peak"], lv["csf_baseline"]),
            "windup_excess_csf_baseline_spikes": base,
            "windup_reduction_csf_pct": _reduction_pct(runs.windup_excess(lv["csf_peak"]), base),
            "windup_reduction_if_spinal_pct": _reduction_pct(runs.windup_excess(lv["csf_baseline"] * local_rise), base),
            "csf_mg_for_effect_mM": needed, "csf_mg_change_needed_pct": pct(needed, lv["csf_baseline"])}
