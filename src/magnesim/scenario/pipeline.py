"""From a scenario to results: body model → tissue [Mg2+] at the sampling times → neural experiments.

The body model runs the regimen for the subject (or the virtual population). At each sampling time
the tissue's Mg2+ (CSF ionized, serum ionized, or ionized Mg in the tissue under a topical
application) is read — for a population, its 5th, 50th and 95th percentiles. Each chosen experiment
(a stage, :mod:`magnesim.scenario.stages`) then runs once on the distinct [Mg2+] values (one
compiled call each) and its outcomes are mapped back onto (time point, quantile); outcomes that the
summary reports carry their label in the ``outcome`` attribute. Everything lands in one xarray Dataset.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import numpy as np

from .._provenance import version
from ._load import ScenarioPlan, check_scenario
from ._schema import Scenario

__all__ = ["run_scenario", "steps"]

_QUANTILES = (0.05, 0.5, 0.95)
_TISSUE = {"csf": "csf_ionized_mM", "serum": "serum_ionized_mM", "local": "local_tissue_ionized_mM"}


def steps(s: Scenario) -> list[str]:
    """The stages ``run_scenario`` goes through (for a progress bar)."""
    return ["body", *(name for name in type(s).stages if getattr(s.experiments, name) is not None)]


def run_scenario(s: Scenario | ScenarioPlan, progress: Callable[[str], None] | None = None, scenario_text: str = "", *,
                 uncertainty: int | None = None, uncertainty_seed: int = 0):
    """Run every stage of ``s`` (a scenario, checked here, or the plan :func:`check_scenario` returned);
    ``progress(stage)`` is called as each stage starts. Returns an xarray Dataset.

    ``uncertainty`` N draws N sets of the body model's uncertain parameters
    (:func:`magnesim.params.draw_models`) for every subject; the ``quantile`` dimension then holds the
    5th, 50th and 95th percentiles over draws (and subjects). Each outcome is computed at those
    percentiles of the tissue [Mg2+]: for an outcome monotone in [Mg2+] (block, excitotoxic death)
    these are its own percentiles; for one that is not (the wind-up index at CSF levels) the band is
    its range over the three levels. The neural models' parameters are held at their library values."""
    from ..body import simulate_pk

    plan = s if isinstance(s, ScenarioPlan) else check_scenario(s)
    s = plan.scenario
    progress = progress or (lambda stage: None)
    progress("body")
    pop = s.population
    body = simulate_pk(s.regimen, s.body.model, plan.subject, plan.duration_h,
                       population=None if pop is None else pop.size, seed=None if pop is None else pop.seed,
                       output_step_h=plan.output_step_h, uncertainty=uncertainty, uncertainty_seed=uncertainty_seed)
    times = np.array(plan.times_h)
    at = body[_TISSUE[s.tissue]].interp(time_h=times).values  # (subject, time)
    banded = pop is not None or uncertainty is not None
    quantiles = np.array(_QUANTILES) if banded else np.array([0.5])
    tissue = np.quantile(at, quantiles, axis=0).T  # (time, quantile); one subject: its own values
    distinct, where = np.unique(np.round(tissue, 5), return_inverse=True)
    where = where.reshape(tissue.shape)

    ds = body.assign_coords(time_point_h=("time_point", times, {"units": "h"}), quantile=("quantile", quantiles))
    ds["tissue_mg_mM"] = (("time_point", "quantile"), tissue,
                          {"units": "mM", "long_name": f"[Mg2+]o used by the experiments ({s.tissue})", "outcome": "tissue [Mg2+]o (mM)"})
    ds.attrs = {f"body.{k}": v for k, v in body.attrs.items()}
    ds.attrs["band"] = _band_text(pop, uncertainty)
    for name, settings in plan.settings.items():
        progress(name)
        result = type(s).stages[name].run(settings, distinct)
        ds = ds.assign_coords(result.coords)
        for o in result.outcomes:
            ds[o.name] = (("time_point", "quantile", *o.dims), np.asarray(o.values)[where], {**o.attrs, **({"outcome": o.label} if o.label else {})})
        for k, v in result.variables.items():
            ds[k] = v
        for k, v in result.provenance.items():
            ds.attrs[f"{name}.{k}"] = v if isinstance(v, str | int | float) else json.dumps(v, default=str)
    ds.attrs.update({"magnesim_version": version(), "scenario_name": s.name, "scenario": scenario_text or json.dumps(s.model_dump()),
                     "scenario_json": json.dumps(s.model_dump()), "tissue": s.tissue, "seed": -1 if pop is None else pop.seed})
    return ds


def _band_text(pop, uncertainty) -> str:
    """What the 5th-95th percentile band of every outcome covers."""
    parts = ([f"between-subject variability ({pop.size} virtual subjects)"] if pop is not None else []) + (
        [f"body-model parameter uncertainty ({uncertainty} draws; neural-model parameters held)"] if uncertainty else [])
    return " and ".join(parts) if parts else "none (one subject, library parameter values)"
