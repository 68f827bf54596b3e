"""Predictors of the body layer: distribution at baseline, serum and CSF under regimens, kidney,
oral and skin absorption (physiological model and popPK presets), and the P7 rat."""

from __future__ import annotations

import functools
import json

import numpy as np

from ._registry import predictor

_MG_MG_PER_MMOL = 24.305


def _subject(subject: dict | None):
    from ..body import Subject

    return Subject(**(subject or {}))


@functools.cache
def _simulate(regimen: str, model: str, subject_json: str, hours: float, step_h: float):
    from ..body import simulate_pk

    return simulate_pk(regimen, model, _subject(json.loads(subject_json)), hours=hours, output_step_h=step_h)


def _run(regimen, hours, subject=None, model="physiological", step_h=1 / 12):
    return _simulate(regimen, model, json.dumps(subject or {}, sort_keys=True), float(hours), float(step_h))


_BASELINE = "0.001 mmol IV"  # a negligible dose: the diet-held steady state
_ECF = ("serum", "fast_tissue", "csf")
_BONE = ("bone_surface", "bone_mineral")


@predictor("body_baseline")
def body_baseline(quantity: str, subject: dict | None = None) -> float:
    """A steady-state quantity of the physiological model (no dose)."""
    ds = _run(_BASELINE, 1, subject).isel(subject=0, time_h=0)
    amounts = ds.amount_mmol.to_series()
    body = float(ds.body_mmol)
    values = {
        "body_mmol": lambda: body,
        "bone_fraction": lambda: amounts[list(_BONE)].sum() / body,
        "ecf_fraction": lambda: amounts[list(_ECF)].sum() / body,
        "serum_total_mM": lambda: float(ds.serum_total_mM),
        "serum_ionized_mM": lambda: float(ds.serum_ionized_mM),
        "serum_ionized_fraction": lambda: float(ds.serum_ionized_mM / ds.serum_total_mM),
        "csf_total_mM": lambda: float(ds.csf_total_mM),
        "csf_ionized_mM": lambda: float(ds.csf_ionized_mM),
        "csf_serum_ratio": lambda: float(ds.csf_total_mM / ds.serum_total_mM),
    }
    return float(values[quantity]())


@predictor("urine_per_day")
def urine_per_day(subject: dict | None = None) -> float:
    """Urinary Mg (mmol) over the second day at steady state."""
    ds = _run(_BASELINE, 48, subject, step_h=1.0).isel(subject=0)
    urine = ds.urine_cumulative_mmol
    return float(urine.sel(time_h=48.0) - urine.sel(time_h=24.0))


@predictor("fractional_excretion")
def fractional_excretion(subject: dict | None = None) -> float:
    """Urinary Mg over the filtered load (ultrafilterable serum Mg × GFR) at steady state."""
    from ..body import Physiological

    m, s = Physiological(), _subject(subject)
    c0 = float(m.baseline_serum(m.subject_params(s))[0])
    return m.diet_absorbed_per_h() / (s.gfr_L_h * m.f_uf * c0)


@predictor("csf_rise")
def csf_rise(regimen: str, hours: float, subject: dict | None = None) -> float:
    """Relative rise of CSF total Mg at ``hours`` over baseline."""
    csf = _run(regimen, hours, subject, step_h=1.0).csf_total_mM.isel(subject=0)
    return float(csf.sel(time_h=float(hours)) / csf.isel(time_h=0) - 1)


@predictor("serum_total_at")
def serum_total_at(regimen: str, time_h: float, subject: dict | None = None, model: str = "physiological",
                   relative: bool = False) -> float:
    """Serum total Mg (mM) at ``time_h``, or its ratio to the value before the dose."""
    serum = _run(regimen, max(24.0, time_h), subject, model).serum_total_mM.isel(subject=0)
    at = float(serum.sel(time_h=time_h, method="nearest"))
    return at / float(serum.isel(time_h=0)) if relative else at


@predictor("serum_total_max")
def serum_total_max(regimen: str, start_h: float, end_h: float, subject: dict | None = None) -> float:
    """Highest serum total Mg (mM) between ``start_h`` and ``end_h``."""
    serum = _run(regimen, end_h, subject).serum_total_mM.isel(subject=0)
    return float(serum.sel(time_h=slice(start_h, end_h)).max())


@predictor("urine_fraction_of_dose")
def urine_fraction_of_dose(regimen: str, hours: float, subject: dict | None = None) -> float:
    """Urinary Mg above the diet's share over ``hours``, as a fraction of the dose."""
    from ..body import Physiological

    ds = _run(regimen, hours, subject, step_h=1.0)
    excess = float(ds.urine_cumulative_mmol.isel(subject=0, time_h=-1)) - hours * Physiological().diet_absorbed_per_h()
    return excess / float(ds.dosed_cumulative_mmol.isel(time_h=-1))


@predictor("oral_fraction")
def oral_fraction(dose_mmol: float, salt: str = "mg") -> float:
    """Absorbable fraction of one oral dose (Fine curve × salt factor)."""
    from ..body import Physiological

    return Physiological().oral_absorbable(dose_mmol, salt) / dose_mmol


@predictor("delivered_mg")
def delivered_mg(regimen: str, hours: float) -> float:
    """Mg (mg) that crossed the skin by ``hours``."""
    return float(_run(regimen, hours, step_h=0.25).dosed_cumulative_mmol.isel(time_h=-1)) * _MG_MG_PER_MMOL


@functools.cache
def _rat(dose_mmol_per_kg: float, route: str):
    from ..body import RatPK

    return RatPK().simulate(dose_mmol_per_kg, route, hours=24.0)


@predictor("rat_serum_ionized")
def rat_serum_ionized(dose_mmol_per_kg: float, route: str, time_h: float) -> float:
    out = _rat(dose_mmol_per_kg, route)
    return float(np.interp(time_h, out["time_h"], out["serum_ionized_mM"][0]))


@predictor("rat_brain_rise")
def rat_brain_rise(dose_mmol_per_kg: float, route: str) -> float:
    """Peak relative rise of brain (CSF) ionized Mg within 24 h of one dose."""
    csf = _rat(dose_mmol_per_kg, route)["csf_ionized_mM"][0]
    return float(csf.max() / csf[0] - 1)
