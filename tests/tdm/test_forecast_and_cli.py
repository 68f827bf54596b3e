"""Forecast, recommendation and the ``magnesim tdm`` command (issue 15): the superposition behind the
candidates, the history cut at the decision time, the CSF bridge against the physiological model, the
report in Chromium, and one-line errors for bad patient files."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pytest

from magnesim.body import Subject, resolve_regimen, simulate_pk
from magnesim.tdm import PresetModel, fit_map, parse_patient
from magnesim.tdm._forecast import Draws, csf_bridge, serum_curves
from magnesim.tdm._recommend import candidates, evaluate, history_until

from .._browser import page_problems
from ..cli._support import assert_one_line_error, run_cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "tdm" / "zuspan_high_level.yaml"
PATIENT = """
subject: {weight: 75 kg, creatinine: 0.7 mg/dL, pregnant: true}
doses: zuspan
levels:
  - {time: 1 h, value: 2.9 mmol/L}
  - {time: 4 h, value: 3.3 mmol/L}
"""


def test_history_until_keeps_what_was_given_by_the_decision_time():
    zuspan = resolve_regimen("zuspan")
    past = history_until(zuspan, 6.0)
    load, infusion = zuspan.events
    assert past.total_mmol() == pytest.approx(load.amount_mmol + infusion.amount_mmol * (6.0 - infusion.start_h) / infusion.duration_h, rel=1e-12)
    assert max(e.end_h for e in past.events) == pytest.approx(6.0)
    im = resolve_regimen("pritchard")
    assert all(e.start_h <= 4.0 for e in history_until(im, 4.0).events)  # the IM dose at 4 h counts as given


def test_candidates_by_superposition_equal_their_direct_simulation():
    p = parse_patient(PATIENT)
    fit = fit_map(PresetModel.of("du-2019", p.subject), p.regimen, p.levels)
    draws = Draws(((fit, np.random.default_rng(0).multivariate_normal(fit.eta, fit.cov, 64)),), "laplace")
    cands = candidates(p)
    rated, best = evaluate(p, draws, cands)
    window = p.now_h + np.arange(0.0, p.horizon_h + 1e-9, 0.25)
    chosen = [0, 5, 1 + 2 * 17 + 1, len(cands) - 1]  # no change, 1 g/h, re-load 4 g + 0.25 g/h, re-load 4 g + 4 g/h
    assert [cands[i].label for i in chosen] == ["no change", "1 g/h", "re-load 4 g, then 0.25 g/h", "re-load 4 g, then 4 g/h"]
    direct = serum_curves(draws, [cands[i].regimen for i in chosen], window)
    for k, i in enumerate(chosen):
        toxic = (direct[k].max(axis=-1) >= 3.5).mean()
        assert rated[i].p_toxic == pytest.approx(toxic, abs=1e-12)
        assert rated[i].median_end_mM == pytest.approx(np.median(direct[k][:, -1]), rel=1e-9)
    rec = rated[best]
    assert rec.meets_bound and rec.p_toxic <= p.toxic_risk
    assert all(c.p_in_range <= rec.p_in_range + 0.005 for c in rated if c.meets_bound and c.reload_g is not None)
    rates = [c for c in rated if c.reload_g == 0.0]
    assert all(a.p_toxic <= b.p_toxic for a, b in itertools.pairwise(rates))  # more drug, more risk


def test_csf_bridge_reproduces_the_physiological_models_csf():
    """Driven by the physiological model's own serum curve, the bridge gives its CSF compartment."""
    subject = Subject(weight_kg=70, scr_mg_dL=0.8, pregnant=True)
    ds = simulate_pk("zuspan", "physiological", subject, hours=24, output_step_h=0.25)
    p = parse_patient(PATIENT)
    import dataclasses

    p = dataclasses.replace(p, subject=subject)
    csf_ion, unblocked = csf_bridge(ds.serum_total_mM.values, ds.time_h.values, p)
    np.testing.assert_allclose(csf_ion[0], ds.csf_ionized_mM.values[0], rtol=2e-3)
    order = np.argsort(csf_ion[0])
    assert np.all((unblocked > 0) & (unblocked < 1)) and np.all(np.diff(unblocked[0][order]) <= 1e-15)  # more Mg2+, more block


@pytest.fixture(scope="module")
def example_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("tdm")
    code, stdout, err = run_cli(["tdm", str(EXAMPLE), "--out", str(out), "--json"])
    return code, stdout, err, out


