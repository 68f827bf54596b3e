"""Parameter uncertainty (issue 13): draws of the body model's parameters, bands through the scenario
pipeline, the CLI summary and errors. The report with bands opens in Chromium in test_report_browser."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from magnesim.body import Physiological, Subject, simulate_pk
from magnesim.params import draw_models, library, posteriors, varied_parameters

from ..cli._support import assert_one_line_error
from ._support import UNCERTAIN


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 2**31 - 1))
def test_draws_stay_in_each_parameters_range_and_hold_calibrated_values_without_a_posterior(seed):
    models, drawn, held = draw_models(Physiological(), 200, seed)
    lib = library()
    joint = posteriors()
    for pid, values in drawn.items():
        lo, hi = lib[pid].range
        base = lib[pid].value
        ratio = values / next(getattr(Physiological(), f) for f, i in varied_parameters(Physiological())[0].items() if i == pid)
        assert np.all((ratio * base >= lo * (1 - 1e-9)) & (ratio * base <= hi * (1 + 1e-9))), pid
        assert lib[pid].evidence != "calibration" or pid in joint
    dose_only = {lib[i].id for f, i in ((f.name, f.metadata.get("param")) for f in __import__("dataclasses").fields(Physiological))
                 if f in Physiological.held_in_draws}
    assert all(lib[pid].evidence in ("calibration", "physical") or lib[pid].range[0] == lib[pid].range[1] or pid in dose_only for pid in held)
    assert dose_only <= set(held)
    assert all(lib[pid].evidence != "calibration" or pid not in joint for pid in held)
    assert {m.renal_splay for m in models} == {Physiological().renal_splay}  # calibrated, no posterior: held
    assert len({m.v_central for m in models}) == 200  # calibrated, in the body-distribution posterior: drawn


def test_draws_spread_by_confidence_and_repeat_with_the_seed():
    """The range is ±z SD around the value on each side (z by confidence), so the value is the median
    and the share of draws inside half of each side is P(|e| < z/2 | |e| < z); a value on an edge of
    its range is drawn on one side only."""
    from scipy.stats import norm

    model = Physiological()
    _, a, _ = draw_models(model, 4000, seed=3)
    _, b, _ = draw_models(model, 4000, seed=3)
    assert all(np.array_equal(a[k], b[k]) for k in a)
    lib = library()
    fields = {pid: f for f, pid in varied_parameters(model)[0].items()}
    checked = 0
    for pid, x in a.items():
        if pid in posteriors():  # drawn jointly: tests/params/test_posterior.py
            continue
        p = lib[pid]
        x = x * p.value / getattr(model, fields[pid])  # back to the library unit
        z = {"high": 3.0, "medium": 2.0, "low": 1.0}[p.confidence]
        lo, hi = p.range
        log = lo > 0
        d = np.log(x / p.value) if log else x - p.value
        below, above = (np.log(p.value / lo), np.log(hi / p.value)) if log else (p.value - lo, hi - p.value)
        if below == 0 or above == 0:
            assert np.all(d >= -1e-12) if below == 0 else np.all(d <= 1e-12), pid
            continue
        within = np.mean(np.where(d < 0, -d / below, d / above) < 0.5)  # inside half of its side of the range
        expected = (2 * norm.cdf(z / 2) - 1) / (2 * norm.cdf(z) - 1)
        assert abs(np.mean(d < 0) - 0.5) < 0.04 and abs(within - expected) < 0.04, (pid, np.mean(d < 0), within, expected)
        checked += 1
    assert checked >= 5


def test_simulate_pk_draws_run_as_rows_and_keep_mass_balance():
    ds = simulate_pk("zuspan", "physiological", Subject(weight_kg=75, scr_mg_dL=0.6, pregnant=True), hours=12, uncertainty=8, uncertainty_seed=1)
    assert ds.serum_total_mM.shape[0] == 8 and list(np.unique(ds.draw.values)) == list(range(8))
    assert float(np.abs(ds.mass_balance_residual_mmol).max()) < 1e-9
    serum = ds.serum_total_mM.sel(time_h=4.0).values
    assert serum.std() > 0.01  # the draws differ
    assert json.loads(ds.attrs["uncertainty_posteriors"]) == ["body-distribution (scripts/calibrate_body.py --write-posterior)"]
    one = simulate_pk("zuspan", "physiological", Subject(weight_kg=75, scr_mg_dL=0.6, pregnant=True), hours=12)
    assert np.min(serum) < float(one.serum_total_mM.sel(time_h=4.0)[0]) * 1.2


def test_scenario_bands_are_the_outcomes_at_the_tissue_percentiles(scenario_run):
    """The tissue band is the 5th-95th percentile of CSF Mg2+ over the 16 draws, recomputed here from the
    body model; block at rest is monotone in [Mg2+], so its band is its value at those two levels."""
    from magnesim.body import simulate_pk
    from magnesim.experiments import block

    result = scenario_run(UNCERTAIN)
    assert result.code == 0, result.err
    summary = json.loads(result.out)
    assert "parameter uncertainty (16 draws" in summary["band"]
    from magnesim.scenario import load_scenario
    from magnesim.scenario._load import scenario_subject

    body = simulate_pk("zuspan", "physiological", scenario_subject(load_scenario()), 48.0, uncertainty=16, uncertainty_seed=0)
    for row in summary["time_points"]:
        csf = body.csf_ionized_mM.interp(time_h=row["time_h"]).values
        lo, hi = np.quantile(csf, [0.05, 0.95])
        assert row["tissue_mg_mM_p5"] == pytest.approx(lo, abs=1e-5) and row["tissue_mg_mM_p95"] == pytest.approx(hi, abs=1e-5)
        rest = block(-60.0, [lo, hi], "jahr-stevens-1990").unblocked_fraction.values.ravel()
        assert row["unblocked_fraction_at_rest_p5"] == pytest.approx(rest[1], rel=1e-4)  # more Mg2+, less unblocked
        assert row["unblocked_fraction_at_rest_p95"] == pytest.approx(rest[0], rel=1e-4)
        for name in ("windup_index", "excitotoxic_death_fraction"):
            assert row[f"{name}_p5"] <= row[name] <= row[f"{name}_p95"], (name, row)


def test_bad_uncertainty_is_one_line(capsys, tmp_path):
    from importlib import resources

    assert_one_line_error(capsys, ["run", "--uncertainty", "1", "--out", str(tmp_path / "a")], "--uncertainty: got 1")
    text = resources.files("magnesim.scenario").joinpath("data", "default.yaml").read_text(encoding="utf-8")
    poppk = tmp_path / "poppk.yaml"
    poppk.write_text(text.replace("model: physiological", "model: du-2019").replace("tissue: csf", "tissue: serum"), encoding="utf-8")
    assert_one_line_error(capsys, ["run", str(poppk), "--uncertainty", "8", "--out", str(tmp_path / "b")], "physiological body model")
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()
