"""Claim 9: Mg reduces NMDA excitotoxic brain injury in rats.

Model: the intrastriatal NMDA lesion of McDonald, Silverstein & Johnston 1990 (Neurosci Lett 109:234)
in the body model scaled to a P7 rat (:mod:`magnesim.injury.lesion`).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from ..params import value
from ._verdict import NOT_SUPPORTED, PARTLY, SUPPORTED, Numbers, named
from .record import Claim, Panel, series
from .runs import Runs

__all__ = ["ClaimNumbers", "claim", "decide", "measure"]

NUMBER = 9
QUOTE = "Magnesium reduces NMDA excitotoxic brain injury in rats."
DOSES = (2, 3, 4)  # mmol/kg i.p., McDonald 1990's doses
# Mg2+ "reduces" the lesion when every dose protects by at least 10%.
PROTECTION_MIN = 10.0


@dataclass(frozen=True)
class ClaimNumbers(Numbers):
    protection_2: float = named("protection_2mmol_kg_pct")
    protection_3: float = named("protection_3mmol_kg_pct")
    protection_4: float = named("protection_4mmol_kg_pct")
    observed_2: float = named("observed_protection_2mmol_kg_pct")
    observed_3: float = named("observed_protection_3mmol_kg_pct")
    observed_4: float = named("observed_protection_4mmol_kg_pct")
    lesion_fraction_no_mg: float = named("lesion_fraction_no_mg")
    brain_mg_baseline_mM: float = named("brain_mg_baseline_mM")
    brain_mg_peak_4mmol_kg_mM: float = named("brain_mg_peak_4mmol_kg_mM")

    @property
    def model(self) -> tuple[float, ...]:
        return self.protection_2, self.protection_3, self.protection_4

    @property
    def observed(self) -> tuple[float, ...]:
        return self.observed_2, self.observed_3, self.observed_4


def _mcdonald(dose: int):
    """McDonald et al. 1990's protection at ``dose`` mmol/kg, as shipped among the validation targets."""
    from ..validation import targets

    return next(t for t in targets() if t.id == f"mcdonald-{dose}mmol")


def measure(runs: Runs) -> ClaimNumbers:
    ds = runs.lesion
    return ClaimNumbers(*(float(ds.protection_pct.sel(mg_dose_mmol_per_kg=float(d))) for d in DOSES),
                     *(_mcdonald(d).observed for d in DOSES), float(ds.attrs["lesion_fraction_no_mg"]),
                     float(ds.brain_mg_mM.isel(mg_dose_mmol_per_kg=0, time_h=0)),
                     float(ds.brain_mg_peak_mM.sel(mg_dose_mmol_per_kg=4.0)))


def decide(n: ClaimNumbers) -> tuple[str, str]:
    model, seen = n.model, n.observed
    monotone = all(b >= a for a, b in pairwise(model))
    share = sum(p >= PROTECTION_MIN for p in model) / len(model)
    verdict = SUPPORTED if share == 1 and monotone else NOT_SUPPORTED if share == 0 else PARTLY
    pairs = ", ".join(f"{m:.0f}% vs {o:.0f}%" for m, o in zip(model, seen, strict=True))
    size = "over-predicts" if sum(model) > sum(seen) else "under-predicts"
    return verdict, (
        f"One i.p. dose 15 min after intrastriatal NMDA protects at 2/3/4 mmol/kg ({'monotone' if monotone else 'not monotone'} "
        f"in dose), as McDonald 1990 observed; the model {size} the size ({pairs}, model vs observed) and so fails those "
        "validation targets: the direction is supported, the model's size is not.")


def claim(runs: Runs) -> Claim:
    n = measure(runs)
    ds = runs.lesion
    evidence = (f"One i.p. dose of Mg2+ 15 min after {value('lesion.nmda_amount', 'nmol'):g} nmol intrastriatal NMDA cuts the P7 rat's "
                f"lesion by {'/'.join(f'{p:.0f}' for p in n.model)}% at 2/3/4 mmol/kg (McDonald 1990: "
                f"{'/'.join(f'{p:.0f}' for p in n.observed)}%), while brain Mg2+ rises only from {n.brain_mg_baseline_mM:.2f} to "
                f"{n.brain_mg_peak_4mmol_kg_mM:.2f} mM.")
    experiment = ("Intrastriatal NMDA in a 7-day-old rat; Mg2+ 0, 2, 3, 4 mmol/kg i.p. 15 min later; the body model scaled to the rat "
                  "gives brain Mg2+ through the CSF; the injury model runs in shells around the injection; lesion at 24 h vs McDonald et "
                  "al. 1990.")
    panels = (Panel("Protection of the hemisphere", "Mg2+ dose (mmol/kg i.p.)", "protection (%)",
                    (series("model", DOSES, n.model, "points"),
                     series("McDonald 1990", DOSES, n.observed, "points", err=[_mcdonald(d).tolerance.abs for d in DOSES]))),
              Panel("Brain extracellular Mg2+", "time after NMDA (h)", "[Mg2+] (mM)",
                    tuple(series(f"{d:g} mmol/kg", ds.time_h, ds.brain_mg_mM.sel(mg_dose_mmol_per_kg=d)) for d in ds.mg_dose_mmol_per_kg.values)))
    return Claim(NUMBER, QUOTE, experiment, n.as_dict(), *decide(n), evidence, panels)
