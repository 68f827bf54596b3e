"""Scenarios (issue 6): validation errors with field paths, the run pipeline, the report and the
direction of every layer boundary (dose → serum → CSF → block → wind-up)."""

import json

import pytest
import xarray as xr

from magnesim.errors import ScenarioError
from magnesim.scenario import Scenario, load_scenario, parse_scenario
from magnesim.scenario.pipeline import run_scenario

from ..cli._support import assert_one_line_error, run
from ._support import DEFAULT, EXAMPLES


def test_five_examples_and_the_default_validate():
    names = {load_scenario(p).name for p in EXAMPLES} | {load_scenario().name}
    assert len(EXAMPLES) >= 5 and len(names) == len(EXAMPLES) + 1


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_each_example_runs_and_writes_results_and_report(scenario_run, example):
    result = scenario_run(example.stem)  # magnesim run EXAMPLE --json --quiet, once per session
    summary = json.loads(result.out)
    assert result.code == 0 and len(summary["time_points"]) == len(load_scenario(example).times)
    ds = xr.open_dataset(result.path / "results.nc")
    assert ds.attrs["scenario_name"] == load_scenario(example).name and "tissue_mg_mM" in ds
    page = result.report.read_text()
    assert page.count("<img ") >= 3 and "<h2>Parameters</h2>" in page and "Jahr" in page


def test_default_run_summary(scenario_run):
    result = scenario_run(DEFAULT)  # magnesim run --out DIR, once per session
    assert result.code == 0 and "wrote" in result.out and "6/6 done" in result.err  # the progress bar is on stderr
    ds = xr.open_dataset(result.path / "results.nc")
    assert set(ds.data_vars) >= {"serum_total_mM", "csf_ionized_mM", "unblocked_fraction", "windup_index", "excitotoxic_death_fraction", "mgatp_fraction"}
    assert ds.tissue_mg_mM.values[0, 0] < ds.tissue_mg_mM.values[-1, 0]  # the infusion raises CSF Mg2+


def test_schema_is_json_schema(capsys):
    code, out, _ = run(capsys, "scenario", "schema")
    schema = json.loads(out)
    assert code == 0 and {"name", "regimen", "subject", "experiments", "times"} <= set(schema["properties"]) and schema["required"] == ["name", "regimen"]


BAD = [
    ("- just\n- a list\n", "got list"),
    ("name: x\nregimen: zuspan\nsubject: {wieght: 70 kg}\n", "subject.wieght: unknown key; accepted: weight, height"),
    ("name: x\nregimen: zuspan\nsubject: {weight: 70 mM}\n", "subject.weight: got '70 mM' (a concentration)"),
    ("name: x\nregimen: -4 g MgSO4.7H2O IV over 20 min\n", "regimen: got '-4 g MgSO4.7H2O IV over 20 min' (negative amount)"),
    ("name: x\n", "regimen: missing"),
    ("regimen: zuspan\n", "name: missing"),
    ("name: x\nregimen: zuspan\ntissue: brain\n", "tissue: got 'brain'"),
    ("name: x\nregimen: zuspan\ntimes: [1 h, 100 h]\n", "times.1: got '100 h' (after the end)"),
    ("name: x\nregimen: zuspan\nexperiments: {windup: {frequency: 1 mM}}\n", "experiments.windup.frequency: got '1 mM'"),
    ("name: [x\n", "not valid YAML at line 2"),
    ("name: x\nregimen: zuspan\ntissue: local\n", "tissue: got 'local'; accepted: local only with a topical regimen"),
    # bounds that belong to the models are checked before anything runs, with the field path
    ("name: x\nregimen: zuspan\nexperiments: {windup: {frequency: 10 Hz}}\n", "experiments.windup.frequency: got '10 Hz' (out of range)"),
    ("name: x\nregimen: zuspan\nexperiments: {network: {duration: 1 s}}\n", "experiments.network.duration: got '1 s' (out of range)"),
    ("name: x\nregimen: zuspan\nsubject: {sex: male, pregnant: true}\n", "subject.pregnant: got True; accepted: pregnancy only with sex female"),
    ("name: x\nregimen: zuspan\nsubject: {weight: 400 kg}\n", "subject.weight: got 400.0; accepted: a value from 2 to 300 kg"),
    ("name: x\nregimen: zuspan\nsubject: {weight: [70, 80]}\n", "subject.weight: got [70, 80]; accepted: a body weight"),
    ("name: x\nregimen: zuspan\nbody: {output_step: 1.5 min}\n", "body.output_step: got 0.025; accepted: a multiple of the solver step"),
]


@pytest.mark.parametrize(("text", "message"), BAD, ids=[m[:24] for _, m in BAD])
def test_malformed_scenario_one_line_exit_2_nothing_written(capsys, tmp_path, text, message):
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    out = tmp_path / "out"
    assert_one_line_error(capsys, ["run", str(path), "--out", str(out)], message)
    assert not out.exists()