def test_example_gives_a_recommendation_in_json_and_files(example_run):
    code, stdout, err, out = example_run
    assert code == 0, err
    doc = json.loads(stdout)
    assert doc == {**json.loads((out / "tdm.json").read_text()), "files": doc["files"]}
    assert [f["model"] for f in doc["fits"]] == ["du-2019", "deng-2024"] and sum(f["weight"] for f in doc["fits"]) == pytest.approx(1.0)
    assert all(f["converged"] for f in doc["fits"])
    rec = doc["recommendation"]
    assert rec["meets_bound"] and rec["p_toxic"] <= doc["toxic_risk"] and 0 <= rec["rate_g_per_h"] <= 4
    keep = next(c for c in doc["candidates"] if c["label"] == "no change")
    assert rec["p_in_range"] >= keep["p_in_range"] - 1e-12 or keep["p_toxic"] > doc["toxic_risk"]
    band = doc["forecast"]["recommended"]["serum_total_mM"]
    assert np.all(np.array(band["p5"]) <= np.array(band["p50"])) and np.all(np.array(band["p50"]) <= np.array(band["p95"]))
    assert len(band["p50"]) == len(doc["forecast"]["time_h"])
    block = doc["forecast"]["recommended"]["nmda_unblocked_fraction_at_-60mV"]["p50"]
    assert all(0 < b < 1 for b in block)


def test_report_opens_in_chromium_with_both_figures(browser, example_run):
    _, _, _, out = example_run
    problems, n_images = page_problems(browser, out / "report.html")
    assert problems == [] and n_images == 2
    text = (out / "report.html").read_text()
    assert "Recommendation" in text and "Trade-off" in text


def test_target_in_mg_per_dl_and_a_single_model(capsys, tmp_path):
    code, out, err = run_cli(["tdm", str(EXAMPLE), "--model", "deng-2024", "--target", "4.4-7.3 mg/dL", "--out", str(tmp_path), "--json"])
    assert code == 0, err
    doc = json.loads(out)
    np.testing.assert_allclose(doc["target_mM"], [4.4 / 2.4305, 7.3 / 2.4305], rtol=1e-3)
    assert [f["model"] for f in doc["fits"]] == ["deng-2024"]


def _patient_file(tmp_path, text):
    path = tmp_path / "patient.yaml"
    path.write_text(text)
    return str(path)


@pytest.mark.parametrize(("text", "message"), [
    (PATIENT.replace("time: 1 h", "time: -1 h"), "time: got '-1 h'"),
    (PATIENT.replace("doses: zuspan", "doses: 4 g MgSO4.7H2O IV over 20 min at 2 h"), "levels.0.time: got 1 h (before the first dose at 2 h)"),
    (PATIENT.replace("2.9 mmol/L", "-2.9 mmol/L"), "levels.0.value: got '-2.9 mmol/L'"),
    (PATIENT.replace("2.9 mmol/L", "nan mmol/L"), "levels.0.value"),
    (PATIENT.replace("2.9 mmol/L", "2.9 mV"), "levels.0.value: got '2.9 mV'"),
    (PATIENT.replace("2.9 mmol/L", "29 mmol/L"), "levels.0.value: got 29 mmol/L; accepted: a serum total Mg above 0 and at most 20"),
    (PATIENT.replace("time: 4 h", "time: 1 h"), "levels: got two levels at 1 h"),
    (PATIENT + "now: 2 h\n", "now: got 2 h (before the last level at 4 h)"),
    (PATIENT.replace("value: 2.9 mmol/L", "below: 0.5 mmol/L, value: 2.9 mmol/L"), "levels.0: got both or neither of value and below"),
    (PATIENT.replace("zuspan", "zuspam"), "doses: regimen"),
    (PATIENT + "target: 3-2 mmol/L\n", "target: got 3-2 mmol/L"),
    (PATIENT + "colour: red\n", "colour: unknown key"),
])
def test_bad_patient_files_give_one_line_with_the_field(capsys, tmp_path, text, message):
    assert_one_line_error(capsys, ["tdm", _patient_file(tmp_path, text), "--out", str(tmp_path / "o")], message)
    assert not (tmp_path / "o" / "tdm.json").exists()


@pytest.mark.parametrize(("argv", "message"), [
    (["--model", "salinger-2013"], "model: got 'salinger-2013'"),
    (["--model", "nonmem"], "model: got 'nonmem'"),
    (["--target", "1.8 mmol/L"], "--target: got '1.8 mmol/L'"),
    (["--posterior", "nuts"], "method: got 'nuts'"),
])
def test_bad_options_give_one_line(capsys, tmp_path, argv, message):
    assert_one_line_error(capsys, ["tdm", str(EXAMPLE), "--out", str(tmp_path), *argv], message)
