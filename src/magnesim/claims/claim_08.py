"""Claim 8: 99% of body Mg is intracellular; CNS Mg does not track serum, which may be why local
supplementation works.

Models: the physiological whole-body model (:class:`magnesim.body.Physiological`: distribution at the
diet-held steady state, CSF with saturable influx, the tissue under a cream) and the dorsal-horn
wind-up circuit.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._shared import WINDUP_EFFECT, pct, windup_numbers
from ._verdict import Numbers, combine
from .record import Claim, Panel, series
from .runs import CREAM_WEIGHT_KG, PREGNANT, Runs

__all__ = ["ClaimNumbers", "claim", "decide", "measure"]

NUMBER = 8
QUOTE = ("99% of body magnesium is found intracellularly ... CNS magnesium levels do not track serum magnesium. This may be "
         "why local supplementation yields results")
# "99% intracellular" is accepted down to 90% of body Mg in cells; the CNS does not track serum when
# CSF Mg2+ rises by at most a quarter of serum's relative rise.
CELL_SHARE_MIN = 90.0
CSF_TRACKING_MAX = 0.25


@dataclass(frozen=True)
class ClaimNumbers(Numbers):
    cells_share_pct: float
    bone_share_pct: float
    ecf_share_pct: float
    fast_tissue_share_pct: float
    zuspan_serum_ionized_rise_24h_pct: float
    zuspan_csf_ionized_rise_24h_pct: float
    cream_local_mg_change_pct: float
    cream_csf_mg_change_pct: float
    windup_reduction_if_spinal_pct: float
    csf_to_serum_rise_ratio: float


def measure(runs: Runs) -> ClaimNumbers:
    from ..body import Physiological, Subject

    share = Physiological().distribution(Subject(weight_kg=CREAM_WEIGHT_KG))
    z = runs.zuspan
    at24 = lambda name: pct(float(z[name][0].sel(time_h=24.0)), float(z[name][0, 0]))
    serum, csf = at24("serum_ionized_mM"), at24("csf_ionized_mM")
    wind = windup_numbers(runs)
    return ClaimNumbers(100 * share["cells"], 100 * share["bone"], 100 * share["extracellular"], 100 * share["fast_tissue"], serum, csf,
                      wind["local_mg_change_pct"], wind["csf_mg_change_pct"], wind["windup_reduction_if_spinal_pct"], csf / serum)


def decide(n: ClaimNumbers) -> tuple[str, str]:
    return combine([
        (float(n.cells_share_pct >= CELL_SHARE_MIN),
         f"99% of body Mg is intracellular (cells hold {n.cells_share_pct:.0f}%, bone {n.bone_share_pct:.0f}%, fast-exchanging "
         f"tissue {n.fast_tissue_share_pct:.1f}%, ECF {n.ecf_share_pct:.1f}%)"),
        (float(n.csf_to_serum_rise_ratio <= CSF_TRACKING_MAX),
         f"CNS Mg does not track serum (Zuspan for 24 h: serum Mg2+ +{n.zuspan_serum_ionized_rise_24h_pct:.0f}%, "
         f"CSF Mg2+ +{n.zuspan_csf_ionized_rise_24h_pct:.0f}%)"),
        (float(n.windup_reduction_if_spinal_pct >= 100 * WINDUP_EFFECT),
         f"so local supplementation works (cream: tissue under it +{n.cream_local_mg_change_pct:.1f}%, CSF "
         f"+{n.cream_csf_mg_change_pct:.3f}%; even a dorsal horn raised as much as the skin would wind up "
         f"{n.windup_reduction_if_spinal_pct:.1f}% less)"),
    ])


def claim(runs: Runs) -> Claim:
    n = measure(runs)
    z = runs.zuspan
    evidence = (f"At baseline cells hold {n.cells_share_pct:.0f}% of body Mg and bone {n.bone_share_pct:.0f}% (ECF {n.ecf_share_pct:.1f}%, "
                f"fast-exchanging tissue {n.fast_tissue_share_pct:.1f}%); Zuspan raises serum Mg2+ "
                f"{n.zuspan_serum_ionized_rise_24h_pct:.0f}% but CSF Mg2+ {n.zuspan_csf_ionized_rise_24h_pct:.0f}% in 24 h; the "
                f"cream raises the tissue under it {n.cream_local_mg_change_pct:.1f}% and CSF {n.cream_csf_mg_change_pct:.3f}%.")
    experiment = (f"Whole-body model: distribution of body Mg at baseline ({CREAM_WEIGHT_KG:g} kg adult); serum and CSF ionized Mg2+ under "
                  f"the Zuspan regimen ({PREGNANT['weight_kg']:g} kg pregnant woman); tissue and CSF Mg2+ under the MgCl2 cream, and the "
                  "wind-up change at that tissue level.")
    shares = ("cells", "bone", "fast-exchanging tissue", "ECF (serum + CSF)")
    panels = (Panel("Body Mg at baseline", "", "share of body Mg (%)",
                    (series("physiological model", shares, [n.cells_share_pct, n.bone_share_pct, n.fast_tissue_share_pct, n.ecf_share_pct],
                            "bar"),)),
              Panel("Zuspan: serum vs CSF", "time (h)", "ionized Mg2+ relative to baseline",
                    (series("serum", z.time_h, z.serum_ionized_mM[0] / z.serum_ionized_mM[0, 0]),
                     series("CSF", z.time_h, z.csf_ionized_mM[0] / z.csf_ionized_mM[0, 0]))))
    return Claim(NUMBER, QUOTE, experiment, n.as_dict(), *decide(n), evidence, panels)