def test_missing_or_unreadable_file(capsys, tmp_path):
    assert_one_line_error(capsys, ["run", str(tmp_path / "nope.yaml")], "scenario: got")
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\xff\xfe\x00")
    assert_one_line_error(capsys, ["run", str(binary)], "(not UTF-8 text); accepted: a readable UTF-8 YAML scenario file")


def test_out_that_cannot_be_a_directory(capsys, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert_one_line_error(capsys, ["run", "--out", str(blocker / "sub")], "--out: got")


def test_the_api_checks_like_the_cli():
    with pytest.raises(ScenarioError, match="tissue: got 'local'"):
        run_scenario(Scenario(name="x", regimen="zuspan", tissue="local"))


def test_a_population_pk_body_model_runs_and_reports_its_sources(capsys, tmp_path):
    path = tmp_path / "preset.yaml"
    path.write_text("name: preset\nregimen: zuspan\nbody: {model: salinger-2013, duration: 6 h}\ntissue: serum\ntimes: [1 h]\n"
                    "experiments: {block: {}}\n")
    code, _, _ = run(capsys, "run", str(path), "--out", str(tmp_path / "out"), "--quiet")
    page = (tmp_path / "out" / "report.html").read_text()
    assert code == 0 and "salinger_2013.cl" in page and "Salinger et al. 2013, BJOG" in page  # every parameter with its source


def _outcomes(regimen, tissue="csf"):
    s = parse_scenario(f"name: t\nregimen: {regimen}\ntissue: {tissue}\ntimes: [1 h]\nbody: {{duration: 2 h}}\n"
                       "experiments: {block: {}, windup: {}}\n")
    ds = run_scenario(s)
    at = {"time_h": 1.0}
    return {"serum": float(ds.serum_ionized_mM.sel(at)[0]), "csf": float(ds.csf_ionized_mM.sel(at)[0]),
            "unblocked": float(ds.unblocked_fraction_at_rest[0, 0]), "index": float(ds.windup_index[0, 0]),
            "excess": float(ds.windup_excess[0, 0])}


LOW, HIGH = "2 g MgSO4.7H2O IV over 20 min", "8 g MgSO4.7H2O IV over 20 min"


def test_a_larger_dose_moves_every_layer_in_the_expected_direction():
    low, high = _outcomes(LOW), _outcomes(HIGH)
    assert high["serum"] > low["serum"]            # dose → serum
    assert high["csf"] > low["csf"]                # serum → CSF (by 4%, against 90% in serum)
    assert high["unblocked"] < low["unblocked"]    # CSF → NMDA block
    assert high["excess"] <= low["excess"]         # block → wind-up: spike counts move little at CSF levels


def test_block_to_windup_with_serum_levels():
    """At serum levels (1.5 vs 0.8 mM) the wind-up index and the added spikes both fall clearly.
    At CSF levels the index is not reliably monotone (its first-response denominator jitters by a spike)."""
    low, high = _outcomes(LOW, "serum"), _outcomes(HIGH, "serum")
    assert high["unblocked"] < low["unblocked"] and high["index"] < low["index"] and high["excess"] < low["excess"]


def test_a_toy_experiment_is_one_module():
    """Everything a scenario needs from an experiment is its Stage: the schema accepts its settings
    (checked with their path), the pipeline runs it and maps its outcome, and the summary reports it."""
    import numpy as np
    from pydantic import Field

    from magnesim._spec_fields import Strict
    from magnesim.errors import ParameterError, invalid
    from magnesim.report.html import summary_table
    from magnesim.scenario import scenario_model
    from magnesim.scenario.stages import STAGES, Outcome, Stage, StageResult

    class DoubleSpec(Strict):
        factor: float = Field(2.0, description="what [Mg2+]o is multiplied by")

    def resolve(spec):
        if spec.factor <= 0:
            raise ParameterError(invalid("factor", spec.factor, "a positive number"))
        return {"factor": spec.factor}

    def run_toy(settings, mg):
        return StageResult(outcomes=(Outcome("toy_scaled_mg", settings["factor"] * mg, {"units": "mM"}, label="toy"),))

    schema = scenario_model((*STAGES, Stage("toy", 99, DoubleSpec, resolve, run_toy)))
    text = "name: t\nregimen: zuspan\ntimes: [1 h]\nbody: {duration: 2 h}\nexperiments: {toy: {factor: 3}}\n"
    ds = run_scenario(parse_scenario(text, schema=schema))
    np.testing.assert_allclose(ds.toy_scaled_mg.values, 3 * ds.tissue_mg_mM.values, rtol=1e-5)  # stages see [Mg2+] to 5 decimals
    assert summary_table(ds)[0] == ["time_h", "tissue_mg_mM", "toy_scaled_mg"]
    with pytest.raises(ScenarioError, match=r"scenario: experiments\.toy\.factor: got -1\.0; accepted: a positive number"):
        parse_scenario(text.replace("factor: 3", "factor: -1"), schema=schema)
    with pytest.raises(ScenarioError, match=r"experiments\.toy"):  # the built-in schema does not know it
        parse_scenario(text)
