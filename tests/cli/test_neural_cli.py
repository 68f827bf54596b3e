"""CLI of the neural layers: ``fire`` and ``windup`` (JSON shape, plots, one-line errors)."""

import json

import pytest

from ._support import assert_one_line_error, run


def test_fire_json(capsys):
    code, out, _ = run(capsys, "fire", "--current", "200pA", "--nmda-scale", "0", "--duration", "200ms", "--json")
    doc = json.loads(out)
    assert code == 0 and doc["spikes"] > 0 and doc["rate_hz"] == pytest.approx(doc["spikes"] / 0.2)


def test_windup_json_and_plot(capsys, tmp_path):
    png = tmp_path / "w.png"
    code, out, _ = run(capsys, "windup", "--mg", "0.5,1mM", "--stimuli", "4", "--nmda-scale", "1,0", "--json", "--plot", str(png))
    assert code == 0 and png.stat().st_size > 1000
    rows = json.loads(out)["conditions"]
    assert len(rows) == 4
    for r in rows:
        assert set(r) >= {"mg_mM", "freq_hz", "nmda_scale", "spikes_per_stimulus", "windup_index"}
        assert len(r["spikes_per_stimulus"]) == 4 and r["freq_hz"] == 1.0
    ap5 = [r for r in rows if r["nmda_scale"] == 0.0]
    assert len(ap5) == 2 and all(r["windup_index"] == 1.0 for r in ap5)


def test_network_json_and_plot(capsys, tmp_path):
    png = tmp_path / "n.png"
    code, out, _ = run(capsys, "network", "--mg", "0,2mM", "--duration", "2s", "--json", "--plot", str(png))
    assert code == 0 and png.stat().st_size > 1000
    doc = json.loads(out)
    assert doc["analysed_s"] == 1.5 and len(doc["conditions"]) == 2
    for r in doc["conditions"]:
        assert set(r) >= {"mg_mM", "nmda_scale", "events", "event_rate_per_min", "mean_rate_hz"}
        assert r["event_rate_per_min"] == pytest.approx(r["events"] / 1.5 * 60, abs=1e-3)
    assert doc["conditions"][1]["events"] == 0


BAD = [
    (["network", "--mg", "0,x"], "--mg: got"),
    (["network", "--duration", "1s"], "--duration: got '1s' (out of range); accepted: a time from 1500 to 600000 ms"),
    (["network", "--duration", "2mM"], "--duration: got '2mM' (a concentration)"),
    (["network", "--seed", "-3"], "--seed: got"),
    (["network", "--nmda-scale", "11"], "--nmda-scale: got '11' (out of range)"),
    (["network", "--block", "foo"], "--block: got 'foo'"),
    (["windup", "--mg", "-1"], "--mg: got '-1' (out of range)"),
    (["windup", "--freq", "10Hz"], "--freq: got '10Hz' (out of range)"),
    (["windup", "--freq", "1mM"], "--freq: got '1mM' (a concentration)"),
    (["windup", "--seed", "-1"], "--seed: got -1; accepted: a whole number from 0 to 4294967295"),
    (["fire", "--mg", "50M"], "--mg: got '50M' (out of range)"),
    (["windup", "--stimuli", "1"], "--stimuli: got 1; accepted: a whole number of stimuli from 2 to 100"),
    (["windup", "--nmda-scale", "x"], "--nmda-scale: got 'x'"),
    (["windup", "--nmda-scale", "-1"], "--nmda-scale: got '-1' (out of range); accepted: a scale factor from 0 to 10 such as"),
    (["windup", "--nmda-scale", "1mM"], "--nmda-scale: got '1mM' (a concentration)"),
    (["fire", "--na-scale", "-0.5"], "--na-scale: got '-0.5' (out of range)"),
    (["fire", "--duration", "5ms"], "--duration: got '5ms' (out of range); accepted: a time from 10 to 600000 ms"),
    (["windup", "--subunit", "GluN9"], "--subunit: got 'GluN9'"),
    (["windup", "--block", "foo"], "--block: got 'foo'"),
    (["windup", "--plot", "a.txt"], "--plot: got 'a.txt' (unsupported format)"),
    (["fire", "--current", "1mM"], "--current: got '1mM' (a concentration)"),
]


