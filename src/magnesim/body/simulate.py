"""Run a regimen through a body model for one subject or a virtual population → xarray Dataset.

>>> from magnesim.body import simulate_pk
>>> ds = simulate_pk("zuspan", hours=24)              # physiological model, default subject
>>> float(ds.serum_total_mM.sel(time_h=4.0).squeeze()) # doctest: +SKIP

Every variable has dimensions (subject, time_h): serum total, ultrafilterable and ionized Mg;
CSF total and ionized; fast-exchanging tissue; the tissue under a topical application site; cumulative urinary Mg (since
t = 0) and cumulative dose; amounts in every compartment (with a ``compartment`` dimension) and
the mass-balance residual ``initial + dosed + absorbed diet − body − urine − never absorbed``.
PopPK presets model serum only: their CSF and local-tissue variables are NaN, their urine is the
excess over baseline, and their ionized Mg uses the physiological model's serum fractions.
"""

from __future__ import annotations

import json

import numpy as np

from .._provenance import model_provenance, parameter_record, version
from ..errors import ParameterError, invalid
from ..params import DRAW_RULE, draw_models, library, posteriors, value
from .dose_language import parse_regimen
from .linear import solve_linear
from .named import NAMED_REGIMENS, named_regimen
from .physiological import STATES, Physiological
from .poppk import PRESETS, preset
from .population import covariates, lognormal_sigma
from .regimen import Regimen
from .subject import Subject

__all__ = ["DT_H", "MODELS", "THRESHOLDS", "check_uncertainty", "hours_above", "output_times", "resolve_regimen", "simulate_pk", "threshold_values"]

MODELS = ("physiological", *PRESETS)
THRESHOLDS = ("therapeutic_low", "therapeutic_high", "reflex_loss", "respiratory_paralysis", "cardiac_conduction", "cardiac_arrest")
_MAX_HOURS = 24 * 365
DT_H = 1.0 / 60.0  # the physiological model's RK4 step (h)


MAX_DRAW_ROWS = 20_000  # draws x subjects in one batch: ~1.3 GB of states over 48 h at a 15-min output step


# the time series every body model reports, in the order of the Dataset (popPK presets: nan where they have no such state)
_SERIES = ("serum_total_mM", "serum_ultrafilterable_mM", "serum_ionized_mM", "csf_total_mM", "csf_ionized_mM", "local_tissue_mM",
           "local_tissue_ionized_mM", "fast_tissue_mM", "urine_cumulative_mmol", "dosed_cumulative_mmol", "body_mmol")

def check_uncertainty(uncertainty: int | None, model: str, subjects: int) -> None:
    """``uncertainty`` is None or 2-100000 parameter draws of the physiological model, at most
    MAX_DRAW_ROWS draws x ``subjects`` (they run as one batch)."""
    if uncertainty is None:
        return
    if isinstance(uncertainty, bool) or not isinstance(uncertainty, int | np.integer) or not 2 <= uncertainty <= 100_000:
        raise ParameterError(invalid("uncertainty", uncertainty, "a number of parameter draws from 2 to 100000"))
    if model != "physiological":
        raise ParameterError(invalid("uncertainty", uncertainty, "the physiological body model (the popPK presets carry their published "
                                     "inter-individual variability instead: use a population)", f"body model {model}"))
    if uncertainty * subjects > MAX_DRAW_ROWS:
        raise ParameterError(invalid("uncertainty", uncertainty, f"at most {MAX_DRAW_ROWS} draws x subjects in one run",
                                     f"{uncertainty * subjects} with {subjects} subjects"))


def threshold_values() -> dict[str, float]:
    """Serum total Mg (mmol/L) of each of :data:`THRESHOLDS`, from the parameter library."""
    return {k: value(f"threshold.{k}", "mmol/L") for k in THRESHOLDS}


def resolve_regimen(regimen: str | Regimen) -> Regimen:
    """A Regimen from a name (pritchard, zuspan, sibai, dhaka), dose text, or Regimen."""
    if isinstance(regimen, Regimen):
        return regimen
    if not isinstance(regimen, str):
        raise ParameterError(invalid("regimen", regimen, "a named regimen or a dose text"))
    if regimen.strip().lower() in NAMED_REGIMENS:
        return named_regimen(regimen)
    return parse_regimen(regimen)


