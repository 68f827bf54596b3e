"""``magnesim calibrate``: writes fit.json and patch.yaml; a bad spec is one line, exit 2, nothing written."""

import json

import yaml

from magnesim.params import library

from ..cli._support import assert_one_line_error, run

SPEC = """\
name: csf-ratio
parameters:
  - id: body.csf_ratio
targets:
  - mckee_csf_ratio
"""


def test_cli_writes_fit_and_patch(capsys, tmp_path):
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC)
    code, out, _ = run(capsys, "calibrate", str(spec), "--out", str(tmp_path / "out"), "--quiet")
    assert code == 0, out
    assert "calibration csf-ratio: 1 parameter, 1 target, 1 start" in out and "body.csf_ratio" in out and "mckee_csf_ratio" in out
    fit = json.loads((tmp_path / "out" / "fit.json").read_text())
    (row,) = fit["parameters"]
    assert row["id"] == "body.csf_ratio" and fit["loss"] < fit["initial_loss"]
    assert fit["laplace"]["positive_definite"] and row["standard_error"] > 0
    patch = yaml.safe_load((tmp_path / "out" / "patch.yaml").read_text())
    (record,) = patch["parameters"]
    lo, hi = library()["body.csf_ratio"].range
    assert record["id"] == "body.csf_ratio" and record["source"] == "magnesim-calibration" and lo <= record["value"] <= hi
    assert "csf-ratio" in record["note"] and "mckee_csf_ratio" in record["note"]


def test_cli_json(capsys, tmp_path):
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC)
    code, out, _ = run(capsys, "calibrate", str(spec), "--out", str(tmp_path / "out"), "--json", "--quiet")
    doc = json.loads(out)
    assert code == 0 and doc["files"]["patch"].endswith("patch.yaml") and doc["targets"][0]["id"] == "mckee_csf_ratio"


def test_cli_bad_spec_exits_2_and_writes_nothing(capsys, tmp_path):
    spec = tmp_path / "bad.yaml"
    spec.write_text(SPEC.replace("body.csf_ratio", "body.nope"))
    out = tmp_path / "out"
    assert_one_line_error(capsys, ["calibrate", str(spec), "--out", str(out)], f"{spec}: parameters.0.id: got 'body.nope'")
    assert not out.exists()
