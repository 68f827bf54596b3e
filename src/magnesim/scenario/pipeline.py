"""From a scenario to results: body model → tissue [Mg2+] at the sampling times → neural experiments.

The body model runs the regimen for the subject (or the virtual population). At each sampling time
the tissue's Mg2+ (CSF ionized, serum ionized, or ionized Mg in the tissue under a topical
application) is read — for a population, its 5th, 50th and 95th percentiles. Each chosen experiment
then runs once on the distinct [Mg2+] values (one compiled call each) and its outcome is mapped back
onto (time point, quantile). Everything lands in one xarray Dataset.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import numpy as np

from .._provenance import version
from ..units import HOURS, to_kernel
from ._load import check_scenario, scenario_subject
from ._schema import Scenario

__all__ = ["run_scenario", "steps"]

_QUANTILES = (0.05, 0.5, 0.95)
_TISSUE = {"csf": "csf_ionized_mM", "serum": "serum_ionized_mM", "local": "local_tissue_ionized_mM"}
_REST_MV = -60.0  # the resting potential at which the summary reports block (Jahr & Stevens' reference voltage)


def steps(s: Scenario) -> list[str]:
    """The stages ``run_scenario`` goes through (for a progress bar)."""
    return ["body", *(name for name in ("block", "windup", "network", "excitotox", "energetics") if getattr(s.experiments, name) is not None)]


def run_scenario(s: Scenario, progress: Callable[[str], None] | None = None, scenario_text: str = "", *,
                 uncertainty: int | None = None, uncertainty_seed: int = 0):
    """Run every stage of ``s``; ``progress(stage)`` is called as each stage starts. Returns an xarray Dataset.

    ``uncertainty`` N draws N sets of the body model's uncertain parameters
    (:func:`magnesim.params.draw_models`) for every subject; the ``quantile`` dimension then holds the
    5th, 50th and 95th percentiles over draws (and subjects). Each outcome is computed at those
    percentiles of the tissue [Mg2+]: for an outcome monotone in [Mg2+] (block, excitotoxic death)
    these are its own percentiles; for one that is not (the wind-up index at CSF levels) the band is
    its range over the three levels. The neural models' parameters are held at their library values."""
    from ..body import simulate_pk

    check_scenario(s)
    progress = progress or (lambda stage: None)
    progress("body")
    pop = s.population
    body = simulate_pk(s.regimen, s.body.model, scenario_subject(s), to_kernel(s.body.duration, "body.duration", HOURS),
                       population=None if pop is None else pop.size, seed=None if pop is None else pop.seed,
                       output_step_h=to_kernel(s.body.output_step, "body.output_step", HOURS),
                       uncertainty=uncertainty, uncertainty_seed=uncertainty_seed)
    times = np.array([to_kernel(t, "times", HOURS) for t in s.times])
    at = body[_TISSUE[s.tissue]].interp(time_h=times).values  # (subject, time)
    banded = pop is not None or uncertainty is not None
    quantiles = np.array(_QUANTILES) if banded else np.array([0.5])
    tissue = np.quantile(at, quantiles, axis=0).T  # (time, quantile); one subject: its own values
    distinct, where = np.unique(np.round(tissue, 5), return_inverse=True)
    where = where.reshape(tissue.shape)

    ds = body.assign_coords(time_point_h=("time_point", times, {"units": "h"}), quantile=("quantile", quantiles))
    ds["tissue_mg_mM"] = (("time_point", "quantile"), tissue, {"units": "mM", "long_name": f"[Mg2+]o used by the experiments ({s.tissue})"})
    ds.attrs = {f"body.{k}": v for k, v in body.attrs.items()}
    ds.attrs["band"] = _band_text(pop, uncertainty)

    def mapped(values, name, attrs):
        ds[name] = (("time_point", "quantile"), np.asarray(values)[where], attrs)

    ex = s.experiments
    if ex.block is not None:
        progress("block")
        from ..experiments import block_curves

        b = block_curves(mg=distinct, model=ex.block.model, **_given(v=ex.block.voltages))
        rest = block_curves(_REST_MV, distinct, ex.block.model).unblocked_fraction.isel(v_mV=0)
        ds = ds.assign_coords(v_mV=b.v_mV)
        ds["unblocked_fraction"] = (("time_point", "quantile", "v_mV"), b.unblocked_fraction.values[where], {"units": "1"})
        ds["unblocked_fraction_at_rest"] = (("time_point", "quantile"), rest.values[where],
                                            {"units": "1", "long_name": f"NMDA unblocked fraction at {_REST_MV:g} mV"})
        _prov(ds, "block", b)
    if ex.windup is not None:
        progress("windup")
        from ..experiments import windup

        w = windup(distinct, **_given(freq=ex.windup.frequency, stimuli=ex.windup.stimuli)).squeeze()
        mapped(np.atleast_1d(w.windup_index.values), "windup_index", {"units": "1", "frequency_hz": float(w.freq_hz)})
        mapped(np.atleast_1d(w.windup_excess.values), "windup_excess", {"units": "spikes"})
        _prov(ds, "windup", w)
    if ex.network is not None:
        progress("network")
        from ..experiments import network

        n = network(distinct, **_given(duration=ex.network.duration, seed=ex.network.seed)).squeeze()
        mapped(np.atleast_1d(n.event_rate_per_min.values), "network_event_rate_per_min", {"units": "1/min", "duration_ms": n.attrs["duration_ms"]})
        mapped(np.atleast_1d(n.exc_rate_hz.values), "network_exc_rate_hz", {"units": "Hz"})
        _prov(ds, "network", n)
    if ex.excitotox is not None:
        progress("excitotox")
        from ..experiments import excitotox

        e = excitotox(mg=distinct, **_given(agonist=ex.excitotox.agonist, conc=ex.excitotox.conc, duration=ex.excitotox.duration)).squeeze()
        mapped(np.atleast_1d(e.death_fraction.values), "excitotoxic_death_fraction",
               {"units": "1", "hours": e.attrs["hours"], "long_name": f"share of cultured neurons dead {e.attrs['hours']:g} h after the challenge",
                "challenge": f"{float(e.conc_uM):g} uM {e.attrs['agonist']} for {float(e.duration_min):g} min"})
        _prov(ds, "excitotox", e)
    if ex.energetics is not None:
        progress("energetics")
        from ..experiments import energetics

        g = energetics(**_given(mg_i=ex.energetics.mg_i))
        ds = ds.assign_coords(mg_i_mM=g.mg_i_mM)
        for k in ("mgatp_fraction", "pump_rate_relative"):
            ds[k] = g[k]
        _prov(ds, "energetics", g)
    ds.attrs.update({"magnesim_version": version(), "scenario_name": s.name, "scenario": scenario_text or json.dumps(s.model_dump()),
                     "scenario_json": json.dumps(s.model_dump()), "tissue": s.tissue, "seed": -1 if pop is None else pop.seed})
    return ds


def _band_text(pop, uncertainty) -> str:
    """What the 5th-95th percentile band of every outcome covers."""
    parts = ([f"between-subject variability ({pop.size} virtual subjects)"] if pop is not None else []) + (
        [f"body-model parameter uncertainty ({uncertainty} draws; neural-model parameters held)"] if uncertainty else [])
    return " and ".join(parts) if parts else "none (one subject, library parameter values)"


def _given(**settings) -> dict:
    """The settings the scenario states; the rest take the experiment's defaults."""
    return {k: v for k, v in settings.items() if v is not None}


def _prov(ds, prefix: str, result) -> None:
    for k, v in result.attrs.items():
        ds.attrs[f"{prefix}.{k}"] = v if isinstance(v, str | int | float) else json.dumps(v, default=str)
