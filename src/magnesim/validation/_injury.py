"""Predictors of the injury and energy layers: excitotoxic death in culture, the rat lesion, MgATP."""

from __future__ import annotations

import dataclasses
import functools

import numpy as np

from ._registry import predictor

_NEVER = 72 * 60.0  # antagonist "added" at 72 h: never within the 24 h


@functools.cache
def _acute():
    from ..experiments import excitotox

    return excitotox("NMDA", 500.0, ["2 min", "5 min", "7.5 min"], 0.0,
                     antagonist_at=["5 min", "35 min", "72 h"]).isel(conc_uM=0, mg_mM=0).death_fraction_24h


@predictor("acute_death")
def acute_death(duration_min: float) -> float:
    """Death at 24 h after a 500 µM NMDA exposure of ``duration_min`` in Mg2+-free medium."""
    return float(_acute().sel(duration_min=duration_min, antagonist_at_min=_NEVER))


@predictor("antagonist_rescue")
def antagonist_rescue(at_min: float) -> float:
    """Share of the cells a 5-min exposure kills that an antagonist added at ``at_min`` saves."""
    d = _acute().sel(duration_min=5.0)
    none = float(d.sel(antagonist_at_min=_NEVER))
    return (none - float(d.sel(antagonist_at_min=at_min))) / none


@functools.cache
def _chronic(agonist: str, mg_mM: float):
    from ..experiments import excitotox

    conc = np.geomspace(0.05, 1000.0, 53)
    death = excitotox(agonist, conc, "24 h", mg_mM).death_fraction_24h.values.ravel()
    return conc, death


@predictor("chronic_ed50")
def chronic_ed50(agonist: str, mg_mM: float) -> float:
    """Lowest concentration (µM, log grid of 53 points) at which a 24-h exposure kills half the cells."""
    conc, death = _chronic(agonist, mg_mM)
    above = np.nonzero(death >= 0.5)[0]
    return float(conc[above[0]]) if above.size else float("inf")


@predictor("chronic_death")
def chronic_death(agonist: str, conc_uM: float, mg_mM: float) -> float:
    from ..experiments import excitotox

    return float(excitotox(agonist, conc_uM, "24 h", mg_mM).death_fraction_24h.values.ravel()[0])


@functools.cache
def _lesion():
    from ..experiments import lesion

    return lesion("0,2,3,4 mmol/kg")


@predictor("lesion_untreated")
def lesion_untreated() -> float:
    """Share of the hemisphere lost to 25 nmol NMDA without Mg2+ (P7 rat)."""
    return float(_lesion().attrs["lesion_fraction_no_mg"])


@predictor("lesion_protection")
def lesion_protection(dose_mmol_per_kg: float) -> float:
    """Protection (%) by one i.p. Mg2+ dose 15 min after the NMDA."""
    return float(_lesion().protection_pct.sel(mg_dose_mmol_per_kg=dose_mmol_per_kg))


@predictor("mgatp_apparent_kd")
def mgatp_apparent_kd(ph: float) -> float:
    from ..energy import MgATPEquilibrium

    return float(dataclasses.replace(MgATPEquilibrium(), ph=ph).apparent_kd())


@predictor("mgatp_fraction")
def mgatp_fraction(mg_i_mM: float) -> float:
    from ..energy import MgATPEquilibrium

    return float(MgATPEquilibrium().bound_fraction(mg_i_mM))
