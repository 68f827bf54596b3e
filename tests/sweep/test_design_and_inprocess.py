"""Sweep designs and the in-process engine (issue 14): conditions as the spec states them, rows that do
not depend on chunking, sweeps that equal the direct APIs, and one-line errors that write nothing."""

from __future__ import annotations

import numpy as np
import pytest
import xarray as xr

from magnesim.body import Subject, hours_above, simulate_pk
from magnesim.errors import MagnesimError
from magnesim.experiments import block
from magnesim.sweep import design, read_sweep, summarize, sweep

from ..cli._support import assert_one_line_error, run

POP = {"name": "pop", "kind": "body", "body": {"model": "du-2019", "regimen": "zuspan", "duration": "24 h", "output_step": "30 min",
                                                "subject": {"weight": "70 kg", "creatinine": "0.8 mg/dL", "pregnant": True}},
       "grid": {"regimen": ["zuspan", "pritchard"]}, "population": 600, "seed": 7, "chunk": 250, "keep": ["serum_total_mM"]}


def test_grid_and_random_conditions():
    d = design(read_sweep({"name": "b", "kind": "block", "grid": {"mg": "0:2:1 mM", "v": [-80, "-0.04 V"]}, "chunk": 4}))
    assert d.n_conditions == 6 and d.n_chunks == 2 and d.chunk(1) == (4, 6, 0, 1)
    np.testing.assert_array_equal(d.conditions["mg_mM"], [0, 0, 1, 1, 2, 2])  # the last factor varies fastest
    np.testing.assert_array_equal(d.conditions["v_mV"], [-80, -40] * 3)
    r = design(read_sweep({"name": "r", "kind": "windup", "grid": {"freq": ["0.5 Hz", "2 Hz"]},
                           "random": {"n": 4000, "factors": {"mg": {"uniform": ["0.5 mM", "2 mM"]}}}, "seed": 3}))
    mg = r.conditions["mg_mM"].reshape(2, 4000)
    np.testing.assert_array_equal(mg[0], mg[1])  # random draws shared by every grid cell
    assert 0.5 <= mg.min() and mg.max() <= 2.0 and abs(mg.mean() - 1.25) < 0.03  # 4 SD of the mean


def test_random_numbers_do_not_depend_on_chunking(tmp_path):
    a = sweep(POP, tmp_path / "a.zarr", scheduler="inprocess").open().load()
    b = sweep({**POP, "chunk": 1000}, tmp_path / "b.zarr", scheduler="inprocess").open().load()
    assert a.attrs["chunk_shape"] != b.attrs["chunk_shape"]
    for k in ("weight_kg", "creatinine_mg_dL", "gfr_mL_min"):
        np.testing.assert_array_equal(a[k].values, b[k].values)
    for k in ("peak_serum_total_mM", "serum_total_mM", "hours_above_therapeutic_low"):
        np.testing.assert_allclose(a[k].values, b[k].values, rtol=1e-12, atol=1e-12)
    assert np.isfinite(a.peak_serum_total_mM.values).all()  # every chunk written


def test_body_rows_equal_direct_simulation(tmp_path):
    """A subject of the sweep, re-simulated alone with its covariates and random effects, gives the
    same serum (so sweep rows are the model, not an approximation of it)."""
    spec = {**POP, "grid": {}, "population": 40, "chunk": 40, "body": {**POP["body"], "model": "physiological"}}
    ds = sweep(spec, tmp_path / "p.zarr", scheduler="inprocess").open().load()
    for s in (0, 17, 39):
        one = Subject(weight_kg=float(ds.weight_kg[0, s]), gfr_mL_min=float(ds.gfr_mL_min[0, s]), pregnant=True)
        direct = simulate_pk("zuspan", subject=one, hours=24, output_step_h=0.5).serum_total_mM.values[0]
        np.testing.assert_allclose(ds.serum_total_mM.values[0, s], direct, rtol=1e-10)
        assert ds.hours_above_therapeutic_low.values[0, s] == pytest.approx(hours_above(direct, ds.time_h.values, 1.8))


def test_block_sweep_equals_the_block_experiment(tmp_path):
    spec = {"name": "b", "kind": "block", "grid": {"mg": "0:3:0.25 mM", "v": "-100:40:10 mV"}, "chunk": 37}
    ds = sweep(spec, tmp_path / "b.zarr", scheduler="inprocess").open().load()
    ref = block(v="-100:40:10 mV", mg="0:3:0.25 mM").unblocked_fraction.values.ravel()
    np.testing.assert_array_equal(ds.unblocked_fraction.values, ref)
    assert ds.sweep_chunk_done.values.all()


