"""The command line: outputs, JSON shapes, figures, and one-line errors with exit status 2."""

import json
import subprocess
import sys

import pytest

from ._support import assert_one_line_error, run


def test_block_default_summary(capsys):
    code, out, _ = run(capsys, "block")
    assert code == 0
    assert "jahr-stevens-1990" in out and "Jahr & Stevens 1990" in out
    row = next(line for line in out.splitlines() if line.strip().startswith("-60.0"))
    assert row.split()[1:] == ["0.1475", "0.0796", "0.0415"]  # 0.5, 1 and 2 mM
    assert "At rest (-70 mV)" in out


def test_block_json(capsys):
    code, out, _ = run(capsys, "block", "--mg", "1mM", "--v", "-60mV", "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["model"] == "jahr-stevens-1990" and doc["subunit"] is None
    assert doc["points"] == [{"mg_mM": 1.0, "v_mV": -60.0, "unblocked_fraction": pytest.approx(0.0796, abs=5e-4)}]


def test_block_grid_subunit_and_internal(capsys):
    code, out, _ = run(capsys, "block", "--mg", "0,0.5,1,2mM", "--v", "-100mV:40mV:10mV", "--subunit", "2D", "--mg-in", "0.5mM", "--json")
    doc = json.loads(out)
    assert code == 0 and doc["model"] == "woodhull" and doc["subunit"] == "GluN2D" and doc["mg_in_mM"] == 0.5
    assert len(doc["points"]) == 4 * 15
    assert {p["mg_mM"] for p in doc["points"]} == {0.0, 0.5, 1.0, 2.0}


def test_block_units(capsys):
    _, a, _ = run(capsys, "block", "--mg", "2mEq/L", "--v", "-0.06V", "--json")
    _, b, _ = run(capsys, "block", "--mg", "1", "--v", "-60", "--json")
    assert json.loads(a)["points"][0]["unblocked_fraction"] == pytest.approx(json.loads(b)["points"][0]["unblocked_fraction"])


def test_block_plot(capsys, tmp_path):
    path = tmp_path / "family.png"
    code, _, err = run(capsys, "block", "--mg", "0.5,1,2", "--v", "-100:40:5", "--plot", str(path))
    assert code == 0 and path.stat().st_size > 10_000 and "figure written" in err


def test_unblock_json_and_plot(capsys, tmp_path):
    path = tmp_path / "unblock.svg"
    code, out, _ = run(capsys, "unblock", "--model", "kampa-2004", "--mg", "1mM", "--from", "-70mV", "--to", "40mV", "--json", "--plot", str(path))
    doc = json.loads(out)
    assert code == 0 and path.exists()
    assert [set(c) for c in doc["components"]] == [{"tau_ms", "weight"}] * 3
    assert doc["components"][0]["tau_ms"] == pytest.approx(0.1, rel=0.3)
    assert doc["components"][1]["tau_ms"] == pytest.approx(4.0, rel=0.3)
    assert sum(c["weight"] for c in doc["components"]) == pytest.approx(1.0)
    assert doc["relaxation_modes_ms"]


def test_models_and_params(capsys):
    code, out, _ = run(capsys, "models", "--json")
    names = [m["name"] for m in json.loads(out)]
    assert code == 0 and names[:4] == ["jahr-stevens-1990", "woodhull", "antonov-johnson-1999", "kampa-2004"]
    assert all(m["citation"] for m in json.loads(out))
    code, out, _ = run(capsys, "params", "--search", "glun2d", "--json")
    rows = json.loads(out)
    assert code == 0 and {r["id"] for r in rows} == {"woodhull.glun2d.k0", "woodhull.glun2d.delta"}
    assert all(r["source"] and r["confidence"] and r["unit"] for r in rows)
    code, out, _ = run(capsys, "params")
    assert code == 0 and "jahr_stevens_1990.k0" in out


BAD = [
    (["block", "--mg", "-60mV"], "--mg: got '-60mV' (a voltage); accepted: a concentration"),
    (["block", "--mg", "-1mM"], "--mg: got '-1mM' (out of range)"),
    (["block", "--mg", "nan"], "--mg: got 'nan' (not finite)"),
    (["block", "--mg", "inf mM"], "--mg: got 'inf mM' (not finite)"),
    (["block", "--v", "5mM"], "--v: got '5mM' (a concentration); accepted: a voltage"),
    (["block", "--v", "-100:40"], "--v: got '-100:40' (malformed list or range)"),
    (["block", "--v", "-100:40:0"], "STEP must be non-zero"),
    (["block", "--v", "-100:40:-10"], "STEP must be non-zero"),
    (["block", "--mg", ""], "--mg: got '' (empty)"),
    (["block", "--mg", ",,"], "--mg: got ',,' (malformed list or range)"),
    (["block", "--model", "bogus"], "--model: got 'bogus'; accepted: jahr-stevens-1990, woodhull"),
    (["block", "--subunit", "GluN3A"], "--subunit: got 'GluN3A'; accepted: GluN2A, GluN2B, GluN2C, GluN2D"),
    (["block", "--model", "kampa-2004", "--subunit", "2A"], "--subunit: got '2A' (model kampa-2004 has no subunit presets)"),
    (["block", "--mg-in", "-0.5mM"], "--mg-in: got '-0.5mM' (out of range)"),
    (["block", "--plot", "/no/such/dir/x.png"], "--plot: got '/no/such/dir/x.png' (directory does not exist)"),
    (["block", "--plot", "x.gif"], "--plot: got 'x.gif' (unsupported format)"),
    (["block", "--frobnicate"], "No such option: --frobnicate"),
    (["unblock", "--model", "woodhull"], "--model: got 'woodhull' (instantaneous block has no time course)"),
    (["unblock", "--from", "1mM"], "--from: got '1mM' (a concentration)"),
    (["unblock", "--at", "-5ms"], "--at: got '-5ms' (out of range)"),
    (["unblock", "--exponentials", "0"], "--exponentials: got 0; accepted: an integer from 1 to 5"),
    (["nosuchcommand"], "No such command"),
]


@pytest.mark.parametrize(("argv", "message"), BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_input_one_line_exit_2(capsys, argv, message):
    assert_one_line_error(capsys, argv, message)


@pytest.mark.parametrize("argv", [["block", "--mg", "-60mV"], ["block", "--model", "nope", "--json"], ["block", "--v"]])
def test_real_process_exit_status_and_no_traceback(argv):
    proc = subprocess.run([sys.executable, "-m", "magnesim", *argv], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert proc.stdout == ""


def test_help_exits_zero():
    proc = subprocess.run([sys.executable, "-m", "magnesim", "block", "--help"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "--mg" in proc.stdout