@pytest.mark.parametrize(("argv", "message"), BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_input_one_line_exit_2(capsys, argv, message):
    assert_one_line_error(capsys, argv, message)


def test_energy_json(capsys):
    code, out, _ = run(capsys, "energetics", "--mg-i", "0.1,0.5,1mM", "--json")
    rows = json.loads(out)["conditions"]
    assert code == 0 and [r["mg_i_mM"] for r in rows] == [0.1, 0.5, 1.0]
    assert set(rows[0]) >= {"mg_i_mM", "mgatp_fraction", "pump_rate_relative"}
    assert rows[1]["pump_rate_relative"] == 1.0 and 0.77 < rows[1]["mgatp_fraction"] < 0.78


@pytest.mark.parametrize(("argv", "message"), [
    (["energetics", "--mg-i", "-0.1"], "--mg-i: got '-0.1' (out of range)"),
    (["energetics", "--mg-i", "1mV"], "--mg-i: got '1mV' (a voltage)"),
    (["energetics", "--atp", "0"], "--atp: got '0' (out of range)"),
    (["energy", "--ph", "9"], "--ph: got '9' (out of range)"),  # the earlier command name still works
])
def test_energy_bad_input(capsys, argv, message):
    assert_one_line_error(capsys, argv, message)


def test_excitotox_json(capsys, tmp_path):
    png = tmp_path / "e.png"
    code, out, _ = run(capsys, "excitotox", "--agonist", "NMDA", "--conc", "100uM", "--duration", "10min", "--mg", "0,1,2mM",
                       "--json", "--plot", str(png))
    rows = json.loads(out)["conditions"]
    assert code == 0 and png.stat().st_size > 1000 and [r["mg_mM"] for r in rows] == [0.0, 1.0, 2.0]
    assert set(rows[0]) >= {"mg_mM", "conc_uM", "duration_min", "death_fraction"}
    assert rows[0]["death_fraction"] >= rows[1]["death_fraction"] >= rows[2]["death_fraction"]
    code, out, _ = run(capsys, "excitotox", "--conc", "500", "--duration", "5min", "--mg", "0", "--antagonist-at", "5min", "--json")
    assert json.loads(out)["conditions"][0]["antagonist_at_min"] == 5.0


@pytest.mark.parametrize(("argv", "message"), [
    (["excitotox", "--agonist", "kainate"], "--agonist: got 'kainate'; accepted: NMDA or glutamate"),
    (["excitotox", "--conc", "-1uM"], "--conc: got '-1uM' (out of range)"),
    (["excitotox", "--conc", "1mV"], "--conc: got '1mV' (a voltage)"),
    (["excitotox", "--duration", "10uM"], "--duration: got '10uM'"),
    (["excitotox", "--antagonist-at", "x"], "--antagonist-at: got 'x'"),
    (["excitotox", "--plot", "a.txt"], "--plot: got 'a.txt' (unsupported format)"),
])
def test_excitotox_bad_input(capsys, argv, message):
    assert_one_line_error(capsys, argv, message)


@pytest.mark.slow
def test_lesion_json(capsys, tmp_path):
    png = tmp_path / "l.png"
    code, out, _ = run(capsys, "lesion", "--mg-dose", "0,2,3,4mmol/kg", "--route", "ip", "--at", "15min", "--json", "--plot", str(png))
    rows = json.loads(out)["conditions"]
    assert code == 0 and png.stat().st_size > 1000 and [r["mg_dose_mmol_per_kg"] for r in rows] == [0.0, 2.0, 3.0, 4.0]
    assert set(rows[0]) >= {"mg_dose_mmol_per_kg", "brain_mg_peak_mM", "lesion_relative", "protection_pct"}
    assert rows[0]["protection_pct"] == 0.0 and rows[1]["lesion_relative"] > rows[2]["lesion_relative"] > rows[3]["lesion_relative"]


@pytest.mark.parametrize(("argv", "message"), [
    (["lesion", "--mg-dose", "-1"], "--mg-dose: got '-1' (out of range)"),
    (["lesion", "--mg-dose", "2mmol"], "--mg-dose: got '2mmol' (an amount of substance)"),
    (["lesion", "--route", "oral"], "--route: got 'oral'; accepted: ip, iv, sc"),
    (["lesion", "--at", "5kg"], "--at: got '5kg' (a mass)"),
    (["lesion", "--brain", "blood"], "--brain: got 'blood'; accepted: csf, serum"),
])
def test_lesion_bad_input(capsys, argv, message):
    assert_one_line_error(capsys, argv, message)
