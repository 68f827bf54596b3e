"""Predictors of the body layer: distribution at the diet-held steady state, serum and CSF under
regimens, kidney, oral and skin absorption (physiological model and popPK presets), and the P7 rat."""

from __future__ import annotations

import functools

import numpy as np

__all__ = ["body_baseline", "csf_rise", "delivered_mg", "dietary_fraction_absorbed", "fractional_excretion", "oral_fraction",
           "rat_brain_rise", "rat_serum_ionized", "serum_total_at", "serum_total_max", "urine_fraction_of_dose", "urine_per_day"]

_MG_MG_PER_MMOL = 24.305


def _subject(subject: dict | None):
    from ..body import Subject

    return Subject(**(subject or {}))


@functools.cache
def _simulate(regimen: str, subject, model: str, hours: float):
    from ..body import simulate_pk

    return simulate_pk(regimen, model, subject, hours=hours, output_step_h=1 / 12)


def _run(regimen: str, hours: float, subject: dict | None = None, model: str = "physiological"):
    """One run per (regimen, subject, model), long enough for every target that reads it (24 h at least)."""
    return _simulate(regimen, _subject(subject), model, max(24.0, float(hours))).isel(subject=0)


def body_baseline(quantity: str, subject: dict | None = None) -> float:
    """A quantity of the physiological model's diet-held steady state (no dose)."""
    from ..body.physiological import Physiological
    from ..errors import UnknownNameError, invalid

    m = Physiological()
    if quantity not in m.BASELINE_QUANTITIES:
        raise UnknownNameError(invalid("quantity", quantity, ", ".join(m.BASELINE_QUANTITIES)))
    p = m.subject_params(_subject(subject))
    return float(m.baseline_quantities(p, m.baseline_state(p)[0])[quantity])


def urine_per_day() -> float:
    """Urinary Mg (mmol/day) at the steady state, where the kidney excretes the absorbed diet."""
    from ..body import Physiological

    return 24 * Physiological().diet_absorbed_per_h()


def fractional_excretion(subject: dict | None = None) -> float:
    from ..body import Physiological

    return Physiological().fractional_excretion(_subject(subject))


def csf_rise(regimen: str, hours: float, subject: dict | None = None) -> float:
    """Relative rise of CSF total Mg at ``hours`` over baseline."""
    csf = _run(regimen, hours, subject).csf_total_mM
    return float(csf.sel(time_h=float(hours)) / csf.isel(time_h=0) - 1)


def serum_total_at(regimen: str, time_h: float, subject: dict | None = None, model: str = "physiological",
                   relative: bool = False) -> float:
    """Serum total Mg (mM) at ``time_h``, or its ratio to the value before the dose."""
    serum = _run(regimen, time_h, subject, model).serum_total_mM
    at = float(serum.sel(time_h=time_h, method="nearest", tolerance=1e-6))
    return at / float(serum.isel(time_h=0)) if relative else at


def serum_total_max(regimen: str, start_h: float, end_h: float, subject: dict | None = None) -> float:
    """Highest serum total Mg (mM) between ``start_h`` and ``end_h``."""
    return float(_run(regimen, end_h, subject).serum_total_mM.sel(time_h=slice(start_h, end_h)).max())


def urine_fraction_of_dose(regimen: str, hours: float, subject: dict | None = None) -> float:
    """Urinary Mg above the diet's share over ``hours``, as a fraction of the dose."""
    from ..body import Physiological

    ds = _run(regimen, hours, subject).sel(time_h=float(hours))
    excess = float(ds.urine_cumulative_mmol) - hours * Physiological().diet_absorbed_per_h()
    return excess / float(ds.dosed_cumulative_mmol)


def oral_fraction(dose_mmol: float, salt: str = "mg") -> float:
    """Absorbable fraction of one oral dose (Fine curve × salt factor)."""
    from ..body import Physiological

    return Physiological().oral_absorbable(dose_mmol, salt) / dose_mmol


def dietary_fraction_absorbed() -> float:
    from ..body import Physiological

    return Physiological().dietary_fraction_absorbed()


def delivered_mg(regimen: str, hours: float) -> float:
    """Mg (mg) that crossed the skin by ``hours``."""
    return float(_run(regimen, hours).dosed_cumulative_mmol.sel(time_h=float(hours))) * _MG_MG_PER_MMOL


@functools.cache
def _rat(dose: str, salt: str, route: str):
    from ..body import RatPK
    from ..units import elemental_mmol

    return RatPK().simulate(elemental_mmol(dose, salt), route, hours=24.0)


def rat_serum_ionized(dose: str, salt: str, time_h: float, route: str = "ip") -> float:
    """Serum ionized Mg (mM) of the P7 rat ``time_h`` after ``dose`` of ``salt`` per kg."""
    out = _rat(dose, salt, route)
    return float(np.interp(time_h, out["time_h"], out["serum_ionized_mM"][0]))


def rat_brain_rise(dose: str, salt: str, route: str) -> float:
    """Peak relative rise of perfused brain tissue's total Mg (RatPK.brain_tissue_mM) within 24 h of
    ``dose`` of ``salt`` per kg."""
    tissue = _rat(dose, salt, route)["brain_tissue_mM"][0]
    return float(tissue.max() / tissue[0] - 1)