def test_summary_percentiles(tmp_path):
    ds = sweep(POP, tmp_path / "s.zarr", scheduler="inprocess").open()
    s = summarize(ds)
    peak = ds.peak_serum_total_mM.values
    np.testing.assert_allclose(s.peak_serum_total_mM.sel(condition=1).values, np.quantile(peak[1], [0.05, 0.5, 0.95]))
    assert float(s.share_reaching_therapeutic_low[0]) == pytest.approx(np.mean(ds.hours_above_therapeutic_low.values[0] > 0))
    assert s.serum_total_mM.dims == ("quantile", "condition", "time_h")


@pytest.mark.parametrize(("change", "message"), [
    ({"grid": {"potassium": [1, 2]}}, "grid.potassium: got an unknown factor"),
    ({"grid": {"weight": ["-5 kg"]}}, "grid.weight"),
    ({"kind": "cell"}, "kind: got 'cell'"),
    ({"keep": ["heart_rate"]}, "keep: got 'heart_rate'"),
    ({"population": 0}, "population: got 0"),
    ({"grid": {"weight": ["70 kg", "400 kg"]}}, "weight: got 400.0; accepted: a value from 2 to 300 kg"),
    ({"body": {"regimen": "4 g IV over 20 min every potato"}}, "regimen"),
])
def test_bad_specs_are_one_line_errors_and_write_nothing(tmp_path, capsys, change, message):
    import yaml

    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump({**POP, **change}))
    store = tmp_path / "never.zarr"
    assert_one_line_error(capsys, ["sweep", str(path), "--out", str(store), "--scheduler", "inprocess"], message)
    assert not store.exists()


def test_existing_store_needs_resume_and_the_same_sweep(tmp_path, capsys):
    import yaml

    path = tmp_path / "pop.yaml"
    path.write_text(yaml.safe_dump(POP))
    store = tmp_path / "pop.zarr"
    code, out, _ = run(capsys, "sweep", str(path), "--out", str(store), "--scheduler", "inprocess", "--quiet")
    assert code == 0 and "6 chunks (6 computed, 0 already done)" in out and "share_reaching_therapeutic_low" in out
    before = xr.open_zarr(store).load()
    assert_one_line_error(capsys, ["sweep", str(path), "--out", str(store), "--scheduler", "inprocess"], "it exists")
    code, out, _ = run(capsys, "sweep", str(path), "--out", str(store), "--scheduler", "inprocess", "--resume", "--quiet")
    assert code == 0 and "(0 computed, 6 already done)" in out
    assert xr.open_zarr(store).load().identical(before)
    path.write_text(yaml.safe_dump({**POP, "seed": 8}))
    assert_one_line_error(capsys, ["sweep", str(path), "--out", str(store), "--resume", "--scheduler", "inprocess"], "another sweep")
    with pytest.raises(MagnesimError, match="scheduler"):
        sweep(POP, tmp_path / "x.zarr", scheduler="slurm")


def test_library_parameter_factor_sets_the_physiological_model(tmp_path):
    """A parameter-library id as a factor replaces that field of the physiological model: a higher
    renal threshold keeps more Mg in serum (Rude 1988's titration), nothing else changes."""
    spec = {**POP, "grid": {"body.renal_threshold": ["0.5 mmol/L", "0.65 mmol/L"]}, "population": None, "chunk": 1,
            "body": {**POP["body"], "model": "physiological"}}
    ds = sweep(spec, tmp_path / "lib.zarr", scheduler="inprocess").open().load()
    assert ds["body.renal_threshold"].attrs["sets"] == "body.renal_threshold" and ds.subject.size == 1
    end = ds.end_serum_total_mM.values[:, 0]
    assert end[1] > end[0] + 0.05
    np.testing.assert_array_equal(ds.weight_kg.values, 70.0)
    with pytest.raises(MagnesimError, match=r"grid.body.renal_threshold"):
        design(read_sweep({**spec, "grid": {"body.renal_threshold": ["-1 mmol/L"]}}))


def test_windup_step_is_a_checked_quantity():
    assert design(read_sweep({"name": "w", "kind": "windup", "windup": {"dt": "25 us"}, "grid": {"mg": [1]}})).spec.windup.dt == "25 us"
    with pytest.raises(MagnesimError, match=r"windup.dt: got '5 ms' \(out of range\); accepted: a time from 0.005 to 0.1 ms"):
        read_sweep({"name": "w", "kind": "windup", "windup": {"dt": "5 ms"}})
