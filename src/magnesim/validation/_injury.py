"""Predictors of the injury and energy layers: excitotoxic death in culture, the rat lesion, MgATP."""

from __future__ import annotations

import dataclasses
import functools

import numpy as np

from .._jax import array_namespace

__all__ = ["acute_death", "antagonist_rescue", "chronic_death_ratio", "chronic_ed50", "chronic_hill_slope", "lesion_protection", "lesion_untreated", "mgatp_apparent_kd"]


# The acute insult (Hartley & Choi 1989: µM NMDA, Mg2+-free) and the exposure (min) whose rescue is read;
# shared with magnesim.calibrate's predictors.
ACUTE_NMDA_UM, ACUTE_MG_MM, RESCUE_EXPOSURE_MIN = 500.0, 0.0, 5.0


@functools.cache
def _acute():
    from ..experiments import excitotox

    return excitotox("NMDA", ACUTE_NMDA_UM, ["2 min", f"{RESCUE_EXPOSURE_MIN} min", "7.5 min"], ACUTE_MG_MM,
                     antagonist_at=["5 min", "35 min", "72 h"]).isel(conc_uM=0, mg_mM=0).death_fraction


def acute_death(duration_min: float) -> float:
    """Death at 24 h after a 500 µM NMDA exposure of ``duration_min`` in Mg2+-free medium (no antagonist)."""
    return float(_acute().sel(duration_min=duration_min).isel(antagonist_at_min=-1))


def antagonist_rescue(at_min: float) -> float:
    """Share of the cells a 5-min exposure kills that an antagonist added at ``at_min`` saves."""
    from ..experiments.excitotox import rescued_fraction

    return float(rescued_fraction(_acute().sel(duration_min=RESCUE_EXPOSURE_MIN), at_min))


CHRONIC_GRID_UM = np.geomspace(0.05, 1000.0, 53)  # concentrations of the 24-h curves (shared with scripts/calibrate_injury.py)


@functools.cache
def _chronic(agonist: str, mg_mM: float):
    """Death after 24 h of ``agonist`` on CHRONIC_GRID_UM at ``mg_mM``."""
    from ..experiments import excitotox

    return CHRONIC_GRID_UM, excitotox(agonist, CHRONIC_GRID_UM, "24 h", mg_mM).death_fraction.values.ravel()


def _crossing(conc, curve, level: float):
    """Concentration where ``curve`` first reaches ``level``: log-linear between the grid points that
    straddle it (the first point if it does already); inf if none does."""
    xp = array_namespace(curve)
    conc = xp.asarray(conc)
    above = curve >= level
    i = xp.argmax(above)  # the first point at or above the level (0 if none is)
    j = xp.maximum(i - 1, 0)
    rise = curve[i] - curve[j]
    w = (level - curve[j]) / xp.where(rise > 0, rise, 1.0)  # rise > 0 wherever w is used; no 0/0 in a gradient
    between = xp.exp(xp.log(conc[j]) + w * (xp.log(conc[i]) - xp.log(conc[j])))
    return xp.where(above.any(), xp.where(i > 0, between, conc[0]), xp.inf)


def curve_ed50_and_hill(conc, death):
    """ED50 and Hill coefficient of a concentration–death curve, on the curve over its maximum: studies
    report ED50s of half-maximal death (LDH release relative to the largest insult), not of half the
    cells. Hill coefficient = ln 9 / ln(C75/C25), C25 and C75 giving 25% and 75% of the maximum.
    Floats for NumPy ``death``; JAX scalars for JAX ``death``, differentiable wherever each crossing stays
    between the same grid points (magnesim.calibrate). Shared with scripts/calibrate_injury.py."""
    xp = array_namespace(death)
    death = xp.asarray(death, dtype=float)
    peak = death.max()
    relative = death / xp.where(peak > 0, peak, 1.0)  # a curve without death stays 0
    c25, c50, c75 = (_crossing(conc, relative, level) for level in (0.25, 0.5, 0.75))
    hill = xp.log(9.0) / xp.log(c75 / c25)
    return (float(c50), float(hill)) if xp is np else (c50, hill)


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