def hours_above(serum_total_mM: np.ndarray, time_h: np.ndarray, threshold_mM: float) -> np.ndarray:
    """Hours with serum ≥ threshold, with crossings located by linear interpolation (last axis: time)."""
    c = np.asarray(serum_total_mM, dtype=float) - threshold_mM
    a, b = c[..., :-1], c[..., 1:]
    dt = np.diff(time_h)
    both = (a >= 0) & (b >= 0)
    up = (a < 0) & (b >= 0)
    down = (a >= 0) & (b < 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        frac_up = np.where(up, b / (b - a), 0.0)
        frac_down = np.where(down, a / (a - b), 0.0)
    return np.sum(dt * (both + frac_up + frac_down), axis=-1)


def output_times(hours: float, step: float, dt_h: float | None = None) -> np.ndarray:
    """The output grid (h) of a run of ``hours`` sampled every ``step``; with a fixed-step solver of
    step ``dt_h`` the output step must be a whole number of solver steps."""
    if not np.isfinite(hours) or not 0 < hours <= _MAX_HOURS:
        raise ParameterError(invalid("hours", hours, f"a duration from 0 to {_MAX_HOURS} h, exclusive of 0"))
    if not 0 < step <= hours:
        raise ParameterError(invalid("output_step_h", step, f"a step from 0 to {hours} h"))
    if dt_h is not None and abs(round(step / dt_h) * dt_h - step) > 1e-9 * step:
        raise ParameterError(invalid("output_step_h", step, f"a multiple of the solver step {dt_h:g} h"))
    n = int(round(hours / step))
    return np.linspace(0.0, n * step, n + 1)


def simulate_pk(regimen: str | Regimen, model: str = "physiological", subject: Subject | None = None, hours: float = 48.0, *,
                population: int | None = None, seed: int | None = None, output_step_h: float = 0.25, dt_h: float = DT_H,
                skin_permeability_cm_s: float | None = None, uncertainty: int | None = None, uncertainty_seed: int = 0):
    """Simulate ``regimen`` (name, dose text or Regimen) for ``hours``; returns an xarray Dataset.

    ``uncertainty`` N (physiological model only) runs every subject with N draws of the model's
    uncertain parameters (:func:`magnesim.params.draw_models`): the ``subject`` dimension then holds
    draw-major rows with a ``draw`` coordinate, and the attrs record the drawn values and the held ids."""
    import xarray as xr

    reg = resolve_regimen(regimen)
    subject = subject or Subject()
    name = model.strip().lower()
    times = output_times(hours, output_step_h, dt_h if name == "physiological" else None)
    cov = covariates(subject, population, seed)
    check_uncertainty(uncertainty, name, cov.n)
    draws = 1 if uncertainty is None else int(uncertainty)
    if name == "physiological":
        data, prov = _physiological(reg, cov, times, dt_h, skin_permeability_cm_s, draws, uncertainty_seed)
    else:
        data, prov = _preset(preset(name), reg, cov, times, population, seed)
    tile = lambda x: np.tile(np.asarray(x), draws)  # draw-major rows
    ds = xr.Dataset(
        {k: (v[0], v[1], {"units": v[2]}) for k, v in data.items()},
        coords={
            "subject": np.arange(cov.n * draws), "time_h": ("time_h", times, {"units": "h"}),
            "compartment": list(STATES) if name == "physiological" else list(preset(name).states),
            "weight_kg": ("subject", tile(cov.weight_kg), {"units": "kg"}),
            "creatinine_mg_dL": ("subject", tile(cov.creatinine_mg_dL), {"units": "mg/dL"}),
            "gfr_mL_min": ("subject", tile(cov.gfr_mL_min), {"units": "mL/min"}),
            **({"draw": ("subject", np.repeat(np.arange(draws), cov.n))} if uncertainty is not None else {}),
        },
    )
    thresholds = threshold_values()
    for k, c in thresholds.items():
        ds[f"hours_above_{k}"] = ("subject", hours_above(ds.serum_total_mM.values, times, c), {"units": "h", "threshold_mM": c})
    ds.attrs.update(prov)
    ds.attrs.update({
        "magnesim_version": version(), "model": name, "regimen": reg.text or repr(reg.events),
        "events": json.dumps([e.__dict__ for e in reg.events]),
        "subject": json.dumps(subject.__dict__), "population": population or 0, "seed": -1 if seed is None else seed,
        "thresholds_mM": json.dumps(thresholds),
    })
    return ds


def _physiological(reg: Regimen, cov, times, dt_h, skin_permeability, draws: int = 1, draw_seed: int = 0, model: Physiological | None = None):
    import dataclasses

    import jax

    m = model or Physiological()
    if skin_permeability is not None:
        if not np.isfinite(skin_permeability) or not 0 <= skin_permeability <= 1e-4:
            raise ParameterError(invalid("skin_permeability", skin_permeability, "a permeability from 0 to 1e-4 cm/s"))
        m = dataclasses.replace(m, skin_permeability=float(skin_permeability))
    models, drawn, held = ([m], {}, []) if draws == 1 else draw_models(m, draws, draw_seed)
    area = max((e.area_cm2 for e in reg.events if e.route == "topical"), default=0.0)
    # one batch of rows, draw-major: every draw runs every subject, in one compiled call
    p = jax.tree_util.tree_map(lambda *xs: np.concatenate(xs), *(k.params(cov.weight_kg, cov.gfr_mL_min * 0.06, area) for k in models))
    x0 = m.baseline_state(p)
    step = times[1] - times[0]
    every = int(round(step / dt_h))  # whole: output_times checked it
    n_steps = every * (times.size - 1)
    inputs = m.inputs(reg, n_steps, dt_h)  # shared by every row: the parameters that shape doses are held (Physiological.held_in_draws)
    xs = m.simulate(p, x0, inputs, dt_h, every)  # (B, T, 13)
    dosed = np.concatenate([[0.0], inputs.delivered[every - 1 :: every]])[: times.size]
    diet = np.asarray(p.diet)[:, None] * times[None, :]
    initial = x0[:, :11].sum(axis=1)[:, None]
    residual = initial + dosed[None, :] + diet - xs.sum(axis=-1)
    seen = Physiological.observe(p, xs)
    seen["urine_cumulative_mmol"] = seen["urine_cumulative_mmol"] - seen["urine_cumulative_mmol"][:, :1]
    seen["dosed_cumulative_mmol"] = dosed
    data = {name: (("time_h",) if name == "dosed_cumulative_mmol" else ("subject", "time_h"), seen[name],
                   "mmol" if name.endswith("_mmol") else "mmol/L") for name in _SERIES}
    data["amount_mmol"] = (("subject", "time_h", "compartment"), xs, "mmol")
    data["mass_balance_residual_mmol"] = (("subject", "time_h"), residual, "mmol")
    prov = model_provenance(m)
    prov.update({"integrator": f"classical RK4, fixed step {dt_h:g} h, inputs exact per step", "dt_h": dt_h,
                 "diet_absorbed_mmol_per_day": 24 * m.diet_absorbed_per_h()})
    if draws > 1:
        prov.update({"uncertainty_draws": draws, "uncertainty_seed": draw_seed, "uncertainty_held": json.dumps(held),
                     "uncertainty_drawn": json.dumps({k: [float(x) for x in v] for k, v in drawn.items()}),
                     "uncertainty_rule": DRAW_RULE,
                     "uncertainty_posteriors": json.dumps(sorted({f"{q.name} ({q.script})" for pid, q in posteriors().items() if pid in drawn}))})
    return data, prov


def _preset(p, reg: Regimen, cov, times, population, seed, eta_normals=None):
    """Serum of a popPK preset; ``eta_normals`` (one row of standard normals per variable parameter)
    replace the seeded draws of a population (sweeps draw them per subject)."""
    p.check_routes(reg)
    t = p.typical(cov.weight_kg, cov.creatinine_mg_dL, cov.crcl_mL_min, cov.bmi)
    if population is not None and eta_normals is None:
        rng = np.random.default_rng(None if seed is None else seed + 1)  # the covariates used `seed`
        eta_normals = rng.standard_normal((len(p.variability()), cov.n))
    if eta_normals is not None:
        import dataclasses

        t = dataclasses.replace(t, **{key: getattr(t, key) * np.exp(lognormal_sigma(cv) * z)
                                      for (key, cv), z in zip(p.variability().items(), eta_normals, strict=True)})
    amounts, dosed, undelivered = solve_linear(p.system(t), reg, times)
    serum = t.baseline + amounts[..., 0] / np.asarray(t.vc)[:, None]
    m = Physiological()
    computed = {  # a preset has no CSF or application site: the series it does not compute are NaN
        "serum_total_mM": serum, "serum_ultrafilterable_mM": m.f_uf * serum, "serum_ionized_mM": m.f_ion * m.f_uf * serum,
        "fast_tissue_mM": amounts[..., 1] / np.asarray(t.vp)[:, None] if p.compartments == 2 else None,
        "urine_cumulative_mmol": amounts[..., -1], "body_mmol": amounts[..., :-1].sum(axis=-1),
    }
    unit = lambda name: "mmol" if name.endswith("_mmol") else "mmol/L"
    data = {name: (("time_h",), dosed, "mmol") if name == "dosed_cumulative_mmol" else
            (("subject", "time_h"), v if (v := computed.get(name)) is not None else np.full_like(serum, np.nan), unit(name)) for name in _SERIES}
    data |= {
        "amount_mmol": (("subject", "time_h", "compartment"), amounts, "mmol"),
        "mass_balance_residual_mmol": (("subject", "time_h"), dosed[None, :] - amounts.sum(axis=-1) - undelivered, "mmol"),
    }
    lib = library()
    lib_params = {pid: parameter_record(lib[pid], lib[pid].value, lib[pid].unit) for pid in p.parameter_ids}
    prov = {"model": p.name, "model_citation": _citation(p.citation), "parameters": json.dumps(lib_params, sort_keys=True),
            "integrator": "exact (matrix exponential per piecewise-constant segment)",
            "note": "popPK preset: serum total Mg only; urine is the excess over baseline"}
    return data, prov


def _citation(key: str) -> str:
    return library().citations[key].full()
