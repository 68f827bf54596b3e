"""`magnesim pk`: JSON for a subject and a population, figures, and one-line errors."""

import json

import pytest

from ._support import assert_one_line_error, run

SERIES = ("serum_total_mM", "serum_ionized_mM", "csf_total_mM", "csf_ionized_mM", "urine_cumulative_mmol")


def test_pk_json_single_subject(capsys):
    code, out, _ = run(capsys, "pk", "--regimen", "zuspan", "--hours", "24", "--json")
    doc = json.loads(out)
    assert code == 0 and doc["model"] == "physiological"
    assert len(doc["time_h"]) == 97 and doc["time_h"][-1] == 24
    for key in SERIES:
        assert len(doc[key]) == 97
    assert doc["serum_total_mM"][0] == pytest.approx(0.857, abs=0.01)
    assert set(doc["hours_above"]) == {"therapeutic_low", "therapeutic_high", "reflex_loss", "respiratory_paralysis",
                                       "cardiac_conduction", "cardiac_arrest"}
    assert doc["mass_balance_residual_max_mmol"] < 1e-8


def test_pk_json_population_percentiles(capsys):
    code, out, _ = run(capsys, "pk", "--regimen", "4 g MgSO4.7H2O IV over 20 min, then 2 g/h IV for 24 h", "--model", "du-2019",
                       "--weight", "85kg", "--creatinine", "0.8mg/dL", "--pregnant", "--hours", "24", "--population", "300", "--seed", "1", "--json")
    doc = json.loads(out)
    assert code == 0 and doc["population"] == 300
    s = doc["serum_total_mM"]
    assert set(s) == {"p5", "p50", "p95"} and all(a <= b <= c for a, b, c in zip(s["p5"], s["p50"], s["p95"], strict=True))
    assert doc["csf_total_mM"] is None  # popPK presets have no CSF
    assert set(doc["hours_above"]["therapeutic_low"]) == {"threshold_mM", "p5", "p50", "p95", "fraction_reaching"}


def test_pk_summary_plot_and_topical(capsys, tmp_path):
    path = tmp_path / "pk.png"
    code, out, _ = run(capsys, "pk", "--regimen", "MgCl2 cream 56 mg Mg daily x 3 on 200 cm2 for 8 h", "--hours", "3days",
                         "--skin-permeability", "2.6e-8cm/s", "--plot", str(path))
    assert code == 0 and path.stat().st_size > 10_000
    assert "tissue under the application site" in out and "hours with serum total" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--regimen", "4 g MgSO4 IV"], "--regimen: got '4 g MgSO4 IV' ('MgSO4' is ambiguous"),
        (["--regimen", "nope"], "--regimen: got 'nope' (no route)"),
        (["--model", "foo"], "--model: got 'foo'; accepted: physiological, salinger-2013, du-2019, lu-2002, deng-2024"),
        (["--weight", "-3kg"], "--weight: got '-3kg' (out of range)"),
        (["--weight", "1kg"], "--weight: got 1.0; accepted: a value from 2 to 300 kg"),
        (["--weight", "70mM"], "--weight: got '70mM' (a concentration)"),
        (["--creatinine", "0.8mg/dL", "--gfr", "100mL/min"], "one of --creatinine or --gfr"),
        (["--gfr", "5000mL/min"], "--gfr: got 5000.0"),
        (["--hours", "0"], "--hours: got 0.0"),
        (["--hours", "-5h"], "--hours: got '-5h' (out of range)"),
        (["--population", "0"], "--population: got 0"),
        (["--sex", "x"], "--sex: got 'x'; accepted: female or male"),
        (["--sex", "male", "--pregnant"], "--pregnant: got True"),
        (["--regimen", "flotation 60 min", "--model", "du-2019"], "(route immersion); accepted: IV or IM routes with model du-2019"),
        (["--skin-permeability", "-1cm/s"], "--skin-permeability: got '-1cm/s' (out of range)"),
    ],
)
def test_pk_bad_input(capsys, argv, message):
    assert_one_line_error(capsys, ["pk", *argv], message)
