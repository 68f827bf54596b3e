"""Claim 5: Mg is used clinically to relax smooth muscle (laxative, eclampsia, flotation).

Models: the physiological whole-body model, the named MgSO4 regimens (Pritchard 1984; Zuspan, BMC
Pregnancy Childbirth 2013 13:34) and the serum thresholds of Lu & Nightingale 2000 (Clin
Pharmacokinet 38:305). Smooth muscle, gut and uterus are not modelled: the claim is outside the model.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..params import value
from ._shared import pct
from ._verdict import OUTSIDE, Numbers
from .record import Claim, Panel, Ref, series
from .runs import EPSOM_LAXATIVE, PREGNANT, Runs

__all__ = ["ClaimNumbers", "claim", "decide", "measure"]

NUMBER = 5
QUOTE = ("Magnesium is regularly used clinically to relax smooth muscle, epsom salt (MgSO4) for laxative effects for example, "
         "prevention of eclampsia during pregnancy ... and general relaxation in isolation tank treatment.")


@dataclass(frozen=True)
class ClaimNumbers(Numbers):
    zuspan_serum_peak_mM: float
    zuspan_hours_in_range_h: float
    pritchard_serum_peak_mM: float
    pritchard_hours_in_range_h: float
    therapeutic_low_mM: float
    therapeutic_high_mM: float
    reflex_loss_mM: float
    flotation_serum_change_pct: float
    epsom_15g_oral_serum_change_pct: float


def _peak(ds) -> float:
    return float(ds.serum_total_mM.max())


def _in_range_h(ds) -> float:
    return float(ds.hours_above_therapeutic_low[0] - ds.hours_above_therapeutic_high[0])


def _serum_change_pct(ds) -> float:
    serum = ds.serum_total_mM.values[0]
    return pct(serum.max(), serum[0])


def measure(runs: Runs) -> ClaimNumbers:
    return ClaimNumbers(_peak(runs.zuspan), _in_range_h(runs.zuspan), _peak(runs.pritchard), _in_range_h(runs.pritchard),
                     value("threshold.therapeutic_low", "mmol/L"), value("threshold.therapeutic_high", "mmol/L"),
                     value("threshold.reflex_loss", "mmol/L"), _serum_change_pct(runs.flotation), _serum_change_pct(runs.epsom))


def _against(peak: float, threshold: float) -> str:
    return "both below" if peak < threshold else "reaching"


def decide(n: ClaimNumbers) -> tuple[str, str]:
    low, high, reflex = n.therapeutic_low_mM, n.therapeutic_high_mM, n.reflex_loss_mM
    return OUTSIDE, (
        f"magnesim has no smooth muscle (nor gut or uterus), so relaxation cannot be tested; what it can say: Pritchard reaches "
        f"{n.pritchard_serum_peak_mM:.3f} mM serum Mg and spends {n.pritchard_hours_in_range_h:.1f} h within {low:g}-{high:g} mM, "
        f"Zuspan peaks at {n.zuspan_serum_peak_mM:.3f} mM ({n.zuspan_hours_in_range_h:.1f} h in range), "
        f"{_against(max(n.pritchard_serum_peak_mM, n.zuspan_serum_peak_mM), reflex)} reflex "
        f"loss ({reflex:g} mM); a 60-min flotation raises serum Mg {n.flotation_serum_change_pct:.1f}% and a 15 g Epsom-salt "
        f"laxative dose {n.epsom_15g_oral_serum_change_pct:.1f}% (its osmotic action is not modelled either).")


def claim(runs: Runs) -> Claim:
    n = measure(runs)
    evidence = (f"Serum total Mg peaks at {n.pritchard_serum_peak_mM:.3f} mM under Pritchard ({n.pritchard_hours_in_range_h:.1f} h "
                f"in the {n.therapeutic_low_mM:g}-{n.therapeutic_high_mM:g} mM range) and {n.zuspan_serum_peak_mM:.3f} mM under "
                f"Zuspan, {_against(max(n.pritchard_serum_peak_mM, n.zuspan_serum_peak_mM), n.reflex_loss_mM)} reflex loss at "
                f"{n.reflex_loss_mM:g} mM; flotation for 60 min raises it "
                f"{n.flotation_serum_change_pct:.1f}% and 15 g of Epsom salt by mouth {n.epsom_15g_oral_serum_change_pct:.1f}%.")
    experiment = (f"Whole-body model: Pritchard and Zuspan MgSO4 regimens in a {PREGNANT['weight_kg']:g} kg pregnant woman (48 h) "
                  f"against the therapeutic range and toxicity thresholds; a 60-min flotation session and '{EPSOM_LAXATIVE}' in a 70 kg "
                  "adult (24 h). Smooth muscle, gut and uterus are not modelled.")
    refs = (Ref("therapeutic low", n.therapeutic_low_mM, "y"), Ref("therapeutic high", n.therapeutic_high_mM, "y"),
            Ref("reflex loss", n.reflex_loss_mM, "y"))
    panels = (Panel("MgSO4 for eclampsia", "time (h)", "serum total Mg (mM)",
                    (series("Pritchard", runs.pritchard.time_h, runs.pritchard.serum_total_mM[0]),
                     series("Zuspan", runs.zuspan.time_h, runs.zuspan.serum_total_mM[0])), refs),
              Panel("Flotation and an Epsom-salt laxative", "time (h)", "serum total Mg (mM)",
                    (series("flotation 60 min", runs.flotation.time_h, runs.flotation.serum_total_mM[0]),
                     series("15 g Epsom salt by mouth", runs.epsom.time_h, runs.epsom.serum_total_mM[0]))))
    return Claim(NUMBER, QUOTE, experiment, n.as_dict(), *decide(n), evidence, panels)
