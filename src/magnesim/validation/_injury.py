"""Predictors of the injury and energy layers: excitotoxic death in culture, the rat lesion, MgATP."""

from __future__ import annotations

import dataclasses
import functools

import numpy as np

__all__ = ["acute_death", "antagonist_rescue", "chronic_death_ratio", "chronic_ed50", "chronic_hill_slope", "lesion_protection", "lesion_untreated", "mgatp_apparent_kd"]


@functools.cache
def _acute():
    from ..experiments import excitotox

    return excitotox("NMDA", 500.0, ["2 min", "5 min", "7.5 min"], 0.0,
                     antagonist_at=["5 min", "35 min", "72 h"]).isel(conc_uM=0, mg_mM=0).death_fraction


def acute_death(duration_min: float) -> float:
    """Death at 24 h after a 500 µM NMDA exposure of ``duration_min`` in Mg2+-free medium (no antagonist)."""
    return float(_acute().sel(duration_min=duration_min).isel(antagonist_at_min=-1))


def antagonist_rescue(at_min: float) -> float:
    """Share of the cells a 5-min exposure kills that an antagonist added at ``at_min`` saves."""
    from ..experiments.excitotox import rescued_fraction

    return float(rescued_fraction(_acute().sel(duration_min=5.0), at_min))


CHRONIC_GRID_UM = np.geomspace(0.05, 1000.0, 53)  # concentrations of the 24-h curves (shared with scripts/calibrate_injury.py)


@functools.cache
def _chronic(agonist: str, mg_mM: float):
    """Death after 24 h of ``agonist`` on CHRONIC_GRID_UM at ``mg_mM``."""
    from ..experiments import excitotox

    return CHRONIC_GRID_UM, excitotox(agonist, CHRONIC_GRID_UM, "24 h", mg_mM).death_fraction.values.ravel()


def _crossing(conc, death, level: float) -> float:
    """Concentration where ``death`` first reaches ``level``: log-linear between the grid points that
    straddle it; inf if none does."""
    k = np.nonzero(death >= level)[0]
    if k.size == 0 or k[0] == 0:
        return float("inf") if k.size == 0 else float(conc[0])
    i = k[0]
    w = (level - death[i - 1]) / (death[i] - death[i - 1])
    return float(np.exp(np.log(conc[i - 1]) + w * (np.log(conc[i]) - np.log(conc[i - 1]))))


def curve_ed50_and_hill(conc, death) -> tuple[float, float]:
    """ED50 and Hill coefficient of a concentration–death curve, on the curve over its maximum: studies
    report ED50s of half-maximal death (LDH release relative to the largest insult), not of half the
    cells. Hill coefficient = ln 9 / ln(C75/C25), C25 and C75 giving 25% and 75% of the maximum.
    Shared with scripts/calibrate_injury.py."""
    death = np.asarray(death, dtype=float)
    relative = death / death.max() if death.max() > 0 else death
    c25, c50, c75 = (_crossing(conc, relative, level) for level in (0.25, 0.5, 0.75))
    return c50, float(np.log(9.0) / np.log(c75 / c25))


def chronic_ed50(agonist: str, mg_mM: float) -> float:
    """Concentration (µM) at which a 24-h exposure causes half-maximal death."""
    return curve_ed50_and_hill(*_chronic(agonist, mg_mM))[0]


def chronic_hill_slope(agonist: str, mg_mM: float) -> float:
    """Steepness of the 24-h concentration–death curve as a Hill coefficient (see :func:`curve_ed50_and_hill`)."""
    return curve_ed50_and_hill(*_chronic(agonist, mg_mM))[1]


def chronic_death_ratio(agonist: str, conc_uM: float, reference_uM: float, mg_mM: float) -> float:
    """Death after 24 h at ``conc_uM`` over death at ``reference_uM`` (how studies normalise to a maximal insult)."""
    from ..experiments import excitotox

    death = excitotox(agonist, [conc_uM, reference_uM], "24 h", mg_mM).death_fraction.values.ravel()
    return float(death[0] / death[1])


@functools.cache
def _lesion():
    from ..experiments import lesion

    return lesion("2,3,4 mmol/kg")


def lesion_untreated() -> float:
    """Share of the hemisphere lost to 25 nmol NMDA without Mg2+ (P7 rat)."""
    return float(_lesion().attrs["lesion_fraction_no_mg"])


def lesion_protection(dose_mmol_per_kg: float) -> float:
    """Protection (%) by one i.p. Mg2+ dose 15 min after the NMDA."""
    return float(_lesion().protection_pct.sel(mg_dose_mmol_per_kg=dose_mmol_per_kg))


def mgatp_apparent_kd(ph: float) -> float:
    from ..energy import MgATPEquilibrium

    return float(dataclasses.replace(MgATPEquilibrium(), ph=ph).apparent_kd())
